"""The leadership section of the snapshot, registered with ``org.snapshot``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from practiceos.leadership.reads import vision_of
from practiceos.org.snapshot import register_section
from practiceos.tenancy.models import Practice


@register_section
def leadership_section(practice: Practice, as_of: dt.date) -> dict[str, Any]:
    """The vision (2 queries)."""
    return {"vision": vision_of(practice)}
