"""Every number the spinal-load model uses, each with its source.

Sources (full references in ``docs/model.md``):

- Winter 2009: D. A. Winter, *Biomechanics and Motor Control of Human
  Movement*, 4th ed., Table 4.1 (Dempster's cadaver data as adapted by
  Winter) and Fig. 4.1 (segment lengths as fractions of stature).
- de Leva 1996: P. de Leva, "Adjustments to Zatsiorsky-Seluyanov's segment
  inertia parameters", J Biomech 29(9):1223-1230.
- Cholewicki 1991: J. Cholewicki, S. M. McGill, R. W. Norman, "Lumbar spine
  loads during the lifting of extremely heavy weights", Med Sci Sports Exerc
  23(10):1179-1186.
- Güngör 2013: C. Güngör, "Prediction of the erector spinae muscle lever arm
  distance for biomechanical models", PhD dissertation, Auburn University.
- NIOSH 1981: *Work Practices Guide for Manual Lifting*, DHHS (NIOSH)
  Publication 81-122, p. 36.
- McGill 1998 "Shear happens!": S. M. McGill, R. W. Norman, V. R. Yingling,
  R. P. Wells, P. Neumann, Proc. 30th Annual Conference of the Human Factors
  Association of Canada; also McGill, *Low Back Disorders*.
- Axler & McGill 1997: C. T. Axler, S. M. McGill, "Low back loads over a
  variety of abdominal exercises", Med Sci Sports Exerc 29(6):804-811.
- Callaghan 1998: J. P. Callaghan, J. L. Gunning, S. M. McGill, "The
  relationship between lumbar spine load and muscle activity during extensor
  exercises", Phys Ther 78(1):8-18.
- McGill 2004: S. M. McGill, *Ultimate Back Fitness and Performance*,
  pp. 227-228 (the prone "superman" figure).
- Legaye 1998: J. Legaye, G. Duval-Beaupère, J. Hecquet, C. Marty,
  "Pelvic incidence: a fundamental pelvic parameter for three-dimensional
  regulation of spinal sagittal curves", Eur Spine J 7(2):99-103.
- Mac-Thiong 2011: J.-M. Mac-Thiong, P. Roussouly, É. Berthonnaud,
  P. Guigui, "Age- and sex-related variations in sagittal sacropelvic
  morphology and balance in asymptomatic adults", Eur Spine J 20 Suppl
  5:572-577.
- McGill & Norman 1985: S. M. McGill, R. W. Norman, "Dynamically and
  statically determined low back moments during lifting", J Biomech
  18(12):877-885.

Numbers marked "derived" are computed here from the cited ones; the
arithmetic is in the code, so it can be checked.
"""

from typing import Final

# --- Physics ---------------------------------------------------------------

#: Standard acceleration of gravity, m/s^2 (3rd CGPM, 1901).
GRAVITY_M_S2: Final = 9.80665

# --- Winter 2009, Table 4.1 (Dempster): mass as a fraction of body mass ----

WINTER_MASS_HEAD_NECK: Final = 0.081
WINTER_MASS_THORAX_ABDOMEN: Final = 0.355
WINTER_MASS_ARM: Final = 0.050  # one whole arm, shoulder to hand
WINTER_MASS_HAT: Final = 0.678  # head, arms and trunk
WINTER_MASS_TRUNK: Final = 0.497  # thorax + abdomen + pelvis
WINTER_MASS_THORAX: Final = 0.216
WINTER_MASS_ABDOMEN: Final = 0.139
WINTER_MASS_PELVIS: Final = 0.142  # L4/L5 down to the greater trochanter

# --- Winter 2009, Table 4.1: centre of mass from the proximal end ----------

WINTER_COM_HAT: Final = 0.626  # from the greater trochanter
WINTER_COM_TRUNK: Final = 0.50
WINTER_COM_THORAX: Final = 0.82  # from C7/T1
WINTER_COM_ABDOMEN: Final = 0.44  # from T12/L1
WINTER_COM_PELVIS: Final = 0.105  # from L4/L5
WINTER_COM_THORAX_ABDOMEN: Final = 0.63  # from C7/T1

# --- Winter 2009, Fig. 4.1: landmark heights as fractions of stature -------

WINTER_HEIGHT_GREATER_TROCHANTER: Final = 0.530
WINTER_HEIGHT_GLENOHUMERAL: Final = 0.818

# --- Derived from the Winter numbers above ---------------------------------

#: Mass above L4/L5 (derived): head-neck + thorax-abdomen + two arms.
#: Equals HAT minus pelvis (0.678 - 0.142), so the table is consistent.
MASS_ABOVE_L4L5_WINTER: Final = (
    WINTER_MASS_HEAD_NECK + WINTER_MASS_THORAX_ABDOMEN + 2 * WINTER_MASS_ARM
)

#: Trunk length, greater trochanter to glenohumeral joint, per stature.
TRUNK_LENGTH_PER_H: Final = (
    WINTER_HEIGHT_GLENOHUMERAL - WINTER_HEIGHT_GREATER_TROCHANTER
)


def _segment_lengths() -> tuple[float, float, float]:
    """Split the trunk into thorax, abdomen and pelvis lengths (derived).

    Winter's table gives masses and centres of mass but not the lengths of
    the three trunk parts. Two of its rows pin them down: the thorax-abdomen
    row (centre of mass 0.63 from C7/T1) and the whole-trunk row (0.50).
    Positions are measured down from the top of the trunk; the result is in
    fractions of the trunk length.
    """
    m_t, p_t = WINTER_MASS_THORAX, WINTER_COM_THORAX
    m_a, p_a = WINTER_MASS_ABDOMEN, WINTER_COM_ABDOMEN
    m_p, p_p = WINTER_MASS_PELVIS, WINTER_COM_PELVIS
    m_ta, p_ta = WINTER_MASS_THORAX_ABDOMEN, WINTER_COM_THORAX_ABDOMEN
    m_tr, p_tr = WINTER_MASS_TRUNK, WINTER_COM_TRUNK
    # Thorax-abdomen row: m_t p_t a + m_a (a + p_a b) = m_ta p_ta (a + b).
    b_per_a = (m_t * p_t + m_a - m_ta * p_ta) / (m_ta * p_ta - m_a * p_a)
    # Trunk row: ... + m_p (a + b + p_p c) = m_tr p_tr (a + b + c).
    c_per_a = (
        (m_t * p_t + m_a + m_p - m_tr * p_tr)
        + b_per_a * (m_a * p_a + m_p - m_tr * p_tr)
    ) / (m_tr * p_tr - m_p * p_p)
    total = 1.0 + b_per_a + c_per_a
    return 1.0 / total, b_per_a / total, c_per_a / total


THORAX_FRACTION, ABDOMEN_FRACTION, PELVIS_FRACTION = _segment_lengths()

#: Height of L4/L5 per stature (derived): top of the pelvis segment.
L4L5_HEIGHT_PER_H: Final = (
    WINTER_HEIGHT_GREATER_TROCHANTER + PELVIS_FRACTION * TRUNK_LENGTH_PER_H
)

#: Distance along the trunk from L4/L5 to the shoulders, per stature.
SHOULDER_DISTANCE_PER_H: Final = WINTER_HEIGHT_GLENOHUMERAL - L4L5_HEIGHT_PER_H

#: Distance along the trunk from L4/L5 to the centre of mass of everything
#: above it, per stature (derived): HAT's centre of mass with the pelvis
#: taken out, measured from L4/L5.
UPPER_COM_DISTANCE_PER_H: Final = (
    (
        WINTER_MASS_HAT * WINTER_COM_HAT
        - WINTER_MASS_PELVIS * (1.0 - WINTER_COM_PELVIS) * PELVIS_FRACTION
    )
    / MASS_ABOVE_L4L5_WINTER
    - PELVIS_FRACTION
) * TRUNK_LENGTH_PER_H

# --- L5/S1: one lumbar segment below L4/L5 (issue 10) ------------------------

#: Stature of the adult the placement offsets are given for, m (design
#: choice: the reference body of the docs and tests).
GEOMETRY_REFERENCE_HEIGHT_M: Final = 1.78

#: L5/S1 below L4/L5 along the trunk, per stature (estimate: one lumbar
#: segment, a vertebral body of about 2.7 cm and a disc of about 0.9 cm,
#: 3.6 cm for the 1.78 m reference adult).
L5S1_BELOW_L4L5_PER_H: Final = 0.036 / GEOMETRY_REFERENCE_HEIGHT_M

#: Mass between L4/L5 and L5/S1 (derived): the slice of Winter's pelvis
#: segment (L4/L5 to the greater trochanter) that lies above L5/S1, taking
#: its mass as spread evenly along its length.
MASS_L4L5_TO_L5S1: Final = WINTER_MASS_PELVIS * (
    L5S1_BELOW_L4L5_PER_H / (PELVIS_FRACTION * TRUNK_LENGTH_PER_H)
)

#: Distance along the trunk from L5/S1 to the centre of mass above it, per
#: stature (derived): the mass above L4/L5 one segment further away, and
#: the slice at half a segment.
UPPER_COM_DISTANCE_L5S1_PER_H: Final = (
    MASS_ABOVE_L4L5_WINTER * (UPPER_COM_DISTANCE_PER_H + L5S1_BELOW_L4L5_PER_H)
    + MASS_L4L5_TO_L5S1 * L5S1_BELOW_L4L5_PER_H / 2
) / (MASS_ABOVE_L4L5_WINTER + MASS_L4L5_TO_L5S1)

#: Sacral slope standing, degrees: the L5/S1 disc's inclination to the
#: horizontal, about 40 (Legaye 1998; from memory). Mac-Thiong 2011 gives
#: a mean +/- 2 SD range of 24-55 degrees in 709 asymptomatic adults
#: (abstract), whose middle is 39.5. The model keeps it to the trunk line
#: at any lean (the lumbar spine and pelvis turn together, a neutral spine).
SACRAL_SLOPE_DEG: Final = 40.0

#: The extensor's line of action, degrees posterior to the disc axis
#: (Cholewicki 1991, WATBAK; abstract quoted, seen in a secondary text).
EXTENSOR_LINE_OF_ACTION_DEG: Final = 5.0

# --- Movement (issue 10) ----------------------------------------------------

#: McGill & Norman 1985 (abstract): dynamic peak L4/L5 moments 19 % above
#: the static ones on average, and up to 52 % above.
DYNAMIC_MOMENT_EXCESS_MEAN: Final = 0.19
DYNAMIC_MOMENT_EXCESS_MAX: Final = 0.52
#: Upward acceleration accepted at the hardest point of a rep (design
#: choice: up to 1 g, above the largest excess McGill & Norman found).
MAX_ACCELERATION_M_S2: Final = GRAVITY_M_S2

# --- de Leva 1996 (Zatsiorsky-Seluyanov adjusted), derived -----------------

#: Mass above the omphalion (near L4/L5): head + upper and middle trunk +
#: two arms (upper arm, forearm, hand), per sex.
DE_LEVA_MASS_ABOVE_L4L5_FEMALE: Final = (
    6.68 + 15.45 + 14.65 + 2 * (2.55 + 1.38 + 0.56)
) / 100
DE_LEVA_MASS_ABOVE_L4L5_MALE: Final = (
    6.94 + 15.96 + 16.33 + 2 * (2.71 + 1.62 + 0.61)
) / 100

# --- Erector spinae: single equivalent extensor moment arm -----------------

#: L4/L5: 6.0 cm (Cholewicki 1991, WATBAK model).
EXTENSOR_MOMENT_ARM_L4L5_M: Final = 0.060
#: L5/S1: 5.0 cm, the fixed value of Chaffin- and 3DSSPP-type models
#: (Güngör 2013).
EXTENSOR_MOMENT_ARM_L5S1_M: Final = 0.050
#: Range accepted for an override: the published 5.0-7.1 cm widened by
#: about 1 cm each way (design choice).
MIN_EXTENSOR_MOMENT_ARM_M: Final = 0.040
MAX_EXTENSOR_MOMENT_ARM_M: Final = 0.080

# --- Limits ----------------------------------------------------------------

#: NIOSH 1981 action limit for L5/S1 compression (350 kg-force).
NIOSH_ACTION_LIMIT_N: Final = 3400.0
#: NIOSH 1981 maximum permissible limit (650 kg-force).
NIOSH_MAXIMUM_PERMISSIBLE_LIMIT_N: Final = 6400.0
#: Shear action limit (McGill et al. 1998, "Shear happens!").
SHEAR_ACTION_LIMIT_N: Final = 500.0
#: Shear maximum permissible limit (McGill et al. 1998; the 1000 N figure
#: also in Arjmand et al. 2015, Int J Ind Ergon 47:1-8).
SHEAR_MAXIMUM_PERMISSIBLE_LIMIT_N: Final = 1000.0
#: The reference adult at whom the published limits apply unchanged, kg
#: (estimate: NIOSH and McGill give one figure for every worker, set from
#: lifting studies and cadaver segments of adults of about this mass; the
#: library's reference person is 80 kg). Size-scaled limits grow from it
#: with mass^(2/3): segment strength goes with endplate area times bone
#: density (Brinckmann, Biggemann & Hilweg 1989), and the area grows as
#: mass^(2/3) under geometric similarity.
LIMITS_REFERENCE_MASS_KG: Final = 80.0

# --- EMG-assisted L4/L5 compression of floor exercises (McGill lab) --------

#: Mean body mass of McGill's lab cohort (Callaghan 1998: 13 men,
#: 77.0 +/- 7.0 kg). Axler & McGill 1997 report no mass that we could
#: read, so their figures are scaled against the same reference.
CALIBRATION_REFERENCE_MASS_KG: Final = 77.0

#: Peak L4/L5 compression in newtons, per task.
CURL_UP_N: Final = 2009.0  # Axler & McGill 1997
SIDE_BRIDGE_N: Final = 2585.0  # Axler & McGill 1997
#: Callaghan 1998 give "< 2500 N", an upper bound, not a value: taken as
#: the top of an EMG-assisted band of +/-25 %, the central value is
#: 2500 / 1.25 (derived).
QUADRUPED_LEG_EXTENSION_BOUND_N: Final = 2500.0
QUADRUPED_LEG_EXTENSION_N: Final = QUADRUPED_LEG_EXTENSION_BOUND_N / 1.25
BIRD_DOG_N: Final = 3000.0  # Callaghan 1998
BENT_KNEE_SIT_UP_N: Final = 3350.0  # Axler & McGill 1997
STRAIGHT_LEG_SIT_UP_N: Final = 3500.0  # Axler & McGill 1997 ("about 3500")
PRONE_SUPERMAN_N: Final = 6000.0  # McGill 2004, from Callaghan 1998

# --- Validation ranges (design choices, documented in docs/model.md) ------

#: Adult body mass and stature covered by the adult anthropometric tables.
MIN_BODY_MASS_KG: Final = 30.0
MAX_BODY_MASS_KG: Final = 300.0
MIN_HEIGHT_M: Final = 1.20
MAX_HEIGHT_M: Final = 2.30
#: Trunk inclination from vertical: upright to horizontal.
MIN_LEAN_DEG: Final = 0.0
MAX_LEAN_DEG: Final = 90.0
#: Lean classes: upright up to 15 deg (split squat with an upright cue),
#: pronounced from 45 deg (low-bar squat, deadlift) - science.md section 2.
UPRIGHT_MAX_DEG: Final = 15.0
PRONOUNCED_MIN_DEG: Final = 45.0
#: External load: above every lift on record, so no real set is refused.
MAX_LOAD_KG: Final = 600.0
#: Horizontal reach of a load held in front of the shoulders.
MAX_REACH_M: Final = 1.0

# --- Leg stimulus (issue 3) ------------------------------------------------
#
# Sources: Winter 2009, Table 4.1 (above); the lead-leg shares from the NSCA
# review: "Technique, Variation, and Progression of the Rear-Foot-Elevated
# Split Squat", Strength Cond J 39(6), 2017.

#: Winter 2009, Table 4.1: one shank (knee to ankle), fraction of body mass.
WINTER_MASS_SHANK: Final = 0.0465
#: Winter 2009, Table 4.1: one foot.
WINTER_MASS_FOOT: Final = 0.0145
#: Winter 2009, Table 4.1: one whole leg (thigh, shank and foot).
WINTER_MASS_TOTAL_LEG: Final = 0.161
#: Winter 2009, Table 4.1: abdomen and pelvis (T12/L1 to the trochanter).
WINTER_MASS_ABDOMEN_PELVIS: Final = 0.281

#: Mass above the knees (derived): the body minus both shanks and feet;
#: what the legs lift in a squat, lunge or step-up.
MASS_ABOVE_KNEES: Final = 1.0 - 2 * (WINTER_MASS_SHANK + WINTER_MASS_FOOT)
#: Mass a hinge lifts (derived): head, arms and trunk (Winter's HAT).
MASS_LIFTED_BY_HINGE: Final = WINTER_MASS_HAT
#: Mass a bridge lifts (design choice on Winter's table): abdomen and
#: pelvis, with the shoulders on the floor or a bench and the feet down.
MASS_LIFTED_BY_BRIDGE: Final = WINTER_MASS_ABDOMEN_PELVIS
#: Mass an open-chain knee exercise moves, per leg (derived): shank + foot.
MASS_LOWER_LEG: Final = WINTER_MASS_SHANK + WINTER_MASS_FOOT

#: Share of the load on each leg in bilateral work (even split).
BILATERAL_LEG_SHARE: Final = 0.5
#: Lead-leg share in a split squat or lunge (about 75 %; NSCA SCJ 2017).
SPLIT_STANCE_LEAD_LEG_SHARE: Final = 0.75
#: Lead-leg share in a rear-foot-elevated split squat (about 85 %; same).
REAR_FOOT_ELEVATED_LEAD_LEG_SHARE: Final = 0.85
#: Single-leg work (step-up, single-leg squat or bridge): all of it.
SINGLE_LEG_SHARE: Final = 1.0

#: Loads a catalog file may give for one step of its equipment (design
#: choice: above every plate, dumbbell or stack increment in use).
MAX_LOAD_STEP_KG: Final = 50.0
