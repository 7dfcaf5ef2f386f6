"""`kst themes suggest`: candidate terms for each theme of the taxonomy, from an annotated run.

Two kinds of candidate, neither of them a term yet (no term of the compiled taxonomy takes the
word, verb twins included):
- stem: words that hold the stem of a theme's anchor word (the most specific word of a term,
  the one the matcher looks for): "inmengingspogingen" for inmenging, "weerbaarheidsplan".
  They are untagged in the run, because no term takes them or an exclusion dropped them.
- cooccurrence: words far more frequent in the sentences holding a span of the theme than in
  the run as a whole (lift of 2 or more), seen in at least `min_count` such sentences of
  `min_documents` documents; ranked by count x log2(lift).
Words are grouped by their lookup lemma; each candidate has its count and an example
sentence. `proposed_patch` writes the top candidates as terms of configs/policy_theme/
taxonomy.yml, as a patch for people to read and apply (as `kst learn` does).
"""

import collections
import math
import re
from dataclasses import dataclass
from pathlib import Path

from .learn import TAXONOMY, Edits, _append_items, _find_theme, _quote, guarded_edit, slug
from ..common.rules import read_yaml

WORD = re.compile(r"[^\W\d_][\w'’-]*[^\W\d_]|[^\W\d_]")
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+(?=\S)|\n\s*\n|\n(?=\s*[-•*\d])")


@dataclass
class Candidate:
    theme: str
    word: str          # the lemma (lowercase)
    kind: str          # stem, cooccurrence
    count: int         # occurrences (stem) or theme sentences holding it (cooccurrence)
    score: float       # what the candidates of one kind are ranked by
    example: str       # a sentence of the run holding it
    doc_id: str
    anchor: str = ""   # stem: the stem it shares

    def as_dict(self) -> dict:
        return dict(vars(self), score=round(self.score, 3))


def sentences(text: str):
    """(start, end) of the sentences of a text, roughly: after . ! ? ; : and at blank lines."""
    start = 0
    for m in SENTENCE_END.finditer(text):
        yield start, m.start()
        start = m.end()
    if start < len(text):
        yield start, len(text)


class Known:
    """What the compiled taxonomy (the pipeline's ThemeMatcher) already takes, per word."""

    def __init__(self, matcher):
        self.matcher = matcher
        # the anchor patterns of every theme: a word one of them takes is part of a term
        self.anchors = collections.defaultdict(list)
        for term in matcher.terms:
            self.anchors[term.theme].extend(term.slots[term.anchor])
        # the stems a candidate may share: of the words that are terms on their own (five
        # letters or more), and of the anchors of longer terms when specific (eight or more:
        # "stabiliteit", not the "gelijk" of "gelijke kansen")
        stems = collections.defaultdict(set)
        for term in matcher.terms:
            least = 5 if len(term.slots) == 1 else 8
            stems[term.theme].update(s for p in term.slots[term.anchor] for s in p.stem if len(s) >= least)
        self.stems = {theme: sorted(found) for theme, found in stems.items()}
        self._taken: dict = {}

    def taken(self, word: str, lemma: str) -> bool:
        key = (word, lemma)
        if key not in self._taken:
            self._taken[key] = any(p.matches(word, lemma) for patterns in self.anchors.values() for p in patterns)
        return self._taken[key]


def suggest(records: list, matcher, lemma_of, *, top: int = 10, min_count: int = 2, min_documents: int = 2,
            stopwords=frozenset(), min_length: int = 6, prefixes=()) -> dict:
    """theme -> [Candidate], the `top` stem candidates and the `top` co-occurring words of
    each theme, best first. records: a run (JSONL records with POLICY_THEME spans); matcher:
    the pipeline's ThemeMatcher; lemma_of(word) -> lemma."""
    known = Known(matcher)
    themes = [t for t in dict.fromkeys(term.theme for term in matcher.terms)]
    stem_counts = {t: collections.Counter() for t in themes}
    stem_of: dict = {}
    in_theme = {t: collections.Counter() for t in themes}   # lemma -> theme sentences holding it
    documents = collections.defaultdict(set)                 # (theme, lemma) -> ids of those documents
    overall = collections.Counter()                          # lemma -> sentences holding it
    theme_sentences = collections.Counter()
    example: dict = {}   # (theme, lemma) or lemma -> (sentence, document id): the first seen
    n_sentences = 0
    for record in sorted(records, key=lambda r: str(r.get("id", ""))):
        text = record["text"]
        spans = sorted((s["start"], s["end"], (s.get("attrs") or {}).get("theme"))
                       for s in record.get("spans") or [] if s["label"] == "POLICY_THEME")
        for start, end in sentences(text):
            n_sentences += 1
            here = {theme for s, e, theme in spans if s < end and e > start and theme}
            for theme in here:
                theme_sentences[theme] += 1
            seen = set()
            for m in WORD.finditer(text, start, end):
                if any(s <= m.start() < e for s, e, _ in spans):
                    continue
                word = m.group().lower()
                lemma = lemma_of(word)
                if len(word) < min_length or word in stopwords or lemma in stopwords or known.taken(word, lemma):
                    continue
                sentence = (" ".join(text[start:end].split())[:240], record.get("id", ""))
                example.setdefault(lemma, sentence)
                for theme in themes:
                    stem = next((s for s in known.stems.get(theme, ()) if s in word), None)
                    # a prefix before the stem makes another word, not a compound ("inspanning")
                    if stem and not word.startswith(tuple(p + stem for p in prefixes)):
                        stem_counts[theme][lemma] += 1
                        stem_of[theme, lemma] = stem
                    if theme in here:
                        example.setdefault((theme, lemma), sentence)
                        documents[theme, lemma].add(record.get("id", ""))
                seen.add(lemma)
            overall.update(seen)
            for theme in here:
                in_theme[theme].update(seen)
    result = {}
    for theme in themes:
        found = []
        for lemma, count in stem_counts[theme].most_common():
            found.append(Candidate(theme, lemma, "stem", count, float(count), *example[lemma], stem_of[theme, lemma]))
        stems = sorted(found, key=lambda c: (-c.score, c.word))[:top]
        co = []
        for lemma, count in in_theme[theme].items():
            if count < min_count or len(documents[theme, lemma]) < min_documents or any(c.word == lemma for c in stems):
                continue
            lift = (count / theme_sentences[theme]) / (overall[lemma] / n_sentences)
            if lift >= 2:
                co.append(Candidate(theme, lemma, "cooccurrence", count, count * math.log2(lift),
                                    *example[theme, lemma]))
        result[theme] = stems + sorted(co, key=lambda c: (-c.score, c.word))[:top]
    return result


def proposed_patch(result: dict, configs: Path) -> str:
    """The candidates as new terms of their themes in configs/policy_theme/taxonomy.yml, as a
    patch (not applied), with a comment line per term saying where it comes from."""
    edits = Edits(configs)
    taxonomy = read_yaml(Path(configs) / TAXONOMY)
    used = set()
    head = ["# kst themes suggest: proposed taxonomy terms from a corpus. NOT applied.",
            "# Read every term: delete the ones that do not name the theme (a compound shares a stem",
            "# by accident, a word co-occurs without meaning the theme), then from the folder holding",
            "# configs/:  git apply FILE,  `kst build`,  `kst evaluate`.", "#"]
    for theme, candidates in result.items():
        item = _find_theme(taxonomy, theme)
        if item is None or not candidates:
            continue
        items = []
        for c in candidates:
            term_id = f"policy_theme.{theme}.suggest_{slug(c.word)}"
            if term_id in used:
                continue
            used.add(term_id)
            items.append([f"id: {term_id}", f"phrase: {_quote(c.word)}",
                          f"# {c.kind}, {c.count}x, {c.doc_id}: {c.example[:100]}".replace("\n", " ")])
            head.append(f"# [{theme}] {c.kind} {c.word!r} ({c.count}x)")
        if not guarded_edit(edits, TAXONOMY, lambda: _append_items(edits, TAXONOMY, item, "terms", items)):
            head.append(f"# [{theme}] could not place the terms in {TAXONOMY}; add them by hand")
    patch = edits.patch(Path(configs).resolve().name)
    return "\n".join(head) + "\n\n" + (patch or "# (no terms proposed)\n")
