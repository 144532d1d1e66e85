import runpy
from pathlib import Path

import pytest

EXAMPLES = sorted((Path(__file__).parent.parent / "examples").glob("*.py"))
#: Examples that need an optional extra: skipped without it.
NEEDS = {"fastapi_app.py": ("fastapi", "uvicorn", "httpx")}


class TestExamples:
    @pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
    def test_runs(
        self,
        path: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Every example runs as a script and prints something."""
        for module in NEEDS.get(path.name, ()):
            pytest.importorskip(module, reason="needs the web extra")
        monkeypatch.setenv("MPLBACKEND", "Agg")
        monkeypatch.chdir(path.parent)

        runpy.run_path(str(path), run_name="__main__")

        assert capsys.readouterr().out.strip()

    def test_back_friendly_leg_day_shows_the_rewrite(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The leg-day example prints the new day and its reasons."""
        path = Path(__file__).parent.parent / "examples"
        runpy.run_path(
            str(path / "back_friendly_leg_day.py"), run_name="__main__"
        )
        out = capsys.readouterr().out

        assert "Back-friendly version:" in out
        assert "- Low-bar back squat at 80 kg is one its own caution" in out
