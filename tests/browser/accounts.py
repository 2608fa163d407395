"""Logging in and out of Sourced in Chromium, as the journeys do between a teacher's and a student's steps."""

PASSWORD = "correct horse battery staple"  # the factories' password


def settle(page) -> None:
    """Let the page's requests (the icon, the styles) finish before leaving it, so none is cut off."""
    page.wait_for_load_state("networkidle")


def log_in(page, server_url: str, email: str) -> None:
    page.goto(server_url + "/auth/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "/auth/login" not in page.url, "the log-in failed"


def log_out(page) -> None:
    settle(page)
    with page.expect_navigation():
        page.click("header >> text=Log out")
    settle(page)
