"""Settings come from the environment through one typed reader that fails loudly on bad values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import Env

ROOT = Path(__file__).resolve().parents[3]


def test_values_are_parsed_to_their_types() -> None:
    env = Env({"B": "yes", "I": "42", "L": "a, b,,c", "U": "redis://127.0.0.1:6379/0", "C": "database"})
    assert env.flag("B", False) is True
    assert env.number("I", 0) == 42
    assert env.items("L", []) == ["a", "b", "c"]
    assert env.url("U", schemes=("redis",)) == "redis://127.0.0.1:6379/0"
    assert env.choice("C", "immediate", ("immediate", "database")) == "database"


def test_missing_values_take_their_defaults() -> None:
    env = Env({})
    assert env.flag("B", True) is True
    assert env.number("I", 7) == 7
    assert env.items("L", ["x"]) == ["x"]
    assert env.url("U", schemes=("redis",)) is None


@pytest.mark.parametrize(
    ("environ", "call", "message"),
    [
        ({"B": "maybe"}, lambda e: e.flag("B", False), "B must be true or false"),
        ({"I": "ten"}, lambda e: e.number("I", 1), "I must be a whole number"),
        ({"I": "-1"}, lambda e: e.number("I", 1, minimum=0), "I must be at least 0"),
        ({"U": "mysql://x"}, lambda e: e.url("U", schemes=("postgres",)), "U must be a URL starting with postgres://"),
        ({"C": "celery"}, lambda e: e.choice("C", "a", ("a", "b")), "C must be one of a, b"),
        ({}, lambda e: e.text("S"), "S must be set"),
    ],
)
def test_bad_values_stop_start_up_with_a_message_naming_the_variable(environ, call, message) -> None:
    with pytest.raises(ImproperlyConfigured, match=message):
        call(Env(environ))


def run_check(settings_module: str, **extra: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("DILASA_", "DATABASE_URL", "REDIS_URL"))}
    environ.update({"DJANGO_SETTINGS_MODULE": settings_module, **extra})
    return subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=environ, capture_output=True, text=True, check=False
    )


def test_production_refuses_to_start_without_a_real_secret_key() -> None:
    result = run_check("config.settings.prod")
    assert result.returncode != 0
    assert "DILASA_SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("DATABASE_URL", "mysql://db/dilasa"),
        ("REDIS_URL", "http://cache"),
        ("DILASA_SESSION_IDLE_SECONDS", "soon"),
        ("DILASA_TASKS_BACKEND", "celery"),
        ("DILASA_DEBUG", "perhaps"),
    ],
)
def test_a_bad_variable_stops_the_app_with_its_name(variable: str, value: str) -> None:
    result = run_check("config.settings.dev", **{variable: value})
    assert result.returncode != 0
    assert variable in result.stderr


def test_production_starts_with_a_real_key() -> None:
    key = "k1:" + "A" * 43 + "="
    result = run_check(
        "config.settings.prod", DILASA_SECRET_KEY="k" * 64, DILASA_ALLOWED_HOSTS="dilasa.example", DILASA_DATA_KEYS=key
    )
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_a_data_key() -> None:
    result = run_check("config.settings.prod", DILASA_SECRET_KEY="k" * 64, DILASA_ALLOWED_HOSTS="dilasa.example")
    assert result.returncode != 0
    assert "DILASA_DATA_KEYS must be set" in result.stderr
