"""Export the directory as an Open Referral UK Tabular Data Package: one CSV per object + datapackage.json.

File and column names follow the UK profile schemas (``path`` and properties). Rows come from the
same functions as the JSON API, so a confidential location is absent here too.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path
from typing import Any

from services_directory import oruk
from services_directory.directory import Directory

# file -> [(column, frictionless type, format or "")]
TABLES: dict[str, list[tuple[str, str, str]]] = {
    "organizations.csv": [
        ("id", "string", "uuid"),
        ("name", "string", ""),
        ("description", "string", ""),
        ("email", "string", "email"),
        ("website", "string", "uri"),
        ("logo", "string", ""),
        ("uri", "string", "uri"),
        ("parent_organization_id", "string", "uuid"),
    ],
    "services.csv": [
        ("id", "string", "uuid"),
        ("organization_id", "string", "uuid"),
        ("name", "string", ""),
        ("description", "string", ""),
        ("url", "string", "uri"),
        ("email", "string", "email"),
        ("status", "string", ""),
        ("fees", "string", ""),
        ("accreditations", "string", ""),
        ("minimum_age", "number", ""),
        ("maximum_age", "number", ""),
        ("assured_date", "string", ""),
        ("assurer_email", "string", "email"),
        ("alert", "string", ""),
        ("last_modified", "string", "date-time"),
    ],
    "contacts.csv": [
        ("id", "string", "uuid"),
        ("service_id", "string", "uuid"),
        ("name", "string", ""),
        ("title", "string", ""),
    ],
    "phones.csv": [
        ("id", "string", "uuid"),
        ("contact_id", "string", "uuid"),
        ("number", "string", ""),
        ("description", "string", ""),
    ],
    "schedule.csv": [
        ("id", "string", "uuid"),
        ("service_id", "string", "uuid"),
        ("service_at_location_id", "string", "uuid"),
        ("valid_from", "string", ""),
        ("valid_to", "string", ""),
        ("dtstart", "string", ""),
        ("freq", "string", ""),
        ("interval", "number", ""),
        ("byday", "string", ""),
        ("bymonthday", "string", ""),
        ("description", "string", ""),
        ("opens_at", "string", ""),
        ("closes_at", "string", ""),
        ("schedule_link", "string", "uri"),
        ("attending_type", "string", ""),
        ("notes", "string", ""),
    ],
    "service_areas.csv": [
        ("id", "string", "uuid"),
        ("service_id", "string", "uuid"),
        ("name", "string", ""),
        ("extent", "string", ""),
        ("extent_type", "string", ""),
        ("uri", "string", ""),
        ("service_area", "string", ""),
    ],
    "languages.csv": [("id", "string", "uuid"), ("service_id", "string", "uuid"), ("phone_id", "string", "uuid")],
    "locations.csv": [
        ("id", "string", "uuid"),
        ("location_type", "string", ""),
        ("name", "string", ""),
        ("description", "string", ""),
        ("latitude", "number", ""),
        ("longitude", "number", ""),
        ("external_identifier", "string", ""),
        ("external_identifier_type", "string", ""),
    ],
    "address.csv": [
        ("id", "string", "uuid"),
        ("location_id", "string", "uuid"),
        ("attention", "string", ""),
        ("address_1", "string", ""),
        ("city", "string", ""),
        ("region", "string", ""),
        ("state_province", "string", ""),
        ("postal_code", "string", ""),
        ("country", "string", ""),
        ("address_type", "string", ""),
    ],
    "service_at_location.csv": [
        ("id", "string", "uuid"),
        ("service_id", "string", "uuid"),
        ("location_id", "string", "uuid"),
    ],
    "taxonomies.csv": [
        ("id", "string", "uuid"),
        ("name", "string", ""),
        ("description", "string", ""),
        ("uri", "string", "uri"),
        ("version", "string", ""),
    ],
    "taxonomy_terms.csv": [
        ("id", "string", "uuid"),
        ("name", "string", ""),
        ("description", "string", ""),
        ("parent_id", "string", "uuid"),
        ("taxonomy", "string", ""),
        ("taxonomy_id", "string", "uuid"),
        ("term_uri", "string", "uri"),
        ("term", "string", ""),
    ],
    "attribute.csv": [
        ("id", "string", "uuid"),
        ("link_id", "string", "uuid"),
        ("taxonomy_term_id", "string", "uuid"),
        ("link_type", "string", ""),
        ("link_entity", "string", ""),
    ],
}


def table_rows(directory: Directory) -> dict[str, list[dict[str, Any]]]:
    """Rows for every table, built from the same views the JSON API serves."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    seen_orgs: set[str] = set()
    for s in directory.services:
        full = oruk.service_full(s)
        org = full["organization"]
        if org["id"] not in seen_orgs:
            seen_orgs.add(org["id"])
            rows["organizations.csv"].append(org)
        rows["services.csv"].append(full)
        for contact in full["contacts"]:
            rows["contacts.csv"].append(contact)
            rows["phones.csv"].extend(contact["phones"])
        rows["schedule.csv"].extend(full["schedules"])
        rows["service_areas.csv"].extend(full["service_areas"])
        for sal in full["service_at_locations"]:
            rows["service_at_location.csv"].append(sal)
            rows["locations.csv"].append(sal["location"])
            rows["address.csv"].extend(sal["location"]["addresses"])
        rows["attribute.csv"].extend(full["attributes"])
    rows["taxonomies.csv"] = oruk.all_taxonomies(with_terms=False)
    rows["taxonomy_terms.csv"] = oruk.all_terms()
    return rows


def _csv(name: str, rows: list[dict[str, Any]]) -> bytes:
    columns = [c for c, _, _ in TABLES[name]]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in columns})
    return buffer.getvalue().encode("utf-8")


def datapackage() -> dict[str, Any]:
    resources = []
    for name, columns in TABLES.items():
        fields = []
        for column, kind, fmt in columns:
            field: dict[str, Any] = {"name": column, "type": kind}
            if fmt:
                field["format"] = fmt
            fields.append(field)
        resources.append(
            {
                "name": name.removesuffix(".csv"),
                "path": name,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": "id"},
            }
        )
    return {
        "name": "stronger-safer-gloucester-services",
        "title": "Stronger Safer Gloucester services directory (Open Referral UK 3.0)",
        "profile": "tabular-data-package",
        "resources": resources,
    }


def package_files(directory: Directory) -> dict[str, bytes]:
    """File name -> content for the whole package."""
    rows = table_rows(directory)
    files = {name: _csv(name, rows[name]) for name in TABLES}
    files["datapackage.json"] = (json.dumps(datapackage(), indent=2) + "\n").encode("utf-8")
    return files


def write_package(directory: Directory, outdir: Path) -> list[Path]:
    """Write the package into ``outdir`` (created if needed); returns the files written."""
    outdir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in package_files(directory).items():
        target = outdir / name
        target.write_bytes(content)
        written.append(target)
    return written


def package_zip(directory: Directory) -> bytes:
    """The package as one zip file (for the /oruk/export.zip download)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in sorted(package_files(directory).items()):
            # Fixed timestamp: the same directory always gives a byte-identical download.
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, content)
    return buffer.getvalue()
