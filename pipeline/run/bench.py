"""`kst bench`: throughput of the bare tokenizer and of the full pipeline, time per component,
peak memory, and the speedup of N workers over 1 on the real parallel annotate path.

A benchmark, never a timed test: numbers depend on the machine and on what else runs on it.
The corpus is built by repeating the real texts of corpus/ (and ../shared/corpus with
--shared) to the requested size; ids get a "#<round>" suffix so they stay unique.
"""

import json
import os
import platform
import resource
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, List, Optional

from .assemble import PROJECT_ROOT
from ..io.readers.document import Document
from ..io.readers import read_inputs

DEFAULT_SOURCES = (PROJECT_ROOT / "corpus",)
SHARED_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"
RECORD_ROW = "record (from doc.spans)"
SPAN_ROWS = ("kst_span_groups", RECORD_ROW)  # what building and reading the Span objects costs


@dataclass
class BenchCorpus:
    documents: List[Document]
    sources: List[str]
    distinct: int

    @property
    def megabytes(self) -> float:
        return sum(len(d.text.encode("utf-8")) for d in self.documents) / 1e6


@dataclass
class Throughput:
    name: str
    seconds: float
    documents: int
    tokens: int
    megabytes: float

    def row(self) -> dict:
        s = max(self.seconds, 1e-9)
        return {"name": self.name, "seconds": round(self.seconds, 3), "docs_per_s": round(self.documents / s, 1),
                "tokens_per_s": round(self.tokens / s), "mb_per_s": round(self.megabytes / s, 3)}


@dataclass
class BenchReport:
    machine: dict
    corpus: dict
    tokenizer: dict
    pipeline: dict
    ratio: float
    components: list = field(default_factory=list)
    first_sight: dict = field(default_factory=dict)
    span_objects: dict = field(default_factory=dict)  # seconds and share of the SPAN_ROWS
    parallel: dict = field(default_factory=dict)
    peak_rss_mb: float = 0.0
    worker_peak_rss_mb: float = 0.0


def build_corpus(sources, docs: Optional[int] = None, mb: Optional[float] = None) -> BenchCorpus:
    """The real documents of sources, repeated in order until `docs` documents or `mb` MB."""
    originals = [item for item in read_inputs([str(s) for s in sources]) if isinstance(item, Document)]
    if not originals:
        raise ValueError(f"no documents in {', '.join(map(str, sources))}")
    if docs is None and mb is None:
        docs = len(originals)
    out, size, round_ = [], 0, 0
    limit_bytes = None if mb is None else mb * 1e6
    while True:
        for doc in originals:
            if docs is not None and len(out) >= docs:
                break
            if limit_bytes is not None and size >= limit_bytes:
                break
            out.append(Document(id=f"{doc.id}#{round_}", text=doc.text, meta=dict(doc.meta), source=doc.source))
            size += len(doc.text.encode("utf-8"))
        else:
            round_ += 1
            continue
        break
    return BenchCorpus(out, [str(s) for s in sources], len(originals))


def write_corpus(corpus: BenchCorpus, path: Path) -> Path:
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        for doc in corpus.documents:
            handle.write(json.dumps({"id": doc.id, "text": doc.text, "meta": doc.meta}, ensure_ascii=False) + "\n")
    return path


def machine_info() -> dict:
    import spacy

    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    try:
        load = os.getloadavg()[0]
    except OSError:
        load = None
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": memory, "python": platform.python_version(),
            "spacy": spacy.__version__, "platform": platform.platform(), "load_1min_at_start": load}


def rss_peaks_mb() -> tuple:
    """(this process, the largest waited-for child) peak RSS in MB (Linux reports KiB)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return round(own, 1), round(children, 1)


def time_tokenizer(texts: List[str]) -> Throughput:
    """The bare spacy.blank("nl") tokenizer over the texts."""
    import spacy

    blank = spacy.blank("nl")
    tokens = 0
    started = time.perf_counter()
    for text in texts:
        tokens += len(blank.make_doc(text))
    seconds = time.perf_counter() - started
    return Throughput("tokenizer (spacy.blank nl)", seconds, len(texts), tokens, _mb(texts))


def time_pipeline(nlp, documents: List[Document]) -> Throughput:
    """The full pipeline as a run uses it: annotate_doc per document (record included)."""
    from .annotate import annotate_doc

    tokens = 0
    started = time.perf_counter()
    for doc in documents:
        annotate_doc(nlp, doc.text, doc.meta, doc_id=doc.id)
    seconds = time.perf_counter() - started
    tokens = sum(len(nlp.tokenizer(d.text)) for d in documents)  # outside the timing
    return Throughput("full pipeline (annotate_doc)", seconds, len(documents), tokens, _mb([d.text for d in documents]))


def time_first_sight(nlp, texts: List[str]) -> dict:
    """Both tokenizers on texts they have never seen (kst's chunk cache flushed, a new blank
    tokenizer): the repeated bench corpus hits the cache, a real corpus of distinct documents
    only partly."""
    import spacy

    nlp.tokenizer._flush_cache()
    started = time.perf_counter()
    for text in texts:
        nlp.tokenizer(text)
    kst_seconds = time.perf_counter() - started
    bare = spacy.blank("nl").tokenizer
    started = time.perf_counter()
    for text in texts:
        bare(text)
    bare_seconds = time.perf_counter() - started
    megabytes = _mb(texts)
    return {"documents": len(texts), "megabytes": round(megabytes, 3),
            "kst_mb_per_s": round(megabytes / max(kst_seconds, 1e-9), 3),
            "bare_mb_per_s": round(megabytes / max(bare_seconds, 1e-9), 3),
            "speedup": round(bare_seconds / max(kst_seconds, 1e-9), 2)}


def time_components(nlp, documents: List[Document]) -> list:
    """Seconds per pipe, each timed over all documents (the docs are made first), then the
    records' spans read back from doc.spans."""
    from ..common.spans import record_spans

    rows = []
    started = time.perf_counter()
    docs = []
    for d in documents:
        doc = nlp.make_doc(d.text)
        doc._.kst_meta = dict(d.meta)
        doc._.kst_spans = []
        docs.append(doc)
    rows.append(("tokenizer (kst)", time.perf_counter() - started))
    for name, proc in nlp.pipeline:
        started = time.perf_counter()
        for i, doc in enumerate(docs):
            docs[i] = proc(doc)
        rows.append((name, time.perf_counter() - started))
    started = time.perf_counter()
    for d, doc in zip(documents, docs):
        record_spans(doc, d.text)
    rows.append((RECORD_ROW, time.perf_counter() - started))
    return rows



def time_parallel(model_dir: Path, input_file: Path, workers: int, shard_size: int, scratch: Path) -> dict:
    """Wall time of the real annotate paths on a file: 1 worker (load the saved pipeline,
    batch.run_annotate) against N workers (parallel.run_parallel); outputs compared."""
    from .batch import run_annotate
    from .engines import load_saved
    from .parallel import run_parallel

    one, many = scratch / "one.jsonl", scratch / f"workers{workers}.jsonl"
    started = time.perf_counter()
    nlp = load_saved(model_dir)
    run_annotate(nlp, [str(input_file)], str(one), force=True, progress=False)
    t1 = time.perf_counter() - started
    del nlp
    started = time.perf_counter()
    run_parallel(model_dir, [str(input_file)], str(many), workers=workers, shard_size=shard_size, force=True,
                 progress=False)
    tn = time.perf_counter() - started
    return {"workers": workers, "shard_size": shard_size, "seconds_1": round(t1, 2), "seconds_n": round(tn, 2),
            "speedup": round(t1 / tn, 2), "identical_output": one.read_bytes() == many.read_bytes()}


def run_bench(nlp, model_dir: Path, corpus: BenchCorpus, *, workers: int = 2, shard_size: int = 200,
              parallel: bool = True, log: Callable[[str], None] = print) -> BenchReport:
    texts = [d.text for d in corpus.documents]
    machine = machine_info()
    log(f"corpus: {len(texts)} documents ({corpus.distinct} distinct), {corpus.megabytes:.2f} MB from {', '.join(corpus.sources)}")
    # warm up both (lazy tables, caches) on a few documents, outside the timings
    time_tokenizer(texts[:5])
    time_pipeline(nlp, corpus.documents[:5])
    tok = time_tokenizer(texts)
    log(f"tokenizer done in {tok.seconds:.2f}s")
    full = time_pipeline(nlp, corpus.documents)
    log(f"full pipeline done in {full.seconds:.2f}s")
    ratio = (full.megabytes / full.seconds) / (tok.megabytes / tok.seconds)
    first_sight = time_first_sight(nlp, texts[:corpus.distinct])
    components = time_components(nlp, corpus.documents)
    accounted = sum(s for _, s in components)
    components.append(("rest of annotate_doc", max(0.0, full.seconds - accounted)))
    span_seconds = sum(seconds for name, seconds in components if name in SPAN_ROWS)
    report = BenchReport(machine=machine,
                         corpus={"documents": len(texts), "distinct": corpus.distinct,
                                 "megabytes": round(corpus.megabytes, 3), "sources": corpus.sources},
                         tokenizer=tok.row(), pipeline=full.row(), ratio=round(ratio, 3),
                         components=[{"name": n, "seconds": round(s, 3), "share": round(s / max(full.seconds, 1e-9), 3),
                                      "ms_per_doc": round(1000 * s / max(1, len(texts)), 3)} for n, s in components],
                         first_sight=first_sight,
                         span_objects={"seconds": round(span_seconds, 3),
                                       "share": round(span_seconds / max(full.seconds, 1e-9), 3)})
    if parallel:
        with tempfile.TemporaryDirectory(prefix="kst-bench-") as tmp:
            scratch = Path(tmp)
            input_file = write_corpus(corpus, scratch / "input.jsonl")
            log(f"parallel: 1 worker vs {workers} workers on {input_file.name} (shards of {shard_size})")
            report.parallel = time_parallel(model_dir, input_file, workers, shard_size, scratch)
    report.peak_rss_mb, report.worker_peak_rss_mb = rss_peaks_mb()
    return report


def format_report(report: BenchReport) -> str:
    m = report.machine
    lines = [f"machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, Python {m['python']}, spaCy {m['spacy']}, "
             f"load {m['load_1min_at_start']}",
             f"corpus: {report.corpus['documents']} documents ({report.corpus['distinct']} distinct), {report.corpus['megabytes']} MB",
             "",
             f"  {'':<30}{'seconds':>9}{'docs/s':>10}{'tokens/s':>11}{'MB/s':>8}"]
    for row in (report.tokenizer, report.pipeline):
        lines.append(f"  {row['name']:<30}{row['seconds']:>9.2f}{row['docs_per_s']:>10.1f}{row['tokens_per_s']:>11}{row['mb_per_s']:>8.3f}")
    lines.append(f"  full / tokenizer throughput: {report.ratio:.3f}")
    lines += ["", f"  {'component':<32}{'seconds':>9}{'share':>8}{'ms/doc':>9}"]
    for row in report.components:
        lines.append(f"  {row['name']:<32}{row['seconds']:>9.3f}{row['share']:>8.1%}{row['ms_per_doc']:>9.3f}")
    if report.span_objects:
        lines.append(f"  Span objects (kst_span_groups + record from doc.spans): {report.span_objects['seconds']:.3f}s, "
                     f"{report.span_objects['share']:.1%} of the full pipeline")
    if report.first_sight:
        f = report.first_sight
        lines += ["", f"  tokenizers on first sight ({f['documents']} distinct documents, {f['megabytes']} MB, kst cache flushed): "
                      f"kst {f['kst_mb_per_s']:.3f} MB/s, bare {f['bare_mb_per_s']:.3f} MB/s ({f['speedup']:.2f}x)"]
    if report.parallel:
        p = report.parallel
        lines += ["", f"  annotate, 1 worker: {p['seconds_1']:.2f}s; {p['workers']} workers: {p['seconds_n']:.2f}s; "
                      f"speedup {p['speedup']:.2f}; byte-identical output: {'yes' if p['identical_output'] else 'NO'}"]
    lines.append(f"  peak RSS: bench process {report.peak_rss_mb:.0f} MB, largest worker {report.worker_peak_rss_mb:.0f} MB")
    speedup = report.parallel.get("speedup", float("nan")) if report.parallel else float("nan")
    workers = report.parallel.get("workers", 1) if report.parallel else 1
    lines.append(f"ratio={report.ratio:.3f} speedup={speedup:.2f} workers={workers} peak_rss_mb={report.peak_rss_mb:.0f}")
    return "\n".join(lines)


def _mb(texts) -> float:
    return sum(len(t.encode("utf-8")) for t in texts) / 1e6
