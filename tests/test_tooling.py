"""The one test command also runs the linters: ruff (lint and format) and mypy --strict on kg/."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def tool(name: str) -> list[str]:
    if shutil.which(name) is None and not (Path(sys.executable).parent / name).exists():
        pytest.skip(f"{name} is not installed (pip install '.[test]')")
    return [sys.executable, "-m", name]


def test_ruff() -> None:
    paths = [p for p in ("kg", "tests", "benchmarks") if (ROOT / p).is_dir()]
    done = subprocess.run(
        [*tool("ruff"), "check", *paths], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format() -> None:
    paths = [p for p in ("kg", "tests", "benchmarks") if (ROOT / p).is_dir()]
    done = subprocess.run(
        [*tool("ruff"), "format", "--check", *paths],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_strict() -> None:
    done = subprocess.run([*tool("mypy")], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
