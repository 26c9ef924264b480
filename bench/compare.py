#!/usr/bin/python3
"""Times `planview export` and the peer exporters on the same jobs, as whole processes under
/usr/bin/time -v (one untimed warm-up, then --runs runs, medians), and prints the ratios.

The job is the peers' (../shared/peers/README.md): Shanxi county choropleth on `value`, 5 quantile
classes, ColorBrewer YlOrRd, 0.3 px #333333 outlines, Albers, 3000x2400, white, labels `name` 12 px
on/off; and the same on the 2 M and 8 M vertex stress sets.
"""
import argparse
import importlib.util
import json
import os
import re
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

SCENE = """basemap = false
furniture = false
labels = {labels}
size = [3000, 2400]
dpi = 96
background = "#ffffff"

[[layer]]
id = "{ds}"
source = "{src}"
layer = "{layer}"
type = "fill"
fill_field = "value"
method = "quantile"
classes = 5
palette = "YlOrRd"
stroke = "#333333"
stroke_width = 0.3
label = "name"
label_size = 12
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--peers", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", default=None, help="substring of 'tool ds labels=..'")
    ap.add_argument("--no-peers", action="store_true")
    a = ap.parse_args()

    spec = importlib.util.spec_from_file_location("peer_bench", os.path.join(a.peers, "bench.py"))
    pb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pb)
    work = os.path.abspath(a.work)
    out = os.path.join(work, "out")
    os.makedirs(out, exist_ok=True)
    xdg = os.path.join(work, "xdg-runtime")  # QGIS wants one; keep it inside bench/work
    os.makedirs(xdg, mode=0o700, exist_ok=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_RUNTIME_DIR=xdg)

    cfgs = []
    planview = os.path.join(ROOT, "build", "planview")
    for ds, f, layer, nv, nf in pb.DATASETS:
        for lab in ("off", "on"):
            scene = os.path.join(work, f"scene_{ds}_{lab}.toml")
            with open(scene, "w") as fh:
                fh.write(SCENE.format(labels="true" if lab == "on" else "false", ds=ds, src=os.path.join(work, f), layer=layer))
            cfgs.append(dict(tool="planview", variant="default", ds=ds, labels=lab, nv=nv, nf=nf,
                             cmd=[planview, "export", scene, "-o", os.path.join(out, f"planview_{ds}_{lab}.png"), "--timings"]))
    if not a.no_peers:
        for c in pb.configs(work, out):
            if c["variant"] == "default" or (c["tool"] == "gdal" and c["variant"] == "gdal_rasterize CLI warp"):
                cfgs.append(c)
    if a.only:
        cfgs = [c for c in cfgs if a.only in f"{c['tool']} {c['ds']} labels={c['labels']}"]

    results = {}
    raw = open(os.path.join(work, "raw.jsonl"), "a")
    for c in cfgs:
        pb.run_once(c, env)  # warm-up: page cache, shader cache, fonts
        runs = [pb.run_once(c, env) for _ in range(a.runs)]
        for i, r in enumerate(runs):
            raw.write(json.dumps({**{k: v for k, v in c.items() if k != "cmd"}, "cmd": " ".join(c["cmd"]), "run": i, **r}) + "\n")
        key = (c["tool"], c["ds"], c["labels"])
        results[key] = dict(wall=statistics.median(r["wall"] for r in runs), rss=statistics.median(r["rss_mb"] for r in runs),
                            walls=[r["wall"] for r in runs])
        print(f"{c['tool']:9s} {c['ds']:9s} labels={c['labels']:3s} wall {results[key]['wall']:.2f} s  "
              f"rss {results[key]['rss']:.0f} MB  runs {results[key]['walls']}", flush=True)

    print("\n| dataset | vertices | labels | PlanView s | Mapnik s | QGIS s | gdal_rasterize s | Mapnik / PlanView | QGIS / PlanView |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
    for ds, f, layer, nv, nf in pb.DATASETS:
        for lab in ("off", "on"):
            g = lambda t: results.get((t, ds, lab), {}).get("wall")
            ours, mapnik, qgis, gdal = g("planview"), g("mapnik"), g("qgis"), g("gdal") if lab == "off" else None
            fmt = lambda x: "-" if x is None else f"{x:.2f}"
            ratio = lambda x: "-" if x is None or not ours else f"{x / ours:.1f}x"
            print(f"| {ds} | {nv:,} | {lab} | {fmt(ours)} | {fmt(mapnik)} | {fmt(qgis)} | {fmt(gdal)} | {ratio(mapnik)} | {ratio(qgis)} |")


if __name__ == "__main__":
    main()
