#!/usr/bin/env bash
# Installs what Citizen Guide needs on a fresh Debian machine: npm packages and espeak-ng (always:
# the server renders read-aloud audio with it) and, unless --demo, Debian's Chromium (end-to-end
# tests and the browser benchmark) and python3-socketio (the independent protocol client). Safe to
# run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/../.."

mode=${1:-all}
apt_packages=()
# Read-aloud audio for kiosks without a Danish system voice (src/server/speech/).
command -v espeak-ng >/dev/null 2>&1 || apt_packages+=(espeak-ng)
if [ "$mode" != "--demo" ]; then
  [ -x /usr/bin/chromium ] || apt_packages+=(chromium)
  /usr/bin/python3 -c 'import socketio, requests, websocket' 2>/dev/null ||
    apt_packages+=(python3-socketio python3-requests python3-websocket)
fi

if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${apt_packages[*]}"
  sudo_cmd=()
  [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

# npm ci when node_modules is missing or older than the lock file (better-sqlite3 compiles from
# source here: about 90 s the first time).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing npm packages (npm ci)"
  npm ci --no-audit --no-fund
fi
echo "setup: ready"
