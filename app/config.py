"""Configuration classes, read from the environment and the instance folder."""

import os
import secrets
from pathlib import Path


def database_url(instance_path: str) -> str:
    """`DATABASE_URL` if set (normalised to the psycopg 3 driver), else SQLite in the instance folder."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        return "sqlite:///" + str(Path(instance_path) / "sourced.db")
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def instance_secret_key(instance_path: str) -> str:
    """A development secret generated once and kept in the instance folder, never in the code."""
    path = Path(instance_path) / "secret_key"
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    path.touch(mode=0o600)
    path.write_text(key)
    return key


def env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_count(name: str, default: int) -> int:
    """A whole number ≥ 0 from the environment; anything else stops the app with a clear message."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not value.isdigit():
        raise RuntimeError(f"{name} must be a whole number (0 or more), not {value!r}")
    return int(value)


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = os.environ.get(name, "").strip() or default
    if value.lower() not in choices:
        raise RuntimeError(f"{name} must be one of {', '.join(choices)}, not {value!r}")
    return value.lower()


LOG_LEVELS = ("debug", "info", "warning", "error", "critical")


class Config:
    """Settings shared by every environment; `load` fills those read from the environment.

    A missing SECRET_KEY is resolved last (`fallback_secret_key`), after the instance folder's config.py and
    the caller's overrides have had their say.
    """

    MAX_CONTENT_LENGTH = 5 * 1024 * 1024
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = "10 per minute; 50 per hour"
    SIGNUP_RATE_LIMIT = "5 per minute; 20 per hour"
    API_RATE_LIMIT = "120 per minute; 3000 per hour"  # per access token
    JOIN_RATE_LIMIT = "10 per minute; 50 per hour"  # class codes tried by one address
    PASSWORD_HASH_METHOD = "scrypt"
    GZIP_MIN_BYTES = 500  # smaller responses gain nothing worth the CPU and the gzip header
    MAX_ARTICLE_BYTES = 1_000_000  # one uploaded article, for generating drafts
    SECRET_KEY: str | None = None
    SQLALCHEMY_DATABASE_URI: str | None = None

    @classmethod
    def load(cls, instance_path: str) -> dict:
        settings = {k: getattr(cls, k) for k in dir(cls) if k.isupper()}
        settings["SQLALCHEMY_DATABASE_URI"] = database_url(instance_path)
        settings["SECRET_KEY"] = os.environ.get("SECRET_KEY") or None
        settings["SESSION_COOKIE_SECURE"] = env_flag("SESSION_COOKIE_SECURE", cls.secure_cookies_by_default)
        settings["REMEMBER_COOKIE_SECURE"] = settings["SESSION_COOKIE_SECURE"]
        settings["RATELIMIT_STORAGE_URI"] = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
        settings["TRUSTED_PROXY_COUNT"] = env_count("TRUSTED_PROXY_COUNT", 0)
        settings["GZIP_RESPONSES"] = env_flag("GZIP_RESPONSES", True)
        settings["LOG_LEVEL"] = env_choice("LOG_LEVEL", LOG_LEVELS, "info")
        settings["LOG_FORMAT"] = env_choice("LOG_FORMAT", ("json", "text"), cls.log_format)
        settings["METRICS_TOKEN"] = os.environ.get("METRICS_TOKEN", "").strip() or None
        return settings

    secure_cookies_by_default = False
    log_format = "json"
    # Without METRICS_TOKEN, /metrics answers requests from this machine (loopback) only; in production
    # it is off until a token is set.
    METRICS_OPEN_ON_LOOPBACK = True

    @classmethod
    def fallback_secret_key(cls, instance_path: str) -> str:
        return instance_secret_key(instance_path)


class DevelopmentConfig(Config):
    DEBUG = True
    log_format = "text"


class TestingConfig(Config):
    TESTING = True
    WTF_CSRF_ENABLED = True
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # fast hashing: tests create many users

    @classmethod
    def fallback_secret_key(cls, instance_path: str) -> str:
        return "testing-only-secret"


class ProductionConfig(Config):
    secure_cookies_by_default = True
    METRICS_OPEN_ON_LOOPBACK = False

    @classmethod
    def fallback_secret_key(cls, instance_path: str) -> str:
        raise RuntimeError(
            "SECRET_KEY must be set in production (e.g. `export SECRET_KEY=$(openssl rand -hex 32)`)."
        )


CONFIGS = {"development": DevelopmentConfig, "testing": TestingConfig, "production": ProductionConfig}


def config_for(name: str | None) -> type[Config]:
    name = (name or os.environ.get("SOURCED_ENV") or "development").lower()
    try:
        return CONFIGS[name]
    except KeyError:
        raise RuntimeError(f"SOURCED_ENV must be one of {', '.join(CONFIGS)}, not {name!r}") from None
