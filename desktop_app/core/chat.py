"""A conversation as the model reads it: turns of a user and an assistant, in order. Frozen, so a request
that carries them can cross to the worker thread."""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("user", "assistant")


@dataclass(frozen=True)
class ChatTurn:
    role: str  # "user" or "assistant"
    content: str

    def as_message(self) -> dict[str, str]:
        """The turn as a chat template takes it."""
        return {"role": self.role, "content": self.content}
