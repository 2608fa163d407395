"""The models and the Alembic migrations describe the same schema, on SQLite and on PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from app.extensions import db
from tests.conftest import empty_database, make_app


def schema_differences(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        return compare_metadata(context, db.metadata)


def test_migrations_match_models(tmp_path):
    with empty_database(tmp_path) as url:
        app = make_app(url, tmp_path)
        try:
            with app.app_context():
                upgrade()
            assert schema_differences(app) == []
        finally:
            with app.app_context():
                db.engine.dispose()


def test_migrations_downgrade_to_empty_and_back(tmp_path):
    with empty_database(tmp_path) as url:
        app = make_app(url, tmp_path)
        try:
            with app.app_context():
                upgrade()
                downgrade(revision="base")
                assert set(db.inspect(db.engine).get_table_names()) <= {"alembic_version"}
                upgrade()
            assert schema_differences(app) == []
        finally:
            with app.app_context():
                db.engine.dispose()
