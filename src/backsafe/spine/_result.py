"""What the model returns: a spinal load and its breakdown by source."""

from typing import Final, final

import attrs

from backsafe import _validation as v
from backsafe.exceptions import InvalidInputError
from backsafe.spine._evidence import Evidence
from backsafe.spine._types import (
    LoadSource,
    ModelMethod,
    SpineLevel,
    StressLevel,
)

#: Bound for output forces: far above any human load, below overflow.
_BIG: Final = 1e9
_SOURCES: Final = frozenset(s.value for s in LoadSource)


@final
@attrs.frozen(kw_only=True)
class LoadContribution:
    """One source's share of a spinal load.

    Attributes:
        source: Upper-body weight, external load, or muscle force.
        moment_nm: Flexion moment about the joint, N·m.
        compression_n: Force along the spine, N.
        shear_n: Force across the spine, N (anterior positive).

    .. versionadded:: 0.1.0
    """

    source: LoadSource = attrs.field(validator=v.member(LoadSource))
    moment_nm: float = attrs.field(validator=v.real(-_BIG, _BIG, unit="N·m"))
    compression_n: float = attrs.field(validator=v.real(0.0, _BIG, unit="N"))
    shear_n: float = attrs.field(validator=v.real(-_BIG, _BIG, unit="N"))


@final
@attrs.frozen(kw_only=True)
class SpinalLoad:
    """The load on the lumbar spine, and its grade.

    The contributions add up to the totals, so a product can explain a
    number ("most of this is the bar, held far from your spine").

    Attributes:
        moment_nm: Net flexion moment the back muscles must hold, N·m; 0
            when a support holds the trunk.
        compression_n: Compression at the joint, N.
        compression_low_n: The low end of the band the compression may
            lie in, given the evidence and its sources' spread, N.
        compression_high_n: The band's high end, N.
        shear_n: Shear at the joint, N.
        level: The worse of `compression_level` and `shear_level`;
            `StressLevel.UNGRADED` where the model lacks a term of this
            load (its numbers then count only the terms it has).
        compression_level: Compression graded against the limits.
        shear_level: Shear graded against the limits.
        contributions: The totals split by source.
        method: How the numbers were computed.
        evidence: What that way of computing rests on.
        joint: The joint they apply to.

    .. versionadded:: 0.1.0
    """

    moment_nm: float = attrs.field(validator=v.real(-_BIG, _BIG, unit="N·m"))
    compression_n: float = attrs.field(validator=v.real(0.0, _BIG, unit="N"))
    compression_low_n: float = attrs.field(
        validator=v.real(0.0, _BIG, unit="N")
    )
    compression_high_n: float = attrs.field(
        validator=v.real(0.0, _BIG, unit="N")
    )
    shear_n: float = attrs.field(validator=v.real(-_BIG, _BIG, unit="N"))
    level: StressLevel = attrs.field(validator=v.member(StressLevel))
    compression_level: StressLevel = attrs.field(
        validator=v.member(StressLevel)
    )
    shear_level: StressLevel = attrs.field(validator=v.member(StressLevel))
    contributions: tuple[LoadContribution, ...] = attrs.field(
        validator=v.tuple_of(LoadContribution, "LoadContribution")
    )
    method: ModelMethod = attrs.field(validator=v.member(ModelMethod))
    evidence: Evidence = attrs.field(validator=v.member(Evidence))
    joint: SpineLevel = attrs.field(validator=v.member(SpineLevel))

    def __attrs_post_init__(self) -> None:
        if self.compression_low_n > self.compression_n:
            raise InvalidInputError.out_of_range(
                "SpinalLoad.compression_low_n",
                self.compression_low_n,
                f"<= compression_n ({self.compression_n:g})",
            )
        if self.compression_high_n < self.compression_n:
            raise InvalidInputError.out_of_range(
                "SpinalLoad.compression_high_n",
                self.compression_high_n,
                f">= compression_n ({self.compression_n:g})",
            )

    @property
    def is_graded(self) -> bool:
        """Whether the model computed every term, so the level holds.

        .. versionadded:: 0.1.0
        """
        return self.level is not StressLevel.UNGRADED

    def __repr__(self) -> str:
        from backsafe.display import _html as _display  # noqa: PLC0415 (keeps import light)

        return _display.spinal_load_repr(self)

    def _repr_html_(self) -> str:
        """Show the load and its breakdown as a table in notebooks."""
        from backsafe.display import _html as _display  # noqa: PLC0415 (keeps import light)

        return _display.spinal_load_html(self)

    def contribution(
        self, source: LoadSource | str
    ) -> LoadContribution | None:
        """Return the contribution of *source*, if it has one.

        Raises:
            InvalidInputError: *source* is not a load source.
        """
        if not any(source == known for known in _SOURCES):
            raise InvalidInputError.out_of_range(
                "source", source, "one of " + v.all_members(LoadSource)
            )
        for c in self.contributions:
            if c.source == source:
                return c
        return None
