"""The Alembic migrations build exactly the schema the models describe, on SQLite and on PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from backend.db.migrate import upgrade_to_head
from backend.db.models import Base


def test_migrations_match_the_models(any_db_url: str) -> None:
    engine = create_engine(any_db_url)
    try:
        upgrade_to_head(engine)
        upgrade_to_head(engine)  # a second start finds nothing to do
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
            tables = set(inspect(conn).get_table_names())
        assert diff == [], f"models and migrations differ: {diff}"
        assert set(Base.metadata.tables) <= tables
    finally:
        engine.dispose()
