"""What every rule component shares: data read from configs/ at initialize, kept on save.

A component keeps the JSON-native data it read (`self.data`) and compiles it into matchers
(`compile`). to_disk/from_disk/to_bytes/from_bytes store that data, so a saved pipeline
runs without configs/ and survives worker processes.
"""

from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc

DATA_FILE = "rules.json"


class RuleComponent:
    def __init__(self, nlp: Language, name: str):
        self.nlp = nlp
        self.name = name
        self.data: dict = {}

    # Subclasses read their files into self.data here, then call self.compile().
    def initialize(self, get_examples=None, *, nlp=None, **paths):
        raise NotImplementedError

    def compile(self) -> None:
        """Turn self.data into matchers; called after initialize and after loading."""

    def __call__(self, doc: Doc) -> Doc:
        raise NotImplementedError

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return srsly.msgpack_dumps(self.data)

    def from_bytes(self, data: bytes, *, exclude=tuple()):
        self.data = srsly.msgpack_loads(data)
        self.compile()
        return self

    def to_disk(self, path, *, exclude=tuple()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / DATA_FILE, self.data)

    def from_disk(self, path, *, exclude=tuple()):
        self.data = srsly.read_json(Path(path) / DATA_FILE)
        self.compile()
        return self
