"""Progress bars for long command-line work (imports, loads, checks)."""

from __future__ import annotations

import sys
from collections.abc import Callable

from tqdm import tqdm


def stage_bars(enabled: bool = True) -> tuple[Callable[[str, int, int], None], Callable[[], None]]:
    """A ``progress(stage, done, total)`` callback drawing one tqdm bar per stage, and a closer.

    Bars go to stderr so ``-o -`` style output stays clean; disabled when stderr is not a
    terminal unless forced, so logs and CI output are not flooded.
    """
    bars: dict[str, tqdm] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if not enabled:
            return
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(
                total=total, desc=stage, unit="row", file=sys.stderr, leave=True
            )
        bar.total = total
        bar.n = done
        bar.refresh()

    def close() -> None:
        for bar in bars.values():
            bar.close()

    return progress, close
