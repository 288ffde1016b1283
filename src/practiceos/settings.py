"""Django settings for PracticeOS, read from environment variables.

One module, small typed helpers, no chains of imports. SQLite in the data directory by
default; PostgreSQL (or another SQLite file) through ``DATABASE_URL``.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str) -> str:
    """A string from the environment, or ``default`` when unset or blank."""
    value = os.environ.get(name, "").strip()
    return value or default


def env_bool(name: str, default: bool) -> bool:
    """A boolean from the environment: 1/true/yes/on are true, 0/false/no/off false."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    """A whole number from the environment; a clear error naming the variable otherwise."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f'{name}="{value}" is not a whole number') from None


def env_list(name: str, default: list[str]) -> list[str]:
    """A comma-separated list from the environment."""
    value = os.environ.get(name, "").strip()
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


DATA_DIR = Path(env_str("PRACTICEOS_DATA_DIR", str(Path.cwd() / "data"))).resolve()
# The embedded SQLite database and collected static files live here; create it on first use.
(DATA_DIR / "static").mkdir(parents=True, exist_ok=True)
DEBUG = env_bool("PRACTICEOS_DEBUG", False)
MIN_SECRET_KEY_LENGTH = 50
# The key that older versions used when none was set: refused outside debug.
KNOWN_DEV_KEY = "practiceos-dev-key-change-me-in-production"


def _create_secret_key(path: Path) -> None:
    """Write a new random key to ``path`` unless another process has just done so.

    Several processes may start at once on an empty data directory (a web server's
    workers, two commands). The key is written whole to a private temporary file and
    then linked into place, which fails if the name exists: no process ever reads a
    half-written key, and the first one linked is the key every process uses.
    """
    import secrets
    import tempfile

    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".secret-key-")
    try:
        with os.fdopen(fd, "w") as out:  # mkstemp makes the file readable by its owner only
            out.write(secrets.token_urlsafe(48))
            out.flush()
            os.fsync(out.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            pass  # another process won the race; its key is complete and is the one kept
        except OSError:
            # A file system without hard links: claim the name exclusively instead. The
            # key is one small write, so a process reading at the same moment waits for
            # it in _read_secret_key.
            try:
                claimed = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                return
            with os.fdopen(claimed, "w") as out:
                out.write(Path(temporary).read_text())
    finally:
        os.unlink(temporary)


def _read_secret_key(path: Path) -> str:
    """The key in ``path``, waiting briefly if another process has only just created it."""
    import time

    for _attempt in range(50):
        key = path.read_text().strip()
        if key:
            return key
        time.sleep(0.02)
    return key


def secret_key(data_dir: Path, debug: bool) -> str:
    """``PRACTICEOS_SECRET_KEY``, else the key kept in the data directory (generated on
    first run, readable by its owner only). Outside debug a short or known key stops the
    product from starting: sessions, CSRF tokens and password resets are signed with it.
    """
    key = os.environ.get("PRACTICEOS_SECRET_KEY", "").strip()
    source = "PRACTICEOS_SECRET_KEY"
    if not key:
        path = data_dir / "secret-key"
        source = str(path)
        if not path.exists():
            _create_secret_key(path)
        key = _read_secret_key(path)
    if not debug and (len(key) < MIN_SECRET_KEY_LENGTH or key == KNOWN_DEV_KEY):
        raise ImproperlyConfigured(
            f"The secret key from {source} has {len(key)} characters; with debug off "
            f"PracticeOS needs at least {MIN_SECRET_KEY_LENGTH} random characters "
            '(python -c "import secrets; print(secrets.token_urlsafe(48))")'
        )
    return key


SECRET_KEY = secret_key(DATA_DIR, DEBUG)
ALLOWED_HOSTS = env_list(
    "PRACTICEOS_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("PRACTICEOS_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "practiceos.tenancy",
    "practiceos.audit",
    "practiceos.org",
    "practiceos.roster",
    "practiceos.health",
    "practiceos.scorecards",
    "practiceos.web",
    "practiceos.jobs",
    "practiceos.rolecards",
    "practiceos.people",
    "practiceos.leadership",
    "practiceos.meetings",
    "practiceos.scenarios",
    "practiceos.processes",
    "practiceos.hiring",
    "practiceos.ops",
]

# Long work runs on the database task queue (django-tasks + django-tasks-db): the same on
# SQLite and PostgreSQL, where any number of `practiceos worker` processes share it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "practiceos.web.middleware.IdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "practiceos.urls"
WSGI_APPLICATION = "practiceos.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "practiceos.tenancy.context_processors.practice",
            ],
        },
    },
]

_default_db = f"sqlite:///{DATA_DIR / 'practiceos.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(env_str("DATABASE_URL", _default_db), conn_max_age=60)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while a long import writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"]["transaction_mode"] = "IMMEDIATE"
    # A page's write waits this long for a running import or load (which holds SQLite's
    # one write lock while it plans and writes) before giving up.
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["TEST"] = {"NAME": None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five failures lock the username+address pair for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_VERBOSE = False
AXES_ENABLED = env_bool("PRACTICEOS_AXES", True)

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("PRACTICEOS_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("PRACTICEOS_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# A session ends after this many seconds without a request (web.middleware renews it at
# most once a minute), so a login left open on a shared front-desk computer does not stay
# open.
SESSION_COOKIE_AGE = env_int("PRACTICEOS_SESSION_IDLE_SECONDS", 8 * 3600)
# Behind a TLS-terminating proxy (nginx, a load balancer) that sets X-Forwarded-Proto.
if env_bool("PRACTICEOS_BEHIND_TLS_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("PRACTICEOS_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("PRACTICEOS_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("PRACTICEOS_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("PRACTICEOS_HSTS_PRELOAD", False)
SECURE_REFERRER_POLICY = "same-origin"

# Content security policy (django-csp): scripts only from this site's static files (no
# inline scripts or event-handler attributes); inline <style> only with the per-response
# nonce; no plugins, no framing, forms post only here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# The Markdown documentation shown at /help/ (the repository's docs/ folder).
DOCS_DIR = Path(env_str("PRACTICEOS_DOCS_DIR", str(BASE_DIR.parent.parent / "docs")))

# Password-reset mails (and any other) through Django's email framework: printed on the
# console unless an SMTP host is set.
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("PRACTICEOS_EMAIL_HOST", "")
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = env_str("PRACTICEOS_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("PRACTICEOS_EMAIL_PORT", 587)
EMAIL_HOST_USER = env_str("PRACTICEOS_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("PRACTICEOS_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("PRACTICEOS_EMAIL_TLS", True)
DEFAULT_FROM_EMAIL = env_str("PRACTICEOS_EMAIL_FROM", "practiceos@localhost")

# Uploads (roster exports) up to 50 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 50 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("PRACTICEOS_LOG_LEVEL", "WARNING")},
}

# Seconds a second writer to a practice (import, load, publish) waits for the first.
PRACTICE_WRITER_WAIT = float(env_str("PRACTICEOS_WRITER_WAIT", "30"))

# Seconds after a change to the chart before the automatic health re-check runs: edits
# within the window share one check (docs/health-check.md). 0 turns automatic re-checks off.
HEALTH_RECHECK_DELAY = env_int("PRACTICEOS_RECHECK_DELAY", 60)
