"""Qt widgets only. Never imports torch or transformers: the window must open fast."""
