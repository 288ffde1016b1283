"""Rule modules; importing this package registers every rule with the engine.

A new area adds a module here (``roles.py``, ``accountability.py`` ...) and imports it below.
"""

from practiceos.core.health.rules import (
    accountability,
    alignment,
    hiring,
    leadership,
    meetings,
    processes,
    roles,
    structure,
)

__all__ = [
    "accountability",
    "alignment",
    "hiring",
    "leadership",
    "meetings",
    "processes",
    "roles",
    "structure",
]
