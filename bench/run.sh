#!/usr/bin/env bash
# End-to-end WebSocket echo benchmark: wsf against Netty, Jetty and a raw TCP echo server on the
# same machine, in plain TCP and over TLS 1.3.
#
# For each row (a server in a mode): start the server pinned to core $SERVER_CPU, wait for
# "READY <port>", prime it, then run the load client pinned to core $CLIENT_CPU, ROUNDS times
# each: text throughput, binary throughput, latency (plain mode only), idle memory. Stop it.
# Prints the tables at the end; raw output goes to bench/results/<timestamp>/. See
# bench/README.md for what each number means.
#
#   bench/run.sh                                        # every row, 3 rounds: about 25 minutes
#   DURATION=2 IDLE_CONNECTIONS=1000 ROUNDS=1 bench/run.sh   # quick check that every row works
#   MODES=tls TLS_SERVERS="wsf netty-epoll" bench/run.sh     # some rows only
#
# Settings (environment):
#   MODES            plain, tls, or both                                      (plain tls)
#   SERVERS          plain rows, in order: wsf netty-epoll netty-nio jetty tcp (all five)
#   TLS_SERVERS      TLS rows, in order: wsf netty-epoll netty-nio jetty       (wsf netty-epoll jetty)
#   WSF_ECHO_CMD     command starting wsf's plain echo server; the port is appended. If it
#                    starts with "java", SERVER_JVM_OPTS are inserted after it. "wsf-sample"
#                    (the default) is the echo sample, built by this script:
#                    java -cp ws-samples/target/classes:<its classpath> dev.wsf.samples.Samples echo
#   WSF_TLS_ECHO_CMD the same for the TLS row; it also gets -Dtls.keystore=P12 -Dtls.password=PW.
#                    Default: bench/wsf-tls (the echo sample's endpoint behind ServerConfig.tls),
#                    built by this script; "wsf-sample" runs the sample itself with those flags.
#   JETTY_OPTS       extra -D flags for Jetty, e.g. its own thread pool defaults:
#                    "-Djetty.maxThreads=200 -Djetty.minThreads=8 -Djetty.reservedThreads=-1"
#   DURATION         measured seconds per throughput test                     (10)
#   WARMUP           unmeasured seconds before each throughput test           (DURATION/3, at most 3)
#   PRIME            seconds of unmeasured text and binary load right after a server starts,
#                    so the JIT has compiled the hot paths before anything counts (DURATION/2)
#   LAT_COUNT        measured round trips at 1 connection                     (10000 x DURATION)
#   IDLE_CONNECTIONS idle connections for the memory test                     (10000)
#   TLS_IDLE_CONNECTIONS  the same over TLS: fewer, because the client's core pays several ms
#                    of P-256 arithmetic per full handshake                   (2000)
#   PENDING / TLS_PENDING  handshakes in progress at once while opening them  (256 / 16)
#   SETTLE           seconds to let an idle server settle                     (3)
#   ROUNDS           rounds of every test; each figure is reported as min-max (3)
#   IDLE_ROUNDS      rounds of the idle memory test                           (ROUNDS)
#   OTHER_MAX        a round is "disturbed" when other processes used more than this many
#                    cores during its measured window, or ...                 (0.05)
#   STEAL_MAX        ... when the hypervisor stole more than this many cores  (0.05)
#   QUIET_WAIT       before each test, wait up to this many seconds for the machine to use
#                    less than 5% of a core (0 = don't wait)                  (20)
#   SERVER_JVM_OPTS  JVM flags, identical for every server    (-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch)
#   CLIENT_JVM_OPTS  JVM flags of the load client             (-Xms1g -Xmx1g -XX:+UseSerialGC)
#   SERVER_CPU / CLIENT_CPU   cores to pin to                 (0 / 1)
#   PORT / WS_PATH   where the servers listen                 (9301 / /echo)
#   CLIENT_CHECK=1   also run the text test with two client processes, to show the client
#                    is not the bottleneck
#   BUILD=0          skip building bench/servers, bench/loadgen and wsf
set -euo pipefail

cd "$(dirname "$0")/.."

MODES=${MODES:-"plain tls"}
SERVERS=${SERVERS:-"wsf netty-epoll netty-nio jetty tcp"}
TLS_SERVERS=${TLS_SERVERS:-"wsf netty-epoll jetty"}
JETTY_OPTS=${JETTY_OPTS:-}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-$(awk -v d="$DURATION" 'BEGIN { w = d / 3; if (w > 3) w = 3; print w }')}
PRIME=${PRIME:-$(awk -v d="$DURATION" 'BEGIN { print d / 2 }')}
LAT_COUNT=${LAT_COUNT:-$(awk -v d="$DURATION" 'BEGIN { printf "%d", d * 10000 }')}
LAT_WARMUP=${LAT_WARMUP:-$(( LAT_COUNT / 5 ))}
IDLE_CONNECTIONS=${IDLE_CONNECTIONS:-10000}
TLS_IDLE_CONNECTIONS=${TLS_IDLE_CONNECTIONS:-$(( IDLE_CONNECTIONS < 2000 ? IDLE_CONNECTIONS : 2000 ))}
PENDING=${PENDING:-256}
TLS_PENDING=${TLS_PENDING:-16}
SETTLE=${SETTLE:-3}
ROUNDS=${ROUNDS:-3}
IDLE_ROUNDS=${IDLE_ROUNDS:-$ROUNDS}
OTHER_MAX=${OTHER_MAX:-0.05}
STEAL_MAX=${STEAL_MAX:-0.05}
QUIET_WAIT=${QUIET_WAIT:-20}
SERVER_JVM_OPTS=${SERVER_JVM_OPTS:-"-Xms1g -Xmx1g -XX:+UseParallelGC -XX:+AlwaysPreTouch"}
CLIENT_JVM_OPTS=${CLIENT_JVM_OPTS:-"-Xms1g -Xmx1g -XX:+UseSerialGC"}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
PORT=${PORT:-9301}
WS_PATH=${WS_PATH:-/echo}
CLIENT_CHECK=${CLIENT_CHECK:-0}
BUILD=${BUILD:-1}
# wsf's echo sample runs from its compiled classes and the classpath Maven writes next to them
# (built below); "Samples echo PORT" listens on 127.0.0.1:PORT and prints READY PORT.
WSF_CLASSPATH_FILE=ws-samples/target/cp.txt
WSF_SAMPLE=wsf-sample
WSF_TLS_MAIN=wsf-tls
WSF_ECHO_CMD=${WSF_ECHO_CMD:-$WSF_SAMPLE}
WSF_TLS_ECHO_CMD=${WSF_TLS_ECHO_CMD:-$WSF_TLS_MAIN}
WSF_TLS_CLASSES=bench/wsf-tls/target/classes

LOADGEN=bench/loadgen/target/loadgen.jar
RESULTS=bench/results/$(date +%Y%m%d-%H%M%S)
KEYSTORE=$RESULTS/tls/bench.p12
TLS_PASSWORD=""

log() { printf '[bench] %s\n' "$*" >&2; }
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
# fd 4 keeps the real stderr: a trap can run while a command's output is redirected to a file.
exec 4>&2
trap cleanup EXIT
trap 'echo "[bench] interrupted" >&4; exit 130' INT TERM

# ---------------------------------------------------------------- rows
# A row is a server in a mode: "netty-epoll" (plain) or "tls-netty-epoll".
ROWS=()
plan_rows() {
    local mode name
    for mode in $MODES; do
        case $mode in
            plain) for name in $SERVERS; do
                       case $name in wsf|netty-epoll|netty-nio|jetty|tcp) ;; *) die "unknown server '$name' (known: wsf netty-epoll netty-nio jetty tcp)" ;; esac
                       ROWS+=("$name")
                   done ;;
            tls) for name in $TLS_SERVERS; do
                     case $name in wsf|netty-epoll|netty-nio|jetty) ;; *) die "no TLS row for '$name' (known: wsf netty-epoll netty-nio jetty)" ;; esac
                     ROWS+=("tls-$name")
                 done ;;
            *) die "unknown mode '$mode' (known: plain tls)" ;;
        esac
    done
    (( ${#ROWS[@]} > 0 )) || die "nothing to run"
}
row_server() { echo "${1#tls-}"; }
row_tls() { [[ $1 == tls-* ]]; }

# What row $1 ran, for the tables: what the server printed about itself (Netty and Jetty print
# their version, transport or thread pool), else what the build says.
row_setup() {
    local tls="" said
    row_tls "$1" && tls=", TLS 1.3 (JDK)"
    said=$(grep -m1 -E '^(netty|jetty) ' "$2/$1.server.log" 2>/dev/null || true)
    if [[ -n $said ]]; then
        echo "${said/netty/Netty}" | sed 's/^jetty/Jetty/; s/, TLS (JDK provider)$//; s/$/'"$tls"'/'
        return
    fi
    case $(row_server "$1") in
        wsf)
            if row_tls "$1" && [[ $WSF_TLS_ECHO_CMD == "$WSF_TLS_MAIN" ]]; then
                echo "wsf $(git rev-parse --short HEAD 2>/dev/null || echo '?'), echo sample's endpoint (bench/wsf-tls)$tls"
            else
                echo "wsf $(git rev-parse --short HEAD 2>/dev/null || echo '?'), echo sample$tls"
            fi ;;
        netty-epoll) echo "Netty $(netty_version netty-epoll), native epoll$tls" ;;
        netty-nio) echo "Netty $(netty_version netty), NIO$tls" ;;
        jetty) echo "Jetty $(mvn_property jetty.version)$tls" ;;
        tcp) echo "raw TCP echo (JDK NIO), no WebSocket" ;;
    esac
}
mvn_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" bench/servers/pom.xml | head -1; }
netty_version() {
    local v
    v=$(sed -n 's:.*<netty.version>\(.*\)</netty.version>.*:\1:p' "bench/servers/$1/pom.xml" | head -1)
    echo "${v:-$(mvn_property netty.version)}"
}

# ---------------------------------------------------------------- machine checks
check_machine() {
    command -v taskset >/dev/null || die "taskset is missing (Debian: apt-get install util-linux)"
    command -v jcmd >/dev/null || die "jcmd is missing (it comes with the JDK)"
    command -v keytool >/dev/null || die "keytool is missing (it comes with the JDK)"
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
    (( ROUNDS >= 1 && IDLE_ROUNDS >= 1 )) || die "ROUNDS and IDLE_ROUNDS must be at least 1"
    (( ROUNDS >= 3 )) || log "note: ROUNDS=$ROUNDS; figures for publication need at least 3 rounds"

    local load
    load=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
        log "warning: load average is $load before starting: other work competes for the cores"
    fi
}

uses_wsf() {
    local row
    for row in "${ROWS[@]}"; do [[ $(row_server "$row") == wsf ]] && return 0; done
    return 1
}

build() {
    [[ $BUILD == 1 ]] || return 0
    log "building bench/servers and bench/loadgen"
    mvn -q -B -f bench/servers/pom.xml package
    mvn -q -B -f bench/loadgen/pom.xml package
    if uses_wsf && { [[ $WSF_ECHO_CMD == "$WSF_SAMPLE" ]] || [[ $WSF_TLS_ECHO_CMD == "$WSF_SAMPLE" || $WSF_TLS_ECHO_CMD == "$WSF_TLS_MAIN" ]]; }; then
        log "building wsf's echo sample"
        mvn -q -B -pl ws-samples -am compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
    fi
    if has "${ROWS[*]}" tls-wsf && [[ $WSF_TLS_ECHO_CMD == "$WSF_TLS_MAIN" ]]; then
        log "building bench/wsf-tls"
        rm -rf "$WSF_TLS_CLASSES"
        mkdir -p "$WSF_TLS_CLASSES"
        javac --release 17 -Xlint:all -d "$WSF_TLS_CLASSES" -cp "$(wsf_classpath)" \
            $(find bench/wsf-tls/src/main/java -name '*.java')
    fi
}

wsf_classpath() { echo "ws-samples/target/classes:$(cat "$WSF_CLASSPATH_FILE")"; }

# A fresh EC P-256 certificate for 127.0.0.1 in a PKCS#12 store, used by every TLS server of
# this run; the client trusts exactly this certificate.
make_certificate() {
    mkdir -p "$(dirname "$KEYSTORE")"
    TLS_PASSWORD=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
    keytool -genkeypair -alias bench -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA \
        -dname CN=127.0.0.1 -ext san=ip:127.0.0.1,dns:localhost -validity 2 \
        -storetype PKCS12 -keystore "$KEYSTORE" -storepass "$TLS_PASSWORD" -keypass "$TLS_PASSWORD" 2>/dev/null \
        || die "keytool could not create $KEYSTORE"
    echo "$TLS_PASSWORD" > "$KEYSTORE.password"
}

# ---------------------------------------------------------------- servers
# Prints the command (one word per line) that starts row $1's server, without the port.
server_command() {
    local row=$1 name
    name=$(row_server "$row")
    local -a cmd opts extra=()
    read -r -a opts <<< "$SERVER_JVM_OPTS"
    if row_tls "$row"; then
        extra=("-Dtls.keystore=$KEYSTORE" "-Dtls.password=$TLS_PASSWORD")
    fi
    case $name in
        netty-epoll) cmd=(java "${opts[@]}" "${extra[@]}" -Dtransport=epoll -jar bench/servers/netty-epoll/target/netty-epoll-echo.jar) ;;
        netty-nio) cmd=(java "${opts[@]}" "${extra[@]}" -Dtransport=nio -jar bench/servers/netty/target/netty-echo.jar) ;;
        jetty)
            local -a jetty
            read -r -a jetty <<< "$JETTY_OPTS"
            cmd=(java "${opts[@]}" "${extra[@]}" "${jetty[@]}" -jar bench/servers/jetty/target/jetty-echo.jar) ;;
        tcp) cmd=(java "${opts[@]}" -jar bench/servers/tcp/target/tcp-echo.jar) ;;
        wsf)
            local which=$WSF_ECHO_CMD
            row_tls "$row" && which=$WSF_TLS_ECHO_CMD
            if [[ $which == "$WSF_SAMPLE" ]]; then
                cmd=(java -cp "$(wsf_classpath)" dev.wsf.samples.Samples echo)
            elif [[ $which == "$WSF_TLS_MAIN" ]]; then
                cmd=(java -cp "$WSF_TLS_CLASSES:$(wsf_classpath)" dev.wsf.bench.wsftls.WsfTlsEchoServer)
            else
                read -r -a cmd <<< "$which"
            fi
            if [[ ${cmd[0]} == java || ${cmd[0]} == */java ]]; then
                cmd=("${cmd[0]}" "${opts[@]}" "${extra[@]}" "${cmd[@]:1}")
            else
                log "warning: the wsf command does not start with java; SERVER_JVM_OPTS and TLS flags not applied"
            fi
            ;;
    esac
    printf '%s\n' "${cmd[@]}"
}

# Why row $1 cannot run, or nothing if it can.
server_missing() {
    [[ $(row_server "$1") == wsf ]] || return 0
    local which=$WSF_ECHO_CMD
    row_tls "$1" && which=$WSF_TLS_ECHO_CMD
    if [[ ($which == "$WSF_SAMPLE" || $which == "$WSF_TLS_MAIN") && ! -f $WSF_CLASSPATH_FILE ]]; then
        echo "wsf echo sample not built: $WSF_CLASSPATH_FILE is missing (run without BUILD=0)," \
             "or set WSF_ECHO_CMD / WSF_TLS_ECHO_CMD to a command that takes the port last and prints READY PORT"
    elif [[ $which == "$WSF_TLS_MAIN" && ! -d $WSF_TLS_CLASSES/dev ]]; then
        echo "bench/wsf-tls not built (run without BUILD=0)"
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
    local row=$1 log_file=$2
    local -a cmd
    mapfile -t cmd < <(server_command "$row")
    log "$row: taskset -c $SERVER_CPU ${cmd[*]/$TLS_PASSWORD/***} $PORT"
    taskset -c "$SERVER_CPU" "${cmd[@]}" "$PORT" > "$log_file" 2>&1 &
    SERVER_PID=$!
    if ! wait_for_line "$log_file" "^READY $PORT" "$SERVER_PID" 90; then
        log "$row did not print 'READY $PORT'; its output:"
        tail -20 "$log_file" >&2
        return 1
    fi
    SERVER_PID=$(java_pid_under "$SERVER_PID")
}

stop_server() {
    cleanup
}

# ---------------------------------------------------------------- measurements
# The client's options for row $1: raw TCP for the tcp row, TLS for the tls rows.
row_client_opts() {
    if [[ $1 == tcp ]]; then
        echo "--raw true"
    elif row_tls "$1"; then
        echo "--tls $KEYSTORE --tls-password $TLS_PASSWORD"
    fi
    return 0
}

ROW_OPTS=()
client() {
    local -a opts
    read -r -a opts <<< "$CLIENT_JVM_OPTS"
    taskset -c "$CLIENT_CPU" java "${opts[@]}" -jar "$LOADGEN" "$@" "${ROW_OPTS[@]}" \
        --port "$PORT" --path "$WS_PATH" --server-pid "$SERVER_PID"
}

# Value of key $2 in the RESULT line of file $1.
result() {
    { grep '^RESULT ' "$1" 2>/dev/null || true; } | tr ' ' '\n' | awk -F= -v k="$2" '$1 == k { print $2; exit }'
}

# Busy share of all cores together over one second, in cores (0.0 .. nproc).
cores_busy() {
    local a b
    a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    sleep 1
    b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " ");
        busy = y[1] - x[1]; idle = y[2] - x[2]; n = '"$(nproc)"';
        printf "%.2f", (busy + idle > 0) ? n * busy / (busy + idle) : 0 }'
}

# Waits (QUIET_WAIT seconds at most) until the idle server and everything else on the machine
# (steal included) together use under 5% of a core, so a test does not start inside someone
# else's burst. Whether the measured window itself was disturbed is judged afterwards from the
# client's other_cpu and steal_cpu.
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

# "disturbed" or "clean" for one client result file.
disturbance() {
    awk -v o="$(result "$1" other_cpu)" -v s="$(result "$1" steal_cpu)" -v om="$OTHER_MAX" -v sm="$STEAL_MAX" \
        'BEGIN { print (o + 0 > om + 0 || s + 0 > sm + 0) ? "disturbed" : "clean" }'
}

run_client() {
    local out=$1
    shift
    log "  loadgen $*"
    if client "$@" > "$out" 2>&1; then
        local flag=""
        grep -q 'other_cpu=' "$out" && [[ $(disturbance "$out") == disturbed ]] && flag="  <- disturbed"
        grep '^RESULT ' "$out" | sed "s/^RESULT /    /; s/\$/$flag/" >&2
        return 0
    fi
    log "  failed:"
    sed 's/^/    /' "$out" >&2
    return 1
}

rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"; }

# utime + stime of process $1 in clock ticks (fields 14 and 15 of /proc/PID/stat).
cpu_ticks() { awk '{ s = substr($0, index($0, ")") + 2); split(s, f, " "); print f[12] + f[13] }' "/proc/$1/stat"; }

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

# Server memory per idle connection, into $2. The heap is pre-touched (AlwaysPreTouch), so RSS
# cannot grow with Java objects: RSS delta = native memory, live-heap delta (after full GCs) = heap.
measure_idle() {
    local row=$1 out=$2 fifo="$2.ctl" pending=$PENDING connections=$IDLE_CONNECTIONS
    row_tls "$row" && { pending=$TLS_PENDING; connections=$TLS_IDLE_CONNECTIONS; }
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
    log "  loadgen idle --connections $connections --pending $pending"
    local ticks0
    ticks0=$(cpu_ticks "$SERVER_PID")
    taskset -c "$CLIENT_CPU" java "${opts[@]}" -jar "$LOADGEN" idle --connections "$connections" \
        --pending "$pending" "${ROW_OPTS[@]}" --port "$PORT" --path "$WS_PATH" < "$fifo" > "$out" 2>&1 &
    CLIENT_PID=$!
    exec 3> "$fifo"
    if ! wait_for_line "$out" '^HELD ' "$CLIENT_PID" 300; then
        exec 3>&-
        wait "$CLIENT_PID" || true
        CLIENT_PID=""
        rm -f "$fifo"
        log "  idle failed:"
        sed 's/^/    /' "$out" >&2
        return 1
    fi
    local ticks1
    ticks1=$(cpu_ticks "$SERVER_PID")
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
    awk -v n="$held" -v r0="$rss0" -v r1="$rss1" -v h0="$heap0" -v h1="$heap1" -v t0="$ticks0" -v t1="$ticks1" 'BEGIN {
        printf "MEMORY_PER_CONNECTION bytes=%d native_bytes=%d heap_bytes=%d server_cpu_us_per_open=%d\n",
            ((r1 - r0) + (h1 - h0)) * 1024 / n, (r1 - r0) * 1024 / n, (h1 - h0) * 1024 / n, (t1 - t0) * 10000 / n }' >> "$out"
    grep -E '^(RESULT|MEMORY)' "$out" | sed 's/^/    /' >&2
    # Give the server a moment to release the connections before the next round opens more.
    sleep 1
}

# Two client processes with half the connections each, sharing the client core. If one client
# were the bottleneck, the second would add throughput from the core's idle share.
client_check() {
    local dir=$1 row=$2 half=32
    log "  client check: 2 loadgen processes x $half connections"
    wait_quiet
    run_client "$dir/$row.check-a.txt" throughput-text --connections "$half" \
        --warmup "$WARMUP" --duration "$DURATION" &
    local a=$!
    run_client "$dir/$row.check-b.txt" throughput-text --connections "$half" \
        --warmup "$WARMUP" --duration "$DURATION" &
    local b=$!
    local failed=0
    wait "$a" || failed=1
    wait "$b" || failed=1
    (( ! failed )) || return 1
    awk -v x="$(result "$dir/$row.check-a.txt" msgs_per_s)" -v y="$(result "$dir/$row.check-b.txt" msgs_per_s)" \
        -v one="$(result "$dir/$row.text.r1.txt" msgs_per_s)" \
        'BEGIN { printf "CLIENT_CHECK one_client_msgs_per_s=%d two_clients_msgs_per_s=%d\n", one, x + y }' \
        | tee "$dir/$row.client-check.txt" >&2
}

bench_row() {
    local row=$1 dir=$2
    local why
    why=$(server_missing "$row")
    if [[ -n $why ]]; then
        log "skipping $row: $why"
        echo "$why" > "$dir/$row.skipped"
        return 0
    fi
    local -a row_opts=()
    read -r -a row_opts <<< "$(row_client_opts "$row")"
    ROW_OPTS=("${row_opts[@]}")
    local row_started=$SECONDS
    start_server "$row" "$dir/$row.server.log" || { echo "server did not start" > "$dir/$row.skipped"; stop_server; return 0; }
    log "$row: ready, pid $SERVER_PID, RSS $(rss_kb "$SERVER_PID") kB"
    local ok=1 r
    if awk -v p="$PRIME" 'BEGIN { exit !(p > 0) }'; then
        log "  priming (JIT warmup, not measured)"
        run_client "$dir/$row.prime-text.txt" throughput-text --warmup 0 --duration "$PRIME" || ok=0
        run_client "$dir/$row.prime-binary.txt" throughput-binary --warmup 0 --duration "$PRIME" || ok=0
    fi
    # Rounds interleave the tests, so a burst of other work spoils one round of each at worst.
    for (( r = 1; r <= ROUNDS; r++ )); do
        log "  round $r of $ROUNDS"
        wait_quiet
        run_client "$dir/$row.text.r$r.txt" throughput-text --warmup "$WARMUP" --duration "$DURATION" || ok=0
        wait_quiet
        run_client "$dir/$row.binary.r$r.txt" throughput-binary --warmup "$WARMUP" --duration "$DURATION" || ok=0
        if ! row_tls "$row"; then
            wait_quiet
            run_client "$dir/$row.latency.r$r.txt" latency --warmup-count "$LAT_WARMUP" --count "$LAT_COUNT" || ok=0
        fi
    done
    if [[ $CLIENT_CHECK == 1 ]]; then
        client_check "$dir" "$row" || ok=0
    fi
    for (( r = 1; r <= IDLE_ROUNDS; r++ )); do
        log "  idle round $r of $IDLE_ROUNDS"
        measure_idle "$row" "$dir/$row.idle.r$r.txt" || ok=0
    done
    (( ok )) || { log "$row: some measurements failed; see $dir"; echo "$row" >> "$dir/failed-rows.txt"; }
    stop_server
    log "$row: done in $(( SECONDS - row_started )) s"
    echo "$row $(( SECONDS - row_started ))" >> "$dir/row-seconds.txt"
}

# ---------------------------------------------------------------- report
# Every RESULT and MEMORY_PER_CONNECTION value of the run, read once: V["file|key"]. The key
# "round" says whether a client window was "clean" or "disturbed".
declare -A V=()
load_results() {
    local file key value
    while IFS=$'\t' read -r file key value; do
        V["$file|$key"]=$value
    done < <(awk -v om="$OTHER_MAX" -v sm="$STEAL_MAX" '
        $1 == "RESULT" || $1 == "MEMORY_PER_CONNECTION" {
            other = ""; steal = ""
            for (i = 2; i <= NF; i++) {
                eq = index($i, "="); k = substr($i, 1, eq - 1); v = substr($i, eq + 1)
                print FILENAME "\t" k "\t" v
                if (k == "other_cpu") other = v
                if (k == "steal_cpu") steal = v
            }
            if (other != "" || steal != "")
                print FILENAME "\t" "round" "\t" ((other + 0 > om + 0 || steal + 0 > sm + 0) ? "disturbed" : "clean")
        }' "$1"/*.txt)
}
val() { echo "${V["$1|$2"]-}"; }

# Prints "lo hi clean total" for key $3 of test $2 of row $1 over its rounds (clean rounds only
# if there are any, else all), or nothing without results.
range() {
    local dir=$1 row=$2 test=$3 key=$4 f v
    for f in "$dir/$row.$test".r*.txt; do
        v=${V["$f|$key"]-}
        if [[ -n $v ]]; then echo "$v ${V["$f|round"]-clean}"; fi
    done | awk '
        { n++; v[n] = $1; c[n] = ($2 == "clean") }
        END {
            if (n == 0) exit
            for (i = 1; i <= n; i++) if (c[i]) clean++
            for (i = 1; i <= n; i++) {
                if (clean > 0 && !c[i]) continue
                if (!seen || v[i] < lo) lo = v[i]
                if (!seen || v[i] > hi) hi = v[i]
                seen = 1
            }
            print lo, hi, clean + 0, n
        }'
}

# A table cell: "lo-hi", with how many rounds it rests on when some were disturbed.
cell() {
    local r fmt=$5
    r=$(range "$1" "$2" "$3" "$4")
    [[ -n $r ]] || { echo "-"; return; }
    awk -v r="$r" -v fmt="$fmt" 'BEGIN {
        split(r, x, " "); lo = sprintf(fmt, x[1]); hi = sprintf(fmt, x[2])
        s = (lo == hi) ? lo : lo "–" hi
        if (x[3] == 0) s = s " ⚠ " x[4] "/" x[4] " disturbed"
        else if (x[3] < x[4]) s = s " (" x[3] " of " x[4] ")"
        print s }'
}

# Ratio range of row $2 over row $3 for test $4 key $5: "a-b" from the extremes.
ratio() {
    local a b
    a=$(range "$1" "$2" "$4" "$5")
    b=$(range "$1" "$3" "$4" "$5")
    [[ -n $a && -n $b ]] || { echo "-"; return; }
    awk -v a="$a" -v b="$b" 'BEGIN { split(a, x, " "); split(b, y, " ");
        if (y[1] <= 0 || y[2] <= 0) { print "-"; exit }
        lo = x[1] / y[2]; hi = x[2] / y[1]
        printf (sprintf("%.2f", lo) == sprintf("%.2f", hi)) ? "%.2f" : "%.2f–%.2f", lo, hi
        print (x[3] == 0 || y[3] == 0) ? " ⚠ from disturbed rounds" : "" }'
}

report() {
    local dir=$1 row
    local -a plain=() tls=()
    load_results "$dir"
    for row in "${ROWS[@]}"; do
        if row_tls "$row"; then tls+=("$row"); else plain+=("$row"); fi
    done
    {
        echo "Each cell: min–max over $ROUNDS rounds (idle: $IDLE_ROUNDS). A round is disturbed when other processes"
        echo "used more than $OTHER_MAX of a core or the hypervisor stole more than $STEAL_MAX during its window;"
        echo "\"(2 of 3)\" means the range rests on the 2 clean rounds; \"⚠ 3/3 disturbed\" means no round was clean."
        echo
        if (( ${#plain[@]} > 0 )); then
            echo "| row | setup | msgs/s (64x32B pipelined) | MB/s (16 KiB binary) | p50 µs | p99 µs | bytes/idle connection |"
            echo "|---|---|---:|---:|---:|---:|---:|"
            for row in "${plain[@]}"; do
                if [[ -f $dir/$row.skipped ]]; then
                    echo "| $row | not run: $(cat "$dir/$row.skipped") | | | | | |"
                    continue
                fi
                printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$row" "$(row_setup "$row" "$dir")" \
                    "$(cell "$dir" "$row" text msgs_per_s %.0f)" "$(cell "$dir" "$row" binary mb_per_s %.1f)" \
                    "$(cell "$dir" "$row" latency p50_us %.1f)" "$(cell "$dir" "$row" latency p99_us %.1f)" \
                    "$(cell "$dir" "$row" idle bytes %.0f)"
            done
            echo
        fi
        if (( ${#tls[@]} > 0 )); then
            echo "| TLS row | setup | msgs/s (64x32B pipelined) | MB/s (16 KiB binary) | bytes/idle TLS connection |"
            echo "|---|---|---:|---:|---:|"
            for row in "${tls[@]}"; do
                if [[ -f $dir/$row.skipped ]]; then
                    echo "| $row | not run: $(cat "$dir/$row.skipped") | | | |"
                    continue
                fi
                printf '| %s | %s | %s | %s | %s |\n' "$row" "$(row_setup "$row" "$dir")" \
                    "$(cell "$dir" "$row" text msgs_per_s %.0f)" "$(cell "$dir" "$row" binary mb_per_s %.1f)" \
                    "$(cell "$dir" "$row" idle bytes %.0f)"
            done
            echo
            if has "${tls[*]}" tls-wsf && has "${tls[*]}" tls-netty-epoll; then
                echo "TLS targets (ratio ranges from the extremes of both rows):"
                echo
                echo "| target | measured |"
                echo "|---|---:|"
                echo "| text over TLS: wsf / Netty epoll >= 1.2 | $(ratio "$dir" tls-wsf tls-netty-epoll text msgs_per_s) |"
                echo "| binary over TLS: wsf / Netty epoll >= 1.0 | $(ratio "$dir" tls-wsf tls-netty-epoll binary mb_per_s) |"
                if has "${plain[*]}" wsf; then
                    echo "| idle memory: wsf TLS / wsf plain <= 2.0 | $(ratio "$dir" tls-wsf wsf idle bytes) |"
                fi
                echo
            fi
        fi
        echo "Every round (fractions of one core during the measured window; cpu$CLIENT_CPU is the client's core):"
        echo
        echo "| row | test | round | result | server_cpu | client_cpu | cpu$SERVER_CPU busy | cpu$CLIENT_CPU busy | other_cpu | steal_cpu | round | extra |"
        echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|"
        local test f r value extra
        for row in "${ROWS[@]}"; do
            [[ -f $dir/$row.skipped ]] && continue
            for test in text binary latency; do
                for (( r = 1; r <= ROUNDS; r++ )); do
                    f=$dir/$row.$test.r$r.txt
                    [[ -f $f ]] || continue
                    case $test in
                        text) value="$(val "$f" msgs_per_s) msgs/s"; extra="$(val "$f" echoes_per_read) echoes per client read" ;;
                        binary) value="$(val "$f" mb_per_s) MB/s"; extra="$(val "$f" echoes_per_read) echoes per client read" ;;
                        latency) value="p50 $(val "$f" p50_us) / p99 $(val "$f" p99_us) µs"; extra="p999 $(val "$f" p999_us) µs; client spins" ;;
                    esac
                    [[ -n $(val "$f" mode) ]] || { value="failed"; extra="see $(basename "$f")"; }
                    printf '| %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$row" "$test" "$r" "$value" \
                        "$(val "$f" server_cpu)" "$(val "$f" client_cpu)" "$(val "$f" "cpu${SERVER_CPU}_busy")" \
                        "$(val "$f" "cpu${CLIENT_CPU}_busy")" "$(val "$f" other_cpu)" "$(val "$f" steal_cpu)" \
                        "$(val "$f" round)" "$extra"
                done
            done
            for (( r = 1; r <= IDLE_ROUNDS; r++ )); do
                f=$dir/$row.idle.r$r.txt
                [[ -f $f ]] || continue
                if [[ -n $(val "$f" bytes) ]]; then
                    printf '| %s | idle | %d | %s B | | | | | | | | %s connections: native %s B + heap %s B each; opened in %s s, server CPU %s µs each |\n' \
                        "$row" "$r" "$(val "$f" bytes)" "$(val "$f" held)" "$(val "$f" native_bytes)" "$(val "$f" heap_bytes)" \
                        "$(val "$f" open_seconds)" "$(val "$f" server_cpu_us_per_open)"
                else
                    printf '| %s | idle | %d | failed | | | | | | | | see %s |\n' "$row" "$r" "$(basename "$f")"
                fi
            done
            if [[ -f $dir/$row.client-check.txt ]]; then
                printf '| %s | client check | | %s | | | | | | | | |\n' "$row" "$(cut -d' ' -f2- "$dir/$row.client-check.txt")"
            fi
        done
    } > "$dir/table.md"
    echo
    cat "$dir/table.md"
    echo
    log "raw results in $dir"
}

main() {
    plan_rows
    check_machine
    build
    [[ -f $LOADGEN ]] || die "$LOADGEN missing; run without BUILD=0"
    mkdir -p "$RESULTS"
    local row
    for row in "${ROWS[@]}"; do
        row_tls "$row" && { make_certificate; break; }
    done
    local started=$SECONDS
    {
        echo "date: $(date -Is)"
        echo "host: $(uname -srm), $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2-)"
        echo "java: $(java -version 2>&1 | head -1)"
        echo "rows: ${ROWS[*]}"
        echo "server JVM: $SERVER_JVM_OPTS (pinned to core $SERVER_CPU); jetty extra: ${JETTY_OPTS:-none}"
        echo "client JVM: $CLIENT_JVM_OPTS (pinned to core $CLIENT_CPU)"
        echo "priming ${PRIME}s text + ${PRIME}s binary per row; ${DURATION}s per throughput test after ${WARMUP}s warmup;" \
             "latency $LAT_COUNT round trips after $LAT_WARMUP"
        echo "rounds: $ROUNDS (idle: $IDLE_ROUNDS); disturbed above other_cpu $OTHER_MAX or steal_cpu $STEAL_MAX"
        echo "idle connections: $IDLE_CONNECTIONS ($PENDING handshakes at once), TLS $TLS_IDLE_CONNECTIONS ($TLS_PENDING at once), settle ${SETTLE}s"
        echo "wsf command: $WSF_ECHO_CMD; TLS: $WSF_TLS_ECHO_CMD"
        if [[ -f $KEYSTORE ]]; then
            echo "TLS: TLSv1.3 only, EC P-256 certificate in $KEYSTORE, the client offers TLS_AES_128_GCM_SHA256 only"
        fi
    } > "$RESULTS/environment.txt"
    [[ $SERVER_JVM_OPTS == *AlwaysPreTouch* ]] \
        || log "warning: without -XX:+AlwaysPreTouch the idle RSS delta also counts heap pages, so bytes/idle connection double-counts the heap"
    for row in "${ROWS[@]}"; do
        bench_row "$row" "$RESULTS"
    done
    echo "elapsed: $(( SECONDS - started )) s" >> "$RESULTS/environment.txt"
    log "elapsed: $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s"
    report "$RESULTS"
}

main "$@"
