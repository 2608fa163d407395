"""Sourced: quizzes and flashcards whose every answer cites the sentence of the article it comes from."""

from __future__ import annotations

from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from app.config import config_for
from app.database import engine_options
from app.extensions import csrf, db, limiter, login_manager, migrate


def create_app(
    config_name: str | None = None, overrides: dict | None = None, instance_path: str | None = None
) -> Flask:
    """The app factory: configuration, logging, extensions, blueprints, error pages, response headers, CLI,
    in that order."""
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    configure(app, config_name, overrides)
    configure_logging(app)
    register_request_log(app)
    register_extensions(app)
    register_blueprints(app)
    trim_rate_limit_check(app)
    register_error_pages(app)
    register_template_helpers(app)
    register_static_assets(app)
    register_compression(app)
    register_security_headers(app)
    register_commands(app)
    trust_proxy_headers(app)
    return app


def configure(app: Flask, config_name: str | None, overrides: dict | None) -> None:
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    config_class = config_for(config_name)
    app.config.from_mapping(config_class.load(app.instance_path))
    app.config.from_pyfile("config.py", silent=True)  # deployment settings kept in the instance folder
    app.config.setdefault("SEEDS_DIR", str(Path(app.root_path).parent / "seeds"))
    app.config.setdefault("QUESTIONS_DIR", str(Path(app.root_path).parent / "questions"))
    app.config.update(overrides or {})
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = engine_options(
        app.config["SQLALCHEMY_DATABASE_URI"], app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {})
    )
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = config_class.fallback_secret_key(app.instance_path)


def configure_logging(app: Flask) -> None:
    from app.observability.logs import configure_logging

    configure_logging(app)


def register_request_log(app: Flask) -> None:
    """Request ids, the log line and the metrics; first, so that they see every request (Flask runs
    before_request hooks in order, after_request hooks in reverse)."""
    from app.observability.request_log import register

    register(app)


def register_extensions(app: Flask) -> None:
    from app.session_cookies import SessionCookies

    app.session_interface = SessionCookies()
    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(app.root_path).parent / "migrations"))
    csrf.init_app(app)
    from app.csrf_tokens import register as sign_csrf_tokens_once

    sign_csrf_tokens_once(app)
    login_manager.init_app(app)
    limiter.init_app(app)
    from app.database import enable_sqlite_foreign_keys

    enable_sqlite_foreign_keys(app)
    from app.observability.metrics import watch_connection_pool

    with app.app_context():
        watch_connection_pool(db.engine)


def register_blueprints(app: Flask) -> None:
    from app.api import bp as api_bp
    from app.api.openapi import API_PREFIX
    from app.articles import bp as articles_bp
    from app.auth import bp as auth_bp
    from app.main import bp as main_bp
    from app.observability import bp as observability_bp
    from app.progress import bp as progress_bp
    from app.quiz import bp as quiz_bp
    from app.review import bp as review_bp
    from app.teach import bp as teach_bp

    app.register_blueprint(main_bp)
    app.register_blueprint(observability_bp)
    app.register_blueprint(articles_bp, url_prefix="/articles")
    app.register_blueprint(auth_bp, url_prefix="/auth")
    app.register_blueprint(quiz_bp, url_prefix="/quiz")
    app.register_blueprint(progress_bp, url_prefix="/progress")
    app.register_blueprint(teach_bp, url_prefix="/teach")
    app.register_blueprint(review_bp, url_prefix="/review")
    app.register_blueprint(api_bp, url_prefix=API_PREFIX)


def trim_rate_limit_check(app: Flask) -> None:
    from app.rate_limits import skip_idle_rate_limit_check

    skip_idle_rate_limit_check(app, limiter)


def register_error_pages(app: Flask) -> None:
    from app.errors import register

    register(app)


def register_template_helpers(app: Flask) -> None:
    from app.articles.links import reader_url
    from app.fragments import register as register_fragments
    from app.url_memo import remembering_url_for

    app.jinja_env.globals["reader_url"] = reader_url
    app.jinja_env.globals["url_for"] = remembering_url_for(app)
    register_fragments(app)


def register_static_assets(app: Flask) -> None:
    from app.assets import register

    register(app)


def register_compression(app: Flask) -> None:
    from app.compression import register

    register(app)


def register_security_headers(app: Flask) -> None:
    from app.security import add_security_headers

    app.after_request(add_security_headers)


def register_commands(app: Flask) -> None:
    from app.articles import bp as articles_bp
    from app.auth.cli import users_cli
    from app.bank.cli import questions_cli
    from app.database import schema_guard
    from app.review.cli import review_cli
    from app.seeding import seed_command

    # Commands that need the tables say "run flask db upgrade" instead of failing on a missing table;
    # those that work from files alone are exempt.
    articles_bp.cli.callback = schema_guard("quotes")
    questions_cli.callback = schema_guard("check")
    users_cli.callback = schema_guard()
    review_cli.callback = schema_guard()
    app.cli.add_command(seed_command)
    app.cli.add_command(questions_cli)
    app.cli.add_command(users_cli)
    app.cli.add_command(review_cli)


def trust_proxy_headers(app: Flask) -> None:
    """Behind TRUSTED_PROXY_COUNT reverse proxies, take the client's address, scheme and host from their
    X-Forwarded-* headers (each proxy appends one hop). With none (the default) those headers are ignored,
    since anybody could send them."""
    hops = app.config["TRUSTED_PROXY_COUNT"]
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
