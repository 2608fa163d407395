"""A class's gradebook: every student's results per assignment, on a page and as a CSV download."""

from __future__ import annotations

import re

from flask import Response, render_template

from app.classroom.gradebook import gradebook, grades_csv
from app.extensions import db
from app.models import SchoolClass
from app.teach import bp
from app.teach.class_access import find_class
from app.teach.views import teacher_only


def download_name(school_class: SchoolClass) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", school_class.name.lower()).strip("-")[:60] or "class"
    return f"sourced-{slug}-grades.csv"


@bp.get("/classes/<int:class_id>/grades")
@teacher_only
def class_grades(class_id: int):
    school_class = find_class(class_id)
    return render_template(
        "teach/class_grades.html", school_class=school_class, book=gradebook(db.session, school_class)
    )


@bp.get("/classes/<int:class_id>/grades.csv")
@teacher_only
def grades_download(class_id: int):
    school_class = find_class(class_id)
    body = grades_csv(gradebook(db.session, school_class))
    return Response(
        "\ufeff" + body,  # a byte-order mark, so spreadsheet programs read UTF-8
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{download_name(school_class)}"'},
    )
