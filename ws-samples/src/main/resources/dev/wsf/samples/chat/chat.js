// The chat page: one WebSocket to /chat/ROOM?name=NAME speaking chat.v1 (JSON), opened on Join.
// The login token rides along as a second offered subprotocol, token.TOKEN (a browser cannot set
// an Authorization header on a WebSocket); the server checks it at the handshake and refuses a
// bad one with 401. The server sends the room's members once, on joining, then only changes
// ("join", "leave"): the page keeps the list itself. Typing /who asks the server for the list.
'use strict';

const $ = (id) => document.getElementById(id);
let socket = null;
let members = null; // name -> sessions using it; null until the server sent the list
let joined = null; // the room and subprotocol of the open socket

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
        // event.user is who the server let in (the principal's name), which the room knows us by.
        setConnected(true, `connected to ${joined.room} as ${event.user} (${joined.protocol})`);
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

function setConnected(connected, status, refused = false) {
  $('status').textContent = status;
  $('status').className = refused ? 'refused' : '';
  $('text').disabled = $('send').disabled = !connected;
}

// A browser hides why a handshake failed (the page only sees a close with 1006), so after one
// the page asks /login, which answers as the handshake did: 204, or 401 and the reason.
async function whyRefused(name, token) {
  try {
    const answer = await fetch(`/login?name=${encodeURIComponent(name)}`,
      { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
    return answer.status === 204 ? null : `${answer.status} ${await answer.text()}`;
  } catch {
    return null; // the server is gone
  }
}

function join(room, name, token) {
  if (socket) socket.close(1000, 'changing room');
  socket = null;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const url = `${scheme}://${location.host}/chat/${encodeURIComponent(room)}?name=${encodeURIComponent(name)}`;
  let ws;
  try {
    ws = new WebSocket(url, ['chat.v1', `token.${token}`]);
  } catch (err) { // a subprotocol takes letters, digits and !#$%&'*+-.^_`|~ only
    setConnected(false, `not a usable token: ${err.message}`, true);
    return;
  }
  socket = ws;
  members = null;
  let opened = false;
  setConnected(false, 'connecting…');
  ws.onopen = () => {
    opened = true;
    joined = { room, protocol: ws.protocol };
    setConnected(false, `logged in, joining ${room}…`);
  };
  ws.onmessage = (e) => {
    if (socket === ws) receive(JSON.parse(e.data)); // not the room we just left
  };
  ws.onclose = async (e) => {
    if (socket !== ws) return;
    const refused = opened ? null : await whyRefused(name, token);
    if (socket !== ws) return;
    if (refused) setConnected(false, `refused: ${refused}`, true);
    else setConnected(false, `closed (${e.code}${e.reason ? ' ' + e.reason : ''})`);
  };
}

$('room').value = decodeURIComponent(location.hash.slice(1)) || 'lobby';
$('join').addEventListener('submit', (e) => {
  e.preventDefault();
  join($('room').value.trim(), $('name').value.trim(), $('token').value);
  $('text').focus();
});
$('say').addEventListener('submit', (e) => {
  e.preventDefault();
  const text = $('text').value;
  if (!text.trim()) return;
  socket.send(JSON.stringify(text.trim() === '/who' ? { command: 'who' } : { text }));
  $('text').value = '';
});
