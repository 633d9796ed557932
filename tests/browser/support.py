"""Helpers shared by the browser tests (kept out of conftest.py, which pytest loads as a plugin).

No imports from dilasa.accounts or dilasa.testing: this package sits under dilasa.core, and the import-linter
layers contract forbids core from importing accounts, even in tests. Personas arrive as fixtures by name
(dilasa/conftest.py) and are used only through their attributes.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import BrowserContext, Page

CHROMIUM = Path("/usr/bin/chromium")  # Debian package chromium
# Headless flags known to work in containers and CI: no sandbox (root), no GPU, and no background traffic
# (updates, sync, QUIC probes) that would muddy the network figures.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 360, "height": 740}
LANGUAGE_COOKIE = "dilasa_lang"
# Browser tests give the persona this password, as dilasa.testing.PASSWORD is out of reach (see above).
BROWSER_PASSWORD = "a browser signs in through the real form"

NewContext = Callable[..., BrowserContext]


def on_ci() -> bool:
    """Under CI=true a test that cannot run fails rather than skips, so a broken runner cannot pass by skipping."""
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def add_authenticator(user: Any) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def sign_in(page: Page, user: Any) -> None:
    """Sign in through the real form, and for staff through the real authenticator-code step too.

    Staff need an authenticator first (add_authenticator), or they land on the setup page.
    """
    user.set_password(BROWSER_PASSWORD)
    user.save(update_fields=["password"])
    page.goto("/sign-in/")
    page.fill("input[name=username]", user.get_username())
    page.fill("input[name=password]", BROWSER_PASSWORD)
    with page.expect_navigation():
        page.click("main form.form button[type=submit]")
    if "/two-step/" in page.url:
        assert "/verify/" in page.url, f"{page.url}: give staff an authenticator (add_authenticator) first"
        device = TOTPDevice.objects.get(user=user, confirmed=True)
        page.fill(
            "input[name=code]", f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
        )
        with page.expect_navigation():
            page.click("main form.form button[type=submit]")
    assert "/sign-in/" not in page.url, f"sign-in did not finish: {page.url}"
    assert "/two-step/" not in page.url, f"second step did not finish: {page.url}"


@dataclass(frozen=True)
class Weight:
    page: str
    language: str
    html_bytes: int
    total_bytes: int
    requests: int


WEIGHTS = pytest.StashKey[list[Weight]]()


class AsgiServer:
    """uvicorn serving config.asgi on a loopback port, in a thread; it can be restarted on the same port."""

    def __init__(self) -> None:
        probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        probe.bind(("127.0.0.1", 0))
        self.port = probe.getsockname()[1]
        probe.close()
        self.url = f"http://127.0.0.1:{self.port}"
        self.start()

    def start(self) -> None:
        from config.asgi import application

        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        config = uvicorn.Config(application, lifespan="off", log_level="warning", ws="websockets-sansio")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.listener]}, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.listener.close()

    def restart(self) -> None:
        self.stop()
        self.start()
