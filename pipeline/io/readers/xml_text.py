"""Text out of XML elements, shared by the official publication and ParlaMint readers: local
names, white space, and UTF-8 that was decoded as cp1252."""

import re

_SPACE = re.compile(r"\s+")

# Continuation bytes 0x80-0xBF as they appear after a wrong cp1252/latin-1 decoding.
_CONT_CHARS = {chr(b) for b in range(0x80, 0xC0)}
for _b in range(0x80, 0xC0):
    try:
        _CONT_CHARS.add(bytes([_b]).decode("cp1252"))
    except UnicodeDecodeError:
        pass
_CONT = "[" + "".join(re.escape(c) for c in sorted(_CONT_CHARS)) + "]"
_MOJIBAKE = re.compile(f"[\u00c2-\u00df]{_CONT}|[\u00e0-\u00ef]{_CONT}{{2}}|[\u00f0-\u00f4]{_CONT}{{3}}")
_CP1252 = {bytes([b]).decode("cp1252", "ignore"): b for b in range(0x80, 0xA0)}


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 that was decoded as latin-1/cp1252 ("CoÃ¶peratie" -> "Coöperatie").

    Only sequences that form valid UTF-8 again are replaced; other text is left alone.
    """
    if not _MOJIBAKE.search(text):
        return text

    def fix(match):
        raw = bytearray()
        for char in match.group(0):
            code = ord(char)
            raw.append(code if code < 0x100 else _CP1252[char])
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            return match.group(0)

    return _MOJIBAKE.sub(fix, text)


def normalise_space(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def localname(element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]
