"""PDF text extraction side by side, on PDFs made here: this project's reader (pypdf plus
furniture, footnote and hyphenation handling), pypdf's plain text, and pdfplumber's text.

    .venv/bin/python scripts/bench_readers.py

The PDFs: a Kamerstuk-like document of 60 pages (running head and page number on every
page, a footnote in a smaller font on every page, words hyphenated at line ends) written
twice, by the test suite's hand-made PDF writer and by reportlab (another producer), and a
page in two columns. Printed per extractor: word accuracy against the text the PDF was made
from (difflib ratio over words; the footnotes expected after the body), running heads and
page numbers left in, hyphenated words joined, reading order of the columns, pages a second.
pdfplumber and reportlab are optional bench-only installs (`pip install pdfplumber reportlab`);
what does not import is reported as such. A .docx and an HTML page of the same text are timed
too.
"""

import difflib
import io
import random
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from pipeline.io.readers.docx import read_docx  # noqa: E402
from pipeline.io.readers.html import read_html  # noqa: E402
from pipeline.io.readers.pdf import read_pdf  # noqa: E402
from test_readers_formats import official_page, pdf_bytes  # noqa: E402

HEAD = "Tweede Kamer, vergaderjaar 2023–2024, 36 200 XV, nr. 97"
WORDS = ("de het een van en in op te dat voor met aan is zijn wordt door over bij ook naar kabinet "
         "Kamer minister beleid uitvoering gemeenten samenleving informeren aanpak maatregelen "
         "ontwikkelingen arbeidsmarkt werkgelegenheid onderzoek voortgangsrapportage inmenging "
         "beïnvloeding weerbaarheid polarisatie organisaties verantwoordelijkheid").split()
PAGES, LINES, WIDTH = 60, 44, 78


def make_document(seed=16):
    """Pages of (body lines, footnote); the body hyphenates long words at the line end."""
    rng = random.Random(seed)
    pages, expected_body, expected_notes, joined = [], [], [], []
    for number in range(1, PAGES + 1):
        lines, line = [], ""
        while len(lines) < LINES:
            word = rng.choice(WORDS)
            if len(line) + 1 + len(word) <= WIDTH:
                line = f"{line} {word}".strip()
                continue
            if len(word) >= 10 and len(line) + 6 <= WIDTH:
                cut = 4 + rng.randrange(len(word) - 7)  # never at a vowel pair: a plain break
                while word[cut - 1] in "aeiouï" and word[cut] in "aeiouï":
                    cut += 1
                lines.append(f"{line} {word[:cut]}-")
                line = word[cut:]
                joined.append(word)
            else:
                lines.append(line)
                line = word
        expected_body.extend(lines)
        if line:
            expected_body.append(line)
            lines.append(line)
        note = f"{number} Kamerstuk 36 200 XV, nr. {number + 100}"
        expected_notes.append(note)
        pages.append((lines, note))
    text = " ".join(expected_body) + " " + " ".join(expected_notes)
    return pages, re.sub(r"-\s+", "", text).split(), joined


def layout(pages):
    """(x, y, size, text) per page, as the test writer takes them."""
    out = []
    for number, (lines, note) in enumerate(pages, 1):
        drawn = [(72, 805, 8, HEAD), (515, 805, 8, str(number))]
        drawn += [(72, 770 - 15.5 * n, 10, text) for n, text in enumerate(lines)]
        drawn += [(72, 48, 7, note), (290, 24, 8, str(number))]
        out.append(drawn)
    return out


def reportlab_pdf(pages) -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    sheet = canvas.Canvas(buffer, pagesize=(595, 842))
    for drawn in layout(pages):
        for x, y, size, text in drawn:
            sheet.setFont("Helvetica", size)
            sheet.drawString(x, y, text)
        sheet.showPage()
    sheet.save()
    return buffer.getvalue()


def columns_pdf() -> bytes:
    left = [f"links {n} de linkerkolom loopt door" for n in range(1, 31)]
    right = [f"rechts {n} de rechterkolom volgt daarna" for n in range(1, 31)]
    page = [(60, 780 - 14 * n, 9, t) for n, t in enumerate(left)] + [(320, 780 - 14 * n, 9, t) for n, t in enumerate(right)]
    return pdf_bytes([page])


# --- extractors -------------------------------------------------------------------------------

def ours(path):
    return next(read_pdf(path)).text


def pypdf_plain(path):
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def pdfplumber_text(path):
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


EXTRACTORS = [("kst reader (pypdf + cleanup)", ours), ("pypdf extract_text", pypdf_plain),
              ("pdfplumber extract_text", pdfplumber_text)]


def score(text, expected_words, joined):
    words = text.split()
    accuracy = difflib.SequenceMatcher(None, words, expected_words, autojunk=False).ratio()
    heads = text.count("vergaderjaar 2023–2024")
    numbers = sum(1 for line in text.splitlines() if re.fullmatch(r"\d{1,3}", line.strip()))
    broken = len(re.findall(r"[a-zï]-\s*\n\s*[a-zï]", text))  # a word still split at a line end
    return accuracy, heads, numbers, 1 - broken / len(joined)


def main():
    pages, expected, joined = make_document()
    files = {"hand-written": pdf_bytes(layout(pages))}
    try:
        files["reportlab"] = reportlab_pdf(pages)
    except ImportError:
        print("reportlab is not installed: the reportlab PDF is left out")
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        columns = folder / "columns.pdf"
        columns.write_bytes(columns_pdf())
        print(f"{PAGES} pages, {len(expected)} words, {len(joined)} words hyphenated at a line end\n")
        print(f"{'extractor':32} {'PDF':13} {'word acc.':>9} {'heads':>6} {'page nrs':>8} {'joined':>7} {'columns':>8} {'pages/s':>8}")
        for name, extract in EXTRACTORS:
            for label, data in files.items():
                path = folder / f"{label}.pdf"
                path.write_bytes(data)
                try:
                    extract(path)  # warm up (imports)
                except ImportError:
                    print(f"{name:32} not installed")
                    break
                start = time.perf_counter()
                text = extract(path)
                seconds = time.perf_counter() - start
                accuracy, heads, numbers, found = score(text, expected, joined)
                order = extract(columns)
                in_order = order.find("links 30") < order.find("rechts 1")
                print(f"{name:32} {label:13} {accuracy:9.3f} {heads:6d} {numbers:8d} {found:7.0%} "
                      f"{'yes' if in_order else 'no':>8} {PAGES / seconds:8.0f}")
        # the same text as a .docx and as an official page, timed
        try:
            import docx
        except ImportError:
            return
        document = docx.Document()
        for lines, _ in pages:
            document.add_paragraph(" ".join(lines))
        docx_path = folder / "long.docx"
        document.save(docx_path)
        html_path = folder / "kst-36200-XV-97.html"
        html_path.write_text(official_page("kst-36200-XV-97", {}, "".join(f"<p>{' '.join(lines)}</p>" for lines, _ in pages)),
                             encoding="utf-8")
        for label, reader, path in (("docx", read_docx, docx_path), ("html", read_html, html_path)):
            start = time.perf_counter()
            text = next(reader(path)).text
            print(f"\n{label}: {len(text.split())} words in {time.perf_counter() - start:.3f} s", end="")
        print()


if __name__ == "__main__":
    main()
