#!/usr/bin/env bash
# Fan-out benchmark: one publisher, N subscribers, every message checked at every subscriber.
# wsf's topics against wsf's own per-session sendText loop (the "before"), Netty's
# ChannelGroup.writeAndFlush of one frame (and, as netty-batch, ChannelGroup.write per message
# with one flush per burst) and Node ws writing one pre-built frame, in one run.
#
# Rounds are the outer loop, so that a noisy stretch of a shared machine lands on every row
# alike: in each round, each row (a server) in turn is started pinned to core $SERVER_CPU and
# primed; then for each subscriber count and with permessage-deflate off and on, one load client
# pinned to core $CLIENT_CPU opens the subscribers and runs every message size: throughput (bursts
# of messages, deliveries/s) and latency (one message at a time, publish-to-last-delivery). Then
# the memory test: the same server in a network namespace of its own with small socket buffers,
# STALL_SUBSCRIBERS subscribers that stop reading, and the heap it takes to queue one more 1 KiB
# message to all of them. Prints the tables at the end; raw output goes to
# bench/results/fanout-<timestamp>/. See bench/README.md ("Fan-out").
#
#   bench/fanout.sh                                     # everything, 3 rounds (not timed; see bench/README.md)
#   SUBSCRIBERS=1000 STALL_SUBSCRIBERS=1000 ROUNDS=1 DURATION=2 LAT_DURATION=2 bench/fanout.sh   # quick check
#   SERVERS="wsf netty" DEFLATE=off bench/fanout.sh     # some rows only
#
# Settings (environment):
#   SERVERS            rows, in order: wsf wsf-loop netty netty-batch node  (all five)
#   SUBSCRIBERS        subscriber counts                                     (1000 10000)
#   SIZES              message sizes in bytes, at least 64                   (64 1024)
#   DEFLATE            off, on, or both: subscribers offer permessage-deflate (off on)
#   PLAIN_ONLY         rows measured without permessage-deflate only          (none)
#   ROUNDS             rounds of every row and test; each figure is min-max  (3)
#   ORDER              rounds: the outer loop is the round, every row is started again in each
#                      round (fairer on a noisy machine); rows: each row is started once and
#                      its client runs the ROUNDS rounds back to back (faster)  (rounds)
#   DURATION / WARMUP  measured / unmeasured seconds of each throughput test (5 / 2)
#   LAT_DURATION       seconds of each latency test (at least LAT_MIN messages, at most 3x) (5)
#   LAT_MIN            messages per latency test                             (100)
#   BURST_DELIVERIES   a burst is max(1, BURST_DELIVERIES / N) messages      (64000)
#   BURSTS_IN_FLIGHT   bursts asked for before the oldest has arrived        (2)
#   PRIME              seconds of unmeasured fan-out to 1000 subscribers right after a server
#                      starts, plain and compressed, so the JIT has compiled the paths (2)
#   MEMORY             1: run the memory test (needs root for a network namespace)     (1)
#   MEMORY_ROUNDS      run it in the first this many rounds                  (ROUNDS)
#   STALL_SUBSCRIBERS  stalled subscribers of the memory test                (10000)
#   STALL_WMEM         net.ipv4.tcp_wmem and tcp_rmem inside the memory test's namespace, so
#                      10,000 stalled sockets hold kilobytes, not megabytes   (4096 8192 8192)
#   NODE_BROADCAST     preframed (Sender.frame once, written to each) or send (ws.send of one
#                      Buffer to each)                                       (preframed)
#   OTHER_MAX / STEAL_MAX   a round is disturbed above these (cores)         (0.05 / 0.05)
#   QUIET_WAIT         before each test, wait up to this many seconds for other processes to
#                      use under 5% of a core (0 = don't)                    (5)
#   SERVER_JVM_OPTS    JVM flags of the Java servers  (-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch)
#   CLIENT_JVM_OPTS    JVM flags of the load client   (-Xms1g -Xmx1g -XX:+UseSerialGC)
#   SERVER_CPU / CLIENT_CPU   cores to pin to        (0 / 1)
#   PORT / PENDING     where the servers listen; handshakes in progress at once (9321 / 256)
#   BUILD=0            use what is built
#   REPORT=DIR         only print the tables again from the raw results in DIR (same settings)
set -euo pipefail

cd "$(dirname "$0")/.."

SERVERS=${SERVERS:-"wsf wsf-loop netty netty-batch node"}
SUBSCRIBERS=${SUBSCRIBERS:-"1000 10000"}
SIZES=${SIZES:-"64 1024"}
DEFLATE=${DEFLATE:-"off on"}
PLAIN_ONLY=${PLAIN_ONLY:-}
ROUNDS=${ROUNDS:-3}
ORDER=${ORDER:-rounds}
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-2}
LAT_DURATION=${LAT_DURATION:-5}
LAT_MIN=${LAT_MIN:-100}
BURST_DELIVERIES=${BURST_DELIVERIES:-64000}
BURSTS_IN_FLIGHT=${BURSTS_IN_FLIGHT:-2}
PRIME=${PRIME:-2}
MEMORY=${MEMORY:-1}
MEMORY_ROUNDS=${MEMORY_ROUNDS:-$ROUNDS}
STALL_SUBSCRIBERS=${STALL_SUBSCRIBERS:-10000}
STALL_SIZE=1024
STALL_WMEM=${STALL_WMEM:-"4096 8192 8192"}
NODE_BROADCAST=${NODE_BROADCAST:-preframed}
OTHER_MAX=${OTHER_MAX:-0.05}
STEAL_MAX=${STEAL_MAX:-0.05}
QUIET_WAIT=${QUIET_WAIT:-5}
SERVER_JVM_OPTS=${SERVER_JVM_OPTS:-"-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch"}
CLIENT_JVM_OPTS=${CLIENT_JVM_OPTS:-"-Xms1g -Xmx1g -XX:+UseSerialGC"}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
PORT=${PORT:-9321}
PENDING=${PENDING:-256}
BUILD=${BUILD:-1}

WSF_CLASSPATH_FILE=ws-samples/target/cp.txt
WSF_FANOUT_CLASSES=bench/wsf-fanout/target/classes
NETTY_JAR=bench/servers/netty-epoll/target/netty-epoll-echo.jar
LOADGEN=bench/loadgen/target/loadgen.jar
RESULTS=bench/results/fanout-$(date +%Y%m%d-%H%M%S)
NETNS=wsf-fanout-$$
NETNS_MADE=0

log() { printf '[fanout] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
has() { [[ " $1 " == *" $2 "* ]]; }

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
finish() {
    cleanup
    if (( NETNS_MADE )); then
        ip netns del "$NETNS" 2>/dev/null || true
    fi
}
exec 4>&2
trap finish EXIT
trap 'echo "[fanout] interrupted" >&4; exit 130' INT TERM

# ---------------------------------------------------------------- checks and build
max_subscribers() {
    local m=$STALL_SUBSCRIBERS n
    (( MEMORY )) || m=0
    for n in $SUBSCRIBERS; do (( n > m )) && m=$n; done
    echo "$m"
}

check_machine() {
    local row
    for row in $SERVERS; do
        case $row in wsf|wsf-loop|netty|netty-batch|node) ;;
            *) die "unknown server '$row' (known: wsf wsf-loop netty netty-batch node)" ;;
        esac
    done
    local d
    for d in $DEFLATE; do
        case $d in on|off) ;; *) die "DEFLATE takes off and/or on, not '$d'" ;; esac
    done
    [[ $ORDER == rounds || $ORDER == rows ]] || die "ORDER is rounds or rows, not '$ORDER'"
    command -v taskset >/dev/null || die "taskset is missing (Debian: apt-get install util-linux)"
    command -v jcmd >/dev/null || die "jcmd is missing (it comes with the JDK)"
    if has "$SERVERS" node; then
        command -v node >/dev/null || die "node is missing (Node.js 20 or later) for the node row"
        node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' \
            || die "the node row needs Node.js 20 or later, found $(node --version)"
    fi
    (( $(nproc) >= 2 )) || die "need 2 cores (server and client pinned apart), have $(nproc)"
    (( ROUNDS >= 1 )) || die "ROUNDS must be at least 1"
    (( ROUNDS >= 3 )) || log "note: ROUNDS=$ROUNDS; figures for publication need at least 3 rounds"

    # Server and client each hold one descriptor per subscriber, plus the JVM's own.
    local most need hard
    most=$(max_subscribers)
    need=$(( most + 2048 ))
    hard=$(ulimit -Hn)
    if [[ $hard != unlimited ]] && (( hard < need )); then
        die "open-file hard limit $hard < $need; raise it or lower SUBSCRIBERS / STALL_SUBSCRIBERS"
    fi
    if (( $(ulimit -n) < need )); then
        ulimit -n "$need"
    fi
    local lo hi
    read -r lo hi < /proc/sys/net/ipv4/ip_local_port_range
    if (( hi - lo + 1 < most + 1000 )); then
        die "ephemeral port range $lo-$hi is too small for $most subscribers; widen it:" \
            "sysctl -w net.ipv4.ip_local_port_range='1024 65000'"
    fi
    if (( MEMORY )); then
        if ip netns add "$NETNS" 2>/dev/null; then
            NETNS_MADE=1
            ip netns exec "$NETNS" ip link set lo up
            ip netns exec "$NETNS" sysctl -q -w "net.ipv4.tcp_wmem=$STALL_WMEM" "net.ipv4.tcp_rmem=$STALL_WMEM"
        else
            log "warning: cannot make a network namespace (ip netns add needs root): no memory test." \
                "Without one, each stalled subscriber would hold megabytes of kernel socket buffers."
            MEMORY=0
        fi
    fi
    local load
    load=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
        log "warning: load average is $load before starting: other work competes for the cores"
    fi
}

wsf_classpath() { echo "ws-samples/target/classes:$(cat "$WSF_CLASSPATH_FILE")"; }

build() {
    [[ $BUILD == 1 ]] || return 0
    log "building bench/servers and bench/loadgen"
    mvn -q -B -f bench/servers/pom.xml package
    mvn -q -B -f bench/loadgen/pom.xml package
    if has "$SERVERS" wsf || has "$SERVERS" wsf-loop; then
        log "building wsf (ws-samples and what it needs, compiled in place) and bench/wsf-fanout"
        mvn -q -B -pl ws-samples -am compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
        rm -rf "$WSF_FANOUT_CLASSES"
        mkdir -p "$WSF_FANOUT_CLASSES"
        javac --release 17 -Xlint:all -d "$WSF_FANOUT_CLASSES" -cp "$(wsf_classpath)" \
            $(find bench/wsf-fanout/src/main/java -name '*.java')
    fi
    if has "$SERVERS" node; then
        # npm ci wipes node_modules, so only when the lock file changed.
        local stamp=bench/node/node_modules/.wsf-package-lock.sha256 want
        want=$(sha256sum bench/node/package-lock.json | cut -d' ' -f1)
        if [[ "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
            log "installing bench/node (ws, pinned in package-lock.json)"
            (cd bench/node && npm ci --no-audit --no-fund --silent)
            echo "$want" > "$stamp"
        fi
    fi
}

# ---------------------------------------------------------------- servers
# Prints the command (one word per line) that starts row $1's server, without the port.
server_command() {
    local -a opts
    read -r -a opts <<< "$SERVER_JVM_OPTS"
    case $1 in
        wsf) printf '%s\n' java "${opts[@]}" -Dfanout.send=topics -cp "$WSF_FANOUT_CLASSES:$(wsf_classpath)" \
                 dev.wsf.bench.fanout.WsfFanoutServer ;;
        wsf-loop) printf '%s\n' java "${opts[@]}" -Dfanout.send=loop -cp "$WSF_FANOUT_CLASSES:$(wsf_classpath)" \
                 dev.wsf.bench.fanout.WsfFanoutServer ;;
        netty) printf '%s\n' java "${opts[@]}" -Dtransport=epoll -cp "$NETTY_JAR" dev.wsf.bench.netty.NettyFanoutServer ;;
        netty-batch) printf '%s\n' java "${opts[@]}" -Dtransport=epoll -Dfanout.flush=burst -cp "$NETTY_JAR" \
                 dev.wsf.bench.netty.NettyFanoutServer ;;
        node) printf '%s\n' node --expose-gc bench/node/fanout-server.mjs --broadcast "$NODE_BROADCAST" ;;
    esac
}

# Why row $1 cannot run, or nothing.
server_missing() {
    case $1 in
        wsf|wsf-loop) [[ -f $WSF_CLASSPATH_FILE && -d $WSF_FANOUT_CLASSES/dev ]] || echo "wsf or bench/wsf-fanout not built (run without BUILD=0)" ;;
        netty|netty-batch) [[ -f $NETTY_JAR ]] || echo "$NETTY_JAR missing (run without BUILD=0)" ;;
        node) [[ -d bench/node/node_modules/ws ]] || echo "bench/node/node_modules missing (run without BUILD=0)" ;;
    esac
}

wait_for_line() {
    local deadline=$(( SECONDS + $4 ))
    until grep -q "$2" "$1" 2>/dev/null; do
        kill -0 "$3" 2>/dev/null || return 1
        (( SECONDS < deadline )) || return 1
        sleep 0.1
    done
}

# The process to measure: the started one, or the first java/node below it.
pid_under() {
    local pid=$1 child comm
    for _ in 1 2 3 4; do
        comm=$(cat "/proc/$pid/comm" 2>/dev/null || true)
        [[ $comm == java || $comm == node ]] && { echo "$pid"; return; }
        child=$(pgrep -o -P "$pid" || true)
        [[ -n $child ]] || break
        pid=$child
    done
    echo "$1"
}

# Starts row $1's server with its output in $2; $3 = "netns" to start it in the memory test's namespace.
start_server() {
    local row=$1 log_file=$2 where=${3:-}
    local -a cmd prefix=()
    mapfile -t cmd < <(server_command "$row")
    [[ $where == netns ]] && prefix=(ip netns exec "$NETNS")
    log "$row: ${prefix[*]} taskset -c $SERVER_CPU ${cmd[*]} $PORT"
    "${prefix[@]}" taskset -c "$SERVER_CPU" "${cmd[@]}" "$PORT" > "$log_file" 2>&1 &
    SERVER_PID=$!
    if ! wait_for_line "$log_file" "^READY $PORT" "$SERVER_PID" 90; then
        log "$row did not print 'READY $PORT'; its output:"
        tail -20 "$log_file" >&2
        return 1
    fi
    SERVER_PID=$(pid_under "$SERVER_PID")
}

# ---------------------------------------------------------------- clients
client_cmd() {
    local -a opts
    read -r -a opts <<< "$CLIENT_JVM_OPTS"
    printf '%s\n' taskset -c "$CLIENT_CPU" java "${opts[@]}" -jar "$LOADGEN"
}

# One fan-out client run into file $1; the rest are loadgen options.
run_fanout() {
    local out=$1
    shift
    local -a cmd
    mapfile -t cmd < <(client_cmd)
    log "  loadgen fanout $*"
    if "${cmd[@]}" fanout --port "$PORT" --server-pid "$SERVER_PID" --pending "$PENDING" "$@" > "$out" 2>&1; then
        awk -v om="$OTHER_MAX" -v sm="$STEAL_MAX" '$1 == "RESULT" {
            o = 0; s = 0; line = ""
            for (i = 2; i <= NF; i++) {
                split($i, kv, "=")
                if (kv[1] == "other_cpu") o = kv[2]
                if (kv[1] == "steal_cpu") s = kv[2]
                if (kv[1] ~ /^(test|round|size|deflate|deliveries_per_s|p50_us|p99_us|server_cpu|other_cpu)$/) line = line " " $i
            }
            print "   " line ((o + 0 > om + 0 || s + 0 > sm + 0) ? "  <- disturbed" : "") }' "$out" >&2
        return 0
    fi
    log "  failed:"
    sed 's/^/    /' "$out" >&2
    return 1
}

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# Live heap in KiB after a full GC: the sum of the generations' "used".
heap_used_kb() {
    taskset -c "$CLIENT_CPU" jcmd "$1" GC.heap_info \
        | awk '/total [0-9]+K, used [0-9]+K/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); s += v } }
               END { print s + 0 }'
}

full_gc() {
    taskset -c "$CLIENT_CPU" jcmd "$1" GC.run > /dev/null
    sleep 1
}

# Value of key $2 on the line of file $1 starting with $3 (default RESULT).
value() {
    { grep "^${3:-RESULT} " "$1" 2>/dev/null || true; } | tail -1 | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2; exit }'
}

# The server's memory now, "heap_kb rss_kb": for the JVMs the live heap after two full GCs, for
# Node heapUsed + external after its own GC, from the client's MEM line $2 of file $3.
server_memory() {
    local row=$1 phase=$2 out=$3 heap
    if [[ $row == node ]]; then
        wait_for_line "$out" "^MEM .*phase=$phase" "$CLIENT_PID" 60 || return 1
        heap=$(grep "^MEM .*phase=$phase" "$out" | tail -1 | tr ' ' '\n' \
            | awk -F= '$1 == "heap_used" || $1 == "external" { s += $2 } END { printf "%d", s / 1024 }')
    else
        full_gc "$SERVER_PID"
        full_gc "$SERVER_PID"
        heap=$(heap_used_kb "$SERVER_PID")
    fi
    echo "$heap $(rss_kb "$SERVER_PID")"
}

# One round of the memory test into $2: N stalled subscribers, one more 1 KiB message.
measure_stall() {
    local row=$1 out=$2 fifo="$2.ctl"
    local -a cmd gc=()
    mapfile -t cmd < <(client_cmd)
    [[ $row == node ]] && gc=(--server-gc true)
    rm -f "$fifo"
    mkfifo "$fifo"
    log "  loadgen fanout-stall --subscribers $STALL_SUBSCRIBERS --sizes $STALL_SIZE (in namespace $NETNS)"
    ip netns exec "$NETNS" "${cmd[@]}" fanout-stall --port "$PORT" --server-pid "$SERVER_PID" --pending "$PENDING" \
        --subscribers "$STALL_SUBSCRIBERS" --sizes "$STALL_SIZE" --label "$row" "${gc[@]}" < "$fifo" > "$out" 2>&1 &
    CLIENT_PID=$!
    exec 3> "$fifo"
    local ok=1 before after
    if wait_for_line "$out" '^FILLED ' "$CLIENT_PID" 300 && before=$(server_memory "$row" filled "$out"); then
        echo >&3
        if wait_for_line "$out" '^PUBLISHED ' "$CLIENT_PID" 120 && after=$(server_memory "$row" published "$out"); then
            echo >&3
        else
            ok=0
        fi
    else
        ok=0
    fi
    exec 3>&-
    local status=0
    wait "$CLIENT_PID" || status=$?
    CLIENT_PID=""
    rm -f "$fifo"
    if (( ! ok || status != 0 )); then
        log "  memory test failed:"
        sed 's/^/    /' "$out" >&2
        return 1
    fi
    local h0 r0 h1 r1
    read -r h0 r0 <<< "$before"
    read -r h1 r1 <<< "$after"
    awk -v n="$STALL_SUBSCRIBERS" -v h0="$h0" -v h1="$h1" -v r0="$r0" -v r1="$r1" \
        -v b0="$(value "$out" backlog_before)" -v b1="$(value "$out" backlog_after)" 'BEGIN {
        printf "MEMORY subscribers=%d heap_before_kb=%d heap_after_kb=%d heap_delta_kb=%d rss_delta_kb=%d" \
               " heap_bytes_per_subscriber=%.0f queued_bytes_per_subscriber=%.0f\n",
            n, h0, h1, h1 - h0, r1 - r0, (h1 - h0) * 1024 / n, (b1 - b0) / n }' >> "$out"
    grep -E '^(FILLED|MEMORY)' "$out" | sed 's/^/    /' >&2
    sleep 1
}

# Round $3 of row $1 into directory $2: its own server start, priming, every test, the memory
# test. With ORDER=rows, the only call for the row: its client runs all ROUNDS rounds ($3 is 1).
bench_row() {
    local row=$1 dir=$2 r=$3 why client_rounds=1 memory_rounds=1
    [[ $ORDER == rows ]] && { client_rounds=$ROUNDS; memory_rounds=$MEMORY_ROUNDS; }
    why=$(server_missing "$row")
    if [[ -n $why ]]; then
        log "skipping $row: $why"
        echo "$why" > "$dir/$row.skipped"
        return 0
    fi
    local row_started=$SECONDS ok=1 n d
    local sizes
    sizes=$(echo "$SIZES" | tr ' ' ',')
    if ! start_server "$row" "$dir/$row.server.r$r.log"; then
        cleanup
        log "$row: round $r failed: the server did not start"
        echo "$row round $r" >> "$dir/failed-rows.txt"
        return 0
    fi
    log "$row: ready, pid $SERVER_PID, RSS $(rss_kb "$SERVER_PID") kB"
    if awk -v p="$PRIME" 'BEGIN { exit !(p > 0) }'; then
        log "  priming (JIT warmup, not measured)"
        for d in false true; do
            [[ $d == true ]] && { has "$PLAIN_ONLY" "$row" || ! has "$DEFLATE" on; } && continue
            run_fanout "$dir/$row.prime-deflate-$d.r$r.txt" --subscribers 1000 --deflate "$d" --sizes "$sizes" \
                --rounds 1 --warmup 0 --duration "$PRIME" --latency-duration 1 --latency-min 10 \
                --burst-deliveries "$BURST_DELIVERIES" --label "$row" || ok=0
        done
    fi
    for n in $SUBSCRIBERS; do
        for d in $DEFLATE; do
            [[ $d == on ]] && has "$PLAIN_ONLY" "$row" && continue
            run_fanout "$dir/$row.n$n.$d.r$r.txt" --subscribers "$n" --deflate "$([[ $d == on ]] && echo true || echo false)" \
                --sizes "$sizes" --rounds "$client_rounds" --warmup "$WARMUP" --duration "$DURATION" \
                --latency-duration "$LAT_DURATION" --latency-min "$LAT_MIN" --burst-deliveries "$BURST_DELIVERIES" \
                --bursts-in-flight "$BURSTS_IN_FLIGHT" --quiet-wait "$QUIET_WAIT" --label "$row" || ok=0
            sleep 1 # the server lets go of the last client's connections
        done
    done
    cleanup
    if (( MEMORY && r <= MEMORY_ROUNDS )); then
        log "$row: memory test, $STALL_SUBSCRIBERS stalled subscribers (server in namespace $NETNS)"
        if start_server "$row" "$dir/$row.stall-server.r$r.log" netns; then
            local m
            for (( m = r; m < r + memory_rounds; m++ )); do
                measure_stall "$row" "$dir/$row.stall.r$m.txt" || ok=0
            done
        else
            ok=0
        fi
        cleanup
    fi
    (( ok )) || { log "$row: some measurements of round $r failed; see $dir"; echo "$row round $r" >> "$dir/failed-rows.txt"; }
    log "$row: round $r done in $(( SECONDS - row_started )) s"
    echo "$row $r $(( SECONDS - row_started ))" >> "$dir/row-seconds.txt"
}

# ---------------------------------------------------------------- report
# "lo hi clean total client_bound" for key $4 of the $2 test with $3-byte messages in the files
# $1.r*.txt (one per round), over clean rounds if there are any. A throughput round is
# client-bound when the client's process used at least 0.9 of its core while the server's
# process used less than 0.9 of its own.
range() {
    local -a files
    files=("$1".r*.txt)
    [[ -f ${files[0]} ]] || return 0
    awk -v test="$2" -v size="$3" -v key="$4" -v om="$OTHER_MAX" -v sm="$STEAL_MAX" '
        $1 == "RESULT" {
            split("", f)
            for (i = 2; i <= NF; i++) { eq = index($i, "="); f[substr($i, 1, eq - 1)] = substr($i, eq + 1) }
            # deliveries_per_cpu_s: deliveries per second of the server process'"'"'s CPU time
            if (key == "deliveries_per_cpu_s" && f["server_cpu"] + 0 > 0) f[key] = f["deliveries_per_s"] / f["server_cpu"]
            if (f["test"] != test || f["size"] != size || !(key in f)) next
            if (test == "latency" && f["samples"] + 0 == 0) next # no message measured in its time
            n++; v[n] = f[key] + 0
            c[n] = !(f["other_cpu"] + 0 > om + 0 || f["steal_cpu"] + 0 > sm + 0)
            b[n] = (test == "throughput" && f["client_cpu"] + 0 >= 0.9 && f["server_cpu"] + 0 < 0.9)
        }
        END {
            if (n == 0) exit
            for (i = 1; i <= n; i++) if (c[i]) clean++
            for (i = 1; i <= n; i++) {
                if (clean > 0 && !c[i]) continue
                if (!seen || v[i] < lo) lo = v[i]
                if (!seen || v[i] > hi) hi = v[i]
                if (b[i]) bound++
                seen = 1
            }
            print lo, hi, clean + 0, n, bound + 0
        }' "${files[@]}"
}

# A table cell from range(): "lo–hi" in format $5 after dividing by $6, with how many rounds it
# rests on when some were disturbed, and † when a round was client-bound.
cell() {
    local r
    r=$(range "$1" "$2" "$3" "$4")
    [[ -n $r ]] || { echo "-"; return; }
    awk -v r="$r" -v fmt="$5" -v div="${6:-1}" 'BEGIN {
        split(r, x, " "); lo = sprintf(fmt, x[1] / div); hi = sprintf(fmt, x[2] / div)
        s = (lo == hi) ? lo : lo "–" hi
        if (x[3] == 0) s = s " ⚠ " x[4] "/" x[4] " disturbed"
        else if (x[3] < x[4]) s = s " (" x[3] " of " x[4] ")"
        if (x[5] > 0) s = s " †"
        print s }'
}

# Ratio range of files $1.r*.txt over files $2.r*.txt for key $5 of test $3, size $4.
ratio() {
    local a b
    a=$(range "$1" "$3" "$4" "$5")
    b=$(range "$2" "$3" "$4" "$5")
    [[ -n $a && -n $b ]] || { echo "-"; return; }
    awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " ");
        if (y[1] <= 0 || y[2] <= 0) { print "-"; exit }
        lo = x[1] / y[2]; hi = x[2] / y[1]
        printf (sprintf("%.2f", lo) == sprintf("%.2f", hi)) ? "%.2f" : "%.2f–%.2f", lo, hi
        print (x[3] == 0 || y[3] == 0) ? " ⚠ from disturbed rounds" : "" }'
}

# min–max of key $2 over the MEMORY lines of files $1 (a glob), in format $3 after dividing by $4.
memory_cell() {
    local v
    v=$({ grep -h '^MEMORY ' $1 2>/dev/null || true; } | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2 }')
    [[ -n $v ]] || { echo "-"; return; }
    echo "$v" | awk -v fmt="$3" -v div="${4:-1}" '
        { x = $1 / div; if (NR == 1 || x < lo) lo = x; if (NR == 1 || x > hi) hi = x; n++ }
        END { a = sprintf(fmt, lo); b = sprintf(fmt, hi); print (a == b ? a : a "–" b) }'
}

row_setup() {
    local said
    said=$(grep -m1 -E '^(wsf|netty|node) ' "$2/$1.server.r1.log" 2>/dev/null || true)
    if [[ $1 == wsf* && -n $said ]]; then
        said="$said, $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
    fi
    echo "${said:-?}"
}

report() {
    local dir=$1 row n d size r
    local -a sizes
    read -r -a sizes <<< "$SIZES"
    {
        echo "Each cell: min–max over $ROUNDS rounds. A round is disturbed when other processes used more than $OTHER_MAX"
        echo "of a core or the hypervisor stole more than $STEAL_MAX during its window; \"(2 of 3)\" means the range rests on"
        echo "the 2 clean rounds, \"⚠ 3/3 disturbed\" that none was clean. † marks a throughput figure with a round where the"
        echo "client's process used at least 0.9 of its core and the server's process less: there it measures the client."
        echo "deliveries/s: messages received and checked at all subscribers together. Latency: publish to last delivery"
        echo "of one message at a time, in ms."
        echo
        echo "| row | setup |"
        echo "|---|---|"
        for row in $SERVERS; do
            if [[ -f $dir/$row.skipped ]]; then
                echo "| $row | not run: $(cat "$dir/$row.skipped") |"
            else
                echo "| $row | $(row_setup "$row" "$dir") |"
            fi
        done
        echo
        for n in $SUBSCRIBERS; do
            for d in $DEFLATE; do
                echo "**$n subscribers, permessage-deflate $d**"
                echo
                local head="| row |" rule="|---|"
                for size in "${sizes[@]}"; do
                    head="$head $size B deliveries/s | $size B per server CPU-s | $size B p50 ms | $size B p99 ms |"
                    rule="$rule---:|---:|---:|---:|"
                done
                echo "$head"
                echo "$rule"
                for row in $SERVERS; do
                    [[ -f $dir/$row.skipped ]] && continue
                    local f=$dir/$row.n$n.$d line="| $row |"
                    for size in "${sizes[@]}"; do
                        line="$line $(cell "$f" throughput "$size" deliveries_per_s %.0f) |"
                        line="$line $(cell "$f" throughput "$size" deliveries_per_cpu_s %.0f) | $(cell "$f" latency "$size" p50_us %.1f 1000) | $(cell "$f" latency "$size" p99_us %.1f 1000) |"
                    done
                    echo "$line"
                done
                echo
            done
        done
        if has "$SERVERS" wsf; then
            local metric
            for metric in deliveries_per_s deliveries_per_cpu_s; do
                if [[ $metric == deliveries_per_s ]]; then
                    echo "Targets, deliveries/s (ratio ranges from the extremes of both rows):"
                else
                    echo "The same ratios for deliveries per second of the server's own CPU time (what a delivery costs"
                    echo "the server, less sensitive to how much of its core the server got on a shared machine):"
                fi
                echo
                echo "| subscribers | deflate | size | wsf / wsf-loop >= 3 | wsf / netty >= 1.5 | wsf / netty-batch | wsf / node |"
                echo "|---:|---|---:|---:|---:|---:|---:|"
                for n in $SUBSCRIBERS; do
                    for d in $DEFLATE; do
                        for size in "${sizes[@]}"; do
                            local w=$dir/wsf.n$n.$d other line="| $n | $d | $size |"
                            for other in wsf-loop netty netty-batch node; do
                                line="$line $(ratio "$w" "$dir/$other.n$n.$d" throughput "$size" "$metric") |"
                            done
                            echo "$line"
                        done
                    done
                done
                echo
            done
        fi
        if (( MEMORY )); then
            echo "Memory: one $STALL_SIZE-byte message queued to $STALL_SUBSCRIBERS stalled subscribers (target for wsf: heap growth < 2 MiB);"
            echo "min–max over $MEMORY_ROUNDS round(s)."
            echo "Heap: JVM live heap after two full GCs (jcmd); Node heapUsed + external after its own GC. RSS: resident set."
            echo
            echo "| row | heap growth KiB | heap bytes per subscriber | RSS growth KiB | queued in the server before, per subscriber |"
            echo "|---|---:|---:|---:|---:|"
            for row in $SERVERS; do
                [[ -f $dir/$row.skipped ]] && continue
                local filled
                filled=$({ grep -h '^FILLED ' "$dir/$row".stall.r*.txt 2>/dev/null || true; } \
                    | tr ' ' '\n' | awk -F= -v n="$STALL_SUBSCRIBERS" '$1 == "backlog_bytes" { v = $2 / n; if (!c++ || v < lo) lo = v; if (v > hi) hi = v }
                        END { if (c) { a = sprintf("%.0f B", lo); b = sprintf("%.0f B", hi); print (a == b ? a : a "–" b) } else print "-" }')
                echo "| $row | $(memory_cell "$dir/$row.stall.r*.txt" heap_delta_kb %.0f) |" \
                     "$(memory_cell "$dir/$row.stall.r*.txt" heap_bytes_per_subscriber %.0f) |" \
                     "$(memory_cell "$dir/$row.stall.r*.txt" rss_delta_kb %.0f) | $filled |"
            done
            echo
        fi
        echo "Every round (cores busy during the measured window; cpu$CLIENT_CPU is the client's core):"
        echo
        echo "| row | subscribers | deflate | test | size | round | result | server_cpu | client_cpu | cpu$SERVER_CPU busy | cpu$CLIENT_CPU busy | other_cpu | steal_cpu | server RSS MiB |"
        echo "|---|---:|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|"
        for row in $SERVERS; do
            for n in $SUBSCRIBERS; do
                for d in $DEFLATE; do
                  for (( r = 1; r <= ROUNDS; r++ )); do
                    local f=$dir/$row.n$n.$d.r$r.txt
                    [[ -f $f ]] || continue
                    awk -v row="$row" -v n="$n" -v d="$d" -v round="$r" -v order="$ORDER" -v sc="cpu${SERVER_CPU}_busy" -v cc="cpu${CLIENT_CPU}_busy" '
                        $1 == "RESULT" {
                            split("", f)
                            for (i = 2; i <= NF; i++) { eq = index($i, "="); f[substr($i, 1, eq - 1)] = substr($i, eq + 1) }
                            r = f["test"] == "throughput" ? f["deliveries_per_s"] " deliveries/s (burst " f["burst"] ", loaded p50 " sprintf("%.1f", f["loaded_p50_us"] / 1000) " ms)" \
                                : "p50 " sprintf("%.1f", f["p50_us"] / 1000) " / p99 " sprintf("%.1f", f["p99_us"] / 1000) " ms (" f["samples"] " messages)"
                            printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %.0f |\n", row, n, f["deflate"], f["test"], f["size"], order == "rows" ? f["round"] : round, r,
                                f["server_cpu"], f["client_cpu"], f[sc], f[cc], f["other_cpu"], f["steal_cpu"], f["server_rss_kb"] / 1024
                        }' "$f"
                  done
                done
            done
        done
    } > "$dir/table.md"
    echo
    cat "$dir/table.md"
    echo
    log "raw results in $dir"
}

main() {
    if [[ -n ${REPORT:-} ]]; then
        report "$REPORT"
        return
    fi
    check_machine
    build
    [[ -f $LOADGEN ]] || die "$LOADGEN missing; run without BUILD=0"
    mkdir -p "$RESULTS"
    local started=$SECONDS row
    {
        echo "date: $(date -Is)"
        echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
        echo "host: $(uname -srm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
        echo "java: $(java -version 2>&1 | head -1)"
        has "$SERVERS" node && echo "node: $(node --version)"
        echo "rows: $SERVERS; subscribers: $SUBSCRIBERS; sizes: $SIZES; permessage-deflate: $DEFLATE"
        echo "server JVM: $SERVER_JVM_OPTS (pinned to core $SERVER_CPU); client JVM: $CLIENT_JVM_OPTS (pinned to core $CLIENT_CPU)"
        echo "throughput: ${WARMUP}s warmup + ${DURATION}s, bursts of max(1, $BURST_DELIVERIES / N) messages, $BURSTS_IN_FLIGHT in flight;" \
             "latency: ${LAT_DURATION}s and at least $LAT_MIN messages; priming ${PRIME}s"
        echo "rounds: $ROUNDS, order $ORDER; disturbed above other_cpu $OTHER_MAX or steal_cpu $STEAL_MAX; quiet wait ${QUIET_WAIT}s"
        echo "memory test: $( (( MEMORY )) && echo "$STALL_SUBSCRIBERS stalled subscribers, $STALL_SIZE B, namespace tcp_wmem/tcp_rmem $STALL_WMEM, rounds 1-$MEMORY_ROUNDS" || echo off)"
        echo "without permessage-deflate only: ${PLAIN_ONLY:-none}"
        echo "node broadcast: $NODE_BROADCAST"
    } > "$RESULTS/environment.txt"
    local r
    if [[ $ORDER == rows ]]; then
        for row in $SERVERS; do
            bench_row "$row" "$RESULTS" 1
        done
    else
        for (( r = 1; r <= ROUNDS; r++ )); do
            for row in $SERVERS; do
                bench_row "$row" "$RESULTS" "$r"
            done
        done
    fi
    echo "elapsed: $(( SECONDS - started )) s" >> "$RESULTS/environment.txt"
    log "elapsed: $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s"
    report "$RESULTS"
}

main "$@"
