#!/usr/bin/env python3
"""Put a real Dilasa session through a thin link and measure whether the call holds. A benchmark, not a test.

    sudo .venv/bin/python bench/live_link.py                 # 180 s, 32 kbit/s, 300 ms round trip, 3 % loss
    sudo .venv/bin/python bench/live_link.py --seconds 60 --json result.json

Needs root (network namespaces, tc, nftables, a TUN device), Debian's chromium, iproute2 and nftables.
It touches nothing but four network namespaces of its own (dilasa-bench-*) and a temporary folder; every
address it uses lives inside those namespaces. They are removed on exit, on Ctrl+C and on SIGTERM.

The link (this kernel has no netem, so delay is made in user space):

    client's Chromium         router                                   therapist's Chromium
    ns dilasa-bench-a  ──veth──  ns dilasa-bench-r  ──veth──  ns dilasa-bench-b
      10.250.1.2          tbf 32 kbit/s each way          10.250.2.2
                          nft: 3 % random drop each way
                          TUN "delay line": 150 ms each way     ──veth──  ns dilasa-bench-s: uvicorn, Dilasa
                                                                            10.250.3.2:8000, throwaway SQLite

Only the client's side is thin (a phone on weak mobile data); everything the client sends or receives,
media, WebSocket and page loads alike, crosses it. Packets to or from the client are routed (ip rule) into
a TUN device, held by a small asyncio process for the one-way delay, and written back, so every protocol
gets the same delay. The call is the real room (/meet/<id>/): the server is seeded with the demo data and an
audio appointment starting now, the therapist admits the client, and both Chromiums use a fake microphone
fed with generated speech-like sound (talk spurts and pauses, so DTX has pauses to save on).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import fcntl
import json
import math
import os
import random
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import wave
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
IP = shutil.which("ip") or "/usr/sbin/ip"
PYTHON = ROOT / ".venv" / "bin" / "python"
CHROMIUM = Path("/usr/bin/chromium")
PREFIX = "dilasa-bench-"
NS_CLIENT, NS_THERAPIST, NS_ROUTER, NS_SERVER = (PREFIX + x for x in ("a", "b", "r", "s"))
NAMESPACES = (NS_CLIENT, NS_THERAPIST, NS_ROUTER, NS_SERVER)
SERVER_IP, PORT = "10.250.3.2", 8000
ORIGIN = f"http://{SERVER_IP}:{PORT}"
DELAY_DEVICE = "dly0"
DELAY_TABLE = "101"
SAMPLE_EVERY = 2.0  # seconds between getStats() readings
GAP = 4.0  # seconds without a received audio packet that count as the call not holding
IPV4_UDP = 20 + 8
# Authentication tag bytes per SRTP packet, by the cipher name Chromium reports in its transport stats.
SRTP_TAG = {"SRTP_AES128_CM_HMAC_SHA1_80": 10, "SRTP_AES128_CM_HMAC_SHA1_32": 4, "SRTP_AEAD_AES_128_GCM": 16,
            "SRTP_AEAD_AES_256_GCM": 16}  # fmt: skip

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--autoplay-policy=no-user-gesture-required",
    "--disable-features=WebRtcHideLocalIpsWithMdns",
    f"--unsafely-treat-insecure-origin-as-secure={ORIGIN}",
]

# Recorded before any page script runs: every RTCPeerConnection the page makes, and each connectionState change.
HOOK = """
(() => {
  const Native = window.RTCPeerConnection;
  const pcs = [];
  const events = [];
  window.__bench = { pcs, events };
  function Hooked(...args) {
    const pc = new Native(...args);
    pcs.push(pc);
    const index = pcs.length - 1;
    pc.addEventListener('connectionstatechange', () => events.push([Date.now(), index, pc.connectionState]));
    return pc;
  }
  Hooked.prototype = Native.prototype;
  Object.setPrototypeOf(Hooked, Native);
  window.RTCPeerConnection = Hooked;
})();
"""

# One reading of the newest live RTCPeerConnection: audio each way, the ICE pair, the SRTP cipher.
READ_STATS = """
async () => {
  const b = window.__bench;
  const pc = [...b.pcs].reverse().find((p) => p.connectionState !== 'closed') || b.pcs[b.pcs.length - 1];
  const room = window.dilasaRoom;
  const out = { at: Date.now(), index: b.pcs.indexOf(pc), count: b.pcs.length, events: b.events,
                mode: room ? room.mode : null, state: pc ? pc.connectionState : 'none' };
  if (!pc) return out;
  (await pc.getStats()).forEach((s) => {
    if (s.type === 'outbound-rtp' && s.kind === 'audio')
      out.sent = { bytes: s.bytesSent, headers: s.headerBytesSent, packets: s.packetsSent };
    if (s.type === 'outbound-rtp' && s.kind === 'video') {
      out.videoSentBytes = s.bytesSent;
      out.video = { retransmitted: s.retransmittedBytesSent, frames: s.framesEncoded, active: s.active,
                    nacks: s.nackCount, target: s.targetBitrate, limit: s.qualityLimitationReason };
    }
    if (s.type === 'inbound-rtp' && s.kind === 'audio')
      out.got = { bytes: s.bytesReceived, headers: s.headerBytesReceived, packets: s.packetsReceived,
                  lost: s.packetsLost, jitter: s.jitter, concealed: s.concealedSamples,
                  samples: s.totalSamplesReceived, jbDelay: s.jitterBufferDelay, jbEmitted: s.jitterBufferEmittedCount,
                  fec: s.fecPacketsReceived || 0 };
    if (s.type === 'remote-inbound-rtp' && s.kind === 'audio') out.remoteRtt = s.roundTripTime;
    if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded')
      out.pair = { rtt: s.currentRoundTripTime, available: s.availableOutgoingBitrate };
    if (s.type === 'transport') out.cipher = s.srtpCipher;
    if (s.type === 'codec' && s.mimeType === 'audio/opus') out.fmtp = s.sdpFmtpLine;
  });
  return out;
}
"""


def _on_signal(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt(signal.Signals(signum).name)  # SIGTERM cleans up the way Ctrl+C does


def run(*command: str, ns: str | None = None, check: bool = True, quiet: bool = False) -> str:
    argv = [IP, "netns", "exec", ns, *command] if ns else list(command)
    done = subprocess.run(argv, capture_output=True, text=True, check=False)  # noqa: S603
    if check and done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.strip()}")
    if not quiet and done.stderr.strip() and done.returncode != 0:
        print(f"  note: {' '.join(argv)}: {done.stderr.strip()}")
    return done.stdout


# --- the link ------------------------------------------------------------------------------------------


def remove_namespaces() -> None:
    """Stop what still runs inside our namespaces (only processes we started live there), then remove them."""
    existing = run("ip", "netns", "list", check=False)
    names = [n for n in NAMESPACES if any(line.split()[0] == n for line in existing.splitlines() if line.strip())]
    for name in names:
        for pid in run("ip", "netns", "pids", name, check=False).split():
            with contextlib.suppress(ProcessLookupError, ValueError):
                os.kill(int(pid), signal.SIGKILL)
    time.sleep(0.2 if names else 0)
    for name in names:
        run("ip", "netns", "del", name, check=False)


def build_link(rate_kbit: int, loss_pct: float) -> None:
    for name in NAMESPACES:
        run("ip", "netns", "add", name)
        run("ip", "link", "set", "lo", "up", ns=name)
        run("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", ns=name)
        run("sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1", ns=name)
    # veth pairs made inside the namespaces: nothing appears in the host's own network.
    for side, ns, router_end, subnet in (
        ("a", NS_CLIENT, "ra", 1),
        ("b", NS_THERAPIST, "rb", 2),
        ("s", NS_SERVER, "rs", 3),
    ):
        run(
            "ip", "link", "add", f"{side}0", "netns", ns, "type", "veth", "peer", "name", router_end, "netns", NS_ROUTER
        )
        run("ip", "addr", "add", f"10.250.{subnet}.2/24", "dev", f"{side}0", ns=ns)
        run("ip", "link", "set", f"{side}0", "up", ns=ns)
        run("ip", "route", "add", "default", "via", f"10.250.{subnet}.1", ns=ns)
        run("ip", "addr", "add", f"10.250.{subnet}.1/24", "dev", router_end, ns=NS_ROUTER)
        run("ip", "link", "set", router_end, "up", ns=NS_ROUTER)
    for key in ("net.ipv4.ip_forward=1", "net.ipv4.conf.all.rp_filter=0", "net.ipv4.conf.default.rp_filter=0"):
        run("sysctl", "-qw", key, ns=NS_ROUTER)
    # The delay line: a TUN device; packets to or from the client go in, and come back out later.
    run("ip", "tuntap", "add", "dev", DELAY_DEVICE, "mode", "tun", ns=NS_ROUTER)
    run("ip", "link", "set", DELAY_DEVICE, "up", "mtu", "1500", ns=NS_ROUTER)
    run("sysctl", "-qw", f"net.ipv4.conf.{DELAY_DEVICE}.rp_filter=0", ns=NS_ROUTER)
    run("ip", "route", "add", "default", "dev", DELAY_DEVICE, "table", DELAY_TABLE, ns=NS_ROUTER)
    run("ip", "rule", "add", "iif", "ra", "lookup", DELAY_TABLE, "pref", "100", ns=NS_ROUTER)
    for pref, router_end in (("101", "rb"), ("102", "rs")):
        run("ip", "rule", "add", "iif", router_end, "to", "10.250.1.0/24", "lookup", DELAY_TABLE, "pref", pref,
            ns=NS_ROUTER)  # fmt: skip
    # The rate, each way: the client's uplink leaves a0, its downlink leaves ra.
    burst = max(1600, rate_kbit * 1000 // 8 // 10)  # one full packet, or 100 ms worth
    for ns, dev in ((NS_CLIENT, "a0"), (NS_ROUTER, "ra")):
        run("tc", "qdisc", "add", "dev", dev, "root", "tbf", "rate", f"{rate_kbit}kbit", "burst", str(burst),
            "latency", "400ms", ns=ns)  # fmt: skip
    # Loss each way, random per packet, and counters of what crossed the thin link.
    threshold = round(loss_pct * 100)  # per ten thousand
    rules = f"""
table ip dilasa_bench {{
  counter up_dropped {{}}
  counter down_dropped {{}}
  counter up_udp {{}}
  counter down_udp {{}}
  counter up_all {{}}
  counter down_all {{}}
  chain forward {{
    type filter hook forward priority 0; policy accept;
    iifname "ra" numgen random mod 10000 < {threshold} counter name up_dropped drop
    oifname "ra" numgen random mod 10000 < {threshold} counter name down_dropped drop
    iifname "ra" meta l4proto udp counter name up_udp
    iifname "ra" counter name up_all
  }}
}}
"""
    # What reached the client, counted as it arrives (after the loss and the rate limit on the way down).
    arrivals = """
table ip dilasa_bench {
  counter down_udp {}
  counter down_all {}
  chain input {
    type filter hook input priority 0; policy accept;
    iifname "a0" meta l4proto udp counter name down_udp
    iifname "a0" counter name down_all
  }
}
"""
    for ns, text in ((NS_ROUTER, rules), (NS_CLIENT, arrivals)):
        subprocess.run([IP, "netns", "exec", ns, "nft", "-f", "-"], input=text, text=True, check=True)  # noqa: S603


def counters() -> dict[str, tuple[int, int]]:
    """nftables counters as {name: (packets, bytes)}, bytes being whole IPv4 packets, and the rate limiters'
    own drops (queue full) as {"up_queue_dropped"|"down_queue_dropped": (packets, 0)}."""
    found: dict[str, tuple[int, int]] = {}
    for ns in (NS_ROUTER, NS_CLIENT):
        listed = json.loads(run("nft", "-j", "list", "counters", "table", "ip", "dilasa_bench", ns=ns))
        for item in listed.get("nftables", []):
            if "counter" in item:
                found[item["counter"]["name"]] = (item["counter"]["packets"], item["counter"]["bytes"])
    for name, ns, dev in (("up_queue_dropped", NS_CLIENT, "a0"), ("down_queue_dropped", NS_ROUTER, "ra")):
        (qdisc,) = json.loads(run("tc", "-s", "-j", "qdisc", "show", "dev", dev, ns=ns))
        found[name] = (int(qdisc["drops"]), 0)
    return found


def delay_line(device: str, delay_ms: float) -> None:
    """Run inside the router namespace: read each packet from the TUN device, write it back delay_ms later."""
    tunsetiff, iff_tun, iff_no_pi = 0x400454CA, 0x0001, 0x1000
    fd = os.open("/dev/net/tun", os.O_RDWR | os.O_NONBLOCK)
    fcntl.ioctl(fd, tunsetiff, struct.pack("16sH", device.encode(), iff_tun | iff_no_pi))
    loop = asyncio.new_event_loop()
    later = delay_ms / 1000

    def send(packet: bytes) -> None:
        with contextlib.suppress(OSError):  # a full queue drops, as a real link would
            os.write(fd, packet)

    def receive() -> None:
        while True:
            try:
                packet = os.read(fd, 65535)
            except BlockingIOError:
                return
            loop.call_later(later, send, packet)

    loop.add_reader(fd, receive)
    signal.signal(signal.SIGTERM, lambda *_: loop.stop())
    loop.run_forever()


# --- the server -------------------------------------------------------------------------------------------

SEED = """
import json
from django.utils import timezone
from dilasa.accounts.models import User
from dilasa.live.testing import appointment_at
from dilasa.testing import signed_in_client

client = User.objects.get(login="ayesha@dilasa.example")
therapist = User.objects.get(login="sana@dilasa.example")
# appointment_at also has the client accept the current online-counselling agreement, which the room requires.
appointment = appointment_at(client, therapist, starts_at=timezone.now(), mode=MODE)
cookies = {role: signed_in_client(user).cookies["dilasa_sid"].value for role, user in
           (("client", client), ("therapist", therapist))}
print(json.dumps({"appointment": appointment.pk, "cookies": cookies}))
"""


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    appointment: int
    cookies: dict[str, str]


def server_environment(folder: Path) -> dict[str, str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DILASA_", "DATABASE_URL", "REDIS_URL"))}
    environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.dev",
            "DILASA_DEBUG": "true",
            "DILASA_VAR_DIR": str(folder),
            "DATABASE_URL": f"sqlite:///{folder / 'bench.sqlite3'}",
            "DILASA_ALLOWED_HOSTS": SERVER_IP,
            "DILASA_CSRF_TRUSTED_ORIGINS": ORIGIN,
            "DILASA_SITE_URL": ORIGIN,
            "DILASA_LOG_LEVEL": "WARNING",
        }
    )
    return environ


def start_server(folder: Path, mode: str, deadline: float) -> Server:
    environ = server_environment(folder)
    manage = [str(PYTHON), str(ROOT / "manage.py")]
    for step in (["migrate", "--noinput", "-v0"], ["seed_demo", "--quiet"]):
        subprocess.run([*manage, *step], cwd=ROOT, env=environ, check=True)  # noqa: S603
    seeded = subprocess.run(  # noqa: S603
        [*manage, "shell", "-c", SEED.replace("MODE", repr(mode))],
        cwd=ROOT, env=environ, check=True, capture_output=True, text=True,
    )  # fmt: skip
    facts = json.loads(seeded.stdout.strip().splitlines()[-1])
    log = (folder / "uvicorn.log").open("wb")
    process = subprocess.Popen(  # noqa: S603
        [IP, "netns", "exec", NS_SERVER, str(ROOT / ".venv" / "bin" / "uvicorn"), "config.asgi:application",
         "--host", SERVER_IP, "--port", str(PORT), "--no-access-log", "--log-level", "warning"],
        cwd=ROOT, env=environ, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    probe = f"import urllib.request; urllib.request.urlopen('{ORIGIN}/healthz', timeout=2)"
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"uvicorn stopped: {(folder / 'uvicorn.log').read_text()[-2000:]}")
        ask = [IP, "netns", "exec", NS_SERVER, str(PYTHON), "-c", probe]
        ready = subprocess.run(ask, capture_output=True, check=False)  # noqa: S603
        if ready.returncode == 0:
            return Server(process, facts["appointment"], facts["cookies"])
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not answer /healthz in time")
        time.sleep(0.3)


# --- speech-like sound for the fake microphone -----------------------------------------------------------------


def speech_wav(path: Path, seconds: int = 60, seed: int = 7) -> None:
    """Talk spurts of voiced syllables (about 4 a second) between pauses: 48 kHz mono, 16 bit, looped by Chromium."""
    rate = 48_000
    rng = random.Random(seed)
    samples: list[int] = []
    talking = True
    while len(samples) < seconds * rate:
        span = rng.uniform(1.0, 4.0) if talking else rng.uniform(0.6, 2.5)
        count = int(span * rate)
        if not talking:
            samples.extend(int(rng.gauss(0, 12)) for _ in range(count))  # a quiet room
        else:
            pitch, syllable = rng.uniform(110, 230), rng.uniform(0.18, 0.30)
            for i in range(count):
                t = i / rate
                within = (t % syllable) / syllable
                envelope = math.sin(math.pi * within) ** 2
                f0 = pitch * (1 + 0.08 * math.sin(2 * math.pi * 3 * t))
                voiced = sum(math.sin(2 * math.pi * f0 * k * t) / k for k in range(1, 9))
                samples.append(int(6000 * envelope * voiced + rng.gauss(0, 150 * envelope)))
        talking = not talking
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(b"".join(struct.pack("<h", max(-32768, min(32767, s))) for s in samples))


# --- the call ------------------------------------------------------------------------------------------------


@dataclass
class Side:
    """What one page received and sent over the measurement, summed across RTCPeerConnections if one was replaced."""

    name: str
    sent_bytes: int = 0
    sent_headers: int = 0
    sent_packets: int = 0
    got_packets: int = 0
    got_lost: int = 0
    concealed: int = 0
    samples: int = 0
    jb_delay: float = 0.0
    jb_emitted: int = 0
    fec: int = 0
    video_bytes: int = 0
    jitter_ms: list[float] = field(default_factory=list)
    rtt_ms: list[float] = field(default_factory=list)
    available_kbps: list[float] = field(default_factory=list)
    longest_gap: float = 0.0
    quiet_since: float | None = None
    states: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    connections: int = 0
    cipher: str = ""
    fmtp: str = ""
    last: dict[str, Any] = field(default_factory=dict)
    # Per reading, sent since the last one: (unix s, audio packets, audio payload, audio headers, video bytes).
    timeline: list[tuple[float, int, int, int, int]] = field(default_factory=list)
    mode_changes: list[tuple[float, str]] = field(default_factory=list)  # (unix s, mode)
    video_log: list[dict[str, Any] | None] = field(default_factory=list)  # the video sender's counters, per reading

    def add(self, reading: dict[str, Any]) -> None:
        same = reading.get("index") == self.last.get("index")
        before = self.last if same else {}
        sent, got = reading.get("sent") or {}, reading.get("got") or {}
        old_sent, old_got = before.get("sent") or {}, before.get("got") or {}
        step = [sent.get(key, 0) - old_sent.get(key, 0) for key in ("packets", "bytes", "headers")]
        video = reading.get("videoSentBytes", 0) - before.get("videoSentBytes", 0)
        self.timeline.append((reading["at"] / 1000, step[0], step[1], step[2], video))
        self.video_log.append(reading.get("video"))
        self.sent_packets += step[0]
        self.sent_bytes += step[1]
        self.sent_headers += step[2]
        new_packets = got.get("packets", 0) - old_got.get("packets", 0)
        self.got_packets += new_packets
        self.got_lost += got.get("lost", 0) - old_got.get("lost", 0)
        self.concealed += got.get("concealed", 0) - old_got.get("concealed", 0)
        self.samples += got.get("samples", 0) - old_got.get("samples", 0)
        self.jb_delay += got.get("jbDelay", 0) - old_got.get("jbDelay", 0)
        self.jb_emitted += got.get("jbEmitted", 0) - old_got.get("jbEmitted", 0)
        self.fec += got.get("fec", 0) - old_got.get("fec", 0)
        self.video_bytes += video
        if got.get("jitter") is not None:
            self.jitter_ms.append(got["jitter"] * 1000)
        rtt = (reading.get("pair") or {}).get("rtt") or reading.get("remoteRtt")
        if rtt:
            self.rtt_ms.append(rtt * 1000)
        if (reading.get("pair") or {}).get("available"):
            self.available_kbps.append(reading["pair"]["available"] / 1000)
        now = reading["at"] / 1000
        if new_packets > 0:
            self.quiet_since = None
        elif self.quiet_since is None:
            self.quiet_since = self.last.get("at", reading["at"]) / 1000
        if self.quiet_since is not None:
            self.longest_gap = max(self.longest_gap, now - self.quiet_since)
        self.states = [event[2] for event in reading.get("events", [])]
        self.connections = reading.get("count", 0)
        if reading.get("mode") and (not self.modes or self.modes[-1] != reading["mode"]):
            self.modes.append(reading["mode"])
            self.mode_changes.append((reading["at"] / 1000, reading["mode"]))
        self.cipher = reading.get("cipher") or self.cipher
        self.fmtp = reading.get("fmtp") or self.fmtp
        self.last = reading


def median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2] if ordered else float("nan")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else float("nan")


def wrapper(folder: Path, ns: str) -> Path:
    """An executable that starts Chromium inside a namespace, for Playwright's executable_path."""
    script = folder / f"chromium-{ns}.sh"
    script.write_text(f'#!/bin/sh\nexec {IP} netns exec {ns} {CHROMIUM} "$@"\n')
    script.chmod(0o755)
    return script


def device_check(folder: Path) -> dict[str, Any]:
    """The device check page (/check/) opened from the thin side, as a client would before a session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(wrapper(folder, NS_CLIENT)), args=CHROMIUM_ARGS)
        page = browser.new_context(base_url=ORIGIN, bypass_csp=True).new_page()
        started = time.monotonic()
        page.goto("/check/", timeout=120_000)
        loaded = time.monotonic() - started
        page.click("#dc-start")
        page.wait_for_function("window.dilasaCheck && window.dilasaCheck.result.mode", timeout=120_000)
        result: dict[str, Any] = page.evaluate("window.dilasaCheck.result")
        result["page_load_s"] = round(loaded, 1)
        result["check_s"] = round(time.monotonic() - started - loaded, 1)
        browser.close()
    return result


def call(args: argparse.Namespace, folder: Path, server: Server, deadline: float) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    speech = folder / "speech.wav"
    speech_wav(speech)
    chromium_args = [*CHROMIUM_ARGS, f"--use-file-for-fake-audio-capture={speech}"]
    page_path = f"/meet/{server.appointment}/"
    with sync_playwright() as playwright:
        pages = {}
        for role, ns in (("therapist", NS_THERAPIST), ("client", NS_CLIENT)):
            browser = playwright.chromium.launch(executable_path=str(wrapper(folder, ns)), args=chromium_args)
            context = browser.new_context(base_url=ORIGIN, bypass_csp=True, viewport={"width": 360, "height": 740})
            context.add_cookies([{"name": "dilasa_sid", "value": server.cookies[role], "url": ORIGIN},
                                 {"name": "dilasa_lang", "value": "en", "url": ORIGIN}])  # fmt: skip
            context.add_init_script(HOOK)
            pages[role] = context.new_page()
        started = time.monotonic()
        pages["therapist"].goto(page_path, timeout=60_000)
        pages["client"].goto(page_path, timeout=120_000)  # over the thin link
        loaded = time.monotonic() - started
        print(f"  both pages loaded in {loaded:.1f} s (the client's over the thin link)")

        def remaining() -> int:
            return max(1_000, int((deadline - time.monotonic()) * 1000))

        pages["therapist"].wait_for_selector("#admit:enabled", timeout=min(90_000, remaining()))
        pages["therapist"].click("#admit")
        admitted = time.monotonic()
        for page in pages.values():
            page.wait_for_function("window.dilasaRoom && window.dilasaRoom.connection === 'connected'",
                                   timeout=min(120_000, remaining()))  # fmt: skip
        connect_s = time.monotonic() - admitted
        print(f"  admitted; call connected {connect_s:.1f} s later; measuring for {args.seconds} s")

        sides = {role: Side(role) for role in pages}
        before = counters()
        for role, page in pages.items():
            first = sides[role].last = page.evaluate(READ_STATS)
            sides[role].states = [e[2] for e in first.get("events", [])]
            sides[role].modes = [first.get("mode") or "?"]
            sides[role].mode_changes = [(first["at"] / 1000, sides[role].modes[0])]
        start = time.monotonic()
        next_note = start + 30
        while time.monotonic() - start < args.seconds:
            if time.monotonic() > deadline:
                raise RuntimeError("time limit reached")
            time.sleep(SAMPLE_EVERY)
            for role, page in pages.items():
                sides[role].add(page.evaluate(READ_STATS))
            if time.monotonic() >= next_note:
                next_note += 30
                elapsed = time.monotonic() - start
                c = sides["client"]
                print(f"  {elapsed:5.0f} s  client sends {c.sent_bytes * 8 / elapsed / 1000:5.1f} kbit/s payload, "
                      f"mode {c.modes[-1] if c.modes else '?'}, state {c.last.get('state')}")  # fmt: skip
        seconds = time.monotonic() - start
        after = counters()
    return summarise(
        args=args, sides=sides, before=before, after=after, seconds=seconds, loaded=loaded, connect_s=connect_s
    )


def summarise(
    *,
    args: argparse.Namespace,
    sides: dict[str, Side],
    before: dict[str, tuple[int, int]],
    after: dict[str, tuple[int, int]],
    seconds: float,
    loaded: float,
    connect_s: float,
) -> dict[str, Any]:
    def wire(name: str) -> tuple[int, int]:
        return after[name][0] - before[name][0], after[name][1] - before[name][1]

    directions = {}
    for label, sender, receiver, way in (
        ("client → therapist (uplink)", sides["client"], sides["therapist"], "up"),
        ("therapist → client (downlink)", sides["therapist"], sides["client"], "down"),
    ):
        tag = SRTP_TAG.get(sender.cipher, 10)
        packets = sender.sent_packets
        udp_packets, udp_bytes = wire(f"{way}_udp")
        _, all_bytes = wire(f"{way}_all")
        dropped, _ = wire(f"{way}_dropped")
        queue_dropped, _ = wire(f"{way}_queue_dropped")
        expected = receiver.got_packets + receiver.got_lost
        directions[label] = {
            "payload_kbps": sender.sent_bytes * 8 / seconds / 1000,
            "rtp_header_and_padding_kbps": sender.sent_headers * 8 / seconds / 1000,
            "wire_estimate_kbps": (sender.sent_bytes + sender.sent_headers + packets * (tag + IPV4_UDP))
            * 8
            / seconds
            / 1000,
            "wire_measured_udp_kbps": udp_bytes * 8 / seconds / 1000,
            "wire_measured_all_kbps": all_bytes * 8 / seconds / 1000,
            "mb_per_minute_udp": udp_bytes * 60 / seconds / 1e6,
            "packets_per_s": packets / seconds,
            "udp_packets_per_s_measured": udp_packets / seconds,
            "loss_pct_seen_by_receiver": 100 * receiver.got_lost / expected if expected else float("nan"),
            "dropped_by_emulator_all_protocols": dropped,
            "dropped_by_full_queue_all_protocols": queue_dropped,
            "jitter_ms_median": median(receiver.jitter_ms),
            "jitter_ms_p95": percentile(receiver.jitter_ms, 0.95),
            "jitter_buffer_ms_mean": 1000 * receiver.jb_delay / receiver.jb_emitted if receiver.jb_emitted else None,
            "concealed_pct": 100 * receiver.concealed / receiver.samples if receiver.samples else None,
            "fec_packets": receiver.fec,
            "longest_gap_s": receiver.longest_gap,
            "video_bytes_sent": sender.video_bytes,
        }
    states = {role: side.states for role, side in sides.items()}
    failed_for_good = any(s and s[-1] == "failed" for s in states.values())
    ever_failed = any("failed" in s for s in states.values())
    gaps = max(side.longest_gap for side in sides.values())
    held = not failed_for_good and gaps < GAP and all(side.last.get("state") == "connected" for side in sides.values())
    return {
        "link": {"rate_kbit": args.rate_kbit, "added_rtt_ms": args.rtt_ms, "loss_pct_each_way": args.loss_pct},
        "seconds": round(seconds, 1),
        "page_load_s": round(loaded, 1),
        "connect_after_admit_s": round(connect_s, 1),
        "held": held,
        "ever_failed": ever_failed,
        "connection_states": states,
        "modes": {role: side.modes for role, side in sides.items()},
        "mode_changes_s": {
            role: [(round(at - side.mode_changes[0][0], 1), mode) for at, mode in side.mode_changes]
            for role, side in sides.items()
        },
        "peer_connections": {role: side.connections for role, side in sides.items()},
        "rtt_ms_median": median(sides["client"].rtt_ms),
        "rtt_ms_p95": percentile(sides["client"].rtt_ms, 0.95),
        "available_outgoing_kbps_median": {role: median(side.available_kbps) for role, side in sides.items()},
        "srtp_cipher": sides["client"].cipher,
        "opus_fmtp": {role: side.fmtp for role, side in sides.items()},
        "directions": directions,
        "timeline_sent": {role: side.timeline for role, side in sides.items()},
        "video_at_end": {role: side.last.get("video") for role, side in sides.items()},
        "video_log": {role: side.video_log for role, side in sides.items()},
    }


def show(result: dict[str, Any]) -> None:
    link = result["link"]
    print(f"\nLink: {link['rate_kbit']} kbit/s, +{link['added_rtt_ms']} ms round trip, {link['loss_pct_each_way']} % "
          f"loss each way; measured {result['seconds']} s")  # fmt: skip
    print(f"Call held: {'yes' if result['held'] else 'NO'}   (connectionState ever 'failed': {result['ever_failed']}; "
          f"modes: client {result['modes']['client']}, therapist {result['modes']['therapist']})")  # fmt: skip
    if any(len(changes) > 1 for changes in result["mode_changes_s"].values()):
        print(f"Mode changes (s after the call connected, mode): {result['mode_changes_s']}")
    print(f"Round trip (ICE pair): median {result['rtt_ms_median']:.0f} ms, p95 {result['rtt_ms_p95']:.0f} ms; "
          f"SRTP {result['srtp_cipher']}; page load {result['page_load_s']} s; "
          f"connected {result['connect_after_admit_s']} s after admit")  # fmt: skip
    print(f"Opus fmtp as received: {result['opus_fmtp']}")
    print(f"Bandwidth estimate (availableOutgoingBitrate), median kbit/s: {result['available_outgoing_kbps_median']}")
    rows = [
        ("Opus payload, kbit/s", "payload_kbps", "{:.1f}"),
        ("RTP headers + padding, kbit/s", "rtp_header_and_padding_kbps", "{:.1f}"),
        ("on the wire, estimated, kbit/s", "wire_estimate_kbps", "{:.1f}"),
        ("on the wire, measured UDP, kbit/s", "wire_measured_udp_kbps", "{:.1f}"),
        ("everything on the link, kbit/s", "wire_measured_all_kbps", "{:.1f}"),
        ("media data use, MB a minute", "mb_per_minute_udp", "{:.2f}"),
        ("audio packets/s", "packets_per_s", "{:.1f}"),
        ("loss seen by receiver, %", "loss_pct_seen_by_receiver", "{:.1f}"),
        ("packets dropped: emulated loss", "dropped_by_emulator_all_protocols", "{}"),
        ("packets dropped: queue full", "dropped_by_full_queue_all_protocols", "{}"),
        ("jitter, median ms", "jitter_ms_median", "{:.0f}"),
        ("jitter, p95 ms", "jitter_ms_p95", "{:.0f}"),
        ("jitter buffer, mean ms", "jitter_buffer_ms_mean", "{:.0f}"),
        ("concealed audio, %", "concealed_pct", "{:.1f}"),
        ("longest gap in packets, s", "longest_gap_s", "{:.1f}"),
    ]
    names = list(result["directions"])
    print(f"\n{'':36}" + "".join(f"{n:>32}" for n in names))
    for label, key, fmt in rows:
        cells = []
        for n in names:
            value = result["directions"][n][key]
            cells.append(f"{'-' if value is None else fmt.format(value):>32}")
        print(f"{label:36}" + "".join(cells))


# --- entry point -------------------------------------------------------------------------------------------


@contextlib.contextmanager
def link_and_folder(args: argparse.Namespace) -> Iterator[Path]:
    folder = Path(tempfile.mkdtemp(prefix="dilasa-bench-"))
    delay: subprocess.Popen[bytes] | None = None
    try:
        remove_namespaces()  # a run killed with SIGKILL may have left them
        build_link(args.rate_kbit, args.loss_pct)
        delay = subprocess.Popen(  # noqa: S603
            [IP, "netns", "exec", NS_ROUTER, sys.executable, __file__, "--delay-line", DELAY_DEVICE,
             "--delay-ms", str(args.rtt_ms / 2)],
        )  # fmt: skip
        yield folder
    finally:
        if delay is not None and delay.poll() is None:
            delay.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                delay.wait(timeout=5)
        remove_namespaces()
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            print(f"kept {folder}")


def preflight() -> None:
    if os.geteuid() != 0:
        sys.exit("needs root: network namespaces, tc, nftables and a TUN device (run with sudo)")
    for tool in ("ip", "tc", "nft"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} not found: apt-get install iproute2 nftables")
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} not found: apt-get install chromium")
    if not PYTHON.exists():
        sys.exit(f"{PYTHON} not found: run `make setup` first")
    if not Path("/dev/net/tun").exists():
        sys.exit("/dev/net/tun is missing: the delay line needs TUN")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=int, default=180, help="how long to measure the call (default 180)")
    parser.add_argument("--rate-kbit", type=int, default=32, help="link rate each way, kbit/s (default 32)")
    parser.add_argument("--rtt-ms", type=float, default=300, help="added round-trip delay, ms (default 300)")
    parser.add_argument("--loss-pct", type=float, default=3, help="random loss each way, %% (default 3)")
    parser.add_argument("--mode", default="audio", choices=("audio", "video"), help="the appointment's mode")
    parser.add_argument("--check-page", action="store_true", help="run the device check page instead of a call")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (server log, database)")
    parser.add_argument("--delay-line", help=argparse.SUPPRESS)
    parser.add_argument("--delay-ms", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.delay_line:
        delay_line(args.delay_line, args.delay_ms)
        return 0
    if not (10 <= args.seconds <= 3600 and 8 <= args.rate_kbit <= 100_000 and 0 <= args.loss_pct <= 50):
        parser.error("--seconds 10..3600, --rate-kbit 8..100000, --loss-pct 0..50")
    preflight()
    signal.signal(signal.SIGTERM, _on_signal)
    deadline = time.monotonic() + args.seconds + 420  # set-up and page loads over the thin link included
    server: Server | None = None
    try:
        with link_and_folder(args) as folder:
            print(
                f"link up: {args.rate_kbit} kbit/s, +{args.rtt_ms:g} ms round trip, {args.loss_pct:g} % loss each way"
            )
            try:
                server = start_server(folder, args.mode, deadline)
                print(f"  server up at {ORIGIN}, appointment {server.appointment}")
                if args.check_page:
                    checked = device_check(folder)
                    print(f"  device check from the thin side: {json.dumps(checked)}")
                    return 0
                result = call(args, folder, server, deadline)
            finally:
                if server is not None and server.process.poll() is None:
                    server.process.terminate()
                    with contextlib.suppress(subprocess.TimeoutExpired):
                        server.process.wait(timeout=10)
    except KeyboardInterrupt:
        print("\ninterrupted; namespaces removed")
        return 130
    show(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str))
    return 0 if result["held"] else 1


if __name__ == "__main__":
    sys.exit(main())
