"""Input and output: readers turn files into documents (id, text, meta), writers write JSONL
atomically and guard an output with a lock. Imports only pipeline.common."""
