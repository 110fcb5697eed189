"""Moved to apps.core.numbering (petitions number their KN codes with it too).

Kept only so that callers outside this app (tests/reports/test_import.py) keep working until
they import from apps.core.numbering; nothing in apps/ uses this module.
"""
from apps.core.numbering import next_number, next_numbers, reserve_number  # noqa: F401
