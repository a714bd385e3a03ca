"""Fixtures for the services directory tests: real records, editable copies, and ORUK schema validators
read from the shared (read-only) Open Referral UK profile next to the repository."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from directory_support import PROFILE, PUBLIC_RECORD, SECRET_RECORD, write_record

from services_directory import Directory, load_directory
from services_directory.loader import DEFAULT_RECORDS


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
            "required": [*page_schema["properties"], "contents"],
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
