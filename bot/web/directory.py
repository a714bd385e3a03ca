"""The services directory a request should use: the one at the configured path.

``load_directory`` caches by path and file state, so each request sees the current records without
re-reading unchanged files. Raises ``services_directory.loader.DirectoryError`` while the records
cannot be read (each caller turns that into its own 503).
"""

from __future__ import annotations

from aiohttp import web

from bot.web.app import SETTINGS_KEY
from services_directory.directory import Directory, load_directory


def request_directory(request: web.Request) -> Directory:
    return load_directory(request.app[SETTINGS_KEY].directory_path)
