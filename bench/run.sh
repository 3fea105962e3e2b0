#!/usr/bin/env bash
# Measures SyncHub's hub against a bare SignalR hub (interleaved rounds), the restore of a
# 10,000-entity workspace on a new device, the import of a big collection, and (--scenario cluster)
# a SyncHub cluster on Redis against a bare hub on the Redis backplane; appends the figures to bench/RESULTS.md.
# Arguments go to the benchmark (see `bench/run.sh --help`), e.g.
#   bench/run.sh --scenario throughput --rounds 5 --duration 4
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

export BENCH_COMMAND="bench/run.sh${*:+ $*}"
export BENCH_DOTNET_SDK="$(dotnet --version)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

args=("$@")
has_results=0
for a in "$@"; do
  case "$a" in --results|--results=*|-h|--help|-\?) has_results=1 ;; esac
done
if [[ $has_results -eq 0 ]]; then
  args+=(--results "$repo/bench/RESULTS.md")
fi

read -r load1 _ < /proc/loadavg || load1="?"
echo "load average before the run: $load1 (other work on the machine skews the figures)" >&2

exec dotnet run -c Release --project bench/SyncHub.Bench -- "${args[@]}"
