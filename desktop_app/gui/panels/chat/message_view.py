"""One chat message on screen: who wrote it, the text (an answer rendered as Markdown, each code block with
its Copy link), what made it, and its actions: copy, edit (yours) or regenerate (an answer), Inspect ▸, and
‹ 2/3 › to switch between the branches that an edit or a regeneration made."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QGuiApplication,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QTextBrowser, QVBoxLayout, QWidget

from desktop_app.core.i18n import arg, number, tr
from desktop_app.gui.panels.chat.markdown import COPY_SCHEME, added_words, render, settled_marks
from desktop_app.gui.widgets.layout import button
from desktop_app.store.conversations import Message


class MessageText(QTextBrowser):
    """A message's text at its full height: the conversation scrolls, not each message.

    An answer streaming in is shown again at every batch of tokens, 20 a second. Rendering it whole each time
    took time in proportion to its length (6.6 ms a batch for 8.7 KB), on two cores taken from the model writing
    it. So while the text only grows, what comes before its last settled mark (markdown.settled_marks) stays in
    the document; the rest is rendered again and put in its place, and a newly settled part is appended once
    (0.3 ms a batch for the same answer). When what follows the mark has only gained words at its end (the
    common case: a paragraph or a list item being written), they are inserted as text (markdown.added_words),
    and the document is not built again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.code_blocks: list[str] = []
        self._shown: str | None = None  # the Markdown the document shows
        self._settled = 0  # how much of it lies before the document's settled end, or 0 when rendered whole
        self._settled_end = 0  # the document's position after the settled part
        self._settled_blocks: list[str] = []  # the settled part's code blocks
        self._tail: tuple[int, str] | None = None  # where the document's last part starts in the text; its HTML
        self._style_sheet = ""
        self.document().setUndoRedoEnabled(False)  # edited at every batch; nothing to undo in a read-only view
        self.setOpenLinks(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(self.verticalScrollBarPolicy().ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self.anchorClicked.connect(self._on_anchor_clicked)

    def show_text(self, text: str, markdown: bool) -> None:
        self._set_style_sheet()
        grown = markdown and self._shown is not None and text.startswith(self._shown)
        self._shown = text if markdown else None
        marks = settled_marks(text) if grown else []
        start = marks[-1] if marks else 0
        last: tuple[str, list[str]] | None = None  # the last part rendered again, when it starts where it did
        if grown and self._tail is not None and self._tail[0] == start:
            last = render(text[start:], len(self._settled_blocks) if start else 0)
            if self._add_words(start, *last):
                self._fit()
                return
        self._tail = None
        if not marks:
            self._settled = 0
            if markdown:
                html, self.code_blocks = last or render(text)
                self.setHtml(html.rstrip())  # a trailing newline would end the last block with a space
                self._tail = (0, html.rstrip())
            else:
                self.code_blocks = []
                self.setPlainText(text)
        else:
            self._show_grown(text, marks, last)
        self._fit()

    def _show_grown(self, text: str, marks: list[int], last: tuple[str, list[str]] | None) -> None:
        """The text, which extends the one shown: only what follows its last settled mark is rendered again
        (`last`, when it already has been)."""
        settled = marks[-1]
        if self._settled not in marks:  # nothing settled yet, or a cut the text no longer has
            html, self._settled_blocks = render(text[:settled])
            self.setHtml(html.rstrip())
            self._settled, self._settled_end = settled, self._end()
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.setPosition(self._settled_end)
        cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
        cursor.removeSelectedText()
        if settled > self._settled:  # a part newly settled: appended once
            html, blocks = render(text[self._settled : settled], len(self._settled_blocks))
            self._append(cursor, html)
            self._settled_blocks += blocks
            self._settled, self._settled_end = settled, cursor.position()
        self.code_blocks = self._settled_blocks
        if text[settled:].strip():
            html, blocks = last or render(text[settled:], len(self._settled_blocks))
            self._append(cursor, html)
            self.code_blocks = self._settled_blocks + blocks
            self._tail = (settled, html.rstrip())
        cursor.endEditBlock()

    def _append(self, cursor: QTextCursor, html: str) -> None:
        """`html` in blocks of its own at the document's end, after the settled part. Its first block, a plain
        paragraph, takes the format of the block it is put in: a paragraph's."""
        cursor.insertBlock(_paragraph_format(self._style_sheet), QTextCharFormat())
        cursor.insertHtml(html.rstrip())

    def _add_words(self, start: int, html: str, blocks: list[str]) -> bool:
        """Inserts the words that the document's last part, which starts at `start` and is now rendered as `html`,
        adds at its end, when that is all it changes (markdown.added_words)."""
        assert self._tail is not None
        html = html.rstrip()
        words = added_words(self._tail[1], html)
        if words is None:
            return False
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        cursor.insertText(words)
        self._tail = (start, html)
        self.code_blocks = (self._settled_blocks if start else []) + blocks
        return True

    def _end(self) -> int:
        cursor = QTextCursor(self.document())
        cursor.movePosition(QTextCursor.MoveOperation.End)
        return cursor.position()

    def _set_style_sheet(self) -> None:
        """The code blocks' background from the palette; set again only when the theme changed it (setting it
        makes the document parse it again), and then the text is rendered whole under it."""
        background = self.palette().alternateBase().color().name()
        sheet = (
            f"pre {{ background-color: {background}; }}"
            f" p.codebar {{ margin-bottom: 0; }} code {{ background-color: {background}; }}"
        )
        if sheet != self._style_sheet:
            self.document().setDefaultStyleSheet(sheet)
            self._style_sheet, self._shown = sheet, None

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self, *_: object) -> None:
        width = self.viewport().width()
        if self.document().textWidth() != width:  # setting it lays the whole document out again, even unchanged
            self.document().setTextWidth(width)
        self.setFixedHeight(int(self.document().size().height()) + 6)

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() == COPY_SCHEME:
            index = int(url.path() or -1)
            if 0 <= index < len(self.code_blocks):
                QGuiApplication.clipboard().setText(self.code_blocks[index])
        elif url.scheme() in ("http", "https"):  # the user's own click: their browser opens it
            QDesktopServices.openUrl(url)


@cache
def _paragraph_format(style_sheet: str) -> QTextBlockFormat:
    """The block format a QTextDocument gives a paragraph under this style sheet."""
    document = QTextDocument()
    document.setDefaultStyleSheet(style_sheet)
    document.setHtml("<p>a</p><p>b</p>")
    return document.begin().blockFormat()


class MessageView(QFrame):
    copy_requested = Signal(object)  # Message
    edit_requested = Signal(object)  # Message (yours): its text back in the box, to send as a new branch
    regenerate_requested = Signal(object)  # Message (an answer): a new answer beside it
    inspect_requested = Signal(object)  # Message
    switch_requested = Signal(object, int)  # Message, -1 or +1: the branch before or after this one

    def __init__(self, message: Message, branch: tuple[int, int], parent: QWidget | None = None) -> None:
        """`branch` is (this message's place among its siblings, how many there are), from 1."""
        super().__init__(parent)
        self.message = message
        self.setObjectName("userMessage" if message.role == "user" else "assistantMessage")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        speaker = tr("You") if message.role == "user" else tr("Assistant")
        who = QLabel(f"<b>{speaker}</b>")
        self.details = QLabel(_details(message))
        self.details.setObjectName("messageDetails")
        self.text = MessageText()
        self.text.setAccessibleName(tr("Your message") if message.role == "user" else tr("Answer"))
        self.show_text(message.content)
        self.copy_button = button(
            tr("Copy"), tr("Copy this message to the clipboard"), lambda: self.copy_requested.emit(self.message), "copy"
        )
        if message.role == "user":
            self.change_button = button(
                tr("Edit"),
                tr("Edit and send again: a new branch (this one is kept)"),
                lambda: self.edit_requested.emit(self.message),
                "pencil",
            )
        else:
            self.change_button = button(
                tr("Regenerate"),
                tr("A new answer beside this one (this one is kept)"),
                lambda: self.regenerate_requested.emit(self.message),
                "refresh-cw",
            )
        self.inspect_button = button(
            tr("Inspect ▸"),
            tr("See the attention (and, for an answer, the attribution) behind this message"),
            lambda: self.inspect_requested.emit(self.message),
            "scan-search",
        )
        place, count = self.place, self.count = branch
        self.previous_branch = button(
            "‹", tr("The branch before this one"), lambda: self.switch_requested.emit(self.message, -1)
        )
        self.branch_label = QLabel(f"{place}/{count}")
        self.next_branch = button(
            "›", tr("The branch after this one"), lambda: self.switch_requested.emit(self.message, 1)
        )
        for widget in (self.previous_branch, self.branch_label, self.next_branch):
            widget.setVisible(count > 1)
        self.previous_branch.setEnabled(place > 1)
        self.next_branch.setEnabled(place < count)
        header = QHBoxLayout()
        header.addWidget(who)
        header.addWidget(self.details, 1)
        actions = QHBoxLayout()
        for widget in (self.previous_branch, self.branch_label, self.next_branch):
            actions.addWidget(widget)
        actions.addStretch(1)
        for widget in (self.copy_button, self.change_button, self.inspect_button):
            actions.addWidget(widget)
        for action in (
            self.copy_button,
            self.change_button,
            self.inspect_button,
            self.previous_branch,
            self.next_branch,
        ):
            action.setFlat(True)  # quiet beside the text; still buttons for the keyboard and the screen reader
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.text)
        layout.addLayout(actions)

    def show_text(self, text: str) -> None:
        """Yours as you typed it; an answer as Markdown (it is re-rendered as it streams)."""
        self.text.show_text(text, markdown=self.message.role == "assistant")

    def set_busy(self, busy: bool) -> None:
        """While an answer is written, nothing that would change the conversation under it."""
        for widget in (self.change_button, self.inspect_button):
            widget.setEnabled(not busy)
        self.previous_branch.setEnabled(not busy and self.place > 1)
        self.next_branch.setEnabled(not busy and self.place < self.count)


def _details(message: Message) -> str:
    meta = message.meta
    parts = []
    if meta.get("new_tokens"):
        parts.append(tr("%n token(s)", None, int(meta["new_tokens"])))
    if meta.get("tokens_per_s"):
        parts.append(arg(tr("%1 tok/s"), number(meta["tokens_per_s"])))
    if meta.get("seed") is not None and message.role == "assistant":
        parts.append(arg(tr("seed %1"), str(meta["seed"])))
    if meta.get("finish_reason") == "cancelled":
        parts.append(tr("stopped"))
    elif meta.get("finish_reason") == "length":
        parts.append(tr("cut at the length limit"))
    return " · ".join(parts)
