"""What every request does was made cheaper; these check it still does the same thing."""

from flask import Flask, render_template_string, url_for
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from app.database import engine_options
from app.extensions import limiter
from app.rate_limits import skip_idle_rate_limit_check


def test_only_connections_to_a_server_are_pinged():
    assert engine_options("sqlite:///instance/sourced.db", {}) == {"pool_pre_ping": False}
    assert engine_options("postgresql+psycopg://u@h/db", {})["pool_pre_ping"] is True


def test_sourced_skips_the_rate_limit_check_it_has_no_shared_limit_for(app):
    assert limiter._check_request_limit not in app.before_request_funcs[None]


def fresh_limited_app(**limits) -> tuple[Flask, Limiter]:
    app = Flask("limited")
    app.config["RATELIMIT_STORAGE_URI"] = "memory://"
    fresh = Limiter(key_func=get_remote_address, **limits)
    fresh.init_app(app)
    return app, fresh


def test_default_limits_keep_the_rate_limit_check():
    app, fresh = fresh_limited_app(default_limits=["1 per minute"])
    app.add_url_rule("/", "index", lambda: "ok")
    skip_idle_rate_limit_check(app, fresh)
    client = app.test_client()
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 429


def test_a_blueprint_limit_keeps_the_rate_limit_check():
    from flask import Blueprint

    app, fresh = fresh_limited_app()
    limited = Blueprint("limited", __name__)
    limited.add_url_rule("/", "index", lambda: "ok")
    fresh.limit("1 per minute")(limited)
    app.register_blueprint(limited)
    skip_idle_rate_limit_check(app, fresh)
    client = app.test_client()
    assert client.get("/").status_code == 200
    assert client.get("/").status_code == 429


def test_without_shared_limits_the_check_is_dropped_and_decorated_limits_still_hold():
    app, fresh = fresh_limited_app()
    app.add_url_rule("/open", "open", lambda: "ok")
    app.add_url_rule("/guarded", "guarded", fresh.limit("1 per minute")(lambda: "ok"))
    skip_idle_rate_limit_check(app, fresh)
    assert fresh._check_request_limit not in app.before_request_funcs[None]
    client = app.test_client()
    assert [client.get("/open").status_code for _ in range(3)] == [200, 200, 200]
    assert [client.get("/guarded").status_code for _ in range(2)] == [200, 429]


def test_security_headers_are_added_unless_the_view_set_its_own(app, client):
    app.add_url_rule(
        "/own-policy", "own_policy", lambda: ("ok", {"Content-Security-Policy": "default-src *"})
    )
    page = client.get("/")
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY" and page.headers["X-Content-Type-Options"] == "nosniff"
    own = client.get("/own-policy")
    assert own.headers.getlist("Content-Security-Policy") == ["default-src *"]
    assert own.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_one_session_serializer_per_secret_key(app, client):
    sessions = app.session_interface
    assert sessions.get_signing_serializer(app) is sessions.get_signing_serializer(app)
    with client.session_transaction() as session:
        session["visitor_token"] = "abc"
    old_cookie = client.get_cookie("session").value
    app.secret_key = "a-new-secret"
    assert sessions.get_signing_serializer(app).secret_keys[-1] == b"a-new-secret"
    reader = app.test_client()
    reader.set_cookie("session", old_cookie)
    with reader.session_transaction() as session:
        assert "visitor_token" not in session  # signed with the old key: not trusted


def test_template_links_match_flask_for_every_kind_of_link(app):
    template = (
        "{{ url_for('static', filename='css/app.css') }}|{{ url_for('quiz.finish', attempt_id=7) }}"
        "|{{ url_for('.catalogue') }}|{{ url_for('main.home', _external=True) }}"
    )
    for base_url in ("http://one.example", "http://two.example/mounted"):
        for _ in range(2):  # the second time from what was kept
            with app.test_request_context("/quiz/", base_url=base_url):
                expected = "|".join(
                    [
                        url_for("static", filename="css/app.css"),
                        url_for("quiz.finish", attempt_id=7),
                        url_for(".catalogue"),
                        url_for("main.home", _external=True),
                    ]
                )
                assert render_template_string(template) == expected
    assert expected.startswith("/mounted/static/") and expected.endswith("http://two.example/mounted/")


def test_template_links_follow_url_defaults(app):
    with app.test_request_context("/"):
        assert render_template_string("{{ url_for('main.home') }}") == "/"
    app.url_defaults(
        lambda endpoint, values: values.setdefault("ref", "nav") if endpoint == "main.home" else None
    )
    with app.test_request_context("/"):
        assert render_template_string("{{ url_for('main.home') }}") == "/?ref=nav"


def test_template_links_to_static_files_are_kept_with_their_version(app):
    from app.url_memo import only_link_keeping_defaults

    assert only_link_keeping_defaults(app)  # the static-version callback does not stop links being kept
    with app.test_request_context("/"):
        first = render_template_string("{{ url_for('static', filename='css/app.css') }}")
        assert "?v=" in first
        assert render_template_string("{{ url_for('static', filename='css/app.css') }}") == first


def test_links_are_not_kept_when_debugging(tmp_path):
    from app import create_app

    debugging = create_app("development", {"SQLALCHEMY_DATABASE_URI": "sqlite://"}, str(tmp_path))
    assert debugging.jinja_env.globals["url_for"] == debugging.url_for
