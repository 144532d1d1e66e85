"""The constants and tables of the revised NIOSH lifting equation.

Every number here comes from the Applications Manual for the Revised NIOSH
Lifting Equation, DHHS (NIOSH) Publication No. 94-110 (revised 9/2021);
"p. N" is the page number printed in the manual. The 2021 revision keeps
"the formulas, multipliers and limitations" of the 1994 manual (p. xi).

The multiplier formulas are the table under section 1.3 (p. 7); the
frequency multipliers are Table 5 (p. 15) and the coupling multipliers
Table 7 (p. 18). Each system of units has its own constants: they are not
exact conversions of each other (51 lb is 23.13 kg, 10 in is 25.4 cm).
"""

from typing import Final

# --- Load constant and multiplier formulas (p. 7) --------------------------

#: The load constant, the limit of an ideal lift (p. 7).
LOAD_CONSTANT_KG: Final = 23.0
LOAD_CONSTANT_LB: Final = 51.0

#: HM = H_MIN / H (p. 7); H below H_MIN is set to H_MIN, so HM = 1 (p. 8).
H_MIN_CM: Final = 25.0
H_MIN_IN: Final = 10.0
#: The largest H the equation covers: 63 cm or 25 in (p. 8, Table 1).
H_MAX_CM: Final = 63.0
H_MAX_IN: Final = 25.0

#: VM = 1 - VM_SLOPE * |V - V_OPTIMUM| (p. 7).
V_OPTIMUM_CM: Final = 75.0
V_OPTIMUM_IN: Final = 30.0
VM_SLOPE_PER_CM: Final = 0.003
VM_SLOPE_PER_IN: Final = 0.0075
#: "the upper limit of vertical reach for lifting (i.e., 70 inches or
#: 175 cm)" (p. 9).
V_MAX_CM: Final = 175.0
V_MAX_IN: Final = 70.0

#: DM = DM_BASE + DM_NUMERATOR / D (p. 7); D below D_MIN is set to D_MIN,
#: so DM = 1, and D is "no greater than 70 inches [175cm]" (pp. 10-11).
DM_BASE: Final = 0.82
DM_NUMERATOR_CM: Final = 4.5
DM_NUMERATOR_IN: Final = 1.8
D_MIN_CM: Final = 25.0
D_MIN_IN: Final = 10.0
D_MAX_CM: Final = 175.0
D_MAX_IN: Final = 70.0

#: AM = 1 - AM_SLOPE * A, "limited to the range from 0° to 135°" (p. 12).
AM_SLOPE_PER_DEG: Final = 0.0032
A_MAX_DEG: Final = 135.0

# --- Frequency (section 1.3.5, pp. 13-16; Table 5, p. 15) -----------------

#: "For lifting less frequently than once per 5 minutes, set F=.2
#: lifts/minute" (Table 5, footnote).
F_MIN_PER_MIN: Final = 0.2
#: The last row of Table 5 with a multiplier, and the largest actual lift
#: rate the special frequency adjustment accepts (p. 16).
F_MAX_PER_MIN: Final = 15.0
#: The sampling period over which F is averaged (p. 13, p. 16).
SAMPLE_MINUTES: Final = 15.0

#: The frequency rows of Table 5, in lifts per minute.
FREQUENCY_ROWS: Final = (
    0.2, 0.5, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0,
    9.0, 10.0, 11.0, 12.0, 13.0, 14.0, 15.0,
)  # fmt: skip

#: Table 5, by duration and by V at the origin below or at least 75 cm
#: (30 in): one multiplier per row of `FREQUENCY_ROWS`. Above 15 lifts/min
#: every column is .00.
FREQUENCY_TABLE: Final[dict[tuple[str, bool], tuple[float, ...]]] = {
    # (duration, V below 75 cm): multipliers
    ("short", True): (
        1.00, .97, .94, .91, .88, .84, .80, .75, .70, .60,
        .52, .45, .41, .37, .00, .00, .00,
    ),
    ("short", False): (
        1.00, .97, .94, .91, .88, .84, .80, .75, .70, .60,
        .52, .45, .41, .37, .34, .31, .28,
    ),
    ("moderate", True): (
        .95, .92, .88, .84, .79, .72, .60, .50, .42, .35,
        .30, .26, .00, .00, .00, .00, .00,
    ),
    ("moderate", False): (
        .95, .92, .88, .84, .79, .72, .60, .50, .42, .35,
        .30, .26, .23, .21, .00, .00, .00,
    ),
    ("long", True): (
        .85, .81, .75, .65, .55, .45, .35, .27, .22, .18,
        .00, .00, .00, .00, .00, .00, .00,
    ),
    ("long", False): (
        .85, .81, .75, .65, .55, .45, .35, .27, .22, .18,
        .15, .13, .00, .00, .00, .00, .00,
    ),
}  # fmt: skip

#: Duration categories (pp. 13-14): the most minutes of continuous lifting
#: each allows, and the recovery it needs afterwards as a share of the work
#: time (1.0 for short, 0.3 for moderate; long needs only the standard
#: rest allowances).
SHORT_MAX_MINUTES: Final = 60.0
MODERATE_MAX_MINUTES: Final = 120.0
LONG_MAX_MINUTES: Final = 480.0
SHORT_RECOVERY_RATIO: Final = 1.0
MODERATE_RECOVERY_RATIO: Final = 0.3

# --- Coupling (Table 7, p. 18) --------------------------------------------

#: Table 7: (V below 75 cm, V at least 75 cm) for each coupling.
COUPLING_TABLE: Final = {
    "good": (1.00, 1.00),
    "fair": (0.95, 1.00),
    "poor": (0.90, 0.90),
}
