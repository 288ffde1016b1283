"""Problems found in user input (org files, roster exports), reported all at once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with an input, with where it is.

    ``where`` is a path into the document (``seats[12].reports_to``) or a roster place
    (``row 14, manager``); ``line`` is the 1-based line in the file when known.
    """

    where: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        suffix = f" (line {self.line})" if self.line is not None else ""
        return f"{self.where}: {self.message}{suffix}"


class InputError(Exception):
    """Raised when an input has problems; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
