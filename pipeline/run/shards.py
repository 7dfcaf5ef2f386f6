"""A shard of a parallel run: what it holds, the pure per-shard function `annotate_shard`
(documents in, JSONL out: what a single run writes for them) and its part files under
OUT.parts/. The engines run it in their workers; pipeline/run/parallel.py cuts the input into
shards and merges the parts."""

import collections
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, List, Optional, Union

from ..io.readers.document import Document, ReadError
from ..io.writers.jsonl import dumps_record, write_json_atomic
from .batch import annotate_one, pipeline_failure

Item = Union[Document, ReadError]


@dataclass
class Shard:
    """One slice of the ordered input: `items` holds up to shard_size documents and the read
    errors that came between them (1-based `index`)."""

    index: int
    items: List[Item]

    @property
    def documents(self) -> int:
        return sum(1 for item in self.items if isinstance(item, Document))

    def digest(self) -> str:
        """What the shard holds (document ids and sizes, read errors), to check a resume."""
        sha = hashlib.sha256()
        for item in self.items:
            if isinstance(item, Document):
                sha.update(f"D\0{item.id}\0{len(item.text)}\0".encode("utf-8", "backslashreplace"))
            else:
                sha.update(f"E\0{item}\0".encode("utf-8", "backslashreplace"))
        return sha.hexdigest()


@dataclass
class ShardResult:
    """The output of one shard: its JSONL lines and what the summary and errors file need."""

    jsonl: str = ""
    errors: list = field(default_factory=list)  # dicts: vars(ReadError), in input order
    documents: int = 0
    characters: int = 0
    labels: dict = field(default_factory=dict)

    def stats(self) -> dict:
        return {"documents": self.documents, "characters": self.characters,
                "labels": dict(sorted(self.labels.items())), "errors": self.errors}


def iter_shards(items: Iterable[Item], shard_size: int) -> Iterator[Shard]:
    """Cut the item stream into shards of shard_size documents, lazily, in order. Read errors
    stay in the shard of the document before them (the first shard for leading ones)."""
    if shard_size < 1:
        raise ValueError("shard_size must be at least 1")
    index, batch, documents = 1, [], 0
    for item in items:
        if isinstance(item, Document):
            if documents == shard_size:
                yield Shard(index, batch)
                index, batch, documents = index + 1, [], 0
            documents += 1
        batch.append(item)
    if batch:
        yield Shard(index, batch)


def annotate_shard(nlp, items: Iterable[Item], doc_timeout=None, between=None) -> ShardResult:
    """The pure per-shard function: documents (and read errors) in, JSONL records out.

    Exactly what a single-worker run does per document (batch.annotate_one, dumps_record), so
    the concatenated shards are byte-identical to a single run. A document the pipeline fails
    on becomes an error record and the shard goes on. `between` is called after each document
    (a parent that works keeps its children fed).
    """
    result = ShardResult()
    lines = []
    labels = collections.Counter()
    for item in items:
        if isinstance(item, ReadError):
            result.errors.append(vars(item))
            continue
        try:
            record = annotate_one(nlp, item, doc_timeout)
        except Exception as err:  # one broken (or endless) document must not stop the run
            result.errors.append(vars(pipeline_failure(item, err)))
            continue
        lines.append(dumps_record(record) + "\n")
        result.documents += 1
        result.characters += len(item.text)
        labels.update(span["label"] for span in record["spans"])
        if between is not None:
            between()
    result.jsonl = "".join(lines)
    result.labels = dict(labels)
    return result


# -- part files -------------------------------------------------------------------------

def parts_dir(out: Path) -> Path:
    return out.with_name(out.name + ".parts")


def part_paths(parts: Path, index: int) -> tuple:
    stem = f"shard-{index:05d}"
    return parts / f"{stem}.jsonl", parts / f"{stem}.done.json"


def write_part(parts: Path, index: int, digest: str, result: ShardResult) -> dict:
    """Commit a shard: the JSONL part (.tmp, then rename), then its done file. Returns the
    done file's content (without the JSONL)."""
    part, done = part_paths(Path(parts), index)
    tmp = part.with_name(part.name + ".tmp")
    with open(tmp, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as handle:
        handle.write(result.jsonl)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, part)
    stats = {"shard": index, "digest": digest, **result.stats()}
    write_json_atomic(done, stats)
    return stats


def read_done(parts: Path, index: int) -> Optional[dict]:
    part, done = part_paths(Path(parts), index)
    if not (done.is_file() and part.is_file()):
        return None
    try:
        return json.loads(done.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
