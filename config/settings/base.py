"""Settings shared by every environment. Values come only from config.env."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.env import env

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env.text("DILASA_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env.flag("DILASA_DEBUG", False)
SECRET_KEY = env.text("DILASA_SECRET_KEY", "")  # each environment module decides what an empty key means
ALLOWED_HOSTS = env.items("DILASA_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.items("DILASA_CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env.text("DILASA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "daphne",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "channels",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "dilasa.core",
    "dilasa.accounts",
    "dilasa.consent",
    "dilasa.scheduling",
    "dilasa.audit",
    "dilasa.payments",
    "dilasa.directory",
    "dilasa.messaging",
    "dilasa.records",
    "dilasa.safety",
    "dilasa.outcomes",
    "dilasa.techniques",
    "dilasa.onboarding",
    "dilasa.training",
    "dilasa.live",
    "dilasa.rights",
    "dilasa.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "dilasa.core.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "dilasa.core.middleware.UserLocaleMiddleware",
    "dilasa.accounts.middleware.SessionLifetimeMiddleware",
    "dilasa.audit.origin.AuditOriginMiddleware",
    "dilasa.accounts.middleware.StaffTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
ASGI_APPLICATION = "config.asgi.application"
WSGI_APPLICATION = None

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "dilasa" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "dilasa.core.context_processors.site",
            ],
        },
    }
]

# --- Database ---------------------------------------------------------------
DATABASE_URL = env.url("DATABASE_URL", schemes=("sqlite", "postgres", "postgresql"))


def _database(url: str | None) -> dict[str, Any]:
    if url is None:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{VAR_DIR / 'dilasa.sqlite3'}"
    config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=0, conn_health_checks=True))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets readers run beside the writer; IMMEDIATE takes the write lock
        # at BEGIN, so two writers never interleave check-then-write.
        config["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
            "transaction_mode": "IMMEDIATE",
        }
    config["ATOMIC_REQUESTS"] = False
    return config


DATABASES = {"default": _database(DATABASE_URL)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: channel layer and cache -----------------------------------------
REDIS_URL = env.url("REDIS_URL", schemes=("redis", "rediss", "unix"))
REDIS_PREFIX = env.text("DILASA_REDIS_PREFIX", "dilasa")

if REDIS_URL:
    CHANNEL_LAYERS: dict[str, Any] = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [REDIS_URL], "prefix": f"{REDIS_PREFIX}:asgi"},
        }
    }
    CACHES: dict[str, Any] = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": REDIS_PREFIX,
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background tasks ---------------------------------------------------------
TASKS_BACKEND = env.choice("DILASA_TASKS_BACKEND", "immediate", ("immediate", "database"))
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TASKS_BACKEND == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}

# --- Auth ---------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "dilasa.accounts.backends.LoginIdentifierBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# NIST SP 800-63B: length and a blocklist, no composition rules, no rotation.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "dilasa.accounts.passwords.MaximumLengthValidator", "OPTIONS": {"max_length": 128}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("login", "display_name")},
    },
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

# Login throttling keyed on username + IP with a cool-off: never a permanent
# lock that an attacker could use to keep a client out before a session.
AXES_FAILURE_LIMIT = env.number("DILASA_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=env.number("DILASA_LOGIN_COOLOFF_MINUTES", 15, minimum=1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "dilasa.accounts.throttling.username_from_request"
AXES_LOCKOUT_CALLABLE = "dilasa.accounts.throttling.lockout_response"
AXES_IPWARE_PROXY_COUNT = env.number("DILASA_PROXY_COUNT", 0, minimum=0)
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Dilasa"
OTP_TOTP_THROTTLE_FACTOR = 1

# --- Sessions -----------------------------------------------------------------
SESSION_IDLE_SECONDS = env.number("DILASA_SESSION_IDLE_SECONDS", 30 * 60, minimum=60)
SESSION_ABSOLUTE_SECONDS = env.number("DILASA_SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60, minimum=60)
if SESSION_IDLE_SECONDS > SESSION_ABSOLUTE_SECONDS:
    raise ImproperlyConfigured("DILASA_SESSION_IDLE_SECONDS must not exceed DILASA_SESSION_ABSOLUTE_SECONDS.")
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_SECONDS
SESSION_EXPIRE_AT_BROWSER_CLOSE = True  # a shared phone forgets the sign-in with the browser
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "dilasa_sid"
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "dilasa.core.views.csrf_failure"

# --- Internationalisation -----------------------------------------------------
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Karachi"
LANGUAGE_CODE = "en"
LANGUAGE_COOKIE_NAME = "dilasa_lang"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "dilasa" / "locale"]
FORMAT_MODULE_PATH = ["dilasa.core.formats"]
# pnb: Punjabi in Shahmukhi. Not "pa-arab": gettext would fall back to Django's
# Gurmukhi "pa" catalogue, which a Shahmukhi reader cannot read.
LANGUAGES = [
    ("en", "English"),
    ("ur", "اردو"),
    ("pnb", "پنجابی"),
    ("sd", "سنڌي"),
    ("ps", "پښتو"),
]
LANGUAGES_BIDI = ["ur", "pnb", "sd", "ps", "ar", "fa", "he"]

# --- Static files -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.text("DILASA_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "dilasa" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365
WHITENOISE_MIMETYPES = {".webmanifest": "application/manifest+json"}

# --- Security headers ---------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "manifest-src": [SELF],
        "worker-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
PERMISSIONS_POLICY = "camera=(self), microphone=(self), geolocation=(), payment=(), usb=()"

# --- Email and SMS ------------------------------------------------------------
SMTP_URL = env.url("DILASA_SMTP_URL", schemes=("smtp", "smtps"))
DEFAULT_FROM_EMAIL = env.text("DILASA_FROM_EMAIL", "Dilasa <no-reply@dilasa.invalid>")
if SMTP_URL:
    from urllib.parse import unquote, urlsplit

    _smtp = urlsplit(SMTP_URL)
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _smtp.hostname or "localhost"
    EMAIL_PORT = _smtp.port or (465 if _smtp.scheme == "smtps" else 587)
    EMAIL_HOST_USER = unquote(_smtp.username or "")
    EMAIL_HOST_PASSWORD = unquote(_smtp.password or "")
    EMAIL_USE_SSL = _smtp.scheme == "smtps"
    EMAIL_USE_TLS = _smtp.scheme == "smtp" and EMAIL_PORT == 587
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
SMS_BACKEND = env.text("DILASA_SMS_BACKEND", "dilasa.core.sms.ConsoleSmsBackend")

# --- Encryption of clinical text (dilasa/core/crypto.py) -------------------------
# Keys live outside the database and the repository: "id:base64-of-32-bytes,..."
DATA_KEYS = env.text("DILASA_DATA_KEYS", "")
DATA_KEY_ID = env.text("DILASA_DATA_KEY_ID", "")
DATA_KEY_FILE: str | None = None  # development and tests only: a key kept in var/


# --- Live sessions: STUN/TURN for WebRTC (dilasa/live/turn.py) --------------------
def _ice_urls(name: str, schemes: tuple[str, ...]) -> list[str]:
    urls = env.items(name, [])
    for url in urls:
        if not url.startswith(schemes) or url in schemes:
            allowed = ", ".join(schemes)
            raise ImproperlyConfigured(f"{name} must hold comma-separated URLs starting with {allowed}, not {url!r}.")
    return urls


LIVE_STUN_URLS = _ice_urls("DILASA_STUN_URLS", ("stun:",))
LIVE_TURN_URLS = _ice_urls("DILASA_TURN_URLS", ("turn:", "turns:"))
# coturn's use-auth-secret: the shared static-auth-secret signs short-lived credentials.
LIVE_TURN_SECRET = env.text("DILASA_TURN_SECRET", "")
LIVE_TURN_TTL_SECONDS = env.number("DILASA_TURN_TTL_SECONDS", 3600, minimum=60)
if LIVE_TURN_URLS and not LIVE_TURN_SECRET:
    raise ImproperlyConfigured("DILASA_TURN_URLS needs DILASA_TURN_SECRET (coturn's static-auth-secret).")

# --- Payments: see dilasa/payments/backends.py (BACKENDS) ----------------------
PAYMENT_BACKEND = env.choice("DILASA_PAYMENT_BACKEND", "manual", ("manual",))

# --- Data rights: see dilasa/rights (erasure after a grace period, retention) ---
RIGHTS_ERASURE_GRACE_DAYS = env.number("DILASA_ERASURE_GRACE_DAYS", 30, minimum=1)
# Defaults for a clinic that has not set its own rule (its admin can, on the retention page).
RIGHTS_CLINICAL_RETENTION_YEARS = env.number("DILASA_CLINICAL_RETENTION_YEARS", 7, minimum=0)
RIGHTS_FINANCIAL_RETENTION_YEARS = env.number("DILASA_FINANCIAL_RETENTION_YEARS", 6, minimum=0)

# --- Logging: never log request bodies or clinical text -----------------------
DEFAULT_EXCEPTION_REPORTER_FILTER = "dilasa.core.errors.ConfidentialReporterFilter"
LOG_LEVEL = env.choice("DILASA_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR"))
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING", "propagate": True},
        "axes": {"level": "WARNING", "propagate": True},
        # The development server prints each request itself; do not print it twice.
        "django.channels.server": {"level": "WARNING", "propagate": True},
    },
}
