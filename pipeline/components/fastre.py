"""Fast `finditer` for rule regexes that Python's `re` can only try at every position.

A regex that is case-insensitive or starts with a lookbehind ("(?<![\\w-])(?:vaste\\s+)?
commissie") gets no literal-prefix scan from `re`: the matcher runs at each character of
the text (issue 8: most of the cost of kst_ministry). `PrefixScanner` reads, from the parsed
regex, the few literal strings every match must start with ("vaste", "commis", "vc"...),
finds them in the folded lowercase text with one case-sensitive trie regex (which `re` does
scan quickly), and runs the rule regex with `match` only there. The matches are exactly
those of `regex.finditer`: `match(text, pos)` at a position is what `search` does there, and
a position where no prefix starts cannot start a match. A regex whose prefixes cannot be
read (or that can match the empty string) is left to `re` as it is.
"""

import re

try:  # Python 3.11+
    from re import _constants as _c
    from re import _parser as _p
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _c
    import sre_parse as _p

PREFIX_LENGTH = 6
_MIN_PREFIX = 2
_MAX_PREFIXES = 400
_MAX_STEPS = 20000
# Characters that `re.IGNORECASE` matches to an ASCII letter but str.lower() does not turn
# into it (checked over all of Unicode): folded before lowering.
_FOLD = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})
_REPEATS = tuple(op for op in (getattr(_c, "MAX_REPEAT", None), getattr(_c, "MIN_REPEAT", None),
                               getattr(_c, "POSSESSIVE_REPEAT", None)) if op is not None)
_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)
_ATOMIC = getattr(_c, "ATOMIC_GROUP", None)
_STOP = [("stop", None)]


def fold(text: str):
    """The text lowercased character by character (same length), or None when lowering
    changes its length (then the scanners fall back to `re`)."""
    if "İ" in text or "ı" in text or "ſ" in text:
        text = text.translate(_FOLD)
    low = text.lower()
    return low if len(low) == len(text) else None


class _TooComplex(Exception):
    pass


def literal_prefixes(regex: re.Pattern, length: int = PREFIX_LENGTH):
    """Lowercase strings (at most `length` long) of which every match of regex starts with
    one, or None when that cannot be read from the pattern."""
    try:
        parsed = _p.parse(regex.pattern, regex.flags)
    except Exception:  # pragma: no cover - compiled already, so parses
        return None
    out: set = set()
    steps = [0]

    def walk(frames, acc):
        steps[0] += 1
        if steps[0] > _MAX_STEPS or len(out) > _MAX_PREFIXES:
            raise _TooComplex
        if len(acc) >= length:
            out.add(acc[:length])
            return
        if not frames:
            out.add(acc)
            return
        items, i = frames[0]
        if i >= len(items):
            walk(frames[1:], acc)
            return
        op, av = items[i]
        nxt = ((items, i + 1),) + frames[1:]
        if op == "stop":
            out.add(acc)
        elif op is _c.LITERAL:
            char = chr(av)
            if char.isascii() and char.isprintable():
                walk(nxt, acc + char.lower())
            else:
                out.add(acc)
        elif op in _ZERO_WIDTH:
            walk(nxt, acc)
        elif op is _c.SUBPATTERN:
            walk(((av[-1].data, 0),) + nxt, acc)
        elif _ATOMIC is not None and op is _ATOMIC:
            walk(((av.data, 0),) + nxt, acc)
        elif op is _c.BRANCH:
            for alternative in av[1]:
                walk(((alternative.data, 0),) + nxt, acc)
        elif op in _REPEATS:
            low, high, body = av
            if low == 0:
                walk(nxt, acc)
            if high != 0:
                if low <= 1 and high == 1:
                    walk(((body.data, 0),) + nxt, acc)
                else:
                    walk(((body.data, 0), (_STOP, 0)), acc)
        else:  # a class, any character, a group reference...: the prefix ends here
            out.add(acc)

    try:
        walk(((parsed.data, 0),), "")
    except (_TooComplex, RecursionError):
        return None
    if not out or min(len(p) for p in out) < _MIN_PREFIX:
        return None
    # a prefix that starts with a shorter one adds nothing
    kept = sorted(out, key=len)
    result = []
    for p in kept:
        if not any(p.startswith(q) for q in result):
            result.append(p)
    return tuple(sorted(result))


def class_chars(items, most: int = 4):
    """The characters of a small parsed character class ([Kk], [ \t]) in order, or None
    when it has more than `most` or holds a category or a wide range."""
    chars = []
    for op, av in items:
        if op is _c.LITERAL:
            chars.append(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < most:
            chars.extend(map(chr, range(av[0], av[1] + 1)))
        else:
            return None
    return chars if len(chars) <= most else None


def trie_pattern(words, space: str = None) -> str:
    """One alternation of literal strings as a trie (the matches of the plain alternation
    sorted longest first), which `re` scans with its first-character prefix check. With
    `space`, a blank inside a word matches that regex (r"\\s+": any run of white space)."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def piece(char: str) -> str:
        return space if space is not None and char == " " else re.escape(char)

    def build(node) -> str:
        if list(node) == [""]:
            return ""
        optional = "" in node
        branches = [piece(c) + build(child) for c, child in sorted(node.items()) if c]
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return "(?:" + body + ")?" if optional else body

    return build(trie)


def _min_width(regex: re.Pattern) -> int:
    try:
        return _p.parse(regex.pattern, regex.flags).getwidth()[0]
    except Exception:  # pragma: no cover
        return 0


# A one-character negative lookbehind that opens a regex ("(?<![\w&])Buitenlandse"): it
# keeps `re` from its own literal-prefix scan; taken off and checked on each match instead.
LEADING_GUARD = re.compile(r"^((?:\(\?P<\w+>|\(\?:)*)\(\?<!(\[(?:\\.|[^\]\\])*\])\)")


class PrefixScanner:
    """regex.finditer, sped up (see the module doc). A case-sensitive regex whose only
    obstacle is a leading lookbehind guard runs without it (`re` scans its first characters
    itself) and the guard is checked at each match; otherwise the literal prefixes are
    searched in the folded text."""

    __slots__ = ("regex", "prefixes", "starts", "bare", "guard")

    def __init__(self, regex: re.Pattern, length: int = PREFIX_LENGTH):
        self.regex = regex
        self.prefixes = self.starts = self.bare = self.guard = None
        if _min_width(regex) <= 0:  # a regex that can match empty is left to re (finditer's empty-match rules)
            return
        guarded = LEADING_GUARD.match(regex.pattern)
        if guarded and not regex.flags & (re.I | re.X):
            try:
                bare = re.compile(guarded.group(1) + regex.pattern[guarded.end():], regex.flags)
                guard = re.compile(guarded.group(2), regex.flags)
            except re.error:  # pragma: no cover
                bare = None
            if bare is not None and _min_width(bare) > 0:
                self.bare, self.guard = bare, guard
                return
        self.prefixes = literal_prefixes(regex, length)
        if self.prefixes:
            self.starts = re.compile(trie_pattern(self.prefixes))

    def finditer(self, text: str, low=None, pos: int = 0, endpos=None):
        """The matches of regex.finditer(text, pos, endpos); low is fold(text) when the caller has it."""
        endpos = len(text) if endpos is None else min(endpos, len(text))
        if self.bare is not None:
            search, guard = self.bare.search, self.guard.match
            while True:
                m = search(text, pos, endpos)
                if m is None:
                    return
                at = m.start()
                if at and guard(text, at - 1):
                    pos = at + 1
                    continue
                yield m
                pos = m.end()
        if self.starts is None:
            yield from self.regex.finditer(text, pos, endpos)
            return
        if low is None:
            low = fold(text)
        if low is None or len(low) != len(text):
            yield from self.regex.finditer(text, pos, endpos)
            return
        search, match = self.starts.search, self.regex.match
        while pos <= endpos:
            start = search(low, pos, endpos)
            if start is None:
                return
            at = start.start()
            m = match(text, at, endpos)
            if m is None:
                pos = at + 1
                continue
            yield m
            pos = m.end() if m.end() > at else at + 1

    def search(self, text: str, low=None, pos: int = 0, endpos=None):
        """regex.search(text, pos, endpos)."""
        return next(self.finditer(text, low, pos, endpos), None)


class LineScanner:
    """regex.finditer for a regex that starts with ^ (re.M): only line starts can start a
    match. `re` tries ^ at every character, but finds a line break + the rest of the regex
    with its fast scan for a literal first character. Other regexes run as they are."""

    def __init__(self, regex: re.Pattern):
        self.regex = regex
        self.after_newline = None
        if not regex.pattern.startswith("^") or not regex.flags & re.M or regex.flags & re.X:
            return
        parsed = _p.parse(regex.pattern, regex.flags)
        # ^ first in one sequence (no top-level "|"), and no empty match (finditer's rules)
        if parsed.data[:1] == [(_c.AT, _c.AT_BEGINNING)] and parsed.getwidth()[0] > 0:
            self.after_newline = re.compile("\n(?:" + regex.pattern[1:] + ")", regex.flags)

    def finditer(self, text: str, pos: int = 0, endpos: int = None):
        if self.after_newline is None:
            yield from self.regex.finditer(text, pos, len(text) if endpos is None else endpos)
            return
        endpos = len(text) if endpos is None else min(endpos, len(text))
        match, next_line = self.regex.match, self.after_newline.search
        while pos <= endpos:
            m = match(text, pos, endpos) if pos == 0 or text[pos - 1] == "\n" else None
            if m is None:
                newline = next_line(text, pos, endpos)
                if newline is None:
                    return
                pos = newline.start() + 1
                continue
            yield m
            pos = m.end()
