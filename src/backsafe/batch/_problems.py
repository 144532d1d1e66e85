"""Bad rows: what each check found, gathered into one `InvalidRowsError`."""

from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
import numpy.typing as npt

from backsafe.exceptions import (
    InvalidInputError,
    InvalidRowsError,
    RowProblem,
)

BoolArray = npt.NDArray[np.bool_]


@attrs.define
class _Found:
    allowed: str
    rows: list[int] = attrs.Factory(list)
    values: list[object] = attrs.Factory(list)
    count: int = 0


class _Problems:
    """Bad rows found so far, by field and rule."""

    def __init__(self) -> None:
        self._found: dict[tuple[str, str], _Found] = {}
        #: The offset of the chunk being checked.
        self.lo = 0
        #: Every bad row, when the caller masks them (see `_run`).
        self.bad: BoolArray | None = None
        #: With `bad`: the bad rows of each field and rule, in full.
        self.by_field: dict[tuple[str, str], BoolArray] = {}

    def __bool__(self) -> bool:
        return bool(self._found)

    def add(
        self,
        field: str,
        allowed: str,
        bad: BoolArray,
        values: Any,
        *,
        labels: Sequence[str] | None = None,
    ) -> None:
        """Note the rows of this chunk where *bad* holds."""
        if not bad.any():
            return
        at = np.flatnonzero(bad)
        if self.bad is not None:
            self.bad[at + self.lo] = True
            rows = self.by_field.get((field, allowed))
            if rows is None:
                rows = self.by_field[field, allowed] = np.zeros_like(self.bad)
            rows[at + self.lo] = True
        found = self._found.setdefault((field, allowed), _Found(allowed))
        found.count += at.size
        room = InvalidRowsError.MAX_ROWS - len(found.rows)
        found.rows.extend((at[:room] + self.lo).tolist())
        shown = np.broadcast_to(values, bad.shape)[at[:5]].tolist()
        if labels is not None:
            shown = [labels[code] for code in shown]
        found.values.extend(shown[: 5 - len(found.values)])

    def where(
        self,
        field: str,
        allowed: str,
        bad: BoolArray | np.bool_,
        values: object,
        *,
        labels: Sequence[str] | None = None,
    ) -> None:
        """Note a row rule; scalar *bad* means every row."""
        if np.ndim(bad) == 0:
            if bad:
                value = values if labels is None else labels[_index(values)]
                raise InvalidInputError.out_of_range(field, value, allowed)
            return
        self.add(field, allowed, np.asarray(bad), values, labels=labels)

    def found(self) -> list[RowProblem]:
        """Every field and rule with bad rows, each bounded."""
        return [
            RowProblem(
                name,
                found.allowed,
                tuple(found.rows),
                tuple(found.values),
                found.count,
            )
            for (name, _), found in self._found.items()
        ]

    def raise_if_any(self) -> None:
        if not self._found:
            return
        (field, _), first = next(iter(self._found.items()))
        others = list(dict.fromkeys(f for f, _ in self._found if f != field))
        raise InvalidRowsError(
            field,
            first.allowed,
            rows=first.rows,
            values=first.values,
            count=first.count,
            other_fields=others,
            problems=self.found(),
        )


def _index(code: Any) -> int:
    return int(code)
