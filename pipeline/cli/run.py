"""`kst build`, `kst annotate`, `kst evaluate` and `kst version`: each command checks its
arguments and hands over to a function."""

import json
import sys
import time
from pathlib import Path
from typing import List, Optional

import typer

from ..run.assemble import DEFAULT_CONFIGS, config_hash
from .app import CONFIGS_OPTION, MODEL_OPTION, _pipeline, _plain_output, app, msg, output_file, read_records


@app.command()
def build(configs: Path = CONFIGS_OPTION, model: Path = MODEL_OPTION):
    """Assemble the pipeline from configs/ and save it (default outputs/model).

    The saved pipeline's meta stamps the package version and a hash of configs/;
    `kst annotate` reuses it while configs/ is unchanged and rebuilds it otherwise.

    Example: kst build --configs configs/ --model outputs/model
    """
    nlp = _pipeline(configs, model, rebuild=True)
    msg.good(f"Saved the pipeline to {model}", f"components: {', '.join(nlp.pipe_names)}; config hash {nlp.meta['kst']['config_hash'][:12]}")


@app.command()
def annotate(
    inputs: List[str] = typer.Argument(..., metavar="INPUTS...", help="Files or folders (.txt, .jsonl, .xml; folders recursively); '-' reads JSONL from stdin."),
    out: str = typer.Option(..., "--out", "-o", metavar="PATH", callback=output_file, help="Output JSONL file, or '-' for stdout."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run into the same --out."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, metavar="N", help="Worker processes (each loads the saved pipeline once)."),
    shard_size: int = typer.Option(200, "--shard-size", min=1, metavar="N", help="Documents per shard (OUT.parts/shard-NNNNN.jsonl) with --workers > 1 or --engine dask."),
    engine: str = typer.Option("local", "--engine", metavar="ENGINE", help="local (processes on this machine) or dask (the dask extra); see docs/scale.md."),
    cluster: Optional[str] = typer.Option(None, "--cluster", metavar="ADDRESS", help="Dask scheduler address (tcp://host:8786); default: a local cluster of --workers processes."),
    configs: Path = CONFIGS_OPTION,
    model: Path = MODEL_OPTION,
    progress: Optional[bool] = typer.Option(None, "--progress/--no-progress", help="Progress bar on stderr (default: when stderr is a terminal)."),
    shard_min_mb: float = typer.Option(2.0, "--shard-min-mb", min=0, metavar="MB", help="With --workers, input smaller than this is annotated in this process, where workers would take longer to start than they save (0: always shard)."),
    doc_timeout: float = typer.Option(120.0, "--doc-timeout", min=0, metavar="SECONDS", help="Seconds one document may take; a slower one goes to the errors file and the run goes on (0: no limit)."),
):
    """Annotate documents into JSONL, one record per document, in input order.

    Writes OUT.partial and renames it when done; OUT.errors.jsonl lists documents that could
    not be read or annotated, OUT.manifest.json the version, config hash, counts and time.
    One run writes an output at a time (OUT.lock); a second one is refused.
    Exit code 1 when some documents failed, 2 on a usage or config error, 3 when the output
    cannot be written (disk full, no permission).

    Example: kst annotate corpus/ --out outputs/corpus.jsonl
    """
    from ..io.writers.lock import OutputLocked, output_lock

    missing = [name for name in inputs if name != "-" and not Path(name).exists()]
    if missing:  # before anything is written, so the corrected rerun is not refused
        msg.fail(f"INPUTS: no such file or folder: {', '.join(missing)}", exits=2)
    try:
        with output_lock(out):
            _annotate(inputs, out, resume=resume, force=force, workers=workers, shard_size=shard_size, engine=engine,
                      cluster=cluster, configs=configs, model=model, progress=progress, doc_timeout=doc_timeout,
                      shard_min_mb=shard_min_mb)
    except OutputLocked as err:
        msg.fail(str(err), exits=2)
    except OSError as err:  # disk full, no permission, a folder where the file should be
        msg.fail(f"{err.filename or out}: cannot write: {err.strerror or err}; "
                 "the previous output (if any) is left as it was", exits=3)


def _annotate(inputs, out, *, resume, force, workers, shard_size, engine, cluster, configs, model, progress, doc_timeout,
              shard_min_mb):
    from ..run.batch import RunRefused, run_annotate

    from .scale import annotate_sharded, wants_sharded

    if wants_sharded(out, workers=workers, engine=engine, cluster=cluster, resume=resume, inputs=inputs,
                     min_mb=shard_min_mb):
        summary = annotate_sharded(inputs, out, resume=resume, force=force, workers=workers, shard_size=shard_size,
                                   engine=engine, cluster=cluster, configs=configs, model=model, progress=progress,
                                   doc_timeout=doc_timeout)
        _print_summary(summary, out)
        if summary.errors:
            raise typer.Exit(1)
        return
    if workers > 1:
        print(f"note: annotating in this process: {workers} workers would take longer to start than this input "
              "takes (or an interrupted run of one process is resumed)", file=sys.stderr)
    started = time.perf_counter()
    nlp = _pipeline(configs, model)
    loading = time.perf_counter() - started
    try:
        summary = run_annotate(nlp, inputs, out, resume=resume, force=force, progress=progress,
                               config_hash=nlp.meta.get("kst", {}).get("config_hash", ""), doc_timeout=doc_timeout,
                               load_seconds=loading)
    except RunRefused as err:
        msg.fail(str(err), exits=2)
    _print_summary(summary, out)
    if summary.errors:
        raise typer.Exit(1)


def _print_summary(summary, out: str) -> None:
    printer = msg if out != "-" else None
    rows = [("documents", summary.documents + summary.skipped)]
    if summary.skipped:  # the output in all, then the two parts
        rows += [("  annotated now", summary.documents), ("  resumed", summary.skipped)]
    rows.append(("errors", len(summary.errors)))
    total = summary.labels + summary.resumed_labels
    rows += [(f"spans {label}", count) for label, count in sorted(total.items())]
    if summary.skipped:
        rows += [(f"  of which resumed {label}", count) for label, count in sorted(summary.resumed_labels.items())]
    rows.append(("seconds", f"{summary.seconds:.2f}"))
    if summary.load_seconds:
        rows.append(("  + loading pipeline", f"{summary.load_seconds:.2f}"))
    table = "\n".join(f"  {name:<22}{value:>10}" for name, value in rows)
    print(table, file=sys.stderr)
    if printer and summary.documents:
        print(f"{'' if _plain_output() else '✔ '}Wrote {out}", file=sys.stderr)


@app.command()
def evaluate(
    gold: Path = typer.Argument(..., exists=True, dir_okay=False, metavar="GOLD", help="Gold JSONL (record format of GUIDELINES.md)."),
    pred: Optional[Path] = typer.Option(None, "--pred", metavar="RUN", help="Predicted JSONL; without it the pipeline runs on the gold texts given meta.date only."),
    labels: Optional[List[str]] = typer.Option(None, "--labels", "-l", metavar="LABEL", help="Only these labels (repeatable)."),
    json_out: Optional[Path] = typer.Option(None, "--json", callback=output_file, metavar="FILE", help="Also write the full report as JSON here."),
    errors: bool = typer.Option(False, "--errors", help="List false positives by rule, false negatives and value mismatches."),
    configs: Path = CONFIGS_OPTION,
    model: Path = MODEL_OPTION,
):
    """Score the pipeline (or a run) against gold: P/R/F1 per label, exact and lenient, and
    normalisation accuracy. Example: kst evaluate ../shared/gold/dev.jsonl --errors"""
    from ..review.evaluate import LABELS, format_errors, format_table, predict, score

    gold_records = read_records(gold)
    if pred is None:
        predictions = predict(_pipeline(configs, model), gold_records)
    else:
        predictions = read_records(pred)
    chosen = tuple(l.upper() for l in labels) if labels else LABELS
    report = score(gold_records, predictions, chosen)
    print(format_table(report))
    if errors:
        print(format_errors(report))
    if json_out:
        json_out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        msg.good(f"Wrote {json_out}")



@app.command()
def version():
    """Print the package version and the hash of configs/.

    Example: kst version
    """
    from .. import __version__

    print(f"kst {__version__} (configs {config_hash(DEFAULT_CONFIGS)[:12]})")
