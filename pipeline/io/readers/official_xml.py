"""Official publication XML (officielebekendmakingen.nl, op-xsd-2012-*): Handelingen, Staatsblad...

Text convention (reproduces the gold excerpts of the Handelingen items):
- every block element (nr, item-titel, al, spreker, titel, li, ...) is one line, ended by "\\n";
- inside a block, the text fragments (element text and tails) are each stripped and joined
  with single spaces, all whitespace runs become one space, then "( " -> "(" and " )" -> ")";
  in a speaker line " :" -> ":" ("De voorzitter:", "De heer Koerhuis (VVD):");
- a list number (li.nr, lidnr) is put before the first line of its item ("a. ...", "1. ...");
  a bare bullet ("-") is dropped;
- the sitting header (<vergadering>: number, date, time) and <metadata> are not text; they
  fill meta. Footnotes (<noot>) keep their number in the text and are added at the end.
"""

import re
from pathlib import Path

from .document import Document, ReadError
from .xml_text import localname, normalise_space, repair_mojibake

# Elements whose content is always inline text (never a line of its own).
INLINE = {
    "nadruk", "extref", "intref", "sup", "inf", "voorvoegsels", "naam", "voornaam", "achternaam",
    "tussenvoegsel", "politiek", "term", "abbr", "afkorting", "br", "redactioneel",
    "unl", "ovl", "nootref", "citaat-inline", "vet", "cursief",
}
# Elements flattened into one line, whatever they contain.
LINE = {"al", "kop", "spreker", "dagtekening", "item-titel", "titel", "subtitel", "intitule",
        "wij", "considerans.al", "label", "tussenkop", "nr", "onderwerp-titel"}
# Elements that are not text (metadata, pictures; the sitting header goes to meta).
SKIP = {"metadata", "meta", "plaatje", "illustratie", "vergadering", "tabel-meta"}
# Numbers put before the first line of their item.
NUMBER = {"li.nr", "lidnr"}
BULLETS = {"-", "–", "—", "•", "*", "·", "o"}

DOC_TYPES = {"handelingen": "handelingen", "staatsblad": "staatsblad",
             "staatscourant": "staatscourant", "tractatenblad": "tractatenblad"}

MONTHS = {m: i for i, m in enumerate(
    ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
     "september", "oktober", "november", "december"], 1)}
DUTCH_DATE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b", re.I)
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
ID_IN_URL = re.compile(r"officielebekendmakingen\.nl/([a-z]+-[\w.-]+?)(?:/metadata\.xml|\.html|\.xml)?$", re.I)
HANDELINGEN_ID = re.compile(r"^(h-(?:tk|ek|vv)-(\d{4})(\d{4})-(\d+))-\w+$")
MOTION_ID = re.compile(r"^M-(\d+(?:-[A-Z0-9]+)*)-(\d+)$")
CHAIR = {"voorzitter", "voorzitster"}
ROLES = {"minister": "minister", "minister-president": "minister_president",
         "staatssecretaris": "state_secretary", "staatssecretaresse": "state_secretary",
         "commissaris": "commissioner"}
# Date meta names of the full op metadata, in order of preference.
DATE_META = ("OVERHEIDop.datumVergadering", "DC.date", "OVERHEIDop.datumOndertekening",
             "DCTERMS.issued", "DCTERMS.available", "OVERHEIDop.datumUitgifte")


def read_official(root, path: Path):
    source = str(path)
    body = root
    if localname(root) == "officiele-publicatie":
        body = next((c for c in root if localname(c) not in ("metadata", "kop", "")), None)
        if body is None:
            return ReadError(source, root.sourceline, "officiele-publicatie without a publication element")
    builder = _Builder()
    builder.walk(root)
    text = builder.text()
    if not text.strip():
        return ReadError(source, None, "empty document (no text in the XML)")

    meta = {"format": "op-xml"}
    doc_type = DOC_TYPES.get(localname(body))
    if doc_type:
        meta["doc_type"] = doc_type
    metadata = _metadata(root)
    doc_id = _identifier(metadata) or path.stem
    date, date_source = _date(root, metadata, doc_id, path)
    if date:
        meta["date"] = date
        meta["date_source"] = date_source
    found = HANDELINGEN_ID.match(doc_id)
    if found:
        meta["session"] = f"{found.group(2)}-{found.group(3)}"
        meta["sitting"] = int(found.group(4))
    meta.update(builder.sitting)
    for entry in builder.speakers:
        if entry.pop("_parent", None) is not None:
            entry["turn_end"] = entry["end"]
    if builder.speakers:
        meta["speakers"] = builder.speakers
    if builder.motions:
        meta["motions"] = builder.motions
    if builder.mojibake:
        meta["mojibake_repaired"] = True
    return Document(id=doc_id, text=text, meta=meta, source=source)


class _Builder:
    def __init__(self):
        self.lines = []
        self.length = 0
        self.prefix = None
        self.speakers = []
        self.motions = []
        self.notes = []
        self.sitting = {}
        self.mojibake = False

    # -- output
    def emit(self, line: str, speaker: bool = False):
        """Add one line (normalised); returns its (start, end) or None when it is empty."""
        line = self.clean(line, speaker)
        if not line:
            return None
        if self.prefix:
            line = f"{self.prefix} {line}"
            self.prefix = None
        start = self.length
        self.lines.append(line)
        self.length += len(line) + 1
        return start, start + len(line)

    def clean(self, line: str, speaker: bool = False) -> str:
        repaired = repair_mojibake(line)
        if repaired != line:
            self.mojibake = True
        line = normalise_space(repaired).replace("( ", "(").replace(" )", ")")
        if speaker:
            line = line.replace(" :", ":")
        return line

    def text(self) -> str:
        if self.prefix:  # a number with no item after it
            self.lines.append(self.prefix)
            self.length += len(self.prefix) + 1
            self.prefix = None
        for number, note in self.notes:
            self.emit(f"{number} {note}" if number else note)
        return "".join(line + "\n" for line in self.lines)

    # -- walking
    def walk(self, element):
        name = localname(element)
        if not name or name in SKIP:
            if name == "vergadering":
                self.read_sitting(element)
            return
        if name in NUMBER:
            number = self.clean(self.flat(element))
            if number and number not in BULLETS:
                self.prefix = number
            return
        if name == "spreker":
            self.speaker(element)
            return
        if name == "motie":
            self.motion(element)
            return
        if name in LINE or not any(localname(c) not in INLINE for c in element if localname(c)):
            self.emit(self.flat(element))
            return
        first = len(self.speakers)
        self.container(element)
        # A speaker's turn runs to the end of the element holding the <spreker> (a
        # spreekbeurt, or the chair's motie-info inside a motion).
        for entry in self.speakers[first:]:
            if entry.get("_parent") is element:
                del entry["_parent"]
                entry["turn_end"] = max(self.length - 1, entry["end"])

    def container(self, element):
        fragments = [element.text]
        for child in element:
            if localname(child) in INLINE:
                fragments.append(self.flat(child))
            else:
                self.emit(" ".join(f.strip() for f in fragments if f and f.strip()))
                fragments = []
                self.walk(child)
            fragments.append(child.tail)
        self.emit(" ".join(f.strip() for f in fragments if f and f.strip()))

    def flat(self, element) -> str:
        """The text of an element as one line: fragments stripped, joined by single spaces."""
        parts = []

        def visit(node):
            if node.text and node.text.strip():
                parts.append(node.text.strip())
            for child in node:
                child_name = localname(child)
                if child_name == "noot":
                    self.footnote(child, parts)
                elif child_name and child_name not in SKIP:
                    visit(child)
                if child.tail and child.tail.strip():
                    parts.append(child.tail.strip())

        visit(element)
        return " ".join(parts)

    def footnote(self, note, parts):
        number = ""
        body = []
        for child in note:
            if localname(child) == "noot.nr":
                number = self.clean(self.flat(child))
            else:
                body.append(self.clean(self.flat(child)))
        if number:
            parts.append(number)
        self.notes.append((number, " ".join(b for b in body if b)))

    # -- structures that fill meta
    def speaker(self, element):
        span = self.emit(self.flat(element), speaker=True)
        if not span:
            return
        start, end = span
        label = self.lines[-1]
        parts = {}
        for child in element.iter():
            part = localname(child)
            if part in ("voorvoegsels", "voornaam", "achternaam", "tussenvoegsel", "politiek", "functie"):
                value = self.clean(self.flat(child))
                if value:
                    parts.setdefault(part, []).append(value)
        title = " ".join(parts.get("voorvoegsels", []))
        surname = " ".join(parts.get("tussenvoegsel", []) + parts.get("achternaam", []))
        name = " ".join(parts.get("voornaam", []) + [surname]).strip()
        entry = {"start": start, "end": end, "label": label.rstrip(":").strip(), "_parent": element.getparent()}
        if name.lower() in CHAIR:
            entry["name"] = f"{title} {name}".strip()
            entry["role"] = "chair"
        else:
            entry["name"] = name or label.rstrip(":").strip()
            if title:
                entry["title"] = title
            first_word = title.split()[0].lower() if title else ""
            if first_word in ROLES:
                entry["role"] = ROLES[first_word]
            elif parts.get("politiek"):
                entry["role"] = "member"
        if parts.get("politiek"):
            entry["party"] = " ".join(parts["politiek"])
        if parts.get("functie"):
            entry["function"] = " ".join(parts["functie"])
        self.speakers.append(entry)

    def motion(self, element):
        first_line = len(self.lines)
        start = self.length
        self.container(element)
        if len(self.lines) == first_line:
            return
        entry = {"start": start, "end": self.length - 1}
        motion_id = (element.get("id") or "").strip()
        if motion_id:
            entry["id"] = motion_id
            found = MOTION_ID.match(motion_id)
            if found:
                entry["dossier"] = found.group(1)
                entry["number"] = found.group(2)
        self.motions.append(entry)

    def read_sitting(self, element):
        for child in element:
            name = localname(child)
            value = self.clean(self.flat(child))
            if not value:
                continue
            if name == "vergaderdatum":
                self.sitting["sitting_date_text"] = value
            elif name == "vergadertijd":
                self.sitting["sitting_time"] = value
            elif name == "vergadering-nummer":
                self.sitting["sitting_title"] = value


# --- metadata -------------------------------------------------------------------------------

def _metadata(root) -> dict:
    values = {}
    for element in root.iter():
        if localname(element) == "meta" and element.get("name"):
            values.setdefault(element.get("name"), (element.get("content") or "").strip())
    return values


def _identifier(metadata: dict) -> str:
    for key in ("DC.identifier", "OVERHEIDop.identifier"):
        if metadata.get(key):
            return metadata[key]
    url = metadata.get("OVERHEIDop.externMetadataRecord", "")
    found = ID_IN_URL.search(url)
    return found.group(1) if found else ""


def dutch_date(text: str) -> str:
    found = DUTCH_DATE.search(text or "")
    if not found:
        return ""
    day, month, year = int(found.group(1)), MONTHS[found.group(2).lower()], int(found.group(3))
    if not 1 <= day <= 31:
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def _date(root, metadata: dict, doc_id: str, path: Path):
    """(date, where it came from): the sitting date, the signing date, or an issue date."""
    for element in root.iter():
        if localname(element) == "vergaderdatum":
            date = dutch_date(" ".join(element.itertext()))
            if date:
                return date, "vergaderdatum"
    for key in DATE_META:
        if ISO_DATE.match(metadata.get(key, "")):
            return metadata[key][:10], f"metadata {key}"
    for name in ("dagtekening", "uitgifte"):
        for element in root.iter():
            if localname(element) != name:
                continue
            for date_element in element.iter():
                if localname(date_element) == "datum":
                    iso = date_element.get("isodatum") or ""
                    if ISO_DATE.match(iso):
                        return iso[:10], name
                    date = dutch_date(" ".join(date_element.itertext()))
                    if date:
                        return date, name
    # Items of one sitting (h-tk-20172018-70-6) carry no date; the sitting's opening item,
    # stored beside it, has the <vergaderdatum>.
    found = HANDELINGEN_ID.match(doc_id)
    if found:
        return _sibling_sitting_date(path, found.group(1))
    return "", ""


_SIBLING_CACHE: dict = {}
_VERGADERDATUM = re.compile(rb"<vergaderdatum>(.*?)</vergaderdatum>", re.S)


def _sibling_sitting_date(path: Path, sitting_id: str):
    key = (str(path.parent.resolve()), sitting_id)
    if key not in _SIBLING_CACHE:
        _SIBLING_CACHE[key] = ("", "")
        try:
            siblings = sorted(path.parent.glob(f"{sitting_id}-*.xml"))
        except OSError:
            siblings = []
        for sibling in siblings[:500]:
            try:
                if sibling.stat().st_size > 16 * 1024 * 1024:
                    continue
                head = sibling.read_bytes()
            except OSError:
                continue
            found = _VERGADERDATUM.search(head)
            if found:
                text = repair_mojibake(re.sub(r"<[^>]*>", " ", found.group(1).decode("utf-8", "replace")))
                date = dutch_date(text)
                if date:
                    _SIBLING_CACHE[key] = (date, f"vergaderdatum of {sibling.stem}")
                    break
    return _SIBLING_CACHE[key]
