"""Leaf engines, one per model family, on the `Engine` base class (engines/base.py); the runtime they share
and the registry of loaded models. No Qt; torch and transformers are imported lazily, inside functions."""
