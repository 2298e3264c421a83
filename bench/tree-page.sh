#!/usr/bin/env bash
# tree-page.sh: the web UI's tree page of the 1,200-entry folder big/ in the 50,000-commit repository
# that bench/last-commit.sh generates (run that first; it leaves bench/target/last-commit/gen.git).
# Starts Hearth from server/target/hearth.jar with the launcher's JVM options on a fresh data dir
# (port 18097, SSH off), pushes the repository, waits (bounded) for maintenance to write the
# commit-graph, then times GET /bench/big50k/tree/main/big with curl: the first request, 15 warm ones
# (median), and the first request after a restart (a new JVM: cold JIT, empty caches).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); PROJECT=$(cd "$HERE/.." && pwd)
find_jdk25() { for d in "${JAVA_HOME:-}" /usr/lib/jvm/*; do [ -x "$d/bin/javac" ] || continue
  v=$("$d/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  [ "${v%%.*}" -ge 25 ] 2>/dev/null && { echo "$d"; return 0; }; done; return 1; }
JDK=$(find_jdk25) || { echo "tree-page.sh: no JDK 25+ found" >&2; exit 1; }
JAR=$PROJECT/server/target/hearth.jar SRC=$HERE/target/last-commit/gen.git
[ -f "$JAR" ] || { echo "tree-page.sh: build first: ./mvnw -q -B -DskipTests package" >&2; exit 1; }
[ -d "$SRC" ] || { echo "tree-page.sh: run bench/last-commit.sh first (it generates $SRC)" >&2; exit 1; }
D=${TREE_PAGE_SCRATCH:-/tmp/hearth-tree-page}; rm -rf "$D"; mkdir -p "$D"
P=18097 H=http://127.0.0.1:18097 PASS=page-Root-Pass-1 PID=""
start() {
  HEARTH_ADMIN_PASSWORD=$PASS "$JDK/bin/java" -Xms64m -Xmx320m -XX:+UseSerialGC -XX:MaxDirectMemorySize=64m -Xss512k \
    --enable-native-access=ALL-UNNAMED -jar "$JAR" serve --host 127.0.0.1 --port $P --ssh-port 0 --data "$D/data" \
    --rate-limit 100000000 --rate-limit-anonymous 100000000 >>"$D/hearth.log" 2>&1 </dev/null &
  PID=$!
  for _ in $(seq 240); do curl -sf $H/readyz >/dev/null 2>&1 && return; kill -0 $PID || exit 1; sleep 0.5; done
  echo "tree-page.sh: Hearth not ready" >&2; exit 1
}
stop() { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
trap stop EXIT
start
curl -sf -u admin:$PASS -H Content-Type:application/json $H/api/v3/admin/users \
  -d '{"login":"bench","email":"b@example.com","password":"Paged-User-Pass-1"}' >/dev/null
curl -sf -u bench:Paged-User-Pass-1 -H Content-Type:application/json $H/api/v3/user/repos -d '{"name":"big50k"}' >/dev/null
git -C "$SRC" push -q --mirror "http://bench:Paged-User-Pass-1@127.0.0.1:$P/bench/big50k.git"
R=$(find "$D/data/repos" -maxdepth 3 -name '*.git' | head -1)
for _ in $(seq 600); do [ -f "$R/objects/info/commit-graph" ] && break; sleep 1; done
[ -f "$R/objects/info/commit-graph" ] || { echo "tree-page.sh: no commit-graph after 600 s" >&2; exit 1; }
URL=$H/bench/big50k/tree/main/big
t() { curl -s -o /dev/null -w "%{http_code} %{time_total}\n" "$URL"; }
echo "load $(cut -d' ' -f1-3 /proc/loadavg); page $URL"
echo "first request (this JVM has served nothing of it): $(t)"
for _ in $(seq 15); do t; done | sort -k2 -n | awk '{a[NR]=$2} END {print "warm, 15 requests: median " a[int((NR+1)/2)] " s, min " a[1] " s, max " a[NR] " s"}'
stop; start
echo "cold, first request after a restart: $(t)"
echo "then: $(t)"
