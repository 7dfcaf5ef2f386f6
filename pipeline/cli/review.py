"""`kst review`, `export`, `import`, `diff`, `learn`: reviewing and retraining.

Thin commands: each checks its arguments and hands over to pipeline.review.report, pipeline.review.exchange,
pipeline.review.diff or pipeline.review.learn. User errors end with wasabi msg.fail(..., exits=2).
"""

import json
import textwrap
from pathlib import Path
from typing import List, Optional

import typer

from .app import CONFIGS_OPTION, MODEL_OPTION, app, msg, output_file, read_records as _run

def _format(value: str, option: str) -> str:
    from ..review.exchange import FORMATS, IMPORT_FORMATS

    known = IMPORT_FORMATS if option == "--from" else FORMATS
    value = value.lower().replace("-", "").replace("_", "")
    if value not in known:
        msg.fail(f"{option} must be one of {', '.join(known)}, not {value!r}", exits=2)
    return value


def run_config_hash(run: Path) -> str:
    """The config hash in the run's manifest (RUN.manifest.json), "" when there is none: it keys
    the decisions a reviewer keeps in the browser, so corrections of another run stay apart."""
    try:
        return str(json.loads(run.with_name(run.name + ".manifest.json").read_text(encoding="utf-8")).get("config_hash") or "")
    except (OSError, ValueError, AttributeError):
        return ""


@app.command()
def review(
    run: Path = typer.Argument(..., exists=True, dir_okay=False, metavar="RUN", help="A run (JSONL records)."),
    out: Path = typer.Option(Path("outputs/review"), "--out", "-o", metavar="FOLDER", help="Folder for the report (index.html, docs/)."),
    force: bool = typer.Option(False, "--force", help="Write into a non-empty folder (an earlier report's pages are replaced)."),
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="DAY", help="The day commitment status is judged against in the summary (default today)."),
):
    """Write a static HTML report of a run for reviewers (opens offline).

    An index with counts per label, commitments and themes; one page per document with every
    span highlighted, its value and rule on click, filters, and corrections (accept, reject,
    attributes, drawn spans, notes) kept in the browser and downloaded as JSONL for
    `kst import FILE --from kst`; a commitments page with a summary per theme and actor.

    Example: kst review outputs/corpus.jsonl --out outputs/review/
    """
    from ..review.report import ReportRefused, build_report

    from ..review.register import as_of_day

    records = _run(run)
    try:
        day = as_of_day(as_of)
    except ValueError as err:
        msg.fail(str(err), exits=2)
    try:
        summary = build_report(records, out, force=force, run=run.name, config=run_config_hash(run), as_of=day)
    except ReportRefused as err:
        msg.fail(str(err), exits=2)
    for doc_id, warning in summary.warnings[:20]:
        msg.warn(f"{doc_id}: {warning}")
    msg.good(f"Wrote {out / 'index.html'}", f"{summary.documents} documents, {summary.spans} spans")


@app.command("export")
def export_cmd(
    run: Path = typer.Argument(..., exists=True, dir_okay=False, metavar="RUN", help="A run (JSONL records)."),
    to: str = typer.Option(..., "--to", metavar="TOOL", help="prodigy, labelstudio or doccano."),
    out: Path = typer.Option(..., "--out", "-o", callback=output_file, metavar="FILE", help="File to write (JSONL; a JSON array for labelstudio)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    configs: Path = CONFIGS_OPTION,
):
    """Export a run for a review tool: prodigy, labelstudio or doccano.

    Prodigy: JSONL tasks for spans.manual; Label Studio: a JSON array of tasks with
    predictions (labeling config: configs/labelstudio.xml); doccano: JSONL with "label"
    triples. Our ids and span attrs travel along, so import is lossless.

    Example: kst export outputs/corpus.jsonl --to prodigy --out outputs/review.prodigy.jsonl
    """
    from ..review.exchange import ExchangeError, export_run

    fmt = _format(to, "--to")
    if out.exists() and not force:
        msg.fail(f"{out} exists; use --force to overwrite it", exits=2)
    records = _run(run)
    try:
        summary = export_run(records, fmt, out, configs=configs) if fmt == "prodigy" else export_run(records, fmt, out)
    except ExchangeError as err:
        msg.fail(str(err), exits=2)
    for warning in summary["warnings"]:
        msg.warn(warning)
    extra = " (labeling config: configs/labelstudio.xml)" if fmt == "labelstudio" else ""
    msg.good(f"Wrote {out}", f"{summary['records']} records, {summary['spans']} spans for {fmt}{extra}")


@app.command("import")
def import_cmd(
    reviewed: Path = typer.Argument(..., exists=True, dir_okay=False, metavar="REVIEWED", help="The file the review tool exported."),
    from_: str = typer.Option(..., "--from", metavar="TOOL", help="prodigy, labelstudio, doccano, or kst (the corrections downloaded from `kst review`)."),
    out: Path = typer.Option(..., "--out", "-o", callback=output_file, metavar="FILE", help="Records (JSONL) to write."),
    keep_rejected: bool = typer.Option(False, "--keep-rejected", help="Keep rejected/ignored records (marked in meta.review) instead of leaving them out."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    problems_out: Optional[Path] = typer.Option(None, "--problems", callback=output_file, metavar="FILE", help="Also write every problem as JSONL here."),
):
    """Import a review tool's file back into records, checking every span against the text.

    Offsets that slipped (Label Studio after emoji or \\r\\n) are repaired when the span text
    is found, else the span is dropped; each is reported as file:line [id] span. Rejected and
    ignored records are left out (--keep-rejected keeps them). Exit code 1 when spans were dropped.

    Example: kst import reviewed.jsonl --from prodigy --out outputs/reviewed.jsonl
             kst import kst-corrections-corpus.jsonl --from kst --out outputs/reviewed.jsonl
    """
    from ..review.exchange import ExchangeError, import_file
    from ..review.exchange.common import write_jsonl
    from ..io.writers.jsonl import dumps_record

    fmt = _format(from_, "--from")
    if out.exists() and not force:
        msg.fail(f"{out} exists; use --force to overwrite it", exits=2)
    try:
        result = import_file(reviewed, fmt, keep_rejected=keep_rejected)
    except ExchangeError as err:
        msg.fail(str(err), exits=2)
    from ..review.exchange.common import write_json_atomic_text

    write_json_atomic_text(out, "".join(dumps_record(r) + "\n" for r in result.records))
    if problems_out:
        write_jsonl(problems_out, [p.as_dict() for p in result.problems])
    for problem in result.problems[:50]:
        (msg.warn if problem.repaired else msg.fail)(str(problem))
    if len(result.problems) > 50:
        msg.info(f"… {len(result.problems) - 50} more problems" + ("" if problems_out else " (--problems FILE lists all)"))
    answers = ", ".join(f"{k} {v}" for k, v in sorted(result.answers.items())) or "no review answers"
    left = f"; left out (rejected/ignored): {len(result.left_out)}" if result.left_out else ""
    msg.good(f"Wrote {out}", f"{len(result.records)} records, {sum(len(r['spans']) for r in result.records)} spans; "
                             f"{answers}{left}; {result.repaired_spans} spans repaired, {result.dropped_spans} dropped")
    if result.dropped_spans:
        raise typer.Exit(1)


@app.command()
def diff(
    a: Path = typer.Argument(..., exists=True, dir_okay=False, metavar="RUN_A", help="The earlier run."),
    b: Path = typer.Argument(..., exists=True, dir_okay=False, metavar="RUN_B", help="The later run."),
    labels: Optional[List[str]] = typer.Option(None, "--labels", "-l", metavar="LABEL", help="Only these labels (repeatable)."),
    limit: int = typer.Option(20, "--limit", min=0, metavar="N", help="Changes listed per label (the tables count all)."),
    json_out: Optional[Path] = typer.Option(None, "--json", callback=output_file, metavar="FILE", help="Also write the full diff as JSON here."),
):
    """What changed between two runs: spans added, removed, moved or revalued.

    Counted per label and per rule, each change with a few words of context. Use it on a run
    before and after a rule edit.

    Example: kst diff outputs/before.jsonl outputs/after.jsonl --json outputs/diff.json
    """
    from ..review.diff import diff_runs, format_diff

    chosen = {l.upper() for l in labels} if labels else None
    report = diff_runs(_run(a), _run(b), chosen)
    print(format_diff(report, limit=limit))
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        msg.good(f"Wrote {json_out}")


@app.command()
def learn(
    reviewed: Path = typer.Argument(..., exists=True, dir_okay=False, metavar="REVIEWED", help="Reviewed records (what `kst import` wrote)."),
    base: Optional[Path] = typer.Option(None, "--base", metavar="RUN", help="The run that was reviewed; without it the pipeline runs on the reviewed texts (given meta.date)."),
    out: Path = typer.Option(Path("outputs/learn.patch"), "--out", "-o", callback=output_file, metavar="FILE", help="Where the patch is written (it is not applied)."),
    min_count: int = typer.Option(1, "--min-count", min=1, metavar="N", help="Propose an edit only for corrections seen this often."),
    json_out: Optional[Path] = typer.Option(None, "--json", callback=output_file, metavar="FILE", help="Also write the findings and proposals as JSON here."),
    configs: Path = CONFIGS_OPTION,
    model: Path = MODEL_OPTION,
):
    """Propose rule changes from reviewed corrections, as a patch against configs/ (not applied).

    Missed spans become taxonomy terms, gazetteer names or candidate patterns; rejected spans
    become exclusions, vetoes, ignore/skip patterns or exceptions.txt lines. Apply with
    `git apply outputs/learn.patch`, then `kst build` and `kst evaluate`.

    Example: kst learn outputs/reviewed.jsonl --base outputs/corpus.jsonl
    """
    from ..review.learn import learn as propose, render_patch
    from ..review.exchange.common import write_json_atomic_text

    reviewed_records = _run(reviewed)
    if base is not None:
        base_records = _run(base)
    else:
        from .app import _pipeline
        from ..review.evaluate import predict

        base_records = predict(_pipeline(configs, model), reviewed_records)
    result = propose(reviewed_records, base_records, configs, min_count=min_count)
    write_json_atomic_text(out, render_patch(result))
    if json_out:
        data = {"summary": result.summary(), "notes": result.notes,
                "proposals": [{"file": p.file, "what": p.what, "count": p.count, **p.finding.as_dict()} for p in result.proposals]}
        write_json_atomic_text(json_out, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    for p in result.proposals:
        print(f"  [{p.file or 'report only'}] {p.what}" + (f" (×{p.count})" if p.count > 1 else ""))
    for note in result.notes:
        msg.info(note)
    summary = result.summary()
    msg.good(f"Wrote {out}", f"{summary['edits']} edits in {len(result.files)} files "
                             f"({', '.join(result.files) or 'none'}); {summary['reported']} findings reported only. "
                             f"Not applied: review it, then `git apply {out}`, `kst build`, `kst evaluate`.")


@app.command()
def commitments(
    run: Path = typer.Argument(..., exists=True, dir_okay=False, metavar="RUN", help="A run (JSONL records)."),
    csv_out: Optional[Path] = typer.Option(None, "--csv", callback=output_file, metavar="FILE", help="Also write the register as CSV here."),
    theme: Optional[str] = typer.Option(None, "--theme", metavar="THEME", help="Only commitments on this theme id (e.g. foreign_interference; see configs/policy_theme/taxonomy.yml)."),
    actor: Optional[str] = typer.Option(None, "--actor", metavar="CODE", help="Only commitments of this actor (ministry code, or 'kabinet')."),
    deadline_from: Optional[str] = typer.Option(None, "--from", metavar="DATE", help="Only deadlines from this date or period on: YYYY-MM-DD or DD-MM-YYYY, or a period (2024, 2024-Q1, 2024-06)."),
    deadline_to: Optional[str] = typer.Option(None, "--to", metavar="DATE", help="Only deadlines up to this date or period (the same forms as --from)."),
    configs: Path = CONFIGS_OPTION,
    confidence: Optional[str] = typer.Option(None, "--confidence", metavar="LEVEL", help="Only commitments of at least this confidence: high, medium or low (attrs.confidence)."),
    width: int = typer.Option(90, "--width", metavar="CHARS", help="Width of the sentence column; longer sentences wrap."),
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="DAY", help="The day the status is judged against (default today): open, due (deadline within 30 days), overdue."),
    by_date: str = typer.Option("deadline", "--by-date", metavar="WHICH", help="What --from/--to filter on: deadline, or document (the document date)."),
    status: Optional[str] = typer.Option(None, "--status", metavar="STATUS", help="Only commitments of this status: open, due or overdue."),
    summary: bool = typer.Option(False, "--summary", help="Print, per theme and per actor, the count by modality and status and the next deadlines, instead of the rows."),
):
    """The register of commitments across a run: document, actor, modality, deadline, status,
    themes, sentence and link, as a table and (with --csv) as CSV; --summary counts them per
    theme and per actor.

    Example: kst commitments outputs/corpus.jsonl --theme foreign_interference --csv outputs/commitments.csv
    """
    from ..review.register import (as_of_day, commitment_rows, filter_rows, known_actors, known_themes, summarise,
                                   summary_lines, terminal_safe, with_status, write_csv)

    for option, value, known in (("--theme", theme, known_themes(configs)), ("--actor", actor, known_actors(configs))):
        if value and known and value.lower() not in {k.lower() for k in known}:
            msg.fail(f"{option}: unknown value {value!r}; known: {', '.join(known)}", exits=2)
    try:
        day = as_of_day(as_of)
        rows = filter_rows(with_status(commitment_rows(_run(run)), day), theme=theme, actor=actor,
                           deadline_from=deadline_from, deadline_to=deadline_to, confidence=confidence,
                           by_date=by_date, status=status)
    except ValueError as err:
        msg.fail(str(err), exits=2)
    if summary:
        print(f"{len(rows)} commitments, status as of {day}\n")
        print("\n".join(summary_lines(summarise(rows))).rstrip("\n"))
    else:
        # columns as wide as their longest value, the sentence wrapped: no value is cut
        cells = [(terminal_safe(row["document"]), terminal_safe(", ".join(row["actor"])), row["modality"] or "",
                  row["deadline"] or "-", row["status"], ", ".join(row["themes"])) for row in rows]
        names = ("document", "actor", "modality", "deadline", "status", "themes")
        widths = [max([len(name)] + [len(c[i]) for c in cells]) for i, name in enumerate(names)]
        header = " ".join(f"{name:<{w}}" for name, w in zip(names, widths)) + " sentence"
        print(header)
        print("-" * (len(header) + max(0, width - len("sentence"))))
        indent = " " * (sum(widths) + len(widths))
        for row, values in zip(rows, cells):
            lines = textwrap.wrap(" ".join(terminal_safe(row["sentence"]).split()), max(20, width)) or [""]
            print(" ".join(f"{v:<{w}}" for v, w in zip(values, widths)) + " " + lines[0])
            for more in lines[1:]:
                print(indent + more)
        print(f"{len(rows)} commitments (status as of {day})")
    if csv_out:
        try:
            write_csv(rows, csv_out)
        except OSError as err:
            msg.fail(f"{csv_out}: cannot write: {err.strerror or err}", exits=3)
        msg.good(f"Wrote {csv_out}")
