"""Abbreviations defined in the text: "ongewenste buitenlandse inmenging (hierna: OBI)".

Pure functions (scispacy's abbreviation.py is the model): `is_acronym` checks that a short
form can be spelt from its long form, `find_definitions` finds definitions right after
existing spans (the long forms), `short_form_spans` tags the short form wherever it occurs.
The definition patterns live in configs/policy_theme/abbreviations.yml.
"""

import bisect
import re

# The attribute that carries a label's normalised value, for meta.abbreviations.
VALUE_KEYS = {"POLICY_THEME": "theme", "MINISTRY": "ministries", "COMMITTEE": "ministries"}


def is_acronym(short: str, long: str) -> bool:
    """True when the letters of short appear in long, in order, the first at a word start.

    Scanning backwards as in Schwartz & Hearst (2003): "BZK" fits "Ministerie van
    Binnenlandse Zaken en Koninkrijksrelaties", "JenV" fits "Justitie en Veiligheid",
    "ESS" does not fit "sociale stabiliteit".
    """
    s, lng = short.lower(), long.lower()
    si, li = len(s) - 1, len(lng) - 1
    while si >= 0:
        c = s[si]
        if not c.isalnum():
            si -= 1
            continue
        while li >= 0 and (lng[li] != c or (si == 0 and li > 0 and lng[li - 1].isalnum())):
            li -= 1
        if li < 0:
            return False
        li -= 1
        si -= 1
    return True


def find_definitions(text: str, long_spans: list, rules: list) -> list:
    """Definitions made right after a long-form span, in text order.

    rules: (rule_id, compiled regex with group `short`, check_acronym) triples, tried in order.
    Returns dicts {short, long, label, value, attrs, start, end, long_start, rule}; start/end
    are the offsets of the short form inside the definition.
    """
    found = []
    for span in sorted(long_spans, key=lambda s: (s["start"], -s["end"])):
        for rule_id, regex, check in rules:
            m = regex.match(text, span["end"])
            if not m:
                continue
            short = m.group("short")
            if short.lower() == span["text"].lower() or (check and not is_acronym(short, span["text"])):
                continue
            attrs = dict(span.get("attrs") or {})
            found.append({
                "short": short, "long": span["text"], "label": span["label"],
                "value": attrs.get(VALUE_KEYS.get(span["label"], "value")), "attrs": attrs,
                "start": m.start("short"), "end": m.end("short"), "long_start": span["start"],
                "rule": rule_id,
            })
            break
    return found


class Occupied:
    """Character ranges already covered by spans of one label: no overlap allowed.

    Spans of one label never overlap, so sorted by start they are sorted by end too and only
    the neighbours of an insertion point can overlap a new range.
    """

    def __init__(self, spans=()):
        self.ranges = sorted((s["start"], s["end"]) for s in spans)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.ranges, (start, end))
        for j in (i - 1, i):
            if 0 <= j < len(self.ranges):
                a, b = self.ranges[j]
                if a < end and start < b:
                    return True
        return False

    def add(self, start: int, end: int) -> None:
        bisect.insort(self.ranges, (start, end))


def short_form_spans(text: str, definition: dict, occupied: Occupied, start_at: int = 0) -> list:
    """(start, end) of every occurrence of the short form from start_at on, skipping places
    where a span of the same label already lies. The short form matches case-sensitively as a
    whole word ("OBI", "OBI-meldingen", not "OBIS")."""
    regex = re.compile(r"(?<![\w-])" + re.escape(definition["short"]) + r"(?!\w)")
    found = []
    for m in regex.finditer(text, start_at):
        if not occupied.overlaps(m.start(), m.end()):
            occupied.add(m.start(), m.end())
            found.append((m.start(), m.end()))
    return found
