"""Options that several commands share, declared once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


def output_option(help: str = "Where to write ('-' for stdout).") -> Callable[[F], F]:
    """``-o/--output FILE``, standard output by default."""
    return click.option("-o", "--output", default="-", show_default=True, metavar="FILE", help=help)
