"""Pages stay light for slow mobile data: bytes on the wire for a cold load, and no third-party requests.

Figures are Chromium's own count of bytes received (response headers + encoded body), from the DevTools
protocol's Network.loadingFinished / redirect events, so gzip and header weight are both counted. The
table is printed at the end of the run (see conftest.pytest_terminal_summary).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import BrowserContext, Page

from tests.browser.support import WEIGHTS, NewContext, Weight, add_authenticator, sign_in

TOTAL_BUDGET = 30 * 1024  # bytes for the whole page, every request
HTML_BUDGET = 14 * 1024  # the document fits TCP's first round trip (initial congestion window of 10 segments)


@dataclass
class Transfer:
    url: str
    kind: str = ""
    status: int = 0
    received: int = 0  # bytes on the wire, headers included
    done: bool = False
    failed: str = ""


@dataclass
class NetworkLog:
    """Every request a page makes, as Chromium's network stack saw it."""

    transfers: dict[str, Transfer] = field(default_factory=dict)
    redirects: list[Transfer] = field(default_factory=list)

    def listen(self, context: BrowserContext, page: Page) -> None:
        cdp = context.new_cdp_session(page)
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)
        cdp.send("Network.enable")

    def _sent(self, event: dict[str, Any]) -> None:
        previous = self.transfers.get(event["requestId"])
        if previous is not None and "redirectResponse" in event:  # same id, next hop
            redirect = event["redirectResponse"]
            previous.status, previous.received, previous.done = redirect["status"], redirect["encodedDataLength"], True
            self.redirects.append(previous)
        self.transfers[event["requestId"]] = Transfer(url=event["request"]["url"], kind=event.get("type", ""))

    def _response(self, event: dict[str, Any]) -> None:
        if transfer := self.transfers.get(event["requestId"]):
            transfer.status = event["response"]["status"]

    def _finished(self, event: dict[str, Any]) -> None:
        if transfer := self.transfers.get(event["requestId"]):
            transfer.received, transfer.done = int(event["encodedDataLength"]), True

    def _failed(self, event: dict[str, Any]) -> None:
        if transfer := self.transfers.get(event["requestId"]):
            transfer.failed, transfer.done = event.get("errorText", "failed"), True

    @property
    def all(self) -> list[Transfer]:
        return [*self.redirects, *self.transfers.values()]

    @property
    def network(self) -> list[Transfer]:
        return [t for t in self.all if urlsplit(t.url).scheme not in {"data", "blob", "about"}]

    def settled(self) -> bool:
        return all(t.done for t in self.network)


def wait_until_quiet(page: Page, log: NetworkLog, quiet: float = 0.25, limit: float = 5.0) -> None:
    """Like Playwright's "networkidle" (500 ms without requests) but shorter, and also waiting for Chromium
    to report the size of every response. Events are delivered while Playwright waits."""
    start = last_change = time.monotonic()
    seen = len(log.all)
    while time.monotonic() - start < limit:
        page.wait_for_timeout(25)
        if len(log.all) != seen or not log.settled():
            seen, last_change = len(log.all), time.monotonic()
        elif time.monotonic() - last_change >= quiet:
            return
    pytest.fail(f"network never went quiet: {[t for t in log.network if not t.done]}")


def load_cold(context: BrowserContext, path: str) -> NetworkLog:
    """Load `path` in a fresh page of a fresh context (empty cache) and log every request it causes."""
    page = context.new_page()
    log = NetworkLog()
    log.listen(context, page)
    response = page.goto(path, wait_until="load")
    assert response is not None
    assert response.status == 200, f"{path}: {response.status}"
    assert urlsplit(page.url).path == path, f"{path} redirected to {page.url}"
    wait_until_quiet(page, log)  # late requests (icons, anything lazy) count too
    return log


Weigh = Callable[..., Weight]


@pytest.fixture
def weigh(new_context: NewContext, live_server: Any, pytestconfig: pytest.Config) -> Weigh:
    """Measure a cold load of a page, record the figures for the summary table, then check the budgets."""

    def measure(path: str, *, language: str, storage_state: Any = None) -> Weight:
        context = new_context(language=None if storage_state else language, storage_state=storage_state)
        log = load_cold(context, path)
        documents = [t for t in log.network if t.kind == "Document"]
        weight = Weight(
            page=path,
            language=language,
            html_bytes=sum(t.received for t in documents),
            total_bytes=sum(t.received for t in log.network),
            requests=len(log.network),
        )
        pytestconfig.stash.setdefault(WEIGHTS, []).append(weight)

        figures = "\n".join(f"  {t.received:>6} {t.status} {t.kind:<10} {t.url} {t.failed}" for t in log.all)
        foreign = [t.url for t in log.network if origin(t.url) != origin(live_server.url)]
        assert not foreign, f"{path}: requests to other origins:\n{figures}"
        assert not [t for t in log.network if t.failed or t.status >= 400], f"{path}: failed requests:\n{figures}"
        assert len(documents) == 1, figures
        assert weight.html_bytes <= HTML_BUDGET, f"{weight}: HTML over {HTML_BUDGET} bytes\n{figures}"
        assert weight.total_bytes <= TOTAL_BUDGET, f"{weight}: page over {TOTAL_BUDGET} bytes\n{figures}"
        return weight

    return measure


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def signed_in_state(new_context: NewContext, user: Any) -> Any:
    """Sign in through the real form in a throwaway context; its cookies then seed cold contexts."""
    context = new_context()
    sign_in(context.new_page(), user)
    return context.storage_state()


# English, and Urdu for the Arabic-script locales: their pages share the templates and differ only in
# words, each letter two bytes of UTF-8, so Urdu stands in for Punjabi, Sindhi and Pashto here.
@pytest.mark.parametrize("language", ["en", "ur"])
@pytest.mark.parametrize("path", ["/", "/sign-in/", "/join/", "/reset/"])
def test_public_page_weight(weigh: Weigh, path: str, language: str) -> None:
    weigh(path, language=language)


def test_signed_in_client_pages_weight(weigh: Weigh, new_context: NewContext, client_ayesha: Any) -> None:
    state = signed_in_state(new_context, client_ayesha)
    for path in ("/home/", "/account/"):
        weigh(path, language=client_ayesha.language, storage_state=state)


@pytest.mark.usefixtures("therapist_sana", "therapist_bilal")
def test_clinic_team_page_weight(weigh: Weigh, new_context: NewContext, admin_farah: Any) -> None:
    add_authenticator(admin_farah)
    state = signed_in_state(new_context, admin_farah)
    weigh("/clinic/team/", language=admin_farah.language or "en", storage_state=state)
