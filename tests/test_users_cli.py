"""`flask users create|list`: accounts made from the command line."""

import json

from sqlalchemy import select

from app.models import User

PASSWORD = "quiet river stones"


def stored(db, email: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))


def test_create_with_piped_password(app, runner, db):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "Teacher@Example.org",
            "--role",
            "teacher",
            "--name",
            "Tess Teacher",
            "--password-stdin",
        ],
        input=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    user = stored(db, "teacher@example.org")
    assert result.output.strip() == f"Created teacher teacher@example.org (Tess Teacher), id {user.id}."
    assert user.role == "teacher" and user.display_name == "Tess Teacher"
    assert user.check_password(PASSWORD) and user.password_hash.startswith(app.config["PASSWORD_HASH_METHOD"])


def test_create_prompts_twice_and_defaults_to_student(runner, db):
    result = runner.invoke(args=["users", "create", "sam@example.org"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "Password:" in result.output and "Repeat the password:" in result.output
    assert PASSWORD not in result.output  # hidden input
    user = stored(db, "sam@example.org")
    assert user.role == "student" and user.display_name == "sam"


def test_create_prompt_asks_again_after_a_weak_or_mismatched_password(runner, db):
    typed = f"password123\n{PASSWORD}\nsomething else\n{PASSWORD}\n{PASSWORD}\n"
    result = runner.invoke(args=["users", "create", "sam@example.org"], input=typed)
    assert result.exit_code == 0, result.output
    assert "one of the most common" in result.output
    assert "do not match" in result.output
    assert stored(db, "sam@example.org").check_password(PASSWORD)


def test_create_duplicate_email_fails_with_one_line(runner, db, student):
    result = runner.invoke(
        args=["users", "create", "STUDENT@example.org", "--password-stdin"], input=PASSWORD + "\n"
    )
    assert result.exit_code == 1
    assert result.output.strip() == "Error: a user with email student@example.org already exists"


def test_create_rejects_a_weak_piped_password(runner, db):
    result = runner.invoke(
        args=["users", "create", "sam@example.org", "--password-stdin"], input="password123\n"
    )
    assert result.exit_code == 1
    assert "one of the most common" in result.output
    assert stored(db, "sam@example.org") is None


def test_create_rejects_a_bad_email(runner, db):
    result = runner.invoke(
        args=["users", "create", "not-an-email", "--password-stdin"], input=PASSWORD + "\n"
    )
    assert result.exit_code == 2
    assert "Enter an email address like name@example.org." in result.output


def test_create_bad_role_is_a_usage_error(runner, db):
    result = runner.invoke(
        args=["users", "create", "x@example.org", "--role", "wizard", "--password-stdin"],
        input=PASSWORD + "\n",
    )
    assert result.exit_code == 2
    assert "'wizard' is not one of 'student', 'teacher', 'admin'" in result.output
    assert stored(db, "x@example.org") is None


def test_list_json_and_table(runner, db, student):
    runner.invoke(
        args=["users", "create", "admin@example.org", "--role", "admin", "--password-stdin"],
        input=PASSWORD + "\n",
    )
    rows = json.loads(runner.invoke(args=["users", "list", "--format", "json"]).output)
    assert [(r["email"], r["role"], r["display_name"]) for r in rows] == [
        ("student@example.org", "student", "Sam Student"),
        ("admin@example.org", "admin", "admin"),
    ]
    assert rows[0]["last_login_at"] is None and rows[0]["created_at"]
    table = runner.invoke(args=["users", "list"]).output
    assert "admin@example.org" in table and "Sam Student" in table and "2 user(s)." in table


def test_list_when_empty_says_how_to_create(runner, db):
    result = runner.invoke(args=["users", "list"])
    assert result.exit_code == 0
    assert "flask users create EMAIL" in result.output
