"""The chat's conversations in the history database: turns, branches kept, search, export, damage survived."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from desktop_app.store.conversations import Conversations, to_json, to_markdown
from desktop_app.store.history import HistoryStore


def _talk(conversations: Conversations) -> tuple[int, list[int]]:
    chat = conversations.create(system_prompt="Be brief.", model_ref="smol")
    ids, parent = [], None
    for role, text in (
        ("user", "What is the capital of France?"),
        ("assistant", "Paris."),
        ("user", "And of Spain?"),
        ("assistant", "Madrid."),
    ):
        parent = conversations.add(chat.id, parent, role, text, {"seed": 1} if role == "assistant" else None).id
        ids.append(parent)
    return chat.id, ids


def test_a_conversation_keeps_its_turns_and_every_branch(tmp_path: Path):
    history = HistoryStore(tmp_path / "h.sqlite3")
    conversations = Conversations(history)
    chat_id, (q1, a1, q2, a2) = _talk(conversations)
    assert [m.content for m in conversations.path(chat_id)] == [
        "What is the capital of France?",
        "Paris.",
        "And of Spain?",
        "Madrid.",
    ]
    assert conversations.get(chat_id).title == "What is the capital of France?"

    # edit the second question: a sibling, the old branch kept; regenerate its answer: another sibling
    edited = conversations.add(chat_id, a1, "user", "And of Italy?")
    rome = conversations.add(chat_id, edited.id, "assistant", "Rome.")
    again = conversations.add(chat_id, edited.id, "assistant", "Rome, of course.")
    assert [m.content for m in conversations.path(chat_id)][-2:] == ["And of Italy?", "Rome, of course."]
    assert [m.id for m in conversations.siblings(edited)] == [q2, edited.id]
    assert [m.id for m in conversations.siblings(rome)] == [rome.id, again.id]

    conversations.switch_to(conversations.message(q2))  # back to the first branch, down to its answer
    assert [m.content for m in conversations.path(chat_id)][-2:] == ["And of Spain?", "Madrid."]
    assert conversations.message(a2).meta == {"seed": 1}
    history.close()

    reopened = Conversations(HistoryStore(tmp_path / "h.sqlite3"))  # on disk, not in memory
    assert reopened.persistent and [m.id for m in reopened.path(chat_id)] == [q1, a1, q2, a2]


def test_find_rename_delete_and_export(tmp_path: Path):
    conversations = Conversations(HistoryStore(tmp_path / "h.sqlite3"))
    chat_id, _ = _talk(conversations)
    other = conversations.create()
    conversations.add(other.id, None, "user", "Tell me about otters")
    assert [c.id for c in conversations.find("Madrid")] == [chat_id]
    assert [c.id for c in conversations.find()] == [other.id, chat_id]  # the newest first
    conversations.rename(chat_id, "Capitals")
    assert [c.id for c in conversations.find("capitals")] == [chat_id]

    chat = conversations.get(chat_id)
    markdown = to_markdown(chat, conversations.path(chat_id))
    assert markdown.startswith("# Capitals\n\n> System: Be brief.") and "## Assistant\n\nMadrid." in markdown
    exported = json.loads(to_json(chat, conversations.path(chat_id)))
    assert [m["role"] for m in exported["messages"]] == ["user", "assistant"] * 2 and exported["messages"][1][
        "seed"
    ] == 1

    conversations.delete(chat_id)
    assert conversations.get(chat_id) is None and conversations.path(chat_id) == []
    assert (
        conversations.db.execute("SELECT COUNT(*) FROM messages WHERE conversation_id = ?", (chat_id,)).fetchone()[0]
        == 0
    )


def test_a_damaged_database_keeps_the_conversations_it_can_read(tmp_path: Path):
    path = tmp_path / "h.sqlite3"
    history = HistoryStore(path)
    for i in range(200):  # pages of jobs first, then the conversation
        history.add("generate", inputs={"prompt": "x" * 600}, parameters={}, outputs={"text": str(i)}, timings={})
    chat_id, ids = _talk(Conversations(history))
    history.close()
    with sqlite3.connect(path) as db:  # everything into the main file, as after a clean exit
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with path.open("r+b") as handle:  # three pages of garbage among the jobs
        handle.seek(4096 * 10)
        handle.write(os.urandom(4096 * 3))
    recovered = HistoryStore(path)
    assert recovered.recovery is not None and 100 < recovered.count() < 200
    assert [m.id for m in Conversations(recovered).path(chat_id)] == ids, "the conversation is kept whole"


def test_without_a_history_the_chat_still_works_for_the_session(tmp_path: Path):
    folder = tmp_path / "not-a-folder"
    folder.write_text("a file where the data folder should be")
    history = HistoryStore(folder / "h.sqlite3")
    assert not history.available
    conversations = Conversations(history)
    chat_id, ids = _talk(conversations)
    assert not conversations.persistent and [m.id for m in conversations.path(chat_id)] == ids
