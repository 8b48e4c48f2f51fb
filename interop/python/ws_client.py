#!/usr/bin/python3
"""Python `websockets` client peer for wsf's interop tests.

Usage: /usr/bin/python3 ws_client.py BASE_URL SCENARIO [--timeout SECONDS] [--ca PEM]
       /usr/bin/python3 ws_client.py BASE_URL auth --token TOKEN --principal NAME
       /usr/bin/python3 ws_client.py BASE_URL subscribe [--count N] [--deflate 0|1]
                                     [--server-max-window-bits BITS] [--timeout SECONDS]

BASE_URL is like ws://127.0.0.1:PORT, or wss://localhost:PORT for TLS; the
server must implement the /echo and /close/{code} contract of interop/README.md.
Over wss:// the server's certificate is verified, name included, against the
CA certificates in the PEM file given with --ca (else the system's). SCENARIO is one of SCENARIOS or
"all". Prints one JSON object per line on stdout and exits 0 only when every
step passed (see the README for the full output contract).

"auth" is not part of "all" either: it needs a /whoami endpoint that accepts the
token --token (as a bearer token or as the subprotocol "token.TOKEN") and sends
the principal's name on open, and refuses any other token with 401. It checks
both ways of presenting the token, and that a wrong one gets 401 with
WWW-Authenticate.

"subscribe" is not part of "all": it needs a server with a /subscribe endpoint
that publishes to its subscribers. It connects there, receives --count messages
and prints each as a line (size and SHA-256), then closes.

Run it with Debian's /usr/bin/python3: python3-websockets (10.4 on Debian 12)
installs there, not into other Pythons on PATH. It uses the legacy asyncio
API, which is the only one 10.4 has.
"""

import argparse
import asyncio
import contextlib
import hashlib
import json
import os
import ssl
import sys
import threading

import websockets
from websockets.exceptions import ConnectionClosed
from websockets.extensions.permessage_deflate import ClientPerMessageDeflateFactory

SCENARIOS = ["text", "binary", "large", "fragmented", "ping", "subprotocol",
             "deflate", "close-client", "close-server"]
OP_TIMEOUT = 15  # seconds for one send/receive/handshake
LARGE = 4 * 1024 * 1024
# Messages whose lengths sit on both sides of the 7-bit / 16-bit / 64-bit
# payload-length encodings, so that every length form gets exercised.
BOUNDARIES = [125, 126, 127, 65535, 65536]


def emit(obj):
    print(json.dumps(obj, separators=(",", ":")), flush=True)


class Steps:
    """Counts and prints step results."""

    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.scenario = None

    def report(self, step, ok, **info):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        emit({"scenario": self.scenario, "step": step, "ok": bool(ok), **info})


def sha256(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def describe(msg):
    kind = "text" if isinstance(msg, str) else "binary"
    size = len(msg.encode("utf-8")) if kind == "text" else len(msg)
    return {"type": kind, "bytes": size}


def large_text():
    # Exactly LARGE bytes of varying lines with 2-, 3- and 4-byte UTF-8 sequences,
    # so that frame and read-buffer boundaries fall inside multi-byte characters.
    parts, size, i = [], 0, 0
    while True:
        line = f"{i:08d} héllo wörld → ✓ 😀\n"
        if size + len(line.encode("utf-8")) > LARGE:
            return "".join(parts) + "." * (LARGE - size)
        parts.append(line)
        size += len(line.encode("utf-8"))
        i += 1


# For wss:// URLs: a context that verifies the server (CERT_REQUIRED and the host name, as
# create_default_context does), trusting the --ca file; set by main().
tls_context = None
tls_reported = False


@contextlib.asynccontextmanager
async def connect(url, **kwargs):
    kwargs.setdefault("compression", None)  # only the deflate scenario offers it
    if url.startswith("wss://"):
        kwargs["ssl"] = tls_context
    async with websockets.connect(url, open_timeout=OP_TIMEOUT, close_timeout=5,
                                  ping_interval=None, max_size=64 * 1024 * 1024,
                                  **kwargs) as ws:
        report_tls(ws)
        yield ws


def report_tls(ws):
    """Prints once what the first TLS handshake settled (an informational line)."""
    global tls_reported
    tls = ws.transport.get_extra_info("ssl_object")
    if tls is None or tls_reported:
        return
    tls_reported = True
    emit({"info": "tls", "protocol": tls.version(), "cipher": tls.cipher()[0],
          "serverName": tls.server_hostname})


async def recv(ws):
    return await asyncio.wait_for(ws.recv(), OP_TIMEOUT)


async def echo(steps, ws, step, msg, sent=None):
    """Sends msg (or the fragments in sent) and checks the echo equals msg."""
    await ws.send(msg if sent is None else sent)
    got = await recv(ws)
    ok = type(got) is type(msg) and got == msg
    info = describe(msg)
    if not ok:
        info["received"] = describe(got)
    steps.report(step, ok, **info)


async def scenario_text(steps, base):
    messages = ["hello", "", "héllo wörld", "日本語のテキスト", "emoji 😀🎉 and ZWJ 👩‍💻",
                "\u0000 nul and \uffff"] + ["é" * (n // 2) + "x" * (n % 2) for n in BOUNDARIES]
    async with connect(base + "/echo") as ws:
        for msg in messages:
            await echo(steps, ws, "echo-text", msg)


async def scenario_binary(steps, base):
    messages = [b"", bytes(range(256)), bytes(range(256))[::-1]] + [os.urandom(n) for n in BOUNDARIES]
    async with connect(base + "/echo") as ws:
        for msg in messages:
            await echo(steps, ws, "echo-binary", msg)


async def scenario_large(steps, base):
    text, data = large_text(), os.urandom(LARGE)
    async with connect(base + "/echo") as ws:
        for step, msg in (("large-text", text), ("large-binary", data)):
            await ws.send(msg)
            got = await recv(ws)
            ok = type(got) is type(msg) and sha256(got) == sha256(msg)
            steps.report(step, ok, **describe(msg), sha256=sha256(msg),
                         receivedSha256=sha256(got), receivedBytes=describe(got)["bytes"])


async def scenario_fragmented(steps, base):
    # websockets sends an iterable as one fragmented message, a frame per item.
    cases = [("fragmented-text", ["frag-1 ", "frag-2 é", "", " frag-3 😀"]),
             ("fragmented-binary", [b"\x00\x01", b"", bytes(range(256)), os.urandom(70000)])]
    async with connect(base + "/echo") as ws:
        for step, fragments in cases:
            whole = fragments[0][:0].join(fragments)
            await echo(steps, ws, step, whole, sent=fragments)


async def scenario_ping(steps, base):
    # The pong waiter completes only on a pong carrying the same payload.
    payloads = [b"wsf-ping-1", b"", bytes(range(125))]
    async with connect(base + "/echo") as ws:
        for payload in payloads:
            waiter = await ws.ping(payload)
            try:
                await asyncio.wait_for(waiter, OP_TIMEOUT)
                steps.report("ping-pong", True, payloadBytes=len(payload))
            except asyncio.TimeoutError:
                steps.report("ping-pong", False, payloadBytes=len(payload),
                             error="no pong with the same payload")
        await echo(steps, ws, "echo-after-ping", "still open")


async def scenario_subprotocol(steps, base):
    cases = [(["chat.v2", "chat.v1"], "chat.v2"), (["chat.v1"], "chat.v1"),
             (["unknown", "chat.v1"], "chat.v1"), (["unknown"], None)]
    for offered, expected in cases:
        async with connect(base + "/echo", subprotocols=offered) as ws:
            steps.report("subprotocol", ws.subprotocol == expected, offered=offered,
                         expected=expected, negotiated=ws.subprotocol)
            await echo(steps, ws, "echo-with-subprotocol", "proto")


async def scenario_deflate(steps, base):
    compressible = "The quick brown fox jumps over the lazy dog. " * 2300  # ~100 KB
    messages = [compressible, "hi", "", "é" * 600, compressible.encode("utf-8"), b"\x00\x01\x02"]
    async with connect(base + "/echo", compression="deflate") as ws:
        header = ws.response_headers.get("Sec-WebSocket-Extensions")
        steps.report("deflate-negotiated", "permessage-deflate" in (header or ""),
                     extensionsHeader=header, extensions=[e.name for e in ws.extensions],
                     offered=ws.request_headers.get("Sec-WebSocket-Extensions"))
        for msg in messages:
            await echo(steps, ws, "echo-deflate", msg)
    async with connect(base + "/echo") as ws:
        header = ws.response_headers.get("Sec-WebSocket-Extensions")
        steps.report("no-deflate-unless-offered", header is None, extensionsHeader=header)


async def scenario_close_client(steps, base):
    async with connect(base + "/echo") as ws:
        await echo(steps, ws, "echo-before-close", "bye soon")
        await asyncio.wait_for(ws.close(4000, "done"), OP_TIMEOUT)
        # close_code/close_reason are what the server's close frame carried.
        steps.report("close-echoed", ws.close_code == 4000, code=ws.close_code,
                     reason=ws.close_reason)


async def scenario_close_server(steps, base):
    async with connect(base + "/close/4001") as ws:
        try:
            got = await recv(ws)
            steps.report("close-received", False, error="got a message", received=describe(got))
        except ConnectionClosed as e:
            code = e.rcvd.code if e.rcvd else None
            reason = e.rcvd.reason if e.rcvd else None
            steps.report("close-received", code == 4001 and reason == "bye",
                         code=code, reason=reason)


async def scenario_subscribe(steps, base, count, deflate, server_max_window_bits):
    # Waits for messages as long as the run may last: the publisher starts once every
    # subscriber is connected, which may take a while when several peers start at once.
    kwargs = {}
    if deflate:
        kwargs["extensions"] = [ClientPerMessageDeflateFactory(
            server_max_window_bits=server_max_window_bits, client_max_window_bits=True)]
    async with connect(base + "/subscribe", **kwargs) as ws:
        steps.report("subscribed", True, extensionsHeader=ws.response_headers.get("Sec-WebSocket-Extensions"),
                     offered=ws.request_headers.get("Sec-WebSocket-Extensions"))
        for i in range(count):
            msg = await ws.recv()
            steps.report("message", isinstance(msg, str), index=i, **describe(msg), sha256=sha256(msg))
        await asyncio.wait_for(ws.close(1000, "received all"), OP_TIMEOUT)


async def scenario_auth(steps, base, token, principal):
    async with connect(base + "/whoami", extra_headers={"Authorization": "Bearer " + token}) as ws:
        got = await recv(ws)
        steps.report("bearer-accepted", got == principal, received=got)
    # Browsers cannot set headers on a WebSocket: the token rides in Sec-WebSocket-Protocol.
    async with connect(base + "/whoami", subprotocols=["token." + token, "chat"]) as ws:
        got = await recv(ws)
        steps.report("subprotocol-token-accepted", got == principal, received=got)
        steps.report("token-never-chosen", ws.subprotocol == "chat", subprotocol=ws.subprotocol)
    try:
        async with connect(base + "/whoami", extra_headers={"Authorization": "Bearer wrong-" + token}):
            steps.report("wrong-token-refused", False, error="the handshake succeeded")
    except websockets.exceptions.InvalidStatusCode as e:
        challenge = e.headers.get("WWW-Authenticate") if getattr(e, "headers", None) else None
        steps.report("wrong-token-refused", e.status_code == 401 and challenge == "Bearer",
                     status=e.status_code, challenge=challenge)


async def run(base, names, steps, options):
    for name in names:
        steps.scenario = name
        try:
            if name == "auth":
                await scenario_auth(steps, base, options.token, options.principal)
                continue
            if name == "subscribe":
                await scenario_subscribe(steps, base, options.count, options.deflate == 1,
                                         options.server_max_window_bits)
                continue
            await globals()["scenario_" + name.replace("-", "_")](steps, base)
        except Exception as e:  # report, and go on with the next scenario
            steps.report("error", False, error=f"{type(e).__name__}: {e}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="base URL, e.g. ws://127.0.0.1:8080 or wss://localhost:8443")
    parser.add_argument("scenario", choices=SCENARIOS + ["all", "subscribe", "auth"])
    parser.add_argument("--timeout", type=float, default=60, help="overall limit in seconds")
    parser.add_argument("--ca", help="PEM file of the CA certificates to trust for wss:// URLs")
    parser.add_argument("--token", default="", help="auth: the token the server accepts")
    parser.add_argument("--principal", default="", help="auth: the name the server sends for it")
    parser.add_argument("--count", type=int, default=1, help="subscribe: messages to receive")
    parser.add_argument("--deflate", type=int, choices=[0, 1], default=1,
                        help="subscribe: offer permessage-deflate (1, the default) or not (0)")
    parser.add_argument("--server-max-window-bits", type=int, choices=range(8, 16), default=None,
                        help="subscribe: ask the server to compress with a smaller window")
    args = parser.parse_args()
    global tls_context
    tls_context = ssl.create_default_context(cafile=args.ca)
    names = SCENARIOS if args.scenario == "all" else [args.scenario]
    base = args.url.rstrip("/")
    steps = Steps()

    emit({"peer": "python-websockets", "version": websockets.__version__, "role": "client",
          "url": base, "scenarios": names})
    # The time limit ends the process from a timer thread rather than by cancelling the event
    # loop's tasks, which would first wait for closing handshakes of their own.
    done = threading.Lock()

    def finish(error=None):
        if not done.acquire(blocking=False):
            return None  # the other ending got here first
        ok = error is None and steps.failed == 0 and steps.passed > 0
        emit({"done": True, "ok": ok, "passed": steps.passed, "failed": steps.failed,
              **({"error": error} if error else {})})
        return ok

    def time_out():
        if finish(f"timed out after {args.timeout}s") is not None:
            os._exit(1)
    timer = threading.Timer(args.timeout, time_out)
    timer.daemon = True
    timer.start()
    asyncio.run(run(base, names, steps, args))
    ok = finish()
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
