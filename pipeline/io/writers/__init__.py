"""Writers: records to JSONL, atomically; errors and run manifest beside the output."""
