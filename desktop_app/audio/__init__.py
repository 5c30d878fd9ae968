"""Audio in and out: decoding files, recording from a microphone, voice activity. No Qt here."""
