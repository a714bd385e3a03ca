"""The JSON error body every public endpoint answers with: ``{"error": message, "status": status}``.

One helper, so the chat API, the ORUK API and the app-wide error middleware cannot drift apart.
"""

from __future__ import annotations

from aiohttp import web


def json_error(status: int, message: str, retry_after: float | None = None) -> web.Response:
    """A JSON error response; ``retry_after`` (seconds) becomes a whole-second Retry-After header."""
    response = web.json_response({"error": message, "status": status}, status=status)
    if retry_after is not None:
        response.headers["Retry-After"] = str(max(1, int(retry_after + 0.999)))
    return response
