"""Review pages: escaping, CSRF, roles, status changes, additions, audit log, export, trends."""

from __future__ import annotations

import csv
import io
import logging
import re
from datetime import date
from html.parser import HTMLParser

from review_helpers import ADMIN, REVIEWER, csrf_from, login, page_token, sign_out_locally
from sqlalchemy import insert, select

from concerns.schema import audit_log, concerns, review_notes

XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'><svg onload=alert(2)>'


def _concern_id(engine, reference: str) -> int:
    code = reference.replace("-", "")
    with engine.connect() as conn:
        return conn.execute(select(concerns.c.id).where(concerns.c.reference == code)).scalar_one()


def _audit(engine) -> list[tuple[str | None, str, int | None, str]]:
    with engine.connect() as conn:
        rows = conn.execute(select(audit_log).order_by(audit_log.c.id)).all()
    return [(r.username, r.action, r.concern_id, r.detail) for r in rows]


class _Elements(HTMLParser):
    """Collects the elements and attributes a browser would actually build from the page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(name for name, _ in attrs)


def _no_inline_code(html: str, *, charts: bool = False) -> None:
    """No script or style element, no style attribute, no event-handler attribute, no javascript: URL."""
    parser = _Elements()
    parser.feed(html)
    assert "script" not in parser.tags and "style" not in parser.tags
    assert ("img" not in parser.tags and "svg" not in parser.tags) or "review-chart" in html
    assert "style" not in parser.attributes
    assert not [a for a in parser.attributes if a.startswith("on")]
    assert "javascript:" not in html.lower()


# --- escaping -----------------------------------------------------------------------------


async def test_concern_text_is_escaped_everywhere(client, accounts, engine, concern_service):
    receipt = concern_service.submit("hate_crime", None, None, XSS, XSS)
    concern_service.add_information(receipt.reference, XSS)
    cid = _concern_id(engine, receipt.reference)
    await login(client, *REVIEWER)
    token = await page_token(client, f"/review/concerns/{cid}")
    await client.post(f"/review/concerns/{cid}/status",
                      data={"csrf_token": token, "status": "reviewed", "note": XSS})
    html = await (await client.get(f"/review/concerns/{cid}")).text()
    _no_inline_code(html)
    assert "&lt;script&gt;alert(" in html
    assert html.count("&lt;script&gt;") >= 4  # what, anything else, the addition, the note
    _no_inline_code(await (await client.get("/review/")).text())
    _no_inline_code(await (await client.get("/review/trends")).text(), charts=True)


async def test_filter_values_are_escaped(client, accounts):
    await login(client, *REVIEWER)
    html = await (await client.get("/review/", params={"reference": '"><script>x</script>',
                                                        "from": "<b>"})).text()
    _no_inline_code(html)
    assert "A reference has 9 letters" in html


# --- CSRF ---------------------------------------------------------------------------------


async def test_state_changes_need_the_session_csrf_token(client, accounts, engine, concern_service):
    receipt = concern_service.submit("other", None, None, "Fly-tipping behind the garages.")
    cid = _concern_id(engine, receipt.reference)
    await login(client, *REVIEWER)
    url = f"/review/concerns/{cid}/status"
    # No token, an empty one, a wrong one.
    for data in ({"status": "closed"}, {"status": "closed", "csrf_token": ""},
                 {"status": "closed", "csrf_token": "forged-token"}):
        response = await client.post(url, data=data, allow_redirects=False)
        assert response.status == 403
    # A real token, but from another session (another reviewer's).
    rita_token = await page_token(client)
    sign_out_locally(client)
    await login(client, *ADMIN)
    response = await client.post(url, data={"status": "closed", "csrf_token": rita_token},
                                 allow_redirects=False)
    assert response.status == 403
    with engine.connect() as conn:
        assert conn.execute(select(concerns.c.status)).scalar_one() == "new"
        assert conn.execute(select(review_notes)).first() is None
    # With this session's token it works.
    token = await page_token(client)
    response = await client.post(url, data={"status": "closed", "csrf_token": token}, allow_redirects=False)
    assert response.status == 303
    with engine.connect() as conn:
        assert conn.execute(select(concerns.c.status)).scalar_one() == "closed"


async def test_login_and_logout_need_csrf(client, accounts):
    await client.get("/review/login")
    response = await client.post("/review/login", data={"username": REVIEWER[0], "password": REVIEWER[1]},
                                 allow_redirects=False)
    assert response.status == 403
    await login(client, *REVIEWER)
    response = await client.post("/review/logout", data={}, allow_redirects=False)
    assert response.status == 403
    assert (await client.get("/review/", allow_redirects=False)).status == 200  # still signed in


# --- roles --------------------------------------------------------------------------------


async def test_reviewers_cannot_read_the_audit_log_or_erase(client, accounts, engine, concern_service):
    receipt = concern_service.submit("other", None, None, "Noise every night.")
    cid = _concern_id(engine, receipt.reference)
    await login(client, *REVIEWER)
    assert (await client.get("/review/audit")).status == 403
    html = await (await client.get(f"/review/concerns/{cid}")).text()
    assert "Erase this concern" not in html and "Audit log</a>" not in html
    token = csrf_from(html)
    response = await client.post(f"/review/concerns/{cid}/delete", data={"csrf_token": token, "confirm": "yes"})
    assert response.status == 403
    assert concern_service.status(receipt.reference) == "new"
    assert ("rita", "forbidden", None, "GET /review/audit") in _audit(engine)


async def test_admins_can_read_the_audit_log_and_erase(client, accounts, engine, concern_service):
    receipt = concern_service.submit("other", None, None, "Noise every night.")
    cid = _concern_id(engine, receipt.reference)
    await login(client, *ADMIN)
    assert (await client.get("/review/audit")).status == 200
    token = await page_token(client, f"/review/concerns/{cid}")
    # Without the confirmation box nothing happens.
    response = await client.post(f"/review/concerns/{cid}/delete", data={"csrf_token": token})
    assert response.status == 400
    response = await client.post(f"/review/concerns/{cid}/delete",
                                 data={"csrf_token": token, "confirm": "yes"}, allow_redirects=False)
    assert response.status == 303
    assert concern_service.status(receipt.reference) is None
    entries = _audit(engine)
    assert ("adam", "delete_concern", None, f"erased {receipt.reference}") in entries
    # The erased concern's own view entries went with it.
    assert all(e[2] is None for e in entries)


# --- reviewing ----------------------------------------------------------------------------


async def test_list_filter_open_and_change_status(client, accounts, engine, concern_service):
    a = concern_service.submit("cuckooing_drugs", "Tuffley", "every night", "Lads dealing from the flat.")
    b = concern_service.submit("street_drinking_begging", "Gloucester city centre", "today",
                               "Drinking by the benches.")
    concern_service.add_information(b.reference, "Again this morning.")
    await login(client, *REVIEWER)
    html = await (await client.get("/review/")).text()
    assert a.reference in html and b.reference in html and "new information" in html
    html = await (await client.get("/review/", params={"category": "cuckooing_drugs"})).text()
    assert a.reference in html and b.reference not in html
    html = await (await client.get("/review/", params={"area": "Gloucester city centre"})).text()
    assert b.reference in html and a.reference not in html
    html = await (await client.get("/review/", params={"reference": b.reference.lower()})).text()
    assert b.reference in html and a.reference not in html
    html = await (await client.get("/review/", params={"from": "2025-05-21"})).text()
    assert "0 concerns match" in html
    html = await (await client.get("/review/", params={"category": "nonsense"})).text()
    assert "Choose a category from the list" in html

    cid = _concern_id(engine, b.reference)
    html = await (await client.get(f"/review/concerns/{cid}")).text()
    assert "Drinking by the benches." in html and "Again this morning." in html
    token = csrf_from(html)
    response = await client.post(f"/review/concerns/{cid}/status",
                                 data={"csrf_token": token, "status": "referred", "note": "Sent to outreach."},
                                 allow_redirects=False)
    assert response.status == 303
    html = await (await client.get(response.headers["Location"])).text()
    assert "Sent to outreach." in html and "Referred" in html
    assert concern_service.status(b.reference) == "referred"
    # Opening it cleared the "new information" mark.
    assert "new information" not in await (await client.get("/review/")).text()
    # A bad status is refused.
    response = await client.post(f"/review/concerns/{cid}/status",
                                 data={"csrf_token": token, "status": "deleted"})
    assert response.status == 400
    assert (await client.get("/review/concerns/999999")).status == 404


async def test_every_view_and_change_is_audited(client, accounts, engine, concern_service):
    receipt = concern_service.submit("domestic_abuse", None, None, "Shouting and crying next door.")
    cid = _concern_id(engine, receipt.reference)
    await login(client, *REVIEWER)
    await client.get("/review/", params={"status": "new"})
    token = await page_token(client, f"/review/concerns/{cid}")
    await client.post(f"/review/concerns/{cid}/status", data={"csrf_token": token, "status": "reviewed"})
    await client.get("/review/export.csv")
    await client.get("/review/trends")
    await client.post("/review/logout", data={"csrf_token": token})
    await login(client, "rita", "wrong-password-000", expect=401)
    await login(client, "nobody-here", "wrong-password-000", expect=401)

    entries = _audit(engine)
    actions = [(user, action) for user, action, _cid, _d in entries]
    for expected in [("rita", "login"), ("rita", "list_concerns"), ("rita", "view_concern"),
                     ("rita", "change_status"), ("rita", "export_csv"), ("rita", "view_trends"),
                     ("rita", "logout"), ("rita", "login_failed"), (None, "login_failed")]:
        assert expected in actions, expected
    change = next(e for e in entries if e[1] == "change_status")
    assert change[2] == cid and change[3] == "new -> reviewed"
    assert any(e[1] == "list_concerns" and "status=new" in e[3] for e in entries)
    # An unknown username typed at sign-in is not written down (it may be a password).
    assert all("nobody-here" not in (e[0] or "") + e[3] for e in entries)

    sign_out_locally(client)
    await login(client, *ADMIN)
    html = await (await client.get("/review/audit")).text()
    assert "change_status" in html and "view_concern" in html and "rita" in html


# --- export -------------------------------------------------------------------------------


DANGEROUS = ["=HYPERLINK(\"http://x\",\"click\")", "+1+1", "@SUM(A1:A2)", "-3+3", "  =cmd|' /C calc'!A0",
             "\t=1+1", "\r=1+1", "\n=1"]


async def test_csv_export_with_formula_protection(client, accounts, engine, concern_service):
    # Rows written straight to the table: the export must be safe whatever the store holds.
    with engine.begin() as conn:
        for index, text in enumerate(DANGEROUS):
            conn.execute(insert(concerns).values(
                reference=f"TEST{index:05d}", category="other", area=None, when_label="today",
                created_on=date(2025, 5, 1), what_text=text, extra_text=text, status="new",
            ))
    concern_service.submit("antisocial_behaviour", "Tuffley", "today", "Plain text, with a comma.")
    await login(client, *REVIEWER)
    response = await client.get("/review/export.csv")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert response.headers["Content-Disposition"].startswith("attachment;")
    body = (await response.read()).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == len(DANGEROUS) + 1
    for row in rows:
        for cell in row.values():
            assert not cell.lstrip(" \n").startswith(("=", "+", "-", "@", "\t", "\r")), cell
    texts = [row["what_is_happening"] for row in rows]
    for text in DANGEROUS:
        assert "'" + text in texts  # shown as text, otherwise unchanged
    assert "Plain text, with a comma." in texts
    filtered = await client.get("/review/export.csv", params={"category": "antisocial_behaviour"})
    rows = list(csv.DictReader(io.StringIO((await filtered.read()).decode("utf-8-sig"))))
    assert [r["what_is_happening"] for r in rows] == ["Plain text, with a comma."]
    assert rows[0]["area"] == "Tuffley"
    assert (await client.get("/review/export.csv", params={"from": "nope"})).status == 400


# --- trends -------------------------------------------------------------------------------


async def test_trends_tables_and_accessible_svg(client, accounts, concern_service):
    for _ in range(3):
        concern_service.submit("cuckooing_drugs", "Tuffley", "today", "Dealing again.")
    concern_service.submit("hate_crime", None, None, "Graffiti on the mosque wall.")
    await login(client, *REVIEWER)
    html = await (await client.get("/review/trends", params={"from": "2025-01-01", "to": "2025-12-31"})).text()
    _no_inline_code(html, charts=True)
    assert html.count("<svg") == 3
    assert html.count('role="img"') == 3
    for chart in ("chart-month", "chart-category", "chart-area"):
        assert f'aria-labelledby="{chart}-title {chart}-desc"' in html
        assert f'<title id="{chart}-title">' in html and f'<desc id="{chart}-desc">' in html
    assert "<caption" in html and 'scope="col"' in html
    # Month table row: 2025-05 with 3 cuckooing, 1 hate crime, 4 in all.
    row = re.search(r"<th scope=\"row\"[^>]*>2025-05</th>(.*?)</tr>", html, re.S).group(1)
    numbers = re.findall(r">(\d+)<", row)
    assert numbers == ["3", "0", "0", "0", "0", "1", "0", "4"]
    # Every month of the period has a row, empty months as zeros.
    assert html.count('<th scope="row" class="nowrap">2025-') == 12
    assert re.search(r"<th scope=\"row\">Tuffley</th><td class=\"numeric\">3</td>", html)
    assert re.search(r"<th scope=\"row\">Not given</th><td class=\"numeric\">1</td>", html)
    assert ">Tuffley</text>" in html  # chart bars carry text labels
    html = await (await client.get("/review/trends", params={"from": "2026-01-01", "to": "2026-01-31"})).text()
    assert "No concerns in this period" in html


# --- logs ---------------------------------------------------------------------------------


async def test_logs_never_contain_concern_text(client, accounts, engine, concern_service, caplog):
    caplog.set_level(logging.INFO)
    receipt = concern_service.submit("other", None, None, "Quixotic-marker outside the chapel.")
    cid = _concern_id(engine, receipt.reference)
    await login(client, *REVIEWER)
    token = await page_token(client, f"/review/concerns/{cid}")
    await client.post(f"/review/concerns/{cid}/status",
                      data={"csrf_token": token, "status": "reviewed", "note": "Quixotic-note"})
    await client.get("/review/export.csv")
    await login(client, *REVIEWER)
    assert "Quixotic" not in caplog.text
    assert REVIEWER[1] not in caplog.text
