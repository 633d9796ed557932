// A conversation in real time, on top of a page that works without it (the form posts and redirects).
// The server numbers messages (seq) and replays everything after the last seq this page has shown, so a
// dropped socket loses nothing; sends stay in `outbox` until acknowledged and are resent with the same id,
// which the server stores once. Files still go through the form.
(() => {
  'use strict';
  const root = document.getElementById('thread');
  if (!root || root.hasAttribute('data-off') || !('WebSocket' in window)) return;
  const list = document.getElementById('msgs');
  const form = document.getElementById('send');
  const status = document.getElementById('end');
  const say = (k) => (root.querySelector('#say [data-k="' + k + '"]') || {}).textContent || '';
  const outbox = new Map(); // id -> body, until the server acknowledges it
  let lastSeq = parseInt(root.dataset.last, 10) || 0;
  let ws = null, tries = 0, timer = null, stopped = false, worked = false;

  const uuid = () => {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  };
  const send = (f) => { if (ws && ws.readyState === 1) { ws.send(JSON.stringify(f)); return true; } return false; };
  const el = (tag, text) => { const e = document.createElement(tag); if (text) e.textContent = text; return e; };

  function item(f) {
    const li = el('li');
    li.dataset.id = f.id;
    if (f.mine) li.className = 'mine';
    const when = f.at ? new Date(f.at).toLocaleString([], { dateStyle: 'short', timeStyle: 'short' }) : say('sending');
    li.append(el('small', say(f.mine ? 'you' : 'them') + ' · ' + when));
    if (f.body) li.append(el('p', f.body));
    if (f.file) {
      const p = el('p'), a = el('a', f.file.name);
      a.href = f.file.url; a.setAttribute('download', '');
      p.append(a, ' (' + f.file.kind + ')');
      li.append(p);
    }
    return li;
  }

  function show(f) {
    if (f.seq <= lastSeq) return; // already on the page
    lastSeq = f.seq;
    const none = list.querySelector('.none');
    if (none) none.remove();
    const li = item(f);
    li.id = 'm' + f.seq;
    const mine = f.mine && list.querySelector('li.pending[data-id="' + f.id + '"]');
    if (mine) mine.replaceWith(li); else list.append(li);
    li.scrollIntoView({ block: 'nearest' });
    if (!f.mine && document.visibilityState === 'visible') send({ type: 'read', seq: f.seq });
  }

  function onFrame(f) {
    if (f.type === 'welcome') {
      tries = 0; worked = true; status.textContent = '';
      for (const [id, body] of outbox) send({ type: 'send', id, body }); // unacknowledged: same id again
    } else if (f.type === 'message') {
      show(f);
    } else if (f.type === 'ack') {
      outbox.delete(f.id);
    } else if (f.type === 'error' && f.id && f.code === 'rate_limited') {
      setTimeout(() => { if (outbox.has(f.id)) send({ type: 'send', id: f.id, body: outbox.get(f.id) }); }, 2000);
    } else if (f.type === 'error' && f.id) {
      outbox.delete(f.id);
      const li = list.querySelector('li.pending[data-id="' + f.id + '"]');
      if (li) { li.classList.remove('pending'); li.append(el('p', say('refused'))); }
    }
  }

  function connect() {
    ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + root.dataset.ws);
    ws.onopen = () => send({ type: 'hello', last_seq: lastSeq });
    ws.onmessage = (e) => onFrame(JSON.parse(e.data));
    ws.onclose = (e) => {
      ws = null;
      if (e.code === 4403 || stopped) { stopped = true; return; }
      if (outbox.size) status.textContent = say('offline');
      const wait = Math.min(30000, 1000 * 2 ** tries++) * (0.5 + Math.random());
      timer = setTimeout(connect, wait);
    };
  }

  if (form) form.addEventListener('submit', (e) => {
    const body = form.elements.body.value.trim();
    const file = form.elements.file;
    // The form posts it: a file, a socket that never worked here (a proxy may block them), or a refusal.
    if (stopped || !worked || (file && file.files.length) || !body) return;
    e.preventDefault();
    const id = uuid();
    outbox.set(id, body);
    const li = item({ id, mine: true, body });
    li.classList.add('pending');
    list.append(li);
    form.elements.body.value = '';
    // If the socket is down, the page keeps it and the welcome after reconnecting sends it.
    if (!send({ type: 'send', id, body })) status.textContent = say('offline');
  });

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState !== 'visible') return;
    if (!ws && !stopped) { clearTimeout(timer); connect(); } else send({ type: 'read', seq: lastSeq });
  });
  setInterval(() => send({ type: 'ping' }), 45000);
  connect();
})();
