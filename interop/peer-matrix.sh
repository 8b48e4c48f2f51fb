#!/usr/bin/env bash
# Runs every client peer against every server peer, one process per scenario (as the JUnit tests
# will), and prints a Markdown matrix: pass, FAIL, or n/a (exit 3: the client can't express it).
# With --tls the servers serve wss:// with a certificate for localhost from a throwaway CA that
# openssl makes in $OUT/tls, and the clients connect to wss://localhost:PORT trusting that CA only.
# Full output of each run goes to $OUT (default /tmp/wsf-peer-matrix). Needs .ci/install-test-deps.
set -uo pipefail
cd "$(dirname "$0")"
OUT=${OUT:-/tmp/wsf-peer-matrix}
TLS=false
[ "${1:-}" = "--tls" ] && TLS=true
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
SERVER_TLS=()
CLIENT_TLS=()
SCHEME=ws
HOST=127.0.0.1
if $TLS; then
  d="$OUT/tls"
  mkdir -p "$d"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$d/ca.key" -out "$d/ca.pem" \
    -days 2 -subj "/CN=wsf peer-matrix CA" -addext basicConstraints=critical,CA:TRUE \
    -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null || { echo "openssl failed" >&2; exit 1; }
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$d/server.key" -out "$d/server.csr" \
    -subj "/CN=localhost" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n' \
    >"$d/leaf.cnf"
  openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" -CAkey "$d/ca.key" -CAcreateserial -days 2 \
    -extfile "$d/leaf.cnf" -out "$d/server.pem" 2>/dev/null || { echo "openssl failed" >&2; exit 1; }
  SERVER_TLS=(--cert "$d/server.pem" --key "$d/server.key")
  CLIENT_TLS=(--ca "$d/ca.pem")
  SCHEME=wss
  HOST=localhost
fi

failures=0
declare -A RESULT
for server in python node; do
  # The server lives while its stdin (our coprocess pipe) stays open.
  coproc SRV { ${SERVERS[$server]} "${SERVER_TLS[@]}" 2>"$OUT/server-$server.err"; }
  srv_pid=$SRV_PID
  read -r -t 10 first <&"${SRV[0]}" || { echo "server $server did not start" >&2; exit 1; }
  port=$(sed 's/[^0-9]//g' <<<"$first")
  for client in python node chromium; do
    for s in "${SCENARIOS[@]}"; do
      log="$OUT/$client-vs-$server-$SCHEME-$s.jsonl"
      timeout 120 ${CLIENTS[$client]} "$SCHEME://$HOST:$port" "$s" "${CLIENT_TLS[@]}" >"$log" 2>"$log.err"
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
echo "| client | scenario | vs python server ($SCHEME) | vs node server ($SCHEME) |"
echo "|---|---|---|---|"
for client in python node chromium; do
  for s in "${SCENARIOS[@]}"; do
    echo "| $client | $s | ${RESULT[$client,python,$s]} | ${RESULT[$client,node,$s]} |"
  done
done
echo "failures: $failures (logs in $OUT)"
[ "$failures" -eq 0 ]
