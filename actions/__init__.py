"""Rasa SDK custom actions. Each module is thin: the work happens in plain Python libraries."""
