"""Breathing together in a real call (headless Chromium, through the real ASGI server): the therapist starts the
pacer, both pages show it at the same point of the breath (each from the server's start time and its own clock),
and the client stops it for both. Nothing is sent per breath."""

from __future__ import annotations

import time
from typing import Any

from playwright.sync_api import Browser, Page

from tests.browser.support import AsgiServer
from tests.browser.test_live_call import call_between, media_browser  # noqa: F401  (a fixture)

CYCLE_S = 10  # 4 s in, 6 s out (dilasa/techniques/templates/techniques/_pacer.html)
SAME_PHASE_S = 0.3


def showing(page: Page) -> bool:
    shown: bool = page.evaluate("!document.querySelector('#breathe').hidden && !!window.dilasaPacer")
    return shown


def phase_at(page: Page) -> tuple[float, float]:
    """Seconds into the breath, and the page's clock (epoch ms) at that moment."""
    phase, now = page.evaluate("[window.dilasaPacer.phase(), Date.now()]")
    return float(phase), float(now)


def phase_gap(first: Page, second: Page) -> float:
    """How far apart the two pages' breaths are, in seconds, compared at the same moment."""
    (a, at_a), (b, at_b) = phase_at(first), phase_at(second)
    b -= (at_b - at_a) / 1000  # the second page was read a little later: take that back (one clock here)
    gap = (a - b) % CYCLE_S
    return min(gap, CYCLE_S - gap)


def test_the_therapist_starts_breathing_together_both_see_the_same_breath_and_the_client_stops_it(
    media_browser: Browser,  # noqa: F811
    asgi_server: AsgiServer,
    client_ayesha: Any,
    therapist_sana: Any,
) -> None:
    client_ayesha.language = "en"
    client_ayesha.save()
    with call_between(media_browser, asgi_server, client_ayesha, therapist_sana) as (ayesha, sana, errors):
        for page in (ayesha, sana):
            assert not showing(page)
            assert page.inner_text("#tool") == "Breathe together"
        sana.click("#tool")
        started = time.monotonic()
        for page in (ayesha, sana):
            page.wait_for_function(
                "!document.querySelector('#breathe').hidden && /\\d/.test(document.querySelector('.cue').textContent)",
                timeout=5_000,
            )
            assert page.inner_text("#tool") == "Stop breathing together"
            assert page.evaluate("getComputedStyle(document.querySelector('.ring')).animationName") == "breathe"
        print(f"\npacer showing on both pages {time.monotonic() - started:.2f} s after the press")  # noqa: T201
        gaps = []
        for _ in range(3):
            gaps.append(phase_gap(sana, ayesha))
            time.sleep(1.3)
        print(f"phase gap between the pages: {', '.join(f'{g * 1000:.0f} ms' for g in gaps)}")  # noqa: T201
        assert max(gaps) < SAME_PHASE_S, gaps
        ayesha.click("#tool")
        for page in (ayesha, sana):
            page.wait_for_function("document.querySelector('#breathe').hidden", timeout=5_000)
            assert page.inner_text("#tool") == "Breathe together"
        assert not errors, errors
