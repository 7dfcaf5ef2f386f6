"""Records for the review, exchange, diff and learn tests: real Dutch sentences (from the letter
kst-30821-200 of the development corpus and answers to written questions), with diacritics,
line breaks and overlapping spans of different labels."""

LETTER = (
    "Den Haag, 25 september 2023\n\n"
    "De Ministers van Justitie en Veiligheid en Binnenlandse Zaken en Koninkrijksrelaties hebben uw Kamer "
    "op 16 maart 2018 geïnformeerd over de rijksbrede aanpak van ongewenste buitenlandse inmenging.¹\n"
    "Als Minister van Sociale Zaken en Werkgelegenheid zet ik in op het behouden en bevorderen van de "
    "sociale stabiliteit in onze superdiverse samenleving.\n\n"
    "¹ Kamerstuk 30 821, nr. 180"
)


def span(text: str, phrase: str, label: str, attrs: dict, rule: str, occurrence: int = 0) -> dict:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return {"start": start, "end": start + len(phrase), "label": label, "text": phrase, "attrs": attrs, "rule": rule}


def letter_record() -> dict:
    t = LETTER
    commitment = ("Als Minister van Sociale Zaken en Werkgelegenheid zet ik in op het behouden en bevorderen van de "
                  "sociale stabiliteit in onze superdiverse samenleving.")
    spans = [
        span(t, "25 september 2023", "DATE", {"value": "2023-09-25", "type": "date", "mod": None, "signal": None}, "date.dmy"),
        span(t, "Ministers van Justitie en Veiligheid en Binnenlandse Zaken en Koninkrijksrelaties", "MINISTRY",
             {"ministries": ["JenV", "BZK"], "role": "minister"}, "ministry.title"),
        span(t, "16 maart 2018", "DATE", {"value": "2018-03-16", "type": "date", "mod": None, "signal": None}, "date.dmy"),
        span(t, "ongewenste buitenlandse inmenging", "POLICY_THEME", {"theme": "foreign_interference"},
             "policy_theme.foreign_interference.buitenlandse_inmenging"),
        span(t, commitment, "COMMITMENT", {"actor": ["SZW"], "modality": "intent", "themes": ["social_stability"], "deadline": None},
             "commitment.inzetten"),
        span(t, "Minister van Sociale Zaken en Werkgelegenheid", "MINISTRY", {"ministries": ["SZW"], "role": "minister"}, "ministry.title"),
        span(t, "sociale stabiliteit", "POLICY_THEME", {"theme": "social_stability"}, "policy_theme.social_stability.sociale_stabiliteit"),
        span(t, "Kamerstuk 30 821, nr. 180", "DOSSIER_REF",
             {"refs": [{"kind": "kamerstuk", "dossier": "30821", "number": "180", "id": "kst-30821-180",
                        "url": "https://zoek.officielebekendmakingen.nl/kst-30821-180.html"}]}, "kamerstuk.full"),
    ]
    spans.sort(key=lambda s: (s["start"], -s["end"], s["label"], s["rule"]))
    return {"id": "kst-30821-200", "text": t, "meta": {"date": "2023-09-25", "authors": ["SZW"], "doc_type": "brief"},
            "spans": spans}


ANSWER = ("Antwoord 2\r\nJa. Op 15 februari 2024 heb ik uw Kamer geïnformeerd over de landelijke vrijstellingslijst. "
          "De Minister voor Natuur en Stikstof zal vóór 1 januari 2025 een besluit nemen. 👍")


def answer_record() -> dict:
    t = ANSWER
    spans = [
        span(t, "15 februari 2024", "DATE", {"value": "2024-02-15", "type": "date", "mod": None, "signal": None}, "date.dmy"),
        span(t, "Minister voor Natuur en Stikstof", "MINISTRY", {"ministries": ["LNV"], "role": "minister_for"}, "ministry.title"),
        span(t, "De Minister voor Natuur en Stikstof zal vóór 1 januari 2025 een besluit nemen.", "COMMITMENT",
             {"actor": ["LNV"], "modality": "firm", "themes": [], "deadline": "2025-01-01"}, "commitment.zal"),
        span(t, "1 januari 2025", "DATE", {"value": "2025-01-01", "type": "date", "mod": None, "signal": "before"}, "date.dmy"),
    ]
    spans.sort(key=lambda s: (s["start"], -s["end"], s["label"], s["rule"]))
    return {"id": "ah-tk-20232024-1433", "text": t, "meta": {"date": "2024-04-05"}, "spans": spans}


def records() -> list:
    return [letter_record(), answer_record()]
