"""TURN credentials are the TURN REST API's: short-lived, signed with coturn's shared secret, and naming nobody."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
import time

import pytest
from django.contrib.auth.models import AnonymousUser

from dilasa.accounts.models import User
from dilasa.live.turn import ice_servers_for, opaque_id, turn_password, turn_username

SECRET = "north-wind-over-the-indus"


@pytest.fixture
def turn_settings(settings):
    settings.LIVE_STUN_URLS = ["stun:turn.dilasa.example:3478"]
    settings.LIVE_TURN_URLS = ["turn:turn.dilasa.example:3478?transport=udp", "turns:turn.dilasa.example:443"]
    settings.LIVE_TURN_SECRET = SECRET
    settings.LIVE_TURN_TTL_SECONDS = 3600
    return settings


def openssl_hmac_sha1_base64(secret: str, message: str) -> str:
    """The credential as coturn's own documentation computes it, with openssl, not with our code."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl not installed")
    digest = subprocess.run(  # noqa: S603 - fixed argv, test input
        ["openssl", "dgst", "-sha1", "-hmac", secret, "-binary"],  # noqa: S607
        input=message.encode(),
        capture_output=True,
        check=True,
    ).stdout
    return base64.b64encode(digest).decode()


def test_password_is_base64_of_hmac_sha1_of_the_username() -> None:
    username = "1795734758:7f3a9c"
    assert turn_password(SECRET, username) == openssl_hmac_sha1_base64(SECRET, username)


def test_password_matches_a_fixed_vector() -> None:
    # Computed once with: printf '%s' 1700000000:someone | openssl dgst -sha1 -hmac secret -binary | base64
    assert turn_password("secret", "1700000000:someone") == "eYs3T8u7O4wLW1xXaZ8yd87Koks="
    assert len(base64.b64decode(turn_password("secret", "x"))) == 20


def test_signed_in_user_gets_stun_and_turn_with_a_credential_that_expires(turn_settings, client_ayesha: User) -> None:
    now = 1_800_000_000
    stun, turn = ice_servers_for(client_ayesha, now=now)
    assert stun == {"urls": ["stun:turn.dilasa.example:3478"]}
    assert turn["urls"] == ["turn:turn.dilasa.example:3478?transport=udp", "turns:turn.dilasa.example:443"]
    expiry, _ = turn["username"].split(":")
    assert int(expiry) == now + 3600
    assert turn["credential"] == openssl_hmac_sha1_base64(SECRET, turn["username"])


def test_expiry_is_in_the_future_by_the_configured_time(turn_settings, client_ayesha: User) -> None:
    turn_settings.LIVE_TURN_TTL_SECONDS = 600
    before = int(time.time())
    turn = ice_servers_for(client_ayesha)[1]
    expiry = int(turn["username"].split(":")[0])
    assert before + 600 <= expiry <= int(time.time()) + 600


def test_username_names_nobody(turn_settings, client_ayesha: User, client_kamran: User) -> None:
    """Not the email, not the phone, not the primary key or display name: coturn logs usernames."""
    for user in (client_ayesha, client_kamran):
        username = ice_servers_for(user)[1]["username"]
        user_id = username.split(":", 1)[1]
        for personal in (user.login, user.display_name, user.login.lstrip("+")):
            assert personal not in username
        assert user_id != str(user.pk)
        assert re.fullmatch(r"[0-9a-f]{20}", user_id)
        assert user_id == opaque_id(user.pk), "stable, so a clinic can recompute it when it must"
    assert opaque_id(client_ayesha.pk) != opaque_id(client_kamran.pk)


def test_anonymous_visitors_get_no_relay(turn_settings) -> None:
    assert ice_servers_for(AnonymousUser()) == [{"urls": ["stun:turn.dilasa.example:3478"]}]


def test_nothing_configured_means_no_servers(settings, client_ayesha: User) -> None:
    settings.LIVE_STUN_URLS, settings.LIVE_TURN_URLS, settings.LIVE_TURN_SECRET = [], [], ""
    assert ice_servers_for(client_ayesha) == []


def test_an_id_with_the_separator_is_refused() -> None:
    with pytest.raises(ValueError, match="must not contain"):
        turn_username("a:b", 1)
