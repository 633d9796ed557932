"""Clinical text is sealed with a per-record key wrapped by a key kept outside the database."""

from __future__ import annotations

import base64

import pytest
from django.core.exceptions import ImproperlyConfigured

from dilasa.core import crypto


@pytest.fixture
def fresh_keys(settings):
    key = base64.b64encode(bytes(range(32))).decode()
    other = base64.b64encode(bytes(range(1, 33))).decode()
    settings.DATA_KEYS = f"k1:{key},k2:{other}"
    settings.DATA_KEY_ID = "k1"
    crypto.keyring.cache_clear()
    yield settings
    crypto.keyring.cache_clear()


def test_a_sealed_value_opens_only_in_its_own_context(fresh_keys) -> None:
    blob = crypto.seal("I could not sleep again", context="live.chat:7:abc")
    assert b"sleep" not in blob
    assert crypto.unseal(blob, context="live.chat:7:abc") == "I could not sleep again"
    with pytest.raises(crypto.SealError):
        crypto.unseal(blob, context="live.chat:8:abc")


def test_two_seals_of_the_same_text_differ(fresh_keys) -> None:
    assert crypto.seal("same", context="c") != crypto.seal("same", context="c")


def test_tampering_is_detected(fresh_keys) -> None:
    blob = bytearray(crypto.seal("text", context="c"))
    blob[-1] ^= 1
    with pytest.raises(crypto.SealError):
        crypto.unseal(bytes(blob), context="c")
    with pytest.raises(crypto.SealError):
        crypto.unseal(b"plain text", context="c")


def test_old_keys_still_open_after_the_active_key_changes(fresh_keys) -> None:
    blob = crypto.seal("text", context="c")
    assert crypto.key_id_of(blob) == "k1"
    fresh_keys.DATA_KEY_ID = "k2"
    crypto.keyring.cache_clear()
    assert crypto.key_id_of(crypto.seal("new", context="c")) == "k2"
    assert crypto.unseal(blob, context="c") == "text"


@pytest.mark.parametrize("bad", ["k1:short", "nokey", ":" + base64.b64encode(bytes(32)).decode()])
def test_malformed_keys_stop_start_up(settings, bad: str) -> None:
    settings.DATA_KEYS = bad
    crypto.keyring.cache_clear()
    try:
        with pytest.raises(ImproperlyConfigured):
            crypto.keyring()
    finally:
        crypto.keyring.cache_clear()
