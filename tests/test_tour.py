import json
import pathlib
import sys
from collections.abc import Callable
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

TOUR = pathlib.Path(__file__).parent.parent / "examples" / "tour.ipynb"
KERNEL = "backsafe-tests"


@pytest.fixture(name="kernel_dir")
def _kernel_dir(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> pathlib.Path:
    """A kernel spec that runs this very interpreter, found first."""
    spec = tmp_path / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [
                    sys.executable,
                    "-m",
                    "ipykernel_launcher",
                    "-f",
                    "{connection_file}",
                ],
                "display_name": "backsafe tests",
                "language": "python",
                "env": {
                    "MPLBACKEND": "module://matplotlib_inline.backend_inline"
                },
            }
        )
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")
    return tmp_path


def read_tour() -> Any:
    """The tour notebook (nbformat is untyped)."""
    read: Callable[..., Any] = nbformat.read
    return read(TOUR, as_version=4)


def code_cells(notebook: Any) -> list[Any]:
    return [c for c in notebook.cells if c.cell_type == "code"]


class TestTour:
    def test_stored_without_outputs(self) -> None:
        """The committed notebook has no outputs or execution counts."""
        notebook = read_tour()

        assert [] == [
            c.source[:40]
            for c in code_cells(notebook)
            if c.outputs or c.execution_count is not None
        ]

    def test_runs_and_shows_tables_and_plots(
        self, kernel_dir: pathlib.Path
    ) -> None:
        """Every cell runs; loads show as HTML and the plots as images."""
        notebook = read_tour()
        client = NotebookClient(
            notebook,
            kernel_name=KERNEL,
            timeout=120,
            resources={"metadata": {"path": str(TOUR.parent)}},
        )

        client.execute()
        cells = code_cells(notebook)
        kinds = [
            {key for out in c.outputs for key in out.get("data", {})}
            for c in cells
        ]
        plots = [
            c for c, k in zip(cells, kinds, strict=True) if "plot_" in c.source
        ]
        html = [
            c for c, k in zip(cells, kinds, strict=True) if "text/html" in k
        ]

        assert kernel_dir.is_dir()
        assert [] == [
            out
            for c in cells
            for out in c.outputs
            if out.output_type == "error"
        ]
        assert 3 == len(plots)
        for cell in plots:
            assert any(
                "image/png" in out.get("data", {}) for out in cell.outputs
            )
        assert {
            "bs.spinal_load(box, body)",
            "bs.score(squat, body, load_kg=60)",
        } <= {c.source.splitlines()[-1] for c in html}
