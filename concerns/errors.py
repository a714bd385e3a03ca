"""Exceptions the concern library raises to its callers."""

from __future__ import annotations


class ConcernError(Exception):
    """Base class for concern library errors."""


class StoreUnavailable(ConcernError):
    """The concern store could not be reached or the write failed; nothing was saved.

    Every write runs in one transaction, so when this is raised the store holds no part of
    the attempted change. Callers must not tell the user their concern was logged.
    """


class InvalidConcern(ConcernError, ValueError):
    """The caller passed something the library does not accept (unknown category, empty text...)."""
