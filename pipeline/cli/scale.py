"""`kst bench` and the parallel and distributed modes of `kst annotate` (docs/scale.md)."""

import json
from pathlib import Path
from typing import List, Optional

import typer

from .app import CONFIGS_OPTION, MODEL_OPTION, _pipeline, app, msg


# Below this much input, local workers cost more to start (an interpreter and the pipeline
# each, ~3 s) than they save: the run stays in this process (measured in docs/scale.md).
MIN_SHARDED_MB = 2.0


def wants_sharded(out: str, *, workers: int, engine: str, cluster: Optional[str], resume: bool, inputs=(),
                  min_mb: float = MIN_SHARDED_MB) -> bool:
    """The sharded path runs with several workers on enough input, another engine, or to resume
    a sharded run (OUT.parts exists), whatever --workers says then; an interrupted run of this
    process (OUT.partial) resumes in this process."""
    if engine != "local" or cluster:
        return True
    if resume and out != "-":
        from ..run.shards import parts_dir
        from ..io.writers.jsonl import partial_path

        if parts_dir(Path(out)).is_dir():
            return True
        if partial_path(Path(out)).exists():
            return False
    enough = int(min_mb * 1_000_000)
    return workers > 1 and input_bytes(inputs, enough) >= enough


def input_bytes(inputs, enough: int) -> int:
    """Bytes of the input files, counted until `enough` is reached; stdin counts as enough."""
    total = 0
    for name in inputs:
        if name == "-":
            return enough
        path = Path(name)
        files = path.rglob("*") if path.is_dir() else [path]
        for file in files:
            try:
                total += file.stat().st_size if file.is_file() else 0
            except OSError:
                continue
            if total >= enough:
                return total
    return total


def annotate_sharded(inputs: List[str], out: str, *, resume: bool, force: bool, workers: int, shard_size: int,
                     engine: str, cluster: Optional[str], configs: Path, model: Path, progress: Optional[bool],
                     doc_timeout=None):
    """`kst annotate --workers N / --engine`: make sure the saved pipeline is current, then
    hand over to parallel.run_parallel (workers load the saved copy)."""
    from concurrent.futures.process import BrokenProcessPool

    from ..run.batch import RunRefused
    from ..run.assemble import is_current, saved_stamp
    from ..run.engines import ENGINES, EngineUnavailable
    from ..run.parallel import run_parallel

    if engine not in ENGINES:
        msg.fail(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}", exits=2)
    if not is_current(model, configs):
        _pipeline(configs, model)  # assembles and saves it (or fails with exit 2 on a broken config)
    stamp = saved_stamp(model) or {}
    try:
        return run_parallel(model, inputs, out, workers=workers, shard_size=shard_size, engine=engine, cluster=cluster,
                            resume=resume, force=force, progress=progress, config_hash=stamp.get("config_hash", ""),
                            doc_timeout=doc_timeout)
    except (RunRefused, EngineUnavailable) as err:
        msg.fail(str(err), exits=2)
    except BrokenProcessPool:
        msg.fail("a worker process died (killed, or out of memory); the finished shards are kept in "
                 f"{out}.parts: run the same command with --resume to continue", exits=3)


@app.command()
def bench(
    docs: Optional[int] = typer.Option(None, "--docs", "-n", min=1, metavar="N", help="Documents in the bench corpus (default 2000 unless --mb)."),
    mb: Optional[float] = typer.Option(None, "--mb", min=0.001, metavar="MB", help="Size of the bench corpus in MB of text (instead of --docs)."),
    shared: bool = typer.Option(False, "--shared/--no-shared", help="Also repeat the texts of ../shared/corpus (long Handelingen)."),
    workers: int = typer.Option(2, "--workers", "-w", min=1, metavar="N", help="Workers for the speedup measurement (N over 1)."),
    shard_size: int = typer.Option(200, "--shard-size", min=1, metavar="N", help="Documents per shard in the parallel run (the default of kst annotate)."),
    parallel: bool = typer.Option(True, "--parallel/--no-parallel", help="Measure the speedup of N workers over 1 (runs annotate twice)."),
    json_out: Optional[Path] = typer.Option(None, "--json", metavar="FILE", help="Also write the report as JSON here."),
    configs: Path = CONFIGS_OPTION,
    model: Path = MODEL_OPTION,
):
    """Benchmark: tokenizer vs full pipeline throughput, time per component, peak memory and
    the speedup of --workers over 1 on the real annotate path. The last line is
    `ratio=<full/tokenizer> speedup=<N over 1> workers=<N> peak_rss_mb=<MB>`.

    Example: kst bench --docs 2000 --workers 2
    """
    from ..run.bench import DEFAULT_SOURCES, SHARED_CORPUS, build_corpus, format_report, run_bench

    sources = list(DEFAULT_SOURCES)
    if shared:
        if not SHARED_CORPUS.is_dir():
            msg.fail(f"{SHARED_CORPUS} is absent; run without --shared", exits=2)
        sources.append(SHARED_CORPUS)
    if docs is None and mb is None:
        docs = 2000
    nlp = _pipeline(configs, model)
    corpus = build_corpus(sources, docs=docs, mb=mb)
    report = run_bench(nlp, model, corpus, workers=workers, shard_size=shard_size, parallel=parallel,
                       log=lambda line: msg.text(line, show=True))
    if json_out:
        from dataclasses import asdict

        json_out.write_text(json.dumps(asdict(report), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(format_report(report))
