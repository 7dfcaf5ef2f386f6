"""The `kst` app and what its commands share: the printer, the common options, loading the
pipeline and reading runs. Command groups register on `app` in their own modules (cli/__init__.py)."""

import os
import sys
from pathlib import Path

import typer
from wasabi import Printer

from ..common.rules import RuleFileError
from ..run.assemble import DEFAULT_CONFIGS, DEFAULT_MODEL, load_pipeline


def _plain_output() -> bool:
    """NO_COLOR set, or the output is a file or a pipe: plain text (https://no-color.org)."""
    return bool(os.environ.get("NO_COLOR")) or not sys.stdout.isatty()


app = typer.Typer(
    name="kst",
    help="Annotate Dutch parliamentary and government documents: ministries, dates, references, "
         "policy themes and commitments, as JSONL for review.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # on a terminal, help and usage errors in boxes; otherwise plain lines a script can read
    rich_markup_mode=None if _plain_output() else "markdown",
)
msg = Printer(pretty=not _plain_output(), no_print=False)  # colour and icons on a terminal only


def output_file(value):
    """An output file option: a folder is a usage error (exit 2); a missing parent folder is made."""
    if value is None or str(value) == "-":
        return value
    path = Path(value)
    if path.is_dir():
        raise typer.BadParameter(f"{path} is a folder; give a file name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise typer.BadParameter(f"cannot make the folder {path.parent}: {err.strerror or err}") from None
    return value


CONFIGS_OPTION = typer.Option(DEFAULT_CONFIGS, "--configs", metavar="FOLDER", help="Folder with pipeline.cfg and the rule files.")
MODEL_OPTION = typer.Option(DEFAULT_MODEL, "--model", metavar="FOLDER", help="Where the assembled pipeline is saved and reused.")


def _pipeline(configs: Path, model: Path, rebuild: bool = False):
    try:
        return load_pipeline(configs, model, rebuild=rebuild)
    except RuleFileError as err:
        msg.fail(f"Broken rule or config file: {err}", exits=2)


def read_records(path: Path) -> list:
    """Full records (with spans) from JSONL, failing with file:line on a malformed line."""
    from ..review.exchange import ExchangeError, read_run

    try:
        return read_run(path)
    except ExchangeError as err:
        msg.fail(str(err), exits=2)
