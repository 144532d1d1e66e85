"""``backsafe score``: the spinal load of an exercise or a posture."""

import argparse
from typing import Any, TextIO

from backsafe.cli import _options as o
from backsafe.cli._format import document, emit_json, fill, format_table, kg
from backsafe.display._html import band_text, is_graded
from backsafe.spine._model import spinal_load
from backsafe.spine._result import SpinalLoad
from backsafe.spine._types import (
    CalibratedTask,
    LoadPlacement,
    Posture,
    SpineLevel,
    Support,
    TorsoLean,
)


def add_parser(sub: Any) -> None:
    """Add the ``score`` command to *sub*."""
    parser = o.add_command(
        sub,
        "score",
        help_text="score an exercise or a posture for a body and a load",
        examples="  backsafe score split-squat --load 16 --mass 80"
        " --height 1.78\n"
        "  backsafe score --lean 45 --load 20 --placement hands-reach"
        " --reach 0.3\n"
        "  backsafe score --lean 90 --support supine --task curl-up --json\n"
        "  backsafe score low-bar-back-squat --load 60 --acceleration 1.9",
    )
    parser.add_argument(
        "exercise", nargs="?", help="a catalog slug, such as split-squat"
    )
    parser.add_argument(
        "--load",
        type=o.number,
        default=0.0,
        metavar="KG",
        help="external load in kg (or lb with --units lb), total (default 0)",
    )
    parser.add_argument(
        "--lean",
        type=o.number,
        metavar="DEG",
        help="trunk lean from vertical, 0-90 (an exercise's typical lean"
        " if not given)",
    )
    parser.add_argument(
        "--support",
        default=Support.FREE_STANDING.value,
        choices=o.choices(Support),
        metavar="SUPPORT",
        help="what holds the trunk, for a posture: "
        + ", ".join(o.choices(Support))
        + " (default free-standing)",
    )
    parser.add_argument(
        "--placement",
        choices=o.choices(LoadPlacement),
        metavar="PLACEMENT",
        help="where the load sits, for a posture: "
        + ", ".join(o.choices(LoadPlacement))
        + " (default: hands-hanging"
        " with a load, hands-reach with --reach)",
    )
    parser.add_argument(
        "--reach",
        type=o.number,
        default=0.0,
        metavar="M",
        help="reach in front of the shoulders, for a posture",
    )
    parser.add_argument(
        "--task",
        choices=o.choices(CalibratedTask),
        metavar="TASK",
        help="a calibrated floor task, for a posture: "
        + ", ".join(o.choices(CalibratedTask)),
    )
    parser.add_argument(
        "--joint",
        default=SpineLevel.L4_L5.value,
        choices=o.choices(SpineLevel),
        metavar="JOINT",
        help="the spinal joint to score: "
        + ", ".join(o.choices(SpineLevel))
        + f" (default {SpineLevel.L4_L5.value})",
    )
    o.add_acceleration(parser)
    o.add_body(parser)
    o.add_json(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, out: TextIO) -> None:
    """Score the exercise, or the posture the options describe."""
    from backsafe.exercises._scoring import score  # noqa: PLC0415

    body = o.body(args)
    joint = SpineLevel(args.joint)
    lean = TorsoLean(degrees=args.lean) if args.lean is not None else None
    if args.exercise is not None:
        exercise = o.exercise(args.exercise)
        load = score(
            exercise,
            body,
            load_kg=args.load,
            lean=lean,
            joint=joint,
            acceleration_m_s2=args.acceleration,
        )
        title = exercise.name + (f", {kg(args.load)}" if args.load else "")
    else:
        if lean is None:
            msg = "give an exercise slug, or a posture with --lean DEG"
            raise o.UsageError(msg)
        placement = _placement(args)
        posture = Posture(
            lean=lean,
            support=Support(args.support),
            load_kg=args.load,
            placement=placement,
            reach_m=args.reach,
            task=CalibratedTask(args.task) if args.task else None,
        )
        load = spinal_load(
            posture,
            body,
            joint=joint,
            acceleration_m_s2=args.acceleration,
        )
        title = f"Posture: {lean.degrees:g}° lean, {args.support}" + (
            f", {kg(args.load)} {placement.value}" if args.load else ""
        )
    if args.json:
        emit_json(document(subject=title, body=body, spinal_load=load), out)
        return
    out.write(
        f"{title}\nbody {kg(body.mass_kg)}, {body.height_m:g} m\n\n"
        f"{_describe_load(load)}\n"
    )


def _placement(args: argparse.Namespace) -> LoadPlacement:
    if args.placement:
        return LoadPlacement(args.placement)
    if args.reach:
        return LoadPlacement.HANDS_REACH
    if args.load:
        return LoadPlacement.HANDS_HANGING
    return LoadPlacement.NONE


def _describe_load(load: SpinalLoad) -> str:
    rows: list[tuple[object, ...]] = [
        (
            c.source,
            round(c.compression_n, 1),
            round(c.shear_n, 1),
            round(c.moment_nm, 1),
        )
        for c in load.contributions
    ]
    if is_graded(load):
        rows.append(
            (
                "total",
                round(load.compression_n, 1),
                round(load.shear_n, 1),
                round(load.moment_nm, 1),
            )
        )
        note = ""
    else:
        if not any(c.source == "muscle" for c in load.contributions):
            rows.append(("muscle", "not modelled", "not modelled", "-"))
        rows.append(("total", "not modelled", "not modelled", "-"))
        note = "\n" + fill(
            "Ungraded: the support holds the trunk and the load sits off it"
            " (on the pelvis or a machine pad) with no submodel saying how it"
            " reaches the spine, or the body hangs: the model cannot grade"
            " this load, so treat it as unknown, not as safe.",
        )
    table = format_table(
        rows,
        ("source", "compression N", "shear N", "moment N·m"),
        right=(1, 2, 3),
    )
    return (
        f"{table}\n\n"
        f"grade at {load.joint.value}: {load.level.value}"
        f" (compression {load.compression_level.value},"
        f" shear {load.shear_level.value}; {load.method.value} model)\n"
        f"compression band: {band_text(load)}" + note
    )
