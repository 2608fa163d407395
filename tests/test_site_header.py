"""The site header is drawn once per set of values and kept (app/fragments.py); each visitor sees their own."""

import re

from tests.factories import UserFactory
from tests.helpers import login, logout


def header(page) -> str:
    html = page.get_data(as_text=True)
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def current_link(page) -> list[str]:
    return re.findall(r'aria-current="page">([^<]+)<', header(page))


def test_the_current_section_is_marked(client, seeded):
    assert current_link(client.get("/quiz/")) == ["Quizzes"]
    assert current_link(client.get("/articles/")) == ["Articles"]
    assert current_link(client.get("/auth/login")) == ["Log in"]
    assert current_link(client.get("/")) == []


def test_each_user_sees_their_own_name_and_role(client, db):
    teacher = UserFactory(email="t@example.org", display_name="Tess <Teacher>", role="teacher")
    student = UserFactory(email="s@example.org", display_name="Sam Student")
    login(client, teacher)
    shown = header(client.get("/quiz/"))
    assert "Tess &lt;Teacher&gt;" in shown and ">Teach<" in shown and "Log out" in shown
    login(client, student)
    shown = header(client.get("/quiz/"))
    assert "Sam Student" in shown and "Tess" not in shown and ">Teach<" not in shown
    logout(client)
    shown = header(client.get("/quiz/"))
    assert "Sam Student" not in shown and "Sign up" in shown and "Log out" not in shown


def test_a_renamed_user_sees_the_new_name(client, db):
    student = UserFactory(email="r@example.org", display_name="Old Name")
    login(client, student)
    assert "Old Name" in header(client.get("/quiz/"))
    student.display_name = "New Name"
    db.session.commit()
    login(client, student)
    assert "New Name" in header(client.get("/quiz/"))
