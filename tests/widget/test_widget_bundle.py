"""Static checks on the committed widget bundle: it is what the source builds to, and it
contains nothing that stores data on the device, injects HTML or loads anything from elsewhere."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WIDGET = ROOT / "widget"
BUILT = ROOT / "bot" / "web" / "static" / "widget"
FILES = ["ssgp-chat.js", "ssgp-chat.css", "demo-host.css", "favicon.svg"]


@pytest.mark.frontend
def test_committed_bundle_is_built_from_the_current_source(tmp_path):
    node = shutil.which("node")
    if node is None or not (WIDGET / "node_modules" / "esbuild").exists():
        pytest.fail("node and widget/node_modules are needed: run `make widget` (cd widget && npm ci)")
    subprocess.run([node, "build.mjs", "--outdir", str(tmp_path)], cwd=WIDGET, check=True, capture_output=True)
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (BUILT / name).read_bytes(), (
            f"{name} is stale: run `make widget` and commit bot/web/static/widget/"
        )


def js_code() -> str:
    text = (BUILT / "ssgp-chat.js").read_text()
    # Drop comments so the checks look at code only.
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"^\s*//.*$", "", text, flags=re.M)


@pytest.mark.parametrize(
    "forbidden",
    [
        "localStorage",
        "sessionStorage",
        "indexedDB",
        ".cookie",
        "caches.open",
        "serviceWorker",
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
        'setAttribute("style"',
        ".style.cssText",
        "XMLHttpRequest",
        "WebSocket",
        "importScripts",
    ],
)
def test_bundle_has_no_storage_html_injection_or_inline_style(forbidden):
    assert forbidden not in js_code()


def test_bundle_only_names_expected_absolute_urls():
    urls = set(re.findall(r"https?://[^\s\"'`)]+", js_code()))
    # The default quick-exit destination (a navigation, never fetched) and the SVG namespace.
    assert urls <= {"https://www.bbc.co.uk/weather", "http://www.w3.org/2000/svg"}


def test_bundle_requests_are_same_origin_and_credential_free():
    code = js_code()
    fetches = re.findall(r"fetch\(([^,]+),", code)
    assert fetches and all(arg.strip().startswith(("this.", "url")) for arg in fetches)
    assert code.count('credentials: "omit"') >= 3


def test_stylesheets_load_nothing_else():
    for name in ["ssgp-chat.css", "demo-host.css"]:
        css = (BUILT / name).read_text()
        assert "@import" not in css and "@font-face" not in css
        assert re.search(r"url\(", css) is None, name


def test_npm_dependencies_are_pinned_and_locked():
    package = json.loads((WIDGET / "package.json").read_text())
    lock = json.loads((WIDGET / "package-lock.json").read_text())
    for section in ("dependencies", "devDependencies"):
        for name, version in package.get(section, {}).items():
            assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} is not pinned: {version}"
            assert lock["packages"][f"node_modules/{name}"]["version"] == version
    assert {"govuk-frontend", "esbuild", "axe-core"} <= {
        *package.get("dependencies", {}),
        *package.get("devDependencies", {}),
    }
