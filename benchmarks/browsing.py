"""A cheap simulated browser over http.client: cookies, timed requests, the forms of a page read from HTML.

Each request opens its own connection (gunicorn's sync workers close every connection after the response),
follows no redirects, and raises on a connection error: the caller decides what an unknown outcome means.
"""

from __future__ import annotations

import http.client
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

TIMEOUT_SECONDS = 15.0


@dataclass(frozen=True)
class Reply:
    method: str
    path: str
    status: int
    location: str  # the redirect's path and query, "" when none
    body: str
    seconds: float

    @property
    def redirected(self) -> bool:
        return self.status in (301, 302, 303)


@dataclass
class Form:
    """A form's action and what a browser would send: hidden and filled-in values, radio and select
    options, text boxes (by name), submit buttons (name, value)."""

    action: str
    id: str = ""
    values: dict[str, str] = field(default_factory=dict)
    options: dict[str, list[str]] = field(default_factory=dict)
    text_boxes: list[str] = field(default_factory=list)
    buttons: list[tuple[str, str]] = field(default_factory=list)


class FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form":
            self._form = Form(action=a.get("action", ""), id=a.get("id", ""))
            self.forms.append(self._form)
            return
        form, name = self._form, a.get("name")
        if form is not None and tag == "option" and self._select:
            form.options[self._select].append(a.get("value", ""))
        if form is None or not name:
            return
        kind = a.get("type", "text")
        if tag == "input" and kind == "hidden":
            form.values[name] = a.get("value", "")
        elif tag == "input" and kind == "radio":
            form.options.setdefault(name, []).append(a.get("value", ""))
        elif tag == "button" or (tag == "input" and kind == "submit"):
            form.buttons.append((name, a.get("value", "")))
        elif tag in ("input", "textarea") and kind not in ("checkbox", "file"):
            form.text_boxes.append(name)
        elif tag == "select":
            self._select = name
            form.options.setdefault(name, [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_in(html: str) -> list[Form]:
    reader = FormReader()
    reader.feed(html)
    return reader.forms


def find_form(html: str, key: str, *, having: str | None = None) -> Form | None:
    """The page's first form whose id or action is `key` (and, if given, with a field named `having`)."""
    for form in forms_in(html):
        fields = {*form.values, *form.options, *form.text_boxes}
        if key in (form.id, form.action) and (having is None or having in fields):
            return form
    return None


class Browser:
    """One simulated user: their cookies, and every reply's timing."""

    def __init__(self, port: int, *, timeout: float = TIMEOUT_SECONDS) -> None:
        self.port = port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    def copy(self) -> Browser:
        """A second tab: the same cookies, its own connections."""
        tab = Browser(self.port, timeout=self.timeout)
        tab.cookies = dict(self.cookies)
        return tab

    def get(self, path: str) -> Reply:
        return self.request("GET", path)

    def post(self, path: str, form: dict[str, str]) -> Reply:
        return self.request("POST", path, form)

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Reply:
        headers = {"Accept": "text/html"}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        seconds = time.perf_counter() - started
        self.remember(response.headers.get_all("Set-Cookie") or [])
        location = urlsplit(response.headers.get("Location", ""))
        target = location.path + (f"?{location.query}" if location.query else "")
        return Reply(method, path, response.status, target, text, seconds)

    def remember(self, set_cookies: list[str]) -> None:
        for header in set_cookies:
            pair, _, attributes = header.partition(";")
            name, _, value = pair.strip().partition("=")
            expired = "max-age=0" in attributes.lower().replace(" ", "") or "1970" in attributes
            if expired or not value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
