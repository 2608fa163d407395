"""Parts of every page drawn once and kept: the stylesheet links and the site header.

What they show depends on a handful of values only (the section of the site a page is in; whether someone is
signed in, their name, whether they teach, the log-out form's CSRF token), yet drawing their dozen links and
conditions for every page was the largest part of rendering a short page such as a quiz question. Each is
drawn from its own template with exactly those values, which are also what it is kept under.
"""

from __future__ import annotations

from flask import current_app, request
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from app.caching import BoundedCache

FRAGMENTS_KEPT = 2048  # a kilobyte or two each; a signed-in user's header is theirs alone (name, token)


def fragment(template_name: str, **values: str | bool) -> Markup:
    """`template_name` rendered with `values` (and the template globals, such as `url_for`), kept for the
    same values; drawn afresh each time while templates reload on change (development)."""
    app = current_app
    if app.jinja_env.auto_reload:
        return draw(template_name, values)
    key = (template_name, request.script_root, *sorted(values.items()))
    kept: BoundedCache[Markup] = app.extensions["page_fragments"]
    return kept.get(key, lambda: draw(template_name, values))


def draw(template_name: str, values: dict) -> Markup:
    return Markup(current_app.jinja_env.get_template(template_name).render(values))


def site_header(with_user: bool = True) -> Markup:
    """The brand, the main navigation (the current section marked) and the account menu; `with_user=False`
    leaves out what needs the user looked up (the Teach link and the account menu), for pages drawn while
    the database is out of reach."""
    endpoint = request.endpoint or ""
    signed_in = with_user and current_user.is_authenticated
    return fragment(
        "_site_header.html",
        section=endpoint.partition(".")[0] if "." in endpoint else "",
        account_page=endpoint if endpoint.startswith("auth.") else "",
        with_user=with_user,
        signed_in=signed_in,
        teacher=signed_in and current_user.is_teacher,
        name=current_user.display_name if signed_in else "",
        csrf_token=generate_csrf() if signed_in else "",
    )


def register(app) -> None:
    app.extensions["page_fragments"] = BoundedCache(FRAGMENTS_KEPT)
    app.jinja_env.globals.update(fragment=fragment, site_header=site_header)
