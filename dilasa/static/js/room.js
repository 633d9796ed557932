// The session room: signalling over one WebSocket, media peer to peer. Protocol: docs/realtime-protocol.md.
'use strict';
(() => {
const root = document.getElementById('room');
if (!root) return;
const $ = (s) => root.querySelector(s);
const say = {}; // the page's words, translated in the template
for (const el of $('#say').children) say[el.dataset.k] = el.textContent;
const role = root.dataset.role;
const polite = role === 'client'; // perfect negotiation: the client yields on glare
const RUNGS = ['video', 'video_low', 'audio', 'text'];
// Per rung: the video encoding, and Opus maxBitrate (0: audio off).
const SEND = {
  video: [{ active: true, maxBitrate: 500000, maxFramerate: 24, scaleResolutionDownBy: 1 }, 32000],
  video_low: [{ active: true, maxBitrate: 120000, maxFramerate: 15, scaleResolutionDownBy: 2 }, 15000],
  audio: [{ active: false }, 15000],
  text: [{ active: false }, 0],
};
const NEED = { video: 250000, video_low: 100000, audio: 20000 }; // availableOutgoingBitrate floor, bit/s
const remote = $('#remote');
const stream = new MediaStream();
const pending = new Map(); // chat id -> body, until the server acknowledges it
const asked = {};
const storeKey = 'dilasa.room' + root.dataset.ws;
const peerId = crypto.randomUUID();
let state = root.dataset.state;
let mode = root.dataset.mode;
let wanted = mode; // the rung people chose; the ladder offers a way back up to it
let ws = null, pc = null, peer = null, present = false, ended = false;
let lastSeq = 0, tries = 0, iceServers = [], skew = 0; // skew: server clock minus ours, ms
let again = sessionStorage.getItem(storeKey) ? 'page' : null; // what to report as reconnected
let tip = JSON.parse(sessionStorage.getItem('dilasa.suggest')) || {}, low; // the device check's, in this tab
let makingOffer = false, ignoreOffer = false, iceRestarted = false;
let bad = 0, good = 0, hold = 5; // ladder: readings bad and good in a row; readings to skip while settling

const text = (k, m) => (say[k] || '').replace('{mode}', say['mode_' + m] || '');
const status = (k, m) => { $('#status').textContent = text(k, m); };
const send = (f) => { if (ws && ws.readyState === 1) ws.send(JSON.stringify(f)); };

function show() {
  if (ended) return;
  const admit = $('#admit');
  if (admit) admit.disabled = !(present && state === 'waiting');
  if (state === 'waiting') status(polite ? 'waiting' : present ? 'knocking' : 'away');
  else status(!present ? 'away' : mode === 'text' || (pc && pc.connectionState === 'connected') ? 'live' : 'calling');
}

function setState(s) {
  root.dataset.state = state = s;
  show();
}

// --- the WebSocket: reconnects with backoff and jitter; the server replays chat after lastSeq
function connect() {
  ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + root.dataset.ws);
  ws.onopen = () => send({ type: 'hello', peer_id: peerId, last_seq: lastSeq });
  ws.onmessage = (e) => onFrame(JSON.parse(e.data));
  ws.onclose = (e) => {
    if (ended) return;
    if (e.code === 4000) return finish();
    if (e.code === 4403) return finish('closed');
    if (e.code === 4409) { ended = true; return status('elsewhere'); }
    status('lost');
    again = again || 'socket';
    const base = Math.min(8000, 1000 * 2 ** tries++);
    setTimeout(connect, base * (0.5 + Math.random() / 2)); // 0.5 s to 8 s
  };
}

function onFrame(f) {
  switch (f.type) {
    case 'welcome':
      if (f.state === 'ended') return finish();
      tries = 0;
      skew = f.now - Date.now(); // within the socket's one-way delay
      if (f.tool) onFrame(f.tool);
      iceServers = f.ice_servers;
      present = f.peer_present;
      if (f.mode !== mode) setMode(f.mode);
      setState(f.state);
      low = Math.min(2, RUNGS.indexOf(tip.mode)); // never text by itself; the ladder offers video back
      if (Date.now() - tip.at < 72e5 && low > RUNGS.indexOf(mode)) change(RUNGS[low], 'auto_bitrate');
      tip = {};
      if (again) send({ type: 'reconnected', what: again });
      again = null;
      sessionStorage.setItem(storeKey, '1');
      for (const [id, body] of pending) send({ type: 'chat', id, body });
      break;
    case 'peer':
      if (!f.present && f.peer_id !== peer) break; // an older page over there, already replaced
      present = f.present;
      if (present && f.peer_id !== peer) {
        peer = f.peer_id;
        if (state === 'open') call(); // a new page over there: start afresh
      }
      show();
      break;
    case 'admitted':
      setState('open');
      if (present && peer) call();
      break;
    case 'signal': onSignal(f); break;
    case 'chat': addChat(f); break;
    case 'chat_ack': {
      pending.delete(f.id);
      const li = $('#chat').querySelector('[data-id="' + f.id + '"]');
      if (li) li.classList.remove('pending');
      break;
    }
    case 'mode':
      if (f.reason === 'user') wanted = f.mode;
      if (f.mode !== mode) {
        setMode(f.mode);
        status(f.reason.startsWith('auto') ? 'mode_auto' : 'mode_user', f.mode);
      }
      break;
    case 'feeling': {
      const li = document.createElement('li');
      const when = { hour: 'numeric', minute: '2-digit' };
      const at = new Date(f.at).toLocaleTimeString(document.documentElement.lang, when);
      li.textContent = at + ' ' + say['f_' + f.value];
      $('#feelings').prepend(li);
      break;
    }
    case 'mood':
      $('#mood').textContent =
        say.mood_line.replace('{mood}', say['m' + f.value]) + (f.word ? ' · “' + f.word + '”' : '');
      break;
    case 'tool': { // breathing together: both pages run the pacer from the server's start time
      const on = f.state === 'on';
      $('#breathe').hidden = !on;
      const b = $('#tool');
      b.dataset.tool = on ? 'stop' : 'start';
      b.textContent = b.dataset[f.state];
      if (on) dilasaPacer.start(f.since - skew);
      else dilasaPacer.stop();
      break;
    }
    case 'ended': finish(); break;
    case 'error': status(f.code === 'rate_limited' ? 'slow' : 'refused'); break;
  }
}

function finish(k) {
  ended = true;
  root.dataset.state = state = 'ended';
  if (pc) pc.close();
  pc = null;
  for (const t of stream.getTracks()) t.stop();
  status(k || 'ended');
  $('#gone').hidden = false;
  sessionStorage.removeItem(storeKey);
  if (!k) setTimeout(() => location.assign(root.dataset.after), 1500);
}

// --- media and the peer connection
async function gather() { // asks once for what the rung needs and has not been asked for yet
  const ask = {};
  if (mode !== 'text' && !asked.audio) ask.audio = asked.audio = true;
  if (mode.startsWith('video') && !asked.video) ask.video = asked.video = { width: 640, height: 480, frameRate: 24 };
  if (!ask.audio && !ask.video) return;
  const media = navigator.mediaDevices;
  let got = await media.getUserMedia(ask).catch(() => null);
  if (!got && ask.video && ask.audio) got = await media.getUserMedia({ audio: true }).catch(() => null);
  if (!got) return status('nomedia');
  for (const t of got.getTracks()) stream.addTrack(t);
  if (pc && pc.sending) addTracks(pc);
  $('#local').srcObject = stream;
  applyMode();
}

// Remote descriptions ask our Opus sender for DTX and in-band FEC in 60 ms packets: at 16 kbit/s
// the headers of 20 ms packets would outweigh the voice. RED is never preferred.
function munge(sdp) {
  const pt = (sdp.match(/a=rtpmap:(\d+) opus\/48000/i) || [])[1];
  if (!pt) return sdp;
  return sdp
    .replace(new RegExp('a=fmtp:' + pt + ' ([^\\r\\n]*)'), (line, p) => 'a=fmtp:' + pt + ' ' +
      p.split(';').filter((x) => x && !/^(usedtx|useinbandfec)=/.test(x))
        .concat('usedtx=1', 'useinbandfec=1').join(';'))
    .replace(/a=ptime:\d+\r\n/g, '')
    .replace(new RegExp('(a=rtpmap:' + pt + ' [^\\r\\n]*\\r\\n)'), '$1a=ptime:60\r\n');
}

const described = (d) => ({ description: { type: d.type, sdp: d.sdp } });

// Our tracks go on the connection now (therapist), or (client) with the answer to the first offer: two
// offers crossing at the start are legal, but Chromium can then stall gathering candidates.
function addTracks(mine) {
  mine.sending = true;
  for (const t of stream.getTracks()) if (!mine.getSenders().some((s) => s.track === t)) mine.addTrack(t, stream);
  applyMode();
}

function call() {
  if (pc) pc.close();
  const mine = (pc = new RTCPeerConnection({ iceServers }));
  makingOffer = ignoreOffer = false;
  hold = 5;
  mine.onnegotiationneeded = async () => {
    try {
      makingOffer = true;
      await mine.setLocalDescription();
      if (pc === mine) send({ type: 'signal', data: described(mine.localDescription) });
    } catch (e) { /* a newer negotiation took over */ } finally { if (pc === mine) makingOffer = false; }
  };
  mine.onicecandidate = (e) => {
    if (pc === mine) send({ type: 'signal', data: { candidate: e.candidate && e.candidate.toJSON() } });
  };
  mine.ontrack = (e) => {
    if (remote.srcObject !== e.streams[0]) remote.srcObject = e.streams[0] || new MediaStream([e.track]);
    remote.play().catch(() => document.addEventListener('click', () => remote.play(), { once: true }));
  };
  mine.onconnectionstatechange = () => {
    if (pc !== mine) return;
    if (mine.connectionState === 'failed') { // the path broke for good: new candidates, same call
      iceRestarted = true;
      mine.restartIce();
    } else if (mine.connectionState === 'connected') {
      applyMode();
      if (iceRestarted) send({ type: 'reconnected', what: 'ice' });
      iceRestarted = false;
    }
    show();
  };
  if (polite) setTimeout(() => { if (pc === mine && !mine.sending) addTracks(mine); }, 3000);
  else addTracks(mine);
  // Not connected after 10 s: gather afresh (the impolite side asks; perfect negotiation does the rest).
  setTimeout(() => {
    if (pc === mine && !polite && mode !== 'text' && /new|connecting/.test(mine.connectionState)) mine.restartIce();
  }, 10000);
  show();
}

async function onSignal(f) {
  if (state !== 'open') return;
  if (!pc || f.peer_id !== peer) {
    peer = f.peer_id;
    call();
  }
  const mine = pc;
  const d = f.data.description;
  try {
    if (d) {
      const collision = d.type === 'offer' && (makingOffer || mine.signalingState !== 'stable');
      ignoreOffer = !polite && collision;
      if (ignoreOffer) return;
      await mine.setRemoteDescription({ type: d.type, sdp: munge(d.sdp) });
      if (d.type === 'offer') {
        if (!mine.sending) addTracks(mine);
        await mine.setLocalDescription();
        send({ type: 'signal', data: described(mine.localDescription) });
      }
    } else if (f.data.candidate) {
      await mine.addIceCandidate(f.data.candidate).catch((e) => { if (!ignoreOffer) throw e; });
    }
  } catch (e) { /* replaced meanwhile, or stale: the next negotiation recovers */ }
}

function applyMode() {
  root.dataset.mode = mode;
  for (const b of root.querySelectorAll('[data-mode]')) b.setAttribute('aria-pressed', String(b.dataset.mode === mode));
  for (const t of stream.getTracks()) t.enabled = mode !== 'text' && (t.kind === 'audio' || mode.startsWith('video'));
  if (!pc) return;
  const [video, opus] = SEND[mode];
  for (const x of pc.getTransceivers()) {
    const s = x.sender;
    const p = s.track && s.getParameters();
    if (!p || !p.encodings || !p.encodings.length) continue;
    const isVideo = s.track.kind === 'video';
    // Not just inactive: an idle encoder still answers NACKs for many seconds. The camera stays for the way back.
    if (isVideo) x.direction = video.active ? 'sendrecv' : 'recvonly';
    Object.assign(p.encodings[0], isVideo ? video : opus ? { active: true, maxBitrate: opus } : { active: false });
    s.setParameters(p).catch(() => null);
  }
}

function setMode(m) {
  mode = m;
  hold = 3;
  bad = good = 0;
  $('#up').hidden = true;
  applyMode();
  gather();
  show();
}

function change(m, reason) {
  if (reason === 'user') wanted = m;
  send({ type: 'mode', mode: m, reason });
  setMode(m);
}

// --- the ladder: getStats every 2 s; two bad readings step down a rung, 30 s of good offer a step up
setInterval(async () => {
  if (!pc || pc.connectionState !== 'connected' || mode === 'text' || ended) return;
  let loss = 0, rtt = 0, avail = null;
  (await pc.getStats()).forEach((s) => {
    if (s.type === 'remote-inbound-rtp') {
      loss = Math.max(loss, s.fractionLost || 0);
      rtt = Math.max(rtt, s.roundTripTime || 0);
    }
    const chosen = s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded';
    if (chosen && s.availableOutgoingBitrate) avail = s.availableOutgoingBitrate;
  });
  if (hold > 0) return void hold--;
  const at = RUNGS.indexOf(mode);
  const slow = avail !== null && avail < NEED[mode];
  const why = loss > 0.08 ? 'auto_loss' : rtt > 0.7 ? 'auto_rtt' : slow ? 'auto_bitrate' : null;
  if (why) {
    good = 0;
    if (++bad >= 2 && at < 2) { // voice is as low as the ladder goes; text only by choice
      change(RUNGS[at + 1], why);
      status('mode_auto', mode);
    }
  } else if (++good * 2 >= (window.dilasaUpAfter || 30) && at > RUNGS.indexOf(wanted)) { // tests shorten it
    good = 0;
    const up = $('#up');
    up.firstElementChild.textContent = text('offer_up', RUNGS[at - 1]);
    up.hidden = false;
    up.lastElementChild.onclick = () => change(RUNGS[at - 1], 'recovered');
  }
}, 2000);

// --- chat, buttons
function addChat(f) {
  const log = $('#chat');
  let li = log.querySelector('[data-id="' + f.id + '"]');
  if (!li) {
    li = document.createElement('li');
    li.dataset.id = f.id;
    const who = document.createElement('b');
    who.textContent = f.from === role ? say.you : say.them;
    li.append(who, document.createTextNode(f.body));
    log.append(li);
    log.scrollTop = log.scrollHeight;
  }
  li.className = (f.from === role ? 'mine' : '') + (pending.has(f.id) ? ' pending' : '');
  if (f.seq) lastSeq = Math.max(lastSeq, f.seq);
}

$('#chat-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = $('#chat-body');
  const body = input.value;
  if (!body.trim()) return;
  const id = crypto.randomUUID();
  pending.set(id, body);
  addChat({ id, body, from: role });
  send({ type: 'chat', id, body });
  input.value = '';
});
for (const b of root.querySelectorAll('[data-mode]')) {
  b.addEventListener('click', () => {
    if (b.dataset.mode === mode) return;
    change(b.dataset.mode, 'user');
    status('mode_user', mode);
  });
}
for (const b of root.querySelectorAll('[data-feeling]')) {
  b.addEventListener('click', () => send({ type: 'feeling', value: b.dataset.feeling }));
}
$('#tool').addEventListener('click', (e) => send({ type: 'tool', tool: 'pacer', action: e.target.dataset.tool }));
$('#admit')?.addEventListener('click', () => send({ type: 'admit' }));
$('#end')?.addEventListener('click', () => { if (confirm(say.confirm_end)) send({ type: 'end' }); });
setInterval(() => send({ type: 'ping' }), 25000); // keeps proxies from closing a quiet socket

// For tests and benchmarks: getStats counters (payload bytes, header bytes, packets) each way.
window.dilasaRoom = {
  get mode() { return mode; },
  get state() { return state; },
  get connection() { return pc ? pc.connectionState : 'none'; },
  get socket() { return ws ? ws.readyState : -1; },
  async stats() {
    const out = { t: performance.now() };
    if (pc) {
      (await pc.getStats()).forEach((s) => {
        if (s.type === 'outbound-rtp') {
          out[s.kind] = { bytes: s.bytesSent, headers: s.headerBytesSent, packets: s.packetsSent };
        }
        if (s.type === 'inbound-rtp') out['in_' + s.kind] = { bytes: s.bytesReceived, packets: s.packetsReceived };
      });
      out.ways = pc.getTransceivers().map((x) => x.receiver.track.kind + ' ' + x.currentDirection);
    }
    return out;
  },
};

status('connecting');
gather();
connect();
})();
