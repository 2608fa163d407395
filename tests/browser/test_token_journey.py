"""Access tokens in Chromium: make one from the account page with the keyboard, copy it, use it against the
API, and revoke it — on a desktop and a phone screen."""

import os
import shutil
import urllib.request

import pytest
from sqlalchemy import select

from app.models import ApiToken
from tests.browser.accounts import log_in

pytestmark = pytest.mark.browser


def press_and_wait(page, key: str) -> None:
    with page.expect_navigation():
        page.keyboard.press(key)


def api_status(url: str, token: str) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 390, "height": 844}], ids=["desktop", "phone"]
)
def test_token_journey(app, db, student, server_url, browser, tmp_path, viewport):
    context = browser.new_context(viewport=viewport)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server_url)
    page = context.new_page()
    problems = []
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    shots = tmp_path / str(viewport["width"])
    shots.mkdir()

    log_in(page, server_url, student.email)
    page.goto(server_url + "/auth/account")
    page.screenshot(path=str(shots / "account.png"), full_page=True)

    page.locator("#name").focus()
    page.keyboard.type("Phone app")
    page.get_by_label("Read and write", exact=False).check()
    page.locator("#name").focus()
    press_and_wait(page, "Enter")
    token_box = page.locator("#new-token")
    secret = token_box.input_value()
    assert secret.startswith("src_")
    assert page.evaluate("document.activeElement.id") == "new-token"  # ready to copy
    copy = page.get_by_role("button", name="Copy")
    assert copy.is_visible()
    copy.click()
    assert page.evaluate("navigator.clipboard.readText()") == secret
    assert "Copied" in page.locator("[data-copy-status]").inner_text()
    page.screenshot(path=str(shots / "token-created.png"), full_page=True)
    assert api_status(server_url + "/api/v1/progress", secret) == 200

    page.goto(server_url + "/auth/account")
    assert secret not in page.content()
    page.get_by_role("button", name="Revoke the token Phone app").focus()
    press_and_wait(page, "Enter")
    assert "is revoked" in page.locator(".flashes").inner_text()
    page.screenshot(path=str(shots / "token-revoked.png"), full_page=True)
    assert db.session.scalar(select(ApiToken.revoked_at)) is not None
    assert api_status(server_url + "/api/v1/progress", secret) == 401
    assert problems == []

    keep = os.environ.get("SOURCED_SCREENSHOTS")  # a folder to keep the screenshots in, to look at them
    if keep:
        shutil.copytree(shots, os.path.join(keep, shots.name), dirs_exist_ok=True)
    context.close()
