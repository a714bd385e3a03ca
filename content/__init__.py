"""The content register: for every answer, the public sources it rests on and the date its facts were
checked against those sources (or the shared facts reference that cites them)."""

from content.prompts import load_prompts
from content.register import RegisterEntry, load_register

__all__ = ["RegisterEntry", "load_prompts", "load_register"]
