// Node `ws` server peer for wsf's interop tests.
//
//   node server.mjs [--max-lifetime SECONDS] [--ignore-stdin] [--verbose] [--cert PEM --key PEM]
//
// Serves the /echo and /close/{code} contract of interop/README.md on 127.0.0.1 with an ephemeral
// port, printed as the first stdout line: {"listening":PORT}. With --cert (the certificate chain,
// leaf first) and --key (its private key, PEM) it serves wss:// (https.createServer) instead. Exits when stdin reaches end-of-file
// (the test that started it keeps the pipe open while it needs the server) or after
// --max-lifetime seconds. --verbose logs one JSON line per connection on stderr.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { WebSocketServer } from 'ws';

const SUBPROTOCOLS = ['chat.v1', 'chat.v2'];
const usage = 'usage: node server.mjs [--max-lifetime SECONDS] [--ignore-stdin] [--verbose] [--cert PEM --key PEM]';

const args = process.argv.slice(2);
const options = { maxLifetime: 600, ignoreStdin: false, verbose: false, cert: null, key: null };
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--max-lifetime' && i + 1 < args.length) options.maxLifetime = Number(args[++i]);
  else if (args[i] === '--ignore-stdin') options.ignoreStdin = true;
  else if (args[i] === '--verbose') options.verbose = true;
  else if (args[i] === '--cert' && i + 1 < args.length) options.cert = args[++i];
  else if (args[i] === '--key' && i + 1 < args.length) options.key = args[++i];
  else { process.stderr.write(usage + '\n'); process.exit(2); }
}
if (!(options.maxLifetime > 0) || (options.cert === null) !== (options.key === null)) {
  process.stderr.write(usage + '\n');
  process.exit(2);
}

const log = (event) => { if (options.verbose) process.stderr.write(JSON.stringify(event) + '\n'); };

/** The code /close/{code} asks for, or null; only codes an endpoint may send. */
function closeCode(path) {
  const m = /^\/close\/(\d{4})$/.exec(path);
  const code = m ? Number(m[1]) : 0;
  return [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011].includes(code)
    || (code >= 3000 && code <= 4999) ? code : null;
}

const wss = new WebSocketServer({
  noServer: true,
  // ws's server leaves compression off unless asked; its default threshold (1 KiB) applies.
  perMessageDeflate: true,
  maxPayload: 64 * 1024 * 1024,
  // The client's first supported subprotocol wins; false means none (the handshake still succeeds).
  handleProtocols: (offered) => [...offered].find((p) => SUBPROTOCOLS.includes(p)) ?? false,
});

wss.on('connection', (ws, req, path) => {
  const tls = req.socket.encrypted ? { tls: req.socket.getProtocol(), serverName: req.socket.servername || null } : {};
  log({ event: 'open', path, subprotocol: ws.protocol || null, extensions: ws.extensions || null, ...tls });
  ws.on('close', (code, reason) => log({ event: 'closed', path, code, reason: reason.toString() }));
  ws.on('error', (err) => log({ event: 'error', path, error: err.message }));
  if (path === '/echo') {
    // ws delivers a fragmented message whole, and answers pings with the same payload itself.
    ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  } else {
    ws.close(closeCode(path), 'bye');
  }
});

const notWebSocket = (req, res) => {
  res.writeHead(426, { 'Content-Type': 'text/plain' }).end('WebSocket only\n');
};
const server = options.cert
  ? createTlsServer({ cert: readFileSync(options.cert), key: readFileSync(options.key) }, notWebSocket)
  : createServer(notWebSocket);
server.on('upgrade', (req, socket, head) => {
  const path = new URL(req.url, 'http://127.0.0.1').pathname;
  if (path !== '/echo' && closeCode(path) === null) {
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    return;
  }
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req, path));
});

function shutdown(why) {
  log({ event: 'exit', why });
  for (const ws of wss.clients) ws.terminate();
  server.close();
  process.exit(0);
}

server.listen(0, '127.0.0.1', () => {
  process.stdout.write(JSON.stringify({ listening: server.address().port }) + '\n');
  setTimeout(() => shutdown('max lifetime'), options.maxLifetime * 1000).unref();
  if (!options.ignoreStdin) {
    process.stdin.on('end', () => shutdown('stdin closed'));
    process.stdin.on('error', () => shutdown('stdin error'));
    process.stdin.resume(); // read and drop whatever arrives, until end-of-file
  }
});
