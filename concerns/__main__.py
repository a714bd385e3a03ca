"""Operator commands: ``python -m concerns migrate`` and ``python -m concerns purge [--days N]``.

The database comes from DATABASE_URL (default: an SQLite file in SSGP_VAR_DIR) and the retention
period from CONCERN_RETENTION_DAYS, both read through ``ssgp_settings.get_settings()``. Only this
command-line entry point reads settings; the library itself takes the URL as a plain value.
"""

from __future__ import annotations

import argparse
import sys

from concerns.db import make_engine, migrate_engine
from concerns.errors import StoreUnavailable
from concerns.retention import purge


def _redacted_url(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def main(argv: list[str] | None = None) -> int:
    from ssgp_settings import get_settings

    parser = argparse.ArgumentParser(prog="python -m concerns", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="create or upgrade the concern store's tables")
    p_purge = sub.add_parser("purge", help="delete concerns older than the retention period")
    p_purge.add_argument(
        "--days", type=int, default=None,
        help="delete concerns received more than this many days ago (default CONCERN_RETENTION_DAYS)",
    )
    args = parser.parse_args(argv)

    settings = get_settings()
    url = settings.database_url
    try:
        engine = make_engine(url)
        try:
            migrate_engine(engine)
            if args.command == "migrate":
                print(f"concern store is up to date ({_redacted_url(url)})")
                return 0
            days = settings.concern_retention_days if args.days is None else args.days
            if days < 0:
                print("--days must be zero or more", file=sys.stderr)
                return 2
            result = purge(engine, days)
            print(
                f"deleted {result.concerns} concerns received before {result.cutoff.isoformat()} "
                f"({result.additions} additions, {result.notes} notes, "
                f"{result.audit_entries} audit entries, {result.sessions} expired sessions)"
            )
            return 0
        finally:
            engine.dispose()
    except StoreUnavailable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
