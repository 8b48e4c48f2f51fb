#!/usr/bin/env bash
# Paired rounds of the 16 KiB binary echo: wsf, Netty epoll and the raw TCP echo all run at once,
# each pinned to core $SERVER_CPU and idle while another is measured, and the load client visits
# them in turn, PAIRS times, in an order that alternates (wsf first, then last). Each round gives
# a ratio of two servers measured a minute apart, so a VM that drifts by tens of percent over
# the minutes of bench/run.sh (see bench/README "Results") moves both sides of a ratio alike.
# Prints every round and the ratios' min, median and max; raw output in bench/results/paired-<time>/.
#
#   bash bench/paired.sh                 # builds what it needs; 6 pairs of 10 s tests: ~7 minutes
#   BUILD=0 PAIRS=3 DURATION=5 bash bench/paired.sh
#
# Same servers, client, flags and load as bench/run.sh's binary test (16 connections, 4 messages
# of 16 KiB in flight each); the figures are comparable with its MB/s column.
set -euo pipefail
cd "$(dirname "$0")/.."

PAIRS=${PAIRS:-6}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
PRIME=${PRIME:-10}
BUILD=${BUILD:-1}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
SERVER_JVM_OPTS=${SERVER_JVM_OPTS:-"-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch"}
CLIENT_JVM_OPTS=${CLIENT_JVM_OPTS:-"-Xms1g -Xmx1g -XX:+UseSerialGC"}
LOADGEN=bench/loadgen/target/loadgen.jar
OUT=bench/results/paired-$(date +%Y%m%d-%H%M%S)
SERVERS=(wsf netty-epoll tcp)

log() { echo "[paired] $*" >&2; }

if [[ $BUILD == 1 ]]; then
    log "building bench/servers, bench/loadgen and wsf's echo sample"
    mvn -q -B -f bench/servers/pom.xml package
    mvn -q -B -f bench/loadgen/pom.xml package
    mvn -q -B -pl ws-samples -am compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
fi
mkdir -p "$OUT"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

declare -A PID PORT
cleanup() {
    local s
    for s in "${!PID[@]}"; do kill "${PID[$s]}" 2>/dev/null || true; done
}
trap cleanup EXIT

start() {
    local name=$1 port
    port=$(free_port)
    local -a opts cmd
    read -r -a opts <<< "$SERVER_JVM_OPTS"
    case $name in
        wsf) cmd=(java "${opts[@]}" -cp "ws-samples/target/classes:$(cat ws-samples/target/cp.txt)" dev.wsf.samples.Samples echo) ;;
        netty-epoll) cmd=(java "${opts[@]}" -Dtransport=epoll -jar bench/servers/netty-epoll/target/netty-epoll-echo.jar) ;;
        tcp) cmd=(java "${opts[@]}" -jar bench/servers/tcp/target/tcp-echo.jar) ;;
    esac
    taskset -c "$SERVER_CPU" "${cmd[@]}" "$port" > "$OUT/$name.server.log" 2>&1 &
    PID[$name]=$!
    PORT[$name]=$port
    local i
    for i in $(seq 1 150); do
        grep -q '^READY' "$OUT/$name.server.log" && return 0
        sleep 0.2
    done
    log "$name did not print READY; see $OUT/$name.server.log"
    exit 1
}

# Binary throughput against server $1 for $2 seconds after $3 of warmup; prints MB/s.
measure() {
    local name=$1 duration=$2 warmup=$3 file=$4
    local -a opts raw=()
    read -r -a opts <<< "$CLIENT_JVM_OPTS"
    [[ $name == tcp ]] && raw=(--raw true)
    taskset -c "$CLIENT_CPU" java "${opts[@]}" -jar "$LOADGEN" throughput-binary --warmup "$warmup" \
        --duration "$duration" --port "${PORT[$name]}" --path /echo --server-pid "${PID[$name]}" "${raw[@]}" > "$file" 2>&1
    grep '^RESULT ' "$file" | tr ' ' '\n' | awk -F= '$1 == "mb_per_s" { print $2 }'
}

for s in "${SERVERS[@]}"; do
    start "$s"
    log "$s ready on port ${PORT[$s]}, pid ${PID[$s]}; priming ${PRIME}s"
    measure "$s" "$PRIME" 0 "$OUT/$s.prime.txt" > /dev/null
done

declare -A MB
for p in $(seq 1 "$PAIRS"); do
    order=("${SERVERS[@]}")
    if (( p % 2 == 0 )); then order=(tcp netty-epoll wsf); fi
    for s in "${order[@]}"; do
        MB[$s.$p]=$(measure "$s" "$DURATION" "$WARMUP" "$OUT/$s.r$p.txt")
    done
    log "round $p: wsf ${MB[wsf.$p]}  netty-epoll ${MB[netty-epoll.$p]}  tcp ${MB[tcp.$p]} MB/s"
done

# min, median and max of the numbers on stdin
stats() { sort -g | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f / %.2f / %.2f", v[1], m, v[NR] }'; }

{
    echo "| round | wsf MB/s | Netty epoll MB/s | raw TCP MB/s | wsf / raw TCP | wsf / Netty epoll |"
    echo "|---:|---:|---:|---:|---:|---:|"
    for p in $(seq 1 "$PAIRS"); do
        awk -v p="$p" -v w="${MB[wsf.$p]}" -v n="${MB[netty-epoll.$p]}" -v t="${MB[tcp.$p]}" \
            'BEGIN { printf "| %d | %.1f | %.1f | %.1f | %.2f | %.2f |\n", p, w, n, t, w / t, w / n }'
    done
    echo
    echo "wsf / raw TCP (min / median / max): $(for p in $(seq 1 "$PAIRS"); do awk -v w="${MB[wsf.$p]}" -v t="${MB[tcp.$p]}" 'BEGIN { print w / t }'; done | stats)"
    echo "wsf / Netty epoll (min / median / max): $(for p in $(seq 1 "$PAIRS"); do awk -v w="${MB[wsf.$p]}" -v n="${MB[netty-epoll.$p]}" 'BEGIN { print w / n }'; done | stats)"
    echo "commit $(git rev-parse --short HEAD); raw output in $OUT"
} | tee "$OUT/summary.md"
