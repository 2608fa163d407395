"""Item statistics as Moodle's quiz statistics report defines them, over plain numbers.

An *observation* is one attempt that included the item: `(item_score, rest_score)`, both 0..1. The rest score
is the mean score of the attempt's other items, or None when the attempt held only this item.

- **Facility index** — the mean item score over the attempts that included the item (Moodle: average mark
  over maximum mark), shown as a percentage: higher is easier.
- **Discrimination index** — Pearson's correlation between the item score and the rest score over the
  observations (for right/wrong items, the point-biserial correlation). Moodle correlates the item's mark with
  the marks on the quiz's other questions; we take their mean rather than their sum so that attempts of
  different lengths (a set taken ten questions at a time) compare — with equal lengths both give the same
  value. Undefined (None, shown as "—") with fewer than `MIN_ATTEMPTS` observations, or when either score
  does not vary.
- **Upper–lower 27%** — the mean item score of the 27% of observations with the highest rest scores minus
  that of the 27% with the lowest (Kelley's groups, round(0.27 n) attempts each). Observations tied at a
  group's edge share its remaining places, so the result does not depend on the order rows came in.
  Undefined when the discrimination index is.
- **Discriminative efficiency** — the covariance of item and rest scores over the largest covariance the same
  scores could reach (each list sorted), as Moodle computes it: a question that everyone gets right cannot
  discriminate much, and this says how much of what it could it does.

Flags, with the thresholds of Moodle's quiz statistics guidance:

- *too easy* — facility ≥ 90% (Moodle's "very easy" and "extremely easy" bands);
- *too hard* — facility < 20% (Moodle's "difficult" band and below);
- *negative discrimination* — index < 0 (Moodle: "question probably invalid"; most often a wrong key);
- *weak discrimination* — 0 ≤ index < 0.20 (Moodle: "very weak").

The facility flags also wait for `MIN_ATTEMPTS` attempts: one student's slip is not a verdict.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MIN_ATTEMPTS = 10
GROUP_SHARE = 0.27
TOO_EASY = 0.90
TOO_HARD = 0.20
WEAK = 0.20
# Sums of squares below this (per observation) are rounding noise: the scores do not vary.
EPSILON = 1e-12

Observation = tuple[float, float | None]


@dataclass(frozen=True)
class Flag:
    key: str
    label: str
    advice: str


TOO_EASY_FLAG = Flag(
    "too-easy", "Too easy", "Nearly everyone gets it right, so it tells students apart little."
)
TOO_HARD_FLAG = Flag(
    "too-hard", "Too hard", "Few get it right: check the wording and the key, or teach it again."
)
NEGATIVE_FLAG = Flag(
    "negative",
    "Negative discrimination",
    "Students who did worse on the rest did better here: check the key first.",
)
WEAK_FLAG = Flag("weak", "Weak discrimination", "Scoring here says little about scoring on the rest.")
FLAGS = (TOO_EASY_FLAG, TOO_HARD_FLAG, NEGATIVE_FLAG, WEAK_FLAG)


@dataclass(frozen=True)
class ItemStatistics:
    attempts: int
    facility: float | None  # 0..1
    discrimination: float | None  # -1..1
    upper_lower: float | None  # -1..1
    efficiency: float | None  # -1..1
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class Moments:
    """Sums over (item, rest) pairs: all a correlation needs, and what the database can add up itself."""

    count: int = 0
    sum_x: float = 0.0
    sum_y: float = 0.0
    sum_xx: float = 0.0
    sum_yy: float = 0.0
    sum_xy: float = 0.0

    @classmethod
    def of(cls, pairs: Iterable[tuple[float, float]]) -> Moments:
        count, sx, sy, sxx, syy, sxy = 0, 0.0, 0.0, 0.0, 0.0, 0.0
        for x, y in pairs:
            count += 1
            sx, sy = sx + x, sy + y
            sxx, syy, sxy = sxx + x * x, syy + y * y, sxy + x * y
        return cls(count, sx, sy, sxx, syy, sxy)

    def correlation(self, minimum: int = MIN_ATTEMPTS) -> float | None:
        n = self.count
        if n < max(minimum, 2):
            return None
        spread_x = self.sum_xx - self.sum_x * self.sum_x / n
        spread_y = self.sum_yy - self.sum_y * self.sum_y / n
        if spread_x <= EPSILON * n or spread_y <= EPSILON * n:
            return None
        together = self.sum_xy - self.sum_x * self.sum_y / n
        return max(-1.0, min(1.0, together / math.sqrt(spread_x * spread_y)))


def facility(scores: Sequence[float]) -> float | None:
    return sum(scores) / len(scores) if scores else None


def discrimination_index(pairs: Sequence[tuple[float, float]], minimum: int = MIN_ATTEMPTS) -> float | None:
    return Moments.of(pairs).correlation(minimum)


def upper_lower_difference(
    pairs: Sequence[tuple[float, float]], minimum: int = MIN_ATTEMPTS, share: float = GROUP_SHARE
) -> float | None:
    if discrimination_index(pairs, minimum) is None:
        return None
    size = max(1, math.floor(share * len(pairs) + 0.5))
    return group_mean(pairs, size, highest=True) - group_mean(pairs, size, highest=False)


def group_mean(pairs: Sequence[tuple[float, float]], size: int, *, highest: bool) -> float:
    """Mean item score of the `size` observations with the highest (or lowest) rest scores, ties shared."""
    ordered = sorted(pairs, key=lambda pair: pair[1], reverse=highest)
    edge = ordered[size - 1][1]
    inside = [x for x, y in ordered if (y > edge if highest else y < edge)]
    tied = [x for x, y in ordered if y == edge]
    places_left = size - len(inside)
    return (sum(inside) + places_left * sum(tied) / len(tied)) / size


def discriminative_efficiency(
    pairs: Sequence[tuple[float, float]], minimum: int = MIN_ATTEMPTS
) -> float | None:
    n = len(pairs)
    if n < max(minimum, 2):
        return None
    xs, ys = [x for x, _ in pairs], [y for _, y in pairs]
    mean_x, mean_y = sum(xs) / n, sum(ys) / n
    covariance = sum((x - mean_x) * (y - mean_y) for x, y in pairs)
    largest = sum((x - mean_x) * (y - mean_y) for x, y in zip(sorted(xs), sorted(ys), strict=True))
    if largest <= EPSILON * n:
        return None
    return covariance / largest


def flags_for(
    attempts: int, facility_index: float | None, discrimination: float | None, minimum: int = MIN_ATTEMPTS
) -> tuple[Flag, ...]:
    flags = []
    if facility_index is not None and attempts >= minimum:
        rounded = round(facility_index, 9)  # 0.9 reached through partial scores is still 0.9
        if rounded >= TOO_EASY:
            flags.append(TOO_EASY_FLAG)
        elif rounded < TOO_HARD:
            flags.append(TOO_HARD_FLAG)
    if discrimination is not None:
        if discrimination < 0:
            flags.append(NEGATIVE_FLAG)
        elif discrimination < WEAK:
            flags.append(WEAK_FLAG)
    return tuple(flags)


def analyse(observations: Sequence[Observation], minimum: int = MIN_ATTEMPTS) -> ItemStatistics:
    """Every measure, from the item's observations (one per attempt that included it)."""
    scores = [score for score, _ in observations]
    pairs = [(score, rest) for score, rest in observations if rest is not None]
    facility_index = facility(scores)
    discrimination = discrimination_index(pairs, minimum)
    return ItemStatistics(
        attempts=len(scores),
        facility=facility_index,
        discrimination=discrimination,
        upper_lower=upper_lower_difference(pairs, minimum),
        efficiency=discriminative_efficiency(pairs, minimum),
        flags=flags_for(len(scores), facility_index, discrimination, minimum),
    )


def analyse_sums(
    attempts: int, score_sum: float, moments: Moments, minimum: int = MIN_ATTEMPTS
) -> ItemStatistics:
    """Facility, discrimination index and flags from sums the database added up (no ranking measures)."""
    facility_index = score_sum / attempts if attempts else None
    discrimination = moments.correlation(minimum)
    return ItemStatistics(
        attempts=attempts,
        facility=facility_index,
        discrimination=discrimination,
        upper_lower=None,
        efficiency=None,
        flags=flags_for(attempts, facility_index, discrimination, minimum),
    )
