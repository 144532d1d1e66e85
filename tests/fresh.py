"""Run code in a fresh interpreter, for what only a new process shows."""

import subprocess
import sys


def run_fresh(code: str) -> str:
    """Run *code* with ``python -c`` and return its stripped output."""
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
