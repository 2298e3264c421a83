#!/usr/bin/env bash
# tree-page.sh: the web UI's tree page of the 1,200-entry folder big/ in the 50,000-commit repository
# that bench/last-commit.sh generates (run that first; it leaves bench/target/last-commit/gen.git).
# Starts Hearth from server/target/hearth.jar with the launcher's JVM options on a fresh data dir
# (port 18097, SSH off), pushes the repository, waits (bounded) for maintenance (commit-graph, then
# the last commits of the root and large folders), then times GET /bench/big50k/tree/main/big with curl: the first request, 15 warm ones
# (median), and the first request after a restart (a new JVM: cold JIT, empty memory caches), three
# ways: with the folder's answer that the first request kept on disk; after a push of 10 commits
# (maintenance refreshes the kept answer at the new head); and with nothing kept on disk (the
# repository's hearth/last-commits removed: a folder nobody has opened since the push).
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
# Maintenance writes the commit-graph, then computes the last commits of the root and large folders.
computed() { grep -c "Computed the last commits" "$D/hearth.log" || true; }
await_maintenance() {
  for _ in $(seq 600); do [ "$(computed)" -ge "$1" ] && break; sleep 1; done
  [ "$(computed)" -ge "$1" ] || { echo "tree-page.sh: maintenance not done after 600 s" >&2; exit 1; }
  grep "Wrote the commit-graph\|Computed the last commits" "$D/hearth.log" | tail -2 | sed 's/^/  hearth: /'
}
await_maintenance 1
URL=$H/bench/big50k/tree/main/big
t() { curl -s -o /dev/null -w "%{http_code} %{time_total}\n" "$URL"; }
echo "load $(cut -d' ' -f1-3 /proc/loadavg); page $URL"
echo "first request (this JVM has served nothing of it; maintenance computed the answer): $(t)"
for _ in $(seq 15); do t; done | sort -k2 -n | awk '{a[NR]=$2} END {print "warm, 15 requests: median " a[int((NR+1)/2)] " s, min " a[1] " s, max " a[NR] " s"}'
stop; start
echo "cold, first request after a restart (answer kept on disk): $(t)"
echo "then: $(t)"

# 10 commits on top, each changing one file of big/, made in a scratch clone that borrows gen.git's objects.
W=$D/work.git; git clone -q --bare --shared "$SRC" "$W"
export GIT_DIR=$W GIT_INDEX_FILE=$D/index GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com \
  GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com
git read-tree main
for i in $(seq 10); do
  blob=$(echo "change $i" | git hash-object -w --stdin)
  git update-index --cacheinfo "100644,$blob,big/f$(printf %04d $((100 + i))).txt"
  git update-ref refs/heads/main "$(git commit-tree "$(git write-tree)" -p main -m "Bench change $i")"
done
unset GIT_DIR GIT_INDEX_FILE
HEAD_SHA=$(git -C "$W" rev-parse main)
git -C "$W" push -q "http://bench:Paged-User-Pass-1@127.0.0.1:$P/bench/big50k.git" main
await_maintenance 2
stop; start
echo "cold, first request after a push of 10 commits and a restart: $(t)"
echo "then: $(t)"

stop; rm -rf "$R/hearth/last-commits"; start
echo "cold, first request after a restart, nothing kept on disk: $(t)"
echo "then: $(t)"
