"""Command line for staff and CI: search, validate, stale, convert-dates, export-csv, oruk-json, tokens."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path

from services_directory import oruk
from services_directory.cards import card_text, format_card
from services_directory.convert_dates import convert_folder
from services_directory.directory import load_directory, validate_directory
from services_directory.export import write_package
from services_directory.loader import DEFAULT_RECORDS, DirectoryError, read_directory
from services_directory.open_items import OPEN_ITEMS_PATH, describe, load_open_items, open_only
from services_directory.staleness import never_confirmed, staleness_report


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m services_directory", description=__doc__)
    parser.add_argument("--records", type=Path, default=None, help="records folder (default: bundled records)")
    parser.add_argument(
        "--open-items", type=Path, default=OPEN_ITEMS_PATH, help="open items file (default: the bundled one)"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    search = sub.add_parser("search", help="search like the assistant does and print cards")
    search.add_argument("text", nargs="?", default=None, help="free text, e.g. 'cuckooing'")
    search.add_argument("--need", help="need key, e.g. domestic-abuse")
    search.add_argument("--area", help="ward, place or postcode, e.g. Kingsholm or GL1")
    search.add_argument("--audience", help="women, men, lgbt, young-people, children, parents, professionals")
    search.add_argument("--age", type=int)
    search.add_argument("--open-now", action="store_true")
    search.add_argument("--at", type=datetime.fromisoformat, help="pretend it is this time (ISO, London time)")
    search.add_argument("--limit", type=int, default=3)

    sub.add_parser("validate", help="check every record; exit 1 on any problem")

    stale = sub.add_parser("stale", help="records to re-check")
    stale.add_argument("--days", type=int, default=180, help="flag records whose freshest date is over N days old")
    stale.add_argument("--today", type=date.fromisoformat, default=None)
    stale.add_argument(
        "--dates-only", action="store_true", help="dates only: leave out unverified facts and open items"
    )

    convert = sub.add_parser(
        "convert-dates", help="rewrite old 'assured_date' lines as information_date (safe to re-run)"
    )
    convert.add_argument("--dry-run", action="store_true", help="list what would change, write nothing")

    export = sub.add_parser("export-csv", help="write the ORUK tabular data package (CSV + datapackage.json)")
    export.add_argument("outdir", type=Path)

    one = sub.add_parser("oruk-json", help="print fully nested ORUK JSON (one record or all)")
    one.add_argument("key", nargs="?")

    sub.add_parser("tokens", help="print the contact tokens the assistant's answers use")
    return parser


def main(argv: list[str] | None = None) -> int:  # noqa: C901 - one plain branch per subcommand reads best
    args = _parser().parse_args(argv)
    if args.command == "convert-dates":
        return _convert(args.records or DEFAULT_RECORDS, args.dry_run)
    if args.command == "validate":
        count, errors = validate_directory(args.records)
        errors += _open_item_errors(args.records, args.open_items)
        for line in errors:
            print(line, file=sys.stderr)
        print(f"{count} records valid, {len(errors)} problem(s)")
        return 1 if errors else 0
    try:
        directory = load_directory(args.records)
    except DirectoryError as exc:
        print("The records have problems; run 'validate' for the full list:", file=sys.stderr)
        print(str(exc), file=sys.stderr)
        return 1
    if args.command == "search":
        results = directory.search(
            need=args.need,
            text=args.text,
            area=args.area,
            audience=args.audience,
            age=args.age,
            open_now=args.open_now,
            now=args.at,
            limit=args.limit,
        )
        if results.note:
            print(f"Note: {results.note}\n")
        for service in results.items:
            print(card_text(format_card(service, args.at)))
            print()
        print(f"{len(results.items)} of {results.total} shown")
    elif args.command == "stale":
        report = staleness_report(directory, args.days, args.today, include_unverified=not args.dates_only)
        for row in report:
            print(f"{row.key:42} {row.information_date}  {'; '.join(row.reasons)}")
        print(f"{len(report)} record(s) to re-check")
        if not args.dates_only:
            items, problems = load_open_items(args.open_items, [s.key for s in directory.services], args.today)
            for line in problems:
                print(line, file=sys.stderr)
            still_open = open_only(items)
            print(f"\nOpen items from the facts reference ({len(still_open)}):")
            for item in still_open:
                print(describe(item))
        unconfirmed = never_confirmed(directory)
        print(f"\n{len(unconfirmed)} of {len(directory.services)} record(s) not yet confirmed with the service")
    elif args.command == "export-csv":
        written = write_package(directory, args.outdir)
        print(f"wrote {len(written)} files to {args.outdir}")
    elif args.command == "oruk-json":
        if args.key:
            found = directory.get(args.key)
            if found is None:
                print(f"no record with key {args.key!r}", file=sys.stderr)
                return 1
            print(json.dumps(oruk.service_full(found), indent=2, ensure_ascii=False))
        else:
            print(json.dumps([oruk.service_full(s) for s in directory.services], indent=2, ensure_ascii=False))
    elif args.command == "tokens":
        for key, value in sorted(directory.contact_tokens().items()):
            print(f"{key:55} {value}")
    return 0


def _open_item_errors(records: Path | None, path: Path) -> list[str]:
    """Problems in the open items file, checking its record keys against the records folder."""
    try:
        keys = [raw["key"] for _, raw in read_directory(records or DEFAULT_RECORDS) if isinstance(raw, dict)]
    except DirectoryError:
        keys = None  # the records' own errors are already reported
    return load_open_items(path, keys)[1]


def _convert(folder: Path, dry_run: bool) -> int:
    if not folder.is_dir():
        print(f"{folder}: records folder not found", file=sys.stderr)
        return 1
    results = convert_folder(folder, write=not dry_run)
    for r in results:
        if r.problem:
            print(f"{r.name}: {r.problem}", file=sys.stderr)
        elif r.changed:
            print(f"{r.name}: {'would convert' if dry_run else 'converted'} assured_date -> information_date")
    changed = sum(r.changed for r in results)
    problems = sum(bool(r.problem) for r in results)
    print(f"{changed} file(s) {'to convert' if dry_run else 'converted'}, {problems} problem(s)")
    return 1 if problems else 0
