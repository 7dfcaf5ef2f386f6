"""PDF documents (.pdf) through pypdf: the text layer, without page furniture, footnotes last.

- Text comes in the order the producer wrote it (typesetting systems write reading order,
  a column after the other); pypdf breaks lines where the baseline moves. Positions and font
  sizes (from pypdf's text visitor) are used only to find page furniture, footnotes and
  paragraph breaks.
- Page furniture: a line at the top or bottom of a page that recurs at the same height on
  at least half of the pages (two at least), its page number aside; a lone page number
  there ("3", "- 3 -", "Pagina 3 van 12"); the running head of official publications from
  page 2 on ("Tweede Kamer, vergaderjaar 2023–2024, 30 821, nr. 200").
- Footnotes: lines below a page's body in a smaller font, the first of them starting with
  a note number; they are moved, a note a line, after the body.
- Lines stay lines; a larger gap than the usual line spacing is a blank line (a paragraph).
  A word hyphenated at a line end is joined ("geïnfor-" + "meerd" -> "geïnformeerd"),
  unless its hyphen is Dutch spelling ("auto-ongeluk", "Noord-Holland", "beleids- en").
- A PDF without text (a scan) and an encrypted one that opens only with a password are
  errors; so is any PDF pypdf cannot parse. The reader never raises.
"""

import logging
import math
import re
import statistics
import warnings
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .document import Document, ReadError

MAX_BYTES = 256 * 1024 * 1024
EDGE_LINES = 3           # lines looked at for furniture at the top and at the bottom of a page
MARGIN = 0.12            # within this share of the page height from its edge
FOOTNOTE_SIZE = 0.92     # a footnote's font is smaller than this share of the body font
PARAGRAPH_GAP = 1.4      # a gap larger than this many usual line spacings starts a paragraph

_PAGE_OF = re.compile(r"\b(?:pagina|page|blz\.?|p\.)\s*\d{1,4}(?:\s*(?:van|of|/)\s*\d{1,4})?|\b\d{1,4}\s*/\s*\d{1,4}\b")
_EDGE_NUMBER = re.compile(r"^[-–—]?\s*(\d{1,4})\s*[-–—]?(?=\s|$)|(?<=\s)[-–—]?\s*(\d{1,4})\s*[-–—]?$")
_SPACES = re.compile(r"[ \t\u00a0]+")
PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*)?\d{1,4}(?:\s*[-–—])?$|^(?:pagina|page|blz\.?|p\.)\s*\d{1,4}"
                         r"(?:\s*(?:van|of|/)\s*\d{1,4})?$|^\d{1,4}\s*(?:/|van|of)\s*\d{1,4}$", re.I)
# Running heads and colophon lines of officielebekendmakingen.nl PDFs.
OFFICIAL_HEAD = re.compile(
    r"^(?:\d{1,4}\s+)?(?:Tweede|Eerste) Kamer(?: der Staten-Generaal)?, vergaderjaar \d{4}\s*[-–]\s*\d{4}, .{1,80}?"
    r"(?:\s+\d{1,4})?$|^(?:\d{1,4}\s+)?(?:Staatscourant|Staatsblad|Tractatenblad) \d{4},? (?:nr\. )?\d+(?:\s+\d{1,4})?$", re.I)
COLOPHON = re.compile(r"^(?:(?:kst|ah|h|stb|stcrt|trb|blg)-[\w.-]+\s*)?(?:ISSN \d{4}\s*-\s*\d{3}[\dX]\s*)?"
                      r"(?:['’]s-Gravenhage \d{4})?$")
NOTE_START = re.compile(r"^(\d{1,3})(?:\s+|$)(?=\S|$)")
# words after "beleids-" that make it an ellipsis ("beleids- en uitvoeringsorganisaties")
CONJUNCTIONS = {"en", "of", "tot", "noch", "dan", "als", "resp.", "respectievelijk", "c.q.", "t/m", "en/of"}
VOWELS = set("aeiouyáéíóúàèëïöüâêîôû")
LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                           "\ufb05": "st", "\ufb06": "st"})
_HYPHENS = ("-", "\u00ad", "\u2010")


@dataclass
class Line:
    text: str
    y: float = math.nan
    size: float = 0.0


@dataclass
class Page:
    lines: list
    bottom: float = 0.0
    top: float = 842.0


def read_pdf(path: Path):
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        yield ReadError(source, None, f"cannot read file: {err.strerror or err}")
        return
    if size > MAX_BYTES:
        yield ReadError(source, None, f"PDF file too large ({size} bytes, limit {MAX_BYTES})")
        return
    try:
        with _quiet():
            item = _read(path, source)
    except OSError as err:
        item = ReadError(source, None, f"cannot read file: {err.strerror or err}")
    except Exception as err:  # pypdf raises many kinds of error on a damaged file
        item = ReadError(source, None, f"broken PDF: {type(err).__name__}: {err}")
    yield item


@contextmanager
def _quiet():
    """pypdf logs every repair it makes ("incorrect startxref pointer"); the batch reports
    errors, not repairs, so they are kept off stderr while we read."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _read(path: Path, source: str):
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    with open(path, "rb") as handle:
        if b"%PDF-" not in handle.read(1024):  # the header may follow some junk, as viewers allow
            return ReadError(source, None, "broken PDF: no %PDF header (not a PDF file)")
    reader = PdfReader(path, strict=False)
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")  # restrictions only: opens without a password
        except DependencyError as err:
            return ReadError(source, None, f"encrypted PDF: cannot decrypt ({err})")
        if not opened:
            return ReadError(source, None, "encrypted PDF: it needs a password")
    pages, unreadable = [], []
    for number, page in enumerate(reader.pages, 1):
        try:
            pages.append(Page(_page_lines(page), float(page.mediabox.bottom), float(page.mediabox.top)))
        except Exception:  # one damaged page: the others are still worth reading
            unreadable.append(number)
            pages.append(Page([]))
    if not pages:
        return ReadError(source, None, "broken PDF: no pages")
    if len(unreadable) == len(pages):
        return ReadError(source, None, "broken PDF: no page could be read")
    if not any(page.lines for page in pages):
        return ReadError(source, None, "no text layer (scanned PDF?)")
    text = pdf_text(pages)
    if not text.strip():
        return ReadError(source, None, "empty document (only page headers, footers and numbers)")
    meta = {"format": "pdf", "pages": len(pages)}
    blank = [n for n, page in enumerate(pages, 1) if not page.lines and n not in unreadable]
    if blank:
        meta["pages_without_text"] = blank
    if unreadable:
        meta["pages_unreadable"] = unreadable
    return Document(id=path.stem, text=text, meta=meta, source=source)


def _page_lines(page) -> list:
    """The page's lines in content order, each with the baseline and font size of its text."""
    lines = [Line("")]

    def visit(text, cm, tm, font, size):
        parts = text.split("\n")
        for n, part in enumerate(parts):
            if n:
                lines.append(Line(""))
            line = lines[-1]
            if part.strip():
                # the text matrix within the current transformation: baseline and scale
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
                if math.isnan(line.y):
                    line.y = y
                line.size = max(line.size, round(float(size or 0) * (scale or 1), 1))
            line.text += part

    page.extract_text(visitor_text=visit)
    out = []
    for line in lines:
        line.text = _SPACES.sub(" ", line.text.translate(LIGATURES)).strip()
        if line.text:
            out.append(line)
    return out


def pdf_text(pages: list) -> str:
    """The document text of the pages' lines (see the module docstring)."""
    body_size = _body_size(pages)
    furniture = _furniture(pages)
    body, notes = [], []
    spacing = _line_spacing(pages, body_size)
    for number, page in enumerate(pages):
        kept = [line for n, line in enumerate(page.lines) if (number, n) not in furniture]
        page_notes = _footnotes(kept, body_size)
        previous = None
        for line in kept:
            if id(line) in page_notes:
                continue
            if previous is not None and spacing and previous.y - line.y > PARAGRAPH_GAP * spacing:
                body.append("")
            body.append(line.text)
            previous = line
        notes.extend(line.text for line in kept if id(line) in page_notes)
    words = _words(body + notes)
    body = _join_hyphenated(body, words)
    notes = [_join_hyphenated([note], words)[0] for note in _group_notes(notes, words)]
    text = "\n".join(_squeeze_blank(body)).strip("\n") + "\n"
    if notes:
        text += "\n" + "".join(note + "\n" for note in notes)
    return text


def _body_size(pages) -> float:
    sizes = Counter()
    for page in pages:
        for line in page.lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _edges(page: Page) -> tuple:
    """Indexes of the top and bottom lines of a page (by baseline, in its margins), and of
    the outermost ones (the lines on the highest and on the lowest baseline)."""
    lines = page.lines
    margin = MARGIN * (page.top - page.bottom)
    placed = sorted((n for n, line in enumerate(lines) if not math.isnan(line.y)), key=lambda n: -lines[n].y)
    top = [n for n in placed[:EDGE_LINES] if lines[n].y >= page.top - margin]
    bottom = [n for n in placed[-EDGE_LINES:] if lines[n].y <= page.bottom + margin]
    outermost = {n for n in top if abs(lines[n].y - lines[placed[0]].y) < 1}
    outermost |= {n for n in bottom if abs(lines[n].y - lines[placed[-1]].y) < 1}
    return sorted(set(top) | set(bottom)), outermost


def _edge_numbers(text: str) -> list:
    """The numbers at the start and at the end of a line, as (number, span)."""
    return [(int(found.group(1) or found.group(2)), found.span()) for found in _EDGE_NUMBER.finditer(text)]


def _page_offset(pages, edges):
    """number - page index of the page numbers: the offset most edge numbers agree on (a
    footnote number or "nr. 175" at a page's edge agrees with it only by chance)."""
    offsets = Counter()
    for index, (page, (at, _)) in enumerate(zip(pages, edges)):
        for n in at:
            for number, _ in _edge_numbers(page.lines[n].text):
                offsets[number - index] += 1
    if not offsets:
        return None
    offset, count = offsets.most_common(1)[0]
    return offset if count >= 2 else None


def _furniture_key(line: Line, index: int, offset) -> tuple:
    """A running head or footer is the same text at the same height on every page, apart from
    its page number ("… nr. 200 2", "Pagina 2 van 9"); footnotes differ in one of the two."""
    text = _PAGE_OF.sub("#", line.text.lower())
    for number, (start, end) in reversed(_edge_numbers(text)):
        if offset is not None and number - index == offset:
            text = text[:start] + "#" + text[end:]
    return text.strip(), round(line.y / 4) if not math.isnan(line.y) else None


def _furniture(pages) -> set:
    """(page, line) of the running heads, footers and page numbers."""
    edges = [_edges(page) for page in pages]
    offset = _page_offset(pages, edges)
    seen = defaultdict(set)
    for index, (page, (at, _)) in enumerate(zip(pages, edges)):
        for n in at:
            seen[_furniture_key(page.lines[n], index, offset)].add(index)
    need = max(2, math.ceil(len(pages) / 2))
    found = set()
    for index, (page, (at, outermost)) in enumerate(zip(pages, edges)):
        for n in at:
            text = page.lines[n].text
            # a lone number is a page number on the page's outer baselines, or when it counts
            # with the pages; a footnote number set on a line of its own is neither
            lone = PAGE_NUMBER.match(text)
            if lone:
                numbers = _edge_numbers(text)
                counts = offset is not None and numbers and numbers[0][0] - index == offset
                if n in outermost or counts or _PAGE_OF.search(text):
                    found.add((index, n))
            elif (len(seen[_furniture_key(page.lines[n], index, offset)]) >= need
                  or COLOPHON.match(text) and any(c.isalpha() for c in text)
                  or index > 0 and OFFICIAL_HEAD.match(text)):
                found.add((index, n))
    return found


def _line_spacing(pages, body_size) -> float:
    """The usual distance between two body lines, to tell paragraph breaks."""
    gaps = []
    for page in pages:
        for a, b in zip(page.lines, page.lines[1:]):
            gap = a.y - b.y
            if a.size == b.size == body_size and 0 < gap <= 3 * body_size:
                gaps.append(round(gap, 1))
    return statistics.median(gaps) if gaps else 0.0


def _footnotes(lines, body_size) -> set:
    """ids of the footnote lines of a page: below all body text, smaller, numbered."""
    body = [line.y for line in lines if line.size >= FOOTNOTE_SIZE * body_size and not math.isnan(line.y)]
    if not body:
        return set()
    lowest = min(body)
    below = [line for line in lines if line.y < lowest and 0 < line.size < FOOTNOTE_SIZE * body_size]
    if not below:
        return set()
    top = max(below, key=lambda line: line.y)
    if not NOTE_START.match(top.text):
        return set()
    return {id(line) for line in below}


def _group_notes(lines, words) -> list:
    """Footnote lines as one line per note: a note starts with the next number."""
    notes, expected = [], None
    for text in lines:
        found = NOTE_START.match(text)
        number = int(found.group(1)) if found else None
        if found and (expected is None or number == expected or not notes):
            notes.append(text)
            expected = number + 1
        elif notes:
            notes[-1] = _join_two(notes[-1], text, words)
        else:
            notes.append(text)
    return notes


def _words(lines) -> set:
    return {w.strip(".,;:()[]«»\"'“”‘’!?").lower() for line in lines for w in line.split()}


def _join_two(first: str, second: str, words: set) -> str:
    """Two lines of one footnote as one line, a hyphenated word joined."""
    if not first:
        return second
    joined = _join_hyphenated([first, second], words)
    return joined[0] if len(joined) == 1 or not joined[1] else f"{joined[0]} {joined[1]}"


def _join_hyphenated(lines: list, words: set) -> list:
    """Lines with a word broken at a line end put together on the first line."""
    out = list(lines)
    for n in range(len(out) - 1):
        first, second = out[n], out[n + 1]
        if not first.endswith(_HYPHENS) or len(first) < 2 or first[-2].isspace() or not second:
            continue
        head, _, rest = second.partition(" ")
        if not head[0].isalnum():
            continue
        hyphen = first[-1]
        stem = first[:-1]
        word_start = stem.rsplit(" ", 1)[-1]
        if hyphen != "\u00ad" and head.lower() in CONJUNCTIONS:
            continue  # "beleids- en uitvoeringsorganisaties"
        if hyphen == "\u00ad" or _breaks_word(word_start, head, words):
            out[n] = stem + head
        else:
            out[n] = stem + "-" + head
        out[n + 1] = rest
    return [line for line, original in zip(out, lines) if line or not original]  # blank lines stay


def _breaks_word(start: str, head: str, words: set) -> bool:
    """Is the hyphen between start and head only a line-end break (not a spelled hyphen)?"""
    joined = (start + head).strip(".,;:()").lower()
    hyphenated = f"{start}-{head}".strip(".,;:()").lower()
    if hyphenated in words and joined not in words:
        return False  # the document spells it with a hyphen elsewhere
    if joined in words:
        return True
    if not (start[-1:].isalpha() and head[:1].islower()):
        return False  # "Noord-Holland", "CO2-uitstoot", "2023-2024"
    return not (start[-1].lower() in VOWELS and head[0].lower() in VOWELS)  # "auto-ongeluk"


def _squeeze_blank(lines):
    previous = ""
    for line in lines:
        if line or previous:
            yield line
        previous = line
