#!/usr/bin/env bash
# browse-load.sh: load test of Hearth's browse API beside a subprocess-per-request peer (issue 3).
#
# Endpoints (GitHub-shaped, on one public repository bench/browse):
#   contents  GET /api/v3/repos/bench/browse/contents/{file}?ref=main        (a 3-6 KB file)
#   trees     GET /api/v3/repos/bench/browse/git/trees/{main^{tree}}?recursive=1
#   commits   GET /api/v3/repos/bench/browse/commits?sha=main&per_page=30
# against two servers on copies of the same bare repository:
#   hearth    Hearth's jar (JGit in process, Caffeine cache keyed by shas), -Xmx512m
#   peer      bench/BrowsePeer.java: JDK HttpServer + virtual threads, ONE git subprocess per request
#             (git cat-file --batch "main:path" / git ls-tree -r -t -l -z SHA / git log -30 --format=...),
#             JSON written by hand, no cache
# Load: wrk (Debian's wrk 4.1, C, epoll, keep-alive, closed loop) with bench/browse-wrk.lua, which prints
# requests/s, p50/p90/p99 latency and errors. Per concurrency: a warm-up of every endpoint on both servers,
# then ROUNDS rounds; in each round every endpoint runs on both servers back to back, in the order
# hearth,peer in odd rounds and peer,hearth in even rounds (side by side, drift cancels out).
# Hearth's heap is sampled every second with jstat -gc during warm-up and rounds (peak used, peak old gen,
# GC counts), its CPU and the peer's (with its git children) are read from /proc around every run.
# Steps:
#   1. makes $BROWSE_SCRATCH/src.git with make-repo.py --commits $COMMITS if missing (or uses -s SRC)
#   2. copies JAR + lib/ to $BROWSE_SCRATCH/hearth-dist, starts Hearth on a fresh data dir (SSH off)
#   3. creates user bench, a token and the public repository bench/browse through the API, pushes
#      SRC with --mirror, waits (bounded) until Hearth's repack leaves one .pack and one .bitmap
#   4. copies that repository directory to $BROWSE_SCRATCH/peer.git and starts the peer on it
#   5. checks that both servers give the same answers (entries, shas, contents), then warm-up + rounds
#   6. stops both servers, prints the table (medians over rounds, hearth/peer ratios) and Hearth's log summary
# It builds nothing: build Hearth first (./mvnw -q -B -DskipTests package). Loopback only; every load
# run is bounded by wrk -d, every wait by a timeout. All scratch data goes under $BROWSE_SCRATCH.
#
# Usage: bench/browse-load.sh [-j JAR] [-p PORT] [-q PEER_PORT] [-s SRC_GITDIR] [-d SECS] [-w SECS]
#                             [-r ROUNDS] [-c "8 1"] [-a] [-k] [-h]
#   -j JAR     Hearth's jar with lib/ beside it (default server/target/hearth.jar in this project)
#   -p PORT    Hearth's HTTP port (default 18090)
#   -q PORT    the peer's port (default 18091)
#   -s SRC     a bare git dir to push into Hearth (default: $BROWSE_SCRATCH/src.git, generated if missing)
#   -d SECS    duration of one measured run (default 20)
#   -w SECS    warm-up per endpoint and server, per concurrency (default 10)
#   -r ROUNDS  measured rounds (default 3)
#   -c LIST    concurrencies (connections), space separated (default "8")
#   -a         send the token (Authorization: Bearer) on every request; default anonymous (public repo)
#   -k         keep both servers running at the end (prints their PIDs)
#   -h         this help
# Env: JAVA_HOME        a JDK 25+ (default /usr/lib/jvm/temurin-25-jdk-amd64)
#      BROWSE_SCRATCH   scratch root (default /tmp/browsebench)
#      COMMITS          make-repo.py --commits when generating (default 5000)
#      HEARTH_BENCH_JAVA_OPTS  Hearth's JVM options (default "-Xms64m -Xmx512m -XX:+UseG1GC", as ./hearth)
#      HEARTH_ADMIN_PASSWORD   admin password (default perf-Root-Pass-1; must not contain "admin")
#      BENCH_USER_PASSWORD     password of user bench (default perf-User-Pass-1; must not contain "bench")
#      WRK_TIMEOUT (10s) READY_TIMEOUT (90) REPACK_TIMEOUT (600) seconds
set -euo pipefail

usage() { sed -n '2,/^set -e/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; }
HERE=$(cd "$(dirname "$0")" && pwd)
PROJECT=$(cd "$(dirname "$0")/.." && pwd)
BENCH_DIR=${BENCH_DIR:-$PROJECT/../shared/bench}
JAR=$PROJECT/server/target/hearth.jar PORT=18090 PPORT=18091 SRC="" DUR=20 WARM=10 ROUNDS=3 CONCS="8" AUTH=0 KEEP=0
while getopts "j:p:q:s:d:w:r:c:akh" o; do
  case $o in
    j) JAR=$OPTARG ;; p) PORT=$OPTARG ;; q) PPORT=$OPTARG ;; s) SRC=$OPTARG ;; d) DUR=$OPTARG ;;
    w) WARM=$OPTARG ;; r) ROUNDS=$OPTARG ;; c) CONCS=$OPTARG ;; a) AUTH=1 ;; k) KEEP=1 ;;
    h) usage; exit 0 ;; *) usage >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || { usage >&2; exit 2; }

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
S=${BROWSE_SCRATCH:-/tmp/browsebench}
COMMITS=${COMMITS:-5000}
JAVA_OPTS=${HEARTH_BENCH_JAVA_OPTS:--Xms64m -Xmx512m -XX:+UseG1GC}
ADMIN_PASS=${HEARTH_ADMIN_PASSWORD:-perf-Root-Pass-1}
USER_PASS=${BENCH_USER_PASSWORD:-perf-User-Pass-1}
WRK_TIMEOUT=${WRK_TIMEOUT:-10s} READY_TIMEOUT=${READY_TIMEOUT:-90} REPACK_TIMEOUT=${REPACK_TIMEOUT:-600}
DIST=$S/hearth-dist DATA=$S/hearth-data HLOG=$S/hearth.log PLOG=$S/peer.log
H=http://127.0.0.1:$PORT P=http://127.0.0.1:$PPORT
OWNER=bench REPO=browse
export GIT_TERMINAL_PROMPT=0

die() { echo "browse-load: error: $*" >&2; exit 1; }
log() { echo "[$(date +%H:%M:%S)] $*" >&2; }

# --- prerequisites -----------------------------------------------------------------------------------
[ -x "$JAVA_HOME/bin/java" ] || die "no java in JAVA_HOME=$JAVA_HOME (a JDK 25+)"
jv=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
[ "${jv%%.*}" -ge 25 ] 2>/dev/null || die "JAVA_HOME ($JAVA_HOME) is Java $jv; need 25+"
[ -x "$JAVA_HOME/bin/jstat" ] && [ -x "$JAVA_HOME/bin/jcmd" ] || die "no jstat/jcmd in $JAVA_HOME (need a JDK, not a JRE)"
[ -f "$JAR" ] || die "no $JAR: build Hearth first (./mvnw -q -B -DskipTests package)"
[ -d "$(dirname "$JAR")/lib" ] || die "no lib/ beside $JAR"
for c in git curl python3 wrk; do command -v "$c" >/dev/null || die "$c not found (wrk: apt-get install -y wrk)"; done
[ -f "$HERE/BrowsePeer.java" ] && [ -f "$HERE/browse-wrk.lua" ] || die "BrowsePeer.java / browse-wrk.lua missing beside $0"
for pt in "$PORT" "$PPORT"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$pt") 2>/dev/null; then die "port $pt is already in use"; fi
done
case $S in "$PROJECT"/*) die "BROWSE_SCRATCH must be outside the project" ;; esac
mkdir -p "$S"

# --- 1. the repository ----------------------------------------------------------------------------------
if [ -z "$SRC" ]; then
  SRC=$S/src.git
  if [ ! -d "$SRC" ]; then
    log "generating $SRC (make-repo.py --commits $COMMITS)"
    timeout 1200 python3 "$BENCH_DIR/make-repo.py" "$SRC.tmp" --commits "$COMMITS" && mv "$SRC.tmp" "$SRC"
  fi
fi
git -C "$SRC" rev-parse --verify -q main >/dev/null || die "$SRC has no branch main"

# --- 2. start Hearth ------------------------------------------------------------------------------------
HPID="" PPID_="" JSTAT_PID=""
stop_pid() {  # stop_pid NAME PID: TERM, wait up to 30 s, then KILL; only the PID this script started
  local name=$1 pid=$2
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  log "stopping $name (pid $pid)"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.5; done
  log "$name did not stop in 30 s: SIGKILL"; kill -9 "$pid" 2>/dev/null || true
}
cleanup() {
  [ -n "$JSTAT_PID" ] && kill "$JSTAT_PID" 2>/dev/null || true
  if [ "$KEEP" = 1 ]; then
    log "kept running: Hearth pid ${HPID:-none} ($H), peer pid ${PPID_:-none} ($P)"
  else
    stop_pid Hearth "$HPID"; stop_pid peer "$PPID_"
  fi
}
trap cleanup EXIT

rm -rf "$DATA" "$DIST" "$S/peer.git"
mkdir -p "$DIST"
cp "$JAR" "$DIST/hearth.jar"; cp -r "$(dirname "$JAR")/lib" "$DIST/lib"
log "starting Hearth from $DIST on port $PORT (SSH off), data $DATA, JVM $JAVA_OPTS, log $HLOG"
# shellcheck disable=SC2086
HEARTH_ADMIN_PASSWORD=$ADMIN_PASS nohup "$JAVA_HOME/bin/java" $JAVA_OPTS --enable-native-access=ALL-UNNAMED \
  -jar "$DIST/hearth.jar" serve --host 127.0.0.1 --port "$PORT" --ssh-port 0 --rate-limit 1000000000 --rate-limit-anonymous 1000000000 --data "$DATA" >"$HLOG" 2>&1 </dev/null &
HPID=$!
end=$((SECONDS + READY_TIMEOUT))
until curl -sf "$H/readyz" >/dev/null 2>&1; do
  kill -0 "$HPID" 2>/dev/null || { tail -20 "$HLOG" >&2; die "Hearth exited during start (see $HLOG)"; }
  [ $SECONDS -lt $end ] || die "Hearth not ready after ${READY_TIMEOUT}s (see $HLOG)"
  sleep 0.5
done
log "Hearth ready (pid $HPID)"

# --- 3. user, token, public repository, push, repack -------------------------------------------------
api() {  # api METHOD PATH JSON CURL-ARGS... -> body; dies on a non-2xx answer
  local m=$1 p=$2 d=$3 out code; shift 3
  out=$(curl -sS -X "$m" -H 'Content-Type: application/json' -w '\n%{http_code}' "$@" "$H$p" -d "$d") || die "$m $p: curl failed"
  code=${out##*$'\n'}; out=${out%$'\n'*}
  [[ $code == 2?? ]] || die "$m $p answered $code: $out"
  printf '%s\n' "$out"
}
field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
api POST /api/v3/admin/users '{"login":"'$OWNER'","email":"bench@example.invalid","password":"'"$USER_PASS"'"}' \
  -u "admin:$ADMIN_PASS" >/dev/null
TOKEN=$(api POST /api/v3/users/$OWNER/tokens '{"name":"browse-bench","scopes":["repo"]}' -u "$OWNER:$USER_PASS" | field token)
RID=$(api POST /api/v3/user/repos '{"name":"'$REPO'","private":false}' -H "Authorization: Bearer $TOKEN" | field id)
log "git push --mirror $SRC -> $OWNER/$REPO (id $RID)"
timeout 1200 git -C "$SRC" push -q --mirror "http://$OWNER:$TOKEN@127.0.0.1:$PORT/$OWNER/$REPO.git" 2>&1 |
  tr '\r' '\n' | grep -v '^remote: Updating references' | grep -v '^$' >&2 || true
[ "$(git ls-remote --refs "$H/$OWNER/$REPO.git" | sort | md5sum)" = "$(git -C "$SRC" for-each-ref --format='%(objectname)%09%(refname)' | sort | md5sum)" ] ||
  die "refs differ after the mirror push"
end=$((SECONDS + REPACK_TIMEOUT))
while :; do
  dirs=("$DATA"/repos/*/*/"$RID".git)
  [ -d "${dirs[0]}" ] || die "no repository directory for id $RID under $DATA/repos"
  packs=$(find "${dirs[0]}/objects/pack" -maxdepth 1 -name '*.pack' | wc -l)
  bitmaps=$(find "${dirs[0]}/objects/pack" -maxdepth 1 -name '*.bitmap' | wc -l)
  [ "$packs" = 1 ] && [ "$bitmaps" = 1 ] && break
  kill -0 "$HPID" 2>/dev/null || die "Hearth died while repacking (see $HLOG)"
  [ $SECONDS -lt $end ] || die "still $packs packs, $bitmaps bitmaps after ${REPACK_TIMEOUT}s"
  sleep 2
done
HREPO=${dirs[0]}
sleep 3  # let the maintenance thread finish its bookkeeping
log "repacked: $HREPO ($(grep -m1 "Repacked repository $RID " "$HLOG" | sed 's/.* in /in /' || true))"

# --- 4. the peer on its own copy of the same repository ------------------------------------------------------
cp -a "$HREPO" "$S/peer.git"
log "starting the peer on port $PPORT, $S/peer.git, log $PLOG"
nohup "$JAVA_HOME/bin/java" -Xmx256m -Dsun.net.httpserver.nodelay=true "$HERE/BrowsePeer.java" --port "$PPORT" --git-dir "$S/peer.git" \
  --owner $OWNER --repo $REPO >"$PLOG" 2>&1 </dev/null &
PPID_=$!
end=$((SECONDS + READY_TIMEOUT))
until curl -sf "$P/healthz" >/dev/null 2>&1; do
  kill -0 "$PPID_" 2>/dev/null || { tail -20 "$PLOG" >&2; die "the peer exited during start (see $PLOG)"; }
  [ $SECONDS -lt $end ] || die "peer not ready after ${READY_TIMEOUT}s"
  sleep 0.5
done

# --- 5. targets, equivalence check --------------------------------------------------------------------------
FILE=$(git -C "$S/peer.git" ls-tree -r -l main | awk '!f && $2 == "blob" && $4 >= 3000 && $4 <= 6000 {f = 1; print $5}')
[ -n "$FILE" ] || die "no 3-6 KB file at main"
TREE=$(git -C "$S/peer.git" rev-parse 'main^{tree}')
NCOMMITS=$(git -C "$S/peer.git" rev-list --count main)
NALL=$(git -C "$S/peer.git" rev-list --count --all)
NFILES=$(git -C "$S/peer.git" ls-tree -r main | wc -l)
PACKMB=$(du -sm "$S/peer.git/objects/pack" | cut -f1)
declare -A PATHS=(
  [contents]="/api/v3/repos/$OWNER/$REPO/contents/$FILE?ref=main"
  [trees]="/api/v3/repos/$OWNER/$REPO/git/trees/$TREE?recursive=1"
  [commits]="/api/v3/repos/$OWNER/$REPO/commits?sha=main&per_page=30"
)
ENDPOINTS=(contents trees commits)
AUTHH=()
[ "$AUTH" = 1 ] && AUTHH=(-H "Authorization: Bearer $TOKEN")
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT=$S/results/$STAMP
mkdir -p "$OUT"
{
  echo "repository: $SRC -> $OWNER/$REPO, main: $NCOMMITS commits ($NALL on all refs), $NFILES files at main, pack ${PACKMB} MB"
  echo "file: $FILE ($(git -C "$S/peer.git" cat-file -s "main:$FILE") bytes), tree: $TREE"
} | tee "$OUT/setup.txt" >&2
for ep in "${ENDPOINTS[@]}"; do
  curl -sS -f "${AUTHH[@]}" -o "$OUT/check-$ep-hearth.json" "$H${PATHS[$ep]}" || die "hearth $ep: $(curl -s "$H${PATHS[$ep]}" | head -c 300)"
  curl -sS -f -o "$OUT/check-$ep-peer.json" "$P${PATHS[$ep]}" || die "peer $ep failed"
done
python3 - "$OUT" >&2 <<'PY' || die "the two servers do not give the same answers (see above)"
import base64, json, os, sys
out = sys.argv[1]
def load(ep, srv):
    p = f"{out}/check-{ep}-{srv}.json"
    return json.load(open(p)), os.path.getsize(p)
ok = True
(h, hs), (p, ps) = load("contents", "hearth"), load("contents", "peer")
same = base64.b64decode(h["content"]) == base64.b64decode(p["content"]) and h["sha"] == p["sha"] and h["size"] == p["size"]
print(f"check contents: sha {h['sha'][:10]} size {h['size']}; same content: {same}; JSON {hs} vs {ps} bytes"); ok &= same
(h, hs), (p, ps) = load("trees", "hearth"), load("trees", "peer")
key = lambda t: sorted((e["path"], e["type"], e["sha"], e.get("size")) for e in t["tree"])
same = key(h) == key(p) and h["truncated"] == p["truncated"]
print(f"check trees: {len(h['tree'])} vs {len(p['tree'])} entries, truncated {h['truncated']}; same: {same}; JSON {hs} vs {ps} bytes"); ok &= same
(h, hs), (p, ps) = load("commits", "hearth"), load("commits", "peer")
key = lambda cs: [(c["sha"], c["commit"]["message"], c["commit"]["author"], c["commit"]["committer"], [x["sha"] for x in c["parents"]]) for c in cs]
same = key(h) == key(p)
print(f"check commits: {len(h)} vs {len(p)} commits; same: {same}; JSON {hs} vs {ps} bytes"); ok &= same
if not same:
    for a, b in zip(key(h), key(p)):
        if a != b: print("  first difference:", a, "|", b); break
sys.exit(0 if ok else 1)
PY

# --- 6. load ---------------------------------------------------------------------------------------------------
cpu_ticks() {  # cpu_ticks PID WITH_CHILDREN: utime+stime (+cutime+cstime) in clock ticks
  awk -v ch="$2" '{ sub(/^.*\) /, ""); t = $12 + $13; if (ch) t += $14 + $15; print t }' "/proc/$1/stat"
}
TCK=$(getconf CLK_TCK)
RAW=$OUT/raw.tsv
printf 'phase\tround\tconc\tendpoint\tserver\trps\tp50_ms\tp90_ms\tp99_ms\tmax_ms\trequests\terrors\tcpu_ms_per_req\tMB_per_s\n' >"$RAW"
run() {  # run PHASE ROUND CONC ENDPOINT SERVER SECS
  local phase=$1 round=$2 conc=$3 ep=$4 srv=$5 secs=$6 url pid ch line t0 t1 threads=$(( $3 < 2 ? 1 : 2 ))
  if [ "$srv" = hearth ]; then url=$H${PATHS[$ep]} pid=$HPID ch=""; else url=$P${PATHS[$ep]} pid=$PPID_ ch=1; fi
  kill -0 "$pid" 2>/dev/null || die "$srv (pid $pid) is not running"
  t0=$(cpu_ticks "$pid" "$ch")
  line=$(timeout $((secs + 60)) wrk -t "$threads" -c "$conc" -d "${secs}s" --timeout "$WRK_TIMEOUT" \
    -s "$HERE/browse-wrk.lua" "${AUTHH[@]}" "$url" | tee -a "$OUT/wrk.log" | grep '^RESULT') || die "wrk failed for $srv $ep"
  t1=$(cpu_ticks "$pid" "$ch")
  echo "$line" | awk -v ph="$phase" -v r="$round" -v c="$conc" -v ep="$ep" -v s="$srv" -v dt=$((t1 - t0)) -v tck="$TCK" '
    { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
      err = v["err_connect"] + v["err_read"] + v["err_write"] + v["err_status"] + v["err_timeout"]
      cpu = v["requests"] > 0 ? dt * 1000 / tck / v["requests"] : 0
      printf "%s\t%s\t%s\t%s\t%s\t%.1f\t%.3f\t%.3f\t%.3f\t%.3f\t%d\t%d\t%.3f\t%.1f\n", ph, r, c, ep, s, v["rps"], v["p50_ms"],
        v["p90_ms"], v["p99_ms"], v["max_ms"], v["requests"], err, cpu, v["bytes"] / v["secs"] / 1048576 }' | tee -a "$RAW" |
    awk -F'\t' '{ printf "  %-6s r%-2s c%-2s %-8s %-6s %9.1f req/s  p50 %8.3f ms  p99 %8.3f ms  errors %d  cpu %.3f ms/req\n", $1, $2, $3, $4, $5, $6, $7, $9, $12, $13 }' >&2
}

total=0; for c in $CONCS; do total=$((total + ${#ENDPOINTS[@]} * 2 * (WARM + ROUNDS * DUR))); done
log "load: concurrencies [$CONCS], warm-up ${WARM}s, $ROUNDS rounds of ${DUR}s; about $((total / 60 + 1)) min; results in $OUT"
timeout $((total + 600)) "$JAVA_HOME/bin/jstat" -gc "$HPID" 1000 >"$OUT/jstat.txt" 2>&1 &
JSTAT_PID=$!
HLOG_START=$(wc -l <"$HLOG")
for c in $CONCS; do
  for ep in "${ENDPOINTS[@]}"; do for srv in hearth peer; do run warm 0 "$c" "$ep" "$srv" "$WARM"; done; done
  for r in $(seq 1 "$ROUNDS"); do
    order="hearth peer"; [ $((r % 2)) = 0 ] && order="peer hearth"
    for ep in "${ENDPOINTS[@]}"; do for srv in $order; do run meas "$r" "$c" "$ep" "$srv" "$DUR"; done; done
  done
done
kill "$JSTAT_PID" 2>/dev/null || true; wait "$JSTAT_PID" 2>/dev/null || true; JSTAT_PID=""
"$JAVA_HOME/bin/jcmd" "$HPID" GC.heap_info >"$OUT/heap_info.txt" 2>&1 || true
grep -E 'VmHWM|VmRSS' "/proc/$HPID/status" >"$OUT/hearth-rss.txt" || true

# --- 7. summary ------------------------------------------------------------------------------------------------
tail -n +"$((HLOG_START + 1))" "$HLOG" | awk '/hearth.access - / { for (i = 1; i <= NF; i++) if ($i ~ /^[1-5][0-9][0-9]$/) { n[$i]++; break } }
  END { for (s in n) printf "%s=%d ", s, n[s]; print "" }' >"$OUT/hearth-status-counts.txt"
{
  echo "===== browse-load $STAMP: $(date -u +%FT%TZ)"
  cat "$OUT/setup.txt"
  echo "load: wrk, anonymous=$([ "$AUTH" = 1 ] && echo no || echo yes), ${ROUNDS} rounds x ${DUR}s per endpoint and server, warm-up ${WARM}s"
  python3 - "$RAW" "$OUT/jstat.txt" <<'PY'
import statistics as st, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])][1:]
meas = [r for r in rows if r[0] == "meas"]
med = lambda xs: st.median(xs) if xs else float("nan")
print(f"\n{'conc':>4} {'endpoint':<9} {'server':<7} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'errors':>7} {'cpu ms/req':>10}   (medians over rounds)")
concs = sorted({r[2] for r in meas}, key=int, reverse=True)
eps = [e for e in ("contents", "trees", "commits") if any(r[3] == e for r in meas)]
ratios = []
for c in concs:
    for e in eps:
        m = {}
        for s in ("hearth", "peer"):
            rs = [r for r in meas if r[2] == c and r[3] == e and r[4] == s]
            m[s] = dict(rps=med([float(r[5]) for r in rs]), p50=med([float(r[6]) for r in rs]), p99=med([float(r[8]) for r in rs]),
                        err=sum(int(r[11]) for r in rs), cpu=med([float(r[12]) for r in rs]), n=len(rs))
            print(f"{c:>4} {e:<9} {s:<7} {m[s]['rps']:9.1f} {m[s]['p50']:9.3f} {m[s]['p99']:9.3f} {m[s]['err']:7d} {m[s]['cpu']:10.3f}")
        per_round = []
        for rnd in sorted({r[1] for r in meas}):
            h = [float(r[5]) for r in meas if r[1] == rnd and r[2] == c and r[3] == e and r[4] == "hearth"]
            p = [float(r[5]) for r in meas if r[1] == rnd and r[2] == c and r[3] == e and r[4] == "peer"]
            if h and p and p[0] > 0: per_round.append(h[0] / p[0])
        ratios.append((c, e, m["hearth"]["rps"] / m["peer"]["rps"] if m["peer"]["rps"] else float("nan"),
                       min(per_round) if per_round else float("nan"), max(per_round) if per_round else float("nan"),
                       m["hearth"]["p99"], m["peer"]["p99"], m["hearth"]["cpu"], m["peer"]["cpu"]))
print(f"\n{'conc':>4} {'endpoint':<9} {'hearth/peer req/s':>18} {'(per-round range)':>18} {'p99 hearth vs peer':>22} {'target':>8}  cpu/req peer/hearth")
for c, e, ratio, lo, hi, hp, pp, hc, pc in ratios:
    ok = "MET" if ratio >= 10 and hp <= pp else "missed"
    print(f"{c:>4} {e:<9} {ratio:17.1f}x {lo:8.1f}-{hi:<8.1f}x {hp:9.2f} vs {pp:8.2f} ms {ok:>8}  {pc / hc if hc else float('nan'):.1f}x")
# heap: jstat -gc columns by name (KB)
lines = [l.split() for l in open(sys.argv[2]) if l.strip()]
if lines and lines[0][0] == "S0C":
    hdr = lines[0]; ix = {k: i for i, k in enumerate(hdr)}
    data = [l for l in lines[1:] if len(l) == len(hdr) and l[0] != "S0C"]
    f = lambda l, k: float(l[ix[k]].replace(",", "."))
    used = [sum(f(l, k) for k in ("S0U", "S1U", "EU", "OU")) / 1024 for l in data]
    cap = [sum(f(l, k) for k in ("S0C", "S1C", "EC", "OC")) / 1024 for l in data]
    old = [f(l, "OU") / 1024 for l in data]
    first, last = data[0], data[-1]
    print(f"\nHearth heap (jstat -gc every 1 s, {len(data)} samples, warm-up and rounds): peak used {max(used):.0f} MiB, "
          f"peak committed {max(cap):.0f} MiB, peak old gen {max(old):.0f} MiB, median used {st.median(used):.0f} MiB; "
          f"young GCs {int(f(last,'YGC') - f(first,'YGC'))}, full GCs {int(f(last,'FGC') - f(first,'FGC'))}, "
          f"concurrent cycles {int(f(last,'CGC') - f(first,'CGC')) if 'CGC' in ix else '-'}, GC time {f(last,'GCT') - f(first,'GCT'):.1f} s")
else:
    print("\nHearth heap: no jstat samples (" + (" ".join(lines[0]) if lines else "empty") + ")")
PY
  echo "Hearth RSS: $(tr -s ' \n' ' ' <"$OUT/hearth-rss.txt")"
  echo "Hearth access log during the load, answers by status: $(cat "$OUT/hearth-status-counts.txt")"
  echo "Hearth log WARN/ERROR/Exception lines (whole run):"
  grep -E ' (WARN|ERROR) |Exception' "$HLOG" | cut -c1-300 | sed 's/^[0-9T:.Z-]* //' | sort | uniq -c | sort -rn | head -20 || echo "  none"
  echo "peer log: $(grep -c . "$PLOG" || true) lines"
  echo "files: $RAW, $OUT/jstat.txt, $OUT/heap_info.txt, $OUT/wrk.log, $HLOG"
} | tee "$OUT/summary.txt"
