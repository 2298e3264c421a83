#!/usr/bin/env bash
# Web UI page timings on a small repository (this project's own history): starts Hearth on a
# port with a temporary data directory, pushes the current checkout's HEAD as main, then times
# N warm requests each of the repository page and a tree page with curl and prints the medians.
# Usage: bench/ui-pages.sh   (N=50 PORT=18431 by default)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
N=${N:-50}
PORT=${PORT:-18431}
DATA=$(mktemp -d)
PASS='site-Passw0rd-42'
USER_PASS='correct horse battery staple'
HEARTH_ADMIN_PASSWORD=$PASS "$ROOT/hearth" serve --port "$PORT" --ssh-port 0 --data "$DATA" > "$DATA/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
H=http://127.0.0.1:$PORT
for _ in $(seq 1 120); do curl -fs "$H/healthz" >/dev/null && break; sleep 1; done
curl -sS --fail-with-body -u "admin:$PASS" -H 'Content-Type: application/json' "$H/api/v3/admin/users" \
     -d "{\"login\":\"bench\",\"email\":\"bench@example.com\",\"password\":\"$USER_PASS\"}" >/dev/null
curl -sS --fail-with-body -u "bench:$USER_PASS" -H 'Content-Type: application/json' "$H/api/v3/user/repos" -d '{"name":"hearth"}' >/dev/null
git -C "$ROOT" push -q "http://bench:correct%20horse%20battery%20staple@127.0.0.1:$PORT/bench/hearth.git" HEAD:refs/heads/main
echo "repository: $(git -C "$ROOT" rev-list --count HEAD) commits, $(git -C "$ROOT" ls-tree -r HEAD | wc -l) files"

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2)}'; }
time_page() {
    for _ in $(seq 1 10); do curl -fs -o /dev/null "$H$1"; done   # warm-up: JIT and caches
    for _ in $(seq 1 "$N"); do curl -fs -o /dev/null -w '%{time_total}\n' "$H$1"; done | median
}
for page in /bench/hearth /bench/hearth/tree/main/server/src/main/java/dev/hearth/browse \
            /bench/hearth/blob/main/server/src/main/java/dev/hearth/browse/RepoBrowser.java /bench/hearth/commits/main; do
    echo "$page: median $(time_page "$page") s over $N requests"
done
