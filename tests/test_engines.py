"""The Dask engine (issue 8): the same per-shard function on a local Dask cluster, started by
the test, writes the bytes of a single local run. Skips without the dask extra."""

from pathlib import Path

import pytest

from pipeline.run.batch import run_annotate
from pipeline.run.assemble import save
from pipeline.run.engines import EngineUnavailable, make_engine
from pipeline.run.parallel import run_parallel

ROOT = Path(__file__).resolve().parent.parent


def test_unknown_engine_and_cluster_without_engine_are_refused(tmp_path):
    with pytest.raises(EngineUnavailable, match="unknown engine"):
        make_engine("spark", workers=2, model_dir=tmp_path)
    with pytest.raises(EngineUnavailable, match="--engine dask"):
        make_engine("local", workers=2, model_dir=tmp_path, cluster="tcp://127.0.0.1:8786")


def test_dask_local_cluster_gives_the_bytes_of_a_local_run(nlp, tmp_path):
    pytest.importorskip("distributed", reason="the dask extra is not installed: pip install -e '.[dask]' to test --engine dask")
    from distributed import LocalCluster

    model = tmp_path / "model"
    save(nlp, model)
    inputs = [str(ROOT / "corpus")]
    single = tmp_path / "single.jsonl"
    run_annotate(nlp, inputs, str(single))
    out = tmp_path / "dask.jsonl"
    # A real scheduler with two worker processes, reached by address as a remote cluster would be.
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        summary = run_parallel(model, inputs, str(out), engine="dask", cluster=cluster.scheduler_address,
                               workers=2, shard_size=1, config_hash=nlp.meta["kst"]["config_hash"])
    assert out.read_bytes() == single.read_bytes()
    assert summary.documents == 2
    assert (tmp_path / "dask.jsonl.errors.jsonl").read_bytes() == (tmp_path / "single.jsonl.errors.jsonl").read_bytes()
