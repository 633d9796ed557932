"""STUN and TURN servers for a user's RTCPeerConnection, with short-lived TURN credentials.

TURN credentials follow the "TURN REST API" scheme that coturn implements (`use-auth-secret` and
`static-auth-secret`, draft-uberti-behave-turn-rest-00): the username is `"<expiry unix time>:<id>"` and the
password is base64(HMAC-SHA1(shared secret, username)). coturn recomputes the password from the secret and
refuses the username once its time has passed, so nothing is stored and a leaked credential dies by itself.

The id in the username is a keyed hash of the user's primary key: coturn writes usernames to its logs, and
those logs should not name anyone (never a login, email or phone number) nor reveal how many users there are.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
from typing import TYPE_CHECKING, NotRequired, TypedDict

from django.conf import settings
from django.utils.crypto import salted_hmac

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser


class IceServer(TypedDict):
    """One RTCIceServer dictionary, as the browser's RTCPeerConnection takes it."""

    urls: list[str]
    username: NotRequired[str]
    credential: NotRequired[str]


def ice_servers_for(user: AbstractBaseUser | AnonymousUser, *, now: float | None = None) -> list[IceServer]:
    """STUN for anyone; TURN (a relay that costs the clinic bandwidth) only for a signed-in user."""
    servers: list[IceServer] = []
    if settings.LIVE_STUN_URLS:
        servers.append({"urls": list(settings.LIVE_STUN_URLS)})
    if settings.LIVE_TURN_URLS and user.is_authenticated:
        expires = int(now if now is not None else time.time()) + settings.LIVE_TURN_TTL_SECONDS
        username = turn_username(opaque_id(user.pk), expires)
        servers.append(
            {
                "urls": list(settings.LIVE_TURN_URLS),
                "username": username,
                "credential": turn_password(settings.LIVE_TURN_SECRET, username),
            }
        )
    return servers


def opaque_id(pk: object) -> str:
    """A stable id for one user that only this deployment (holding SECRET_KEY) can link back to them."""
    return salted_hmac("dilasa.live.turn.user", str(pk), algorithm="sha256").hexdigest()[:20]


def turn_username(user_id: str, expires: int) -> str:
    if ":" in user_id:  # coturn splits the username on its first colon
        raise ValueError("a TURN user id must not contain ':'")
    return f"{expires}:{user_id}"


def turn_password(secret: str, username: str) -> str:
    digest = hmac.new(secret.encode(), username.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode("ascii")
