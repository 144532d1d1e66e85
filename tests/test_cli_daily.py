"""The ``backsafe task`` and ``backsafe lift`` commands."""

import json

import pytest

import backsafe as bs
from backsafe.cli import _main


def run(
    capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, str, str]:
    """Run the command in-process; return (status, stdout, stderr)."""
    status = _main.main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


class TestTask:
    def test_lists_tasks(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without a slug, every task is listed in an aligned table."""
        status, out, _ = run(capsys, "task")
        lines = out.splitlines()

        assert 0 == status
        assert lines[0].split()[:2] == ["slug", "task"]
        assert set(bs.tasks.slugs()) <= {line.split()[0] for line in lines}

    def test_task_table_and_swaps(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A task shows its ways' scores and the easier ways, best first."""
        body = bs.Body(mass_kg=80, height_m=1.78)
        status, out, _ = run(
            capsys, "task", "tie-shoes", "--mass", "80", "--height", "1.78"
        )
        best = bs.task_swaps("tie-shoes", body)[0]

        assert 0 == status
        assert "Tying shoes" in out
        assert f"{best.way.compression_n:,.0f} N" in out
        assert "1. Sitting, foot across the knee" in out
        assert "friendlier" in out

    def test_lift_task_shows_lifting_index(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A lift shows its lifting index at the load given."""
        status, out, _ = run(
            capsys, "task", "lift-box-from-floor", "--load", "15"
        )

        assert 0 == status
        assert "15 kg" in out
        assert "LI 1.60" in out

    def test_ungraded_way_has_no_swaps(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """From an ungraded way nothing is ranked; the note says why."""
        status, out, _ = run(
            capsys, "task", "pick-up-light-object", "--way", "golfers-lift"
        )

        assert 0 == status
        assert "not graded" in out
        assert "No graded way" in out

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--json gives the task, its score and the swaps as documents."""
        status, out, _ = run(capsys, "task", "carry-shopping", "--json")
        doc = json.loads(out)

        assert 0 == status
        assert 1 == doc["schema_version"]
        assert "one-hand" == doc["way"]
        assert ["both-hands"] == [s["way"]["way"] for s in doc["swaps"]]
        score = bs.from_dict(
            {"schema_version": 1, **doc["score"]}, bs.TaskScore
        )
        assert "carry-shopping" == score.task

    def test_json_list(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--json without a slug lists every task."""
        status, out, _ = run(capsys, "task", "--json")

        assert 0 == status
        assert len(bs.tasks) == len(json.loads(out)["tasks"])

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (("task", "tie-shoe"), "did you mean 'tie-shoes'"),
            (("task", "tie-shoes", "--load", "3"), "--load must be 0"),
            (("task", "tie-shoes", "--way", "hop"), "way must be"),
            (("task", "tie-shoes", "--mass", "10"), "--mass must be"),
            (("task", "carry-shopping", "--load", "x"), "not a number"),
        ],
        ids=["slug", "load", "way", "mass", "number"],
    )
    def test_bad_input(
        self,
        capsys: pytest.CaptureFixture[str],
        argv: tuple[str, ...],
        message: str,
    ) -> None:
        """Bad input is one line on standard error and status 2."""
        status, out, err = run(capsys, *argv)

        assert 2 == status
        assert "" == out
        assert 1 == len(err.strip().splitlines())
        assert message in err


class TestLift:
    def test_table(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The multipliers, the limit, the index and what to change."""
        status, out, _ = run(
            capsys,
            "lift",
            *("--h", "40", "--v", "30", "--d", "90", "--a", "30"),
            *("--f", "2", "--coupling", "fair", "--duration", "moderate"),
            *("--load", "12"),
        )

        assert 0 == status
        assert "HM  horizontal   0.62" in out
        assert "recommended weight limit: 7.8 kg" in out
        assert "lifting index: 1.54" in out
        assert "Limited most by horizontal" in out

    def test_us_units(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--units us works in inches and pounds (Example 4's origin)."""
        status, out, _ = run(
            capsys,
            "lift",
            *("--h", "10", "--v", "22", "--d", "37", "--f", "3"),
            *("--coupling", "fair", "--units", "us", "--load", "26"),
        )

        assert 0 == status
        assert "34.8 lb" in out

    def test_ideal_lift(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The ideal lift's limit is the load constant."""
        status, out, _ = run(
            capsys,
            "lift",
            *("--h", "25", "--v", "75", "--d", "25", "--coupling", "good"),
        )

        assert 0 == status
        assert "23.0 kg" in out
        assert "ideal lift" in out

    def test_minutes_adjust_the_frequency(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--minutes applies the special frequency adjustment."""
        argv = ("lift", "--h", "30", "--v", "25", "--d", "50", "--f", "10")
        _, out, _ = run(
            capsys, *argv, "--minutes", "8", "--coupling", "good", "--json"
        )
        doc = json.loads(out)["limit"]
        expected = bs.recommended_weight_limit(
            horizontal=30,
            vertical=25,
            distance=50,
            frequency=bs.sampled_frequency(lifts_per_minute=10, minutes=8),
            duration="short",
            coupling="good",
        )

        assert expected.limit == pytest.approx(doc["limit"])
        assert (
            bs.from_dict(
                {"schema_version": 1, **doc}, bs.RecommendedWeightLimit
            )
            == expected
        )

    @pytest.mark.parametrize(
        ("extra", "message"),
        [
            (("--h", "70"), "--h must be a finite number in [0, 63] cm"),
            (("--h", "30", "--a", "140"), "--a must be"),
            (("--h", "30", "--f", "20"), "--f must be"),
            (("--h", "30", "--minutes", "0"), "--minutes must be"),
        ],
        ids=["h", "a", "f", "minutes"],
    )
    def test_bad_input(
        self,
        capsys: pytest.CaptureFixture[str],
        extra: tuple[str, ...],
        message: str,
    ) -> None:
        """Out-of-range measures are one line and status 2."""
        status, _, err = run(
            capsys,
            "lift",
            *("--v", "30", "--d", "50", "--coupling", "fair"),
            *extra,
        )

        assert 2 == status
        assert 1 == len(err.strip().splitlines())
        assert message in err

    def test_missing_option(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing measure is a usage error."""
        status, _, err = run(capsys, "lift", "--h", "30")

        assert 2 == status
        assert "required" in err

    def test_help_has_examples(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--help shows examples."""
        status, out, _ = run(capsys, "lift", "--help")

        assert 0 == status
        assert "examples:" in out
        assert "backsafe lift --h" in out
