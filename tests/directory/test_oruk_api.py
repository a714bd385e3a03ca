"""The /oruk/ API: every response validates against the shared UK Profile 3.0 schemas, CORS is open,
bad parameters get 400s, and a confidential location never leaves the server."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pytest
from directory_support import PROFILE, SECRET_STRINGS

from bot.web.app import create_app
from services_directory import load_directory
from services_directory.oruk import term_id
from services_directory.taxonomy import NEEDS
from ssgp_settings import Settings


@pytest.fixture
async def client(aiohttp_client):
    return await aiohttp_client(create_app(Settings()))


@pytest.fixture
async def location_client(aiohttp_client, records_with_locations: Path):
    return await aiohttp_client(create_app(Settings(directory_path=records_with_locations)))


async def get_json(client, url: str, status: int = 200):
    response = await client.get(url)
    assert response.status == status, await response.text()
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert response.content_type == "application/json"
    return await response.json()


async def test_meta(client, oruk_validator) -> None:
    for url in ("/oruk", "/oruk/"):
        body = await get_json(client, url)
        assert oruk_validator("meta", body) == []
        assert body["version"] == "3.0"


async def test_service_list_validates_and_pages(client, oruk_validator, directory) -> None:
    body = await get_json(client, "/oruk/services")
    assert oruk_validator("service_page", body) == []
    assert body["total_items"] == len(directory.services) == len(body["contents"])
    assert body["first_page"] and body["last_page"] and not body["empty"]
    page2 = await get_json(client, "/oruk/services?page=2&per_page=5")
    assert oruk_validator("service_page", page2) == []
    assert (page2["page_number"], page2["size"], page2["first_page"], page2["last_page"]) == (2, 5, False, False)
    assert page2["total_pages"] == -(-len(directory.services) // 5)
    assert [s["id"] for s in page2["contents"]] == [s["id"] for s in body["contents"][5:10]]
    beyond = await get_json(client, "/oruk/services?page=99&per_page=5")
    assert beyond["empty"] and beyond["contents"] == [] and beyond["last_page"]


async def test_every_full_service_validates(client, oruk_validator, directory) -> None:
    for service in directory.services:
        body = await get_json(client, f"/oruk/services/{service.id}")
        assert oruk_validator("service", body) == [], service.key
        assert body["id"] == service.id and body["name"] == service.name
        for key in (
            "schedules",
            "service_areas",
            "service_at_locations",
            "languages",
            "organization",
            "funding",
            "cost_options",
            "contacts",
            "attributes",
        ):
            assert key in body


async def test_full_service_content(client, directory) -> None:
    mens = await get_json(client, f"/oruk/services/{directory.get('mens-advice-line').id}")
    assert mens["contacts"][0]["phones"][0]["number"] == "0808 801 0327"
    assert [s["byday"] for s in mens["schedules"]] == ["MO,WE", "TU,TH,FR"]
    assert mens["schedules"][0]["opens_at"] == "09:00:00" and mens["schedules"][0]["closes_at"] == "20:00:00"
    assert all("Unverified" in s["notes"] for s in mens["schedules"])
    assert "unverified" in mens["alert"]
    needs = {a["taxonomy_term"]["term"] for a in mens["attributes"] if a["link_type"] == "need"}
    assert needs == {"domestic-abuse"}
    samaritans = await get_json(client, f"/oruk/services/{directory.get('samaritans').id}")
    assert "alert" not in samaritans and samaritans["x_ssgp_verified"] is True


async def test_validator_is_not_vacuous(oruk_validator) -> None:
    assert oruk_validator("service", {"name": "x", "status": "open", "id": "not-a-uuid"})
    assert oruk_validator("service_page", {"total_items": "many", "contents": [{}]})


async def test_search_and_filters(client, directory) -> None:
    body = await get_json(client, "/oruk/services?search=cukooing")
    names = [s["name"] for s in body["contents"]]
    assert "Crimestoppers" in names
    none = await get_json(client, "/oruk/services?search=zzzqqq")
    assert none["empty"] and none["total_items"] == 0
    da = term_id("ssgp-needs", "domestic-abuse")
    filtered = await get_json(client, f"/oruk/services?taxonomy_term_id={da}&per_page=100")
    expected = {s.id for s in directory.services if "domestic-abuse" in s.needs}
    assert {s["id"] for s in filtered["contents"]} == expected
    teens = await get_json(client, "/oruk/services?minimum_age=11")
    assert {s["name"] for s in teens["contents"]} == {
        s.name for s in directory.services if (s.eligibility.minimum_age or 0) >= 11
    }
    young = await get_json(client, "/oruk/services?maximum_age=18")
    assert [s["name"] for s in young["contents"]] == ["Childline"]


async def test_day_and_time_filters(client, directory) -> None:
    sunday = await get_json(client, "/oruk/services?day=SU&per_page=100")
    names = {s["name"] for s in sunday["contents"]}
    assert "Samaritans" in names and "Men's Advice Line" not in names
    evening = await get_json(client, "/oruk/services?day=monday&start_time=09:00&end_time=20:00")
    assert {s["name"] for s in evening["contents"]} == {"Men's Advice Line"}
    late = await get_json(client, "/oruk/services?day=TH&start_time=10:00&end_time=21:00")
    assert {s["name"] for s in late["contents"]} == {"Galop helpline for LGBT+ people"}


async def test_taxonomies_and_terms_validate(client, oruk_validator) -> None:
    taxonomies = await get_json(client, "/oruk/taxonomies")
    assert oruk_validator("taxonomy_page", taxonomies) == [] and taxonomies["total_items"] == 2
    for item in taxonomies["contents"]:
        one = await get_json(client, f"/oruk/taxonomies/{item['id']}")
        assert oruk_validator("taxonomy", one) == [] and one["taxonomy_terms"]
    terms = await get_json(client, "/oruk/taxonomy_terms?per_page=100")
    assert oruk_validator("taxonomy_term_page", terms) == []
    assert {t["term"] for t in terms["contents"]} >= {"domestic-abuse", "cuckooing-exploitation", "emergency", "lgbt"}
    one_term = await get_json(client, f"/oruk/taxonomy_terms/{terms['contents'][0]['id']}")
    assert oruk_validator("taxonomy_term", one_term) == []
    needs_only = await get_json(client, f"/oruk/taxonomy_terms?taxonomy_id={taxonomies['contents'][0]['id']}")
    assert needs_only["total_items"] == len(NEEDS)


@pytest.mark.parametrize(
    "url",
    [
        "/oruk/services?page=0",
        "/oruk/services?page=abc",
        "/oruk/services?per_page=1000",
        "/oruk/services?per_page=-1",
        "/oruk/services?minimum_age=old",
        "/oruk/services?maximum_age=999",
        "/oruk/services?day=funday",
        "/oruk/services?start_time=25:00",
        "/oruk/services?end_time=9am",
        "/oruk/services?start_time=18:00&end_time=09:00",
        "/oruk/services?taxonomy_term_id=not-a-uuid",
        "/oruk/services?taxonomy_id=%3Cscript%3E",
        "/oruk/services?search=" + "x" * 201,
        "/oruk/services/not-a-uuid",
        "/oruk/taxonomies/1",
        "/oruk/taxonomy_terms/abc",
        "/oruk/taxonomies?page=-3",
    ],
)
async def test_bad_parameters_get_400_json(client, url: str) -> None:
    body = await get_json(client, url, status=400)
    assert body["status"] == 400 and body["error"]
    assert "Traceback" not in body["error"]


@pytest.mark.parametrize(
    "url",
    [
        "/oruk/services/00000000-0000-0000-0000-000000000000",
        "/oruk/taxonomies/00000000-0000-0000-0000-000000000000",
        "/oruk/taxonomy_terms/00000000-0000-0000-0000-000000000000",
        "/oruk/no-such-endpoint",
    ],
)
async def test_unknown_ids_get_404_json(client, url: str) -> None:
    body = await get_json(client, url, status=404)
    assert body["status"] == 404


async def test_cors_on_everything_including_errors_and_preflight(client) -> None:
    post = await client.post("/oruk/services", data=b"{}")
    assert post.status == 405 and post.headers["Access-Control-Allow-Origin"] == "*"
    preflight = await client.options("/oruk/services")
    assert preflight.status == 204 and preflight.headers["Access-Control-Allow-Origin"] == "*"
    health = await client.get("/healthz")
    assert "Access-Control-Allow-Origin" not in health.headers  # only the public data API is open


async def test_broken_records_give_503_not_500(aiohttp_client, records_copy: Path) -> None:
    (records_copy / "broken.yml").write_text("key: [\n", encoding="utf-8")
    client = await aiohttp_client(create_app(Settings(directory_path=records_copy)))
    body = await get_json(client, "/oruk/services", status=503)
    assert "directory" in body["error"]


def _csv_header(content: bytes) -> list[str]:
    return next(csv.reader(io.StringIO(content.decode("utf-8"))))


async def test_export_zip_is_a_tabular_data_package_matching_the_profile(client, directory) -> None:
    response = await client.get("/oruk/export.zip")
    assert response.status == 200 and response.headers["Access-Control-Allow-Origin"] == "*"
    archive = zipfile.ZipFile(io.BytesIO(await response.read()))
    names = set(archive.namelist())
    package = json.loads(archive.read("datapackage.json"))
    assert {r["path"] for r in package["resources"]} | {"datapackage.json"} == names
    schema_dir = PROFILE / "schema"
    profile_paths = {}
    for schema_file in schema_dir.glob("*.json"):
        data = json.loads(schema_file.read_text(encoding="utf-8"))
        if "path" in data and "properties" in data:
            profile_paths[data["path"]] = data
    for resource in package["resources"]:
        assert resource["path"] in profile_paths, resource["path"]
        schema = profile_paths[resource["path"]]
        flat = [k for k, v in schema["properties"].items() if v.get("type") not in ("array", "object", None)]
        extra = set(schema.get("tabular_required", [])) - set(schema["properties"])
        header = _csv_header(archive.read(resource["path"]))
        assert header == [f["name"] for f in resource["schema"]["fields"]]
        assert set(header) == set(flat) | extra, resource["path"]
    services = list(csv.DictReader(io.StringIO(archive.read("services.csv").decode("utf-8"))))
    assert len(services) == len(directory.services)
    phones = archive.read("phones.csv").decode("utf-8")
    assert "0808 2000 247" in phones and "999 then 55" in phones


async def test_confidential_location_absent_from_every_output(location_client, records_with_locations: Path) -> None:
    d = load_directory(records_with_locations)
    secret, public = d.get("test-secret-refuge"), d.get("test-public-centre")
    bodies = []
    for url in (
        "/oruk/services?per_page=100",
        f"/oruk/services/{secret.id}",
        f"/oruk/services/{public.id}",
        "/oruk/services?search=Safehouse",
        "/oruk/services?search=refuge",
        "/oruk/taxonomies",
        "/oruk/taxonomy_terms?per_page=100",
    ):
        response = await location_client.get(url)
        assert response.status == 200
        bodies.append(await response.text())
    archive = zipfile.ZipFile(io.BytesIO(await (await location_client.get("/oruk/export.zip")).read()))
    bodies.extend(archive.read(name).decode("utf-8") for name in archive.namelist())
    everything = "\n".join(bodies)
    # The public location is served (so this test can fail), the confidential one never is.
    assert "3 Public Street" in everything and "Open Door Hall" in everything
    assert secret.id in everything  # the service itself is listed, just not where it is
    for text in SECRET_STRINGS:
        assert text not in everything, text
    full = json.loads(bodies[1])
    assert full["service_at_locations"] == []
