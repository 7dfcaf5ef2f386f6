"""Readers turn files into documents: (id, text, meta), chosen by file type.

Every reader yields `Document` or, for input it cannot read, `ReadError` naming the source
and line; a batch run records the error and goes on with the rest.
"""

import os
import re
import sys
from pathlib import Path
from typing import Iterator

from ...common.timex import given_date
from .document import Document, Item, ReadError


# What a folder yields documents from; any other file met in a folder is a ReadError naming it.
SUFFIXES = (".txt", ".jsonl", ".xml", ".pdf", ".docx", ".html", ".htm")
# Formats users have that we do not read, with what to do about it.
NOT_READ = {
    ".doc": "Word 97-2003 .doc is not read: save it as .docx or PDF",
    ".odt": "OpenDocument .odt is not read: save it as .docx or PDF",
    ".rtf": "RTF is not read: save it as .docx or PDF",
}
# Notes about a folder's contents (README.md, SOURCES.tsv) sit beside the documents and are
# not documents: skipped in a folder when their format is not read. A README.txt is read.
FOLDER_NOTES = {"readme", "sources", "license", "licence", "changelog", "notice", "copying"}
# Files the desktop writes beside documents: Word's lock file "~$brief.docx", thumbnails.
SYSTEM_FILES = {"thumbs.db", "desktop.ini"}


def read_inputs(inputs) -> Iterator[Item]:
    """All documents of the given paths ('-' is JSONL on stdin), directories recursively.

    Ids and sources are valid Unicode: a file name that is not UTF-8 (Linux hands it to
    Python with lone surrogates) gets U+FFFD in their place, so it can be written out.
    """
    for item in _read_inputs(inputs):
        if isinstance(item, Document):
            item.id, item.source = valid_unicode(item.id), valid_unicode(item.source)
            problem = unread_date(item)
            if problem:  # reported, and the document annotated all the same
                yield problem
        else:
            item.source, item.reason = valid_unicode(item.source), valid_unicode(item.reason)
        yield item


def unread_date(doc: Document):
    """A ReadError for a meta.date given with the input that cannot be read ("06-07-2019":
    6 July or June 7), else None. A readable one in another form ("14-06-2019") is rewritten
    as ISO with the given text in meta.date_given; an unreadable one moves to meta.date_given
    and the document's heading gives the date (kst_date), as when none is given."""
    value = doc.meta.get("date")
    if not value:
        return None
    iso, why = given_date(value)
    if iso == value:
        return None
    doc.meta["date_given"] = doc.meta.pop("date")
    if iso:
        doc.meta["date"] = iso
        return None
    source, line = doc.source or doc.id, None
    path, _, number = source.rpartition(":")
    if path and number.isdigit():  # a JSONL document's source is "file:line"
        source, line = path, int(number)
    return ReadError(source, line, f"document {doc.id!r}: meta.date {value!r} {why}; "
                     "the date in its heading, if any, is used instead (write it as YYYY-MM-DD)")


def _read_inputs(inputs) -> Iterator[Item]:
    for name in inputs:
        if str(name) == "-":
            from .jsonl import read_jsonl_stream
            # Bytes, not the locale's text decoding: stdin is UTF-8 JSONL whatever the locale.
            yield from read_jsonl_stream(getattr(sys.stdin, "buffer", sys.stdin), "<stdin>")
            continue
        path = Path(name)
        try:  # a name too long, a folder that vanishes while listed...: an error, not a crash
            children = folder_files(path) if path.is_dir() else None
            exists = path.exists()
        except OSError as err:
            yield ReadError(str(path), None, f"cannot read: {err.strerror or err}")
            continue
        if children is not None:
            for child in children:
                if child.suffix.lower() in SUFFIXES:
                    yield from read_file(child)
                elif not _is_folder_note(child):
                    yield not_read(child)
        elif exists:
            yield from read_file(path)
        else:
            yield ReadError(str(path), None, "no such file or directory")


def folder_files(folder: Path) -> list:
    """The files below folder in sorted path order (the order of a run, so --resume works):
    hidden files and folders, desktop litter, and what runs of kst wrote left out."""
    found = []
    for parent, dirs, files in os.walk(folder):
        here = Path(parent)
        if (here / REVIEW_MARKER).is_file():  # a report of kst review: pages about documents
            dirs[:] = []
            continue
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if name.startswith((".", "~$")) or name.lower() in SYSTEM_FILES:
                continue
            path = here / name
            if path.is_file() and not is_run_output(path):
                found.append(path)
    return sorted(found)


def not_read(path: Path) -> ReadError:
    suffix = path.suffix.lower()
    if suffix in NOT_READ:
        return ReadError(str(path), None, NOT_READ[suffix])
    known = ", ".join(SUFFIXES)
    return ReadError(str(path), None, f"format not read ({suffix or 'no suffix'}); kst reads {known}")


def _is_folder_note(path: Path) -> bool:
    return path.name.split(".")[0].lower() in FOLDER_NOTES and path.suffix.lower() not in NOT_READ


REVIEW_MARKER = ".kst-review"  # pipeline/review/report writes it into its report folder
# Side files of a run beside OUT: written while it runs (.partial, .lock) or with it.
_RUN_SIDE = (".manifest.json", ".errors.jsonl", ".partial", ".lock")


def is_run_output(path: Path) -> bool:
    """A file `kst annotate` wrote (OUT beside its OUT.manifest.json, OUT.errors.jsonl,
    OUT.partial and OUT.lock while it runs, a shard of OUT.parts/): an output inside an input
    folder is not read back as input next time."""
    name = path.name
    if path.with_name(name + ".manifest.json").is_file():
        return True
    if name.endswith(".errors.jsonl") and path.with_name(name[:-len(".errors.jsonl")] + ".manifest.json").is_file():
        return True
    if name.endswith((".partial", ".lock", ".manifest.json")):
        return True  # no document format ends so; a run writes these beside OUT
    if name.endswith(".tmp") and name[:-4].endswith(_RUN_SIDE + (".jsonl", ".json", ".csv")):
        return True  # an atomic write in progress
    return path.parent.name.endswith(".parts") and (path.parent / "run.json").is_file()


_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_unicode(text: str) -> str:
    """text with lone surrogates replaced by U+FFFD (it can then always be encoded as UTF-8)."""
    return _SURROGATE.sub("\ufffd", text) if isinstance(text, str) else text


def read_file(path: Path) -> Iterator[Item]:
    """The items of one file; an unreadable file (permissions, I/O error) is a ReadError."""
    try:
        yield from _read_file(path)
    except OSError as err:
        yield ReadError(str(path), None, f"cannot read file: {err.strerror or err}")


def _read_file(path: Path) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        from .jsonl import read_jsonl
        yield from read_jsonl(path)
    elif suffix == ".xml":
        from .xml import read_xml
        yield from read_xml(path)
    elif suffix == ".pdf":
        from .pdf import read_pdf
        yield from read_pdf(path)
    elif suffix == ".docx":
        from .docx import read_docx
        yield from read_docx(path)
    elif suffix in (".html", ".htm"):
        from .html import read_html
        yield from read_html(path)
    elif suffix in NOT_READ:
        yield not_read(path)
    else:  # .txt, and a file named on the command line whatever its suffix
        from .text import read_text
        yield from read_text(path)
