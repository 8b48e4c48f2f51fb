#!/usr/bin/env bash
# Paired rounds of the 16 KiB binary echo: wsf, Netty epoll and the raw TCP echo all run at once,
# each pinned to core $SERVER_CPU and idle while another is measured, and the load client visits
# them in turn, PAIRS times, in an order that alternates (wsf first, then last). Each round gives
# a ratio of two servers measured a minute apart, so a VM that drifts by tens of percent over
# the minutes of bench/run.sh (see bench/README "Results") moves both sides of a ratio alike.
# Prints every round and the ratios' min, median and max; raw output in bench/results/paired-<time>/.
#
# Each round also gives the ratio of MB/s per server CPU (the share of a core the server used, as
# the load client measured it). On this 2-vCPU VM the client and the server settle each round into
# one of two states, and the throughput ratio follows whichever state each side landed in (see
# bench/README, "Two states"); the cost of a byte to the server moves far less.
#
#   bash bench/paired.sh                 # builds what it needs; 6 pairs of 10 s tests: ~7 minutes
#   BUILD=0 PAIRS=3 DURATION=5 bash bench/paired.sh
#   SERVER_JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java bash bench/paired.sh   # the servers on another JDK
#   SERVER_JAVA=... NETTY_JAVA=java bash bench/paired.sh    # Netty on its own JDK (4.2.9 is slower on 25 than on 17)
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
CONNECTIONS=${CONNECTIONS:-16}
WINDOW=${WINDOW:-4}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
SERVER_JAVA=${SERVER_JAVA:-java}
NETTY_JAVA=${NETTY_JAVA:-$SERVER_JAVA}
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
        wsf) cmd=("$SERVER_JAVA" "${opts[@]}" -cp "ws-samples/target/classes:$(cat ws-samples/target/cp.txt)" dev.wsf.samples.Samples echo) ;;
        netty-epoll) cmd=("$NETTY_JAVA" "${opts[@]}" -Dtransport=epoll -jar bench/servers/netty-epoll/target/netty-epoll-echo.jar) ;;
        tcp) cmd=("$SERVER_JAVA" "${opts[@]}" -jar bench/servers/tcp/target/tcp-echo.jar) ;;
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

# Binary throughput against server $1 for $2 seconds after $3 of warmup; prints MB/s and the
# server's CPU share.
measure() {
    local name=$1 duration=$2 warmup=$3 file=$4
    local -a opts raw=()
    read -r -a opts <<< "$CLIENT_JVM_OPTS"
    [[ $name == tcp ]] && raw=(--raw true)
    taskset -c "$CLIENT_CPU" java "${opts[@]}" -jar "$LOADGEN" throughput-binary --warmup "$warmup" \
        --duration "$duration" --connections "$CONNECTIONS" --window "$WINDOW" --port "${PORT[$name]}" --path /echo --server-pid "${PID[$name]}" "${raw[@]}" > "$file" 2>&1
    grep '^RESULT ' "$file" | tr ' ' '\n' | awk -F= '$1 == "mb_per_s" { mb = $2 } $1 == "server_cpu" { cpu = $2 } END { print mb, cpu }'
}

for s in "${SERVERS[@]}"; do
    start "$s"
    log "$s ready on port ${PORT[$s]}, pid ${PID[$s]}; priming ${PRIME}s"
    measure "$s" "$PRIME" 0 "$OUT/$s.prime.txt" > /dev/null
done

declare -A MB CPU
for p in $(seq 1 "$PAIRS"); do
    order=("${SERVERS[@]}")
    if (( p % 2 == 0 )); then order=(tcp netty-epoll wsf); fi
    for s in "${order[@]}"; do
        read -r "MB[$s.$p]" "CPU[$s.$p]" < <(measure "$s" "$DURATION" "$WARMUP" "$OUT/$s.r$p.txt")
    done
    log "round $p: wsf ${MB[wsf.$p]}  netty-epoll ${MB[netty-epoll.$p]}  tcp ${MB[tcp.$p]} MB/s"
done

# min, median and max of the numbers on stdin
stats() { sort -g | awk '{ v[NR] = $1 } END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f / %.2f / %.2f", v[1], m, v[NR] }'; }

# ratio A B P [cpu]: round P's MB/s of server A over server B's, or of MB/s per server CPU
ratio() {
    awk -v a="${MB[$1.$3]}" -v b="${MB[$2.$3]}" -v ca="${CPU[$1.$3]}" -v cb="${CPU[$2.$3]}" -v per="${4:-}" \
        'BEGIN { printf "%.2f\n", per == "" ? a / b : (a / ca) / (b / cb) }'
}
# all rounds' ratios A B [cpu], as min / median / max
ratios() { for p in $(seq 1 "$PAIRS"); do ratio "$1" "$2" "$p" "${3:-}"; done | stats; }

{
    echo "| round | wsf MB/s (server CPU) | Netty epoll | raw TCP | wsf / raw TCP | per CPU | wsf / Netty epoll | per CPU |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---:|"
    for p in $(seq 1 "$PAIRS"); do
        printf "| %d | %.1f (%.2f) | %.1f (%.2f) | %.1f (%.2f) | %s | %s | %s | %s |\n" "$p" \
            "${MB[wsf.$p]}" "${CPU[wsf.$p]}" "${MB[netty-epoll.$p]}" "${CPU[netty-epoll.$p]}" "${MB[tcp.$p]}" "${CPU[tcp.$p]}" \
            "$(ratio wsf tcp "$p")" "$(ratio wsf tcp "$p" cpu)" "$(ratio wsf netty-epoll "$p")" "$(ratio wsf netty-epoll "$p" cpu)"
    done
    echo
    echo "wsf / raw TCP (min / median / max): $(ratios wsf tcp); per server CPU: $(ratios wsf tcp cpu)"
    echo "wsf / Netty epoll (min / median / max): $(ratios wsf netty-epoll); per server CPU: $(ratios wsf netty-epoll cpu)"
    echo "commit $(git rev-parse --short HEAD), servers on $("$SERVER_JAVA" -version 2>&1 | head -1) (Netty: $("$NETTY_JAVA" -version 2>&1 | head -1)), $CONNECTIONS connections x $WINDOW in flight; raw output in $OUT"
} | tee "$OUT/summary.md"
