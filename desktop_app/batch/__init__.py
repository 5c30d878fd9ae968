"""Batch jobs over many files (caption, transcribe, translate, embed) on Ray Data: actors that each hold a
loaded model, one result row per input in Parquet or JSONL, resumable."""
