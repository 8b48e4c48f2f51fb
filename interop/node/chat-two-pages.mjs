// Browser test of the chat sample (ws-samples): two headless Chromium pages open the sample's own
// page, join the same room under different names, and each sees the other's message.
//
//   node chat-two-pages.mjs PAGE_URL [--timeout SECONDS]      e.g. PAGE_URL = http://127.0.0.1:8080/
//
// Prints one JSON object per line (interop/README.md's output contract); exit 0 only if every
// step passed.

import { chromium } from 'playwright-core';
import { emit, Steps, withTimeout } from './common.mjs';

const CHROMIUM = process.env.WSF_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const STEP_MS = 15_000;

const [pageUrl, ...rest] = process.argv.slice(2);
const timeout = rest[0] === '--timeout' ? Number(rest[1]) : 60;
if (!/^http:\/\//.test(pageUrl ?? '') || Number.isNaN(timeout) || (rest.length && rest.length !== 2)) {
  process.stderr.write('usage: node chat-two-pages.mjs PAGE_URL [--timeout SECONDS]\n');
  process.exit(2);
}

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

/** Opens the chat page and joins `room` as `name`; resolves once the page says it is connected. */
async function joinAs(name, room) {
  const page = await browser.newPage();
  page.on('console', (m) => process.stderr.write(`[${name} ${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => process.stderr.write(`[${name} error] ${e.message}\n`));
  await page.goto(pageUrl);
  await page.fill('#name', name);
  await page.fill('#room', room);
  await page.click('#join button');
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('connected'),
    null, { timeout: STEP_MS });
  const status = await page.textContent('#status');
  steps.report('joined', /\(chat\.v1\)$/.test(status), { name, status });
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
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, timeout: 30_000 });
  emit({ peer: 'chromium', version: browser.version(), role: 'chat-pages', url: pageUrl });
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
  await stop();
} catch (err) {
  await stop(String(err.message ?? err).split('\n')[0]);
}
