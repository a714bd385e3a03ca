"""Fixtures for the services directory tests: real records, editable copies, and ORUK schema validators
read from the shared (read-only) Open Referral UK profile next to the repository."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from services_directory import Directory, load_directory
from services_directory.loader import DEFAULT_RECORDS
from services_directory.schedules import LONDON

ROOT = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("SSGP_SHARED_DIR", ROOT.parent / "shared")).resolve()
PROFILE = SHARED / "oruk-uk-profile"
FACTS = SHARED / "reference" / "facts-and-safety.md"

# Monday 23 November 2026, 2pm and 3am (London); Sunday 22 November 2pm.
MONDAY_2PM = datetime(2026, 11, 23, 14, 0, tzinfo=LONDON)
MONDAY_3AM = datetime(2026, 11, 23, 3, 0, tzinfo=LONDON)
SUNDAY_2PM = datetime(2026, 11, 22, 14, 0, tzinfo=LONDON)

# A confidential service with a made-up address: none of these strings may appear in any output.
SECRET_STRINGS = ("17 Hidden Refuge Row", "GL1 9ZZ", "Safehouse Lodge", "51.86421", "-2.24873")
SECRET_RECORD: dict[str, Any] = {
    "key": "test-secret-refuge",
    "name": "Test refuge service",
    "organization": {"name": "Test Refuge Charity", "description": "An organisation used only in tests."},
    "description": "A test service whose building must never be revealed to anyone.",
    "status": "active",
    "phones": [{"number": "0808 157 0123"}],  # Ofcom drama range: never a real line
    "service_areas": ["Kingsholm and Wotton"],
    "eligibility": {"audiences": ["women"]},
    "needs": ["domestic-abuse"],
    "location": {
        "name": "Safehouse Lodge", "address_1": "17 Hidden Refuge Row", "city": "Gloucester",
        "state_province": "Gloucestershire", "postal_code": "GL1 9ZZ", "latitude": 51.86421, "longitude": -2.24873,
    },
    "assured_date": "2026-11-01",
    "confidence": "Test data",
    "sources": ["https://example.org/test-refuge"],
    "verified": True,
    "x_ssgp_confidential_location": True,
}
# Same shape but public: proves the location path really works, so the absence test can fail.
PUBLIC_RECORD: dict[str, Any] = {
    **SECRET_RECORD,
    "key": "test-public-centre",
    "name": "Test drop-in centre",
    "organization": {"name": "Test Centre Trust", "description": "Another organisation used only in tests."},
    "description": "A test service with a public address that may be shown.",
    "location": {
        "name": "Open Door Hall", "address_1": "3 Public Street", "city": "Gloucester",
        "state_province": "Gloucestershire", "postal_code": "GL1 1AA", "latitude": 51.8, "longitude": -2.2,
    },
    "x_ssgp_confidential_location": False,
}


def write_record(folder: Path, record: dict[str, Any]) -> Path:
    path = folder / f"{record['key']}.yml"
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def directory() -> Directory:
    return load_directory()


@pytest.fixture
def records_copy(tmp_path: Path) -> Path:
    """An editable copy of the real records."""
    target = tmp_path / "records"
    shutil.copytree(DEFAULT_RECORDS, target)
    return target


@pytest.fixture
def records_with_locations(records_copy: Path) -> Path:
    """Real records plus one confidential and one public test location."""
    write_record(records_copy, SECRET_RECORD)
    write_record(records_copy, PUBLIC_RECORD)
    return records_copy


def _load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def oruk_validator() -> Callable[[str, Any], list[str]]:
    """validate(schema_name, instance) -> list of problems, against the shared UK profile schemas.

    schema_name: 'service' (compiled/service.json), 'service_page' (Page wrapper + compiled/service_list.json),
    'taxonomy', 'taxonomy_page', 'taxonomy_term', 'taxonomy_term_page', 'meta'.
    """
    if not PROFILE.is_dir():
        pytest.fail(f"shared ORUK profile not found at {PROFILE} (set SSGP_SHARED_DIR)")
    openapi = _load_json(PROFILE / "schema" / "openapi.json")
    page_schema = openapi["components"]["schemas"]["Page"]
    meta_schema = openapi["paths"]["/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    schema_dir = PROFILE / "schema"
    schemas: dict[str, Any] = {
        "service": _load_json(schema_dir / "compiled" / "service.json"),
        "taxonomy": _load_json(schema_dir / "taxonomy.json"),
        "taxonomy_term": _load_json(schema_dir / "taxonomy_term.json"),
        "meta": {**meta_schema, "required": ["version", "profile", "openapi_url"]},
    }

    def paged(item: Any) -> dict[str, Any]:
        # Our pages always carry every wrapper field, so require them (the profile lists them all).
        return {
            "allOf": [page_schema],
            "required": list(page_schema["properties"]) + ["contents"],
            "properties": {"contents": {"type": "array", "items": item}},
        }

    schemas["service_page"] = paged(_load_json(schema_dir / "compiled" / "service_list.json"))
    schemas["taxonomy_page"] = paged(schemas["taxonomy"])
    schemas["taxonomy_term_page"] = paged(schemas["taxonomy_term"])

    def validate(name: str, instance: Any) -> list[str]:
        schema = schemas[name]
        resolver = jsonschema.RefResolver(base_uri=schema_dir.as_uri() + "/", referrer=schema)
        validator = jsonschema.Draft202012Validator(
            schema, resolver=resolver, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
        )
        return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(instance)]

    return validate
