// The chat page: one WebSocket to /chat/ROOM?name=NAME speaking chat.v1 (JSON), opened on Join.
// The server sends the room's members once, on joining, then only changes ("join", "leave"):
// the page keeps the list itself. Typing /who asks the server for the list.
'use strict';

const $ = (id) => document.getElementById(id);
let socket = null;
let members = null; // name -> sessions using it; null until the server sent the list

function showMembers() {
  const names = [...members.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([name, count]) => Array(count).fill(name));
  $('members').textContent = names.join(', ') || 'nobody';
}

function count(name, delta) {
  const n = (members.get(name) ?? 0) + delta;
  if (n > 0) members.set(name, n); else members.delete(name);
}

function receive(event) {
  switch (event.type) {
    case 'members':
      if (members === null) { // the first: who was here before us; our own join comes next
        members = new Map();
        event.members.forEach((name) => count(name, 1));
        show(event.members.length ? `already here: ${event.members.join(', ')}` : 'nobody else is here', true);
      } else { // the answer to /who
        show(`in the room: ${event.members.join(', ')}`, true);
      }
      break;
    case 'join':
    case 'leave':
      count(event.user, event.type === 'join' ? 1 : -1);
      show(event.text, true);
      break;
    default:
      show(`${event.user}: ${event.text}`, false);
  }
  if (members !== null) showMembers();
}

function show(text, notice) {
  const line = document.createElement('li');
  line.textContent = text; // never innerHTML: messages come from other people
  if (notice) line.className = 'notice';
  $('log').append(line);
  line.scrollIntoView({ block: 'nearest' });
}

function setConnected(connected, status) {
  $('status').textContent = status;
  $('text').disabled = $('send').disabled = !connected;
}

function join(room, name) {
  if (socket) socket.close(1000, 'changing room');
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${location.host}/chat/${encodeURIComponent(room)}?name=${encodeURIComponent(name)}`;
  const ws = new WebSocket(url, ['chat.v1']);
  socket = ws;
  members = null;
  setConnected(false, 'connecting…');
  ws.onopen = () => setConnected(true, `connected to ${room} as ${name} (${ws.protocol})`);
  ws.onmessage = (e) => {
    if (socket === ws) receive(JSON.parse(e.data)); // not the room we just left
  };
  ws.onclose = (e) => {
    if (socket === ws) setConnected(false, `closed (${e.code}${e.reason ? ' ' + e.reason : ''})`);
  };
}

$('room').value = decodeURIComponent(location.hash.slice(1)) || 'lobby';
$('join').addEventListener('submit', (e) => {
  e.preventDefault();
  join($('room').value.trim(), $('name').value.trim());
  $('text').focus();
});
$('say').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('text').value;
  if (!text.trim()) return;
  socket.send(JSON.stringify(text.trim() === '/who' ? { command: 'who' } : { text }));
  $('text').value = '';
});
