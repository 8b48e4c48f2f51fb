#!/usr/bin/env bash
# Runs every client peer against every server peer, one process per scenario (as the JUnit tests
# will), and prints a Markdown matrix: pass, FAIL, or n/a (exit 3: the client can't express it).
# Full output of each run goes to $OUT (default /tmp/wsf-peer-matrix). Needs .ci/install-test-deps.
set -uo pipefail
cd "$(dirname "$0")"
OUT=${OUT:-/tmp/wsf-peer-matrix}
mkdir -p "$OUT"
SCENARIOS=(text binary large fragmented ping subprotocol deflate close-client close-server)
declare -A CLIENTS=(
  [python]="/usr/bin/python3 python/ws_client.py"
  [node]="node node/client.mjs"
  [chromium]="node node/chromium.mjs"
)
declare -A SERVERS=(
  [python]="/usr/bin/python3 python/ws_server.py --max-lifetime 900"
  [node]="node node/server.mjs --max-lifetime 900"
)

failures=0
declare -A RESULT
for server in python node; do
  # The server lives while its stdin (our coprocess pipe) stays open.
  coproc SRV { ${SERVERS[$server]} 2>"$OUT/server-$server.err"; }
  srv_pid=$SRV_PID
  read -r -t 10 first <&"${SRV[0]}" || { echo "server $server did not start" >&2; exit 1; }
  port=$(sed 's/[^0-9]//g' <<<"$first")
  for client in python node chromium; do
    for s in "${SCENARIOS[@]}"; do
      log="$OUT/$client-vs-$server-$s.jsonl"
      timeout 120 ${CLIENTS[$client]} "ws://127.0.0.1:$port" "$s" >"$log" 2>"$log.err"
      case $? in
        0) RESULT[$client,$server,$s]=pass ;;
        3) RESULT[$client,$server,$s]=n/a ;;
        *) RESULT[$client,$server,$s]=FAIL; failures=$((failures + 1)) ;;
      esac
    done
  done
  exec {SRV[1]}>&-
  wait "$srv_pid"
done
echo "| client | scenario | vs python server | vs node server |"
echo "|---|---|---|---|"
for client in python node chromium; do
  for s in "${SCENARIOS[@]}"; do
    echo "| $client | $s | ${RESULT[$client,python,$s]} | ${RESULT[$client,node,$s]} |"
  done
done
echo "failures: $failures (logs in $OUT)"
[ "$failures" -eq 0 ]
