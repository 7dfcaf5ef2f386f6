"""`kst bench` and the parallel and distributed modes of `kst annotate`."""

from .cli import app  # noqa: F401
