"""Reviewer accounts: ``python -m bot users <command>``.

    python -m bot users add --role reviewer USERNAME      # prompts for the password twice
    echo "$PASSWORD" | python -m bot users add --role admin USERNAME --password-stdin
    python -m bot users list
    python -m bot users passwd USERNAME [--password-stdin]
    python -m bot users role USERNAME admin|reviewer
    python -m bot users disable USERNAME | enable USERNAME | delete USERNAME

There are no default accounts. Changing a password, role or disabling an account ends its
sessions. The database is the concern store (DATABASE_URL, default SQLite in SSGP_VAR_DIR).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from concerns import accounts
from concerns.db import make_engine, migrate_engine
from concerns.errors import ConcernError
from ssgp_settings import get_settings


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    first = getpass.getpass("Password: ")
    second = getpass.getpass("Password again: ")
    if first != second:
        raise accounts.AccountError("the two passwords differ")
    return first


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot users", description="Manage reviewer accounts.")
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="create an account")
    add.add_argument("username")
    add.add_argument("--role", choices=accounts.ROLES, default="reviewer")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    sub.add_parser("list", help="list accounts")
    passwd = sub.add_parser("passwd", help="set a new password (ends the account's sessions)")
    passwd.add_argument("username")
    passwd.add_argument("--password-stdin", action="store_true")
    role = sub.add_parser("role", help="change an account's role")
    role.add_argument("username")
    role.add_argument("role", choices=accounts.ROLES)
    for name, text in (("disable", "stop an account signing in"), ("enable", "allow it again"),
                       ("delete", "delete an account")):
        p = sub.add_parser(name, help=text)
        p.add_argument("username")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    engine = None
    try:
        engine = make_engine(get_settings().database_url)
        migrate_engine(engine)
        if args.command == "add":
            accounts.check_username(args.username)
            password = _read_password(args.password_stdin)
            created = accounts.create_reviewer(engine, args.username, password, args.role)
            print(f"created {created.role} account {created.username!r}")
        elif args.command == "list":
            for r in accounts.list_reviewers(engine):
                print(f"{r.username}\t{r.role}\t{'disabled' if r.disabled else 'active'}")
        elif args.command == "passwd":
            accounts.set_password(engine, args.username, _read_password(args.password_stdin))
            print(f"password changed for {accounts.normalise_username(args.username)!r}")
        elif args.command == "role":
            accounts.set_role(engine, args.username, args.role)
            print(f"{accounts.normalise_username(args.username)!r} is now {args.role}")
        elif args.command in ("disable", "enable"):
            accounts.set_disabled(engine, args.username, args.command == "disable")
            print(f"{accounts.normalise_username(args.username)!r} {args.command}d")
        elif args.command == "delete":
            accounts.delete_reviewer(engine, args.username)
            print(f"deleted {accounts.normalise_username(args.username)!r}")
        return 0
    except ConcernError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except (KeyboardInterrupt, EOFError):
        print("cancelled", file=sys.stderr)
        return 1
    finally:
        if engine is not None:
            engine.dispose()


if __name__ == "__main__":
    raise SystemExit(main())
