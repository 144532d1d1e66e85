"""How sure the model is of a number: evidence grades and relative spreads.

Every `SpinalLoad` carries the grade of the evidence behind its way of
computing (`Evidence`) and a band, a low and a high compression, that
follows from that grade and from the spread of its sources. The spreads
are relative to the computed compression, one pair per row, so that a
submodel may bring its own (`band_spread` gives the default by method
code). The reasoning behind each number is on the model page ("How sure
each number is").
"""

import enum
from typing import Final, NamedTuple

from backsafe.spine import _submodels as sub
from backsafe.spine._submodel_types import Submodel


class Evidence(enum.StrEnum):
    """What a spinal-load number rests on, most direct first.

    .. versionadded:: 0.1.0
    """

    IN_VIVO = "in-vivo"
    """Measured in living people: intradiscal pressure or an implant."""
    EMG_ASSISTED = "emg-assisted"
    """An EMG-assisted model of measured subjects (the McGill lab)."""
    ESTIMATE = "estimate"
    """A first-principles estimate from anthropometry and levers."""


#: The grades by code (the index), as the batch arrays hold them.
EVIDENCE: Final = (Evidence.IN_VIVO, Evidence.EMG_ASSISTED, Evidence.ESTIMATE)
IN_VIVO: Final = 0
EMG_ASSISTED: Final = 1
ESTIMATE: Final = 2


class Spread(NamedTuple):
    """A band's half-widths, relative to the computed compression.

    The band is ``compression * (1 - low)`` to ``compression * (1 + high)``.
    """

    low: float
    high: float


#: The static path (a first-principles estimate). The single equivalent
#: extensor's lever is 6 cm at L4/L5 (Cholewicki 1991), and published
#: levers run from 5 to 7 cm: the muscle force, most of the compression of
#: a loaded lift, is then 6/7 = 0.86 to 6/5 = 1.2 times the computed one.
#: A single equivalent extensor leaves out the antagonists' co-contraction,
#: which only adds load; 10 % more is allowed for it (an estimate: no
#: source gives it for these lifts). Low 15 %, high 20 % + 10 % = 30 %.
STATIC_SPREAD: Final = Spread(low=0.15, high=0.30)
#: The supported path (an estimate): the axial weight above the joint and
#: the support's baseline muscle tone (Wilke et al. 1999's in vivo ratios
#: to standing, `backsafe.spine._submodels`). The segment tables disagree
#: on that mass by up to 15 % (Winter 53.6 % of body mass, de Leva 45.8 %
#: for women); the tone rests on one subject's pressures, allowed 30 % as
#: for the rest submodel. The larger governs: 30 % each way.
SUPPORTED_SPREAD: Final = Spread(low=0.30, high=0.30)
#: Calibrated floor tasks (EMG-assisted, the McGill lab): the published
#: figures are group means scaled by body mass. The cohort's own mass
#: varied by 9 % (Callaghan 1998: 77.0 +/- 7.0 kg), some figures are given
#: only as bounds ("< 2500 N", "about 3500 N"), and EMG-assisted estimates
#: vary between subjects of one cohort by a quarter or more of the mean;
#: 30 % each way is allowed (an estimate of that between-subject spread).
CALIBRATED_SPREAD: Final = Spread(low=0.30, high=0.30)

#: Evidence code and spread by model method code (`_kernel.METHODS` order:
#: static, supported, calibrated, muscle-driven). A muscle-driven row takes
#: its submodel's (`row_evidence`); the last entry is the estimate's
#: default, which most submodels have.
_ESTIMATE_SPREAD: Final = Spread(low=0.50, high=0.50)
METHOD_EVIDENCE: Final = (ESTIMATE, ESTIMATE, EMG_ASSISTED, ESTIMATE)
METHOD_SPREAD: Final = (
    STATIC_SPREAD,
    SUPPORTED_SPREAD,
    CALIBRATED_SPREAD,
    _ESTIMATE_SPREAD,
)


def band_spread(method: int) -> Spread:
    """Return the default spread of a row computed by *method* (a code)."""
    return METHOD_SPREAD[method]


def row_evidence(method: int, submodel: Submodel | None) -> tuple[int, Spread]:
    """Return the evidence code and spread of a row (a method code).

    A muscle-driven row carries its submodel's grade and spread
    (`backsafe.spine._submodels.submodel_evidence`); any other row its
    method's.
    """
    if submodel is None:
        return METHOD_EVIDENCE[method], METHOD_SPREAD[method]
    grade, spread = sub.submodel_evidence(submodel)
    return EVIDENCE.index(Evidence(grade)), Spread(low=spread, high=spread)
