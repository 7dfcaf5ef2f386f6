"""kst: annotate Dutch parliamentary and government documents with spaCy."""

__version__ = "0.1.0"
