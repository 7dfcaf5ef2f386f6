"""HTML pages (.html, .htm) through lxml.html: the main text, and for pages of
zoek.officielebekendmakingen.nl (kst-…, ah-…, h-…, stb-….html) the metadata of their <meta> tags.

- Main text: on an official page the element holding the publication (class
  "officiele-publicatie" or "stuk", else id/class "broodtekst"); on any page else <main>,
  <article>, role=main or #content, else <body>. Scripts, styles, forms, navigation,
  page-level <header>/<footer>/<aside> and hidden elements are never text.
- Layout: a block (p, div, h1-h6, li, …) is a line; inline markup joins its text as shown
  ("OBI).<sup>1</sup>" -> "OBI).1"); whitespace runs become one space; a table row is a line,
  its cells joined by a tab.
- Parsing is offline: lxml's HTML parser fetches nothing and loads no DTD; HTML has no
  entity declarations to expand. The reader never raises.
"""

import re
from pathlib import Path

from .document import Document, ReadError, decode, read_limited
from .official_xml import DOC_TYPES, HANDELINGEN_ID, ID_IN_URL, ISO_DATE

MAX_BYTES = 64 * 1024 * 1024

# Ids of the official publications (kst-30821-200, ah-tk-20232024-387, h-tk-20172018-70-6,
# stb-2018-84, stcrt-2023-1234, kv-tk-2023Z14759, blg-1234, trb-2020-1, gmb-…, prb-…, wsb-…)
OFFICIAL_ID = re.compile(r"^(?:kst|ah|h|stb|stcrt|kv|blg|trb|gmb|prb|wsb|bgr|nds)-[\w.()-]+$", re.I)
PREFIX_TYPES = {"h": "handelingen", "stb": "staatsblad", "stcrt": "staatscourant", "trb": "tractatenblad"}
# The document's own date, in order of preference (as for the official XML).
DATE_META = ("OVERHEIDop.datumVergadering", "OVERHEIDop.datumBrief", "DC.date", "OVERHEIDop.datumOndertekening",
             "DCTERMS.issued", "DCTERMS.available", "OVERHEIDop.datumUitgifte")
OFFICIAL_MAIN = ("officiele-publicatie", "stuk", "broodtekst")
GENERIC_MAIN = ("//main", "//article", "//*[@role='main']", "//*[@id='content']", "//*[@id='main']")

NOT_TEXT = {"script", "style", "noscript", "template", "nav", "form", "button", "select", "option",
            "textarea", "iframe", "object", "embed", "svg", "math", "canvas", "dialog", "head", "title",
            "meta", "link", "input", "label", "map", "audio", "video", "picture", "img"}
PAGE_PARTS = {"header", "footer", "aside"}           # not text outside an article or main
HIDDEN_CLASSES = {"sr-only", "visually-hidden", "visuallyhidden", "screen-reader-text", "element-invisible"}
HIDDEN_ROLES = {"navigation", "banner", "contentinfo", "search"}
BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote",
          "pre", "section", "article", "main", "header", "footer", "aside", "address", "figure", "figcaption",
          "table", "thead", "tbody", "tfoot", "caption", "hr", "center", "details", "summary", "fieldset", "body"}
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_DOCTYPE = re.compile(r"^\s*<!DOCTYPE[^\[>]*(?:\[[^\]]*\])?\s*>", re.I)
_SPACE = re.compile(r"[ \t\r\n\f\v\u00a0\u200b]+")
CELL = "\x1f"  # between a row's cells until the lines are cleaned (source text has tabs of its own)


def read_html(path: Path):
    source = str(path)
    data = read_limited(path, "HTML", MAX_BYTES)
    if isinstance(data, ReadError):
        yield data
        return
    try:
        item = read_html_bytes(data, path)
    except Exception as err:  # a parser or reader bug must not stop the batch
        item = ReadError(source, None, f"cannot convert HTML: {type(err).__name__}: {err}")
    yield item


def read_html_bytes(data: bytes, path: Path):
    import lxml.html

    source = str(path)
    text = _decode(data, source)
    if isinstance(text, ReadError):
        return text
    text = _XML_DECLARATION.sub("", text)  # lxml refuses an encoding declaration in a str
    text = _DOCTYPE.sub("", text, count=1)  # the HTML parser would show an internal subset as text
    if not text.strip():
        return ReadError(source, None, "empty document")
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True, huge_tree=False,
                                  default_doctype=False)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except Exception as err:  # lxml: "Document is empty", ParserError
        return ReadError(source, None, f"cannot parse HTML: {err}")
    metadata = _metadata(root)
    doc_id = _official_id(root, metadata)
    containers = _containers(root, doc_id)
    body = "".join(_Text().block_text(c) for c in containers)
    lines = []
    for raw in body.split("\n"):
        cells = [_SPACE.sub(" ", cell).strip() for cell in raw.split(CELL)]
        line = "\t".join(cell for cell in cells if cell)
        if line:
            lines.append(line)
    if not lines:
        return ReadError(source, None, "empty document (no text in the page)")
    meta = {"format": "op-html" if doc_id else "html"}
    if doc_id:
        meta.update(_official_meta(doc_id, metadata))
    return Document(id=doc_id or path.stem, text="".join(line + "\n" for line in lines), meta=meta, source=source)


def _decode(data: bytes, source: str):
    """Text of the page: a declared charset other than UTF-8 is honoured (old pages in
    windows-1252); otherwise the UTF-8/UTF-16 rules of the text readers apply."""
    declared = _CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        name = declared.group(1).decode("ascii").lower()
        if name.replace("-", "").replace("_", "") not in ("utf8", "utf16"):
            try:
                return data.decode(name, "replace")
            except LookupError:
                pass
    return decode(data, source)


# --- metadata -----------------------------------------------------------------------------

def _metadata(root) -> dict:
    """{meta name: [contents]} of the page's <meta name=… content=…> tags."""
    values = {}
    for element in root.iter("meta"):
        name = (element.get("name") or element.get("property") or "").strip()
        content = (element.get("content") or "").strip()
        if name and content:
            values.setdefault(name.lower(), []).append(content)
    return values


def _first(metadata: dict, name: str) -> str:
    return (metadata.get(name.lower()) or [""])[0]


def _official_id(root, metadata: dict) -> str:
    """The publication's own id when the page is one of the official site's, else ''."""
    for name in ("DC.identifier", "OVERHEIDop.identifier"):
        for value in metadata.get(name.lower(), []):
            if OFFICIAL_ID.match(value):
                return value
    urls = [e.get("href") or "" for e in root.iter("link") if (e.get("rel") or "").lower() == "canonical"]
    urls += metadata.get("og:url", []) + metadata.get("overheidop.externmetadatarecord", [])
    for url in urls:
        found = ID_IN_URL.search(url.strip())
        if found and OFFICIAL_ID.match(found.group(1)):
            return found.group(1)
    return ""


def _official_meta(doc_id: str, metadata: dict) -> dict:
    meta = {}
    doc_type = PREFIX_TYPES.get(doc_id.split("-", 1)[0].lower())
    if doc_type in DOC_TYPES.values():
        meta["doc_type"] = doc_type
    for name in DATE_META:
        value = _first(metadata, name)
        if ISO_DATE.match(value):
            meta["date"] = value[:10]
            meta["date_source"] = f"meta {name}"
            break
    dossiers = []
    for value in metadata.get("overheidop.dossiernummer", []):
        for part in re.split(r"[;,]", value):
            part = re.sub(r"\s+", "", part)
            if part and part not in dossiers:
                dossiers.append(part)
    if dossiers:
        meta["dossier"] = dossiers
    number = re.sub(r"\s+", "", _first(metadata, "OVERHEIDop.ondernummer"))
    if number:
        meta["number"] = number
    session = _first(metadata, "OVERHEIDop.vergaderjaar").replace("–", "-").replace(" ", "")
    found = HANDELINGEN_ID.match(doc_id)
    if found:
        session = session or f"{found.group(2)}-{found.group(3)}"
        meta["sitting"] = int(found.group(4))
    if re.fullmatch(r"\d{4}-\d{4}", session):
        meta["session"] = session
    return meta


# --- text -----------------------------------------------------------------------------------

def _classes(element) -> set:
    return set((element.get("class") or "").split())


def _containers(root, doc_id: str) -> list:
    """The elements holding the page's main text, outermost only, in document order."""
    body = root.find("body")
    if body is None:
        body = root
    candidates = []
    if doc_id:
        for name in OFFICIAL_MAIN:
            candidates = [e for e in body.iter() if isinstance(e.tag, str)
                          and (name in _classes(e) or e.get("id") == name)]
            if candidates:
                break
    if not candidates:
        for query in GENERIC_MAIN:
            candidates = [e for e in body.xpath(query) if _shown(e)]
            if candidates:
                break
    outermost = [e for e in candidates if not any(a in candidates for a in e.iterancestors())]
    return outermost or [body]


def _shown(element) -> bool:
    if element.get("hidden") is not None or (element.get("aria-hidden") or "").lower() == "true":
        return False
    if _classes(element) & HIDDEN_CLASSES or (element.get("role") or "").lower() in HIDDEN_ROLES:
        return False
    style = (element.get("style") or "").replace(" ", "").lower()
    return "display:none" not in style and "visibility:hidden" not in style


class _Text:
    """Text with line breaks at blocks; a table row's cells separated by tabs."""

    def block_text(self, element) -> str:
        parts = []
        self.walk(element, parts, in_page_part=False)
        return "\n" + "".join(parts) + "\n"

    def walk(self, element, parts: list, in_page_part: bool):
        tag = element.tag if isinstance(element.tag, str) else ""
        tag = tag.lower()
        if not tag or tag in NOT_TEXT or not _shown(element):
            return
        if tag in PAGE_PARTS and not in_page_part and not any(
                a.tag in ("article", "main") for a in element.iterancestors()):
            return
        if tag == "br":
            parts.append("\n")
            return
        if tag == "tr":
            cells = []
            for cell in element:
                if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th"):
                    inner = []
                    self.children(cell, inner, in_page_part)
                    text = _SPACE.sub(" ", "".join(inner).replace(CELL, " ")).strip()
                    if text:
                        cells.append(text)
            parts.append("\n" + CELL.join(cells) + "\n")
            return
        block = tag in BLOCKS
        if block:
            parts.append("\n")
        if tag == "pre":
            parts.append("".join(element.itertext()))
        else:
            self.children(element, parts, in_page_part or tag in PAGE_PARTS)
        if block:
            parts.append("\n")

    def children(self, element, parts: list, in_page_part: bool):
        # a line break in the source is a space; lines come from blocks and <br>
        if element.text:
            parts.append(_SPACE.sub(" ", element.text))
        for child in element:
            self.walk(child, parts, in_page_part)
            if child.tail:
                parts.append(_SPACE.sub(" ", child.tail))
