// Shared by the Node client and the Chromium driver: argument parsing, the JSON-lines output
// contract of interop/README.md, and the overall time limit.

export const SCENARIOS = ['text', 'binary', 'large', 'fragmented', 'ping', 'subprotocol',
  'deflate', 'close-client', 'close-server'];

export function emit(obj) {
  process.stdout.write(JSON.stringify(obj) + '\n');
}

/**
 * Parses `BASE_URL SCENARIO [--name value]...`; exits 2 with usage on anything else. An option
 * whose default is a number takes numbers; one whose default is null takes a string (a file).
 * `extra` names scenarios this peer has beyond SCENARIOS, which `all` does not run.
 */
export function parseClientArgs(usage, optionDefaults, extra = []) {
  const argv = process.argv.slice(2);
  const options = { ...optionDefaults };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const name = argv[i].startsWith('--') ? argv[i].slice(2) : null;
    if (name === null) positional.push(argv[i]);
    else if (name in options && i + 1 < argv.length) {
      options[name] = typeof optionDefaults[name] === 'number' ? Number(argv[++i]) : argv[++i];
    } else fail(usage);
  }
  const [url, scenario] = positional;
  if (positional.length !== 2 || !/^wss?:\/\//.test(url)
      || !(SCENARIOS.includes(scenario) || extra.includes(scenario) || scenario === 'all')) fail(usage, extra);
  for (const [name, value] of Object.entries(options)) if (Number.isNaN(value)) fail(usage);
  return { base: url.replace(/\/+$/, ''), names: scenario === 'all' ? SCENARIOS : [scenario], options };
}

function fail(usage, extra = []) {
  process.stderr.write(`usage: ${usage}\nscenarios: ${[...SCENARIOS, ...extra].join(', ')}, all\n`);
  process.exit(2);
}

/** Counts and prints step results; ends the process with the final line. */
export class Steps {
  passed = 0;
  failed = 0;
  unsupported = [];
  scenario = null;
  finished = false;

  report(step, ok, info = {}) {
    if (ok) this.passed++; else this.failed++;
    emit({ scenario: this.scenario, step, ok: !!ok, ...info });
  }

  /** A scenario this peer's library cannot express: not a failure, but nothing passed either. */
  skip(reason) {
    this.unsupported.push(this.scenario);
    emit({ scenario: this.scenario, unsupported: true, reason });
  }

  /** Exit codes: 0 every step passed, 1 something failed, 3 the only scenario asked for is unsupported. */
  finish(error) {
    if (this.finished) return; // a time-out and a failure can race to end the run
    this.finished = true;
    const ok = !error && this.failed === 0 && this.passed > 0;
    const onlyUnsupported = !error && this.failed === 0 && this.passed === 0 && this.unsupported.length > 0;
    emit({ done: true, ok, passed: this.passed, failed: this.failed,
      ...(this.unsupported.length ? { unsupported: this.unsupported } : {}),
      ...(error ? { error } : {}) });
    process.exitCode = ok ? 0 : onlyUnsupported ? 3 : 1;
  }
}

/** Rejects after ms; for one network operation. */
export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Text of exactly `bytes` UTF-8 bytes, with 2-, 3- and 4-byte characters on varying offsets. */
export function largeText(bytes) {
  const parts = [];
  let size = 0;
  for (let i = 0; ; i++) {
    const line = `${String(i).padStart(8, '0')} héllo wörld → ✓ 😀\n`;
    if (size + Buffer.byteLength(line) > bytes) return parts.join('') + '.'.repeat(bytes - size);
    parts.push(line);
    size += Buffer.byteLength(line);
  }
}
