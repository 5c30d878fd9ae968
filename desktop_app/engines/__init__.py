"""Model engines: one module per task. No Qt; torch and transformers are imported lazily, inside functions."""
