// Device and connection check (live/check.html). Every word shown is in the page, none here.
const root = document.getElementById("dc");
const $ = (id) => document.getElementById(id);
const cfg = root.dataset;
const LIMIT = 8000; // ms per transfer; a partial one still tells enough
const result = { camera: false, microphone: false };
let stream = null;
let audio = null;
let meter = 0;
let calls = [];

const show = (part, state) => {
  for (const el of root.querySelectorAll(`[data-part="${part}"]`)) el.hidden = el.dataset.state !== state;
};
const why = (error) => (error?.name === "NotAllowedError" ? "denied" : "missing");
const ac = () => (audio = audio || new AudioContext());

async function media() {
  if (stream) return stream;
  const ask = (video) => navigator.mediaDevices.getUserMedia({ audio: true, video });
  let videoError = null;
  try {
    stream = await ask({ width: 640, height: 480 }).catch((error) => {
      videoError = error;
      return ask(false);
    });
  } catch (error) {
    show("camera", why(videoError));
    show("mic", why(error));
    return null;
  }
  result.camera = stream.getVideoTracks().length > 0;
  result.microphone = stream.getAudioTracks().length > 0;
  show("camera", result.camera ? "ok" : why(videoError));
  show("mic", result.microphone ? "ok" : "missing");
  $("dc-preview").srcObject = stream;
  $("dc-preview").hidden = !result.camera;
  $("dc-stop").hidden = false;
  if (result.microphone) {
    const analyser = ac().createAnalyser();
    ac().createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    meter = setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      $("dc-level").value = Math.min(1, 4 * Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / samples.length));
    }, 100);
  }
  return stream;
}

function tone() {
  const osc = new OscillatorNode(ac(), { frequency: 440 });
  const gain = new GainNode(ac(), { gain: 0.3 });
  gain.gain.exponentialRampToValueAtTime(0.001, ac().currentTime + 0.9);
  osc.connect(gain).connect(ac().destination);
  osc.start();
  osc.stop(ac().currentTime + 1);
}

async function roundTrip() {
  const times = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    if ((await fetch(cfg.ping, { cache: "no-store" })).status !== 204) throw new Error("ping");
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[2];
}

// One timed transfer in kbit/s; a download cut short counts what came.
async function transfer(upload, kb) {
  const stop = new AbortController();
  const timer = setTimeout(() => stop.abort(), LIMIT);
  const t = performance.now();
  let bytes = 0;
  try {
    if (upload) {
      const body = new Uint8Array(kb * 1024);
      const headers = { "X-CSRFToken": cfg.csrf, "Content-Type": "application/octet-stream" };
      const answer = await fetch(cfg.up, { method: "POST", body, headers, signal: stop.signal });
      if (answer.status !== 204) throw new Error("upload");
      bytes = body.length;
    } else {
      const answer = await fetch(`${cfg.down}?kb=${kb}`, { cache: "no-store", signal: stop.signal });
      if (!answer.ok) throw new Error("download");
      const reader = answer.body.getReader();
      for (let part = await reader.read(); !part.done; part = await reader.read()) bytes += part.value.length;
    }
  } catch (error) {
    if (error.name !== "AbortError") throw error;
    if (upload) bytes = kb * 1024; // an upper bound: it did not finish
  } finally {
    clearTimeout(timer);
  }
  const spent = performance.now() - t;
  return { kbps: (bytes * 8) / Math.max(spent - result.rttMs, spent / 4), spent };
}

// Grow the transfer until it takes a second, or is fast enough.
async function throughput(upload, enough) {
  let best = 0;
  for (let kb = 16; kb <= cfg.maxKb; kb *= 4) {
    const { kbps, spent } = await transfer(upload, kb);
    best = Math.max(best, kbps);
    if (spent > 1000 || best > enough) break;
  }
  return best;
}

function recommend() {
  const rungs = [...root.querySelectorAll("[data-mode]")];
  const link = Math.min(result.downKbps, result.upKbps);
  const fits = ({ dataset: d }) =>
    link >= d.needs && (result.camera || !("camera" in d)) && (result.microphone || !("mic" in d));
  let pick = rungs.findIndex(fits);
  // A long delay: one rung down, but never to text for delay alone.
  const next = rungs[pick + 1];
  if (result.rttMs > +cfg.rttLimit && next?.dataset.needs > 0 && fits(next)) pick += 1;
  rungs.forEach((r, i) => {
    r.querySelector(".dc-pick").hidden = i !== pick;
    r.classList.toggle("dc-chosen", i === pick);
  });
  result.mode = rungs[pick].dataset.mode;
}

async function start() {
  $("dc-start").disabled = true;
  await media();
  show("net", "running");
  try {
    result.rttMs = await roundTrip();
    $("dc-rtt").value = Math.round(result.rttMs);
    const enough = 2 * root.querySelector("[data-mode]").dataset.needs;
    result.downKbps = await throughput(false, enough);
    $("dc-down").value = Math.round(result.downKbps);
    result.upKbps = await throughput(true, enough);
    $("dc-up").value = Math.round(result.upKbps);
    show("net", "done");
  } catch {
    show("net", "failed");
    result.downKbps = result.upKbps = 0;
  }
  recommend();
  // room.js starts at this rung if this tab opens it within 2 h (a speed, nothing clinical).
  if (result.downKbps) sessionStorage.setItem("dilasa.suggest", JSON.stringify({ mode: result.mode, at: Date.now() }));
  $("dc-start").disabled = false;
}

const hangUp = () => {
  calls.forEach((pc) => pc.close());
  $("dc-echo").hidden = true;
};

// Two peers in one page: no server, no network, but the same encoders, packets and jitter buffer.
async function practice() {
  hangUp();
  const source = await media();
  if (!source) return show("practice", "nomedia");
  show("practice", "connecting");
  const mode = result.mode || "video";
  const video = mode.startsWith("video");
  const [a, b] = (calls = [new RTCPeerConnection(), new RTCPeerConnection()]);
  a.onicecandidate = (e) => e.candidate && b.addIceCandidate(e.candidate);
  b.onicecandidate = (e) => e.candidate && a.addIceCandidate(e.candidate);
  b.ontrack = (e) => {
    $("dc-echo").srcObject = e.streams[0];
    $("dc-echo").hidden = !(video && result.camera);
  };
  b.onconnectionstatechange = () => {
    if (/^(connected|failed)$/.test(b.connectionState)) show("practice", b.connectionState);
  };
  // The suggested mode's sender settings (docs/realtime-protocol.md).
  for (const track of source.getTracks()) {
    if (track.kind === "video" && !video) continue;
    const sender = a.addTrack(track, source);
    const p = sender.getParameters();
    if (!p.encodings?.length) p.encodings = [{}];
    const low = { scaleResolutionDownBy: 2, maxFramerate: 15, maxBitrate: 150000 };
    Object.assign(p.encodings[0], track.kind === "audio" ? { maxBitrate: 16000 } : mode === "video" ? {} : low);
    sender.setParameters(p).catch(() => {});
  }
  await a.setLocalDescription();
  await b.setRemoteDescription(a.localDescription);
  await b.setLocalDescription();
  await a.setRemoteDescription(b.localDescription);
}

function stopAll() {
  hangUp();
  clearInterval(meter);
  stream?.getTracks().forEach((track) => track.stop());
  stream = null;
  $("dc-preview").hidden = $("dc-stop").hidden = true;
  show("practice", "");
}

// Bytes that came back through the practice call (tests read them too).
async function stats() {
  const b = calls[1];
  const out = { state: b ? b.connectionState : "closed", audioBytes: 0, videoBytes: 0 };
  for (const s of b ? (await b.getStats()).values() : []) {
    if (s.type === "inbound-rtp") out[`${s.kind}Bytes`] += s.bytesReceived;
  }
  return out;
}

$("dc-start").addEventListener("click", start);
$("dc-stop").addEventListener("click", stopAll);
$("dc-tone").addEventListener("click", tone);
$("dc-practice").addEventListener("click", () => practice().catch(() => show("practice", "failed")));
$("dc-hear").addEventListener("change", (e) => ($("dc-echo").muted = !e.target.checked));
window.dilasaCheck = { result, stats };
