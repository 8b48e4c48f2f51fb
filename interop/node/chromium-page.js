// Runs in the Chromium page that chromium.mjs serves: the browser's own WebSocket API against the
// server under test. Results go back through functions the driver exposes on window:
//   wsfReport({step, ok, ...}) or wsfReport({unsupported: reason}) for each step;
//   wsfHandshake(index) -> {request, response, consoleErrors} for the index-th WebSocket this
//   page created, as Chromium's DevTools protocol saw them (the page cannot see headers).
'use strict';

const OP_TIMEOUT_MS = 15000;
const LARGE = 4 * 1024 * 1024;
const BOUNDARIES = [125, 126, 127, 65535, 65536];
let created = 0; // WebSockets created so far; DevTools reports them in the same order

function timeout(promise, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out: ' + what)), OP_TIMEOUT_MS);
  })]).finally(() => clearTimeout(timer));
}

/** Opens a WebSocket; resolves once open, rejects (with .conn) if it closes before that. */
function open(url, protocols = []) {
  const ws = new WebSocket(url, protocols);
  ws.binaryType = 'arraybuffer';
  const conn = { ws, index: created++, messages: [], waiting: null, opened: false };
  conn.closed = new Promise((done) => ws.addEventListener('close', (e) => {
    done({ code: e.code, reason: e.reason, wasClean: e.wasClean });
    if (conn.waiting) conn.waiting.reject(new Error('closed with ' + e.code + ' while waiting'));
  }));
  ws.addEventListener('message', (e) => {
    if (conn.waiting) conn.waiting.resolve(e.data); else conn.messages.push(e.data);
  });
  const opened = new Promise((resolve, reject) => {
    ws.addEventListener('open', () => { conn.opened = true; resolve(conn); });
    conn.closed.then((c) => reject(Object.assign(new Error('closed before open: ' + c.code), { conn })));
  });
  return timeout(opened, 'open ' + url);
}

function next(conn) {
  if (conn.messages.length) return Promise.resolve(conn.messages.shift());
  return timeout(new Promise((resolve, reject) => { conn.waiting = { resolve, reject }; }), 'echo')
    .finally(() => { conn.waiting = null; });
}

const bytes = (s) => new TextEncoder().encode(s);
const describe = (m) => typeof m === 'string' ? { type: 'text', bytes: bytes(m).length }
  : { type: 'binary', bytes: m.byteLength };

function same(a, b) {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  const x = new Uint8Array(a), y = new Uint8Array(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function randomBuffer(n) {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i += 65536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65536)));
  return out.buffer;
}

async function sha256(m) {
  const digest = await crypto.subtle.digest('SHA-256', typeof m === 'string' ? bytes(m) : m);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

async function echo(conn, step, msg) {
  conn.ws.send(msg);
  const got = await next(conn);
  const ok = same(msg, got);
  await wsfReport({ step, ok, ...describe(msg), ...(ok ? {} : { received: describe(got) }) });
}

async function closeNormally(conn) {
  conn.ws.close(1000);
  await timeout(conn.closed, 'closing handshake');
}

const header = (headers, name) => {
  const key = Object.keys(headers || {}).find((k) => k.toLowerCase() === name);
  return key === undefined ? null : headers[key];
};

const scenarios = {
  async text(base) {
    const messages = ['hello', '', 'héllo wörld', '日本語のテキスト', 'emoji 😀🎉 and ZWJ 👩‍💻', '\u0000 nul and \uffff',
      ...BOUNDARIES.map((n) => 'é'.repeat(n >> 1) + 'x'.repeat(n & 1))];
    const conn = await open(base + '/echo');
    for (const m of messages) await echo(conn, 'echo-text', m);
    await closeNormally(conn);
  },

  async binary(base) {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const messages = [new ArrayBuffer(0), all.buffer, all.slice().reverse().buffer,
      ...BOUNDARIES.map(randomBuffer)];
    const conn = await open(base + '/echo');
    for (const m of messages) await echo(conn, 'echo-binary', m);
    await closeNormally(conn);
  },

  async large(base) {
    // The other clients' large text: exactly LARGE bytes, 2-, 3- and 4-byte characters at varying offsets.
    const lines = [];
    let size = 0;
    for (let i = 0; ; i++) {
      const line = String(i).padStart(8, '0') + ' héllo wörld → ✓ 😀\n';
      if (size + bytes(line).length > LARGE) break;
      lines.push(line);
      size += bytes(line).length;
    }
    const text = lines.join('') + '.'.repeat(LARGE - size);
    const conn = await open(base + '/echo');
    for (const [step, m] of [['large-text', text], ['large-binary', randomBuffer(LARGE)]]) {
      conn.ws.send(m);
      const got = await next(conn);
      const [sent, back] = [await sha256(m), await sha256(got)];
      await wsfReport({ step, ok: typeof got === typeof m && sent === back, ...describe(m),
        sha256: sent, receivedSha256: back, receivedBytes: describe(got).bytes });
    }
    await closeNormally(conn);
  },

  async fragmented() {
    await wsfReport({ unsupported: 'the browser WebSocket API sends every send() as one message '
      + 'and offers no control over fragmentation' });
  },

  async ping() {
    await wsfReport({ unsupported: 'the browser WebSocket API cannot send pings or see pongs '
      + '(the browser answers server pings by itself)' });
  },

  async subprotocol(base) {
    const cases = [[['chat.v2', 'chat.v1'], 'chat.v2'], [['chat.v1'], 'chat.v1'],
      [['unknown', 'chat.v1'], 'chat.v1'], [['unknown'], null]];
    for (const [offered, expected] of cases) {
      let conn;
      try {
        conn = await open(base + '/echo', offered);
      } catch (err) {
        // The WebSocket standard makes the browser fail the connection when it offered
        // subprotocols and the server chose none; right if the server did answer 101 without one.
        // Chromium then reports no response headers to DevTools, only this console error.
        const hs = err.conn ? await wsfHandshake(err.conn.index) : null;
        const why = (hs?.consoleErrors || []).find((m) => m.includes('Error during WebSocket handshake')) ?? null;
        const noneChosen = /Sent non-empty 'Sec-WebSocket-Protocol' header but no response was received/.test(why);
        await wsfReport({ step: 'subprotocol', ok: expected === null && noneChosen,
          offered, expected, negotiated: null, clientRejected: why ?? err.message });
        continue;
      }
      await wsfReport({ step: 'subprotocol', ok: (conn.ws.protocol || null) === expected,
        offered, expected, negotiated: conn.ws.protocol || null });
      await echo(conn, 'echo-with-subprotocol', 'proto');
      await closeNormally(conn);
    }
  },

  async deflate(base) {
    // Chromium always offers permessage-deflate; it cannot be turned off from the page.
    const compressible = 'The quick brown fox jumps over the lazy dog. '.repeat(2300); // ~100 KB
    const conn = await open(base + '/echo');
    const hs = await wsfHandshake(conn.index);
    const negotiated = header(hs?.response?.headers, 'sec-websocket-extensions');
    await wsfReport({ step: 'deflate-negotiated', ok: /permessage-deflate/.test(conn.ws.extensions),
      extensions: conn.ws.extensions, extensionsHeader: negotiated,
      offered: header(hs?.request?.headers, 'sec-websocket-extensions') });
    for (const m of [compressible, 'hi', '', 'é'.repeat(600), bytes(compressible).buffer, new Uint8Array([0, 1, 2]).buffer]) {
      await echo(conn, 'echo-deflate', m);
    }
    await closeNormally(conn);
  },

  async 'close-client'(base) {
    const conn = await open(base + '/echo');
    await echo(conn, 'echo-before-close', 'bye soon');
    conn.ws.close(4000, 'done');
    // A CloseEvent carries the code and reason of the close frame the server sent back.
    const { code, reason, wasClean } = await timeout(conn.closed, 'closing handshake');
    await wsfReport({ step: 'close-echoed', ok: code === 4000 && wasClean, code, reason, wasClean });
  },

  async 'close-server'(base) {
    // Opening may race with the server's close; both orders are fine.
    const conn = await open(base + '/close/4001').catch((err) => err.conn);
    const { code, reason, wasClean } = await timeout(conn.closed, 'server close');
    await wsfReport({ step: 'close-received', ok: code === 4001 && reason === 'bye' && wasClean,
      code, reason, wasClean, opened: conn.opened });
  },
};

/** Called by the driver through page.evaluate; step results stream out through wsfReport. */
window.runScenario = async (base, name) => {
  try {
    await scenarios[name](base);
  } catch (err) {
    await wsfReport({ step: 'error', ok: false, error: String(err && err.message || err) });
  }
};
