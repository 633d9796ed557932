"""The device check in a real Chromium with fake camera and microphone: it measures the connection, suggests a
mode, and its practice call carries the person's own audio and video back to them through WebRTC."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS, LANGUAGE_COOKIE, PHONE

FAKE_MEDIA = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
MODES = {"video", "video_low", "audio", "text"}


@pytest.fixture(scope="module")
def media_browser(browser: Browser) -> Iterator[Browser]:
    """A second Chromium from the same Playwright, with a fake camera and microphone that need no prompt."""
    launched = browser.browser_type.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + FAKE_MEDIA)
    yield launched
    launched.close()


@pytest.fixture
def open_check(media_browser: Browser, live_server: Any, transactional_db: None) -> Iterator[Any]:
    contexts: list[BrowserContext] = []

    def open_page(language: str = "en") -> tuple[Page, list[str]]:
        context = media_browser.new_context(base_url=live_server.url, viewport=PHONE, locale="en-US", bypass_csp=True)
        contexts.append(context)
        context.add_cookies([{"name": LANGUAGE_COOKIE, "value": language, "url": live_server.url}])
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto("/check/")
        return page, errors

    yield open_page
    for context in contexts:
        context.close()


def run_check(page: Page) -> dict[str, Any]:
    page.click("#dc-start")
    page.wait_for_function("window.dilasaCheck && window.dilasaCheck.result.mode", timeout=30_000)
    result: dict[str, Any] = page.evaluate("window.dilasaCheck.result")
    return result


def test_the_check_measures_and_suggests_a_mode(open_check) -> None:
    page, errors = open_check("en")
    result = run_check(page)
    assert result["camera"] is True
    assert result["microphone"] is True
    assert result["mode"] in MODES
    assert 0 < result["rttMs"] < 1000
    assert result["downKbps"] > 0
    assert result["upKbps"] > 0
    # On loopback the link is fast and the fake devices work: full video.
    assert result["mode"] == "video", result
    expect(page.locator('[data-mode="video"] .dc-pick')).to_be_visible()
    expect(page.locator('[data-mode="audio"] .dc-pick')).to_be_hidden()
    expect(page.locator('[data-part="camera"][data-state="ok"]')).to_be_visible()
    expect(page.locator('[data-part="mic"][data-state="ok"]')).to_be_visible()
    expect(page.locator("#dc-preview")).to_be_visible()
    assert page.locator("#dc-rtt").text_content().isdigit()
    assert not errors, errors


def test_the_practice_call_brings_your_own_audio_and_video_back(open_check) -> None:
    page, errors = open_check("ur")
    run_check(page)
    page.click("#dc-practice")
    expect(page.locator('[data-part="practice"][data-state="connected"]')).to_be_visible(timeout=15_000)
    deadline = time.monotonic() + 15
    stats: dict[str, Any] = {}
    while time.monotonic() < deadline:
        stats = page.evaluate("window.dilasaCheck.stats()")
        if stats["audioBytes"] > 0 and stats["videoBytes"] > 0:
            break
        page.wait_for_timeout(250)
    assert stats["state"] == "connected", stats
    assert stats["audioBytes"] > 0, stats
    assert stats["videoBytes"] > 0, stats
    expect(page.locator("#dc-echo")).to_be_visible()
    page.click("#dc-stop")
    expect(page.locator("#dc-preview")).to_be_hidden()
    assert not errors, errors


def test_the_test_sound_plays_without_errors(open_check) -> None:
    page, errors = open_check("en")
    page.click("#dc-tone")
    page.wait_for_timeout(300)
    assert page.evaluate("document.querySelectorAll('audio').length") == 0, "a generated tone, not a file"
    assert not errors, errors
