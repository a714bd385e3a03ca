"""Export and import of translations: CSV and XLIFF 1.2 (LANG.md "Import / export format").

Export writes every translatable English text with its hash and, where one exists, the current
translation, so a partner translator can review or fill it. Import checks every row's
``source_sha256`` against the current English (a row made from older English is refused and
reported), writes the text into the domain / prompts / UI strings file with a ruamel.yaml round trip
(comments, order and quoting kept; a file is only rewritten when something in it changed) and
records the translation in content/translations.yml. Importing the same file twice changes nothing.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString
from ruamel.yaml.util import load_yaml_guess_indent

from content.languages import CODES
from content.translation import (
    DEFAULT_SOURCES,
    LANGUAGE_SLOT,
    EnglishSource,
    Sources,
    all_english_sources,
    domain_files,
    english_indices,
    english_source,
    other_conditions,
    source_of,
    split_response_key,
    variation_language,
)

CSV_COLUMNS = ("key", "language", "source_sha256", "english", "translation", "method", "reviewed_by", "reviewed_on")
BUTTON_KEY = re.compile(r"^(?P<key>.+)\.button\.(?P<index>\d+)$")
XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"


@dataclass
class Translation:
    """One translated text (with its button titles) as read from an import file."""

    key: str
    language: str
    source_sha256: str
    text: str
    method: str = ""
    reviewed_by: str | None = None
    reviewed_on: str | None = None
    button_titles: dict[int, str] = field(default_factory=dict)


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # "key (pl): reason"
    files_changed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused


# ---------------------------------------------------------------- reading what exists


def existing_translation(source: EnglishSource, language: str, sources: Sources) -> tuple[str, list[str]]:
    """The current translation of ``source`` in ``language`` (text, button titles), or empty."""
    from content.translation import load_domain_responses, load_prompt_entries, load_ui_strings

    key = source.key
    if key.startswith("prompt."):
        entry = (load_prompt_entries(sources.prompts).get(key[7:]) or {}).get("translations") or {}
        found = entry.get(language) or {}
        return str(found.get("text") or ""), [str(t) for t in found.get("buttons") or []]
    if key.startswith("ui."):
        return str((load_ui_strings(sources.ui_strings).get(key[3:]) or {}).get(language) or ""), []
    name, number = split_response_key(key)
    variations = load_domain_responses(sources.domain_dir).get(name) or []
    for position, variation in enumerate(variations):
        if variation_language(variation) == language and source_of(variations, position) == number:
            return str(variation.get("text") or ""), [str(b.get("title", "")) for b in variation.get("buttons") or []]
    return "", []


# ---------------------------------------------------------------- export


def export_rows(
    language: str, sources: Sources = DEFAULT_SOURCES, prefixes: Iterable[str] = ()
) -> list[dict[str, str]]:
    from content.translation import load_register

    register = load_register(sources.register)
    prefixes = tuple(prefixes)
    rows: list[dict[str, str]] = []
    for source in all_english_sources(sources):
        if prefixes and not source.key.startswith(prefixes):
            continue
        text, titles = existing_translation(source, language, sources)
        record = register.get((source.key, language))
        rows.append({
            "key": source.key, "language": language, "source_sha256": source.sha256, "english": source.text,
            "translation": text, "method": record.method if record else "",
            "reviewed_by": (record.reviewed_by or "") if record else "",
            "reviewed_on": (record.reviewed_on or "") if record else "",
        })
        for index, title in enumerate(source.button_titles):
            rows.append({
                "key": f"{source.key}.button.{index}", "language": language, "source_sha256": source.sha256,
                "english": title, "translation": titles[index] if index < len(titles) else "",
                "method": "", "reviewed_by": "", "reviewed_on": "",
            })
    return rows


def to_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def to_xliff(rows: list[dict[str, str]], language: str) -> str:
    ET.register_namespace("", XLIFF_NS)
    root = ET.Element(f"{{{XLIFF_NS}}}xliff", {"version": "1.2"})
    file_el = ET.SubElement(root, f"{{{XLIFF_NS}}}file", {
        "original": "stronger-safer-gloucester", "source-language": "en", "target-language": language,
        "datatype": "plaintext",
    })
    body = ET.SubElement(file_el, f"{{{XLIFF_NS}}}body")
    for row in rows:
        unit = ET.SubElement(body, f"{{{XLIFF_NS}}}trans-unit", {"id": row["key"], "resname": row["key"]})
        ET.SubElement(unit, f"{{{XLIFF_NS}}}source").text = row["english"]
        target = ET.SubElement(unit, f"{{{XLIFF_NS}}}target")
        target.text = row["translation"]
        if row["translation"]:
            target.set("state", "translated" if row["reviewed_by"] else "needs-review-translation")
        for name in ("source_sha256", "method", "reviewed_by", "reviewed_on"):
            if row[name]:
                ET.SubElement(unit, f"{{{XLIFF_NS}}}note", {"from": name}).text = row[name]
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


# ---------------------------------------------------------------- reading import files


def read_csv_rows(text: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = {"key", "language", "source_sha256", "translation"} - set(reader.fieldnames or [])
    if missing:
        raise ValueError(f"CSV is missing the column(s): {', '.join(sorted(missing))}")
    return [{k: (v or "") for k, v in row.items() if k} for row in reader]


def read_xliff_rows(text: str) -> list[dict[str, str]]:
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise ValueError("XLIFF files with a DOCTYPE or entities are not accepted")
    # Translators' files are trusted partners' work; entities and DOCTYPEs are refused above.
    root = ET.fromstring(text)  # noqa: S314
    rows: list[dict[str, str]] = []
    for file_el in root.iter(f"{{{XLIFF_NS}}}file"):
        language = file_el.get("target-language", "")
        for unit in file_el.iter(f"{{{XLIFF_NS}}}trans-unit"):
            notes = {n.get("from", ""): (n.text or "") for n in unit.findall(f"{{{XLIFF_NS}}}note")}
            target = unit.find(f"{{{XLIFF_NS}}}target")
            source = unit.find(f"{{{XLIFF_NS}}}source")
            rows.append({
                "key": unit.get("resname") or unit.get("id") or "", "language": language,
                "source_sha256": notes.get("source_sha256", ""),
                "english": source.text or "" if source is not None else "",
                "translation": (target.text or "") if target is not None else "",
                "method": notes.get("method", ""), "reviewed_by": notes.get("reviewed_by", ""),
                "reviewed_on": notes.get("reviewed_on", ""),
            })
    return rows


def read_rows(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    if path.suffix.lower() == ".csv":
        return read_csv_rows(text)
    if path.suffix.lower() in (".xlf", ".xliff"):
        return read_xliff_rows(text)
    raise ValueError(f"{path.name}: the format is chosen by extension: .csv, .xlf or .xliff")


def group_rows(rows: list[dict[str, str]]) -> tuple[list[Translation], list[str]]:
    """Main rows become Translations; button rows attach their titles to them."""
    translations: dict[tuple[str, str], Translation] = {}
    buttons: list[tuple[str, str, int, str]] = []
    problems: list[str] = []
    for row in rows:
        key, language = row.get("key", "").strip(), row.get("language", "").strip()
        match = BUTTON_KEY.match(key)
        if match:
            buttons.append((match["key"], language, int(match["index"]), row.get("translation", "")))
            continue
        translations[(key, language)] = Translation(
            key=key, language=language, source_sha256=row.get("source_sha256", "").strip(),
            text=row.get("translation", ""), method=row.get("method", "").strip(),
            reviewed_by=row.get("reviewed_by", "").strip() or None,
            reviewed_on=row.get("reviewed_on", "").strip() or None,
        )
    for key, language, index, title in buttons:
        if (key, language) in translations:
            if title.strip():
                translations[(key, language)].button_titles[index] = title.strip()
        else:
            problems.append(f"{key}.button.{index} ({language}): no row for {key} itself")
    return list(translations.values()), problems


# ---------------------------------------------------------------- writing


class YamlFile:
    """A YAML file loaded for a round trip, written back only if its content changed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.original = path.read_text(encoding="utf-8") if path.is_file() else ""
        # ruamel guesses the sequence indent and the dash offset; the mapping indent is their
        # difference (domain files: "  - x" under a key = 4 and 2; prompts.yml: "- x" = 2 and 0).
        _, sequence, offset = load_yaml_guess_indent(self.original or "a: 1\n")
        sequence, offset = sequence or 2, offset or 0
        self.yaml = YAML()
        self.yaml.preserve_quotes = True  # type: ignore[assignment]
        self.yaml.width = 4096  # type: ignore[assignment]
        self.yaml.indent(mapping=max(sequence - offset, 2), sequence=sequence, offset=offset)
        self.yaml.representer.add_representer(
            type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null"))
        self.dirty = False
        self.data = self.yaml.load(self.original) if self.original else CommentedMap()

    def save(self) -> bool:
        if not self.dirty:
            return False
        out = io.StringIO()
        self.yaml.dump(self.data, out)
        text = out.getvalue()
        if text == self.original:
            return False
        self.path.write_text(text, encoding="utf-8")
        self.original = text
        return True


def _open(files: dict[Path, YamlFile], path: Path) -> YamlFile:
    # One round-trip parse per file per import (dict.setdefault would parse it again every call).
    if path not in files:
        files[path] = YamlFile(path)
    return files[path]


def _scalar(text: str) -> Any:
    return LiteralScalarString(text) if "\n" in text else DoubleQuotedScalarString(text)


def _same_text(old: Any, new: str) -> bool:
    return old is not None and str(old) == new


def _update_variation(variation: CommentedMap, text: str, titles: list[str]) -> bool:
    """Bring an existing translated variation up to date; True if anything changed."""
    changed = False
    if not _same_text(variation.get("text"), text):
        variation["text"] = _scalar(text)
        changed = True
    for button, title in zip(variation.get("buttons") or [], titles, strict=False):
        if not _same_text(button.get("title"), title):
            button["title"] = DoubleQuotedScalarString(title)
            changed = True
    return changed


def _write_domain(translation: Translation, source: EnglishSource, sources: Sources,
                  files: dict[Path, YamlFile]) -> bool:
    """Put the translated variation right after the English one (and its other translations)."""
    name, number = split_response_key(translation.key)
    for path in domain_files(sources.domain_dir):
        doc = _open(files, path)
        responses = (doc.data or {}).get("responses") or {}
        if name in responses:
            break
    else:
        raise KeyError(name)
    variations: CommentedSeq = responses[name]
    plain = [dict(v) for v in variations]
    english_position = english_indices(plain)[number]
    english = variations[english_position]
    titles = [translation.button_titles.get(i, t) for i, t in enumerate(source.button_titles)]
    existing = next((p for p, v in enumerate(plain)
                     if variation_language(v) == translation.language and source_of(plain, p) == number), None)
    if existing is not None:
        changed = _update_variation(variations[existing], translation.text, titles)
        doc.dirty = doc.dirty or changed
        return changed
    variation = CommentedMap()
    conditions = CommentedSeq()
    for kind, slot, value in other_conditions(dict(english)):
        conditions.append(CommentedMap([("type", kind), ("name", slot), ("value", value)]))
    conditions.append(CommentedMap([("type", "slot"), ("name", LANGUAGE_SLOT), ("value", translation.language)]))
    variation["condition"] = conditions
    variation["text"] = _scalar(translation.text)
    if english.get("buttons"):
        buttons = CommentedSeq()
        for button, title in zip(english["buttons"], titles, strict=False):
            buttons.append(CommentedMap([("title", DoubleQuotedScalarString(title)), ("payload", button["payload"])]))
        variation["buttons"] = buttons
    for key in ("channel",):
        if key in english:
            variation[key] = english[key]
    # After the English variation and any translations of it already there.
    insert_at = english_position + 1
    while insert_at < len(plain) and variation_language(plain[insert_at]) is not None:
        insert_at += 1
    _move_trailing_comment(variations[insert_at - 1], variation)
    variations.insert(insert_at, variation)
    doc.dirty = True
    return True


def _last_item(node: Any) -> tuple[Any, Any] | None:
    """The innermost container holding the last scalar of ``node``, and that scalar's key/index."""
    if isinstance(node, CommentedMap) and node:
        key = list(node.keys())[-1]
        inner = _last_item(node[key]) if isinstance(node[key], (CommentedMap, CommentedSeq)) else None
        return inner or (node, key)
    if isinstance(node, CommentedSeq) and node:
        inner = _last_item(node[-1]) if isinstance(node[-1], (CommentedMap, CommentedSeq)) else None
        return inner or (node, len(node) - 1)
    return None


def _move_trailing_comment(before: Any, inserted: Any) -> None:
    # The blank line that separates one response from the next is a comment on the last scalar
    # of the variation before the insertion point; move it so it stays before the next response.
    old, new = _last_item(before), _last_item(inserted)
    if not old or not new or type(old[0]) is not type(new[0]):
        return
    tokens = old[0].ca.items.pop(old[1], None)
    if tokens:
        new[0].ca.items[new[1]] = tokens


def _write_prompt(translation: Translation, source: EnglishSource, sources: Sources,
                  files: dict[Path, YamlFile]) -> bool:
    doc = _open(files, sources.prompts)
    prompt = doc.data["prompts"][translation.key[len("prompt."):]]
    entry = CommentedMap([("text", _scalar(translation.text))])
    if source.button_titles:
        titles = [translation.button_titles.get(i, t) for i, t in enumerate(source.button_titles)]
        entry["buttons"] = CommentedSeq(DoubleQuotedScalarString(t) for t in titles)
    translations = prompt.setdefault("translations", CommentedMap())
    old = translations.get(translation.language)
    if old is not None and str(old.get("text")) == translation.text and \
            [str(t) for t in old.get("buttons") or []] == [str(t) for t in entry.get("buttons") or []]:
        return False
    translations[translation.language] = entry
    doc.dirty = True
    return True


def _write_ui(translation: Translation, sources: Sources, files: dict[Path, YamlFile]) -> bool:
    doc = _open(files, sources.ui_strings)
    entry = doc.data["strings"][translation.key[len("ui."):]]
    if _same_text(entry.get(translation.language), translation.text):
        return False
    entry[translation.language] = DoubleQuotedScalarString(translation.text)
    doc.dirty = True
    return True


def _write_register(translation: Translation, files: dict[Path, YamlFile], sources: Sources) -> bool:
    doc = _open(files, sources.register)
    if doc.data is None:
        doc.data = CommentedMap()
    entries = doc.data.get("translations")
    if not entries or not isinstance(entries, list):  # also replaces the file's empty flow list []
        entries = CommentedSeq()
        doc.data["translations"] = entries
    values = [("key", translation.key), ("language", translation.language),
              ("source_sha256", translation.source_sha256), ("method", translation.method or None),
              ("reviewed_by", translation.reviewed_by), ("reviewed_on", translation.reviewed_on)]
    for entry in entries:
        if entry.get("key") == translation.key and entry.get("language") == translation.language:
            changed = False
            for name, value in values[2:]:
                if (str(entry.get(name)) if entry.get(name) is not None else None) != value:
                    entry[name] = value
                    changed = True
            doc.dirty = doc.dirty or changed
            return changed
    entries.append(CommentedMap(values))
    doc.dirty = True
    return True


def import_rows(rows: list[dict[str, str]], sources: Sources = DEFAULT_SOURCES) -> ImportReport:
    report = ImportReport()
    translations, problems = group_rows(rows)
    report.refused.extend(problems)
    files: dict[Path, YamlFile] = {}
    for translation in translations:
        label = f"{translation.key} ({translation.language})"
        if translation.language not in CODES or translation.language == "en":
            report.refused.append(f"{label}: not a language we translate into ({', '.join(CODES[1:])})")
            continue
        source = english_source(translation.key, sources)
        if source is None:
            report.refused.append(f"{label}: no such English text")
            continue
        if translation.source_sha256 != source.sha256:
            report.refused.append(
                f"{label}: stale: made from different English (source_sha256 {translation.source_sha256[:12]}..., "
                f"current {source.sha256[:12]}...); translate the current English again"
            )
            continue
        if not translation.text.strip():
            report.refused.append(f"{label}: empty translation")
            continue
        if translation.key.startswith("prompt."):
            changed = _write_prompt(translation, source, sources, files)
        elif translation.key.startswith("ui."):
            changed = _write_ui(translation, sources, files)
        else:
            changed = _write_domain(translation, source, sources, files)
        changed = _write_register(translation, files, sources) or changed
        (report.imported if changed else report.unchanged).append(label)
    for path, doc in files.items():
        if doc.save():
            report.files_changed.append(str(path))
    return report


def import_file(path: Path, sources: Sources = DEFAULT_SOURCES) -> ImportReport:
    return import_rows(read_rows(path), sources)
