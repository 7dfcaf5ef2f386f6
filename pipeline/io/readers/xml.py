"""XML documents: official publication XML (op-xsd) and ParlaMint TEI, chosen by the root element.

Parsing is locked down: no DTD is loaded, no entity is resolved, nothing is fetched from the
network, libxml2's size limits stay on (huge_tree=False), and a DOCTYPE that declares entities
is refused outright (external-entity and entity-expansion attacks need one). Bad input gives a
`ReadError` (with the parser's line number for malformed XML); the reader never raises.
"""

import re
from pathlib import Path

from lxml import etree

from .document import ReadError, read_limited

# Larger inputs are refused before parsing (the corpus files are well under 1 MB).
MAX_BYTES = 64 * 1024 * 1024

TEI_NS = "http://www.tei-c.org/ns/1.0"

# Roots of official publication XML (officielebekendmakingen.nl, op-xsd-2012-*): the wrapper
# `officiele-publicatie`, or a bare publication element.
OFFICIAL_ROOTS = {
    "officiele-publicatie", "handelingen", "staatsblad", "staatscourant", "kamerstuk",
    "kamervragen", "aanhangsel", "tractatenblad", "gemeenteblad", "provinciaalblad",
    "waterschapsblad", "blad-gemeenschappelijke-regeling",
}

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
_ROOT_START = re.compile(rb"<[A-Za-z_:]")


def read_xml(path: Path):
    source = str(path)
    data = read_limited(path, "XML", MAX_BYTES)
    if isinstance(data, ReadError):
        yield data
        return
    root = parse_xml(data, source)
    if isinstance(root, ReadError):
        yield root
        return
    name = etree.QName(root).localname
    namespace = etree.QName(root).namespace
    try:
        if name in OFFICIAL_ROOTS and namespace is None:
            from .official_xml import read_official

            item = read_official(root, path)
        elif name == "TEI" and namespace in (TEI_NS, None):
            from .parlamint_xml import read_parlamint

            item = read_parlamint(root, path)
        else:
            shown = f"{{{namespace}}}{name}" if namespace else name
            item = ReadError(source, root.sourceline, f"unknown XML root element <{shown}> "
                             "(expected officiele-publicatie or a ParlaMint TEI document)")
    except Exception as err:  # a reader bug or an unforeseen structure must not stop the batch
        item = ReadError(source, None, f"cannot convert XML: {type(err).__name__}: {err}")
    yield item


def parse_xml(data: bytes, source: str):
    """The root element of data, parsed safely, or a ReadError."""
    if not data.strip():
        return ReadError(source, None, "empty document")
    refused = _refuse_entities(data, source)
    if refused:
        return refused
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
        dtd_validation=False, remove_comments=True, remove_pis=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        line = err.lineno or None
        message = err.msg or str(err)
        return ReadError(source, line, f"malformed XML: {message}")
    except (ValueError, MemoryError) as err:
        return ReadError(source, None, f"cannot parse XML: {err}")
    if root is None:
        return ReadError(source, None, "empty document")
    # Second line of defence (e.g. a UTF-16 file the byte scan could not read).
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        return ReadError(source, None, "DOCTYPE declares entities; refused (no entity is ever expanded)")
    return root


def _refuse_entities(data: bytes, source: str):
    """A ReadError when the prolog's DOCTYPE declares entities (text after the root start,
    e.g. "<!ENTITY" quoted in a CDATA section, is not looked at)."""
    found = _DOCTYPE.search(data)
    if not found:
        return None
    root_start = _ROOT_START.search(data, found.end())
    if _ENTITY_DECL.search(data, found.end(), root_start.start() if root_start else len(data)):
        line = data.count(b"\n", 0, found.start()) + 1
        return ReadError(source, line, "DOCTYPE declares entities; refused "
                                       "(external entities and entity expansion are never processed)")
    return None
