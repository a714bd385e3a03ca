"""Helpers shared by the concern-store tests (imported by module name: tests/ has no packages)."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.future import create_engine


def install_failing_trigger(url: str, table: str, when: str) -> None:
    """A real database-side failure in the middle of a transaction (no mocks)."""
    engine = create_engine(url, future=True)
    try:
        with engine.begin() as conn:
            if engine.dialect.name == "sqlite":
                conn.execute(text(
                    f"CREATE TRIGGER ssgp_fail {when} ON {table} "
                    "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
                ))
            else:
                conn.execute(text(
                    "CREATE OR REPLACE FUNCTION ssgp_test_fail() RETURNS trigger AS $$ "
                    "BEGIN RAISE EXCEPTION 'simulated failure'; END $$ LANGUAGE plpgsql"
                ))
                conn.execute(text(
                    f"CREATE TRIGGER ssgp_fail {when} ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION ssgp_test_fail()"
                ))
    finally:
        engine.dispose()
