#!/usr/bin/env bash
# Installs what Citizen Guide needs on a fresh Debian machine: npm packages and espeak-ng (always:
# the server renders read-aloud audio with it) and, unless --demo, Debian's Chromium (end-to-end
# tests and the browser benchmark), python3-socketio (the independent protocol client),
# systemd-analyze (the service unit's check), openssl, libnss3-tools and caddy (the HTTPS
# tests), poppler-utils (pdftoppm: the printed sign-up list as an image), python3-icalendar (an
# independent parser for the calendar feed) and postgresql (the tests' PostgreSQL pass: a login
# role for this account; the cluster is left as it was found, run-tests.ts starts it for the
# pass). Safe to run again: it skips what is already there.
# It says what it is doing while npm is quiet for minutes, and how long it took.
set -euo pipefail
cd "$(dirname "$0")/../.."

mode=${1:-all}
apt_packages=()
# Read-aloud audio for kiosks without a Danish system voice (src/server/speech/).
command -v espeak-ng >/dev/null 2>&1 || apt_packages+=(espeak-ng)
# Poster frames for uploaded videos, and their metadata (GPS) stripped (src/server/media/video.ts);
# without it uploads still work, with no poster.
command -v ffmpeg >/dev/null 2>&1 || apt_packages+=(ffmpeg)
if [ "$mode" != "--demo" ]; then
  [ -x /usr/bin/chromium ] || apt_packages+=(chromium)
  /usr/bin/python3 -c 'import socketio, requests, websocket' 2>/dev/null ||
    apt_packages+=(python3-socketio python3-requests python3-websocket)
  command -v systemd-analyze >/dev/null 2>&1 || apt_packages+=(systemd)
  # HTTPS tests: openssl makes the test CA, certutil trusts it in Chromium, caddy checks the
  # README's Caddyfile.
  command -v openssl >/dev/null 2>&1 || apt_packages+=(openssl)
  command -v certutil >/dev/null 2>&1 || apt_packages+=(libnss3-tools)
  command -v caddy >/dev/null 2>&1 || apt_packages+=(caddy)
  # The printed sign-up list is checked as Chromium's PDF rendered to PNG (staff-activities).
  command -v pdftoppm >/dev/null 2>&1 || apt_packages+=(poppler-utils)
  # The relatives' calendar feed is checked by an iCalendar parser nobody here wrote.
  /usr/bin/python3 -c 'import icalendar' 2>/dev/null || apt_packages+=(python3-icalendar)
  # The Node 24 test pass runs the integration suite against PostgreSQL (Debian's, over its
  # Unix socket).
  command -v pg_ctlcluster >/dev/null 2>&1 || apt_packages+=(postgresql)
fi

# Every SETUP_HEARTBEAT seconds (default 30) while "$@" runs: a line saying it is still at it.
with_heartbeat() {
  local started=$SECONDS what=$1
  shift
  "$@" &
  local pid=$!
  while ! wait_for "$pid" "${SETUP_HEARTBEAT:-30}"; do
    echo "setup: still $what ($((SECONDS - started)) s so far)"
  done
  wait "$pid"
}
# True once process $1 has ended (its status is collected by the caller's wait), false after $2 s.
wait_for() {
  local pid=$1 deadline=$((SECONDS + $2))
  while kill -0 "$pid" 2>/dev/null; do
    [ "$SECONDS" -ge "$deadline" ] && return 1
    sleep 1
  done
  return 0
}

# Whether PostgreSQL was running before setup: it is left so.
pg_before=down
command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h /var/run/postgresql && pg_before=up

if [ ${#apt_packages[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${apt_packages[*]} (about a minute)"
  sudo_cmd=()
  [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
  echo "setup: Debian packages installed"
  # Debian's caddy package starts a web server on port 80; the tests only run `caddy validate`.
  if [[ " ${apt_packages[*]} " == *" caddy "* ]] && command -v systemctl >/dev/null 2>&1; then
    "${sudo_cmd[@]}" systemctl disable --now caddy >/dev/null 2>&1 || true
  fi
fi

# PostgreSQL for the tests: a superuser login role named after this account (the tests connect
# as it over the Unix socket, no password) in the local cluster. The cluster is left running or
# stopped as it was before setup (Debian's package may start it on install: stopped again, so
# that run-tests.ts starts it for its pass, with fsync off, and stops it after).
if [ "$mode" != "--demo" ] && command -v pg_ctlcluster >/dev/null 2>&1; then
  read -r pg_version pg_name _ < <(pg_lsclusters -h | head -n 1) || true
  if [ -n "${pg_version:-}" ]; then
    pg_sudo=()
    [ "$(id -u)" = 0 ] || pg_sudo=(sudo)
    pg_isready -q -h /var/run/postgresql || "${pg_sudo[@]}" pg_ctlcluster "$pg_version" "$pg_name" start
    role=$(id -un)
    as_postgres() { (cd / && "${pg_sudo[@]}" su postgres -c "$1"); }
    if [ "$(as_postgres "psql -Atqc \"select 1 from pg_roles where rolname = '$role'\"")" != 1 ]; then
      as_postgres "psql -qc 'create role \"$role\" superuser login'"
      echo "setup: PostgreSQL role $role created"
    fi
    [ "$pg_before" = up ] || "${pg_sudo[@]}" pg_ctlcluster "$pg_version" "$pg_name" stop
  fi
fi

# npm ci when node_modules is missing or older than the lock file (better-sqlite3 compiles from
# source here: about 90 s the first time).
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  started=$SECONDS
  echo "setup: installing npm packages (npm ci). This takes about 3-4 minutes on a 2-core machine,"
  echo "       mostly quiet: better-sqlite3 (the database) compiles from source with g++."
  with_heartbeat "installing npm packages" npm ci --no-audit --no-fund
  echo "setup: npm packages installed in $((SECONDS - started)) s."
  echo "       npm's warnings that packages 'have install scripts not yet covered by allowScripts'"
  echo "       are expected and harmless: the scripts did run. There is nothing to approve."
fi
echo "setup: ready"
