"""``python -m content``: content tools.

    python -m content translations export --language pl --format csv|xliff [--key PREFIX ...] > file
    python -m content translations import FILE [FILE ...]

Import exits 1 when any row was refused (stale, unknown key, empty), after importing the rest.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from content.languages import CODES


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m content")
    groups = parser.add_subparsers(dest="group", required=True)
    translations = groups.add_parser("translations", help="export and import translations")
    commands = translations.add_subparsers(dest="command", required=True)
    export = commands.add_parser("export", help="every translatable English text, for one language")
    export.add_argument("--language", required=True, choices=[c for c in CODES if c != "en"])
    export.add_argument("--format", choices=("csv", "xliff"), default="csv")
    export.add_argument("--key", action="append", default=[], metavar="PREFIX",
                        help="only keys starting with PREFIX (repeatable), e.g. utter_crisis_ or prompt.")
    importer = commands.add_parser("import", help="import CSV (.csv) or XLIFF 1.2 (.xlf/.xliff) files")
    importer.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)

    from content import translation_io

    if args.command == "export":
        rows = translation_io.export_rows(args.language, prefixes=args.key)
        out = translation_io.to_csv(rows) if args.format == "csv" else translation_io.to_xliff(rows, args.language)
        sys.stdout.write(out)
        return 0
    ok = True
    for path in args.files:
        try:
            report = translation_io.import_file(path)
        except (OSError, ValueError, KeyError) as exc:
            print(f"{path}: cannot import: {exc}", file=sys.stderr)
            ok = False
            continue
        print(f"{path}: {len(report.imported)} imported, {len(report.unchanged)} unchanged, "
              f"{len(report.refused)} refused")
        for line in report.refused:
            print(f"  refused {line}", file=sys.stderr)
        for changed in report.files_changed:
            print(f"  updated {changed}")
        ok = ok and report.ok
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
