"""Sentence boundaries for Dutch official text: letters, Word and PDF extractions, debates.

A boundary falls after sentence-final punctuation (not after an abbreviation from
configs/tokenizer/abbreviations.txt or an initial), at blank lines, and at line breaks that
end a heading or a speaker line. A PDF hard line break inside a sentence is not a boundary.
"""

import re

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..common.rules import read_lexicon
from ..common.spans import doc_text
from .base import RuleComponent

# A stop: marks, closing quotes or brackets, a footnote number; then whitespace. Linear on any
# input: a match starts only at the first mark of a run (the lookbehind; a start further in
# the run reaches the same end and fails or succeeds alike), and the body is atomic (its
# parts are disjoint character classes, so giving back characters can never help the final
# lookahead). Without both, a run of n dots cost n*n steps (8 KB of "." took seconds).
_FINAL = re.compile(r"(?<![.!?…])(?>[.!?…]+[’”\"»)\]]*(?:[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\d{1,2}(?=\s))?)(?=\s)")
# what may open a sentence, after any whitespace (skipped apart: a pattern starting with
# \s* is quadratic when searched over a long run of whitespace)
_SPACES = re.compile(r"\s*")
# a list item's bullet may come first ("• Het kabinet gaat ..."): it is no part of the sentence
_BULLETS = "•●▪◦·*–-"
_BULLET = re.compile(r"[•●▪◦·*–-][ \t]+")
_OPENER_CHAR = re.compile(r"[«\"“‘(\[]?[A-ZÀ-Ý0-9¹²³]")
_BULLETED_OPENER = re.compile(r"[•●▪◦·*–-][ \t]+[«\"“‘(]?[A-ZÀ-Ý]")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v\u00a0]*+\n")
_WORD_BEFORE = re.compile(r"\S+$")
_INITIALS = re.compile(r"(?:[a-z]\.)+")  # "a." and "a.b.c.": an initial or a lettered abbreviation
_SHORT_LINE = 60
_HEADING_WORDS = 10
_NEXT_WORD = re.compile(r"[A-ZÀ-Ý]\w*")
# capitalised, these words start a sentence; inside one they are lowercase
_OPENS = frozenset(
    "ik wij we u het de een dit deze dat die er in op met voor bij door om over na tot als zoals "
    "daarnaast daarom daarbij daarmee daarin daarvoor hierbij hiermee hierin hiervoor ook verder "
    "tevens voorts vervolgens tenslotte momenteel inmiddels tegelijkertijd graag mede gelet gezien "
    "naar sinds tijdens vanuit vanaf binnen omdat indien wanneer zodra mijn onze uw".split())
# words after which a sentence goes on: articles, prepositions, conjunctions, pronouns, auxiliaries
_CONTINUES = frozenset(
    "de het een en of van in op aan met voor naar uit bij door over onder tegen tot om na via per "
    "uw mijn onze ons zijn haar hun deze dit die dat wat welke als dan zoals omdat waarbij waarin "
    "te niet ook nog wel al is zijn wordt worden heeft hebben zal zullen kan kunnen moet moeten "
    "wil willen ik wij we u zij hij er".split())
_LONGEST_ABBREVIATION = 40
_LOOKBACK = 200  # how far back a list's punctuation is looked for, over blank lines and indentation


def _heading(line: str, before: str, following) -> bool:
    """A long heading on a line of its own, after a finished sentence or a blank line and
    before a capitalised word (following: the match of the next line's first word). The next
    line opens a sentence when that word is one that starts sentences ("Het", "Ik", "In"): a
    wrapped sentence would go on in lowercase. Otherwise the line is a heading when it is a
    few words without a comma or a stop ending in a lowercase word that cannot continue a
    sentence ("Kabinetsinzet twee-statenoplossing en belang Palestijns maatschappelijk
    middenveld"); the first line of a wrapped sentence is longer, or ends in a word that needs
    the next ("de", "van", "uw")."""
    if before and not before.endswith((".", ":", "?", "!", ";")) or following is None or not line[:1].isupper():
        return False
    if line.endswith(("-", ",")):
        return False
    if following.group().lower() in _OPENS:
        return True
    words = line.split()
    last = words[-1]
    return 1 < len(words) <= _HEADING_WORDS and "," not in line and last.isalpha() and last.islower() and last not in _CONTINUES


def _opens_with_word(text: str, pos: int) -> bool:
    """A capitalised word that opens sentences follows ("Deze", "Ik", "Het")."""
    word = _NEXT_WORD.match(text, _SPACES.match(text, pos).end())
    return word is not None and word.group().lower() in _OPENS


def _opens_sentence(text: str, pos: int) -> bool:
    spaces = _SPACES.match(text, pos)
    if _OPENER_CHAR.match(text, spaces.end()):
        return True
    # a list item on a new line that is a sentence of its own: "\n• Het kabinet gaat ... ."; an
    # item ending in ";" or "," goes on with the sentence that introduced the list
    if not ((pos > 0 and text[pos - 1] == "\n" or "\n" in spaces.group()) and _BULLETED_OPENER.match(text, spaces.end())):
        return False
    line_end = text.find("\n", spaces.end())
    item = text[spaces.end():line_end if line_end >= 0 else len(text)].rstrip()
    return not item.endswith((";", ",")) and not text[max(0, pos - _LOOKBACK):pos].rstrip().endswith((";", ","))


def _word_before(text: str, pos: int) -> str:
    """The whitespace-free run of text that ends with text[pos] (the word a stop ends).

    Searched in a short window before pos (searching from 0 made every stop cost the length
    of the text); a word longer than the window is followed back to its start. Each word
    holds at most one stop (a stop is followed by whitespace), so that walk is linear overall.
    """
    low = max(0, pos - _LONGEST_ABBREVIATION)
    start = _WORD_BEFORE.search(text, low, pos + 1).start()
    if start == low:
        while start > 0 and not text[start - 1].isspace():  # str.isspace() is what \s matches
            start -= 1
    return text[start:pos + 1]


def sentence_bounds(text: str, abbreviations: frozenset, final: frozenset = frozenset()) -> list:
    """(start, end) character ranges of the sentences of text, whitespace trimmed. final: the
    abbreviations that end a sentence before a word that opens one ("jl. Deze")."""
    cuts = {0, len(text)}
    for m in _BLANK_LINE.finditer(text):
        # not inside a list that goes on with its sentence: ":\n\n• item;\n\n• item."
        # (a window before the blank line: rstrip over the whole text would be quadratic)
        if text[max(0, m.start() - _LOOKBACK):m.start()].rstrip().endswith((":", ";", ",")) \
                and _BULLET.match(text, _SPACES.match(text, m.end()).end()):
            continue
        cuts.add(m.end())
    for m in _FINAL.finditer(text):
        if not _opens_sentence(text, m.end()):
            continue
        if text[m.start()] == ".":
            token = _word_before(text, m.start()).lstrip("(«\"“‘[").lower()
            if (token in abbreviations or _INITIALS.fullmatch(token)) \
                    and not (token in final and _opens_with_word(text, m.end())):
                continue
        cuts.add(m.end())
    # every line that ends in a line break (str.split: no regex match and slice per line)
    line_end = -1
    previous = ""  # the line before, stripped
    for raw in text.split("\n")[:-1]:
        line_end += len(raw) + 1  # the offset of this line's "\n"
        line = raw.rstrip()
        before, previous = previous, line.strip()
        if not line or not _opens_sentence(text, line_end + 1):
            continue
        if line.endswith((":", ".", "?", "!", ";")) or (len(line.strip()) < _SHORT_LINE and not line.endswith(("-", ","))) \
                or _heading(line.strip(), before, _NEXT_WORD.match(text, _SPACES.match(text, line_end + 1).end())):
            cuts.add(line_end + 1)
    bounds = []
    ordered = sorted(cuts)
    for start, end in zip(ordered, ordered[1:]):
        start, end = trim(text, start, end)
        if start < end:
            bounds.append((start, end))
    return bounds


def trim(text: str, start: int, end: int) -> tuple:
    """The range without the white space at its ends and a list item's bullet at its start (a
    sentence span starts and ends on text)."""
    while start < end and text[start].isspace():
        start += 1
    bullet = _BULLET.match(text, start, end)
    if bullet and bullet.end() < end:
        start = bullet.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    # the next list item's bullet, left at the end of a range cut by tokens: "opbouw:\n–"
    if end - start > 2 and text[end - 1] in _BULLETS and text[start:end - 1].rstrip(" \t").endswith("\n"):
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


@Language.factory("kst_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str):
    return SentenceSplitter(nlp, name)


class SentenceSplitter(RuleComponent):
    def initialize(self, get_examples=None, *, nlp=None, abbreviations: str = ""):
        rows = read_lexicon(abbreviations)
        self.data = {"abbreviations": sorted({fields[0].lower() for _, fields in rows}),
                     "final": sorted({fields[0].lower() for _, fields in rows if fields[1:2] == ["end"]})}
        self.compile()

    def compile(self) -> None:
        self.abbreviations = frozenset(self.data.get("abbreviations", ()))
        self.final = frozenset(self.data.get("final", ()))

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        starts = numpy.array([start for start, _ in sentence_bounds(doc_text(doc), self.abbreviations, self.final)], dtype="uint64")
        # one array write: setting token.is_sent_start checks the whole Doc on every call.
        # Token offsets and sentence starts are both sorted: a token starts a sentence when
        # its offset is found in starts (searchsorted, what numpy.isin does more slowly).
        idx = doc.to_array(IDX).astype("uint64")
        at = numpy.searchsorted(starts, idx)
        found = starts[numpy.minimum(at, len(starts) - 1)] == idx if len(starts) else numpy.zeros(len(idx), dtype=bool)
        flags = numpy.where(found, 1, -1).astype("int32")
        flags[0] = 1
        doc.from_array([SENT_START], flags.reshape(-1, 1).astype("uint64"))
        return doc
