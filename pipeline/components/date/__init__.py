"""DATE: calendar expressions with a TIMEX3-style value, resolved against the document date.

The grammar (word classes, patterns, signals, vetoes, heading dates) is configs/date/grammar.yml,
holidays and recesses are configs/date/calendar.yml. The component (here) runs three steps:

- grammar.py compiles the two files into regular expressions and lookup tables (at
  initialize and when a saved pipeline is loaded), with starts.py for the words a pattern
  can start with;
- matching.py finds the dates of a text, in windows around trigger words;
- resolution.py turns what a match captured into a value against the document date.
"""

from spacy.language import Language
from spacy.tokens import Doc

from ...common.rules import plain, read_yaml
from ...common.spans import doc_meta, doc_spans, doc_text, make_span
from ...common.timex import given_date
from ..base import RuleComponent
from .grammar import compile_grammar, lower_text
from .matching import find_dates, heading_date, parse_iso, windows, without_markers


LABEL = "DATE"


@Language.factory("kst_date", assigns=["doc._.kst_spans", "doc._.kst_meta"])
def make_date(nlp: Language, name: str):
    return Tagger(nlp, name)


class Tagger(RuleComponent):
    def initialize(self, get_examples=None, *, nlp=None, grammar: str = "", calendar: str = ""):
        raw_grammar, raw_calendar = read_yaml(grammar), read_yaml(calendar)
        compile_grammar(raw_grammar, raw_calendar, grammar, calendar)  # validates, file:line errors
        self.data = {"grammar": plain(raw_grammar), "calendar": plain(raw_calendar)}
        self.compile()

    def compile(self) -> None:
        self.grammar = compile_grammar(self.data.get("grammar", {}), self.data.get("calendar", {}))

    def __call__(self, doc: Doc) -> Doc:
        meta = doc_meta(doc)
        text = doc_text(doc)  # the cached text: Doc.text joins every token (a third of this component)
        low = lower_text(text)
        wins = windows(low, self.grammar)
        if meta.get("date"):  # a date given with the input is never overwritten, only read
            given, _ = given_date(meta["date"])
            if given != meta["date"]:  # "14-06-2019"; unreadable: kept aside, the heading decides
                meta["date_given"] = meta.pop("date")
                if given:
                    meta["date"] = given
        dct = parse_iso(meta.get("date"))
        if not meta.get("date"):
            found = heading_date(text, self.grammar, low, wins)
            if found:
                meta["date"] = found
                dct = parse_iso(found)
        read = text
        if meta.get("footnotes"):  # "in 20152", "6 december jl.1": read without the marker
            read = without_markers(text, meta["footnotes"])
            if read != text:
                low = lower_text(read)
                wins = windows(low, self.grammar)
        out = doc_spans(doc)
        if not wins:  # no trigger word: no DATE (find_dates would find none)
            return doc
        blocked = [(s["start"], s["end"]) for s in out if s["label"] == "DOSSIER_REF"]
        # make_span on the text in hand: add_span would rebuild doc.text (O(n)) for every span
        for span in find_dates(read, self.grammar, dct, blocked, low, wins):
            # the span's text from the text itself (a period may hold a marker: "van 20152 tot 2017")
            out.append(make_span(text, span["start"], span["end"], LABEL, span["attrs"], span["rule"]))
        return doc
