"""Readers of the formats users have (issue 16): PDF, Word .docx, HTML pages of the official
publications site and others, and what a folder holds that is not read."""

import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pipeline.io.readers.document import Document, ReadError
from pipeline.io.readers import read_file, read_inputs
from pipeline.io.readers.docx import read_docx
from pipeline.io.readers.html import read_html
from pipeline.io.readers.pdf import read_pdf

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def one(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


# --- PDFs, written by hand ----------------------------------------------------------------

def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252")  # WinAnsiEncoding: "ï", "–", "’" are single bytes
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf_bytes(pages) -> bytes:
    """A PDF of pages, each a list of (x, y, font size, text) drawn in that order in Helvetica;
    a page given as bytes is that content stream (no text: a scan)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", None,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"]
    kids = []
    for page in pages:
        if isinstance(page, bytes):
            stream = page
        else:
            stream = b"\n".join(b"BT /F1 %g Tf %g %g Td %s Tj ET" % (size, x, y, _pdf_string(text))
                                for x, y, size, text in page)
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                       b"/Resources << /Font << /F1 3 0 R >> >> >>" % len(objects))
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


HEAD = "Tweede Kamer, vergaderjaar 2023–2024, 30 821, nr. 200"


def kamerstuk_pages():
    """Three pages laid out as a Kamerstuk: a running head with the page number from page 2,
    page numbers at the foot, footnotes in a smaller font above them, hyphenated line ends."""
    bodies = [
        ["Tweede Kamer der Staten-Generaal", "", "Den Haag, 25 september 2023", "",
         "De Ministers hebben uw Kamer op 16 maart 2018 geïnfor-",
         "meerd over de aanpak (hierna: OBI).1 Dat geldt ook voor de beleids-",
         "en uitvoeringsorganisaties in Noord-",
         "Holland en voor het auto-", "ongeluk van vorig jaar.", "",
         "Ik zal uw Kamer voor de zomer van 2024 informeren over de door-"],
        ["lopende aanpak en de gemeenten.2 Daarbij betrek ik het kabinets-",
         "beleid van de afgelopen jaren.", "",
         "Een nieuwe alinea op de tweede pagina."],
        ["De Minister van Sociale Zaken en Werkgelegenheid,", "C.E.G. van Gennip"],
    ]
    notes = [["1 Kamerstukken 30 821 en 26 643, nr. 42; zie ook de brief die in de-",
              "cember is verzonden."],
             ["2 Kamerstuk 30 821, nr. 175"], []]
    pages = []
    for number, (body, page_notes) in enumerate(zip(bodies, notes), 1):
        lines = []
        y = 760
        for text in body:
            if text:
                lines.append((72, y, 10, text))
            y -= 13
        y = 48 + 9 * len(page_notes)
        for text in page_notes:
            lines.append((72, y, 7, text))
            y -= 9
        lines.append((290, 24, 8, str(number)))
        if number > 1:  # written last, drawn at the top: the text order is the producer's
            lines += [(72, 805, 8, HEAD), (515, 805, 8, str(number))]
        pages.append(lines)
    return pages


KAMERSTUK_TEXT = (
    "Tweede Kamer der Staten-Generaal\n\n"
    "Den Haag, 25 september 2023\n\n"
    "De Ministers hebben uw Kamer op 16 maart 2018 geïnformeerd\n"
    "over de aanpak (hierna: OBI).1 Dat geldt ook voor de beleids-\n"
    "en uitvoeringsorganisaties in Noord-Holland\n"
    "en voor het auto-ongeluk\n"
    "van vorig jaar.\n\n"
    "Ik zal uw Kamer voor de zomer van 2024 informeren over de doorlopende\n"
    "aanpak en de gemeenten.2 Daarbij betrek ik het kabinetsbeleid\n"
    "van de afgelopen jaren.\n\n"
    "Een nieuwe alinea op de tweede pagina.\n"
    "De Minister van Sociale Zaken en Werkgelegenheid,\n"
    "C.E.G. van Gennip\n"
    "\n"
    "1 Kamerstukken 30 821 en 26 643, nr. 42; zie ook de brief die in december is verzonden.\n"
    "2 Kamerstuk 30 821, nr. 175\n"
)


def test_pdf_text_without_furniture_with_words_joined_and_footnotes_last(tmp_path):
    path = tmp_path / "kst-30821-200.pdf"
    path.write_bytes(pdf_bytes(kamerstuk_pages()))
    doc = one(read_pdf(path))
    assert isinstance(doc, Document), str(doc)
    assert doc.text == KAMERSTUK_TEXT
    assert HEAD not in doc.text                          # the running head of pages 2 and 3
    assert "\n2\n" not in doc.text and "\n3\n" not in doc.text  # lone page numbers
    assert doc.id == "kst-30821-200" and doc.meta == {"format": "pdf", "pages": 3}


def test_pdf_footer_repeated_on_most_pages_is_left_out(tmp_path):
    pages = []
    for number in range(1, 5):
        pages.append([(72, 790, 9, "Ministerie van Sociale Zaken en Werkgelegenheid | Voortgangsrapportage"),
                      (72, 700, 10, f"Hoofdstuk {number} gaat over iets anders dan hoofdstuk {number - 1}."),
                      (72, 687, 10, "Deze regel staat op elke pagina, maar midden in de tekst."),
                      (72, 30, 8, f"Pagina {number} van 4")])
    path = tmp_path / "rapport.pdf"
    path.write_bytes(pdf_bytes(pages))
    doc = one(read_pdf(path))
    assert "Voortgangsrapportage" not in doc.text and "Pagina" not in doc.text
    assert doc.text.count("Deze regel staat op elke pagina") == 4  # not at the top or foot: text
    assert "Hoofdstuk 3 gaat over iets anders dan hoofdstuk 2." in doc.text


def test_pdf_columns_are_read_in_the_order_they_were_written(tmp_path):
    left = ["De linkerkolom begint hier", "en loopt door tot onderaan."]
    right = ["Daarna volgt de rechterkolom", "die hier eindigt."]
    page = [(72, 700 - 13 * n, 10, t) for n, t in enumerate(left)] + \
           [(320, 700 - 13 * n, 10, t) for n, t in enumerate(right)]
    path = tmp_path / "columns.pdf"
    path.write_bytes(pdf_bytes([page]))
    assert one(read_pdf(path)).text == "\n".join(left + right) + "\n"  # not line by line across


def test_pdf_hyphen_the_document_spells_is_kept(tmp_path):
    page = [(72, 700, 10, "De oud-minister sprak eerst. Daarna sprak de oud-"),
            (72, 687, 10, "minister opnieuw over de CO2-"), (72, 674, 10, "uitstoot en de jaren 2023-"),
            (72, 661, 10, "2024.")]
    path = tmp_path / "spelling.pdf"
    path.write_bytes(pdf_bytes([page]))
    assert one(read_pdf(path)).text == ("De oud-minister sprak eerst. Daarna sprak de oud-minister\n"
                                        "opnieuw over de CO2-uitstoot\nen de jaren 2023-2024.\n")


def test_scanned_pdf_without_text_layer(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_bytes([b"0.5 g 72 72 450 700 re f", b"0 g 100 100 50 50 re f"]))
    error = one(read_pdf(path))
    assert isinstance(error, ReadError) and error.reason == "no text layer (scanned PDF?)"
    assert error.source == str(path)
    mixed = tmp_path / "mixed.pdf"  # a scanned page among text pages: read, and said so
    mixed.write_bytes(pdf_bytes([[(72, 700, 10, "Eerste pagina.")], b"0 g 100 100 50 50 re f",
                                 [(72, 700, 10, "Derde pagina.")]]))
    doc = one(read_pdf(mixed))
    assert doc.text == "Eerste pagina.\nDerde pagina.\n" and doc.meta["pages_without_text"] == [2]


def test_encrypted_pdf(tmp_path):
    from pypdf import PdfReader, PdfWriter

    plain = tmp_path / "plain.pdf"
    plain.write_bytes(pdf_bytes([[(72, 700, 10, "Vertrouwelijke brief over de aanpak.")]]))
    locked, restricted = tmp_path / "locked.pdf", tmp_path / "restricted.pdf"
    for path, user in ((locked, "geheim"), (restricted, "")):
        writer = PdfWriter(clone_from=PdfReader(plain))
        writer.encrypt(user_password=user, owner_password="eigenaar", algorithm="AES-128")
        writer.write(path)
    error = one(read_pdf(locked))
    assert isinstance(error, ReadError) and "encrypted PDF" in error.reason and "password" in error.reason
    # encrypted only against editing: it opens without a password, as in any viewer
    assert one(read_pdf(restricted)).text == "Vertrouwelijke brief over de aanpak.\n"


@pytest.mark.parametrize("content", [b"", b"hello", b"%PDF-1.7\n", b"%PDF-1.4\n1 0 obj << /Type /Catalog", None])
def test_broken_pdf_is_an_error(tmp_path, content):
    path = tmp_path / "broken.pdf"
    path.write_bytes(pdf_bytes(kamerstuk_pages())[:700] if content is None else content)
    error = one(read_pdf(path))
    assert isinstance(error, ReadError) and error.source == str(path)


@settings(max_examples=25)
@given(st.data())
def test_pdf_reader_never_raises(data):
    import tempfile

    good = pdf_bytes(kamerstuk_pages()[:1])
    cut = data.draw(st.integers(0, len(good)))
    noise = data.draw(st.binary(max_size=64))
    at = data.draw(st.integers(0, len(good)))
    mutated = good[:at] + noise + good[at + len(noise):cut] if cut > at else good[:cut] + noise
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.pdf"
        path.write_bytes(mutated)
        item = one(read_pdf(path))
    assert isinstance(item, (Document, ReadError))


# --- Word ---------------------------------------------------------------------------------

def _add_note_part(path: Path, kind: str, notes: dict, doctype: str = "") -> None:
    """Put a footnotes or endnotes part ({id: text}) into the .docx, as Word writes it."""
    part = f"word/{kind}s.xml"
    body = "".join(f'<w:{kind} w:id="{i}"><w:p><w:r><w:{kind}Ref/></w:r><w:r><w:t xml:space="preserve"> {t}</w:t>'
                   f'</w:r></w:p></w:{kind}>' for i, t in notes.items())
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n{doctype}<w:{kind}s xmlns:w="{W}">'
           f'<w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{kind}>'
           f'<w:{kind} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{kind}>'
           f'{body}</w:{kind}s>')
    with zipfile.ZipFile(path) as package:
        files = {name: package.read(name) for name in package.namelist()}
    files[part] = xml.encode("utf-8")
    files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-officedocument.'
                     f'wordprocessingml.{kind}s+xml"/></Types>'.encode())
    files["word/_rels/document.xml.rels"] = files["word/_rels/document.xml.rels"].replace(
        b"</Relationships>", f'<Relationship Id="rIdKst{kind}" Type="http://schemas.openxmlformats.org/officeDocument/'
                             f'2006/relationships/{kind}s" Target="{kind}s.xml"/></Relationships>'.encode())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in files.items():
            package.writestr(name, data)


def _note_reference(paragraph, kind: str, note_id: int) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run, reference = OxmlElement("w:r"), OxmlElement(f"w:{kind}Reference")
    reference.set(qn("w:id"), str(note_id))
    run.append(reference)
    paragraph._p.append(run)


def _deleted_run(paragraph, text: str) -> None:
    """A tracked deletion: shown struck through in Word, not part of the text."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    deletion, run, deleted = OxmlElement("w:del"), OxmlElement("w:r"), OxmlElement("w:delText")
    deletion.set(qn("w:id"), "99")
    deletion.set(qn("w:author"), "kst")
    deleted.text = text
    run.append(deleted)
    deletion.append(run)
    paragraph._p.append(deletion)


def make_docx(path: Path, footnote_doctype: str = "") -> Path:
    import docx

    document = docx.Document()
    document.add_heading("Brief over ongewenste buitenlandse inmenging", level=1)
    first = document.add_paragraph("De Ministers hebben uw Kamer geïnformeerd over de aanpak (hierna: OBI).")
    _note_reference(first, "footnote", 1)
    first.add_run(" Ik zal uw Kamer voor de zomer informeren.")
    second = document.add_paragraph("Het kabinet")
    _deleted_run(second, " niet")
    second.add_run(" zet de aanpak voort.")
    _note_reference(second, "footnote", 2)
    _note_reference(second, "endnote", 1)
    table = document.add_table(rows=3, cols=3)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = f"r{r}c{c}"
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Maatregel"
    table.cell(1, 2).merge(table.cell(2, 2))
    cell = table.cell(2, 0)
    cell.text = "Eerste alinea in een cel"
    cell.add_paragraph("en een tweede")
    document.add_paragraph("Hoogachtend,\nde Minister")  # a line break inside a paragraph
    document.save(path)
    _add_note_part(path, "footnote", {1: "Kamerstukken 30 821 en 26 643, nr. 42", 2: "Kamerstuk 30 821, nr. 175"},
                   footnote_doctype)
    _add_note_part(path, "endnote", {1: "Een eindnoot."})
    return path


def test_docx_paragraphs_tables_and_notes(tmp_path):
    doc = one(read_docx(make_docx(tmp_path / "brief.docx")))
    assert isinstance(doc, Document), str(doc)
    assert doc.text == (
        "Brief over ongewenste buitenlandse inmenging\n"
        "De Ministers hebben uw Kamer geïnformeerd over de aanpak (hierna: OBI).1 Ik zal uw Kamer voor de zomer informeren.\n"
        "Het kabinet zet de aanpak voort.2i\n"
        "Maatregel\tr0c2\n"              # a merged cell once
        "r1c0\tr1c1\tr1c2 r2c2\n"         # a vertically merged cell in its first row
        "Eerste alinea in een cel en een tweede\tr2c1\n"
        "Hoogachtend,\nde Minister\n"
        "1 Kamerstukken 30 821 en 26 643, nr. 42\n"
        "2 Kamerstuk 30 821, nr. 175\n"
        "i Een eindnoot.\n"
    )
    assert doc.id == "brief" and doc.meta == {"format": "docx"}


def test_docx_note_part_resolves_no_entity(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIM-1234", encoding="utf-8")
    doctype = f'<!DOCTYPE w:footnotes [<!ENTITY leak SYSTEM "file://{secret}"><!ENTITY a "aaaaaaaaaa">]>'
    path = make_docx(tmp_path / "entity.docx", footnote_doctype=doctype)
    with zipfile.ZipFile(path) as package:
        files = {name: package.read(name) for name in package.namelist()}
    files["word/footnotes.xml"] = files["word/footnotes.xml"].replace(b"Kamerstuk 30 821", b"&leak;&a;")
    with zipfile.ZipFile(path, "w") as package:
        for name, data in files.items():
            package.writestr(name, data)
    item = one(read_docx(path))
    assert "GEHEIM" not in str(item) and "aaaaaaaaaa" not in str(item)


def test_doc_and_broken_docx_are_errors(tmp_path):
    ole = tmp_path / "oud.docx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert "save it as .docx or PDF" in one(read_docx(ole)).reason
    text = tmp_path / "tekst.docx"
    text.write_text("geen zip", encoding="utf-8")
    assert isinstance(one(read_docx(text)), ReadError)
    not_word = tmp_path / "leeg.docx"
    with zipfile.ZipFile(not_word, "w") as package:
        package.writestr("hello.txt", "hallo")
    error = one(read_docx(not_word))
    assert isinstance(error, ReadError) and error.source == str(not_word)


# --- HTML -------------------------------------------------------------------------------------

def official_page(doc_id: str, metas: dict, document: str) -> str:
    """A page shaped like zoek.officielebekendmakingen.nl/<id>.html: site chrome around the
    publication, metadata in <meta> tags."""
    tags = "\n".join(f'<meta name="{name}" content="{value}">' for name, values in metas.items()
                     for value in (values if isinstance(values, list) else [values]))
    return f"""<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8">
<title>{doc_id} | Overheid.nl &gt; Officiële bekendmakingen</title>
<meta name="DC.identifier" content="{doc_id}">
{tags}
<link rel="canonical" href="https://zoek.officielebekendmakingen.nl/{doc_id}.html">
<script>window.dataLayer = ["Zoeken in publicaties"];</script>
<style>.stuk p {{ margin: 0 }}</style>
</head><body>
<a class="skiplink" href="#main-content">Direct naar content</a>
<header class="header"><div class="logo">Overheid.nl</div>
 <nav><ul><li><a href="/">Home</a></li><li><a href="/zoeken">Uitgebreid zoeken</a></li></ul></nav></header>
<main id="main-content" class="global-main">
 <div class="breadcrumb"><a href="/">Home</a> &gt; Zoekresultaten &gt; {doc_id}</div>
 <form class="zoekformulier"><label>Zoeken</label><input name="q"></form>
 <div id="broodtekst" class="broodtekst">
  <div class="stuk">
{document}
  </div>
 </div>
 <aside class="documentinformatie"><h2>Documentinformatie</h2><p>Publicatiedatum</p></aside>
</main>
<footer class="footer"><p>Over deze site</p><p>Privacy en cookies</p></footer>
</body></html>
"""


KST_DOCUMENT = """
   <p class="kamer">Tweede Kamer der Staten-Generaal</p>
   <p class="vergaderjaar">Vergaderjaar 2023–2024</p>
   <h1 class="dossiertitel">30 821 Nationale Veiligheid</h1>
   <h2 class="stuktitel">Nr. 200 BRIEF VAN DE MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID</h2>
   <p class="al">Den Haag, 25 september 2023</p>
   <p class="al">De Ministers hebben uw Kamer   op 16 maart 2018
      geïnformeerd over de aanpak van <i>ongewenste</i> buitenlandse inmenging
      (hierna: OBI).<sup><a class="nootnum supernote" href="#ID-200-1">1</a></sup> Ik zal uw Kamer voor de zomer informeren.</p>
   <table class="tabel"><tr><th>Actie</th><th>Termijn</th></tr>
     <tr><td><p>Brief</p><p>sturen</p></td><td>voor de zomer</td></tr></table>
   <div class="ondertekening"><p>De Minister van Sociale Zaken en Werkgelegenheid,<br>C.E.G. van Gennip</p></div>
   <div class="noten"><div class="noot" id="ID-200-1"><span class="nootnum">1</span> Kamerstukken 30 821 en 26 643, nr. 42</div></div>
"""


def test_official_page_text_and_meta(tmp_path):
    path = tmp_path / "kst-30821-200.html"
    metas = {"DC.title": "Nationale veiligheid; Brief regering", "DC.type": "Kamerstuk",
             "OVERHEIDop.dossiernummer": "30821", "OVERHEIDop.ondernummer": "200",
             "OVERHEIDop.vergaderjaar": "2023-2024", "DCTERMS.issued": "2023-09-26",
             "OVERHEIDop.datumBrief": "2023-09-25"}
    path.write_text(official_page("kst-30821-200", metas, KST_DOCUMENT), encoding="utf-8")
    doc = one(read_html(path))
    assert isinstance(doc, Document), str(doc)
    assert doc.text == (
        "Tweede Kamer der Staten-Generaal\n"
        "Vergaderjaar 2023–2024\n"
        "30 821 Nationale Veiligheid\n"
        "Nr. 200 BRIEF VAN DE MINISTER VAN SOCIALE ZAKEN EN WERKGELEGENHEID\n"
        "Den Haag, 25 september 2023\n"
        "De Ministers hebben uw Kamer op 16 maart 2018 geïnformeerd over de aanpak van ongewenste buitenlandse "
        "inmenging (hierna: OBI).1 Ik zal uw Kamer voor de zomer informeren.\n"
        "Actie\tTermijn\n"
        "Brief sturen\tvoor de zomer\n"
        "De Minister van Sociale Zaken en Werkgelegenheid,\n"
        "C.E.G. van Gennip\n"
        "1 Kamerstukken 30 821 en 26 643, nr. 42\n"
    )
    for chrome in ("Uitgebreid zoeken", "Zoekresultaten", "Documentinformatie", "Privacy", "dataLayer", "margin"):
        assert chrome not in doc.text
    assert doc.id == "kst-30821-200"
    assert doc.meta == {"format": "op-html", "date": "2023-09-25", "date_source": "meta OVERHEIDop.datumBrief",
                        "dossier": ["30821"], "number": "200", "session": "2023-2024"}


def test_official_pages_of_other_kinds(tmp_path):
    handelingen = tmp_path / "h-tk-20172018-70-6.html"
    handelingen.write_text(official_page(
        "h-tk-20172018-70-6", {"OVERHEIDop.datumVergadering": "2018-04-05", "DCTERMS.issued": "2018-04-12"},
        "<p class='item-titel'>6 Stemmingen moties Informele Milieuraad</p><p class='spreker'>De voorzitter:</p>"
        "<p>Ik stel voor, te stemmen over de moties.</p>"), encoding="utf-8")
    doc = one(read_html(handelingen))
    assert doc.text == "6 Stemmingen moties Informele Milieuraad\nDe voorzitter:\nIk stel voor, te stemmen over de moties.\n"
    assert doc.meta == {"format": "op-html", "doc_type": "handelingen", "date": "2018-04-05",
                        "date_source": "meta OVERHEIDop.datumVergadering", "sitting": 70, "session": "2017-2018"}
    staatsblad = tmp_path / "stb-2018-84.html"
    staatsblad.write_text(official_page("stb-2018-84", {"DCTERMS.issued": "2018-03-20"},
                                        "<p>Besluit van 9 maart 2018</p>"), encoding="utf-8")
    doc = one(read_html(staatsblad))
    assert (doc.id, doc.meta["doc_type"], doc.meta["date"]) == ("stb-2018-84", "staatsblad", "2018-03-20")
    answer = tmp_path / "saved page.html"  # saved under another name: the page says what it is
    answer.write_text(official_page("ah-tk-20232024-387", {"OVERHEIDop.dossiernummer": ["36 200 VII", "30821"]},
                                    "<p>Antwoord op vragen van het lid Van Baarle.</p>"), encoding="utf-8")
    doc = one(read_html(answer))
    assert doc.id == "ah-tk-20232024-387" and doc.meta["dossier"] == ["36200VII", "30821"]
    assert "doc_type" not in doc.meta  # the heading rules decide


def test_other_html_page_main_text(tmp_path):
    path = tmp_path / "nieuws.htm"
    path.write_text("""<html><head><title>Nieuws</title><script>var menu = 1;</script></head><body>
<header><nav><a href="/">Home</a> <a href="/onderwerpen">Onderwerpen</a></nav></header>
<div class="sidebar"><p>Meer nieuws</p></div>
<main><article><header><h1>Kabinet pakt inmenging aan</h1></header>
<p>Het kabinet  informeert de Kamer<br>voor de zomer.</p><ul><li>Eén</li><li>Twee</li></ul>
<p hidden>verborgen</p><span class="sr-only">Deel dit artikel</span></article></main>
<footer>Contact | Privacy</footer></body></html>""", encoding="utf-8")
    doc = one(read_html(path))
    assert doc.text == "Kabinet pakt inmenging aan\nHet kabinet informeert de Kamer\nvoor de zomer.\nEén\nTwee\n"
    assert doc.id == "nieuws" and doc.meta == {"format": "html"}
    bare = tmp_path / "bare.html"
    bare.write_text("<html><body><nav>Menu</nav><header>Kop</header><p>Alleen dit.</p>"
                    "<footer>Voet</footer><style>p{}</style></body></html>", encoding="utf-8")
    assert one(read_html(bare)).text == "Alleen dit.\n"


def test_html_encodings_and_bad_pages(tmp_path):
    latin = tmp_path / "oud.html"
    latin.write_bytes('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
                      '</head><body><p>Coöperatie “De Hoeve”</p></body></html>'.encode("cp1252"))
    assert one(read_html(latin)).text == "Coöperatie “De Hoeve”\n"
    xhtml = tmp_path / "x.html"
    xhtml.write_text('<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml">'
                     "<body><p>Tekst</p></body></html>", encoding="utf-8")
    assert one(read_html(xhtml)).text == "Tekst\n"
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIM-1234", encoding="utf-8")
    entity = tmp_path / "entity.html"
    entity.write_text(f'<!DOCTYPE html [<!ENTITY leak SYSTEM "file://{secret}">]><p>a &leak; b</p>', encoding="utf-8")
    assert "GEHEIM" not in str(one(read_html(entity)))
    for name, data in (("empty.html", b""), ("nul.html", b"\0\1\2"), ("chrome.html", b"<html><nav>Menu</nav></html>")):
        (tmp_path / name).write_bytes(data)
        assert isinstance(one(read_html(tmp_path / name)), ReadError)


@settings(max_examples=40)
@given(st.binary(max_size=300) | st.text(alphabet="<>/=\"' &;!-?[]abcpdivhtmlbody\n", max_size=300))
def test_html_reader_never_raises(data):
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.html"
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        assert isinstance(one(read_html(path)), (Document, ReadError))


# --- folders ----------------------------------------------------------------------------------

def write_mixed_folder(folder: Path) -> Path:
    folder.mkdir()
    (folder / "a-brief.pdf").write_bytes(pdf_bytes(kamerstuk_pages()))
    make_docx(folder / "b-antwoord.docx")
    (folder / "c-kst-30821-200.html").write_text(official_page(
        "kst-30821-200", {"OVERHEIDop.dossiernummer": "30821", "OVERHEIDop.datumBrief": "2023-09-25"},
        KST_DOCUMENT), encoding="utf-8")
    (folder / "d-notitie.txt").write_text("Den Haag, 1 juni 2023\n\nIk zal uw Kamer informeren.\n", encoding="utf-8")
    (folder / "e-tabel.xlsx").write_bytes(b"PK\3\4 not read")
    return folder


def test_folder_yields_every_file_in_order_and_names_what_it_cannot_read(tmp_path):
    folder = write_mixed_folder(tmp_path / "in")
    (folder / "f-oud.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    sub = folder / "sub"
    sub.mkdir()
    (sub / "g-nota.odt").write_bytes(b"PK\3\4")
    (sub / "h-zonder-suffix").write_text("tekst", encoding="utf-8")
    # skipped: hidden files and folders, Word's lock file, notes about the folder, run outputs
    (folder / ".verborgen.txt").write_text("verborgen", encoding="utf-8")
    (folder / ".git").mkdir()
    (folder / ".git" / "config").write_text("[core]", encoding="utf-8")
    (folder / "~$b-antwoord.docx").write_bytes(b"lock")
    (folder / "README.md").write_text("# Mijn documenten", encoding="utf-8")
    (folder / "run.jsonl").write_text('{"id": "x", "text": "y"}\n', encoding="utf-8")
    (folder / "run.jsonl.manifest.json").write_text("{}", encoding="utf-8")
    (folder / "run.jsonl.errors.jsonl").write_text("", encoding="utf-8")
    (folder / "run.jsonl.lock").write_text("{}", encoding="utf-8")
    report = folder / "review"
    report.mkdir()
    (report / ".kst-review").write_text("written by kst review", encoding="utf-8")
    (report / "index.html").write_text("<p>report</p>", encoding="utf-8")

    items = list(read_inputs([str(folder)]))
    assert [(type(i).__name__, Path(i.source).name) for i in items] == [
        ("Document", "a-brief.pdf"), ("Document", "b-antwoord.docx"), ("Document", "c-kst-30821-200.html"),
        ("Document", "d-notitie.txt"), ("ReadError", "e-tabel.xlsx"), ("ReadError", "f-oud.doc"),
        ("ReadError", "g-nota.odt"), ("ReadError", "h-zonder-suffix")]
    reasons = {Path(i.source).name: i.reason for i in items if isinstance(i, ReadError)}
    assert reasons["e-tabel.xlsx"].startswith("format not read (.xlsx)")
    assert reasons["f-oud.doc"] == "Word 97-2003 .doc is not read: save it as .docx or PDF"
    assert reasons["g-nota.odt"] == "OpenDocument .odt is not read: save it as .docx or PDF"
    assert reasons["h-zonder-suffix"].startswith("format not read (no suffix)")
    assert [i.id for i in items if isinstance(i, Document)] == ["a-brief", "b-antwoord", "kst-30821-200", "d-notitie"]
    assert items == list(read_inputs([str(folder)]))  # deterministic


def test_named_files(tmp_path):
    doc = tmp_path / "oud.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    assert one(read_file(doc)).reason == "Word 97-2003 .doc is not read: save it as .docx or PDF"
    notes = tmp_path / "notes.md"  # a file named on the command line is read as text, as before
    notes.write_text("Ik zal u informeren.\n", encoding="utf-8")
    assert one(read_inputs([str(notes)])).text == "Ik zal u informeren.\n"


def test_cli_annotates_pdf_word_html_and_text_and_names_the_unknown_file(nlp, tmp_path):
    from pipeline.cli import app
    from pipeline.run.assemble import save

    folder = write_mixed_folder(tmp_path / "in")
    model = tmp_path / "model"
    save(nlp, model)
    out = tmp_path / "run.jsonl"
    result = CliRunner().invoke(app, ["annotate", str(folder), "--out", str(out), "--model", str(model), "--no-progress"])
    assert result.exit_code == 1, result.output  # one input could not be read
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a-brief", "b-antwoord", "kst-30821-200", "d-notitie"]
    for record in records:
        for span in record["spans"]:
            assert record["text"][span["start"]:span["end"]] == span["text"]
    by_id = {r["id"]: r for r in records}
    assert by_id["a-brief"]["text"] == KAMERSTUK_TEXT
    assert by_id["kst-30821-200"]["meta"]["date"] == "2023-09-25"
    assert any(s["label"] == "COMMITMENT" for s in by_id["a-brief"]["spans"])  # "Ik zal uw Kamer … informeren"
    def cited(record):
        return {ref["id"] for s in record["spans"] if s["label"] == "DOSSIER_REF" for ref in s["attrs"]["refs"]}

    assert "kst-30821-175" in cited(by_id["a-brief"]) & cited(by_id["b-antwoord"])  # from the footnotes
    errors = [json.loads(line) for line in out.with_name("run.jsonl.errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(errors) == 1 and Path(errors[0]["source"]).name == "e-tabel.xlsx"
    assert errors[0]["reason"].startswith("format not read (.xlsx)")
    manifest = json.loads(out.with_name("run.jsonl.manifest.json").read_text(encoding="utf-8"))
    assert manifest["documents"] == 4 and manifest["errors"] == 1
