import argparse
import datetime as dt
import importlib
import io
import json
import pathlib
import re
import runpy
import subprocess
import sys

import pytest

import backsafe as bs
from backsafe.cli import _check, _format, _leg_day, _main, _options, _plan


@pytest.fixture(autouse=True)
def _terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test sees an 80-column terminal, whatever runs it."""
    monkeypatch.setenv("COLUMNS", "80")


def run(
    capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, str, str]:
    """Run the command in-process; return (status, stdout, stderr)."""
    status = _main.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


class TestTable:
    def test_columns_are_aligned(self) -> None:
        """Columns line up; the ones asked for align right."""
        text = _format.format_table(
            [("a", 1.5, None), ("long name", 12_345.6, bs.StressLevel.LOW)],
            ("name", "value", "level"),
            right=(1,),
        )

        assert [
            "name        value  level",
            "---------  ------  -----",
            "a             1.5  -",
            "long name  12,346  low",
        ] == text.splitlines()

    def test_collections_are_joined(self) -> None:
        """Sets and tuples are shown sorted and comma-separated."""
        text = _format.format_table(
            [(frozenset({bs.Equipment.MAT, bs.Equipment.BOX}), ())],
            ("equipment", "cues"),
        )

        assert "box, mat   -" == text.splitlines()[2]


class TestScore:
    def test_posture_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A posture is scored and shown as a table with its grade."""
        status, out, err = run(
            capsys,
            "score",
            "--lean", "45",
            "--load", "20",
            "--placement", "hands-reach",
            "--reach", "0.3",
            "--mass", "80",
            "--height", "1.78",
        )  # fmt: skip
        load = bs.spinal_load(
            bs.Posture(
                lean=bs.TorsoLean(degrees=45),
                load_kg=20,
                placement=bs.LoadPlacement.HANDS_REACH,
                reach_m=0.3,
            ),
            bs.Body(mass_kg=80, height_m=1.78),
        )

        assert 0 == status
        assert "" == err
        assert re.search(
            rf"^total +{load.compression_n:,.0f} +{load.shear_n:,.0f}"
            rf" +{load.moment_nm:,.0f}$",
            out,
            re.MULTILINE,
        )
        assert (
            f"grade at L4/L5: {load.level.value} (compression"
            f" {load.compression_level.value}, shear"
            f" {load.shear_level.value}; static model)"
        ) in out

    def test_posture_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--json prints the spinal load as its JSON document."""
        status, out, _ = run(
            capsys, "score", "--lean", "30", "--load", "20", "--json"
        )
        doc = json.loads(out)
        expected = bs.spinal_load(
            bs.Posture(
                lean=bs.TorsoLean(degrees=30),
                load_kg=20,
                placement=bs.LoadPlacement.HANDS_HANGING,
            ),
            bs.Body(
                mass_kg=_options.DEFAULT_MASS_KG,
                height_m=_options.DEFAULT_HEIGHT_M,
            ),
        )

        assert 0 == status
        assert expected == bs.from_dict(
            {"schema_version": 1, **doc["spinal_load"]}, bs.SpinalLoad
        )

    def test_calibrated_task(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A calibrated floor task is scored by its published value."""
        status, out, _ = run(
            capsys,
            "score", "--lean", "90", "--support", "supine",
            "--task", "curl-up", "--mass", "77",
        )  # fmt: skip

        assert 0 == status
        assert "2,009" in out
        assert "calibrated model" in out

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["score"], "give an exercise slug, or a posture with --lean"),
            (["score", "--lean", "95"], "error: --lean must be"),
            (["score", "--lean", "x"], "argument --lean: not a number"),
            (["score", "--lean", "10", "--mass", "10"], "error: --mass must"),
            (["score", "--lean", "10", "--support", "sofa"], "invalid choice"),
            (["frobnicate"], "invalid choice: 'frobnicate'"),
            (
                ["score", "--lean", "10", "--acceleration", "-1"],
                "error: --acceleration must be",
            ),
            (
                ["score", "split-squat", "--acceleration", "20"],
                "error: --acceleration must be",
            ),
            (
                ["score", "--lean", "10", "--acceleration", "x"],
                "argument --acceleration: not a number",
            ),
        ],
    )
    def test_bad_input(
        self,
        capsys: pytest.CaptureFixture[str],
        argv: list[str],
        message: str,
    ) -> None:
        """Bad input exits with status 2 and one line on stderr."""
        status, out, err = run(capsys, *argv)

        assert 2 == status
        assert "" == out
        assert 1 == len(err.splitlines())
        assert err.startswith("backsafe")
        assert message in err


class TestAcceleration:
    def test_zero_keeps_the_static_numbers(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--acceleration 0 (the default) prints the static model's table."""
        argv = ("score", "low-bar-back-squat", "--load", "60", "--json")
        _, static, _ = run(capsys, *argv)
        _, zero, _ = run(capsys, *argv, "--acceleration", "0")

        assert static == zero

    def test_acceleration_adds_the_inertial_term(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """1 + a/g scales the weights: the library's number, in the CLI."""
        body = bs.Body(mass_kg=75, height_m=1.75)
        expected = bs.score(
            bs.catalog.get("low-bar-back-squat"),
            body,
            load_kg=60,
            acceleration_m_s2=1.9,
        )
        status, out, _ = run(
            capsys,
            "score", "low-bar-back-squat", "--load", "60",
            "--acceleration", "1.9", "--json",
        )  # fmt: skip
        doc = json.loads(out)

        assert 0 == status
        assert json.dumps(doc).count(f"{expected.compression_n}") >= 1

    def test_posture_takes_it(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A posture is scored with the acceleration too."""
        _, static, _ = run(capsys, "score", "--lean", "30", "--load", "20")
        _, moving, _ = run(
            capsys, "score", "--lean", "30", "--load", "20",
            "--acceleration", "2",
        )  # fmt: skip

        assert static != moving

    def test_help_says_zero_is_static(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The help text names the unit and what 0 means."""
        _, out, _ = run(capsys, "score", "--help")
        out = " ".join(out.split())

        assert "--acceleration M/S2" in out
        assert "0 (the default) keeps the static numbers" in out


class TestCatalog:
    def test_lists_filtered_exercises(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The filter picks the exercises; each is one aligned row."""
        status, out, _ = run(capsys, "catalog", "--pattern", "lunge")
        expected = bs.catalog.filter(pattern="lunge")
        lines = out.splitlines()

        assert 0 == status
        assert [e.slug for e in expected] == [
            line.split()[0] for line in lines[2 : 2 + len(expected)]
        ]
        assert f"{len(expected)} exercises." in out
        column = lines[0].index("name")
        for row in lines[2 : 2 + len(expected)]:
            assert "  " == row[column - 2 : column]
            assert " " != row[column]

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--json gives every matching exercise as a document."""
        status, out, _ = run(capsys, "catalog", "--max-tier", "0", "--json")
        doc = json.loads(out)

        assert 0 == status
        assert 1 == doc["schema_version"]
        assert list(bs.catalog.filter(max_tier=0)) == [
            bs.from_dict({"schema_version": 1, **e}, bs.Exercise)
            for e in doc["exercises"]
        ]

    def test_bad_tier(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An out-of-range tier is one line and status 2."""
        status, _, err = run(capsys, "catalog", "--max-tier", "7")

        assert 2 == status
        assert "--max-tier must be an integer in [0, 3], got 7" in err


class TestScoreExercise:
    def test_catalog_exercise(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A catalog exercise is scored at its typical lean."""
        status, out, _ = run(
            capsys, "score", "split-squat", "--load", "16", "--json"
        )
        doc = json.loads(out)
        expected = bs.score(
            bs.catalog.get("split-squat"),
            bs.Body(
                mass_kg=_options.DEFAULT_MASS_KG,
                height_m=_options.DEFAULT_HEIGHT_M,
            ),
            load_kg=16,
        )

        assert 0 == status
        assert "Split squat, 16 kg" == doc["subject"]
        assert expected == bs.from_dict(
            {"schema_version": 1, **doc["spinal_load"]}, bs.SpinalLoad
        )

    def test_unknown_slug(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown slug is one line with suggestions."""
        status, _, err = run(capsys, "score", "bulgarian-split-squat")

        assert 2 == status
        assert 1 == len(err.splitlines())
        assert "Did you mean: rear-foot-elevated-split-squat" in err

    def test_supported_is_not_a_number(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Only an ungraded posture says "not modelled"; lying is a number.

        A bare supported posture carries the lying muscle tone (issue 10),
        so it shows its newtons; a load on the pelvis of a lying body with
        no submodel cannot be computed, and says so. The glute bridge has
        its muscle-driven submodel and shows its newtons.
        """
        status, out, _ = run(
            capsys, "score", "--lean", "90", "--support", "supine"
        )
        total = next(r for r in out.splitlines() if r.startswith("total"))
        _, unknown, _ = run(
            capsys,
            "score",
            "--lean",
            "90",
            "--support",
            "supine",
            "--load",
            "20",
            "--placement",
            "pelvis",
        )
        unknown_total = next(
            r for r in unknown.splitlines() if r.startswith("total")
        )
        _, bridge, _ = run(capsys, "score", "glute-bridge", "--load", "20")
        bridge_total = next(
            r for r in bridge.splitlines() if r.startswith("total")
        )

        assert 0 == status
        assert re.search(r"^total +\d+ ", total)
        assert "not modelled" not in out
        assert "not modelled" in unknown_total
        assert "Ungraded" in unknown
        assert "supported model" in out
        assert "muscle-driven model" in bridge
        assert re.search(r"^total +\d[\d,]* ", bridge_total)

    def test_moments_are_rounded(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Per-source values show at most one decimal."""
        status, out, _ = run(capsys, "score", "split-squat", "--load", "16")
        table = out.split("\n\n")[1]
        numbers = re.findall(r"\d+\.\d+", table)

        assert 0 == status
        assert numbers
        assert all(len(n.split(".")[1]) == 1 for n in numbers)


class TestAlternatives:
    def test_table_follows_the_library(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The rows are the library's alternatives, best first."""
        body = bs.Body(mass_kg=80, height_m=1.78)
        expected = bs.alternatives("low-bar-back-squat", body, load_kg=60)

        status, out, _ = run(
            capsys,
            "alternatives", "low-bar-back-squat", "--load", "60",
            "--mass", "80", "--height", "1.78", "--limit", "3",
        )  # fmt: skip
        rows = out.splitlines()[4:]

        assert 0 == status
        assert out.startswith("Low-bar back squat, 60 kg: ")
        assert [a.exercise.name for a in expected[:3]] == [
            row[: len(a.exercise.name)]
            for row, a in zip(rows, expected, strict=False)
        ]
        assert 3 == len(rows)

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--json gives the alternatives as documents."""
        body = bs.Body(
            mass_kg=_options.DEFAULT_MASS_KG,
            height_m=_options.DEFAULT_HEIGHT_M,
        )

        status, out, _ = run(
            capsys, "alternatives", "walking-lunge", "--load", "16", "--json"
        )
        doc = json.loads(out)

        assert 0 == status
        assert list(
            bs.alternatives("walking-lunge", body, load_kg=16)[:10]
        ) == [
            bs.from_dict({"schema_version": 1, **a}, bs.Alternative)
            for a in doc["alternatives"]
        ]

    @pytest.mark.parametrize(
        ("slug", "load", "mass", "height"),
        [
            ("romanian-deadlift", "80", "62", "1.65"),
            ("romanian-deadlift", "80", "80", "1.78"),
            ("low-bar-back-squat", "100", "80", "1.78"),
            ("low-bar-back-squat", "100", "110", "1.85"),
        ],
    )
    def test_order_and_numbers_agree(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
        slug: str,
        load: str,
        mass: str,
        height: str,
    ) -> None:
        """Issue 11: the table is ordered by the number it shows at the
        target, shows the start's number from the same swap, starts low,
        and offers no swap its own caution advises against."""
        body = bs.Body(mass_kg=float(mass), height_m=float(height))
        limits = bs.size_scaled_limits(body)
        monkeypatch.setenv("COLUMNS", "200")  # one line a row
        status, out, _ = run(
            capsys, "alternatives", slug, "--load", load,
            "--mass", mass, "--height", height,
        )  # fmt: skip
        lines = out.splitlines()
        rows = [r for r in lines[4:] if r]
        found = [
            a
            for a in bs.alternatives(
                slug, body, load_kg=float(load), limits=limits
            )
            if a.start_level is bs.StressLevel.LOW
        ]

        assert 0 == status
        assert rows
        assert len(found[:10]) == len(rows)
        shown = []
        for row, alt in zip(rows, found, strict=False):
            assert row.startswith(alt.exercise.name)
            assert f"{alt.start_compression_n:,.0f} N low" in row
            target = f"{alt.spinal_load.compression_n:,.0f} N"
            assert f"{target} {alt.spinal_load.level.value}" in row
            shown.append(alt.spinal_load.compression_n)
            assert "walking-lunge" != alt.exercise.slug
        hinge = [
            a.exercise.pattern is not bs.MovementPattern.HINGE
            for a in found[: len(rows)]
        ]
        if slug == "romanian-deadlift":
            assert sorted(hinge) == hinge
        groups = {
            h: [n for n, g in zip(shown, hinge, strict=True) if g == h]
            for h in set(hinge)
        }
        for numbers in groups.values():
            assert sorted(numbers) == numbers

    def test_none_found(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An exercise with no friendlier swap says so."""
        status, out, _ = run(capsys, "alternatives", "glute-bridge")

        assert 0 == status
        assert "No back-friendlier exercise at the same leg work." in out

    def test_supported_swaps_have_no_percentage(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Bridges show their muscle-driven newtons, never a "100%" cut.

        (Before the bridge submodel they showed "not modelled".)
        """
        status, out, _ = run(
            capsys, "alternatives", "romanian-deadlift", "--load", "40"
        )
        bridge = next(r for r in out.splitlines() if r.startswith("Glute"))

        assert 0 == status
        assert re.search(r"\d[\d,]* N", bridge)
        assert " 0 N" not in bridge
        assert "100%" not in out


class TestPlan:
    def test_steps_follow_the_library(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """One row per step of the generated progression."""
        start = dt.date(2026, 3, 2)
        expected = bs.generate_progression(
            "split-squat",
            bs.Body(
                mass_kg=_options.DEFAULT_MASS_KG,
                height_m=_options.DEFAULT_HEIGHT_M,
            ),
            phase=bs.Phase.CHRONIC,
            mode=bs.TrainingMode.STRENGTH,
            start=start,
            weeks=4,
        )

        status, out, _ = run(
            capsys,
            "plan", "split-squat", "--phase", "chronic", "--weeks", "4",
            "--start", "2026-03-02",
        )  # fmt: skip
        dates = [
            line.split()[0] for line in out.splitlines() if line[:4] == "2026"
        ]

        assert 0 == status
        assert [s.starts_on.isoformat() for s in expected.steps] == dates
        # The summary is wrapped to the terminal's width since #13.
        summary = " ".join(expected.steps[0].criteria.summary.split())
        assert summary in " ".join(out.split())

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--json gives the progression document."""
        status, out, _ = run(
            capsys,
            "plan", "glute-bridge", "--phase", "acute",
            "--start", "2026-03-02", "--json",
        )  # fmt: skip
        doc = json.loads(out)
        plan = bs.from_dict(
            {"schema_version": 1, **doc["progression"]}, bs.Progression
        )

        assert 0 == status
        assert bs.TrainingMode.HOME_REPS is plan.mode
        assert dt.date(2026, 3, 2) == plan.start

    def test_default_start_is_today(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Without --start the plan starts today."""
        status, out, _ = run(capsys, "plan", "bird-dog", "--json")
        doc = json.loads(out)

        assert 0 == status
        assert (
            dt.datetime.now().astimezone().date().isoformat()
            == doc["progression"]["start"]
        )

    def test_mode_falls_back_to_what_is_offered(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A stretch, offered in no other mode, is planned as a stretch."""
        status, out, _ = run(
            capsys, "plan", "childs-pose", "--start", "2026-03-02", "--json"
        )

        assert 0 == status
        assert "stretch" == json.loads(out)["progression"]["mode"]

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["plan", "split-squat", "--weeks", "99"], "weeks"),
            (["plan", "split-squat", "--start", "tomorrow"], "YYYY-MM-DD"),
            (["plan", "split-squat", "--weeks", "two"], "whole number"),
        ],
    )
    def test_bad_input(
        self,
        capsys: pytest.CaptureFixture[str],
        argv: list[str],
        message: str,
    ) -> None:
        """Bad plan options are one line and status 2."""
        status, _, err = run(capsys, *argv)

        assert 2 == status
        assert 1 == len(err.splitlines())
        assert message in err


def _session(tmp_path: pathlib.Path, **dose: object) -> str:
    """Write the example session with *dose* changed; return its path."""
    doc = json.loads(json.dumps(_check.CHECK_EXAMPLE))
    doc["dose"].update(dose)
    path = tmp_path / "session.json"
    path.write_text(json.dumps(doc))
    return str(path)


class TestCheck:
    def test_example_is_decided(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: pathlib.Path,
    ) -> None:
        """The example file gives the library's decision and reasons."""
        _, example, _ = run(capsys, "check", "--example")
        path = tmp_path / "session.json"
        path.write_text(example)
        report = bs.from_dict(
            {"schema_version": 1, **_check.CHECK_EXAMPLE["report"]},
            bs.SessionReport,
        )
        dose = bs.from_dict(
            {"schema_version": 1, **_check.CHECK_EXAMPLE["dose"]}, bs.Dose
        )
        context = bs.from_dict(
            {"schema_version": 1, **_check.CHECK_EXAMPLE["context"]},
            bs.Context,
        )
        expected = bs.decide(report, dose, context)

        status, out, _ = run(capsys, "check", str(path))

        assert 0 == status
        assert _check.CHECK_EXAMPLE == json.loads(example)
        assert out.startswith(
            f"Decision for {expected.day}: {expected.decision.value}"
        )
        for reason in expected.reasons:
            assert f"- {reason.message} [{reason.code.value}]" in out

    def test_stdin_and_json(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """- reads standard input; --json gives the outcome document."""
        doc = json.loads(json.dumps(_check.CHECK_EXAMPLE))
        doc["report"]["pain_during_max"] = 8
        monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(doc)))

        status, out, _ = run(capsys, "check", "-", "--json")
        outcome = bs.from_dict(
            {"schema_version": 1, **json.loads(out)["outcome"]}, bs.Outcome
        )

        assert 0 == status
        assert bs.Decision.REGRESS is outcome.decision

    def test_stop_has_no_next_dose(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A red flag stops, with its urgency and no next dose."""
        doc = json.loads(json.dumps(_check.CHECK_EXAMPLE))
        doc["context"]["red_flags"] = ["saddle-anaesthesia"]
        monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(doc)))

        status, out, _ = run(capsys, "check", "-")

        assert 0 == status
        assert "stop-and-refer (emergency)" in out
        assert "Next: no exercise until you have been checked" in out

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (None, "cannot read"),
            ("{", "is not JSON"),
            ("[]", "must be a JSON object with report, dose and context"),
            ('{"report": {}, "dose": {}, "context": {}}', "schema_version"),
            (
                (
                    '{"schema_version": 1, "report": {"day": "x"},'
                    ' "dose": {}, "context": {}}'
                ),
                "expected a date as YYYY-MM-DD @ $.report.day",
            ),
        ],
    )
    def test_bad_files(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: pathlib.Path,
        content: str | None,
        message: str,
    ) -> None:
        """Unreadable or invalid files are one line and status 2."""
        path = tmp_path / "session.json"
        if content is not None:
            path.write_text(content)

        status, _, err = run(capsys, "check", str(path))

        assert 2 == status
        assert 1 == len(err.splitlines())
        assert message in err

    def test_advice_is_shown(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Advice beside the decision gets its own line."""
        doc = json.loads(json.dumps(_check.CHECK_EXAMPLE))
        doc["context"]["risk_factors"] = [
            {"factor": "failure-to-improve-after-4-weeks", "on": "2026-02-01"}
        ]
        monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(doc)))

        status, out, _ = run(capsys, "check", "-")

        assert 0 == status
        assert "Advice: review-routine\n" in out

    def test_unknown_exercise(
        self, capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path
    ) -> None:
        """A dose of an unknown slug is an error, not a decision."""
        status, out, err = run(
            capsys, "check", _session(tmp_path, exercise="split-sqat")
        )

        assert 2 == status
        assert "" == out
        assert 1 == len(err.splitlines())
        assert "unknown exercise slug 'split-sqat'" in err
        assert "Did you mean: split-squat" in err

    def test_unknown_exercise_without_suggestions(
        self, capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path
    ) -> None:
        """With nothing close, it points to the catalog."""
        status, _, err = run(
            capsys, "check", _session(tmp_path, exercise="nosuch")
        )

        assert 2 == status
        assert "See 'backsafe catalog' for the slugs." in err

    def test_dose_above_the_caps(
        self, capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path
    ) -> None:
        """A 200 kg low-bar squat in the subacute phase is not a hold."""
        path = _session(
            tmp_path,
            exercise="low-bar-back-squat",
            load_kg=200,
            load_step_kg=2.5,
        )

        status, out, _ = run(capsys, "check", path, "--json")
        outcome = bs.from_dict(
            {"schema_version": 1, **json.loads(out)["outcome"]}, bs.Outcome
        )

        assert 0 == status
        assert outcome.decision in {
            bs.Decision.REGRESS,
            bs.Decision.STOP_AND_REFER,
        }

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (b"\xff\xfe{}", "is not UTF-8 text"),
            (b"[" * 100_000, "nested too deeply"),
            (b" " * (_check.MAX_INPUT_BYTES + 1), "larger than"),
        ],
    )
    def test_hostile_files(
        self,
        capsys: pytest.CaptureFixture[str],
        tmp_path: pathlib.Path,
        content: bytes,
        message: str,
    ) -> None:
        """Binary, deep or huge input is one line and status 2."""
        path = tmp_path / "session.json"
        path.write_bytes(content)

        status, _, err = run(capsys, "check", str(path))

        assert 2 == status
        assert 1 == len(err.splitlines())
        assert message in err

    def test_deep_standard_input(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Deeply nested JSON on standard input is one line too."""
        monkeypatch.setattr("sys.stdin", io.StringIO("[" * 100_000))

        status, _, err = run(capsys, "check", "-")

        assert 2 == status
        assert "nested too deeply" in err

    def test_error_path_names_the_part(
        self, capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path
    ) -> None:
        """A bad dose field is reported under $.dose."""
        status, _, err = run(capsys, "check", _session(tmp_path, sets="x"))

        assert 2 == status
        assert "@ $.dose.sets" in err

    def test_out_of_order_report_names_the_field(
        self, capsys: pytest.CaptureFixture[str], tmp_path: pathlib.Path
    ) -> None:
        """A report older than the history names the file's field."""
        doc = json.loads(json.dumps(_check.CHECK_EXAMPLE))
        later = {**doc["report"], "day": "2026-03-10"}
        doc["context"]["history"] = [later]
        path = tmp_path / "session.json"
        path.write_text(json.dumps(doc))

        status, _, err = run(capsys, "check", str(path))

        assert 2 == status
        assert err.startswith(
            "backsafe: error: report.day must be on or after 2026-03-10"
        )

    def test_needs_a_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without a file or --example it says what to give."""
        status, _, err = run(capsys, "check")

        assert 2 == status
        assert "give a session file" in err


class TestLegDay:
    def test_rewrites_the_usual_day(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Every usual exercise gets a row, with the library's swap."""
        body = bs.Body(
            mass_kg=_options.DEFAULT_MASS_KG,
            height_m=_options.DEFAULT_HEIGHT_M,
        )
        items = [
            bs.WorkoutItem.from_slug(slug, sets=s, reps=r, load_kg=kg)
            for slug, s, r, kg in _leg_day.LEG_DAY
        ]
        # Issue 11: the main job keeps a balanced day.
        expected = bs.rewrite_workout(items, body, max_tier=2, balanced=True)

        status, out, _ = run(capsys, "--start", "2026-03-02")

        assert 0 == status
        assert out.startswith(
            "Your back-friendly leg day (subacute phase; 75 kg, 1.75 m)"
        )
        words = " ".join(out.split())
        for item in expected.workout.items:
            assert item.exercise.name in words  # a long name may wrap
        for change in expected.changes:
            assert " ".join(change.reason.split()) in words
        assert "week 4" in out
        assert _plan.STOP_LINE in words

    def test_own_items_and_phase(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--item replaces the usual day; acute keeps tiers 0-1."""
        status, out, _ = run(
            capsys,
            "--item", "walking-lunge:3x10@16", "--phase", "acute",
            "--weeks", "2", "--start", "2026-03-02", "--json",
        )  # fmt: skip
        doc = json.loads(out)
        rewrite = bs.from_dict(
            {"schema_version": 1, **doc["rewrite"]}, bs.WorkoutRewrite
        )

        assert 0 == status
        assert ["walking-lunge"] == [
            i.exercise.slug for i in rewrite.original.items
        ]
        assert all(i.exercise.tier <= 1 for i in rewrite.workout.items)
        assert 1 == len(doc["plans"])

    def test_acute_is_body_weight_only(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Acute: no external load anywhere, and no load progression."""
        status, out, _ = run(
            capsys, "--phase", "acute", "--start", "2026-03-02", "--json"
        )
        doc = json.loads(out)
        rewrite = bs.from_dict(
            {"schema_version": 1, **doc["rewrite"]}, bs.WorkoutRewrite
        )
        plans = [
            bs.from_dict({"schema_version": 1, **p}, bs.Progression)
            for p in doc["plans"]
        ]

        removed = [
            c for c in rewrite.changes if c.kind is bs.ChangeKind.REMOVED
        ]

        assert 0 == status
        assert [0.0] * (len(_leg_day.LEG_DAY) - len(removed)) == [
            i.load_kg for i in rewrite.workout.items
        ]
        assert all(i.exercise.tier <= 1 for i in rewrite.workout.items)
        assert {0.0} == {s.dose.load_kg for p in plans for s in p.steps}

    def test_acute_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The acute day shows body weight and no loaded dose."""
        status, out, _ = run(
            capsys, "--phase", "acute", "--start", "2026-03-02"
        )
        day = out.split("\n\n")[1]

        assert 0 == status
        assert "usual" in day
        assert "Acute phase: body weight only" in out
        assert " kg" not in day
        assert not re.search(r"@ \d", out)

    def test_unchanged_items_say_keep(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An item that needs no change says keep, not X -> X."""
        status, out, _ = run(
            capsys, "--item", "glute-bridge:3x10", "--start", "2026-03-02"
        )
        row = next(r for r in out.splitlines() if r.startswith("Glute"))

        assert 0 == status
        assert ["Glute", "bridge", "keep"] == row.split()[:3]
        assert re.search(r"\d[\d,]*  +low", row)
        assert " 0 N" not in out

    def test_supported_load_change_is_not_a_number(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An acute day never keeps a machine at body weight (issue 11).

        A leg extension is done only with weight on its stack, and the
        acute phase allows body weight only, so the item is left out with
        its before number and no after: never a weightless machine.
        """
        status, out, _ = run(
            capsys,
            "--item", "leg-extension:3x10@20", "--phase", "acute",
            "--start", "2026-03-02",
        )  # fmt: skip
        row = next(r for r in out.splitlines() if r.startswith("Leg ext"))

        assert 0 == status
        assert re.search(r"\d+ -> -", row)
        assert "only with weight on a machine" in " ".join(out.split())

    @pytest.mark.parametrize(
        ("mass", "height", "limit"),
        [
            ("62", "1.65", "2,869"),
            ("80", "1.78", "3,400"),
            ("110", "1.85", "4,204"),
        ],
    )
    def test_graded_against_the_persons_limit(
        self,
        capsys: pytest.CaptureFixture[str],
        mass: str,
        height: str,
        limit: str,
    ) -> None:
        """Issue 11: the rehabilitation basics are kept and graded low for
        every persona, the table and the plans grade alike, and the
        limit is named."""
        status, out, _ = run(
            capsys,
            "--item", "bird-dog:3x6", "--item", "side-bridge-knees:3x6",
            "--item", "mcgill-curl-up:3x6", "--item", "glute-bridge:3x6",
            "--mass", mass, "--height", height,
            "--start", "2026-03-02", "--weeks", "1",
        )  # fmt: skip
        text = " ".join(out.split())

        assert 0 == status
        assert f"your action limit, {limit} N for {mass} kg" in text
        for name in ("Bird-dog", "Side bridge", "McGill curl-up", "Glute"):
            row = next(r for r in out.splitlines() if r.startswith(name))
            assert "keep" in row.split()
            assert row.split()[-1] == "low"
        assert "elevated" not in out

    def test_removed_item_has_no_after(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An item with nothing low enough to swap to shows its load -> -.

        (The bird-dog of a 300 kg person was the example; graded against
        that person's size-scaled limits it is low and kept now.)
        """
        status, out, _ = run(
            capsys,
            "--item", "walking-lunge:3x8@200",
            "--start", "2026-03-02", "--weeks", "1",
        )  # fmt: skip
        row = next(
            r for r in out.splitlines() if r.startswith("Walking lunge")
        )

        assert 0 == status
        assert [
            "Walking", "lunge", "-", "-", "-", "6,395", "->", "-", "-",
        ] == row.split()  # fmt: skip

    def test_acute_plan_refuses_a_load(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """plan --phase acute --load 5 is a usage error naming --load."""
        status, _, err = run(
            capsys, "plan", "leg-extension", "--phase", "acute", "--load", "5"
        )

        assert 2 == status
        assert "--load must be 0 in the acute phase" in err

    def test_acute_plan_never_adds_load(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The acute leg-extension plan never moves to a loaded exercise."""
        status, out, _ = run(
            capsys,
            "plan", "leg-extension", "--phase", "acute", "--weeks", "12",
            "--start", "2026-03-02", "--json",
        )  # fmt: skip
        plan = bs.from_dict(
            {"schema_version": 1, **json.loads(out)["progression"]},
            bs.Progression,
        )

        assert 0 == status
        assert {0.0} == {s.dose.load_kg for s in plan.steps}

    def test_bad_item(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A malformed item is one line and status 2."""
        status, _, err = run(capsys, "--item", "squat")

        assert 2 == status
        assert "not SLUG:SETSxREPS@KG: 'squat'" in err


class TestPlacement:
    @pytest.mark.parametrize(
        ("argv", "placement"),
        [
            ([], "none"),
            (["--load", "5"], "hands-hanging"),
            (["--load", "5", "--reach", "0.2"], "hands-reach"),
            (["--load", "5", "--placement", "goblet"], "goblet"),
        ],
    )
    def test_default_placement(
        self,
        capsys: pytest.CaptureFixture[str],
        argv: list[str],
        placement: str,
    ) -> None:
        """A posture's load sits where the options say."""
        status, out, _ = run(capsys, "score", "--lean", "10", *argv)
        expected = "Posture: 10° lean, free-standing" + (
            f", 5 kg {placement}" if argv else ""
        )

        assert 0 == status
        assert expected == out.splitlines()[0]


class TestHelp:
    @pytest.mark.parametrize("argv", [["--help"], ["score", "--help"]])
    def test_help_has_examples(
        self, capsys: pytest.CaptureFixture[str], argv: list[str]
    ) -> None:
        """--help exits 0 and shows examples."""
        status, out, _ = run(capsys, *argv)

        assert 0 == status
        assert "examples:" in out
        assert "backsafe score" in out


class TestEntryPoints:
    def test_main_module_imports_quietly(self) -> None:
        """Importing backsafe.__main__ runs nothing."""
        module = importlib.import_module("backsafe.__main__")

        assert _main.main is module.main

    def test_main_module(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """The __main__ module exits with the command's status."""
        monkeypatch.setattr("sys.argv", ["backsafe", "score", "--lean", "95"])
        monkeypatch.delitem(sys.modules, "backsafe.__main__", raising=False)

        with pytest.raises(SystemExit) as info:
            runpy.run_module("backsafe", run_name="__main__")

        assert 2 == info.value.code
        assert "--lean must be" in capsys.readouterr().err

    def test_python_dash_m(self) -> None:
        """python -m backsafe runs the command."""
        result = subprocess.run(
            [sys.executable, "-m", "backsafe", "score", "--lean", "0"],
            capture_output=True,
            text=True,
            check=False,
        )

        assert 0 == result.returncode
        assert "grade at L4/L5: low" in result.stdout


class TestTerminalWidth:
    @pytest.mark.parametrize(
        "argv",
        [
            ["--start", "2026-03-02"],
            ["--phase", "acute", "--start", "2026-03-02"],
            ["catalog"],
            ["alternatives", "low-bar-back-squat", "--load", "60"],
            ["plan", "split-squat", "--weeks", "12", "--start", "2026-03-02"],
            ["score", "romanian-deadlift", "--load", "20"],
        ],
    )
    def test_output_fits_80_columns(
        self, capsys: pytest.CaptureFixture[str], argv: list[str]
    ) -> None:
        """No line is wider than the terminal (80 columns by default)."""
        status, out, _ = run(capsys, *argv)

        assert 0 == status
        assert max(len(line) for line in out.splitlines()) <= 80

    def test_wide_terminal_keeps_rows_on_one_line(
        self,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A wide terminal shows the main job's table unwrapped."""
        monkeypatch.setenv("COLUMNS", "200")
        status, out, _ = run(capsys, "--start", "2026-03-02")
        row = next(r for r in out.splitlines() if r.startswith("Romanian"))

        assert 0 == status
        # Issue 11: the hinge stays a hinge (no longer a bridge).
        assert re.search(r"3,509 -> [\d,]+ ", row)
        assert 80 < max(len(line) for line in out.splitlines())

    def test_narrow_table_wraps_cells(self) -> None:
        """Headers wrap first, then the widest column at word boundaries."""
        text = _format.format_table(
            [("Rear-foot-elevated split squat", "3 x 8 @ 4 kg")],
            ("exercise", "dose"),
            width=24,
        )

        assert [
            "exercise     dose",
            "-----------  -----------",
            "Rear-foot-   3 x 8 @ 4",
            "elevated     kg",
            "split squat",
        ] == text.splitlines()

    def test_kept_and_cut_columns(self) -> None:
        """Kept cells never wrap; cut cells end in an ellipsis."""
        text = _format.format_table(
            [("rear-foot-elevated-split-squat", "Rear-foot-elevated")],
            ("slug", "name"),
            keep=(0,),
            cut=(1,),
            width=40,
        )

        assert (
            "rear-foot-elevated-split-squat  Rear-fo\u2026"
            == (text.splitlines()[2])
        )


class TestUsability:
    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the package's version."""
        status, out, _ = run(capsys, "--version")

        assert 0 == status
        assert f"backsafe {bs.__version__}" == out.strip()

    @pytest.mark.parametrize(
        ("argv", "suggestion"),
        [
            (["scor"], "did you mean 'score'?"),
            (["catalgo"], "did you mean 'catalog'?"),
            (["--phase", "acut"], "did you mean 'acute'?"),
            (["score", "--lean", "0", "--joint", "L4-L5"], "did you mean"),
        ],
    )
    def test_did_you_mean(
        self,
        capsys: pytest.CaptureFixture[str],
        argv: list[str],
        suggestion: str,
    ) -> None:
        """A mistyped command or choice suggests the closest one."""
        status, out, err = run(capsys, *argv)

        assert 2 == status
        assert "" == out
        assert suggestion in err
        assert 1 == len(err.splitlines())

    def test_centimetre_height_hint(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--height 178 keeps the range and suggests 1.78."""
        status, _, err = run(capsys, "score", "split-squat", "--height", "178")

        assert 2 == status
        assert "--height must be" in err
        assert "did you mean 1.78?" in err
        assert 1 == len(err.splitlines())

    def test_no_hint_for_a_height_in_metres(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A height out of range but not in centimetres gets no hint."""
        status, _, err = run(capsys, "score", "split-squat", "--height", "2.5")

        assert 2 == status
        assert "--height must be" in err
        assert "did you mean" not in err

    def test_every_option_has_help(self) -> None:
        """Every option of every command has help text."""
        parser = _main.build_parser()
        sub = next(
            a
            for a in parser._actions
            if isinstance(a, argparse._SubParsersAction)
        )
        for command in [parser, *sub.choices.values()]:
            for action in command._actions:
                if action.option_strings:
                    assert action.help, (command.prog, action.option_strings)

    @pytest.mark.parametrize(
        "command", ["catalog", "score", "alternatives", "plan", ""]
    )
    def test_usage_lists_no_choices(
        self, capsys: pytest.CaptureFixture[str], command: str
    ) -> None:
        """Usage lines name a metavar, not every choice."""
        status, out, _ = run(capsys, *([command] if command else []), "--help")
        usage = out.split("\n\n")[0]

        assert 0 == status
        assert "{" not in usage


class TestPounds:
    def test_load_and_mass_in_pounds(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--units lb converts exactly (1 lb = 0.45359237 kg)."""
        status, out, _ = run(
            capsys,
            "score", "split-squat", "--load", "40", "--mass", "180",
            "--units", "lb", "--json",
        )  # fmt: skip
        doc = json.loads(out)
        body = bs.Body(mass_kg=180 * 0.45359237, height_m=1.75)
        expected = bs.score(
            bs.catalog.get("split-squat"), body, load_kg=40 * 0.45359237
        )

        assert 0 == status
        assert body.mass_kg == doc["body"]["mass_kg"]
        assert expected.compression_n == doc["spinal_load"]["compression_n"]

    def test_output_in_pounds(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The masses shown are in pounds too."""
        status, out, _ = run(
            capsys,
            "score", "split-squat", "--load", "40", "--mass", "180",
            "--units", "lb",
        )  # fmt: skip

        assert 0 == status
        assert ["Split squat, 40 lb", "body 180 lb, 1.75 m"] == (
            out.splitlines()[:2]
        )

    def test_plan_doses_in_pounds(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The plan's doses show their loads in pounds."""
        status, out, _ = run(
            capsys,
            "plan", "goblet-squat", "--load", "10", "--units", "lb",
            "--phase", "chronic", "--start", "2026-03-02",
        )  # fmt: skip

        assert 0 == status
        assert "@ 10 lb" in out
        assert " kg" not in out

    def test_leg_day_in_pounds(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The main job reads --item loads in pounds and shows pounds."""
        status, out, _ = run(
            capsys,
            "--item", "walking-lunge:3x10@35", "--units", "lb",
            "--start", "2026-03-02", "--weeks", "1",
        )  # fmt: skip

        assert 0 == status
        assert "35 lb" in out
        assert " kg" not in out
