"""Settings for the test suite; the environment may still point at PostgreSQL and Redis."""

import os

from config.settings.base import *  # noqa: F403
from config.settings.base import SECRET_KEY as _SECRET_KEY

DEBUG = False
SECRET_KEY = _SECRET_KEY or "test-only-insecure-key-3b9f1d27c0"
# Argon2 at full cost makes the suite slow; tests prove behaviour, not cost.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATA_KEY_FILE = str(VAR_DIR / "test-data-keys.json")
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "dilasa.core.sms.LocmemSmsBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# A file, not SQLite's shared-cache memory database: tests of concurrent booking
# need the same WAL + BEGIN IMMEDIATE locking that production SQLite uses.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Never the developer's demo database, even by accident.
    DATABASES["default"]["NAME"] = str(VAR_DIR / "outside-a-test.sqlite3")
    # One file per process, so two test runs on one machine never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # One database per process here too: two runs (or two engineers) on one server never drop each other's.
    DATABASES["default"]["TEST"] = {"NAME": f"test_dilasa_{os.getpid()}"}
