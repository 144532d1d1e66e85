"""Output shared by the commands: text tables that fit the terminal, JSON.

Tables fit the terminal's width (`shutil.get_terminal_size`, 80 columns
when there is no terminal): headers wrap first, then the widest columns
wrap at word boundaries. Masses are shown in the units `--units` chose.
"""

import contextvars
import json
import re
import shutil
import textwrap
from collections.abc import Sequence
from typing import Any, Final, TextIO

#: Kilograms in one pound (exact, by the international yard and pound).
KG_PER_LB: Final = 0.45359237
#: Headers this short never wrap (``week 1``).
_SHORT_HEADER: Final = 8
#: The narrowest a column gets when its words must break.
_NARROWEST: Final = 4
_GAP: Final = "  "

#: The unit masses are shown in: ``"kg"`` or ``"lb"`` (set by the command).
units: contextvars.ContextVar[str] = contextvars.ContextVar(
    "units", default="kg"
)


def terminal_width() -> int:
    """The terminal's width in columns; 80 when there is no terminal."""
    return shutil.get_terminal_size((80, 24)).columns


def fill(text: str, **kwargs: Any) -> str:
    """Wrap *text* to the terminal (at most 79 columns)."""
    return textwrap.fill(text, width=min(79, terminal_width() - 1), **kwargs)


def format_table(
    rows: Sequence[Sequence[object]],
    header: Sequence[str],
    *,
    right: Sequence[int] = (),
    keep: Sequence[int] = (),
    cut: Sequence[int] = (),
    width: int | None = None,
) -> str:
    """Return rows as an aligned text table; columns in *right* align right.

    The table fits *width* columns (the terminal's width if not given):
    long headers wrap first, then the widest columns wrap their cells.
    The cells of the columns in *keep* (slugs to copy) never wrap; those
    of the columns in *cut* are cut short with an ellipsis instead of
    wrapping, so that each row stays one line.
    """
    head = [str(h) for h in header]
    body = [[_cell(value) for value in row] for row in rows]
    widths = _fit(head, body, width or terminal_width(), keep=keep, cut=cut)
    body = [
        [_shorten(v, widths[i]) if i in cut else v for i, v in enumerate(row)]
        for row in body
    ]
    lines = []
    for n, row in enumerate([head, *body]):
        wrapped = [
            textwrap.wrap(value, w) or [""]
            for value, w in zip(row, widths, strict=True)
        ]
        height = max(len(cell) for cell in wrapped)
        if n == 0:  # headers sit on their last line
            wrapped = [[""] * (height - len(c)) + c for c in wrapped]
        for k in range(height):
            parts = [
                _align(cell[k] if k < len(cell) else "", w, right=i in right)
                for i, (cell, w) in enumerate(
                    zip(wrapped, widths, strict=True)
                )
            ]
            lines.append(_GAP.join(parts).rstrip())
        if n == 0:
            lines.append(_GAP.join("-" * w for w in widths))
    return "\n".join(lines)


def _shorten(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "\u2026"


def _align(value: str, width: int, *, right: bool) -> str:
    return value.rjust(width) if right else value.ljust(width)


def _words(text: str) -> list[str]:
    """The pieces a line may break between: at spaces and after hyphens."""
    return re.findall(r"[^\s-]*-+|[^\s-]+", text)


def _fit(
    head: list[str],
    body: list[list[str]],
    width: int,
    *,
    keep: Sequence[int],
    cut: Sequence[int],
) -> list[int]:
    """The column widths: natural, then narrowed until the table fits."""
    n = len(head)
    cells = [max((len(row[i]) for row in body), default=0) for i in range(n)]
    widths = [max(len(head[i]), cells[i]) for i in range(n)]
    words = [
        max(
            [len(head[i]) if len(head[i]) <= _SHORT_HEADER else 0]
            + [len(w) for w in _words(head[i])]
            + [len(w) for row in body for w in _words(row[i])]
        )
        for i in range(n)
    ]
    for i in keep:
        words[i] = cells[i]
    for i in cut:  # cut short at the last step only, after any wrapping
        words[i] = max(len(w) for w in _words(head[i]))
    budget = width - len(_GAP) * (n - 1)
    # Headers wrap first, then cells at word boundaries, then inside words.
    floors = (
        [max(c, w) for c, w in zip(cells, words, strict=True)],
        words,
        [w if i in keep else min(w, _NARROWEST) for i, w in enumerate(words)],
    )
    for floor in floors:
        while sum(widths) > budget:
            slack = [i for i in range(n) if widths[i] > floor[i]]
            if not slack:
                break
            widest = max(slack, key=lambda i: widths[i])
            widths[widest] -= 1
    return widths


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if hasattr(value, "value") and isinstance(value.value, str):
        return value.value
    if isinstance(value, float):
        return f"{value:,.0f}" if abs(value) >= 10 else f"{value:g}"  # noqa: PLR2004
    if isinstance(value, frozenset | tuple):
        return ", ".join(sorted(_cell(v) for v in value)) or "-"
    return str(value)


def emit_json(data: object, out: TextIO) -> None:
    """Write *data* to *out* as indented JSON and a newline."""
    out.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def _plain(obj: object) -> Any:
    """Turn a backsafe object (or a list of them) into JSON values."""
    from backsafe.serde._converter import converter  # noqa: PLC0415

    return converter().unstructure(obj)


def document(**parts: object) -> dict[str, Any]:
    """A JSON document: the schema version, then *parts* as JSON values."""
    from backsafe.serde._converter import SCHEMA_VERSION  # noqa: PLC0415

    return {
        "schema_version": SCHEMA_VERSION,
        **{key: _plain(value) for key, value in parts.items()},
    }


def in_units(mass_kg: float) -> float:
    """A mass in the units shown (kg, or lb under ``--units lb``)."""
    return mass_kg / KG_PER_LB if units.get() == "lb" else mass_kg


def dose_text(dose: Any) -> str:
    """A dose in a few words (`describe_dose`), its load in the units shown."""
    from backsafe.display._html import describe_dose  # noqa: PLC0415

    text: str = describe_dose(dose)
    if units.get() == "lb" and dose.load_kg:
        text = text.replace(f"@ {dose.load_kg:g} kg", f"@ {kg(dose.load_kg)}")
    return text


def kg(load_kg: float) -> str:
    """``"16 kg"``, or ``"35.3 lb"`` under ``--units lb``."""
    if units.get() == "lb":
        return f"{load_kg / KG_PER_LB:.1f} lb".replace(".0 lb", " lb")
    return f"{load_kg:g} kg"
