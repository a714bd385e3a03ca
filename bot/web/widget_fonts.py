"""Fonts for the scripts a device may lack (Urdu Nastaliq, Gurmukhi, Gujarati), served by this app.

The WOFF2 files come from pinned @fontsource npm packages (SIL Open Font License 1.1) installed by
``scripts/ensure_fonts.sh`` into ``widget/fonts/node_modules``; nothing is fetched from a font CDN.
The widget registers them with the FontFace API (``@font-face`` inside a shadow root is ignored by
browsers), each with its ``unicode-range``, so a browser only downloads a font when text in that
script is shown. Latin text (with Polish, Romanian and Portuguese diacritics) uses the device's
own UI font: every current system font covers Latin Extended-A/B, so no download is needed.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

FONTS_ROOT = Path(__file__).resolve().parents[2] / "widget" / "fonts" / "node_modules" / "@fontsource"

ARABIC_RANGE = "U+0600-06FF, U+0750-077F, U+08A0-08FF, U+200C-200E, U+2010-2011, U+FB50-FDFF, U+FE70-FEFC"
GURMUKHI_RANGE = "U+0A01-0A76, U+0964-0965, U+200C-200D, U+25CC, U+262C, U+A830-A839"
GUJARATI_RANGE = "U+0A80-0AFF, U+0964-0965, U+200C-200D, U+25CC, U+A830-A839"


@dataclass(frozen=True)
class WidgetFont:
    family: str  # our own family name, so it cannot clash with a font the host page declares
    package: str
    file: str
    weight: int
    unicode_range: str

    @property
    def path(self) -> Path:
        return FONTS_ROOT / self.package / "files" / self.file


def _pair(family: str, package: str, stem: str, unicode_range: str) -> list[WidgetFont]:
    return [
        WidgetFont(family, package, f"{stem}-{weight}-normal.woff2", weight, unicode_range) for weight in (400, 700)
    ]


WIDGET_FONTS: tuple[WidgetFont, ...] = (
    *_pair("SSGP Noto Nastaliq Urdu", "noto-nastaliq-urdu", "noto-nastaliq-urdu-arabic", ARABIC_RANGE),
    *_pair("SSGP Noto Sans Gurmukhi", "noto-sans-gurmukhi", "noto-sans-gurmukhi-gurmukhi", GURMUKHI_RANGE),
    *_pair("SSGP Noto Sans Gujarati", "noto-sans-gujarati", "noto-sans-gujarati-gujarati", GUJARATI_RANGE),
)
_BY_FILE = {font.file: font for font in WIDGET_FONTS}


def installed_fonts() -> list[dict[str, object]]:
    """The fonts the widget should register (only those installed), for /widget/config.json."""
    return [
        {"family": f.family, "url": f"fonts/{f.file}", "weight": f.weight, "unicode_range": f.unicode_range}
        for f in WIDGET_FONTS
        if f.path.is_file()
    ]


async def font_file(request: web.Request) -> web.StreamResponse:
    font = _BY_FILE.get(request.match_info["name"])
    if font is None or not font.path.is_file():
        return web.json_response({"error": "No such font.", "status": 404}, status=404)
    response = web.FileResponse(font.path, headers={"Content-Type": "font/woff2"})
    # Pinned package versions: a file only changes when the pin does (then the app restarts).
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response
