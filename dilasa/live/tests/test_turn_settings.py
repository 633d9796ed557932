"""STUN/TURN settings come from the environment and stop start-up when they cannot work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PRINT = "from django.conf import settings as s; print(s.LIVE_STUN_URLS, s.LIVE_TURN_URLS, s.LIVE_TURN_TTL_SECONDS)"


def load_settings(**extra: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DILASA_", "DATABASE_URL", "REDIS_URL"))}
    environ.update({"DJANGO_SETTINGS_MODULE": "config.settings.test", **extra})
    code = f"import django; django.setup(); {PRINT}"
    return subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True, check=False
    )


def test_defaults_are_no_servers_and_an_hour() -> None:
    result = load_settings()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[] [] 3600"


def test_servers_and_ttl_are_read_from_the_environment() -> None:
    result = load_settings(
        DILASA_STUN_URLS="stun:turn.example.org:3478",
        DILASA_TURN_URLS="turn:turn.example.org:3478, turns:turn.example.org:443?transport=tcp",
        DILASA_TURN_SECRET="x" * 32,
        DILASA_TURN_TTL_SECONDS="7200",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "['stun:turn.example.org:3478'] ['turn:turn.example.org:3478', 'turns:turn.example.org:443?transport=tcp'] 7200"
    )


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"DILASA_TURN_URLS": "turn:turn.example.org:3478"}, "DILASA_TURN_URLS needs DILASA_TURN_SECRET"),
        ({"DILASA_STUN_URLS": "https://stun.example.org"}, "DILASA_STUN_URLS must hold comma-separated URLs"),
        ({"DILASA_STUN_URLS": "turn:x.example.org"}, "starting with stun:"),
        ({"DILASA_TURN_URLS": "stun:x.example.org", "DILASA_TURN_SECRET": "s"}, "starting with turn:, turns:"),
        ({"DILASA_TURN_URLS": "turns:", "DILASA_TURN_SECRET": "s"}, "DILASA_TURN_URLS must hold"),
        ({"DILASA_TURN_TTL_SECONDS": "10"}, "DILASA_TURN_TTL_SECONDS must be at least 60"),
    ],
)
def test_bad_values_stop_start_up_naming_the_variable(environ: dict[str, str], message: str) -> None:
    result = load_settings(**environ)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr
