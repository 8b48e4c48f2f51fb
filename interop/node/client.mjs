// Node `ws` client peer for wsf's interop tests.
//
//   node client.mjs BASE_URL SCENARIO [--timeout SECONDS] [--ca PEM]
//   node client.mjs BASE_URL subscribe [--count N] [--deflate 0|1] [--server-max-window-bits BITS]
//                                      [--timeout SECONDS] [--ca PEM]
//
// BASE_URL is like ws://127.0.0.1:PORT, or wss://localhost:PORT for TLS; the server must implement
// the /echo and /close/{code} contract of interop/README.md. Over wss:// the server's certificate
// is verified, name included, against the CA certificates in the --ca PEM file (else Node's
// bundled CAs). Prints one JSON object per line; exit 0 only if every step passed.
// `subscribe` (not part of `all`) connects to BASE_URL/subscribe, receives N messages the server
// publishes and prints each (size and SHA-256), then closes.

import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import WebSocket from 'ws';
import { emit, largeText, parseClientArgs, Steps, withTimeout } from './common.mjs';

const OP_TIMEOUT_MS = 15_000;
const LARGE = 4 * 1024 * 1024;
// Lengths on both sides of the 7-bit / 16-bit / 64-bit payload-length encodings.
const BOUNDARIES = [125, 126, 127, 65535, 65536];
const WS_VERSION = createRequire(import.meta.url)('ws/package.json').version;

const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const describe = (msg) => typeof msg === 'string'
  ? { type: 'text', bytes: Buffer.byteLength(msg) }
  : { type: 'binary', bytes: msg.length };

const { base, names, options } = parseClientArgs(
  'node client.mjs BASE_URL SCENARIO [--timeout SECONDS] [--ca PEM] [--count N] [--deflate 0|1]'
    + ' [--server-max-window-bits BITS]',
  { timeout: 60, ca: null, count: 1, deflate: 1, 'server-max-window-bits': 0 }, ['subscribe']);
// For wss:// URLs: ws hands these to tls.connect, which verifies the chain and the host name
// (rejectUnauthorized defaults to true) and sends the host name as SNI.
const tlsOptions = options.ca ? { ca: readFileSync(options.ca) } : {};
let tlsReported = false;

/** Prints once what the first TLS handshake settled (an informational line). */
function reportTls(socket) {
  if (tlsReported || typeof socket?.getProtocol !== 'function') return;
  tlsReported = true;
  emit({ info: 'tls', protocol: socket.getProtocol(), cipher: socket.getCipher()?.standardName ?? null,
    serverName: socket.servername || null });
}

/**
 * One connection: wraps ws's events in promises. Resolves once open, rejects on handshake failure.
 * `deflate` is ws's perMessageDeflate option: false, true, or an object of offer parameters.
 */
function open(url, { protocols = [], deflate = false } = {}) {
  return new Promise((resolve, reject) => {
    // ws offers permessage-deflate by default; only the deflate scenario wants it.
    const conn = { ws: null, offered: null, response: null, messages: [], waiting: null, pongs: [] };
    const ws = conn.ws = new WebSocket(url, protocols, {
      ...tlsOptions,
      perMessageDeflate: deflate, handshakeTimeout: OP_TIMEOUT_MS, maxPayload: 64 * 1024 * 1024,
      finishRequest: (req) => { // ws's hook for the handshake request; noted for the report
        conn.offered = req.getHeader('sec-websocket-extensions') ?? null;
        req.end();
      },
    });
    // The waiter is taken at once: ws may emit several messages in one tick (all those one read
    // brought, when they need no inflating), and each must go to a waiter of its own or the queue.
    const takeWaiter = () => {
      const waiting = conn.waiting;
      conn.waiting = null;
      return waiting;
    };
    conn.closed = new Promise((done) => ws.on('close', (code, reason) => {
      done({ code, reason: reason.toString() });
      takeWaiter()?.reject(new Error(`closed with ${code} while waiting for a message`));
    }));
    ws.on('upgrade', (res) => { conn.response = res; reportTls(res.socket); }); // before ws checks it
    ws.on('message', (data, isBinary) => {
      const msg = isBinary ? data : data.toString('utf8');
      const waiting = takeWaiter();
      if (waiting) waiting.resolve(msg); else conn.messages.push(msg);
    });
    ws.on('pong', (data) => conn.pongs.push(data));
    ws.on('error', (err) => { conn.error = err; reject(Object.assign(err, { response: conn.response })); });
    ws.on('open', () => resolve(conn));
  });
}

/** The next whole message (string for text, Buffer for binary). */
function next(conn, ms = OP_TIMEOUT_MS) {
  if (conn.messages.length) return Promise.resolve(conn.messages.shift());
  const p = new Promise((resolve, reject) => {
    conn.waiting = { resolve, reject };
  });
  return withTimeout(p, ms, 'echo').catch((err) => {
    conn.waiting = null; // timed out: a later message goes to the queue
    throw err;
  });
}

function send(conn, data, options = {}) {
  return new Promise((resolve, reject) => conn.ws.send(data, options, (err) => err ? reject(err) : resolve()));
}

function same(a, b) {
  return typeof a === 'string' ? a === b : Buffer.isBuffer(b) && a.equals(b);
}

async function echo(steps, conn, step, msg) {
  await send(conn, msg);
  const got = await next(conn);
  steps.report(step, same(msg, got), { ...describe(msg), ...(same(msg, got) ? {} : { received: describe(got) }) });
}

async function closeNormally(conn) {
  conn.ws.close(1000);
  await withTimeout(conn.closed, OP_TIMEOUT_MS, 'closing handshake');
}

const scenarios = {
  async text(steps, base) {
    const messages = ['hello', '', 'héllo wörld', '日本語のテキスト', 'emoji 😀🎉 and ZWJ 👩‍💻', '\u0000 nul and \uffff',
      ...BOUNDARIES.map((n) => 'é'.repeat(n >> 1) + 'x'.repeat(n & 1))];
    const conn = await open(base + '/echo');
    for (const msg of messages) await echo(steps, conn, 'echo-text', msg);
    await closeNormally(conn);
  },

  async binary(steps, base) {
    const all = Buffer.from([...Array(256).keys()]);
    const messages = [Buffer.alloc(0), all, Buffer.from(all).reverse(), ...BOUNDARIES.map((n) => randomBytes(n))];
    const conn = await open(base + '/echo');
    for (const msg of messages) await echo(steps, conn, 'echo-binary', msg);
    await closeNormally(conn);
  },

  async large(steps, base) {
    const conn = await open(base + '/echo');
    for (const [step, msg] of [['large-text', largeText(LARGE)], ['large-binary', randomBytes(LARGE)]]) {
      await send(conn, msg);
      const got = await next(conn);
      const gotBytes = typeof got === 'string' ? Buffer.from(got) : got;
      steps.report(step, typeof got === typeof msg && sha256(gotBytes) === sha256(msg),
        { ...describe(msg), sha256: sha256(msg), receivedSha256: sha256(gotBytes), receivedBytes: gotBytes.length });
    }
    await closeNormally(conn);
  },

  async fragmented(steps, base) {
    // fin:false keeps the message open; ws sends later parts as continuation frames.
    const cases = [
      ['fragmented-text', ['frag-1 ', 'frag-2 é', '', ' frag-3 😀'], false],
      ['fragmented-binary', [Buffer.from([0, 1]), Buffer.alloc(0), randomBytes(70000)], true],
    ];
    const conn = await open(base + '/echo');
    for (const [step, parts, binary] of cases) {
      for (let i = 0; i < parts.length; i++) await send(conn, parts[i], { binary, fin: i === parts.length - 1 });
      const whole = binary ? Buffer.concat(parts) : parts.join('');
      const got = await next(conn);
      steps.report(step, same(whole, got), { ...describe(whole), fragments: parts.length });
    }
    // A control frame may arrive between the fragments of a message (RFC 6455, 5.4).
    await send(conn, 'before ping, ', { fin: false });
    conn.ws.ping('between-fragments');
    await send(conn, 'after ping', { fin: true });
    const got = await next(conn);
    const pong = conn.pongs.find((p) => p.toString() === 'between-fragments');
    steps.report('ping-between-fragments', got === 'before ping, after ping' && !!pong,
      { received: describe(got), pong: !!pong });
    await closeNormally(conn);
  },

  async ping(steps, base) {
    const conn = await open(base + '/echo');
    for (const payload of [Buffer.from('wsf-ping-1'), Buffer.alloc(0), randomBytes(125)]) {
      conn.pongs.length = 0;
      const pong = new Promise((resolve) => conn.ws.once('pong', resolve));
      conn.ws.ping(payload);
      const got = await withTimeout(pong, OP_TIMEOUT_MS, 'pong').catch((e) => e);
      steps.report('ping-pong', Buffer.isBuffer(got) && got.equals(payload),
        { payloadBytes: payload.length, ...(Buffer.isBuffer(got) ? { pongBytes: got.length } : { error: got.message }) });
    }
    await echo(steps, conn, 'echo-after-ping', 'still open');
    await closeNormally(conn);
  },

  async subprotocol(steps, base) {
    const cases = [[['chat.v2', 'chat.v1'], 'chat.v2'], [['chat.v1'], 'chat.v1'],
      [['unknown', 'chat.v1'], 'chat.v1'], [['unknown'], null]];
    for (const [offered, expected] of cases) {
      let conn;
      try {
        conn = await open(base + '/echo', { protocols: offered });
      } catch (err) {
        // ws fails the handshake when it offered subprotocols and the server chose none
        // (as browsers do). That is the expected outcome if the server did answer 101 without one.
        const res = err.response;
        const chosen = res?.headers['sec-websocket-protocol'] ?? null;
        steps.report('subprotocol', expected === null && res?.statusCode === 101 && chosen === null,
          { offered, expected, negotiated: chosen, status: res?.statusCode ?? null,
            clientRejected: err.message });
        continue;
      }
      steps.report('subprotocol', (conn.ws.protocol || null) === expected,
        { offered, expected, negotiated: conn.ws.protocol || null });
      await echo(steps, conn, 'echo-with-subprotocol', 'proto');
      await closeNormally(conn);
    }
  },

  async deflate(steps, base) {
    const compressible = 'The quick brown fox jumps over the lazy dog. '.repeat(2300); // ~100 KB
    let conn = await open(base + '/echo', { deflate: true });
    const header = conn.response.headers['sec-websocket-extensions'] ?? null;
    steps.report('deflate-negotiated', /permessage-deflate/.test(header ?? ''),
      { extensionsHeader: header, extensions: conn.ws.extensions || null,
        offered: conn.offered });
    // Byte counts on the socket show whether each side really compressed (informational:
    // a peer may send any message uncompressed).
    const socket = conn.response.socket;
    const [read0, written0] = [socket.bytesRead, socket.bytesWritten];
    await echo(steps, conn, 'echo-deflate', compressible);
    emit({ scenario: steps.scenario, info: 'wire-bytes', payloadBytes: compressible.length,
      sent: socket.bytesWritten - written0, received: socket.bytesRead - read0 });
    for (const msg of ['hi', '', 'é'.repeat(600), Buffer.from(compressible), Buffer.from([0, 1, 2])]) {
      await echo(steps, conn, 'echo-deflate', msg);
    }
    await closeNormally(conn);
    conn = await open(base + '/echo');
    const plain = conn.response.headers['sec-websocket-extensions'] ?? null;
    steps.report('no-deflate-unless-offered', plain === null, { extensionsHeader: plain });
    await closeNormally(conn);
  },

  async 'close-client'(steps, base) {
    const conn = await open(base + '/echo');
    await echo(steps, conn, 'echo-before-close', 'bye soon');
    conn.ws.close(4000, 'done');
    // ws reports the code and reason of the close frame the server sent back.
    const { code, reason } = await withTimeout(conn.closed, OP_TIMEOUT_MS, 'closing handshake');
    steps.report('close-echoed', code === 4000, { code, reason });
  },

  // Not part of `all`: needs a server that publishes to /subscribe.
  async subscribe(steps, base, options) {
    const deflate = options.deflate !== 1 ? false
      : options['server-max-window-bits'] ? { serverMaxWindowBits: options['server-max-window-bits'] } : true;
    const conn = await open(base + '/subscribe', { deflate });
    steps.report('subscribed', true, { extensionsHeader: conn.response.headers['sec-websocket-extensions'] ?? null,
      offered: conn.offered });
    const socket = conn.response.socket;
    const read0 = socket.bytesRead;
    let payloadBytes = 0;
    for (let i = 0; i < options.count; i++) {
      // As long as the run may last: publishing starts once every subscriber is connected.
      const msg = await next(conn, options.timeout * 1000);
      payloadBytes += describe(msg).bytes;
      steps.report('message', typeof msg === 'string', { index: i, ...describe(msg), sha256: sha256(msg) });
    }
    // Informational, as in `deflate`: fewer bytes on the socket than in the messages means the
    // server compressed.
    emit({ scenario: steps.scenario, info: 'wire-bytes', payloadBytes, received: socket.bytesRead - read0 });
    await closeNormally(conn);
  },

  async 'close-server'(steps, base) {
    const conn = await open(base + '/close/4001');
    const { code, reason } = await withTimeout(conn.closed, OP_TIMEOUT_MS, 'server close');
    steps.report('close-received', code === 4001 && reason === 'bye',
      { code, reason, messages: conn.messages.length });
  },
};

const steps = new Steps();
setTimeout(() => {
  steps.finish(`timed out after ${options.timeout}s`);
  process.exit(1);
}, options.timeout * 1000).unref();

emit({ peer: 'node-ws', version: WS_VERSION, role: 'client', url: base, scenarios: names });
for (const name of names) {
  steps.scenario = name;
  try {
    await scenarios[name](steps, base, options);
  } catch (err) {
    steps.report('error', false, { error: String(err.message ?? err) });
  }
}
steps.finish();
// Don't wait for sockets the server failed to close.
process.exit();
