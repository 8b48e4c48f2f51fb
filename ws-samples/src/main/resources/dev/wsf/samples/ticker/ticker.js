// The dashboard: one WebSocket to /ticker; the server pushes {seq, time, quotes} ten times a second.
'use strict';

const rows = new Map(); // symbol -> {row, price}
let received = 0;
let missed = 0;
let lastSeq = 0;

const SHOWN = 12; // with -Dsymbols=2000 the page shows the first few, as a real dashboard pages them

function render(update) {
  const body = document.getElementById('quotes');
  for (const { symbol, price } of update.quotes.slice(0, SHOWN)) {
    let entry = rows.get(symbol);
    if (!entry) {
      const row = body.insertRow();
      row.insertCell().textContent = symbol;
      row.insertCell();
      entry = { row, price };
      rows.set(symbol, entry);
    }
    const cell = entry.row.cells[1];
    cell.textContent = price.toFixed(2);
    cell.className = price > entry.price ? 'up' : price < entry.price ? 'down' : '';
    entry.price = price;
  }
}

const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
const ws = new WebSocket(`${scheme}://${location.host}/ticker`);
ws.onmessage = (e) => {
  const update = JSON.parse(e.data);
  // A gap in seq means the server skipped us while we were behind.
  if (lastSeq && update.seq > lastSeq + 1) missed += update.seq - lastSeq - 1;
  lastSeq = update.seq;
  received++;
  render(update);
  document.getElementById('status').textContent =
    `update #${update.seq} · received ${received} · skipped by the server ${missed}`;
};
ws.onclose = (e) => {
  document.getElementById('status').textContent = `closed (${e.code}${e.reason ? ' ' + e.reason : ''})`;
};
