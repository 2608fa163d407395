"""Timing helpers: best-of-N throughput, so one slow run on a busy machine does not decide the result."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass


def throughput(action: Callable[[], object], *, seconds: float = 1.0, rounds: int = 3) -> float:
    """Calls per second of `action`, the best of `rounds` runs of about `seconds` each."""
    best = 0.0
    for _ in range(rounds):
        calls, started = 0, time.perf_counter()
        while (elapsed := time.perf_counter() - started) < seconds:
            action()
            calls += 1
        best = max(best, calls / elapsed)
    return best


@dataclass(frozen=True)
class Result:
    name: str
    measured: float
    baseline: float
    unit: str = "requests/s"
    goal: float | None = None
    notes: tuple[str, ...] = ()  # printed under the result

    def line(self) -> str:
        ratio = self.measured / self.baseline
        goal = (
            ""
            if self.goal is None
            else f"  goal ≥ {self.goal:.2f}: {'met' if ratio >= self.goal else 'NOT met'}"
        )
        line = (
            f"{self.name}: {self.measured:,.0f} {self.unit} vs baseline {self.baseline:,.0f} {self.unit}"
            f" → ratio {ratio:.2f}{goal}"
        )
        return "\n".join([line, *(f"  {note}" for note in self.notes)])
