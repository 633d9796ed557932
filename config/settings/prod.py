"""Production: every secret from the environment, HTTPS only, loud on anything unsafe."""

from django.core.exceptions import ImproperlyConfigured

from config.env import env
from config.settings.base import *  # noqa: F403
from config.settings.base import SECRET_KEY as _SECRET_KEY

DEBUG = False
if len(_SECRET_KEY) < 50 or _SECRET_KEY.startswith(("dev-only", "test-only")):
    raise ImproperlyConfigured("DILASA_SECRET_KEY must be set to a random value of at least 50 characters.")
SECRET_KEY = _SECRET_KEY
if not DATA_KEYS:
    raise ImproperlyConfigured("DILASA_DATA_KEYS must be set: clinical text is stored only encrypted.")

SECURE_SSL_REDIRECT = env.flag("DILASA_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.number("DILASA_HSTS_SECONDS", 60 * 60 * 24 * 365, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.flag("DILASA_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-dilasa_sid"
# HSTS preloading is a one-way decision for a domain: each deployment opts in with DILASA_HSTS_PRELOAD.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
