// The chat page: one WebSocket to /chat/ROOM?name=NAME speaking chat.v1 (JSON), opened on Join.
'use strict';

const $ = (id) => document.getElementById(id);
let socket = null;

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
  setConnected(false, 'connecting…');
  ws.onopen = () => setConnected(true, `connected to ${room} as ${name} (${ws.protocol})`);
  ws.onmessage = (e) => {
    const event = JSON.parse(e.data);
    show(event.type === 'message' ? `${event.user}: ${event.text}` : event.text, event.type !== 'message');
    $('members').textContent = event.members.join(', ') || 'nobody';
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
  if (!$('text').value.trim()) return;
  socket.send(JSON.stringify({ text: $('text').value }));
  $('text').value = '';
});
