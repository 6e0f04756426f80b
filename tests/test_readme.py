"""The README is the dataset card: its examples run and its column reference is current."""

import os
import re

import pytest

from builder.docs import END, START, render_columns
from repo import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```python\n(.*?)```", README, flags=re.S)


def test_column_reference_is_generated_from_the_schemas():
    generated = README.split(START, 1)[1].split(END, 1)[0]
    assert generated.strip() == render_columns().strip()


def test_readme_has_pandas_duckdb_and_frictionless_examples():
    code = "\n".join(EXAMPLES)
    for needle in (
        "read_parquet",
        "read_csv",
        "duckdb.sql",
        "FROM 'data/parquet/answers.parquet'",
        "JOIN 'data/parquet/questions.parquet'",
        'Package("datapackage.json")',
    ):
        assert needle in code


@pytest.mark.parametrize("code", EXAMPLES, ids=[f"example{i}" for i in range(len(EXAMPLES))])
def test_readme_example_runs(code, capsys):
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        exec(compile(code, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)


def test_readme_states_the_guarantees_and_warns_spreadsheet_users():
    from builder.publish import JOURNAL, LOCK, MARKER

    assert "## Safety: what the builder guarantees" in README
    section = README.split("## Safety: what the builder guarantees", 1)[1].split("\n## ", 1)[0]
    for needle in (
        f"`{MARKER}`",
        f"`{JOURNAL}`",
        f"`{LOCK}`",
        "| SIGKILL after any step of the publish |",
        "another build is running (pid N)",
        "starts\nwith `=`, `+`, `-` or `@`",
        "choose the column type *Text*",
        "*Data > From Text/CSV*",
    ):
        assert needle in section, needle
