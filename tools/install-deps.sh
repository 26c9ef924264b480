#!/usr/bin/env bash
# Installs the Debian 12 packages PlanView builds and runs with (only those missing).
set -euo pipefail
pkgs=(cmake ninja-build g++ pkg-config libgdal-dev libproj-dev proj-data libglfw3-dev libimgui-dev libstb-dev
      catch2 python3-glad libegl-dev libgl-dev libegl-mesa0 libgl1-mesa-dri libfreetype-dev libspng-dev
      libtomlplusplus-dev fonts-wqy-microhei xvfb xauth)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "installing: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
