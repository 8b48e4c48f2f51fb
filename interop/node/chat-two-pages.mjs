// Browser test of the chat sample (ws-samples): two headless Chromium pages open the sample's own
// page, log in with the sample's token under different names, join the same room, and each sees
// the other's message; a third page with a wrong token is refused, and says 401.
//
//   node chat-two-pages.mjs PAGE_URL --token TOKEN [--timeout SECONDS] [--trust-spki BASE64]
//
// PAGE_URL is e.g. http://127.0.0.1:8080/, or https://127.0.0.1:8443/ when the sample serves TLS
// (the page then opens wss://). For a certificate no CA vouches for, --trust-spki names the one
// certificate Chromium accepts besides its usual trust: the Base64 SHA-256 of its
// SubjectPublicKeyInfo (Chromium's --ignore-certificate-errors-spki-list, which only applies
// with a --user-data-dir, which Playwright always gives). Every other certificate error stays one.
//
// Prints one JSON object per line (interop/README.md's output contract); exit 0 only if every
// step passed.

import { chromium } from 'playwright-core';
import { emit, Steps, withTimeout } from './common.mjs';

const CHROMIUM = process.env.WSF_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const STEP_MS = 15_000;

const USAGE = 'usage: node chat-two-pages.mjs PAGE_URL --token TOKEN [--timeout SECONDS] [--trust-spki BASE64]\n';
const [pageUrl, ...rest] = process.argv.slice(2);
const options = { timeout: '60', 'trust-spki': null, token: null };
for (let i = 0; i < rest.length; i += 2) {
  const name = rest[i].replace(/^--/, '');
  if (!rest[i].startsWith('--') || !(name in options) || i + 1 >= rest.length) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  options[name] = rest[i + 1];
}
const timeout = Number(options.timeout);
const trustSpki = options['trust-spki'];
if (!/^https?:\/\//.test(pageUrl ?? '') || Number.isNaN(timeout) || options.token === null
    || (trustSpki !== null && !/^[A-Za-z0-9+/]{43}=$/.test(trustSpki))) {
  process.stderr.write(USAGE);
  process.exit(2);
}
const launchArgs = trustSpki === null ? CHROMIUM_ARGS
  : [...CHROMIUM_ARGS, `--ignore-certificate-errors-spki-list=${trustSpki}`];

const steps = new Steps();
steps.scenario = 'chat-two-pages';
let browser = null;
let stopping = false;
async function stop(error) {
  if (stopping) return;
  stopping = true;
  steps.finish(error);
  await withTimeout(browser?.close() ?? Promise.resolve(), 5000, 'closing Chromium').catch(() => {});
  process.exit();
}
setTimeout(() => stop(`timed out after ${timeout}s`), timeout * 1000).unref();

/** Opens the chat page, logs in as `name` with `token` and joins `room`; resolves once the page has a verdict. */
async function logIn(name, token, room) {
  const page = await browser.newPage();
  page.on('console', (m) => process.stderr.write(`[${name} ${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => process.stderr.write(`[${name} error] ${e.message}\n`));
  await page.goto(pageUrl);
  await page.fill('#name', name);
  await page.fill('#token', token);
  await page.fill('#room', room);
  await page.click('#join button');
  await page.waitForFunction(() => /^(connected|refused|closed)/.test(document.getElementById('status').textContent),
    null, { timeout: STEP_MS });
  return page;
}

/** Logs in and joins; the page names the user as the server knows it (the principal). */
async function joinAs(name, room) {
  const page = await logIn(name, options.token, room);
  const status = await page.textContent('#status');
  steps.report('joined', status === `connected to ${room} as ${name} (chat.v1)`, { name, status });
  return page;
}

/** Resolves once `page`'s log has a line equal to `line`. */
async function sees(page, who, line) {
  try {
    await page.waitForFunction((l) => [...document.querySelectorAll('#log li')].some((li) => li.textContent === l),
      line, { timeout: STEP_MS });
    steps.report('sees', true, { who, line });
  } catch (err) {
    const log = await page.$$eval('#log li', (lis) => lis.map((li) => li.textContent));
    steps.report('sees', false, { who, line, log, error: String(err.message).split('\n')[0] });
  }
}

async function say(page, text) {
  await page.fill('#text', text);
  await page.click('#send');
}

try {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: launchArgs, timeout: 30_000 });
  emit({ peer: 'chromium', version: browser.version(), role: 'chat-pages', url: pageUrl,
    ...(trustSpki === null ? {} : { trustSpki }) });
  const room = 'room-' + process.pid;
  const ann = await joinAs('ann', room);
  const bob = await joinAs('bob', room);
  await sees(ann, 'ann', 'bob joined');
  await say(ann, 'hello from ann');
  await sees(bob, 'bob', 'ann: hello from ann');
  await say(bob, 'hi ann, bob here');
  await sees(ann, 'ann', 'bob: hi ann, bob here');
  const members = await ann.textContent('#members');
  steps.report('members', members === 'ann, bob', { members });
  await bob.close();
  await sees(ann, 'ann', 'bob left');
  const eve = await logIn('eve', 'not-the-token', room);
  const refused = await eve.textContent('#status');
  steps.report('refused', refused === 'refused: 401 that name and token do not match', { status: refused });
  await stop();
} catch (err) {
  await stop(String(err.message ?? err).split('\n')[0]);
}
