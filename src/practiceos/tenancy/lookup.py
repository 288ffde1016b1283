"""Resolving the ``--practice SLUG`` option of command-line tools."""

from __future__ import annotations

from django.core.management.base import CommandError

from practiceos.tenancy.models import Practice


def practice_from_option(slug: str | None) -> Practice:
    """The practice named by ``--practice``, or the only one; a clear error otherwise."""
    if slug:
        practice = Practice.objects.filter(slug=slug).first()
        if practice is None:
            known = ", ".join(Practice.objects.order_by("slug").values_list("slug", flat=True)[:20])
            raise CommandError(
                f'--practice: no practice "{slug}"; known practices: {known or "none"}'
            )
        return practice
    practices = list(Practice.objects.order_by("slug")[:21])
    if len(practices) == 1:
        return practices[0]
    if not practices:
        raise CommandError(
            "--practice: there is no practice yet; run `practiceos demo` or `practiceos load FILE`"
        )
    known = ", ".join(p.slug for p in practices[:20])
    raise CommandError(f"--practice: there are several practices; name one of {known}")
