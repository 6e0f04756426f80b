"""The ``builder`` console script: the CLI, or one line saying what a light install lacks.

A plain ``pip install`` of this project installs only what reading a package needs; the
builder's own dependencies (spaCy, frictionless, DuckDB, ...) are its ``build`` extra.
The script is installed either way, so it imports the CLI here and, when a dependency
is missing, says which extra to install instead of printing a traceback.
"""

from __future__ import annotations

import sys

EXTRA_HINT = "pip install 'interview-datasets-builder[build]'"


def main(argv: list[str] | None = None) -> int:
    """Run the CLI with ``argv``; exit status 2 and one line when the build extra is
    missing."""
    try:
        from builder.cli import main as cli_main
    except ModuleNotFoundError as err:
        print(
            f"error: the builder needs its build dependencies ({err.name} is not "
            f"installed): {EXTRA_HINT}, or `make .venv` in a clone",
            file=sys.stderr,
        )
        return 2
    return cli_main(argv)
