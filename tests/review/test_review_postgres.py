"""The review app against a real PostgreSQL server (DATABASE_URL_TEST), end to end."""

from __future__ import annotations

import csv
import io
import os
from datetime import date

import pytest
from review_helpers import ADMIN, csrf_from, login
from sqlalchemy import select, text
from sqlalchemy.future import create_engine

from bot.web.app import create_app
from concerns import ConcernService
from concerns.accounts import create_reviewer
from concerns.db import make_engine, migrate_engine
from concerns.schema import audit_log, metadata
from ssgp_settings import Settings

PG_URL = os.environ.get("DATABASE_URL_TEST", "")

pytestmark = [pytest.mark.postgres, pytest.mark.skipif(not PG_URL, reason="DATABASE_URL_TEST is not set")]


@pytest.fixture
def pg_engine():
    engine = create_engine(PG_URL, future=True)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        conn.execute(text("DROP FUNCTION IF EXISTS ssgp_test_fail() CASCADE"))
    metadata.drop_all(engine)
    engine.dispose()
    engine = make_engine(PG_URL)
    migrate_engine(engine)
    yield engine
    engine.dispose()


async def test_review_flow_on_postgres(aiohttp_client, pg_engine):
    create_reviewer(pg_engine, *ADMIN, role="admin")
    service = ConcernService(PG_URL, today=lambda: date(2025, 4, 2))
    first = service.submit("cuckooing_drugs", "Podsmead", "every night", "Visitors all night at flat 2.")
    service.submit("hate_crime", None, "today", "=1+1 written on the bus shelter")
    service.add_information(first.reference, "Still going on.")
    service.close()

    client = await aiohttp_client(create_app(Settings(database_url=PG_URL)))
    await login(client, *ADMIN)
    html = await (await client.get("/review/", params={"area": "Podsmead", "from": "2025-04-01"})).text()
    assert first.reference in html and "1 concern match" in html
    with pg_engine.connect() as conn:
        cid = conn.execute(text("SELECT id FROM concerns WHERE area = 'Podsmead'")).scalar_one()
    page = await (await client.get(f"/review/concerns/{cid}")).text()
    assert "flat 2" not in page and "Still going on." in page
    response = await client.post(f"/review/concerns/{cid}/status",
                                 data={"csrf_token": csrf_from(page), "status": "referred", "note": "to police"},
                                 allow_redirects=False)
    assert response.status == 303
    trends = await (await client.get("/review/trends", params={"from": "2025-01-01", "to": "2025-12-31"})).text()
    assert '<th scope="row" class="nowrap">2025-04</th>' in trends
    body = (await (await client.get("/review/export.csv")).read()).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert {r["status"] for r in rows} == {"referred", "new"}
    assert any(r["what_is_happening"].startswith("'=1+1") for r in rows)
    assert (await client.get("/review/audit")).status == 200
    with pg_engine.connect() as conn:
        actions = set(conn.execute(select(audit_log.c.action)).scalars())
    assert {"login", "list_concerns", "view_concern", "change_status", "view_trends",
            "export_csv", "view_audit"} <= actions
