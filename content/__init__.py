"""The content register: for every answer, the public sources it rests on and when they were checked."""

from content.prompts import load_prompts
from content.register import RegisterEntry, load_register

__all__ = ["RegisterEntry", "load_prompts", "load_register"]
