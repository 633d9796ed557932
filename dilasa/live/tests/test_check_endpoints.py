"""The device check's measuring endpoints: tiny, never cached, bounded, and clear when asked for too much."""

from __future__ import annotations

import gzip

import pytest
from django.test import Client
from django.urls import reverse

from dilasa.live.check_views import MAX_DOWNLOAD_KB, MAX_UPLOAD_BYTES


def assert_never_cached(response) -> None:
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_ping_answers_204_with_nothing_and_no_store(client: Client) -> None:
    response = client.get(reverse("live:check_ping"))
    assert response.status_code == 204
    assert response.content == b""
    assert_never_cached(response)
    assert client.head(reverse("live:check_ping")).status_code == 204


def test_ping_answers_only_get_and_head(client: Client) -> None:
    assert client.post(reverse("live:check_ping")).status_code == 405


@pytest.mark.parametrize("kb", [1, 16, MAX_DOWNLOAD_KB])
def test_download_sends_exactly_the_kilobytes_asked_for(client: Client, kb: int) -> None:
    response = client.get(reverse("live:check_download"), {"kb": kb}, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/octet-stream"
    assert_never_cached(response)
    assert "Content-Encoding" not in response, "random bytes do not compress, so they go as they are"
    assert len(response.content) == kb * 1024


def test_download_is_incompressible(client: Client) -> None:
    """A data-saver proxy or gzip on the way must not make a thin link look fast."""
    body = client.get(reverse("live:check_download"), {"kb": 64}).content
    assert len(gzip.compress(body)) > 0.99 * len(body)


@pytest.mark.parametrize("kb", ["", "0", "513", "100000", "abc", "1.5", "-1", " 8", "٣", "1e3"])
def test_a_bad_size_is_400_with_a_clear_message(client: Client, kb: str) -> None:
    response = client.get(reverse("live:check_download"), {"kb": kb})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "from 1 to 512" in response.content.decode()


def test_a_missing_size_is_400(client: Client) -> None:
    assert client.get(reverse("live:check_download")).status_code == 400


@pytest.fixture
def csrf_client() -> tuple[Client, str]:
    """A browser that must show a CSRF token, as a real one must; the check page hands it the token."""
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(reverse("live:check"))
    return browser, str(page.context["csrf_token"])


def upload(browser: Client, token: str | None, body: bytes):
    extra = {"HTTP_X_CSRFTOKEN": token} if token else {}
    return browser.post(reverse("live:check_upload"), body, content_type="application/octet-stream", **extra)


def test_upload_up_to_the_limit_is_accepted(csrf_client: tuple[Client, str]) -> None:
    browser, token = csrf_client
    for size in (1, 16 * 1024, MAX_UPLOAD_BYTES):
        response = upload(browser, token, b"\x5a" * size)
        assert response.status_code == 204, size
        assert_never_cached(response)


def test_upload_over_the_limit_is_413(csrf_client: tuple[Client, str]) -> None:
    browser, token = csrf_client
    response = upload(browser, token, b"\0" * (MAX_UPLOAD_BYTES + 1))
    assert response.status_code == 413
    assert "at most 512 KB" in response.content.decode()


def test_upload_declared_too_large_is_refused_before_reading(csrf_client: tuple[Client, str]) -> None:
    browser, token = csrf_client
    response = browser.post(
        reverse("live:check_upload"),
        b"tiny",
        content_type="application/octet-stream",
        HTTP_X_CSRFTOKEN=token,
        CONTENT_LENGTH=str(50 * 1024 * 1024),
    )
    assert response.status_code == 413


def test_upload_needs_the_csrf_token(csrf_client: tuple[Client, str]) -> None:
    browser, _ = csrf_client
    assert upload(browser, None, b"x" * 1024).status_code == 403


def test_upload_is_post_only(client: Client) -> None:
    assert client.get(reverse("live:check_upload")).status_code == 405
