"""Real-browser tests: Debian's headless Chromium, driven by Playwright, against pytest-django's live server.

Run with `.venv/bin/pytest tests/browser` (or `-m browser`). Without /usr/bin/chromium the
package is skipped locally, but fails under CI=true so a broken runner cannot pass by skipping.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from tests.browser import support
from tests.browser.support import CHROMIUM_ARGS, LANGUAGE_COOKIE, PHONE, WEIGHTS, AsgiServer, NewContext

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # This hook sees every item in the session, so mark only the ones that live in this package.
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """One Chromium for the whole package.

    Package scope, not session scope, on purpose: Playwright's sync API leaves its asyncio loop marked as
    running in this thread for as long as Playwright is started. Kept alive for the rest of the session it
    would make every later `async def` test fail ("Runner.run() cannot be called from a running event loop")
    and keep Django's async-safety guard off for unrelated tests. A fixture in this conftest only ever
    serves this package anyway.
    """
    chromium = support.CHROMIUM
    if not chromium.exists():
        message = f"{chromium} not found: install Debian package chromium (apt-get install chromium)"
        if support.on_ci():
            pytest.fail(f"{message}. CI=true, so browser tests must run, not skip.", pytrace=False)
        pytest.skip(message)
    with pytest.MonkeyPatch.context() as env:
        # Why DJANGO_ALLOW_ASYNC_UNSAFE: while Playwright runs, asyncio.get_running_loop() in this thread
        # returns Playwright's loop, so Django's guard refuses every ORM call made here (creating personas,
        # transactional_db's flush) with SynchronousOnlyOperation. Those calls are plain blocking code in a
        # plain thread, never inside a coroutine, so the guard is a false alarm. It is lifted only while
        # this browser lives and restored afterwards.
        env.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            launched = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS, headless=True)
            yield launched
            launched.close()


@pytest.fixture
def new_context(browser: Browser, live_server: Any, transactional_db: None) -> Iterator[NewContext]:
    """Open fresh (cold-cache, cookie-less) browser contexts on the live server, phone-sized by default.

    transactional_db: the live server answers from another thread, so it sees only committed data, and
    without it pytest-django would block the server's database access, turning any query into a 500.

    `language` sets the dilasa_lang cookie. bypass_csp lets Playwright's helpers run under the strict CSP.
    The browser says Accept-Language en-US, so any right-to-left page comes from the cookie or the user.
    """
    opened: list[BrowserContext] = []

    def make(*, language: str | None = None, **options: Any) -> BrowserContext:
        settings: dict[str, Any] = {
            "base_url": live_server.url,
            "viewport": PHONE,
            "device_scale_factor": 1,
            "locale": "en-US",
            "bypass_csp": True,
        }
        settings.update(options)
        context = browser.new_context(**settings)
        opened.append(context)
        if language is not None:
            context.add_cookies([{"name": LANGUAGE_COOKIE, "value": language, "url": live_server.url}])
        return context

    yield make
    for context in opened:
        context.close()


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """Print the page weights measured by test_page_weight.py, so CI logs keep the figures."""
    weights = config.stash.get(WEIGHTS, [])
    if not weights:
        return
    terminalreporter.section("page weight (cold load, bytes on the wire incl. headers)")
    terminalreporter.write_line(f"{'page':<16} {'lang':<5} {'html':>7} {'total':>7} {'requests':>8}")
    for w in sorted(weights, key=lambda w: (w.page, w.language)):
        terminalreporter.write_line(
            f"{w.page:<16} {w.language:<5} {w.html_bytes:>7} {w.total_bytes:>7} {w.requests:>8}"
        )


@pytest.fixture
def asgi_server(transactional_db: None) -> Iterator[AsgiServer]:
    """uvicorn serving config.asgi (HTTP and WebSockets), for pages that need their sockets; it can restart."""
    server = AsgiServer()
    yield server
    server.stop()
