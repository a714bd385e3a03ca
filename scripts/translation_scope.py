"""List the English texts in scope for translation (issue 12), with their keys and hashes.

Keys and hashes follow docs/LANG design ("Keys and hashes"):
- domain response: the response name; a response's 2nd, 3rd ... English variation is `name#1`, `name#2`;
- form prompt: `prompt.<name>`;
- hash: sha256 hex of the English text exactly as written; for a response with buttons, the text,
  then "\n", then the button titles joined by "\n".
A row per button title, `<key>.button.<i>` (0-based), carries the parent's hash: the parent hash
already covers the titles, so a changed title makes every row of that text stale together.

Usage:
    python -m scripts.translation_scope                  # tab-separated: tier, key, hash, English
    python -m scripts.translation_scope --csv FILE.yml LANG > content/translations/import/LANG.csv
The second form turns a draft file ({key: translation, "<key>.button.<i>": title, ...}) into an
import CSV in the LANG.md format, with the hash of the current English, so a translator never
types a hash. Keys in the draft that are not in scope (or whose English is gone) are reported.
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
METHOD = "machine draft by an AI assistant, 2026-11-30"

# Priority tiers, highest first (issue 12 section 3). A translator works down this list.
TIERS: list[tuple[str, list[str]]] = [
    (
        "1-crisis",
        [
            "utter_crisis_danger",
            "utter_crisis_cannot_speak",
            "utter_crisis_suicide",
            "utter_crisis_child",
            "utter_faq/silent_solution",
            "prompt.concern_in_danger_now",
            "utter_interpreters",
            "utter_unsupported_language",
        ],
    ),
    (
        "2-menu",
        [
            "utter_greet",
            "utter_menu",
            "utter_topic_menu",
            "utter_fallback",
            "utter_out_of_scope",
            "utter_privacy",
            "utter_goodbye",
            "utter_cancelled",
            "utter_capabilities",
            "utter_bot_challenge",
            "prompt.empty_message",
        ],
    ),
    (
        "3-concern",
        [
            "utter_report_anonymously",
            "prompt.concern_safe",
            "prompt.concern_category",
            "prompt.concern_area",
            "prompt.concern_when",
            "prompt.concern_what",
            "prompt.concern_extra",
            "prompt.concern_confirm",
            "prompt.concern_logged",
            "prompt.concern_not_sent",
            "prompt.concern_store_down",
            "prompt.concern_safe_unclear",
            "prompt.concern_category_unclear",
            "prompt.concern_area_unclear",
            "prompt.concern_area_dropped",
            "prompt.concern_when_unclear",
            "prompt.concern_what_unclear",
            "prompt.concern_extra_unclear",
            "prompt.concern_confirm_unclear",
            "prompt.concern_invalid",
        ],
    ),
    (
        "4-faq",
        [
            "utter_faq/da_what_is",
            "utter_faq/da_get_help",
            "utter_faq/da_disclosure",
            "utter_faq/da_help_friend",
            "utter_faq/ask_for_ani",
            "utter_faq/cuckooing_what",
            "utter_faq/county_lines_what",
            "utter_faq/cuckooing_signs",
            "utter_faq/cuckooing_what_to_do",
            "utter_faq/exploitation_signs_young_person",
            "utter_faq/angela_what",
            "utter_faq/angela_how",
            "utter_faq/angela_no_response",
            "utter_faq/aces_what",
            "utter_faq/aces_impact",
            "utter_faq/aces_resilience",
            "utter_faq/aces_trauma_informed",
            "utter_faq/aces_local",
        ],
    ),
    (
        "5-signposting",
        [
            "prompt.service_need",
            "prompt.service_for",
            "prompt.service_area",
            "prompt.service_need_unclear",
            "prompt.service_for_unclear",
            "prompt.service_area_unclear",
            "utter_offer_declined",
        ],
    ),
]

# English of the two new responses from issue 12 (lang-translate notes), used only until the lead
# adds them to the domain; once there, the domain text wins.
PENDING_ENGLISH: dict[str, tuple[str, list[str]]] = {
    "utter_interpreters": (
        "If you call {phone:police-emergency} and English is hard for you, say the name of your "
        'language in English, for example "Polish", and stay on the line: the call handler can '
        "bring in a telephone interpreter. For the National Domestic Abuse Helpline and other "
        "services, ask for an interpreter, and check with the service.",
        [],
    ),
    # The text and language buttons follow lang-core's domain/language.yml; the last paragraph adds the
    # interpreter fact (issue 12, "Unsupported languages").
    "utter_unsupported_language": (
        "**If you are in danger now, call {phone:police-emergency}.**\n\n"
        "I can answer in these languages: English, Polski, Română, اردو, ਪੰਜਾਬੀ, Português, ગુજરાતી. "
        "Choose one below, or write in English.\n\n"
        "If you call {phone:police-emergency} and English is hard for you, say the name of your language in "
        "English and stay on the line: the call handler can bring in a telephone interpreter. For other "
        "helplines, ask for an interpreter, and check with the service.",
        ["English", "Polski", "Română", "اردو", "ਪੰਜਾਬੀ", "Português", "ગુજરાતી"],
    ),
}


@dataclass(frozen=True)
class Entry:
    tier: str
    key: str
    text: str
    buttons: tuple[str, ...]

    @property
    def english(self) -> str:
        """The text the hash is taken over: text, then the button titles, one a line."""
        return "\n".join([self.text, *self.buttons]) if self.buttons else self.text

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.english.encode()).hexdigest()


def _is_english(variation: dict) -> bool:
    # A variation conditioned on the language slot (other than en) is a translation, not English.
    for cond in variation.get("condition") or []:
        if cond.get("name") == "language" and cond.get("value") != "en":
            return False
    return True


def _load_responses() -> dict[str, list[dict]]:
    responses: dict[str, list[dict]] = {}
    for path in sorted((ROOT / "domain").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variations in (data.get("responses") or {}).items():
            responses[name] = [v for v in variations if _is_english(v)]
    return responses


def _load_prompts() -> dict[str, dict]:
    data = yaml.safe_load((ROOT / "content" / "prompts.yml").read_text(encoding="utf-8"))
    return data["prompts"]


def _titles(item: dict) -> tuple[str, ...]:
    return tuple(str(b["title"]) for b in item.get("buttons") or [])


def scope() -> list[Entry]:
    responses = _load_responses()
    prompts = _load_prompts()
    entries: list[Entry] = []
    for tier, keys in TIERS:
        for key in keys:
            if key.startswith("prompt."):
                item = prompts[key.removeprefix("prompt.")]
                entries.append(Entry(tier, key, str(item["text"]), _titles(item)))
            elif key in responses:
                for i, variation in enumerate(responses[key]):
                    k = key if i == 0 else f"{key}#{i}"
                    entries.append(Entry(tier, k, str(variation["text"]), _titles(variation)))
            elif key in PENDING_ENGLISH:
                text, buttons = PENDING_ENGLISH[key]
                entries.append(Entry(tier, key, text, tuple(buttons)))
            else:
                raise KeyError(f"{key} is in scope but not in domain/ or content/prompts.yml")
    return entries


_PLACEHOLDER = re.compile(r"\{[^{}]+\}")


def _check_markup(key: str, english: str, translation: str) -> list[str]:
    """Placeholders and markdown must survive translation exactly (numbers come from the directory)."""
    problems = []
    if sorted(_PLACEHOLDER.findall(english)) != sorted(_PLACEHOLDER.findall(translation)):
        problems.append(f"{key}: placeholders differ from the English")
    for mark in ("**", "\n- "):
        if english.count(mark) != translation.count(mark):
            problems.append(f"{key}: {mark!r} count differs from the English")
    return problems


HEADER = ["key", "language", "source_sha256", "english", "translation", "method", "reviewed_by", "reviewed_on"]


def write_csv(draft_path: Path, language: str, out=sys.stdout) -> list[str]:
    """Write the import CSV for one language from a draft YAML; return the problems found."""
    draft: dict[str, str] = yaml.safe_load(draft_path.read_text(encoding="utf-8")) or {}
    problems: list[str] = []
    used: set[str] = set()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for entry in scope():
        if entry.key not in draft:
            continue
        used.add(entry.key)
        problems += _check_markup(entry.key, entry.text, draft[entry.key])
        writer.writerow([entry.key, language, entry.sha256, entry.text, draft[entry.key], METHOD, "", ""])
        for i, title in enumerate(entry.buttons):
            bkey = f"{entry.key}.button.{i}"
            if bkey not in draft:
                problems.append(f"missing button title {bkey}")
                continue
            used.add(bkey)
            writer.writerow([bkey, language, entry.sha256, title, draft[bkey], METHOD, "", ""])
    problems += [f"not in scope: {k}" for k in draft if k not in used]
    return problems


def main(argv: list[str]) -> int:
    if argv[:1] == ["--csv"]:
        problems = write_csv(Path(argv[1]), argv[2])
        for p in problems:
            print(p, file=sys.stderr)
        return 1 if problems else 0
    for entry in scope():
        print(f"{entry.tier}\t{entry.key}\t{entry.sha256}\t{entry.english!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
