"""Read record files, check them (JSON Schema, then the rules a schema cannot express), build Services."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import yaml

from services_directory import areas
from services_directory.dates import CHECKED
from services_directory.model import Eligibility, Location, Organization, Phone, Service
from services_directory.phones import PhoneError, parse_phone
from services_directory.schedules import DAYS, Schedule, is_always_open

PACKAGE_DIR = Path(__file__).resolve().parent
DEFAULT_RECORDS = PACKAGE_DIR / "records"
SCHEMA_PATH = PACKAGE_DIR / "record.schema.json"
MAX_RECORD_BYTES = 64 * 1024
OLD_DATE_FIELD = (
    "assured_date: replaced by information_date (+ information_date_kind); add confirmed_with_service only "
    "when someone confirmed the record with the service. Convert with: python -m services_directory convert-dates"
)


class DirectoryError(ValueError):
    """The records could not be loaded; ``errors`` lists every problem found, one per line."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = errors


@lru_cache(maxsize=1)
def record_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    schema = record_schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def _jsonable(value: Any) -> Any:
    """YAML turns 2026-11-21 into a date; the schema (and ORUK) want the ISO string."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()[:10]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def slug(text: str) -> str:
    """Lower-case, hyphen-separated form of a name, used for organisation keys."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def check_url(url: str) -> str | None:
    """None when the URL is a well-formed http(s) address with a dotted host, else the problem."""
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"{url!r} is not a URL ({exc})"
    if parts.scheme not in {"http", "https"}:
        return f"{url!r} must start with https:// or http://"
    host = parts.hostname or ""
    if "." not in host or not re.fullmatch(r"[a-z0-9.-]+", host) or host.startswith(".") or host.endswith("."):
        return f"{url!r} has no valid host name"
    if any(c.isspace() or c in "<>\"'`\\" for c in url):
        return f"{url!r} contains spaces or quote/angle-bracket characters"
    return None


def read_record_file(path: Path) -> Any:
    """Parse one YAML record file (size-limited; safe loader only)."""
    if path.stat().st_size > MAX_RECORD_BYTES:
        raise ValueError(f"larger than {MAX_RECORD_BYTES // 1024} KB")
    with path.open(encoding="utf-8") as handle:
        return _jsonable(yaml.safe_load(handle))


def _where(error: jsonschema.ValidationError) -> str:
    parts: list[str] = []
    for p in error.absolute_path:
        parts.append(f"[{p}]" if isinstance(p, int) else (f".{p}" if parts else str(p)))
    return "".join(parts) or "(record)"


def schema_errors(raw: Any) -> list[str]:
    """Every JSON Schema problem in one raw record, as short readable lines."""
    errors = []
    for error in sorted(_validator().iter_errors(raw), key=lambda e: (list(map(str, e.absolute_path)), e.message)):
        message = error.message
        if error.validator == "type" and isinstance(error.instance, int) and error.validator_value == "string":
            message += " (put phone numbers and times in quotes)"
        if error.validator == "oneOf" and _where(error).startswith("schedules"):
            message = "a schedule needs either 'open_24_7: true' or byday + opens_at + closes_at"
        errors.append(f"{_where(error)}: {message}")
    return errors


def _clock(text: str) -> time:
    hour, minute = text.split(":")
    return time(int(hour), int(minute))


def semantic_errors(raw: dict[str, Any], today: date | None = None) -> list[str]:
    """Rules the schema cannot express. Call only on records that passed the schema."""
    return [
        *_contact_errors(raw),
        *_coverage_errors(raw),
        *_date_errors(raw, today or date.today()),
        *_verification_errors(raw),
    ]


def _contact_errors(raw: dict[str, Any]) -> list[str]:
    """Phone numbers that do not parse and web addresses that are not plain https links."""
    errors: list[str] = []
    for i, phone in enumerate(raw.get("phones", [])):
        try:
            parse_phone(phone["number"])
        except PhoneError as exc:
            errors.append(f"phones[{i}].number: {exc}")
    for name in ("url",):
        if name in raw and (problem := check_url(raw[name])):
            errors.append(f"{name}: {problem}")
    if "website" in raw["organization"] and (problem := check_url(raw["organization"]["website"])):
        errors.append(f"organization.website: {problem}")
    for i, source in enumerate(raw["sources"]):
        if problem := check_url(source):
            errors.append(f"sources[{i}]: {problem}")
    return errors


def _coverage_errors(raw: dict[str, Any]) -> list[str]:
    """Who and where the service is for, and when it opens, must make sense."""
    errors: list[str] = []
    for area in raw["service_areas"]:
        if areas.canonical_service_area(area) is None:
            errors.append(
                f"service_areas: {area!r} is not a Gloucester ward, 'Gloucester', 'Gloucestershire' or 'national'"
            )
    elig = raw["eligibility"]
    if "minimum_age" in elig and "maximum_age" in elig and elig["minimum_age"] > elig["maximum_age"]:
        errors.append("eligibility: minimum_age is above maximum_age")
    for i, sched in enumerate(raw.get("schedules", [])):
        if sched.get("opens_at") is not None and sched.get("opens_at") == sched.get("closes_at"):
            errors.append(f"schedules[{i}]: opens_at equals closes_at (use open_24_7 for round-the-clock)")
    return errors


def _date_errors(raw: dict[str, Any], today: date) -> list[str]:
    errors: list[str] = []
    for name in ("information_date", "confirmed_with_service"):
        if name not in raw:
            continue
        try:
            if date.fromisoformat(raw[name]) > today:
                errors.append(f"{name}: is in the future")
        except ValueError:
            errors.append(f"{name}: {raw[name]!r} is not a real date")
    return errors


def _verification_errors(raw: dict[str, Any]) -> list[str]:
    """Anything unverified must be explained; only verified national 24/7 lines may be fallbacks."""
    errors: list[str] = []
    flags = [
        raw["verified"],
        raw.get("hours_verified", True),
        raw.get("url_verified", True),
        raw.get("email_verified", True),
    ]
    flags += [p.get("verified", True) for p in raw.get("phones", [])]
    flags += [s.get("verified", True) for s in raw.get("schedules", [])]
    if not all(flags) and not raw.get("notes"):
        errors.append("notes: say what is unverified and what to check (required when anything is unverified)")
    if "fallback_rank" in raw:
        schedules = tuple(_schedule(s, True) for s in raw.get("schedules", []) if s.get("channel", "phone") == "phone")
        phones_ok = bool(raw.get("phones")) and raw["phones"][0].get("verified", raw["verified"])
        if "national" not in raw["service_areas"] or not is_always_open(schedules) or not phones_ok:
            errors.append("fallback_rank: only for national 24/7 lines with a verified phone number")
    return errors


def _schedule(raw: dict[str, Any], inherited: bool) -> Schedule:
    if raw.get("open_24_7"):
        byday: tuple[str, ...] = DAYS
        opens = closes = None
        all_day = True
    else:
        byday = tuple(sorted(raw["byday"], key=DAYS.index))
        opens, closes = _clock(raw["opens_at"]), _clock(raw["closes_at"])
        all_day = False
    return Schedule(
        byday=byday,
        opens_at=opens,
        closes_at=closes,
        all_day=all_day,
        channel=raw.get("channel", "phone"),
        description=raw.get("description"),
        verified=raw.get("verified", inherited),
    )


def build_service(raw: dict[str, Any], source_file: str = "") -> Service:
    """Turn a checked raw record into a Service; field-level verified flags default to the record's."""
    verified = bool(raw["verified"])
    hours_verified = bool(raw.get("hours_verified", verified))
    org = raw["organization"]
    phones = []
    for p in raw.get("phones", []):
        parsed = parse_phone(p["number"])
        phones.append(
            Phone(
                number=p["number"],
                display=parsed.display,
                tel_uri=parsed.tel_uri,
                description=p.get("description"),
                verified=bool(p.get("verified", verified)),
            )
        )
    elig = raw["eligibility"]
    loc = raw.get("location")
    return Service(
        key=raw["key"],
        name=raw["name"].strip(),
        organization=Organization(
            key=slug(org["name"]),
            name=org["name"].strip(),
            description=org["description"].strip(),
            website=org.get("website"),
        ),
        description=" ".join(raw["description"].split()),
        status=raw["status"],
        url=raw.get("url"),
        url_verified=bool(raw.get("url_verified", verified)),
        email=raw.get("email"),
        email_verified=bool(raw.get("email_verified", verified)),
        phones=tuple(phones),
        schedules=tuple(_schedule(s, hours_verified) for s in raw.get("schedules", [])),
        hours_verified=hours_verified,
        service_areas=tuple(areas.canonical_service_area(a) or a for a in raw["service_areas"]),
        eligibility=Eligibility(
            audiences=tuple(elig["audiences"]),
            minimum_age=elig.get("minimum_age"),
            maximum_age=elig.get("maximum_age"),
            description=elig.get("description"),
        ),
        languages=tuple(raw.get("languages", [])),
        needs=tuple(raw["needs"]),
        keywords=tuple(raw.get("keywords", [])),
        information_date=date.fromisoformat(raw["information_date"]),
        information_date_kind=raw.get("information_date_kind", CHECKED),
        confirmed_with_service=(
            date.fromisoformat(raw["confirmed_with_service"]) if "confirmed_with_service" in raw else None
        ),
        confidence=raw["confidence"],
        sources=tuple(raw["sources"]),
        verified=verified,
        notes=raw.get("notes"),
        fallback_rank=raw.get("fallback_rank"),
        rank_weight=int(raw.get("rank_weight", 0)),
        confidential_location=bool(raw["x_ssgp_confidential_location"]),
        location=Location(**loc) if loc else None,
        source_file=source_file,
    )


def check_records(raws: list[tuple[str, Any]], today: date | None = None) -> tuple[list[Service], list[str]]:
    """Check raw records (name, data) and build the valid ones; returns (services, errors)."""
    services: list[Service] = []
    errors: list[str] = []
    seen: dict[str, str] = {}
    orgs: dict[str, tuple[str, Organization]] = {}
    for name, raw in raws:
        if not isinstance(raw, dict):
            errors.append(f"{name}: not a record (expected 'key: value' lines)")
            continue
        # A record written before the two dates were kept apart: say how to convert it, not just
        # "unexpected property" (the old date never meant the service confirmed anything).
        problems = [OLD_DATE_FIELD] if "assured_date" in raw else schema_errors(raw)
        if not problems:
            problems = semantic_errors(raw, today)
        stem = Path(name).stem
        if isinstance(raw.get("key"), str) and name.endswith((".yml", ".yaml")) and raw["key"] != stem:
            problems.append(f"key: {raw['key']!r} must match the file name ({stem}.yml)")
        if problems:
            errors.extend(f"{name}: {p}" for p in problems)
            continue
        if raw["key"] in seen:
            errors.append(f"{name}: key {raw['key']!r} is already used by {seen[raw['key']]}")
            continue
        seen[raw["key"]] = name
        service = build_service(raw, name)
        first = orgs.get(service.organization.key)
        if first and first[1] != service.organization:
            errors.append(
                f"{name}: organisation {service.organization.name!r} is described differently in {first[0]}; "
                "make name, description and website identical"
            )
            continue
        orgs.setdefault(service.organization.key, (name, service.organization))
        services.append(service)
    services.sort(key=lambda s: s.key)
    return services, errors


def read_directory(path: Path) -> list[tuple[str, Any]]:
    """Every record file in a folder, as (file name, parsed YAML) pairs in file-name order."""
    if not path.is_dir():
        raise DirectoryError([f"{path}: records folder not found"])
    out: list[tuple[str, Any]] = []
    errors: list[str] = []
    for file in sorted([*path.glob("*.yml"), *path.glob("*.yaml")]):
        try:
            out.append((file.name, read_record_file(file)))
        except (OSError, ValueError, yaml.YAMLError) as exc:
            errors.append(f"{file.name}: cannot read ({exc.__class__.__name__}: {str(exc).splitlines()[0]})")
    if errors:
        raise DirectoryError(errors)
    return out
