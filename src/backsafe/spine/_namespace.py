"""The operations the model's equations use, for one row or for many.

`backsafe.spine._kernel` writes its equations over a namespace *xp*, as
the array API does: `SCALAR` (here) computes one row of floats with `math`
and the builtins, the batch room passes one over numpy, and the traced
one-row path one that writes the operations down. The scalar namespace
evaluates in exactly the order the model is written, so one row gives the
same floating-point numbers every time.
"""

import math
import operator
from collections.abc import Sequence
from typing import Any, Final, Protocol

#: A float for one row, or an array of them (or of codes) for many.
Numeric = Any


class Namespace(Protocol):
    """The operations the equations use, for floats or for arrays."""

    def radians(self, x: Numeric, /) -> Numeric:
        """Degrees to radians."""

    def sin_cos(self, x: Numeric, /) -> tuple[Numeric, Numeric]:
        """Sine and cosine of *x*, radians from 0 to pi/2."""

    def abs(self, x: Numeric, /) -> Numeric:
        """Magnitude."""

    def maximum(
        self, x: Numeric, y: Numeric, /, into: str | None = None
    ) -> Numeric:
        """Element-wise maximum (*into*: see `total`)."""

    def where(self, condition: Numeric, x: Numeric, y: Numeric, /) -> Numeric:
        """*x* where *condition* holds, else *y*."""

    def mark(self, codes: Numeric, condition: Numeric, code: int) -> Numeric:
        """*codes* with *code* where *condition* holds (may write *codes*)."""

    def product(self, *factors: Numeric, into: str | None = None) -> Numeric:
        """The product of *factors*, multiplied from left to right.

        *into*: see `total`.
        """

    def ratio(self, x: Numeric, y: Numeric, /) -> Numeric:
        """*x* divided by *y*."""

    def scale(self, x: Numeric, value: Numeric, reference: float) -> Numeric:
        """*x* times *value* / *reference* (0 for any *value* if *x* is 0)."""

    def power(self, x: Numeric, exponent: float, /) -> Numeric:
        """*x* (> 0) to the power *exponent*."""

    def total(
        self, terms: Sequence[Numeric], /, into: str | None = None
    ) -> Numeric:
        """The sum of *terms* (for two terms, their rounded sum).

        *into* names the result (a field of `Terms` or `Grades`), so that
        a namespace may write it straight where it is kept.
        """

    def reached(
        self,
        value: Numeric,
        limits: Sequence[float],
        /,
        into: str | None = None,
    ) -> Numeric:
        """How many of *limits* *value* is at or above (*into*: `total`)."""


class _Scalar:
    """`Namespace` for one row of floats (`math` and the builtins)."""

    radians = staticmethod(math.radians)

    @staticmethod
    def sin_cos(x: float, /) -> tuple[float, float]:
        return math.sin(x), math.cos(x)

    abs = staticmethod(abs)
    ratio = staticmethod(operator.truediv)

    @staticmethod
    def scale(x: float, value: float, reference: float) -> float:
        return x * (value / reference)

    @staticmethod
    def power(x: float, exponent: float, /) -> float:
        return float(x**exponent)

    @staticmethod
    def maximum(x: int, y: int, /, into: str | None = None) -> int:  # noqa: ARG004
        return max(x, y)

    @staticmethod
    def total(terms: Sequence[float], /, into: str | None = None) -> float:  # noqa: ARG004
        # Two terms: their rounded sum, as fsum's, but faster.
        if len(terms) == 2:  # noqa: PLR2004
            return terms[0] + terms[1]
        return math.fsum(terms)

    @staticmethod
    def reached(
        value: float,
        limits: Sequence[float],
        /,
        into: str | None = None,  # noqa: ARG004
    ) -> int:
        return sum([value >= limit for limit in limits])

    @staticmethod
    def product(*factors: float, into: str | None = None) -> float:  # noqa: ARG004
        # Two factors (most calls): the same product, without a loop.
        if len(factors) == 2:  # noqa: PLR2004
            return factors[0] * factors[1]
        return math.prod(factors)

    @staticmethod
    def where(condition: object, x: float, y: float, /) -> float:
        return x if condition else y

    @staticmethod
    def mark(codes: int, condition: object, code: int) -> int:
        return code if condition else codes


#: The namespace for one row of floats.
SCALAR: Final[Namespace] = _Scalar()


def plain_zero(x: object) -> bool:
    """Whether *x* is a plain number 0: not an array, not a traced value.

    A namespace or an equation may skip a term that is such a zero: for
    one row, for a chunk whose column is one value, and while tracing.
    """
    return (type(x) is float or type(x) is int) and x == 0
