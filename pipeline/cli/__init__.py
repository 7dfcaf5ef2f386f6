"""The `kst` command line: one module per command group, each registering its commands on the
one Typer app of cli/app.py when imported here (the import order is the order of `kst --help`)."""

from .app import app
from . import run, review, scale, themes  # noqa: F401  register the commands


def main():
    app(prog_name="kst")

