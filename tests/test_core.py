"""Assembling the pipeline from configs/, and clear errors for broken config and rule files."""

import shutil
from pathlib import Path

import pytest

from pipeline.run.assemble import DEFAULT_CONFIGS, assemble, config_hash, is_current, load_pipeline
from pipeline.common.rules import RuleFileError


def copy_configs(tmp_path) -> Path:
    target = tmp_path / "configs"
    shutil.copytree(DEFAULT_CONFIGS, target)
    return target


def test_pipeline_is_assembled_from_configs(nlp):
    assert nlp.lang == "nl"
    assert nlp.pipe_names[0] == "lemmatizer"
    assert {"kst_dossier_ref", "kst_date", "kst_ministry", "kst_policy_theme", "kst_commitment"} <= set(nlp.pipe_names)
    assert len(nlp.meta["kst"]["config_hash"]) == 64


def test_saved_pipeline_is_reused_until_configs_change(tmp_path):
    configs = copy_configs(tmp_path)
    model = tmp_path / "model"
    load_pipeline(configs, model)
    assert is_current(model, configs)
    with open(configs / "tokenizer" / "abbreviations.txt", "a", encoding="utf-8") as handle:
        handle.write("zgn.\n")
    assert not is_current(model, configs)
    load_pipeline(configs, model)
    assert is_current(model, configs)


def test_broken_pipeline_config_names_file_and_line(tmp_path):
    configs = copy_configs(tmp_path)
    cfg = configs / "pipeline.cfg"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace("[nlp]\n", "[nlp\n", 1), encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"pipeline\.cfg"):
        assemble(configs)


def test_broken_yaml_rule_file_names_file_and_line(tmp_path):
    configs = copy_configs(tmp_path)
    rules = configs / "document" / "doc_types.yml"
    rules.write_text("within: 1500\ntypes:\n  - id: x\n    regex: '(unclosed'\n    doc_type: brief\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        assemble(configs)
    assert "doc_types.yml:4" in str(err.value) and "regular expression" in str(err.value)
    rules.write_text("types:\n  - id: x\n   bad: [indent\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match=r"doc_types\.yml:\d+: invalid YAML"):
        assemble(configs)


def test_config_hash_changes_with_any_rule_file(tmp_path):
    configs = copy_configs(tmp_path)
    before = config_hash(configs)
    (configs / "document" / "doc_types.yml").write_text("types: []\n", encoding="utf-8")
    assert config_hash(configs) != before


def test_pipeline_without_span_groups_last_names_file_and_line(tmp_path):
    configs = copy_configs(tmp_path)
    cfg = configs / "pipeline.cfg"
    text = cfg.read_text(encoding="utf-8")
    cfg.write_text(text.replace(',"kst_span_groups"]', "]", 1), encoding="utf-8")
    line = text[: text.index("\npipeline = ")].count("\n") + 2
    with pytest.raises(RuleFileError, match=rf"pipeline\.cfg:{line}: the pipeline must end with 'kst_span_groups'"):
        assemble(configs)
