"""Staff lookup page (server-rendered) and the outdated-record report form, through the real app."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from directory_support import SECRET_STRINGS

from bot.web.app import create_app
from bot.web.staff_reports import MAX_NOTE_CHARS, REPORTS_FILE
from services_directory.schedules import LONDON
from ssgp_settings import Settings


@pytest.fixture
def var_dir(tmp_path: Path) -> Path:
    return tmp_path / "var"


@pytest.fixture
async def client(aiohttp_client, var_dir: Path):
    return await aiohttp_client(create_app(Settings(var_dir=var_dir)))


def reports(var_dir: Path) -> list[dict]:
    path = var_dir / REPORTS_FILE
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


async def test_lists_every_service_a_to_z_in_pages(client, directory) -> None:
    response = await client.get("/services")
    assert response.status == 200
    html = await response.text()
    assert f"All {len(directory.services)} services" in html
    assert "Action on ACEs Gloucestershire" in html  # first alphabetically
    pages = -(-len(directory.services) // 10)  # ten a page
    assert f"Page 1 of {pages}" in html and 'href="/services?page=2"' in html
    last = await (await client.get(f"/services?page={pages}")).text()
    assert max((s.name for s in directory.services), key=str.casefold) in last


async def test_search_with_filters_shows_cards(client) -> None:
    html = await (await client.get("/services?q=cukooing&area=Kingsholm&audience=&need=")).text()
    assert "4 services found" in html
    assert "Crimestoppers" in html and 'href="tel:+44800555111"' in html
    assert "Information from public sources, recorded on 21 November 2026" in html
    assert "Report an outdated record" in html
    men = await (await client.get("/services?need=domestic-abuse&audience=men")).text()
    assert "Men&#39;s Advice Line" in men and "National Domestic Abuse Helpline" not in men


async def test_unverified_details_are_flagged(client) -> None:
    html = await (await client.get("/services?q=gdass")).text()
    assert "Some details unverified" in html
    assert "check with the service before relying on this" in html


async def test_fallback_is_explained(client) -> None:
    html = await (await client.get("/services?q=zzzqqq")).text()
    assert "national lines that answer 24 hours a day" in html


@pytest.mark.parametrize(
    "query",
    ["need=bogus", "audience=aliens", "page=0", "page=abc", "q=" + "x" * 300, "area=" + "y" * 100],
)
async def test_bad_input_gets_an_error_summary(client, query: str) -> None:
    response = await client.get(f"/services?{query}")
    assert response.status == 400
    html = await response.text()
    assert "There is a problem" in html and "Traceback" not in html


async def test_record_and_query_text_is_escaped(client) -> None:
    html = await (await client.get("/services?q=%3Cscript%3Ealert(1)%3C/script%3E")).text()
    assert "<script>" not in html and "&lt;script&gt;" in html


async def test_report_is_stored_with_key_note_and_date_only(client, var_dir: Path) -> None:
    form = await (await client.get("/services/gdass/report")).text()
    assert 'action="/services/gdass/report"' in form
    response = await client.post(
        "/services/gdass/report",
        data={"note": "Number changed <b>now</b>\x00\u202e", "ip": "1.2.3.4"},
        headers={"Origin": f"http://{client.host}:{client.port}", "X-Forwarded-For": "203.0.113.9"},
        allow_redirects=False,
    )
    assert response.status == 303 and response.headers["Location"] == "/services/gdass/report/sent"
    [stored] = reports(var_dir)
    assert set(stored) == {"key", "note", "date"}
    assert stored["key"] == "gdass" and stored["note"] == "Number changed &lt;b&gt;now&lt;/b&gt;"
    assert stored["date"] == datetime.now(LONDON).date().isoformat()
    raw = (var_dir / REPORTS_FILE).read_text(encoding="utf-8")
    assert "203.0.113.9" not in raw and "127.0.0.1" not in raw and "1.2.3.4" not in raw
    thanks = await client.get("/services/gdass/report/sent")
    assert "Report sent" in await thanks.text()


@pytest.mark.parametrize(
    ("note", "message"),
    [
        ("", "Say what looks out of date"),
        ("   \n  ", "Say what looks out of date"),
        ("x" * (MAX_NOTE_CHARS + 1), "characters or fewer"),
    ],
)
async def test_bad_reports_are_refused_and_nothing_stored(client, var_dir: Path, note: str, message: str) -> None:
    response = await client.post("/services/gdass/report", data={"note": note}, allow_redirects=False)
    assert response.status == 400
    assert message in await response.text()
    assert reports(var_dir) == []


async def test_cross_site_posts_are_refused(client, var_dir: Path) -> None:
    for headers in ({"Origin": "https://evil.example"}, {"Origin": "null"}, {"Sec-Fetch-Site": "cross-site"}):
        response = await client.post("/services/gdass/report", data={"note": "spam"}, headers=headers)
        assert response.status == 403, headers
    assert reports(var_dir) == []


async def test_unknown_record_and_wrong_content_type(client, var_dir: Path) -> None:
    assert (await client.get("/services/no-such-service/report")).status == 404
    assert (await client.post("/services/no-such-service/report", data={"note": "x"})).status == 404
    assert (await client.get("/services/BAD%20KEY/report")).status == 404
    json_post = await client.post("/services/gdass/report", json={"note": "x"})
    assert json_post.status == 415
    assert reports(var_dir) == []


async def test_stylesheet_is_local_and_uses_no_web_fonts(client) -> None:
    response = await client.get("/staff-static/staff.css")
    assert response.status == 200 and response.content_type == "text/css"
    css = await response.text()
    assert "govuk-button" in css and "url(" not in css and "GDS Transport" not in css
    html = await (await client.get("/services")).text()
    assert 'href="/staff-static/staff.css"' in html
    assert "http://" not in html.split("<main")[0] and "https://" not in html.split("<main")[0]


async def test_confidential_location_never_on_the_staff_page(aiohttp_client, var_dir, records_with_locations) -> None:
    client = await aiohttp_client(create_app(Settings(directory_path=records_with_locations, var_dir=var_dir)))
    pages = [
        await (await client.get(url)).text()
        for url in (
            "/services?q=refuge",
            "/services?q=Safehouse",
            "/services?area=Kingsholm&need=domestic-abuse",
            "/services?page=1",
            "/services?page=2",
            "/services?page=3",
            "/services/test-secret-refuge/report",
        )
    ]
    everything = "\n".join(pages)
    assert "Test refuge service" in everything  # listed, just never where it is
    public = await (await client.get("/services?q=Open+Door+Hall")).text()
    assert "Open Door Hall" in public  # a public location is shown, so the check below can fail
    for secret in SECRET_STRINGS:
        assert secret not in everything


async def test_reports_are_rate_limited_per_client_and_overall(aiohttp_client, var_dir: Path) -> None:
    from bot.web.staff import REPORTS_PER_CLIENT_PER_HOUR, REPORTS_PER_DAY

    settings = Settings(trusted_proxies=("127.0.0.1/32",), var_dir=var_dir)
    client = await aiohttp_client(create_app(settings))

    async def send(resident: str) -> int:
        response = await client.post(
            "/services/gdass/report", data={"note": "The phone number has changed."},
            headers={"X-Forwarded-For": resident}, allow_redirects=False,
        )
        return response.status

    statuses = [await send("198.51.100.1") for _ in range(REPORTS_PER_CLIENT_PER_HOUR + 2)]
    assert statuses == [303] * REPORTS_PER_CLIENT_PER_HOUR + [429, 429]
    refused = await client.post("/services/gdass/report", data={"note": "again"},
                                headers={"X-Forwarded-For": "198.51.100.1"}, allow_redirects=False)
    assert int(refused.headers["Retry-After"]) >= 1
    assert "tell the directory team another way" in await refused.text()
    # Another resident behind the same proxy is not held up by the first...
    assert await send("198.51.100.2") == 303
    # ...but the inbox as a whole takes at most REPORTS_PER_DAY, from however many addresses.
    sent = REPORTS_PER_CLIENT_PER_HOUR + 1
    index = 0
    while sent < REPORTS_PER_DAY:
        index += 1
        for _ in range(REPORTS_PER_CLIENT_PER_HOUR):
            if sent < REPORTS_PER_DAY:
                assert await send(f"203.0.113.{index}") == 303
                sent += 1
    assert await send("192.0.2.200") == 429
    assert len(reports(var_dir)) == REPORTS_PER_DAY
