"""Person-specific compression limits: the Dortmund recommendations.

NIOSH's 3400 N action limit is one figure for every worker. The Dortmund
recommendations (Jäger et al. 2001; revised by Jäger 2018, EXCLI J
17:362-385) derive compression limits by age and sex from the ultimate
compressive strength of lumbar segments measured on autopsy material: the
2018 revision pools 1192 values from 11 studies, between 0.6 and 15.6 kN,
mean 4.84 +/- 2.50 kN (abstract, seen in the source).

**Confidence.** The per-decade table below is the one of the Dortmund
recommendations as recalled (from memory, not re-read); the revised
table of Jäger 2018 could not be read when this was written. Check it
against the primary source before relying on a value.
"""

import itertools
from typing import Final, Literal

from backsafe import _validation as v
from backsafe.exceptions import InvalidInputError
from backsafe.spine import _constants as k
from backsafe.spine._types import Limits, Sex

#: Recommended compression limit by age (years), kN: (women, men). The
#: Dortmund recommendations' table, from memory (see the module's note).
DORTMUND_LIMITS_KN: Final[tuple[tuple[float, float, float], ...]] = (
    (20.0, 4.4, 6.0),
    (30.0, 3.8, 5.0),
    (40.0, 3.2, 4.1),
    (50.0, 2.5, 3.2),
    (60.0, 1.8, 2.3),
)

#: Ages accepted (design choice: adults; the table holds its end values
#: below 20 and above 60 years).
MIN_AGE_YEARS: Final = 16.0
MAX_AGE_YEARS: Final = 110.0

SexName = Sex | Literal["female", "male"]


def dortmund_limits(*, age_years: float, sex: SexName) -> Limits:
    """Return compression limits for a person's age and sex.

    The compression action limit is the Dortmund recommendation for the
    age and sex (interpolated linearly between decades, held at the
    table's ends below 20 and above 60 years); the maximum permissible
    compression stays NIOSH's 6400 N, and the shear limits stay McGill's
    500 N and 1000 N. Pass the result as ``limits=`` to `spinal_load`,
    `score` or any function that grades.

    The table is from memory of the Dortmund recommendations (Jäger et
    al. 2001, revised by Jäger 2018); see the model page before relying on
    a value.

    Args:
        age_years: Age, 16-110 years.
        sex: ``"female"`` or ``"male"``.

    Returns:
        The limits.

    Raises:
        InvalidInputError: Age out of range, or an unknown sex.

    >>> dortmund_limits(age_years=45, sex="female").compression_action_n
    2850.0
    >>> dortmund_limits(age_years=20, sex="male").compression_action_n
    6000.0

    .. versionadded:: 0.1.0
    """
    age = v.check_real(
        "age_years",
        age_years,
        min_value=MIN_AGE_YEARS,
        max_value=MAX_AGE_YEARS,
        unit="years",
    )
    if not isinstance(sex, str) or sex not in _SEXES:  # type: ignore[redundant-expr]
        raise InvalidInputError.out_of_range("sex", sex, "'female' or 'male'")
    column = 1 if Sex(sex) is Sex.FEMALE else 2
    return Limits(
        compression_action_n=round(1000.0 * _interpolate(age, column), 6),
        compression_maximum_n=k.NIOSH_MAXIMUM_PERMISSIBLE_LIMIT_N,
    )


_SEXES: Final = frozenset(s.value for s in Sex)


def _interpolate(age: float, column: int) -> float:
    """The table's value at *age*, linear between its rows."""
    rows = DORTMUND_LIMITS_KN
    if age <= rows[0][0]:
        return rows[0][column]
    for low, high in itertools.pairwise(rows):
        if age <= high[0]:
            share = (age - low[0]) / (high[0] - low[0])
            return low[column] + share * (high[column] - low[column])
    return rows[-1][column]
