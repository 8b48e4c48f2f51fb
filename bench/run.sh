#!/usr/bin/env bash
# End-to-end WebSocket echo benchmark: wsf against Netty 4.2 and Jetty 12 on the same machine.
#
# For each server in $SERVERS: start it pinned to core $SERVER_CPU, wait for "READY <port>", run
# the load client pinned to core $CLIENT_CPU four times (text throughput, binary throughput,
# latency, idle memory), stop it. Prints one Markdown table at the end; raw output goes to
# bench/results/<timestamp>/. See bench/README.md for what each number means.
#
#   bench/run.sh                                  # all servers, ~4 minutes
#   SERVERS="netty jetty" DURATION=3 bench/run.sh # quick run without wsf
#
# Settings (environment):
#   SERVERS          servers to run, in order                 (wsf netty jetty)
#   WSF_ECHO_CMD     command starting wsf's echo server; the port is appended. If it starts
#                    with "java", SERVER_JVM_OPTS are inserted after it.
#                    (the echo sample: java -cp ws-samples/target/classes:<its classpath>
#                     dev.wsf.samples.Samples echo, built by this script)
#   DURATION         measured seconds per throughput test     (10)
#   WARMUP           warmup seconds per throughput test       (DURATION/2, at most 5)
#   PRIME            seconds of unmeasured text and binary load right after a server starts,
#                    so the JIT has compiled the hot paths before anything counts  (DURATION)
#   LAT_COUNT        measured round trips at 1 connection     (10000 x DURATION)
#   IDLE_CONNECTIONS idle connections for the memory test     (10000)
#   SETTLE           seconds to let an idle server settle     (3)
#   SERVER_JVM_OPTS  JVM flags, identical for every server    (-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch)
#   CLIENT_JVM_OPTS  JVM flags of the load client             (-Xms256m -Xmx256m -XX:+UseSerialGC)
#   SERVER_CPU / CLIENT_CPU   cores to pin to                 (0 / 1)
#   PORT / WS_PATH   where the servers listen                 (9301 / /echo)
#   ROUNDS           runs of each throughput/latency test; of the rounds least disturbed by
#                    other processes (other_cpu within 0.05 of the lowest), the best is kept (1)
#   QUIET_WAIT       before each test, wait up to this many seconds for the other processes on
#                    the machine to use less than 5% of a core (0 = don't wait)          (20)
#   CLIENT_CHECK=1   also run the text test with two client processes, to show the client
#                    is not the bottleneck
#   BUILD=0          skip building bench/servers and bench/loadgen
set -euo pipefail

cd "$(dirname "$0")/.."

SERVERS=${SERVERS:-"wsf netty jetty"}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-$(awk -v d="$DURATION" 'BEGIN { w = d / 2; if (w > 5) w = 5; print w }')}
PRIME=${PRIME:-$DURATION}
LAT_COUNT=${LAT_COUNT:-$(awk -v d="$DURATION" 'BEGIN { printf "%d", d * 10000 }')}
LAT_WARMUP=${LAT_WARMUP:-$(( LAT_COUNT / 5 ))}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-10000}
SETTLE=${SETTLE:-3}
SERVER_JVM_OPTS=${SERVER_JVM_OPTS:-"-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch"}
CLIENT_JVM_OPTS=${CLIENT_JVM_OPTS:-"-Xms256m -Xmx256m -XX:+UseSerialGC"}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
PORT=${PORT:-9301}
WS_PATH=${WS_PATH:-/echo}
CLIENT_CHECK=${CLIENT_CHECK:-0}
ROUNDS=${ROUNDS:-1}
QUIET_WAIT=${QUIET_WAIT:-20}
BUILD=${BUILD:-1}
# wsf's echo sample runs from its compiled classes and the classpath Maven writes next to them
# (built below); "Samples echo PORT" listens on 127.0.0.1:PORT and prints READY PORT.
WSF_CLASSPATH_FILE=ws-samples/target/cp.txt
WSF_ECHO_CMD_DEFAULT=wsf-sample
WSF_ECHO_CMD=${WSF_ECHO_CMD:-$WSF_ECHO_CMD_DEFAULT}

LOADGEN=bench/loadgen/target/loadgen.jar
RESULTS=bench/results/$(date +%Y%m%d-%H%M%S)

log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# ---------------------------------------------------------------- cleanup: only our own PIDs
SERVER_PID=""
CLIENT_PID=""
cleanup() {
    exec 3>&-
    for pid in $CLIENT_PID $SERVER_PID; do
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -9 "$pid" 2>/dev/null || true
        fi
    done
    CLIENT_PID=""
    SERVER_PID=""
}
# fd 4 keeps the real stderr: a trap can run while a command's output is redirected to a file.
exec 4>&2
trap cleanup EXIT
trap 'echo "[bench] interrupted" >&4; exit 130' INT TERM

# ---------------------------------------------------------------- machine checks
check_machine() {
    command -v taskset >/dev/null || die "taskset is missing (Debian: apt-get install util-linux)"
    command -v jcmd >/dev/null || die "jcmd is missing (it comes with the JDK)"
    local cores
    cores=$(nproc)
    (( cores >= 2 )) || die "need 2 cores (server and client pinned apart), have $cores"
    (( SERVER_CPU < cores && CLIENT_CPU < cores )) || die "SERVER_CPU/CLIENT_CPU must be below $cores"

    # Server and client each hold one descriptor per idle connection, plus the JVM's own.
    local need=$(( IDLE_CONNECTIONS + 2048 )) hard
    hard=$(ulimit -Hn)
    if [[ $hard != unlimited ]] && (( hard < need )); then
        die "open-file hard limit $hard < $need; raise it (e.g. /etc/security/limits.conf) or lower IDLE_CONNECTIONS"
    fi
    if (( $(ulimit -n) < need )); then
        ulimit -n "$need"
    fi

    # All idle connections come from one client address to one server port, so each needs its
    # own ephemeral port. The client closes with RST, leaving no TIME_WAIT to eat the range.
    local lo hi
    read -r lo hi < /proc/sys/net/ipv4/ip_local_port_range
    if (( hi - lo + 1 < IDLE_CONNECTIONS + 1000 )); then
        die "ephemeral port range $lo-$hi is too small for $IDLE_CONNECTIONS connections; widen it:" \
            "sysctl -w net.ipv4.ip_local_port_range='1024 65000'"
    fi

    local load
    load=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
        log "warning: load average is $load before starting: other work competes for the cores"
    fi
}

build() {
    [[ $BUILD == 1 ]] || return 0
    log "building bench/servers and bench/loadgen"
    mvn -q -B -f bench/servers/pom.xml package
    mvn -q -B -f bench/loadgen/pom.xml package
    if [[ " $SERVERS " == *" wsf "* && $WSF_ECHO_CMD == "$WSF_ECHO_CMD_DEFAULT" ]]; then
        log "building wsf's echo sample"
        mvn -q -B -pl ws-samples -am compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
    fi
}

# ---------------------------------------------------------------- servers
# Prints the command (one word per line) that starts server $1, without the port.
server_command() {
    local -a cmd opts
    read -r -a opts <<< "$SERVER_JVM_OPTS"
    case $1 in
        netty) cmd=(java "${opts[@]}" -jar bench/servers/netty/target/netty-echo.jar) ;;
        jetty) cmd=(java "${opts[@]}" -jar bench/servers/jetty/target/jetty-echo.jar) ;;
        wsf)
            if [[ $WSF_ECHO_CMD == "$WSF_ECHO_CMD_DEFAULT" ]]; then
                cmd=(java -cp "ws-samples/target/classes:$(cat "$WSF_CLASSPATH_FILE")" dev.wsf.samples.Samples echo)
            else
                read -r -a cmd <<< "$WSF_ECHO_CMD"
            fi
            if [[ ${cmd[0]} == java || ${cmd[0]} == */java ]]; then
                cmd=("${cmd[0]}" "${opts[@]}" "${cmd[@]:1}")
            else
                log "warning: WSF_ECHO_CMD does not start with java; SERVER_JVM_OPTS not applied"
            fi
            ;;
        *) die "unknown server '$1' (known: wsf netty jetty)" ;;
    esac
    printf '%s\n' "${cmd[@]}"
}

# Why server $1 cannot run, or nothing if it can.
server_missing() {
    if [[ $1 == wsf && $WSF_ECHO_CMD == "$WSF_ECHO_CMD_DEFAULT" && ! -f $WSF_CLASSPATH_FILE ]]; then
        echo "wsf echo sample not built: $WSF_CLASSPATH_FILE is missing (run without BUILD=0)," \
             "or set WSF_ECHO_CMD to a command that takes the port last and prints READY PORT"
    fi
}

# Waits until file $1 has a line matching $2, while process $3 lives; $4 seconds at most.
wait_for_line() {
    local deadline=$(( SECONDS + $4 ))
    until grep -q "$2" "$1" 2>/dev/null; do
        kill -0 "$3" 2>/dev/null || return 1
        (( SECONDS < deadline )) || return 1
        sleep 0.1
    done
}

# The JVM to measure: the started process itself, or the first java below it if the command
# was a wrapper script.
java_pid_under() {
    local pid=$1 child
    for _ in 1 2 3 4; do
        [[ $(cat "/proc/$pid/comm" 2>/dev/null) == java ]] && { echo "$pid"; return; }
        child=$(pgrep -o -P "$pid" || true)
        [[ -n $child ]] || break
        pid=$child
    done
    echo "$1"
}

start_server() {
    local name=$1 log_file=$2
    local -a cmd
    mapfile -t cmd < <(server_command "$name")
    log "$name: taskset -c $SERVER_CPU ${cmd[*]} $PORT"
    taskset -c "$SERVER_CPU" "${cmd[@]}" "$PORT" > "$log_file" 2>&1 &
    SERVER_PID=$!
    if ! wait_for_line "$log_file" "^READY $PORT" "$SERVER_PID" 60; then
        log "$name did not print 'READY $PORT'; its output:"
        tail -20 "$log_file" >&2
        return 1
    fi
    SERVER_PID=$(java_pid_under "$SERVER_PID")
}

stop_server() {
    cleanup
}

# ---------------------------------------------------------------- measurements
client() {
    local -a opts
    read -r -a opts <<< "$CLIENT_JVM_OPTS"
    taskset -c "$CLIENT_CPU" java "${opts[@]}" -jar "$LOADGEN" "$@" \
        --port "$PORT" --path "$WS_PATH" --server-pid "$SERVER_PID"
}

# Value of key $2 in the RESULT line of file $1.
result() {
    { grep '^RESULT ' "$1" 2>/dev/null || true; } | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2; exit }'
}

# Busy share of all cores together over one second, in cores (0.0 .. nproc).
cores_busy() {
    local a b
    a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat)
    sleep 1
    b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8, $5 + $6 }' /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " ");
        busy = y[1] - x[1]; idle = y[2] - x[2]; n = '"$(nproc)"';
        printf "%.2f", (busy + idle > 0) ? n * busy / (busy + idle) : 0 }'
}

# Waits (QUIET_WAIT seconds at most) until the idle server and everything else on the machine
# together use under 5% of a core, so a test does not start inside someone else's burst.
wait_quiet() {
    (( QUIET_WAIT > 0 )) || return 0
    local deadline=$(( SECONDS + QUIET_WAIT )) busy
    while true; do
        busy=$(cores_busy)
        awk -v b="$busy" 'BEGIN { exit !(b < 0.05) }' && return 0
        if (( SECONDS >= deadline )); then
            log "  machine still busy ($busy cores in use by others); measuring anyway"
            return 0
        fi
    done
}

run_client() {
    local out=$1
    shift
    log "  loadgen $*"
    if client "$@" > "$out" 2>&1; then
        grep '^RESULT ' "$out" | sed 's/^RESULT /    /' >&2
        return 0
    fi
    log "  failed:"
    sed 's/^/    /' "$out" >&2
    return 1
}

# Runs one client measurement ROUNDS times into $1.roundN.txt and keeps as $1 the best round
# (by key $2, "max" or "min" as $3) among those that other processes disturbed least: other_cpu
# within 0.05 of the lowest. Best-of-N filters out bursts from other work on a shared machine.
measure() {
    local out=$1 key=$2 better=$3
    shift 3
    if (( ROUNDS <= 1 )); then
        wait_quiet
        run_client "$out" "$@"
        return
    fi
    local r f
    local -a files=()
    for (( r = 1; r <= ROUNDS; r++ )); do
        f=${out%.txt}.round$r.txt
        wait_quiet
        run_client "$f" "$@" || return 1
        files+=("$f")
    done
    local best
    best=$(for f in "${files[@]}"; do echo "$f $(result "$f" other_cpu) $(result "$f" "$key")"; done \
        | awk -v better="$better" '
            { name[NR] = $1; other[NR] = $2; value[NR] = $3; if (NR == 1 || $2 < low) low = $2 }
            END {
                for (i = 1; i <= NR; i++) {
                    if (other[i] > low + 0.05) continue
                    if (pick == "" || (better == "max" ? value[i] > best : value[i] < best)) { pick = name[i]; best = value[i] }
                }
                print pick
            }')
    log "  kept $(basename "$best") of $ROUNDS rounds"
    cp "$best" "$out"
}

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# Live heap in KiB after a full GC: the sum of the generations' "used" (Parallel, Serial, G1).
heap_used_kb() {
    taskset -c "$CLIENT_CPU" jcmd "$1" GC.heap_info \
        | awk '/total [0-9]+K, used [0-9]+K/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); s += v } }
               END { print s + 0 }'
}

full_gc() {
    taskset -c "$CLIENT_CPU" jcmd "$1" GC.run > /dev/null
    sleep 1
}

# Server memory per idle connection. The heap is pre-touched (AlwaysPreTouch), so RSS cannot
# grow with Java objects: RSS delta = native memory, live-heap delta (after full GCs) = heap.
measure_idle() {
    local name=$1 dir=$2 fifo="$2/$1.idle.ctl" out="$2/$1.idle.txt"
    wait_quiet
    full_gc "$SERVER_PID"
    full_gc "$SERVER_PID"
    local rss0 heap0
    rss0=$(rss_kb "$SERVER_PID")
    heap0=$(heap_used_kb "$SERVER_PID")

    rm -f "$fifo"
    mkfifo "$fifo"
    local -a opts
    read -r -a opts <<< "$CLIENT_JVM_OPTS"
    log "  loadgen idle --connections $IDLE_CONNECTIONS"
    taskset -c "$CLIENT_CPU" java "${opts[@]}" -jar "$LOADGEN" idle --connections "$IDLE_CONNECTIONS" \
        --port "$PORT" --path "$WS_PATH" < "$fifo" > "$out" 2>&1 &
    CLIENT_PID=$!
    exec 3> "$fifo"
    if ! wait_for_line "$out" '^HELD ' "$CLIENT_PID" 120; then
        exec 3>&-
        wait "$CLIENT_PID" || true
        CLIENT_PID=""
        log "  idle failed:"
        sed 's/^/    /' "$out" >&2
        return 1
    fi
    sleep "$SETTLE"
    full_gc "$SERVER_PID"
    full_gc "$SERVER_PID"
    local rss1 heap1
    rss1=$(rss_kb "$SERVER_PID")
    heap1=$(heap_used_kb "$SERVER_PID")
    echo >&3
    exec 3>&-
    local status=0
    wait "$CLIENT_PID" || status=$?
    CLIENT_PID=""
    rm -f "$fifo"
    if (( status != 0 )); then
        log "  idle failed:"
        sed 's/^/    /' "$out" >&2
        return 1
    fi
    local held
    held=$(result "$out" held)
    echo "MEMORY held=$held rss_before_kb=$rss0 rss_after_kb=$rss1 heap_before_kb=$heap0 heap_after_kb=$heap1" >> "$out"
    awk -v n="$held" -v r0="$rss0" -v r1="$rss1" -v h0="$heap0" -v h1="$heap1" 'BEGIN {
        printf "MEMORY_PER_CONNECTION bytes=%d native_bytes=%d heap_bytes=%d\n",
            ((r1 - r0) + (h1 - h0)) * 1024 / n, (r1 - r0) * 1024 / n, (h1 - h0) * 1024 / n }' >> "$out"
    grep -E '^(RESULT|MEMORY)' "$out" | sed 's/^/    /' >&2
}

# Two client processes with half the connections each, sharing the client core. If one client
# were the bottleneck, the second would add throughput from the core's idle share.
client_check() {
    local dir=$1 name=$2 half=32
    log "  client check: 2 loadgen processes x $half connections"
    wait_quiet
    run_client "$dir/$name.check-a.txt" throughput-text --connections "$half" \
        --warmup "$WARMUP" --duration "$DURATION" &
    local a=$!
    run_client "$dir/$name.check-b.txt" throughput-text --connections "$half" \
        --warmup "$WARMUP" --duration "$DURATION" &
    local b=$!
    local failed=0
    wait "$a" || failed=1
    wait "$b" || failed=1
    (( ! failed )) || return 1
    awk -v x="$(result "$dir/$name.check-a.txt" msgs_per_s)" -v y="$(result "$dir/$name.check-b.txt" msgs_per_s)" \
        -v one="$(result "$dir/$name.text.txt" msgs_per_s)" \
        'BEGIN { printf "CLIENT_CHECK one_client_msgs_per_s=%d two_clients_msgs_per_s=%d\n", one, x + y }' \
        | tee "$dir/$name.client-check.txt" >&2
}

bench_server() {
    local name=$1 dir=$2
    local why
    why=$(server_missing "$name")
    if [[ -n $why ]]; then
        log "skipping $name: $why"
        echo "$why" > "$dir/$name.skipped"
        return 0
    fi
    start_server "$name" "$dir/$name.server.log" || { echo "server did not start" > "$dir/$name.skipped"; stop_server; return 0; }
    log "$name: ready, pid $SERVER_PID, RSS $(rss_kb "$SERVER_PID") kB"
    local ok=1
    if awk -v p="$PRIME" 'BEGIN { exit !(p > 0) }'; then
        log "  priming (JIT warmup, not measured)"
        run_client "$dir/$name.prime-text.txt" throughput-text --warmup 0 --duration "$PRIME" || ok=0
        run_client "$dir/$name.prime-binary.txt" throughput-binary --warmup 0 --duration "$PRIME" || ok=0
    fi
    measure "$dir/$name.text.txt" msgs_per_s max throughput-text --warmup "$WARMUP" --duration "$DURATION" || ok=0
    measure "$dir/$name.binary.txt" mb_per_s max throughput-binary --warmup "$WARMUP" --duration "$DURATION" || ok=0
    measure "$dir/$name.latency.txt" p50_us min latency --warmup-count "$LAT_WARMUP" --count "$LAT_COUNT" || ok=0
    if [[ $CLIENT_CHECK == 1 ]]; then
        client_check "$dir" "$name" || ok=0
    fi
    measure_idle "$name" "$dir" || ok=0
    (( ok )) || log "$name: some measurements failed; see $dir"
    stop_server
}

# ---------------------------------------------------------------- report
cell() { local v; v=$(result "$1" "$2" 2>/dev/null || true); echo "${v:--}"; }

memory_cell() {
    local v
    v=$(grep '^MEMORY_PER_CONNECTION' "$1" 2>/dev/null | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }')
    echo "${v:--}"
}

report() {
    local dir=$1 name
    {
        echo "| server | msgs/s (64x32B pipelined) | MB/s (16 KiB binary) | p50 µs | p99 µs | bytes/idle connection |"
        echo "|---|---:|---:|---:|---:|---:|"
        for name in $SERVERS; do
            if [[ -f $dir/$name.skipped ]]; then
                echo "| $name | not run: $(cat "$dir/$name.skipped") | | | | |"
                continue
            fi
            printf '| %s | %s | %s | %s | %s | %s |\n' "$name" \
                "$(cell "$dir/$name.text.txt" msgs_per_s)" "$(cell "$dir/$name.binary.txt" mb_per_s)" \
                "$(cell "$dir/$name.latency.txt" p50_us)" "$(cell "$dir/$name.latency.txt" p99_us)" \
                "$(memory_cell "$dir/$name.idle.txt" bytes)"
        done
        echo
        echo "Diagnostics (fractions of one core during each measured window; cpu$CLIENT_CPU is the client's core):"
        echo
        echo "| server | test | server_cpu | client_cpu | cpu$SERVER_CPU busy | cpu$CLIENT_CPU busy | other_cpu | extra |"
        echo "|---|---|---:|---:|---:|---:|---:|---|"
        for name in $SERVERS; do
            [[ -f $dir/$name.skipped ]] && continue
            local test f extra
            for test in text binary latency; do
                f=$dir/$name.$test.txt
                extra="$(cell "$f" echoes_per_read) echoes per client read"
                [[ $test == latency ]] && extra="p999 $(cell "$f" p999_us) µs; client spins (spin=$(cell "$f" spin))"
                printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$test" \
                    "$(cell "$f" server_cpu)" "$(cell "$f" client_cpu)" "$(cell "$f" "cpu${SERVER_CPU}_busy")" \
                    "$(cell "$f" "cpu${CLIENT_CPU}_busy")" "$(cell "$f" other_cpu)" "$extra"
            done
            printf '| %s | idle | | | | | | native %s B + heap %s B per connection |\n' "$name" \
                "$(memory_cell "$dir/$name.idle.txt" native_bytes)" "$(memory_cell "$dir/$name.idle.txt" heap_bytes)"
            if [[ -f $dir/$name.client-check.txt ]]; then
                printf '| %s | client check | | | | | | %s |\n' "$name" "$(cut -d' ' -f2- "$dir/$name.client-check.txt")"
            fi
        done
    } > "$dir/table.md"
    echo
    cat "$dir/table.md"
    echo
    log "raw results in $dir"
}

main() {
    check_machine
    build
    [[ -f $LOADGEN ]] || die "$LOADGEN missing; run without BUILD=0"
    mkdir -p "$RESULTS"
    {
        echo "date: $(date -Is)"
        echo "host: $(uname -srm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
        echo "java: $(java -version 2>&1 | head -1)"
        echo "servers: $SERVERS"
        echo "server JVM: $SERVER_JVM_OPTS (pinned to core $SERVER_CPU)"
        echo "client JVM: $CLIENT_JVM_OPTS (pinned to core $CLIENT_CPU)"
        echo "priming ${PRIME}s text + ${PRIME}s binary per server; duration ${DURATION}s after ${WARMUP}s warmup; latency $LAT_COUNT round trips after $LAT_WARMUP"
        echo "idle connections: $IDLE_CONNECTIONS, settle ${SETTLE}s; rounds per test: $ROUNDS"
        echo "wsf command: $WSF_ECHO_CMD"
    } > "$RESULTS/environment.txt"
    [[ $SERVER_JVM_OPTS == *AlwaysPreTouch* ]] \
        || log "warning: without -XX:+AlwaysPreTouch the idle RSS delta also counts heap pages, so bytes/idle connection double-counts the heap"
    local name
    for name in $SERVERS; do
        [[ $name == wsf || $name == netty || $name == jetty ]] || die "unknown server '$name' (known: wsf netty jetty)"
    done
    for name in $SERVERS; do
        bench_server "$name" "$RESULTS"
    done
    report "$RESULTS"
}

main "$@"
