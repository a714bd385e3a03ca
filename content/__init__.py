"""The content register: for every answer, the public sources it rests on and the date its facts were
checked against those sources (or the shared facts reference that cites them)."""

from content.prompts import load_prompts
from content.register import CheckedSource, RegisterEntry, load_register, load_sources_checked

__all__ = ["CheckedSource", "RegisterEntry", "load_prompts", "load_register", "load_sources_checked"]
