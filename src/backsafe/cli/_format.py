"""Output shared by the commands: aligned text tables and JSON documents."""

import json
from collections.abc import Sequence
from typing import Any, TextIO


def format_table(
    rows: Sequence[Sequence[object]],
    header: Sequence[str],
    *,
    right: Sequence[int] = (),
) -> str:
    """Return rows as an aligned text table; columns in *right* align right."""
    cells = [[str(h) for h in header]] + [
        [_cell(value) for value in row] for row in rows
    ]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = []
    for n, row in enumerate(cells):
        parts = [
            value.rjust(width) if i in right else value.ljust(width)
            for i, (value, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(parts).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


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


def kg(load_kg: float) -> str:
    """``"16 kg"``."""
    return f"{load_kg:g} kg"
