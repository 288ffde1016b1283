"""Every app's declared pages and operations: one module per app, collected here.

A new app adds ``tests/matrix/declared/<app>.py`` with ``PAGES`` and ``OPERATIONS`` lists
(see ``tests/matrix/declare.py``); nothing else needs to change.
"""

from __future__ import annotations

import importlib
import pkgutil

from tests.matrix.declare import Declared


def collect() -> Declared:
    """All declared entries; a name declared twice is an error naming both modules."""
    found = Declared()
    origin: dict[str, str] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for entry in getattr(module, "PAGES", []):
            if entry.key in origin:
                raise ValueError(f"{entry.key} declared in {origin[entry.key]} and {info.name}")
            origin[entry.key] = info.name
            found.pages[entry.key] = entry
        for entry in getattr(module, "OPERATIONS", []):
            if entry.key in origin:
                raise ValueError(f"{entry.key} declared in {origin[entry.key]} and {info.name}")
            origin[entry.key] = info.name
            found.operations[entry.key] = entry
    return found
