"""One machine, zero setup: SQLite, in-memory channel layer, console email and SMS."""

from config.env import env
from config.settings.base import *  # noqa: F403
from config.settings.base import SECRET_KEY as _SECRET_KEY
from config.settings.base import VAR_DIR

DEBUG = env.flag("DILASA_DEBUG", True)
# A fixed key is fine for a local demo database and nowhere else (prod refuses it).
SECRET_KEY = _SECRET_KEY or "dev-only-insecure-key-never-use-in-production-6f0c1a"
DATA_KEY_FILE = str(VAR_DIR / "data-keys.json")  # made on first use, never committed
