#include <cstdio>
int main() { std::puts("planview: skeleton"); return 0; }
