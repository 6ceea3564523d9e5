"""README.md stays true: its commands, its query catalogue, its exit codes."""

from __future__ import annotations

import re
from pathlib import Path

from kg.cli import cli
from kg.errors import EXIT_DATA, EXIT_OK, EXIT_RUN, EXIT_USAGE
from kg.queries import catalogue

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    documented = set(re.findall(r"`tradekg (\w+)", README))
    assert set(cli.commands) <= documented, set(cli.commands) - documented


def test_the_query_table_lists_exactly_the_catalogue() -> None:
    table = README.split("<!-- catalogue:")[1].split("\n\n")[0]
    listed = re.findall(r"^\| `([\w-]+)` \|", table, flags=re.M)
    assert sorted(listed) == sorted(catalogue()), "README's query table and queries/ differ"


def test_exit_codes_are_documented() -> None:
    text = README.split("**Exit codes:**")[1].split("\n\n")[0]
    for code in (EXIT_OK, EXIT_DATA, EXIT_USAGE, EXIT_RUN):
        assert f"`{code}`" in text


def test_the_readme_opens_with_the_two_commands() -> None:
    blocks = re.findall(r"```bash\n(.*?)```", README, flags=re.S)
    assert "tradekg demo" in blocks[0]
    assert "pytest" in blocks[1]
