"""ParlaMint TEI (one sitting per file): the same text as the ParlaMint .txt of that sitting.

Text: one utterance (<u>) a line, "<utterance id>\\t<segments joined by a space>\\n", which is
exactly what ParlaMint's plain-text export holds, so the .txt and the TEI of one sitting give
the same text (and the .txt reader's offsets carry over). Transcriber notes, gaps, incidents
and the speaker notes are not text; the speaker notes fill meta.speakers.
"""

import re
from pathlib import Path

from .document import Document, ReadError
from .xml_text import localname, normalise_space, repair_mojibake

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
# Inside <seg>: elements whose content is not part of the spoken text (their tail is).
NOT_SPOKEN = {"note", "gap", "desc", "incident", "kinesic", "vocal", "pause", "writing", "label"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LABEL = re.compile(r"^(?P<title>(?:De heer|De minister|De staatssecretaris|Mevrouw|Minister(?:-[Pp]resident)?|"
                   r"Staatssecretaris|Commissaris|Staatsraad|De)\b)?\s*"
                   r"(?P<name>.*?)\s*(?:\((?P<party>[^()]*)\))?\s*:?$")
ROLES = {"#chair": "chair", "#regular": "member", "#guest": "guest"}
TITLE_ROLES = {"minister": "minister", "minister-president": "minister_president",
               "staatssecretaris": "state_secretary"}
HOUSES = {"#parla.lower": "Tweede Kamer", "#parla.upper": "Eerste Kamer"}


def read_parlamint(root, path: Path):
    source = str(path)
    header = next((c for c in root if localname(c) == "teiHeader"), None)
    body = next((c for c in root.iter() if localname(c) == "body"), None)
    if body is None:
        return ReadError(source, root.sourceline, "TEI document without <body>")

    lines, speakers = [], []
    length = 0
    labels = {}  # who -> last speaker note, for utterances whose note was sampled away
    label = None
    for element in body.iter():
        name = localname(element)
        if name == "note" and element.get("type") == "speaker":
            label = normalise_space(repair_mojibake(" ".join(element.itertext())))
            continue
        if name != "u":
            continue
        utterance_id = element.get(XML_ID) or f"u{len(lines) + 1}"
        spoken = normalise_space(repair_mojibake(" ".join(
            _spoken(seg) for seg in element if localname(seg) == "seg")))
        if not spoken:
            label = None
            continue
        who = (element.get("who") or "").lstrip("#")
        if label is None and who in labels:
            label = labels[who]
        if label and who:
            labels[who] = label
        start = length + len(utterance_id) + 1
        line = f"{utterance_id}\t{spoken}"
        lines.append(line)
        length += len(line) + 1
        speakers.append(_speaker(start, start + len(spoken), utterance_id, who,
                                 element.get("ana") or "", label))
        label = None
    if not lines:
        return ReadError(source, None, "empty document (no utterances in the TEI body)")

    meta = {"doc_type": "handelingen", "format": "parlamint-tei"}
    date = _date(header) if header is not None else ""
    if not date:
        found = re.search(r"_(\d{4}-\d{2}-\d{2})-", root.get(XML_ID) or "")
        date = found.group(1) if found else ""
    if date:
        meta["date"] = date
    house = _house(header) if header is not None else ""
    if house:
        meta["house"] = house
    meta["speakers"] = speakers
    doc_id = root.get(XML_ID) or path.stem
    return Document(id=doc_id, text="".join(line + "\n" for line in lines), meta=meta, source=source)


def _spoken(element) -> str:
    parts = [element.text or ""]
    for child in element:
        if localname(child) not in NOT_SPOKEN and localname(child):
            parts.append(_spoken(child))
        parts.append(child.tail or "")
    return " ".join(parts)


def _speaker(start, end, utterance_id, who, ana, label):
    entry = {"start": start, "end": end, "utterance": utterance_id}
    if who:
        entry["who"] = who
    roles = [ROLES[a] for a in ana.split() if a in ROLES]
    if label:
        entry["label"] = label
        found = LABEL.match(label)
        title = (found.group("title") or "").strip() if found else ""
        name = (found.group("name") or "").strip() if found else label
        if title.lower() in ("de",) and name.lower() == "voorzitter":
            entry["name"] = label
            roles = ["chair"]
        else:
            entry["name"] = name or label
            if title:
                entry["title"] = title
            title_role = TITLE_ROLES.get(title.split()[-1].lower()) if title else None
            if title_role:
                roles = [title_role]
        if found and found.group("party"):
            entry["party"] = found.group("party").strip()
    elif who:
        # "CemLaçin" -> "Cem Laçin"
        entry["name"] = re.sub(r"(?<=[a-zà-ÿ])(?=[A-Z])", " ", who)
    if roles:
        entry["role"] = roles[0]
    return entry


def _date(header) -> str:
    candidates = []
    for element in header.iter():
        name = localname(element)
        if name == "date" and element.getparent() is not None:
            parent = localname(element.getparent())
            when = element.get("when") or ""
            if ISO_DATE.match(when):
                rank = {"setting": 0, "bibl": 1}.get(parent)
                if rank is not None:
                    candidates.append((rank, when))
        elif name == "meeting" and "#parla.sitting" in (element.get("ana") or "").split():
            if ISO_DATE.match(element.get("n") or ""):
                candidates.append((2, element.get("n")))
    return min(candidates)[1] if candidates else ""


def _house(header) -> str:
    for element in header.iter():
        if localname(element) == "meeting":
            for token in (element.get("ana") or "").split():
                if token in HOUSES:
                    return HOUSES[token]
    return ""
