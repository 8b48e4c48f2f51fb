// Headless Chromium client peer for wsf's interop tests, driven by playwright-core.
//
//   node chromium.mjs BASE_URL SCENARIO [--timeout SECONDS] [--page-port PORT] [--ca PEM]
//
// Serves a page from its own HTTP server on 127.0.0.1 (port 0 = ephemeral unless --page-port),
// opens it in Debian's /usr/bin/chromium, and runs the scenario with the browser's WebSocket API
// (chromium-page.js). The server under test sees Origin http://127.0.0.1:PAGE_PORT; the first
// stdout line names it. Prints one JSON object per line; exit 0 only if every step passed, 3 if
// the only scenario asked for is one a browser cannot express.
//
// wss:// with --ca: Chromium on Linux takes the trust anchors a user added from the NSS database
// in $HOME/.pki/nssdb. The driver makes a fresh HOME with a database that trusts the CA
// certificates of the PEM file for TLS servers (certutil, Debian's libnss3-tools), launches
// Chromium with it, and deletes it at the end. Chromium then verifies the server as it verifies
// any site, chain, validity and name included; no certificate error is ignored.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { emit, parseClientArgs, Steps, withTimeout } from './common.mjs';

const CHROMIUM = process.env.WSF_CHROMIUM || '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps trying to reach Google's hosts, which
// this machine's closed network refuses. Playwright adds --headless and --no-sandbox itself and
// gives every launch a fresh temporary --user-data-dir.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PAGE_SCRIPT = readFileSync(new URL('./chromium-page.js', import.meta.url));
const PW_VERSION = createRequire(import.meta.url)('playwright-core/package.json').version;

const { base, names, options } = parseClientArgs(
  'node chromium.mjs BASE_URL SCENARIO [--timeout SECONDS] [--page-port PORT] [--ca PEM]',
  { timeout: 90, 'page-port': 0, ca: null });
const steps = new Steps();
let browser = null;
let home = null; // the HOME with the NSS database, when --ca is given

/**
 * A fresh HOME whose NSS database trusts each certificate of `pemFile` as a CA for TLS servers
 * (trust "C,,": a trusted CA for SSL, nothing for mail or code signing).
 */
function homeTrusting(pemFile) {
  const dir = mkdtempSync(join(tmpdir(), 'wsf-chromium-home-'));
  const db = 'sql:' + join(dir, '.pki', 'nssdb');
  mkdirSync(join(dir, '.pki', 'nssdb'), { recursive: true });
  execFileSync('certutil', ['-N', '-d', db, '--empty-password']);
  const pems = readFileSync(pemFile, 'utf8').match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g) ?? [];
  if (pems.length === 0) throw new Error('no certificate in ' + pemFile);
  pems.forEach((pem, i) => {
    const file = join(dir, `ca-${i}.pem`);
    writeFileSync(file, pem + '\n');
    execFileSync('certutil', ['-A', '-d', db, '-n', `wsf interop CA ${i}`, '-t', 'C,,', '-i', file]);
  });
  return dir;
}

let stopping = false;
async function stop(error) {
  if (stopping) return; // the time-out closes the browser under a running page.evaluate
  stopping = true;
  steps.finish(error);
  await withTimeout(browser?.close() ?? Promise.resolve(), 5000, 'closing Chromium').catch(() => {});
  if (home) rmSync(home, { recursive: true, force: true });
  process.exit();
}
setTimeout(() => stop(`timed out after ${options.timeout}s`), options.timeout * 1000).unref();

// The page's origin: a real HTTP origin, so the server under test can be given one to allow.
const pageServer = createServer((req, res) => {
  if (req.url === '/page.js') {
    res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' }).end(PAGE_SCRIPT);
  } else if (req.url === '/') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' })
      .end('<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>wsf interop</title><script src="/page.js"></script>');
  } else {
    res.writeHead(404).end();
  }
});
await new Promise((resolve) => pageServer.listen(options['page-port'], '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${pageServer.address().port}`;

try {
  if (options.ca) home = homeTrusting(options.ca);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000,
    ...(home ? { env: { ...process.env, HOME: home } } : {}) });
  emit({ peer: 'chromium', version: browser.version(), playwright: PW_VERSION, role: 'client',
    url: base, origin, scenarios: names });
  const page = await browser.newPage();
  const consoleErrors = []; // Chromium explains a failed handshake only here
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
    process.stderr.write(`[page ${m.type()}] ${m.text()}\n`);
  });
  page.on('pageerror', (e) => process.stderr.write(`[page error] ${e.message}\n`));

  // The page cannot see handshake headers; DevTools can (but only for handshakes that Chromium
  // accepted). Kept in creation order, which is the order the page counts its WebSockets in.
  const handshakes = [];
  const byId = new Map();
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Network.webSocketCreated', (e) => {
    const hs = { url: e.url, consoleFrom: consoleErrors.length };
    handshakes.push(hs);
    byId.set(e.requestId, hs);
  });
  cdp.on('Network.webSocketWillSendHandshakeRequest', (e) => {
    if (byId.has(e.requestId)) byId.get(e.requestId).request = { headers: e.request.headers };
  });
  cdp.on('Network.webSocketHandshakeResponseReceived', (e) => {
    if (byId.has(e.requestId)) {
      byId.get(e.requestId).response = { status: e.response.status, headers: e.response.headers };
    }
  });
  await cdp.send('Network.enable');

  await page.exposeFunction('wsfReport', (result) => {
    if (result.unsupported) steps.skip(result.unsupported);
    else {
      const { step, ok, ...info } = result;
      steps.report(step, ok, info);
    }
  });
  await page.exposeFunction('wsfHandshake', async (index) => {
    // DevTools and console events may trail the page's own events a little.
    const settled = () => handshakes[index]?.response || consoleErrors.length > (handshakes[index]?.consoleFrom ?? 1e9);
    for (let i = 0; i < 40 && !settled(); i++) await new Promise((r) => setTimeout(r, 50));
    const hs = handshakes[index];
    return hs ? { ...hs, consoleErrors: consoleErrors.slice(hs.consoleFrom) } : null;
  });
  await page.goto(origin + '/');

  for (const name of names) {
    steps.scenario = name;
    await page.evaluate(([b, n]) => window.runScenario(b, n), [base, name]);
  }
  await stop();
} catch (err) {
  await stop(String(err.message ?? err).split('\n')[0]);
}
