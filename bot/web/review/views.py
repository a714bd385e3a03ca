"""Review pages: list and filter, open a concern, change its status, export, trends, audit log."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from aiohttp import web

from bot.web.review.auth import current_session, error_page, render, require_admin, username_of
from bot.web.review.charts import bar_chart
from bot.web.review.csvexport import to_csv
from bot.web.review.keys import STORE_KEY
from concerns import review
from concerns.db import today_local
from concerns.review import NO_AREA, ConcernFilter
from concerns.vocab import CATEGORIES, CATEGORY_LABELS, STATUSES

EXPORT_COLUMNS = (
    "reference", "received_on", "category", "area", "when", "status",
    "what_is_happening", "anything_else", "additions",
)


def _twelve_months_back(today: date) -> date:
    """The first day of the month eleven months ago: twelve calendar months including this one."""
    year, month = today.year, today.month - 11
    if month <= 0:
        month += 12
        year -= 1
    return date(year, month, 1)


# The trends page counts and draws every month in its range: a range of thousands of years took
# seconds and tens of MB while holding the event loop. Two years covers the retention period.
MAX_TRENDS_DAYS = 731
TRENDS_RANGE_ERROR = "Choose a period of two years or less. Showing the last twelve months instead."


def trends_range(date_from: date | None, date_to: date | None,
                 today: date) -> tuple[date, date, list[str]]:
    """The period the trends page shows: always bounded, at most MAX_TRENDS_DAYS long."""
    if date_from is None and date_to is None:
        return _twelve_months_back(today), today, []
    if date_to is None:
        date_to = max(today, date_from) if date_from else today
    if date_from is None:
        date_from = date_to.fromordinal(max(1, date_to.toordinal() - (MAX_TRENDS_DAYS - 1)))
    if date_from > date_to or (date_to - date_from).days >= MAX_TRENDS_DAYS:
        errors = [] if date_from > date_to else [TRENDS_RANGE_ERROR]
        return _twelve_months_back(today), today, errors
    return date_from, date_to, []


def _page(request: web.Request) -> int:
    raw = request.query.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < len(raw) < 6 else 1


def _concern_id(request: web.Request) -> int:
    return int(request.match_info["concern_id"])


async def concern_list(request: web.Request) -> web.StreamResponse:
    flt, errors = ConcernFilter.from_query(request.query)
    page = _page(request)
    store = request.config_dict[STORE_KEY]
    rows, total = await store.run(review.list_concerns, flt, username_of(request), page=page)
    pages = max(1, -(-total // review.PAGE_SIZE))
    query = flt.as_query()
    return render(request, "list.html", {
        "title": "Concerns",
        "rows": rows,
        "total": total,
        "page": page,
        "pages": pages,
        "filter": flt,
        "query": query,
        "errors": errors,
        "no_area": NO_AREA,
        "prev_url": f"/review/?{urlencode({**query, 'page': page - 1})}" if page > 1 else None,
        "next_url": f"/review/?{urlencode({**query, 'page': page + 1})}" if page < pages else None,
        "export_url": "/review/export.csv" + (f"?{urlencode(query)}" if query else ""),
    })


async def concern_detail(request: web.Request) -> web.StreamResponse:
    store = request.config_dict[STORE_KEY]
    concern = await store.run(review.get_concern, _concern_id(request), username_of(request))
    if concern is None:
        return error_page(request, 404, "Not found", "There is no concern with that number.")
    return render(request, "detail.html", {
        "title": "Concern " + concern.created_on.isoformat(),
        "concern": concern,
        "message": request.query.get("done", ""),
        "error": None,
    })


async def concern_status(request: web.Request) -> web.StreamResponse:
    data = await request.post()
    new_status = str(data.get("status", ""))
    note = str(data.get("note", ""))
    concern_id = _concern_id(request)
    store = request.config_dict[STORE_KEY]
    if new_status not in STATUSES:
        return error_page(request, 400, "Choose a status", "Choose one of the statuses in the list.")
    if len(note) > review.MAX_NOTE_CHARS:
        return error_page(request, 400, "Note too long",
                          f"A note can be at most {review.MAX_NOTE_CHARS} characters.")
    changed = await store.run(review.change_status, concern_id, new_status, note, username_of(request))
    if not changed:
        return error_page(request, 404, "Not found", "There is no concern with that number.")
    raise web.HTTPSeeOther(f"/review/concerns/{concern_id}?done=status")


@require_admin
async def concern_delete(request: web.Request) -> web.StreamResponse:
    data = await request.post()
    if data.get("confirm") != "yes":
        return error_page(request, 400, "Not deleted",
                          "Tick the box to confirm that this concern should be erased.")
    store = request.config_dict[STORE_KEY]
    deleted = await store.run(review.delete_concern, _concern_id(request), username_of(request))
    if not deleted:
        return error_page(request, 404, "Not found", "There is no concern with that number.")
    raise web.HTTPSeeOther("/review/?deleted=1")


async def export_csv(request: web.Request) -> web.StreamResponse:
    flt, errors = ConcernFilter.from_query(request.query)
    if errors:
        return error_page(request, 400, "Check the filter", " ".join(errors))
    store = request.config_dict[STORE_KEY]
    rows = await store.run(review.export_rows, flt, username_of(request))
    body = "\ufeff" + to_csv(rows, EXPORT_COLUMNS)  # BOM: spreadsheets then read UTF-8 correctly
    return web.Response(
        body=body.encode("utf-8"),
        content_type="text/csv",
        charset="utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="concerns-{today_local().isoformat()}.csv"',
            "Cache-Control": "no-store",
        },
    )


async def trends_page(request: web.Request) -> web.StreamResponse:
    flt, errors = ConcernFilter.from_query(
        {k: v for k, v in request.query.items() if k in ("from", "to")}
    )
    date_from, date_to, range_errors = trends_range(flt.date_from, flt.date_to, today_local())
    errors = errors + range_errors
    store = request.config_dict[STORE_KEY]
    data = await store.run(review.trends, username_of(request), date_from=date_from, date_to=date_to)
    month_totals = [(m, sum(data.by_month[m].values())) for m in data.months]
    period = f"{date_from.isoformat() if date_from else 'the start'} to " \
             f"{date_to.isoformat() if date_to else 'today'}"
    charts = {
        "month": bar_chart(
            "chart-month", "Concerns received each month",
            f"{data.total} concerns from {period}; the table below gives the counts by category.",
            month_totals,
        ),
        "category": bar_chart(
            "chart-category", "Concerns by category",
            f"Number of concerns in each category, {period}.",
            [(CATEGORY_LABELS[c], data.by_category[c]) for c in CATEGORIES],
        ),
        "area": bar_chart(
            "chart-area", "Concerns by area",
            f"Number of concerns in each area, {period}. Areas are wards at most; never streets.",
            data.by_area,
        ),
    }
    return render(request, "trends.html", {
        "title": "Trends",
        "data": data,
        "charts": charts,
        "date_from": date_from.isoformat() if date_from else "",
        "date_to": date_to.isoformat() if date_to else "",
        "errors": errors,
        "categories": CATEGORIES,
    })


@require_admin
async def audit_page(request: web.Request) -> web.StreamResponse:
    page = _page(request)
    store = request.config_dict[STORE_KEY]
    entries, total = await store.run(review.list_audit, username_of(request), page=page)
    pages = max(1, -(-total // 100))
    return render(request, "audit.html", {
        "title": "Audit log",
        "entries": entries,
        "total": total,
        "page": page,
        "pages": pages,
        "prev_url": f"/review/audit?page={page - 1}" if page > 1 else None,
        "next_url": f"/review/audit?page={page + 1}" if page < pages else None,
        "session": current_session(request),
    })
