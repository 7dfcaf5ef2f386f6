"""Assemble the pipeline from configs/, save it, and reuse the saved copy while it is current."""

import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import spacy
from spacy import util
from spacy.language import Language

from .. import __version__
from ..common.rules import RuleFileError

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CONFIGS = PROJECT_ROOT / "configs"
DEFAULT_MODEL = PROJECT_ROOT / "outputs" / "model"
CONFIG_FILE = "pipeline.cfg"
SPAN_GROUPS_FACTORY = "kst_span_groups"


def config_hash(config_dir: Path) -> str:
    """sha256 over every file under configs/ (names and bytes): the pipeline's identity."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(config_dir).rglob("*") if p.is_file()):
        digest.update(path.relative_to(config_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def load_config(config_dir: Path):
    path = Path(config_dir) / CONFIG_FILE
    if not path.is_file():
        raise RuleFileError(path, None, "pipeline config not found")
    try:
        return util.load_config(path, overrides={"paths.configs": str(Path(config_dir).resolve())}, interpolate=False)
    except Exception as err:  # confection raises several types; all are user errors here
        raise RuleFileError(path, _line_in_message(str(err)), f"invalid config: {err}") from None


def _line_in_message(message: str):
    found = re.search(r"line (\d+)", message)
    return int(found.group(1)) if found else None


def assemble(config_dir: Path = DEFAULT_CONFIGS) -> Language:
    """Build and initialize the pipeline from configs/ (what `spacy assemble` does)."""
    from .. import components  # noqa: F401  registers the factories and callbacks

    config_dir = Path(config_dir)
    config = load_config(config_dir)
    try:
        nlp = util.load_model_from_config(config, auto_fill=True, validate=True)
        nlp.initialize()
    except RuleFileError:
        raise
    except Exception as err:
        raise RuleFileError(config_dir / CONFIG_FILE, _line_in_message(str(err)), f"cannot assemble the pipeline: {err}") from None
    _require_span_groups_last(nlp, config_dir / CONFIG_FILE)
    nlp.meta["name"] = "kst_pipeline"
    nlp.meta["version"] = __version__
    nlp.meta["kst"] = {"package_version": __version__, "config_hash": config_hash(config_dir)}
    return nlp


def _require_span_groups_last(nlp: Language, cfg: Path) -> None:
    """The records are read from doc.spans, which the kst_span_groups pipe makes from what the
    pipes before it found: without it last, every document would fail at annotate time."""
    names = nlp.pipe_names
    if names and nlp.get_pipe_meta(names[-1]).factory == SPAN_GROUPS_FACTORY:
        return
    text = cfg.read_text(encoding="utf-8")
    found = re.search(r"^pipeline\s*=", text, re.M)
    line = text.count("\n", 0, found.start()) + 1 if found else None
    raise RuleFileError(cfg, line, f"the pipeline must end with {SPAN_GROUPS_FACTORY!r} (it makes doc.spans, "
                                   "which the records are read from)")


def save(nlp: Language, model_dir: Path) -> None:
    """Write to a sibling temp folder, then swap it in, so a reader never sees half a model."""
    model_dir = Path(model_dir)
    model_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".model-", dir=model_dir.parent))
    nlp.to_disk(tmp)
    old = model_dir.with_name(model_dir.name + ".old")
    if model_dir.exists():
        shutil.rmtree(old, ignore_errors=True)
        os.replace(model_dir, old)
    os.replace(tmp, model_dir)
    shutil.rmtree(old, ignore_errors=True)


def saved_stamp(model_dir: Path):
    meta = Path(model_dir) / "meta.json"
    if not meta.is_file():
        return None
    try:
        return json.loads(meta.read_text(encoding="utf-8")).get("kst")
    except (OSError, ValueError):
        return None


def is_current(model_dir: Path, config_dir: Path) -> bool:
    stamp = saved_stamp(model_dir)
    return bool(stamp) and stamp == {"package_version": __version__, "config_hash": config_hash(config_dir)}


def load_pipeline(config_dir: Path = DEFAULT_CONFIGS, model_dir: Path = DEFAULT_MODEL, rebuild: bool = False) -> Language:
    """The saved pipeline when it matches configs/ and this version, else a fresh build (saved)."""
    from .. import components  # noqa: F401

    if not rebuild and is_current(model_dir, config_dir):
        return spacy.load(model_dir)
    nlp = assemble(config_dir)
    save(nlp, model_dir)
    return nlp
