"""The chat's conversations, in the history database (store/history.py owns the schema and its recovery).

A conversation's messages form a tree: each message's parent is the one before it. Editing a user message or
regenerating an answer adds a sibling instead of replacing anything, so every branch is kept; the
conversation's `leaf_id` is the last message of the branch on screen, and the path from the root to it is
what the model reads. When the history is off (its folder cannot be written), conversations live in memory
for the session."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field
from typing import Any

from desktop_app.core.chat import ChatTurn
from desktop_app.store.history import CHAT_SCHEMA, HistoryStore

TITLE_WORDS = 8  # a new conversation is named after the first words of its first message


@dataclass(frozen=True)
class Message:
    id: int
    conversation_id: int
    parent_id: int | None
    role: str  # "user" or "assistant"
    content: str
    created_at: float
    meta: dict[str, Any] = field(default_factory=dict)  # an answer's model, seed, tokens, timings, finish

    def turn(self) -> ChatTurn:
        return ChatTurn(self.role, self.content)


@dataclass(frozen=True)
class Conversation:
    id: int
    title: str
    created_at: float
    updated_at: float
    system_prompt: str
    model_ref: str
    leaf_id: int | None


class Conversations:
    def __init__(self, history: HistoryStore) -> None:
        db = history.connection
        if db is None:  # no history this session: the chat still works, and forgets on quit
            db = sqlite3.connect(":memory:")
            for statement in CHAT_SCHEMA:
                db.execute(statement)
        db.row_factory = sqlite3.Row
        self.db = db
        self.persistent = history.available

    # ---- conversations ----------------------------------------------------------------------------------
    def create(self, system_prompt: str = "", model_ref: str = "", title: str = "") -> Conversation:
        now = time.time()
        cursor = self.db.execute(
            "INSERT INTO conversations (created_at, updated_at, title, system_prompt, model_ref) "
            "VALUES (?, ?, ?, ?, ?)",
            (now, now, title, system_prompt, model_ref),
        )
        self.db.commit()
        return self.get(int(cursor.lastrowid or 0))  # type: ignore[return-value]

    def get(self, conversation_id: int) -> Conversation | None:
        row = self.db.execute("SELECT * FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
        return _conversation(row) if row else None

    def find(self, search: str = "") -> list[Conversation]:
        """Newest first; `search` matches the title or any message."""
        query = "SELECT * FROM conversations"
        args: list[object] = []
        if search.strip():
            query += " WHERE title LIKE ? OR id IN (SELECT conversation_id FROM messages WHERE content LIKE ?)"
            args = [f"%{search.strip()}%"] * 2
        query += " ORDER BY updated_at DESC, id DESC"
        return [_conversation(row) for row in self.db.execute(query, args)]

    def rename(self, conversation_id: int, title: str) -> None:
        self.db.execute("UPDATE conversations SET title = ? WHERE id = ?", (title.strip(), conversation_id))
        self.db.commit()

    def set_system_prompt(self, conversation_id: int, system_prompt: str) -> None:
        self.db.execute("UPDATE conversations SET system_prompt = ? WHERE id = ?", (system_prompt, conversation_id))
        self.db.commit()

    def delete(self, conversation_id: int) -> None:
        self.db.execute("DELETE FROM messages WHERE conversation_id = ?", (conversation_id,))
        self.db.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))
        self.db.commit()

    # ---- messages ---------------------------------------------------------------------------------------
    def add(
        self, conversation_id: int, parent_id: int | None, role: str, content: str, meta: dict[str, Any] | None = None
    ) -> Message:
        """A new message after `parent_id` (None: the first); it becomes the branch on screen."""
        now = time.time()
        cursor = self.db.execute(
            "INSERT INTO messages (conversation_id, parent_id, role, content, created_at, meta) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (conversation_id, parent_id, role, content, now, json.dumps(meta or {}, ensure_ascii=False)),
        )
        message_id = int(cursor.lastrowid or 0)
        self.db.execute(
            "UPDATE conversations SET leaf_id = ?, updated_at = ? WHERE id = ?", (message_id, now, conversation_id)
        )
        conversation = self.get(conversation_id)
        if conversation is not None and not conversation.title and role == "user":
            self.db.execute("UPDATE conversations SET title = ? WHERE id = ?", (title_of(content), conversation_id))
        self.db.commit()
        return self.message(message_id)  # type: ignore[return-value]

    def update(self, message_id: int, content: str, meta: dict[str, Any]) -> None:
        """An answer's final text and what made it (it was added empty when it started streaming)."""
        self.db.execute(
            "UPDATE messages SET content = ?, meta = ? WHERE id = ?",
            (content, json.dumps(meta, ensure_ascii=False), message_id),
        )
        self.db.commit()

    def remove(self, message_id: int) -> None:
        """A message that has no answer yet (an answer that failed before its first word): its parent becomes
        the end of the branch again."""
        found = self.message(message_id)
        if found is None:
            return
        self.db.execute(
            "DELETE FROM messages WHERE id = ? AND id NOT IN (SELECT parent_id FROM messages "
            "WHERE parent_id IS NOT NULL)",
            (message_id,),
        )
        self.db.execute(
            "UPDATE conversations SET leaf_id = ? WHERE id = ? AND leaf_id = ?",
            (found.parent_id, found.conversation_id, message_id),
        )
        self.db.commit()

    def message(self, message_id: int) -> Message | None:
        row = self.db.execute("SELECT * FROM messages WHERE id = ?", (message_id,)).fetchone()
        return _message(row) if row else None

    def path(self, conversation_id: int) -> list[Message]:
        """The branch on screen, first message first."""
        conversation = self.get(conversation_id)
        messages: list[Message] = []
        current = conversation.leaf_id if conversation else None
        while current is not None:
            found = self.message(current)
            if found is None:
                break
            messages.append(found)
            current = found.parent_id
        return messages[::-1]

    def siblings(self, message: Message) -> list[Message]:
        """The message and its alternatives (edits, regenerated answers), oldest first."""
        rows = self.db.execute(
            "SELECT * FROM messages WHERE conversation_id = ? AND parent_id IS ? ORDER BY id",
            (message.conversation_id, message.parent_id),
        )
        return [_message(row) for row in rows]

    def switch_to(self, message: Message) -> None:
        """Show the branch through `message`: its newest descendants, down to a leaf."""
        current = message.id
        while True:
            row = self.db.execute(
                "SELECT id FROM messages WHERE parent_id = ? ORDER BY id DESC LIMIT 1", (current,)
            ).fetchone()
            if row is None:
                break
            current = int(row[0])
        self.db.execute("UPDATE conversations SET leaf_id = ? WHERE id = ?", (current, message.conversation_id))
        self.db.commit()

    def set_leaf(self, conversation_id: int, message_id: int | None) -> None:
        self.db.execute("UPDATE conversations SET leaf_id = ? WHERE id = ?", (message_id, conversation_id))
        self.db.commit()


def title_of(text: str) -> str:
    words = text.split()
    return " ".join(words[:TITLE_WORDS]) + (" …" if len(words) > TITLE_WORDS else "")


def to_markdown(conversation: Conversation, messages: list[Message]) -> str:
    """The branch on screen as a Markdown document: a heading per turn, the answers as they were written."""
    lines = [f"# {conversation.title or 'Conversation'}", ""]
    if conversation.system_prompt.strip():
        lines += [f"> System: {conversation.system_prompt.strip()}", ""]
    for message in messages:
        lines += [f"## {'You' if message.role == 'user' else 'Assistant'}", "", message.content.strip(), ""]
    return "\n".join(lines)


def to_json(conversation: Conversation, messages: list[Message]) -> str:
    return json.dumps(
        {
            "title": conversation.title,
            "system_prompt": conversation.system_prompt,
            "model": conversation.model_ref,
            "created_at": conversation.created_at,
            "messages": [
                {"role": m.role, "content": m.content, "created_at": m.created_at, **m.meta} for m in messages
            ],
        },
        ensure_ascii=False,
        indent=2,
    )


def _conversation(row: sqlite3.Row) -> Conversation:
    return Conversation(
        row["id"],
        row["title"],
        row["created_at"],
        row["updated_at"],
        row["system_prompt"],
        row["model_ref"],
        row["leaf_id"],
    )


def _message(row: sqlite3.Row) -> Message:
    try:
        meta = json.loads(row["meta"] or "{}")
    except ValueError:
        meta = {}
    return Message(
        row["id"],
        row["conversation_id"],
        row["parent_id"],
        row["role"],
        row["content"],
        row["created_at"],
        meta if isinstance(meta, dict) else {},
    )
