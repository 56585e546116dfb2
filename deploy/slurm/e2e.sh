#!/usr/bin/env bash
# End-to-end test of sharded sweeps on a real Slurm cluster of one node.
#
# On a Debian machine, as root: installs slurm-wlm and munge from Debian's
# packages if they are missing, writes a one-node slurm.conf and a munge
# key in a temporary folder (nothing under /etc is touched), starts
# munged, slurmctld and slurmd on their own socket and ports, submits
# deploy/slurm/sweep.sbatch as an array of 4 tasks over a shipped sweep
# config (sbatch --array=0-3 --wait), merges the shards, and checks that
# results.csv is the same, byte for byte, as a one-process sweep's. It
# stops the daemons it started, by PID, whatever happens. .ci/run runs it.
#
#   sudo deploy/slurm/e2e.sh [CONFIG]      (default configs/sma_daily.yaml)
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
config=${1:-configs/sma_daily.yaml}
shards=4

if [ "$(id -u)" != 0 ]; then
	echo "e2e.sh: run as root (it installs packages and starts the Slurm daemons)" >&2
	exit 1
fi

need=()
command -v slurmctld >/dev/null 2>&1 && command -v slurmd >/dev/null 2>&1 && command -v sbatch >/dev/null 2>&1 || need+=(slurm-wlm)
command -v munged >/dev/null 2>&1 || need+=(munge)
if [ ${#need[@]} -gt 0 ]; then
	echo "== installing ${need[*]} from Debian's packages"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# No service is started by the packages' scripts: this script starts
	# its own daemons.
	policy=/usr/sbin/policy-rc.d
	made_policy=
	if [ ! -e "$policy" ]; then
		printf '#!/bin/sh\nexit 101\n' >"$policy"
		chmod +x "$policy"
		made_policy=1
	fi
	apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
	if [ -n "$made_policy" ]; then rm -f "$policy"; fi
fi

work=$(mktemp -d /tmp/penny-slurm-e2e.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
	status=$?
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${pids[@]}"; do
		for _ in $(seq 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -9 "$pid" 2>/dev/null || true
	done
	if [ "$status" != 0 ]; then
		echo "== e2e failed; logs:" >&2
		for f in "$work"/*.log "$work"/job-*.out; do
			[ -f "$f" ] && { echo "--- $f" >&2; tail -n 30 "$f" >&2; }
		done
	fi
	rm -rf "$work"
	exit "$status"
}
trap cleanup EXIT

echo "== building penny"
go build -o "$work/penny" ./cmd/penny

echo "== starting munged"
mkdir -p "$work/munge"
chmod 700 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munged --foreground --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" \
	--pid-file="$work/munge/munged.pid" --seed-file="$work/munge/munge.seed" --log-file="$work/munged.log" >>"$work/munged.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do [ -S "$work/munge/munge.socket" ] && break; sleep 0.1; done
[ -S "$work/munge/munge.socket" ] || { echo "munged did not start" >&2; exit 1; }

echo "== starting slurmctld and slurmd"
host=$(hostname -s)
mkdir -p "$work/state" "$work/spool"
cat >"$work/slurm.conf" <<CONF
ClusterName=penny-e2e
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MpiDefault=none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=e2e Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
slurmctld -D -i -f "$SLURM_CONF" >>"$work/slurmctld.log" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" -N "$host" >>"$work/slurmd.log" 2>&1 &
pids+=($!)
state=
for _ in $(seq 120); do
	state=$(sinfo -h -n "$host" -o %T 2>/dev/null || true)
	[ "$state" = idle ] && break
	sleep 0.5
done
if [ "$state" != idle ]; then
	echo "the node is not idle after 60 s (state: ${state:-none})" >&2
	exit 1
fi
echo "   node $host idle"

echo "== sbatch --array=0-$((shards - 1)) --wait deploy/slurm/sweep.sbatch $config"
PENNY="$work/penny" sbatch --array=0-$((shards - 1)) --wait --chdir="$work" --output="$work/job-%A_%a.out" \
	--cpus-per-task=1 deploy/slurm/sweep.sbatch "$repo/$config" "$work/out"
for i in $(seq 0 $((shards - 1))); do
	test -f "$work/out/shards/$i-of-$shards/sweep.json" || { echo "shard $i/$shards did not finish" >&2; exit 1; }
done

echo "== penny sweep merge"
"$work/penny" sweep merge "$work/out" >"$work/merge.log"
echo "== one-process sweep"
"$work/penny" sweep "$repo/$config" --out "$work/one" >"$work/one.log"
if ! cmp "$work/out/results.csv" "$work/one/results.csv"; then
	echo "the merged results.csv differs from the one-process sweep's" >&2
	exit 1
fi
echo "== ok: $shards Slurm array tasks merged into the one-process results.csv ($(($(wc -l <"$work/one/results.csv") - 1)) rows), byte for byte"
