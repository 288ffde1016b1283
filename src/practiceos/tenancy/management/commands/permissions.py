"""``practiceos permissions``: print the permission matrix (which role may do what)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from practiceos.tenancy.models import MemberRole
from practiceos.tenancy.permissions import matrix_rows


class Command(BaseCommand):
    help = "Print the one permission table: every action and the roles allowed to do it."

    def handle(self, *args: Any, **options: Any) -> None:
        roles = list(MemberRole.values)
        width = max(len(action) for action, _ in matrix_rows())
        self.stdout.write(f"{'action':<{width}}  " + "  ".join(f"{r:<7}" for r in roles))
        for action, allowed in matrix_rows():
            marks = "  ".join(f"{'yes' if r in allowed else '-':<7}" for r in roles)
            self.stdout.write(f"{action:<{width}}  {marks}")
