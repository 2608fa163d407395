"""A teacher's classes: details, the join code, students joining by code and being removed."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.models import ClassMember, SchoolClass, User
from app.models.classes import new_join_code

MAX_NAME = 120
MAX_DESCRIPTION = 2000
# What people type between the groups of a code, or copy along with it: spaces, hyphens and dashes, dots.
CODE_SEPARATORS = re.compile(r"[\s\-‐‑‒–—―−_.]+")
CODE_GROUP = 5
UNKNOWN_CODE = "No class is open to join with that code. Check the code with your teacher."


class ClassroomError(Exception):
    """A change the rules refuse: `problems` maps each form field to what to fix."""

    def __init__(self, problems: dict[str, str]):
        self.problems = problems
        super().__init__(" ".join(problems.values()))


def lock_row(session: Session, column, value) -> None:
    """Hold the row until commit (PostgreSQL), so two requests checking one rule run one after the other."""
    session.execute(select(column).where(column == value).with_for_update())


def check_details(
    session: Session, owner_id: int, name: str, description: str, school_class: SchoolClass | None = None
) -> dict[str, str]:
    problems = {}
    if not name:
        problems["name"] = "Give the class a name."
    elif len(name) > MAX_NAME:
        problems["name"] = f"Keep the name under {MAX_NAME} characters."
    else:
        same_name = select(SchoolClass.id).where(
            SchoolClass.owner_id == owner_id, func.lower(SchoolClass.name) == name.lower()
        )
        if school_class is not None:
            same_name = same_name.where(SchoolClass.id != school_class.id)
        if session.scalar(same_name) is not None:
            problems["name"] = f"You already have a class called “{name}”."
    if len(description) > MAX_DESCRIPTION:
        problems["description"] = f"Keep the description under {MAX_DESCRIPTION} characters."
    return problems


def create_class(session: Session, owner: User, *, name: str, description: str = "") -> SchoolClass:
    lock_row(session, User.id, owner.id)
    name, description = name.strip(), description.strip()
    problems = check_details(session, owner.id, name, description)
    if problems:
        raise ClassroomError(problems)
    school_class = SchoolClass(
        name=name, description=description, owner_id=owner.id, join_code=fresh_code(session)
    )
    session.add(school_class)
    session.flush()
    return school_class


def update_class(session: Session, school_class: SchoolClass, *, name: str, description: str = "") -> None:
    lock_row(session, User.id, school_class.owner_id)
    name, description = name.strip(), description.strip()
    problems = check_details(session, school_class.owner_id, name, description, school_class)
    if problems:
        raise ClassroomError(problems)
    school_class.name, school_class.description = name, description
    session.flush()


def fresh_code(session: Session) -> str:
    while True:
        code = new_join_code()
        if session.scalar(select(SchoolClass.id).where(SchoolClass.join_code == code)) is None:
            return code


def regenerate_code(session: Session, school_class: SchoolClass) -> str:
    """A new code: the old one stops working at once (students already in the class stay)."""
    school_class.join_code = fresh_code(session)
    session.flush()
    return school_class.join_code


def set_joining(school_class: SchoolClass, enabled: bool) -> None:
    school_class.join_enabled = enabled


def normalise_code(text: str) -> str:
    """What a student typed, as stored: "abcde-fghjk ", "ABCDE FGHJK" and "abcdefghjk" are one code."""
    return CODE_SEPARATORS.sub("", text or "").upper()


def display_code(code: str) -> str:
    """The code in groups, easier to read aloud and copy from a board: ABCDE-FGHJK."""
    return "-".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))


@dataclass(frozen=True)
class Joined:
    school_class: SchoolClass
    new: bool  # False when the student was already in the class (a second click, an old link)


def join_by_code(session: Session, user: User, typed_code: str) -> Joined:
    code = normalise_code(typed_code)
    if not code:
        raise ClassroomError({"code": "Enter the code your teacher gave you."})
    school_class = session.scalar(select(SchoolClass).where(SchoolClass.join_code == code))
    if school_class is None or not school_class.join_enabled:
        raise ClassroomError({"code": UNKNOWN_CODE})
    if school_class.owner_id == user.id:
        raise ClassroomError({"code": "You teach this class, so you cannot join it as a student."})
    if session.get(ClassMember, (school_class.id, user.id)) is not None:
        return Joined(school_class, False)
    class_id = school_class.id
    session.add(ClassMember(class_id=class_id, user_id=user.id))
    try:
        session.flush()
    except IntegrityError:  # the same student joined in another request a moment ago
        session.rollback()
        return Joined(session.get(SchoolClass, class_id), False)
    return Joined(school_class, True)


def remove_student(session: Session, school_class: SchoolClass, user_id: int) -> User:
    """Take a student out of the class; their attempts stay in their history (and in nobody's gradebook)."""
    member = session.scalar(
        select(ClassMember).where(ClassMember.class_id == school_class.id, ClassMember.user_id == user_id)
    )
    if member is None:
        raise LookupError(user_id)
    user = member.user
    session.delete(member)
    session.flush()
    return user
