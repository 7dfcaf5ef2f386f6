"""Reading the rule files under configs/: YAML pattern files and plain-text lexicons.

Every error names the file and the line, so a user who edits configs/ sees where it broke.
"""

import re
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError


class RuleFileError(ValueError):
    def __init__(self, path, line, reason):
        self.path, self.line, self.reason = str(path), line, reason
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")


def read_text(path: Path) -> str:
    """The text of a rule file; a missing file or one that is not UTF-8 is a RuleFileError."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RuleFileError(path, None, "file not found") from None
    except UnicodeDecodeError as err:
        raise RuleFileError(path, None, f"not UTF-8 ({err.reason} at byte {err.start})") from None


def read_yaml(path) -> object:
    """Load a YAML file keeping line numbers (`node.lc.line`, 0-based) for later errors."""
    path = Path(path)
    text = read_text(path)
    try:
        return YAML(typ="rt").load(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        raise RuleFileError(path, line, f"invalid YAML: {err.problem or err.context}") from None
    except Exception as err:  # ruamel also raises DuplicateKeyError (a warning class), ReaderError...
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        line = mark.line + 1 if mark else None
        if line is None and isinstance(getattr(err, "position", None), int):
            line = text.count("\n", 0, err.position) + 1
        problem = getattr(err, "problem", None) or getattr(err, "context", None) or str(err).strip().splitlines()[0]
        raise RuleFileError(path, line, f"invalid YAML: {problem}") from None


def line_of(node, key=None) -> int | None:
    """1-based line of a YAML mapping (or of one of its keys), when the loader kept it."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    if key is not None:
        try:
            return lc.key(key)[0] + 1
        except (KeyError, TypeError):
            pass
    return lc.line + 1


def plain(node):
    """Round-trip YAML nodes as plain dicts/lists/str (JSON-native, for to_disk)."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if node is None or isinstance(node, (bool, int, float)):
        return node
    return str(node)


def compile_regex(pattern: str, path, line, flags=0) -> re.Pattern:
    try:
        return re.compile(pattern, flags)
    except re.error as err:
        raise RuleFileError(path, line, f"invalid regular expression {pattern!r}: {err}") from None


def read_lexicon(path, columns: int = 1) -> list:
    """Lines of a plain-text list; `#` starts a comment; TAB separates columns.

    Returns (line_number, fields) pairs so later checks can still name the line.
    """
    path = Path(path)
    raw = read_text(path)
    rows = []
    for number, line in enumerate(raw.splitlines(), 1):
        line = line.split("#", 1)[0].rstrip() if not line.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) < columns:
            raise RuleFileError(path, number, f"expected {columns} TAB-separated columns, found {len(fields)}")
        rows.append((number, fields))
    return rows


def require(node, key, path, kind=str):
    """A required key of a YAML mapping, with a file:line error when missing or mistyped."""
    if not isinstance(node, dict) or key not in node:
        raise RuleFileError(path, line_of(node), f"missing key {key!r}")
    value = node[key]
    if kind is not None and not isinstance(value, kind):
        raise RuleFileError(path, line_of(node, key), f"{key!r} must be {kind.__name__}")
    return value
