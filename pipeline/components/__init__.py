"""Importing this package registers every factory and callback of the pipeline."""

from . import tokenizer  # noqa: F401
from . import lemmas, sentences, document, dossier_ref, date, ministry, policy_theme, commitment, span_groups  # noqa: F401
