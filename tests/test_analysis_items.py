"""Item statistics on hand-computed examples: facility, discrimination, upper–lower 27%, efficiency, flags."""

import math
import random
import statistics

import pytest

from app.analysis.items import (
    MIN_ATTEMPTS,
    NEGATIVE_FLAG,
    TOO_EASY_FLAG,
    TOO_HARD_FLAG,
    WEAK_FLAG,
    Moments,
    analyse,
    analyse_sums,
    discrimination_index,
    discriminative_efficiency,
    facility,
    flags_for,
    group_mean,
    upper_lower_difference,
)

# Four attempts: the two who did best on the rest got the item right.
GOOD = [(1.0, 0.8), (1.0, 0.6), (0.0, 0.4), (0.0, 0.2)]
# Ten attempts with ties at both 27% edges (3 attempts per group).
TIED = [
    (1.0, 0.9),
    (1.0, 0.7),
    (0.0, 0.7),
    (0.0, 0.7),
    (1.0, 0.5),
    (0.0, 0.5),
    (1.0, 0.3),
    (0.0, 0.3),
    (0.0, 0.3),
    (0.0, 0.1),
]


def test_facility_is_the_mean_item_score():
    assert facility([1.0, 0.0, 0.5, 1.0]) == 0.625
    assert facility([]) is None


def test_point_biserial_of_a_right_wrong_item():
    # deviations x: ±0.5, y: 0.3 0.1 −0.1 −0.3 → Σxy = 0.4, Σx² = 1, Σy² = 0.2 → r = 0.4 / √0.2 = 2/√5
    assert discrimination_index(GOOD, minimum=4) == pytest.approx(2 / math.sqrt(5))
    reversed_key = [(1.0 - x, y) for x, y in GOOD]
    assert discrimination_index(reversed_key, minimum=4) == pytest.approx(-2 / math.sqrt(5))


def test_discrimination_with_ties_and_partial_scores():
    # mean x 0.4, mean y 0.5; Σdxdy = 0.4, Σdx² = 2.4, Σdy² = 0.56 → r = 0.4 / √1.344
    assert discrimination_index(TIED) == pytest.approx(0.4 / math.sqrt(1.344))
    partial = [(0.5, 0.2), (1.0, 0.9), (0.0, 0.1), (0.5, 0.6)]
    # deviations x: 0 .5 −.5 0, y: −.25 .45 −.35 .15 → Σxy = 0.4, Σx² = 0.5, Σy² = 0.41
    assert discrimination_index(partial, minimum=4) == pytest.approx(0.4 / math.sqrt(0.5 * 0.41))


def test_discrimination_matches_the_standard_library_on_random_data():
    rng = random.Random(7)
    pairs = [(rng.choice([0.0, 0.5, 1.0]), rng.random()) for _ in range(300)]
    expected = statistics.correlation([x for x, _ in pairs], [y for _, y in pairs])
    assert discrimination_index(pairs) == pytest.approx(expected, abs=1e-9)


def test_discrimination_is_undefined_without_variance_or_enough_attempts():
    assert discrimination_index([(1.0, y / 10) for y in range(10)]) is None  # everyone right
    assert discrimination_index([(x % 2, 2 / 3) for x in range(10)]) is None  # the rest never varies
    assert discrimination_index(TIED[: MIN_ATTEMPTS - 1]) is None
    assert discrimination_index([(1.0, 0.5)], minimum=1) is None  # one attempt: no correlation at all
    assert discrimination_index([]) is None


def test_upper_lower_27_percent():
    # n = 4 → groups of round(1.08) = 1: the best rest got it right, the worst did not
    assert upper_lower_difference(GOOD, minimum=4) == 1.0
    assert upper_lower_difference([(1.0 - x, y) for x, y in GOOD], minimum=4) == -1.0


def test_upper_lower_shares_the_places_of_ties_at_the_edge():
    # n = 10 → groups of 3. Upper: 0.9 (right) in full, then 2 places shared by the three 0.7s (1 right of 3):
    # (1 + 2 × 1/3) / 3 = 5/9. Lower: 0.1 (wrong), then 2 places among the three 0.3s (1 of 3): (2/3) / 3 = 2/9.
    assert group_mean(TIED, 3, highest=True) == pytest.approx(5 / 9)
    assert group_mean(TIED, 3, highest=False) == pytest.approx(2 / 9)
    assert upper_lower_difference(TIED) == pytest.approx(1 / 3)
    shuffled = TIED[:]
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        assert upper_lower_difference(shuffled) == pytest.approx(1 / 3)


def test_discriminative_efficiency_against_the_best_possible_order():
    assert discriminative_efficiency(GOOD, minimum=4) == pytest.approx(1.0)
    assert discriminative_efficiency([(1.0 - x, y) for x, y in GOOD], minimum=4) == pytest.approx(-1.0)
    # TIED: covariance sum 0.4; sorted x (six 0s, four 1s) against sorted y: Σ(y − 0.5) over the top four
    # rests (0.9, 0.7, 0.7, 0.7) = 1.0, times (1 − 0.4), plus the six lowest × (0 − 0.4) = −1.0 × −0.4 → 1.0
    assert discriminative_efficiency(TIED) == pytest.approx(0.4)
    assert discriminative_efficiency([(1.0, y / 10) for y in range(10)]) is None


@pytest.mark.parametrize(
    ("attempts", "facility_index", "discrimination", "expected"),
    [
        (10, 0.9, 0.3, [TOO_EASY_FLAG]),
        (10, 0.89, 0.3, []),
        (10, 0.2, 0.3, []),
        (10, 0.19, 0.3, [TOO_HARD_FLAG]),
        (10, 0.5, -0.01, [NEGATIVE_FLAG]),
        (10, 0.5, 0.0, [WEAK_FLAG]),
        (10, 0.5, 0.19, [WEAK_FLAG]),
        (10, 0.5, 0.2, []),
        (10, 0.95, -0.3, [TOO_EASY_FLAG, NEGATIVE_FLAG]),
        (9, 1.0, None, []),  # too few attempts to judge the facility
        (10, 1.0, None, [TOO_EASY_FLAG]),
        (0, None, None, []),
    ],
)
def test_flags(attempts, facility_index, discrimination, expected):
    assert list(flags_for(attempts, facility_index, discrimination)) == expected


def test_facility_reached_through_partial_scores_meets_the_threshold():
    almost = sum([0.1] * 9)  # 0.8999999999999999
    assert almost < 0.9
    assert flags_for(10, almost, None) == (TOO_EASY_FLAG,)


def test_analyse_one_attempt_and_attempts_with_nothing_else():
    alone = analyse([(1.0, 0.5)])
    assert (alone.attempts, alone.facility, alone.discrimination, alone.flags) == (1, 1.0, None, ())
    single_item = analyse([(1.0, None)] * 6 + [(0.0, None)] * 4)
    assert single_item.attempts == 10 and single_item.facility == 0.6
    assert single_item.discrimination is None and single_item.upper_lower is None
    nothing = analyse([])
    assert nothing.attempts == 0 and nothing.facility is None and nothing.flags == ()


def test_analyse_puts_the_measures_together():
    result = analyse([*TIED, (1.0, None)])  # the last attempt held only this item: facility only
    assert result.attempts == 11
    assert result.facility == pytest.approx(5 / 11)
    assert result.discrimination == pytest.approx(0.4 / math.sqrt(1.344))
    assert result.upper_lower == pytest.approx(1 / 3)
    assert result.flags == ()


def test_sums_from_the_database_give_the_same_answers():
    observations = [*TIED, (1.0, None)]
    pairs = [(x, y) for x, y in observations if y is not None]
    from_sums = analyse_sums(len(observations), sum(x for x, _ in observations), Moments.of(pairs))
    direct = analyse(observations)
    assert from_sums.facility == pytest.approx(direct.facility)
    assert from_sums.discrimination == pytest.approx(direct.discrimination)
    assert from_sums.flags == direct.flags
    assert from_sums.upper_lower is None and from_sums.efficiency is None
