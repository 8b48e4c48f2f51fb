// The fan-out benchmark's messages, as the load client checks them (bench/loadgen/.../FanoutPayload.java
// defines the format; the wsf and Netty servers build them with FanoutMessages.java). A message of
// `size` bytes:
//   {"seq":0000000042,"t":0000123456789012345,"d":"SYM07=123.45;SYM93=870.02;..."}
// with the publish sequence number, the publish time (process.hrtime.bigint(): CLOCK_MONOTONIC,
// the clock of Java's System.nanoTime() on Linux) and filler from one of 64 variants (seq % 64).

const VARIANTS = 64;
const SEQ_AT = 7;
const T_AT = 22;

// Quote-like filler from xorshift32, seeded by the variant: the same 32-bit arithmetic as the Java copies.
function pad(length, variant) {
  let p = '';
  let x = Math.imul(variant + 1, 0x9e3779b1);
  while (p.length < length) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    const r = x >>> 0;
    p += 'SYM' + String(r % 100).padStart(2, '0') + '=' + (100 + ((r >>> 8) % 900)) + '.'
      + String((r >>> 20) % 100).padStart(2, '0') + ';';
  }
  return p.slice(0, length);
}

export class FanoutMessages {
  constructor(size) {
    if (size < 64) throw new Error(`fan-out messages have at least 64 bytes: ${size}`);
    this.size = size;
    this.templates = [];
    for (let v = 0; v < VARIANTS; v++) {
      const s = '{"seq":' + '0'.repeat(10) + ',"t":' + '0'.repeat(19) + ',"d":"' + pad(size - 49, v) + '"}';
      this.templates.push(Buffer.from(s, 'latin1'));
    }
  }

  // A new Buffer holding message `seq` (a Number), published at `nanoTime` (a BigInt).
  message(seq, nanoTime) {
    const m = Buffer.from(this.templates[seq % VARIANTS]);
    m.write(String(seq).padStart(10, '0'), SEQ_AT, 'latin1');
    m.write(nanoTime.toString().padStart(19, '0'), T_AT, 'latin1');
    return m;
  }
}
