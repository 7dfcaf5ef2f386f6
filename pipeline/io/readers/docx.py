"""Word documents (.docx) through python-docx: the body, then its footnotes and endnotes.

- A paragraph is a line; a table row is a line, its cells (in reading order, a merged cell
  once) joined by a tab; a text box's paragraphs follow the paragraph holding it.
- The text is what Word shows: inserted revisions in, deleted ones and hidden text out, a
  field's result but not its code, a tab as a tab, a line break as a line break.
- A note reference becomes the note's number as Word numbers them by default: footnotes 1,
  2, 3 …, endnotes i, ii, iii … in the order of their references. The notes follow the body,
  a note a line: "1 Kamerstuk 30 821, nr. 175". python-docx reads no notes: their parts are
  parsed here with lxml (no DTD, no entities, no network).
- Headers, footers and comments are not text (page furniture, review remarks).
"""

import zipfile
from pathlib import Path

from lxml import etree

from .document import Document, ReadError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
FOOTNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"
ENDNOTES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/endnotes"
MAX_BYTES = 256 * 1024 * 1024    # the file, and what it unpacks to (a zip bomb is refused)
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the container of Word 97-2003 .doc files

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def w(name: str) -> str:
    return f"{{{W}}}{name}"


# What a run's parts show; everything not listed shows nothing.
CHARS = {w("tab"): "\t", w("ptab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-"}
# Containers whose content is not shown: deleted or moved-away revisions, properties.
NOT_SHOWN = {w("del"), w("moveFrom"), w("rPr"), w("pPr"), w("tblPr"), w("trPr"), w("tcPr"), w("sectPr")}
WRAPPERS = {w("sdt"), w("sdtContent"), w("customXml"), w("smartTag"), w("ins"), w("moveTo")}


def read_docx(path: Path):
    source = str(path)
    try:
        item = _read(path, source)
    except OSError as err:
        item = ReadError(source, None, f"cannot read file: {err.strerror or err}")
    except Exception as err:  # python-docx and zipfile raise many kinds of error on a damaged file
        item = ReadError(source, None, f"broken .docx: {type(err).__name__}: {err}")
    yield item


def _read(path: Path, source: str):
    size = path.stat().st_size
    if size > MAX_BYTES:
        return ReadError(source, None, f".docx file too large ({size} bytes, limit {MAX_BYTES})")
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head == OLE2:
        return ReadError(source, None, "a Word 97-2003 .doc file named .docx: save it as .docx or PDF")
    if not zipfile.is_zipfile(path):
        return ReadError(source, None, "broken .docx: not a zip package")
    with zipfile.ZipFile(path) as package:
        unpacked = sum(info.file_size for info in package.infolist())
    if unpacked > MAX_BYTES:
        return ReadError(source, None, f".docx unpacks to {unpacked} bytes (limit {MAX_BYTES}); refused")

    import docx

    document = docx.Document(str(path))
    notes = {"footnote": _notes(document, FOOTNOTES, "footnote"), "endnote": _notes(document, ENDNOTES, "endnote")}
    builder = _Builder(notes)
    builder.blocks(document.element.body)
    text = builder.text()
    if not text.strip():
        return ReadError(source, None, "empty document (no text in the .docx)")
    return Document(id=path.stem, text=text, meta={"format": "docx"}, source=source)


def _notes(document, reltype: str, kind: str) -> dict:
    """{note id: note element} of the footnotes or endnotes part, separators left out."""
    for rel in document.part.rels.values():
        if rel.reltype == reltype and not rel.is_external:
            root = etree.fromstring(rel.target_part.blob, _PARSER)
            return {note.get(w("id")): note for note in root.iter(w(kind))
                    if note.get(w("type"), "normal") == "normal"}
    return {}


def roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while number >= value:
            out += letters
            number -= value
    return out


class _Builder:
    def __init__(self, notes: dict):
        self.lines = []
        self.notes = notes
        self.cited = {"footnote": [], "endnote": []}  # note ids in reference order

    def text(self) -> str:
        lines = [line for line in self.lines if line]
        for kind, label in (("footnote", str), ("endnote", roman)):
            for number, note_id in enumerate(self.cited[kind], 1):
                body = " ".join(p for p in (self.paragraph(p, extra=[]) for p in self.notes[kind][note_id].iter(w("p"))) if p)
                lines.append(f"{label(number)} {body}".rstrip())
        return "".join(line + "\n" for line in lines)

    def blocks(self, parent):
        """Paragraphs and tables in document order, through content controls and the like."""
        for child in parent:
            if child.tag == w("p"):
                extra = []
                self.lines.extend(self.paragraph(child, extra).split("\n"))
                self.lines.extend(extra)
            elif child.tag == w("tbl"):
                self.table(child)
            elif child.tag in WRAPPERS:
                self.blocks(child)
            elif child.tag == f"{{{MC}}}AlternateContent" and len(child):
                self.blocks(child[0])

    def table(self, table):
        for row in _children(table, w("tr")):
            cells = []
            for cell in _children(row, w("tc")):
                text = self.cell(cell)
                if text:
                    cells.append(text)
            if cells:
                self.lines.append("\t".join(cells))

    def cell(self, cell) -> str:
        """A cell on one line: its paragraphs and nested tables joined by spaces."""
        outer = self.lines
        self.lines = []
        self.blocks(cell)
        inner, self.lines = self.lines, outer
        return " ".join(" ".join(line.replace("\t", " ").split()) for line in inner if line.strip())

    def paragraph(self, paragraph, extra: list) -> str:
        parts = []
        self.runs(paragraph, parts, extra)
        return "\n".join(line.strip() for line in "".join(parts).split("\n"))

    def runs(self, element, parts: list, extra: list):
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in NOT_SHOWN:
                continue
            if tag == w("r") and _hidden(child):
                continue
            if tag == w("t"):
                parts.append(child.text or "")
            elif tag in CHARS:
                parts.append(CHARS[tag])
            elif tag in (w("footnoteReference"), w("endnoteReference")):
                parts.append(self.reference(child))
            elif tag == w("txbxContent"):
                outer = self.lines
                self.lines = []
                self.blocks(child)
                extra.extend(self.lines)
                self.lines = outer
            elif tag == f"{{{MC}}}AlternateContent":
                if len(child):
                    self.runs(child[0], parts, extra)  # the Choice; the Fallback repeats it
            else:
                self.runs(child, parts, extra)

    def reference(self, element) -> str:
        kind = "footnote" if element.tag == w("footnoteReference") else "endnote"
        note_id = element.get(w("id"))
        if note_id not in self.notes[kind] or element.get(w("customMarkFollows")) in ("1", "true", "on"):
            return ""  # a custom mark is the run's own text
        cited = self.cited[kind]
        if note_id not in cited:
            cited.append(note_id)
        number = cited.index(note_id) + 1
        return str(number) if kind == "footnote" else roman(number)


def _children(parent, tag):
    """The tag children of parent, also inside content controls and custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in WRAPPERS:
            yield from _children(child, tag)


def _hidden(run) -> bool:
    properties = run.find(w("rPr"))
    vanish = properties.find(w("vanish")) if properties is not None else None
    return vanish is not None and vanish.get(w("val"), "true") not in ("0", "false", "off")
