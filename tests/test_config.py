"""Configuration: database URL, secret key handling, environments, the instance folder."""

import os
import stat

import pytest

from app import create_app
from app.config import database_url


@pytest.fixture
def clean_env(monkeypatch):
    for name in ("DATABASE_URL", "SECRET_KEY", "SOURCED_ENV", "SESSION_COOKIE_SECURE"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h:5432/db", "postgresql+psycopg://u@h:5432/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
    ],
)
def test_database_url_from_environment(clean_env, given, expected):
    clean_env.setenv("DATABASE_URL", given)
    assert database_url("/instance") == expected


def test_default_database_is_sqlite_in_instance_folder(clean_env, tmp_path):
    assert database_url(str(tmp_path)) == f"sqlite:///{tmp_path / 'sourced.db'}"


def make(tmp_path, name=None):
    return create_app(name, instance_path=str(tmp_path))


def test_development_secret_is_generated_once_into_instance(clean_env, tmp_path):
    first = make(tmp_path, "development")
    second = make(tmp_path, "development")
    key_file = tmp_path / "secret_key"
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"] == key_file.read_text()
    assert len(first.config["SECRET_KEY"]) == 64
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600


def test_secret_key_from_environment_wins(clean_env, tmp_path):
    clean_env.setenv("SECRET_KEY", "from-env")
    assert make(tmp_path, "development").config["SECRET_KEY"] == "from-env"
    assert not (tmp_path / "secret_key").exists()


def test_production_refuses_to_start_without_secret(clean_env, tmp_path):
    with pytest.raises(RuntimeError, match="SECRET_KEY must be set in production"):
        make(tmp_path, "production")


def test_production_with_secret_uses_secure_cookies(clean_env, tmp_path):
    clean_env.setenv("SECRET_KEY", "s3cret")
    app = make(tmp_path, "production")
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert not app.debug


def test_environment_chosen_by_sourced_env(clean_env, tmp_path):
    clean_env.setenv("SOURCED_ENV", "development")
    assert make(tmp_path).debug is True
    clean_env.setenv("SOURCED_ENV", "nonsense")
    with pytest.raises(RuntimeError, match="SOURCED_ENV must be one of"):
        make(tmp_path)


def test_instance_config_file_overrides_defaults(clean_env, tmp_path):
    (tmp_path / "config.py").write_text("MAX_CONTENT_LENGTH = 1234\n")
    assert make(tmp_path, "development").config["MAX_CONTENT_LENGTH"] == 1234
