"""The public aiohttp web app: widget, chat proxy, staff pages, ORUK API, review."""
