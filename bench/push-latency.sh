#!/usr/bin/env bash
# push-latency.sh: how long one small `git push` over smart HTTP takes, for one or more Hearth
# builds side by side in one run (each on its own port and data directory), beside a push to a
# bare repository on disk (file://, C git alone: the floor). Each round pushes one new commit
# (one small file) to every target in turn, so a noisy machine hits them all alike; the report
# is the median and 90th percentile of the wall time per push, and each target's ratio to the
# first Hearth build's median.
#
# Usage: bench/push-latency.sh [-n ROUNDS] [-p FIRST_PORT] [-h] JAR [JAR ...]
#   JAR        a Hearth jar with its lib/ beside it (e.g. server/target/hearth.jar); name it
#              NAME=PATH to label it (default: the jar's parent folder's parent name)
#   -n ROUNDS  pushes per target (default 40; the first 5 are warm-up and not counted)
#   -p PORT    the first Hearth's port (default 18080; the next ones count up)
#   -h         this help
# Env: JAVA_HOME (a JDK 25+), PERF_SCRATCH (default /tmp/perfbase; everything written goes there)
# It builds nothing. Example, the change against main's parent build:
#   bench/push-latency.sh before=/tmp/old/server/target/hearth.jar after=server/target/hearth.jar
set -euo pipefail

usage() { sed -n '2,/^set -e/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; }
ROUNDS=40 PORT=18080 WARMUP=5
while getopts "n:p:h" o; do
  case $o in
    n) ROUNDS=$OPTARG ;; p) PORT=$OPTARG ;;
    h) usage; exit 0 ;; *) usage >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { usage >&2; exit 2; }
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] || { echo "push-latency: set JAVA_HOME to a JDK 25+" >&2; exit 2; }
((ROUNDS > WARMUP)) || { echo "push-latency: -n must be more than $WARMUP" >&2; exit 2; }

SCRATCH=${PERF_SCRATCH:-/tmp/perfbase}/push-latency
rm -rf "$SCRATCH"; mkdir -p "$SCRATCH"
export GIT_TERMINAL_PROMPT=0 GIT_CONFIG_NOSYSTEM=1 HOME=$SCRATCH/home
mkdir -p "$HOME"; git config --global user.name bench; git config --global user.email bench@example.com
git config --global init.defaultBranch main
ADMIN_PASS=perf-Root-Pass-1 USER_PASS=Bench-Pusher-Pass-9

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

NAMES=() URLS=() CLONES=()
i=0
for spec in "$@"; do
  name=${spec%%=*}; jar=${spec#*=}
  [ "$name" = "$spec" ] && name=$(basename "$(dirname "$(dirname "$(dirname "$jar")")")")
  [ -f "$jar" ] || { echo "push-latency: no jar at $jar" >&2; exit 2; }
  port=$((PORT + i)); data=$SCRATCH/data-$i
  HEARTH_ADMIN_PASSWORD=$ADMIN_PASS "$JAVA_HOME/bin/java" -Xms64m -Xmx320m -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED \
      -jar "$jar" serve --port "$port" --ssh-port 0 --data "$data" > "$SCRATCH/hearth-$i.log" 2>&1 &
  PIDS+=($!)
  H=http://127.0.0.1:$port
  for _ in $(seq 1 120); do curl -fs "$H/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fs "$H/healthz" >/dev/null || { echo "push-latency: $name did not start; see $SCRATCH/hearth-$i.log" >&2; exit 1; }
  curl -sS --fail-with-body -u "admin:$ADMIN_PASS" -H 'Content-Type: application/json' "$H/api/v3/admin/users" \
      -d "{\"login\":\"perf\",\"email\":\"perf@example.com\",\"password\":\"$USER_PASS\"}" >/dev/null
  curl -sS --fail-with-body -u "perf:$USER_PASS" -H 'Content-Type: application/json' "$H/api/v3/user/repos" -d '{"name":"p"}' >/dev/null
  NAMES+=("$name"); URLS+=("http://perf:$USER_PASS@127.0.0.1:$port/perf/p.git")
  i=$((i + 1))
done
git init -q --bare "$SCRATCH/floor.git"
NAMES+=("file://"); URLS+=("file://$SCRATCH/floor.git")

for t in "${!URLS[@]}"; do
  c=$SCRATCH/clone-$t; git init -q "$c"; git -C "$c" remote add origin "${URLS[$t]}"; CLONES+=("$c")
done

echo "push-latency: $ROUNDS rounds of one small push to: ${NAMES[*]}" >&2
for r in $(seq 1 "$ROUNDS"); do
  for t in "${!URLS[@]}"; do
    c=${CLONES[$t]}
    echo "$r" > "$c/f$r.txt"; git -C "$c" add "f$r.txt"; git -C "$c" commit -qm "round $r"
    s=$(date +%s%N); git -C "$c" push -q origin HEAD:main 2>>"$SCRATCH/push-errors.log"; e=$(date +%s%N)
    ((r > WARMUP)) && echo "${NAMES[$t]} $(( (e - s) / 1000 ))" >> "$SCRATCH/raw.txt"
  done
  ((r % 10 == 0)) && echo "  round $r of $ROUNDS" >&2
done

python3 - "$SCRATCH/raw.txt" "${NAMES[@]}" <<'PY'
import sys, statistics
raw, names = sys.argv[1], sys.argv[2:]
times = {n: [] for n in names}
for line in open(raw):
    n, us = line.rsplit(" ", 1); times[n].append(int(us) / 1000)
base = statistics.median(times[names[0]])
print(f"{'target':<12} {'pushes':>6} {'median ms':>10} {'p90 ms':>8} {'ratio':>6}")
for n in names:
    t = sorted(times[n]); med = statistics.median(t); p90 = t[int(0.9 * (len(t) - 1))]
    print(f"{n:<12} {len(t):>6} {med:>10.1f} {p90:>8.1f} {med / base:>6.2f}")
PY
echo "raw: $SCRATCH/raw.txt" >&2
