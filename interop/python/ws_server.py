#!/usr/bin/python3
"""Python `websockets` server peer for wsf's interop tests.

Usage: /usr/bin/python3 ws_server.py [--max-lifetime SECONDS] [--ignore-stdin] [--verbose]
                                     [--cert PEM --key PEM]

Serves the /echo and /close/{code} contract of interop/README.md on 127.0.0.1
with an ephemeral port, printed as the first stdout line: {"listening": PORT}.
With --cert (the certificate chain, leaf first) and --key (its private key,
PEM), it serves wss:// instead of ws://.
Exits when stdin reaches end-of-file (the test that started it keeps the pipe
open for as long as it needs the server) or after --max-lifetime seconds.
--verbose logs one JSON line per connection on stderr.
"""

import argparse
import asyncio
import json
import os
import re
import ssl
import sys
import threading
from http import HTTPStatus

import websockets
from websockets.exceptions import ConnectionClosed

SUBPROTOCOLS = ["chat.v1", "chat.v2"]
CLOSE_PATH = re.compile(r"^/close/(\d{4})$")
verbose = False


def log(**event):
    if verbose:
        print(json.dumps(event, separators=(",", ":")), file=sys.stderr, flush=True)


def close_code(path):
    """The code /close/{code} asks for, or None; only codes a peer may send."""
    match = CLOSE_PATH.match(path)
    code = int(match.group(1)) if match else 0
    ok = code in (1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011) or 3000 <= code <= 4999
    return code if ok else None


async def route(path, request_headers):
    # Refuse unknown paths before the upgrade, as a plain HTTP 404.
    path = path.split("?", 1)[0]
    if path != "/echo" and close_code(path) is None:
        return HTTPStatus.NOT_FOUND, [], b"no such endpoint\n"
    return None


def first_supported(client_subprotocols, server_subprotocols):
    # The default weighs client and server order equally; the contract says
    # the client's first supported one wins.
    return next((p for p in client_subprotocols if p in server_subprotocols), None)


async def handler(ws):
    path = ws.path.split("?", 1)[0]
    tls = ws.transport.get_extra_info("ssl_object")
    log(event="open", path=path, subprotocol=ws.subprotocol,
        extensions=ws.response_headers.get("Sec-WebSocket-Extensions"),
        **({"tls": tls.version()} if tls else {}))
    if path == "/echo":
        try:
            async for message in ws:  # websockets hands over fragmented messages whole
                await ws.send(message)
        except ConnectionClosed:
            pass  # closes with codes other than 1000/1001 end up here; nothing to do
    else:
        await ws.close(close_code(path), "bye")
    log(event="closed", path=path, code=ws.close_code, reason=ws.close_reason)


async def serve(max_lifetime, stop, tls):
    async with websockets.serve(handler, "127.0.0.1", 0, subprotocols=SUBPROTOCOLS,
                                select_subprotocol=first_supported, process_request=route,
                                compression="deflate", max_size=64 * 1024 * 1024,
                                ping_interval=None, ssl=tls) as server:
        port = server.sockets[0].getsockname()[1]
        print(json.dumps({"listening": port}, separators=(",", ":")), flush=True)
        try:
            await asyncio.wait_for(stop, max_lifetime)
            log(event="exit", why="stdin closed")
        except asyncio.TimeoutError:
            log(event="exit", why="max lifetime")


def main():
    global verbose
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-lifetime", type=float, default=600, help="seconds")
    parser.add_argument("--ignore-stdin", action="store_true",
                        help="don't exit on end of stdin (for runs by hand)")
    parser.add_argument("--verbose", action="store_true", help="log connections on stderr")
    parser.add_argument("--cert", help="PEM certificate chain: serve wss:// (needs --key)")
    parser.add_argument("--key", help="PEM private key of --cert")
    args = parser.parse_args()
    verbose = args.verbose
    if (args.cert is None) != (args.key is None):
        parser.error("--cert and --key go together")
    tls = None
    if args.cert:
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(args.cert, args.key)

    async def start():
        loop = asyncio.get_running_loop()
        stop = loop.create_future()
        if not args.ignore_stdin:
            def wait_for_eof():
                while sys.stdin.buffer.read(4096):
                    pass
                loop.call_soon_threadsafe(lambda: stop.done() or stop.set_result(None))
            threading.Thread(target=wait_for_eof, daemon=True).start()
        await serve(args.max_lifetime, stop, tls)

    asyncio.run(start())
    # Skip interpreter shutdown: it would wait on the stdin reader thread's lock and abort.
    sys.stderr.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
