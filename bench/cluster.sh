#!/usr/bin/env bash
# Sizes a SyncHub cluster with the load generator: starts redis-server and 2 hub nodes on loopback (and, apart, one
# hub on SQLite), runs synchub-load (samples/SyncHub.LoadTest) against each at a ladder of write rates, each step
# verified (every device got every change exactly once and in order, and holds what the hub holds), and measures a
# bare SignalR hub's peak under the same accounts × devices as the baseline (bench/run.sh's throughput scenario).
# Stops everything it started and appends the figures to bench/RESULTS.md. See bench/README.md, "bench/cluster.sh".
#   bench/cluster.sh --help
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command_line="bench/cluster.sh${*:+ $*}"

accounts=1000
devices=3
rates="50,100,200,400,800,1600"
duration=30
warmup=5
payload=300
churn=0
ramp=200
p99_limit=100
targets="cluster,sqlite,bare"
nodes=2
appendfsync=always
results="$repo/bench/RESULTS.md"
keep=0
all_rates=0
state_on_disk=0

usage() {
  cat <<EOF
Usage: bench/cluster.sh [options]

Runs synchub-load against a SyncHub cluster (redis-server + --nodes hub nodes on loopback) and against one hub on
SQLite, at each rate of --rates in turn (a fresh hub process for every step, the accounts kept), and a bare SignalR
hub's peak under the same accounts × devices as the baseline. Appends the figures to --results.

Options:
  --accounts N            accounts (default $accounts)
  --devices N             devices per account; above 3 the hubs are configured to allow them (default $devices)
  --rates LIST            write rates in changes/s over all devices, ascending, comma-separated (default $rates)
  --duration SECONDS      measured write phase of each step (default $duration)
  --warmup SECONDS        writes at the step's rate before it, verified but not measured (default $warmup)
  --payload BYTES         bytes of JSON per written request (default $payload)
  --churn FRACTION        fraction of devices that drop, edit offline and come back during the writes (default $churn)
  --ramp PER_SECOND       devices connected per second (default $ramp)
  --p99-limit MS          the ladder stops after the first step whose fan-out p99 reaches this (default $p99_limit)
  --all-rates             run every rate even past the limit
  --targets LIST          which of cluster, sqlite, bare (default $targets)
  --nodes N               hub nodes of the cluster (default $nodes)
  --redis-appendfsync M   always, everysec or no (default $appendfsync: an acknowledged change is on disk, as on SQLite)
  --results FILE          markdown file the section is appended to (default bench/RESULTS.md)
  --state-on-disk         keep the devices' local stores on disk with the hubs' data; by default they go to
                          /dev/shm, since thousands of devices fsyncing on the hubs' one disk is not what devices do
  --keep                  keep the work directory (hub and generator logs, JSON reports)
  -h, --help              this help

Exit codes: 0 every step verified; 1 a step failed verification or could not run; 2 usage or setup error.
Needs redis-server for the cluster target (sudo apt-get update && sudo apt-get install -y redis-server).
EOF
}

die() { echo "cluster.sh: $*" >&2; exit 2; }

while [[ $# -gt 0 ]]; do
  case "$1" in
    --accounts) accounts="${2:?}"; shift 2 ;;
    --devices) devices="${2:?}"; shift 2 ;;
    --rates) rates="${2:?}"; shift 2 ;;
    --duration) duration="${2:?}"; shift 2 ;;
    --warmup) warmup="${2:?}"; shift 2 ;;
    --payload) payload="${2:?}"; shift 2 ;;
    --churn) churn="${2:?}"; shift 2 ;;
    --ramp) ramp="${2:?}"; shift 2 ;;
    --p99-limit) p99_limit="${2:?}"; shift 2 ;;
    --all-rates) all_rates=1; shift ;;
    --targets) targets="${2:?}"; shift 2 ;;
    --nodes) nodes="${2:?}"; shift 2 ;;
    --redis-appendfsync) appendfsync="${2:?}"; shift 2 ;;
    --results) results="${2:?}"; shift 2 ;;
    --keep) keep=1; shift ;;
    --state-on-disk) state_on_disk=1; shift ;;
    -h|--help|-\?) usage; exit 0 ;;
    *) usage >&2; die "unknown option '$1'" ;;
  esac
done

is_uint() { [[ "$1" =~ ^[0-9]+$ ]]; }
is_uint "$accounts" && (( accounts > 0 )) || die "--accounts must be a positive whole number, not '$accounts'"
is_uint "$devices" && (( devices >= 2 )) || die "--devices must be at least 2 (a change needs another device to reach), not '$devices'"
is_uint "$nodes" && (( nodes >= 2 )) || die "--nodes must be at least 2, not '$nodes'"
is_uint "$duration" && (( duration > 0 )) || die "--duration must be a positive whole number of seconds, not '$duration'"
is_uint "$warmup" || die "--warmup must be a whole number of seconds, not '$warmup'"
[[ "$rates" =~ ^[0-9]+(,[0-9]+)*$ ]] || die "--rates must be comma-separated whole numbers, e.g. 25,50,100, not '$rates'"
[[ "$appendfsync" =~ ^(always|everysec|no)$ ]] || die "--redis-appendfsync must be always, everysec or no, not '$appendfsync'"
IFS=',' read -r -a rate_list <<< "$rates"
IFS=',' read -r -a target_list <<< "$targets"
for t in "${target_list[@]}"; do
  [[ "$t" =~ ^(cluster|sqlite|bare)$ ]] || die "--targets takes cluster, sqlite and bare, not '$t'"
done
wants() { [[ ",$targets," == *",$1,"* ]]; }
command -v jq > /dev/null || die "jq is needed to read the reports: sudo apt-get install -y jq"
if wants cluster && ! command -v redis-server > /dev/null; then
  die "redis-server is not installed; install it with: sudo apt-get update && sudo apt-get install -y redis-server"
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Thousands of WebSockets and each device's local SQLite files need descriptors in both the hubs and the generator.
ulimit -n "$(ulimit -Hn)" 2> /dev/null || true

work="$(mktemp -d "${TMPDIR:-/tmp}/synchub-cluster.XXXXXX")"
# The generator's accounts and the devices' local stores. Each real device commits to its own disk; thousands of them
# committing (synchronous=FULL) on the disk the hubs commit to would measure that disk's fsync queue, not the hubs.
state_root="$work"
if [[ $state_on_disk -eq 0 && -d /dev/shm && -w /dev/shm ]]; then
  state_root="$(mktemp -d /dev/shm/synchub-cluster-state.XXXXXX)"
fi
pids=()
failed=0

# Stops the given processes (TERM, then KILL after 10 s) and forgets them.
stop_pids() {
  local pid rest=()
  for pid in "$@"; do kill -TERM "$pid" 2> /dev/null || true; done
  for pid in "$@"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
  done
  for pid in "${pids[@]}"; do [[ " $* " == *" $pid "* ]] || rest+=("$pid"); done
  pids=("${rest[@]}")
}
stop_all() { stop_pids "${pids[@]}"; }
cleanup() {
  local rc=$?
  stop_all
  [[ "$state_root" != "$work" ]] && rm -rf "$state_root"
  if [[ $keep -eq 1 || $rc -ne 0 ]]; then
    echo "cluster.sh: logs and reports kept in $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "$(date -u +%H:%M:%S) $*" >&2; }

log "building the hub, the load generator and the bench (Release)"
for project in src/SyncHub.Server samples/SyncHub.LoadTest bench/SyncHub.Bench; do
  dotnet build -c Release "$repo/$project" -nologo -v q > "$work/build.log" 2>&1 || { cat "$work/build.log" >&2; die "building $project failed"; }
done
server="$repo/src/SyncHub.Server/bin/Release/net10.0/SyncHub.Server.dll"
loadgen="$repo/samples/SyncHub.LoadTest/bin/Release/net10.0/synchub-load.dll"
bench="$repo/bench/SyncHub.Bench/bin/Release/net10.0/SyncHub.Bench.dll"

# A port nobody listens on now; redis-server cannot take port 0, so a clash is caught by its start check and retried.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 30000))
    if ! (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then echo "$port"; return; fi
  done
}

redis_port=""
start_redis() {
  local attempt port
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    mkdir -p "$work/redis"
    redis-server --bind 127.0.0.1 --port "$port" --dir "$work/redis" --appendonly yes --appendfsync "$appendfsync" \
      --save '' --daemonize no --logfile "$work/redis.log" &
    pids+=($!)
    for _ in $(seq 1 50); do
      if redis-cli -p "$port" ping 2> /dev/null | grep -q PONG; then redis_port="$port"; return; fi
      kill -0 "${pids[-1]}" 2> /dev/null || break
      sleep 0.1
    done
    kill -KILL "${pids[-1]}" 2> /dev/null || true
    unset 'pids[-1]'
  done
  die "redis-server did not start (see $work/redis.log)"
}

# Starts a hub on 127.0.0.1:PORT and sets hub_started to "PID URL" once it answers /readyz. A target keeps its ports for
# its whole ladder: the generator's --state belongs to the hub URLs it signed in at.
hub_started=""
start_hub() {
  local name="$1" port="$2"; shift 2
  local logfile="$work/$name.log" url="" pid
  SyncHub__SignIn__PermitsPerAddress=1000000 SyncHub__SignIn__PermitsPerLogin=1000 \
    SyncHub__MaxDevicesPerAccount="$((devices > 3 ? devices : 3))" \
    dotnet "$server" --urls "http://127.0.0.1:$port" \
      --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information "$@" \
      >> "$logfile" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 1 600); do
    url="$(sed -n 's/.*Now listening on: \(http:\/\/127\.0\.0\.1:[0-9]*\).*/\1/p' "$logfile" | tail -n 1)"
    if [[ -n "$url" ]] && curl -fsS "$url/readyz" > /dev/null 2>&1; then hub_started="$pid $url"; return; fi
    if ! kill -0 "$pid" 2> /dev/null; then tail -n 30 "$logfile" >&2; die "hub $name exited at start (is port $port taken?)"; fi
    sleep 0.1
  done
  tail -n 30 "$logfile" >&2
  die "hub $name was not ready within 60 s"
}

proc_cpu() { # user+system seconds of a live process
  awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$1/stat" 2> /dev/null || echo 0
}
children_cpu=0
read_children_cpu() { # user+system seconds of the waited-for children of this shell; `times` must run in this shell, not in $(...)
  times > "$work/times"
  children_cpu="$(tail -n 1 "$work/times" | awk '{ t = 0; for (i = 1; i <= 2; i++) { split($i, a, /[ms]/); t += a[1] * 60 + a[2] } printf "%.1f", t }')"
}
minus() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a - b }'; }
redis_pid=""

rows=()
best=()
run_target() {
  local target="$1" prefix="bench-$$-$RANDOM" rate report rc urls pid_args hub_pids cpu0 cpu1 gen0 gen1 redis0 redis1
  local p99 passed accepted i ports=()
  for i in $(seq 1 "$([[ "$target" == cluster ]] && echo "$nodes" || echo 1)"); do ports+=("$(free_port)"); done
  for rate in "${rate_list[@]}"; do
    urls=(); pid_args=(); hub_pids=()
    if [[ "$target" == cluster ]]; then
      for i in $(seq 1 "$nodes"); do
        start_hub "node$i" "${ports[$((i - 1))]}" --SyncHub:Redis "127.0.0.1:$redis_port" --SyncHub:RedisPrefix "$prefix" --SyncHub:DataDirectory "$work/node$i"
        hub_pids+=("${hub_started%% *}"); urls+=(-u "${hub_started#* }")
      done
    else
      start_hub sqlite "${ports[0]}" --SyncHub:DataDirectory "$work/sqlite"
      hub_pids+=("${hub_started%% *}"); urls+=(-u "${hub_started#* }")
    fi
    for i in "${hub_pids[@]}"; do pid_args+=(--hub-pid "$i"); done
    report="$work/$target-$rate.json"
    log "[$target] $accounts × $devices devices at $rate changes/s for $duration s (${urls[*]//-u /})"
    cpu0=0; for i in "${hub_pids[@]}"; do cpu0="$(minus "$cpu0" "-$(proc_cpu "$i")")"; done
    redis0="$( [[ -n "$redis_pid" ]] && proc_cpu "$redis_pid" || echo 0)"
    read_children_cpu; gen0="$children_cpu"
    : > "$work/$target-$rate.txt"
    set +e
    dotnet "$loadgen" "${urls[@]}" "${pid_args[@]}" -n "$accounts" -d "$devices" --rate "$rate" -t "$duration" --warmup "$warmup" \
      --payload "$payload" --churn "$churn" --ramp "$ramp" --state "$state_root/state-$target" --prefix "$target" \
      --no-live --progress-interval 5 -o "$report" > "$work/$target-$rate.txt" 2>&1 &
    local load_pid=$!
    tail -n +1 -f --pid="$load_pid" "$work/$target-$rate.txt" | grep --line-buffered '^\[' >&2 &
    local tail_pid=$!
    wait "$load_pid"; rc=$?
    wait "$tail_pid" 2> /dev/null
    set -e
    read_children_cpu; gen1="$children_cpu"
    cpu1=0; for i in "${hub_pids[@]}"; do cpu1="$(minus "$cpu1" "-$(proc_cpu "$i")")"; done
    redis1="$( [[ -n "$redis_pid" ]] && proc_cpu "$redis_pid" || echo 0)"
    # The hubs go down after every step, so the next one starts from a fresh process (memory, caches) on the same data.
    stop_pids "${hub_pids[@]}"
    if [[ $rc -eq 2 ]]; then cat "$work/$target-$rate.txt" >&2; die "synchub-load refused its options"; fi
    if [[ ! -s "$report" ]]; then
      tail -n 20 "$work/$target-$rate.txt" >&2
      rows+=("| $target | $rate | run failed (exit $rc, no report) | | | | | | | | | |")
      failed=1; break
    fi
    rows+=("$(jq -r --arg t "$target" --arg hub "$(minus "$cpu1" "$cpu0")" --arg redis "$(minus "$redis1" "$redis0")" \
      --arg gen "$(minus "$gen1" "$gen0")" '
      def ms: if . == null then "–" else (. * 10 | round / 10 | tostring) end;
      "| \($t) | \(.targetRate) | \(.acceptedPerSecond) | \(.deliveriesPerSecond) | \(.fanOut.p50 | ms) / \(.fanOut.p90 | ms) / \(.fanOut.p99 | ms) / \(.fanOut.p999 | ms) / \(.fanOut.max | ms) | \(.devicesConnected) in \(.connectSeconds) s | \(if .hubMemoryPerDevice == null then "–" else "\(.hubMemoryAfter / 1048576 | round) MiB, \(.hubMemoryPerDevice / 1024 * 10 | round / 10) KiB" end) | \($hub) / \($redis) / \($gen) | \(if (.errors | length) == 0 then "none" else (.errors | to_entries | map("\(.key) ×\(.value)") | join(", ")) end) | \(if .verification.passed then "passed" else "FAILED: " + (.verification.problems[:3] | join("; ")) end) |"' "$report")")
    p99="$(jq -r '.fanOut.p99 // 1000000000' "$report")"
    passed="$(jq -r '.verification.passed' "$report")"
    accepted="$(jq -r '.acceptedPerSecond' "$report")"
    if [[ "$passed" != true ]]; then failed=1; fi
    log "[$target] $rate/s: accepted $accepted/s, p99 $p99 ms, verification $passed (exit $rc)"
    local kept_up
    kept_up="$(awk -v a="$accepted" -v r="$rate" -v p="$p99" -v l="$p99_limit" 'BEGIN { print (a >= 0.95 * r && p < l) ? 1 : 0 }')"
    if [[ "$passed" == true && "$kept_up" == 1 ]]; then
      best+=("$target $rate $accepted $p99")
    elif [[ $all_rates -eq 0 ]]; then
      log "[$target] stopping the ladder: p99 ≥ $p99_limit ms, the rate not kept, or verification failed"
      break
    fi
  done
}

started_at="$(date -u '+%Y-%m-%d %H:%M')"
read -r load_before _ < /proc/loadavg
redis_version=""
if wants cluster; then
  start_redis
  redis_pid="${pids[-1]}"
  redis_version="$(redis-server --version | sed -n 's/.*v=\([0-9.]*\).*/\1/p')"
  log "[redis] $redis_version on port $redis_port (appendonly yes, appendfsync $appendfsync)"
  run_target cluster
  stop_all
  redis_pid=""
fi
if wants sqlite; then run_target sqlite; fi

bare_line=""
bare_peak=""
if wants bare; then
  log "[bare] bench throughput scenario, bare SignalR hub only, $accounts × $devices devices"
  set +e
  dotnet "$bench" --scenario throughput --targets bare --accounts "$accounts" --devices "$devices" --payload "$payload" \
    --json "$work/bare.json" > "$work/bare.txt" 2>&1
  rc=$?
  set -e
  if [[ -s "$work/bare.json" ]]; then
    bare_peak="$(jq -r '.targets[0].medianPeak' "$work/bare.json")"
    bare_line="$(jq -r '.targets[0] | "median peak **\(.medianPeak) changes/s** (rounds \(.rounds | map(tostring) | join(", "))), fan-out p50 / p99 \(.latency.fanOut.p50) / \(.latency.fanOut.p99) ms at \(.latency.acceptedPerSecond) changes/s paced, \(.missing) deliveries missing"' "$work/bare.json")"
    log "[bare] $bare_line"
  else
    tail -n 20 "$work/bare.txt" >&2
    bare_line="the bench did not finish (exit $rc)"
    failed=1
  fi
fi
finished_at="$(date -u '+%H:%M')"

cpu_model="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
mem_gib="$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)"
{
  echo
  echo "## Run of $started_at–$finished_at UTC: bench/cluster.sh (synchub-load against a cluster and one SQLite hub)"
  echo
  echo "Command: \`$command_line\`. Machine: $(nproc) cores ($cpu_model), $mem_gib GiB; load average before the run $load_before;"
  echo ".NET SDK $(dotnet --version)$( [[ -n "$redis_version" ]] && echo "; redis-server $redis_version, appendonly yes, appendfsync $appendfsync"). The generator, the hubs and Redis share the machine."
  echo
  echo "Load: $accounts accounts × $devices devices through the connection library, $payload-byte requests written round-robin over"
  echo "all devices for $warmup s (not measured) then $duration s at each rate$( [[ "$churn" != 0 ]] && echo ", churn $churn"). Each step starts fresh hub processes on the same data (the accounts"
  echo "are kept) and ends with the verification: every device got every change of its workspace exactly once and in order"
  echo "and holds what the hub holds. The ladder stops after the first step at which p99 reaches $p99_limit ms or the rate is not kept."
  echo
  echo "| target | rate asked | accepted/s | deliveries/s | fan-out p50 / p90 / p99 / p99.9 / max ms | connected | hub memory after connect, per device | CPU s: hubs / redis / generator | errors | verification |"
  echo "|---|---:|---:|---:|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  echo
  for t in cluster sqlite; do
    wants "$t" || continue
    line=""
    for b in "${best[@]}"; do [[ "$b" == "$t "* ]] && line="$b"; done
    if [[ -z "$line" ]]; then
      echo "- **$t**: no step kept its rate with p99 under $p99_limit ms and a clean verification."
    else
      read -r _ r acc p <<< "$line"
      ratio=""
      [[ -n "$bare_peak" ]] && ratio="; $(awk -v a="$acc" -v b="$bare_peak" 'BEGIN { printf "%.3g", a / b }') × the bare hub's peak (aim ≥ 0.5)"
      echo "- **$t**: highest step with p99 under $p99_limit ms and a clean verification: **$r changes/s** (accepted $acc/s, p99 $p ms)$ratio."
    fi
  done
  if wants bare; then
    echo "- **bare SignalR hub** (the baseline: bench/run.sh's throughput scenario with \`--targets bare\`, the same $accounts × $devices"
    echo "  devices as raw HubConnections in the bench's process, closed loop): $bare_line."
  fi
} >> "$results"
log "appended to $results"
exit "$failed"
