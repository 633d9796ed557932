"""Messages between a client and her therapist in real headless Chromium, through the real ASGI server.

Both pages have the thread open: what one sends appears on the other's page at once, without a reload.
Then the server restarts in the middle of the conversation; what the client sends while it is down waits
in her page's outbox and arrives, once, when the connection returns.
"""

from __future__ import annotations

import time
from typing import Any

from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.support import PHONE, AsgiServer, add_authenticator, sign_in


def open_thread(context: BrowserContext, user: Any, thread_id: int, errors: list[str]) -> Page:
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, user)
    page.goto(f"/messages/{thread_id}/")
    return page


def send(page: Page, text: str) -> None:
    page.fill("#send textarea", text)
    page.click("#send button[type=submit]")


def test_messages_arrive_live_and_a_message_sent_while_the_server_is_down_arrives_once_after(
    browser: Any, asgi_server: AsgiServer, client_ayesha: Any, therapist_sana: Any
) -> None:
    from dilasa.messaging import services as messaging
    from dilasa.messaging.models import Message
    from dilasa.messaging.testing import put_in_care

    client_ayesha.language = "en"
    client_ayesha.save(update_fields=["language"])
    add_authenticator(therapist_sana)
    put_in_care(client_ayesha, therapist_sana)
    thread = messaging.thread_start(user=client_ayesha, other_id=therapist_sana.pk)
    errors: list[str] = []
    options = {"base_url": asgi_server.url, "viewport": PHONE, "locale": "en-US"}
    ayesha = open_thread(browser.new_context(**options), client_ayesha, thread.pk, errors)
    sana = open_thread(browser.new_context(**options), therapist_sana, thread.pk, errors)
    time.sleep(1)  # both sockets say hello
    for page in (ayesha, sana):
        page.evaluate("window.notReloaded = true")  # gone if a page reloads or navigates

    started = time.monotonic()
    send(ayesha, "Salaam, can we move to Thursday?")
    expect(sana.locator("#msgs")).to_contain_text("can we move to Thursday", timeout=10_000)
    print(f"\nclient -> therapist, live: {time.monotonic() - started:.2f} s")  # noqa: T201 - the figures, for the report
    send(sana, "Thursday at five is free.")
    expect(ayesha.locator("#msgs")).to_contain_text("Thursday at five is free", timeout=10_000)

    asgi_server.stop()
    send(ayesha, "Thank you, see you then.")  # the socket is down: the page keeps it in its outbox
    time.sleep(1)
    asgi_server.start()
    started = time.monotonic()
    expect(sana.locator("#msgs")).to_contain_text("see you then", timeout=20_000)
    print(f"sent while the server was down, arrived {time.monotonic() - started:.2f} s after it came back")  # noqa: T201 - the figures, for the report

    assert ayesha.evaluate("window.notReloaded === true"), "the client's page did not reload to send or receive"
    assert sana.evaluate("window.notReloaded === true"), "the therapist's page did not reload to send or receive"
    stored = list(Message.objects.filter(thread=thread).order_by("seq").values_list("seq", "sender_id"))
    assert stored == [(1, client_ayesha.pk), (2, therapist_sana.pk), (3, client_ayesha.pk)]
    for page in (ayesha, sana):
        page.reload()
        assert page.locator("#msgs li[data-seq]").count() == 3
    assert errors == []
