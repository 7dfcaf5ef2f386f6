"""`kst review`, `export`, `import`, `diff`, `learn`, `commitments`: reviewing and retraining."""

from .cli import app  # noqa: F401
