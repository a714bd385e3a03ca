"""Constants and helpers shared by the services directory tests (imported by conftest and tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

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
        "name": "Safehouse Lodge",
        "address_1": "17 Hidden Refuge Row",
        "city": "Gloucester",
        "state_province": "Gloucestershire",
        "postal_code": "GL1 9ZZ",
        "latitude": 51.86421,
        "longitude": -2.24873,
    },
    "information_date": "2026-11-01",
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
        "name": "Open Door Hall",
        "address_1": "3 Public Street",
        "city": "Gloucester",
        "state_province": "Gloucestershire",
        "postal_code": "GL1 1AA",
        "latitude": 51.8,
        "longitude": -2.2,
    },
    "x_ssgp_confidential_location": False,
}


def write_record(folder: Path, record: dict[str, Any]) -> Path:
    path = folder / f"{record['key']}.yml"
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def run(*args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m services_directory`` for real, from the project root."""
    return subprocess.run(
        [sys.executable, "-m", "services_directory", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
