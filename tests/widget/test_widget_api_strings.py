"""The widget's interface strings and fonts, as the web app serves them (aiohttp test client)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from stub_rasa import StubRasa

from bot.web.app import create_app
from bot.web.widget_fonts import WIDGET_FONTS
from content.tokens import with_contacts
from content.ui_strings import load_ui_strings, strings_for
from ssgp_settings import DEFAULT_DIRECTORY_PATH, Settings

LANGUAGES = ("en", "pl", "ro", "ur", "pa", "pt", "gu")


@pytest.fixture
async def client(aiohttp_client, aiohttp_server):
    rasa = StubRasa()
    server = await aiohttp_server(rasa.app())
    return await aiohttp_client(create_app(Settings(rasa_port=server.port, exit_url="http://127.0.0.1:9/x")))


@pytest.mark.parametrize("lang", LANGUAGES)
async def test_strings_for_each_language_are_filled_and_cacheable(client, lang):
    response = await client.get(f"/widget/strings/{lang}.json")
    assert response.status == 200
    assert response.content_type == "application/json"
    assert "Set-Cookie" not in response.headers
    assert response.headers["Cache-Control"] == "public, max-age=300"
    data = await response.json()
    assert data["language"] == lang
    assert data["dir"] == ("rtl" if lang == "ur" else "ltr")
    strings = data["strings"]
    # Every widget string, none of Telegram's, and the 999 filled in from the directory.
    expected = {name for name in load_ui_strings().texts if not name.startswith("telegram_")}
    assert set(strings) == expected
    assert "999" in strings["emergency_line"] and "{phone:" not in " ".join(strings.values())
    assert "999" in strings["error_unavailable"] and "999" in strings["error_rate_limited"]
    assert "{max_chars}" in strings["error_too_long"]  # filled by the widget with its own limit


async def test_polish_and_urdu_strings_are_in_those_languages(client):
    pl = (await (await client.get("/widget/strings/pl.json")).json())["strings"]
    ur = (await (await client.get("/widget/strings/ur.json")).json())["strings"]
    assert pl["send"] == "Wyślij" and pl["exit"] == "Opuść tę stronę"
    assert ur["send"] == "بھیجیں" and ur["exit"] == "یہ صفحہ چھوڑیں"


@pytest.mark.parametrize(
    "path",
    ["/widget/strings/de.json", "/widget/strings/EN.json", "/widget/strings/english.json", "/widget/strings/.json",
     "/widget/strings/..%2Fconfig.json"],
)
async def test_unknown_languages_get_a_json_404(client, path):
    response = await client.get(path)
    assert response.status == 404
    if response.content_type == "application/json":
        assert (await response.json())["status"] == 404


async def test_config_lists_the_languages_in_their_own_names(client):
    data = await (await client.get("/widget/config.json")).json()
    assert [lang["code"] for lang in data["languages"]] == list(LANGUAGES)
    assert [lang["name"] for lang in data["languages"]] == [
        "English", "Polski", "Română", "اردو", "ਪੰਜਾਬੀ", "Português", "ગુજરાતી",
    ]
    assert {lang["code"] for lang in data["languages"] if lang["dir"] == "rtl"} == {"ur"}


def _fonts_installed() -> bool:
    return all(font.path.is_file() for font in WIDGET_FONTS)


async def test_fonts_are_offered_and_served_from_our_own_origin(client):
    if not _fonts_installed():
        pytest.fail("widget fonts missing: run scripts/ensure_fonts.sh (npm ci in widget/fonts)")
    data = await (await client.get("/widget/config.json")).json()
    families = {font["family"] for font in data["fonts"]}
    assert families == {"SSGP Noto Nastaliq Urdu", "SSGP Noto Sans Gurmukhi", "SSGP Noto Sans Gujarati"}
    for font in data["fonts"]:
        assert font["url"].startswith("fonts/") and font["url"].endswith(".woff2")
        assert font["unicode_range"].startswith("U+")
        response = await client.get("/widget/" + font["url"])
        assert response.status == 200
        assert response.headers["Content-Type"] == "font/woff2"
        body = await response.read()
        assert body[:4] == b"wOF2"  # a real WOFF2 file


@pytest.mark.parametrize(
    "path",
    ["/widget/fonts/nope.woff2", "/widget/fonts/..%2F..%2Fpackage.json", "/widget/fonts/LICENSE",
     "/widget/fonts/noto-nastaliq-urdu-latin-400-normal.woff2"],
)
async def test_only_the_listed_font_files_are_served(client, path):
    response = await client.get(path)
    assert response.status == 404


def test_the_widgets_built_in_english_matches_the_strings_file():
    """The widget carries English so it works before (and without) the strings route; it must say
    exactly what content/ui_strings.yml says."""
    source = (Path(__file__).resolve().parents[2] / "widget" / "src" / "i18n.js").read_text(encoding="utf-8")
    block = source.split("const ENGLISH = {", 1)[1].split("\n};", 1)[0]
    literal = r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\""
    built_in = {}
    entry = rf"^\s*(\w+):\s*((?:{literal})(?:\s*\+\s*(?:{literal}))*),?$"
    for name, value in re.findall(entry, block, flags=re.M | re.S):
        parts = [p[1:-1].replace('"', '\\"').replace("\\'", "'") for p in re.findall(literal, value)]
        built_in[name] = "".join(json.loads(f'"{p}"') for p in parts)
    english = strings_for("en")
    assert built_in, "could not read ENGLISH from widget/src/i18n.js"
    for name, text in built_in.items():
        assert text == with_contacts(english[name], DEFAULT_DIRECTORY_PATH), name
    # The assistant's own reply words (service cards, signposting, the concern summary) live in the same
    # file but are not the widget's.
    assistant_words = ("button_", "card_", "concern_", "day_", "services_", "signposting_")
    widget_names = {n for n in english
                    if not n.startswith(("telegram_", "translation_", "language_name", *assistant_words))}
    assert widget_names - {"language_menu", "error_forget_failed", "error_empty"} <= set(built_in)


def test_font_packages_are_pinned_locked_and_openly_licensed():
    fonts_dir = Path(__file__).resolve().parents[2] / "widget" / "fonts"
    package = json.loads((fonts_dir / "package.json").read_text())
    lock = json.loads((fonts_dir / "package-lock.json").read_text())
    assert {f"@fontsource/{font.package}" for font in WIDGET_FONTS} == set(package["dependencies"])
    for name, version in package["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), name
        locked = lock["packages"][f"node_modules/{name}"]
        assert locked["version"] == version and locked["license"] == "OFL-1.1", name
        assert locked["integrity"].startswith("sha512-"), name
