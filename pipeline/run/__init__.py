"""Running the pipeline: assemble and save it from configs/ (assemble), annotate one document
(annotate), a batch run (batch), shards over processes (parallel, shards) or Dask (engines),
and the benchmark (bench). Imports components, io and common."""
