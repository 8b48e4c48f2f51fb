// Node ws as the fan-out benchmark's server: node fanout-server.mjs [--broadcast preframed|send] PORT
//
// Every WebSocket on /fanout is a subscriber; the one on /control is the publisher, whose
// `burst K SIZE` command builds K messages, each once as a Buffer, and broadcasts it:
//   - to subscribers without permessage-deflate, with --broadcast preframed (the default): the frame
//     is built once with ws's public WebSocket.Sender.frame() and written to each with
//     ws._sender.sendFrame(), as socket.io does for its broadcasts (engine.io's wsPreEncodedFrame);
//     ws has no public call that sends an already framed message. --broadcast send uses
//     ws.send(buffer) instead: the same Buffer, framed per client (a header each, no copy);
//   - to subscribers with permessage-deflate: ws.send(buffer), which compresses per connection,
//     with that connection's own deflater and context (ws cannot share a compressed frame).
// permessage-deflate: ws's defaults (zlib level 6, the server keeps its context, 10 concurrent
// zlib jobs) except `threshold: 64` (ws's default is 1024), so ws compresses the same messages as
// wsf and Netty, which compress from 64 and from 0 bytes. Control commands and replies are listed
// in the load client (bench/loadgen/.../FanoutControl.java).

import { createRequire } from 'node:module';
import { WebSocketServer, Sender } from 'ws';
import { FanoutMessages } from './payload.mjs';

const args = process.argv.slice(2);
const port = Number(args[args.length - 1]);
const flag = args.indexOf('--broadcast');
const broadcast = flag >= 0 ? args[flag + 1] : 'preframed';
if (!Number.isInteger(port) || !['preframed', 'send'].includes(broadcast)) {
  console.error('usage: node fanout-server.mjs [--broadcast preframed|send] PORT');
  process.exit(1);
}
const wsVersion = createRequire(import.meta.url)('ws/package.json').version;

const OPEN = 1;
const plain = new Set();
const compressed = new Set();
const messages = new Map();
let nextSeq = 0;

const wss = new WebSocketServer({
  host: '127.0.0.1',
  port,
  backlog: 1024,
  clientTracking: false,
  maxPayload: 1 << 20,
  perMessageDeflate: { threshold: 64 },
});

wss.on('connection', (ws, req) => {
  ws.on('error', () => {}); // the load client resets its connections when it is done
  if (req.url.startsWith('/control')) {
    ws.on('message', (data) => ws.send(command(data.toString())));
    return;
  }
  const set = ws.extensions.includes('permessage-deflate') ? compressed : plain;
  set.add(ws);
  ws.on('close', () => set.delete(ws));
});

wss.on('listening', () => {
  console.log(`node ${process.version}, ws ${wsVersion}, broadcast ${broadcast}, permessage-deflate per connection`);
  console.log(`READY ${port}`);
});

function command(text) {
  const f = text.trim().split(' ');
  try {
    switch (f[0]) {
      case 'state': return `state ${process.hrtime.bigint()} ${nextSeq} ${plain.size + compressed.size}`;
      case 'burst': return burst(Number(f[1]), Number(f[2]));
      case 'stats': return stats();
      case 'mem': return memory();
      default: return `error unknown command: ${text}`;
    }
  } catch (e) {
    return `error ${e.message}`;
  }
}

function burst(k, size) {
  let m = messages.get(size);
  if (!m) {
    m = new FanoutMessages(size);
    messages.set(size, m);
  }
  const first = nextSeq;
  let handed = Infinity;
  for (let i = 0; i < k; i++) {
    handed = Math.min(handed, publish(m.message(nextSeq++, process.hrtime.bigint())));
  }
  return `published ${first} ${k} ${handed}`;
}

// Sends one message (a Buffer) to every subscriber as a text message; returns how many.
function publish(buf) {
  let handed = 0;
  if (plain.size > 0) {
    if (broadcast === 'preframed') {
      const frame = Sender.frame(buf, { fin: true, rsv1: false, opcode: 1, mask: false, readOnly: false });
      for (const ws of plain) {
        if (ws.readyState === OPEN) {
          ws._sender.sendFrame(frame);
          handed++;
        }
      }
    } else {
      for (const ws of plain) {
        if (ws.readyState === OPEN) {
          ws.send(buf, { binary: false });
          handed++;
        }
      }
    }
  }
  for (const ws of compressed) {
    if (ws.readyState === OPEN) {
      ws.send(buf, { binary: false });
      handed++;
    }
  }
  return handed;
}

// Subscribers with bytes queued in the process (socket write queue and ws's own), and those bytes.
function stats() {
  let backlogged = 0;
  let bytes = 0;
  for (const set of [plain, compressed]) {
    for (const ws of set) {
      const b = ws.bufferedAmount;
      if (b > 0) {
        backlogged++;
        bytes += b;
      }
    }
  }
  return `stats ${plain.size + compressed.size} ${backlogged} ${bytes}`;
}

// The process's memory after a full GC (needs node --expose-gc).
function memory() {
  if (typeof global.gc !== 'function') return 'error run node with --expose-gc for mem';
  global.gc();
  const u = process.memoryUsage();
  return `mem ${u.heapUsed} ${u.external} ${u.arrayBuffers} ${u.rss}`;
}
