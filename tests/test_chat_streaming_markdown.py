"""An answer streaming into the chat: only what follows its last settled mark is rendered again at each batch,
and what the window shows at every step is exactly what rendering the whole text would show."""

from __future__ import annotations

import pytest

from desktop_app.gui.panels.chat import message_view
from desktop_app.gui.panels.chat.markdown import settled_marks
from desktop_app.gui.panels.chat.message_view import MessageText

STORY = """# A lighthouse keeper

Here is a short story, with **bold**, *italics* and `inline code`.

The keeper climbed the stairs.
He lit the lamp at dusk.

## What he needed

- oil for the lamp
- a warm coat

  with a second paragraph in the item
- bread

1. Climb.
2. Light.

Then the storm came.

```python
def light(lamp):

    lamp.on = True
```

> A ship is coming,
> said the radio.

| day | ships |
|-----|-------|
| Mon | 3     |

Setext title
------------

The end, and ~~nothing~~ more.

    indented code

Last words.
"""

STEPS = """Sure! Here's how to do it.

### Steps

1. Install it:

   ```bash
   pip install thing
   ```

2. Run it.
   It works.

> First quoted paragraph.
>
> Second quoted paragraph.

After the quote, a paragraph.

~~~
tilde fence

with blank
~~~
Text right after the fence.

* star list
    * nested four

中文段落，这是一个测试。

第二段。

***

Final **bold** words with a [link](http://example.com) and a second block:

```
second block
```

Done.
"""

PROSE = """Once upon a time, in a small village by the sea, there lived an old keeper named Elias. "Every night," he \
said, "I climb the stairs (all 117 of them) and light the lamp!" It costs $5 a week - or 4.99 at most; 'tis cheap.

The storm came at dusk: the waves rose higher than the tower's first window. He thought *this* is the night, \
and 100 ships #1 to #100 = all of them.

风暴来了，灯塔守护者爬上楼梯，点亮了灯。他说：“今晚一定要坚持住。”

Then a list came:
1. one
2. two

Final words, with a trailing space """

TABLE = """A table last, its cells written a word at a time:

| day | note |
|-----|------|
| Mon | a calm sea and a clear sky over the bay |
| Tue | storm, then rain all night long"""


def _shown(qtbot, text: str, streamed: MessageText | None = None) -> MessageText:
    view = streamed or MessageText()
    if streamed is None:
        qtbot.addWidget(view)
        view.resize(600, 200)
        view.show()
    view.show_text(text, markdown=True)
    return view


@pytest.mark.parametrize(
    ("answer", "step"),
    [(STORY, 7), (STEPS, 7), (PROSE, 7), (PROSE, 2), (TABLE, 3)],
    ids=["story", "steps", "prose", "prose-2", "table"],
)
def test_an_answer_streamed_in_looks_at_every_step_as_the_whole_text_rendered_at_once(qtbot, answer, step):
    streamed = _shown(qtbot, "")
    for end in [*range(1, len(answer), step), len(answer)]:
        text = answer[:end]
        _shown(qtbot, text, streamed)
        whole = _shown(qtbot, text)
        assert streamed.grab().toImage() == whole.grab().toImage(), f"differs after {text[-30:]!r}"
        assert streamed.code_blocks == whole.code_blocks  # each Copy code link copies its own block
        assert streamed.toPlainText() == whole.toPlainText()
        whole.close()
    assert streamed._settled > 0 or not settled_marks(answer)  # the streamed view did render in parts


def test_only_the_text_after_the_last_settled_mark_is_rendered_again(qtbot, monkeypatch):
    paragraph = "The keeper climbed the stairs and lit the lamp, as he did every night. " * 3 + "\n\n"
    answer = paragraph * 30
    rendered: list[int] = []
    real_render = message_view.render
    monkeypatch.setattr(message_view, "render", lambda text, *a: rendered.append(len(text)) or real_render(text, *a))
    view = _shown(qtbot, "")
    for end in range(1, len(answer), 40):
        _shown(qtbot, answer[:end], view)
    assert len(answer) > 6000 and max(rendered[-20:]) < 2 * len(paragraph)  # the whole answer was rendered once
    # all batches together: a few times the answer's length (a paragraph is rendered again at each batch while
    # it comes in, then once more as it settles), where rendering it whole at every batch came to 80 times
    assert sum(rendered) < 5 * len(answer)


def test_words_added_to_the_last_paragraph_or_list_item_go_in_as_text(qtbot, monkeypatch):
    built: list[str] = []  # each time the document, or its part after the settled mark, is built again
    for name in ("setHtml", "_append"):
        real = getattr(MessageText, name)
        counted = lambda self, *a, real=real, name=name: built.append(name) or real(self, *a)  # noqa: E731
        monkeypatch.setattr(MessageText, name, counted)
    view = _shown(qtbot, "## Title\n\nThe keeper")
    words = " climbed the stairs, as he did every night (at 9), & lit the lamp."
    for end in [*range(1, len(words), 3), len(words)]:
        _shown(qtbot, "## Title\n\nThe keeper" + words[:end], view)
    assert built == ["setHtml", "setHtml", "_append"]  # whole, then in two parts: the title, settled, and the rest
    text = "## Title\n\nThe keeper" + words
    assert view.toPlainText() == "Title\nThe keeper" + words

    built.clear()
    text += "\n\n1. **Front brake:**"
    _shown(qtbot, text, view)
    for word in ("The", "lever", "presses", "the", "pads", "onto", "the", "rim,"):
        text += " " + word
        _shown(qtbot, text, view)
    assert len(built) == 2  # the list item, then once more as the bold words ended; not for the words after them
    _shown(qtbot, text + " *so*", view)  # markup: built again
    assert len(built) == 3
    assert view.toPlainText() == _shown(qtbot, text + " *so*").toPlainText()


def test_a_grown_text_that_no_longer_extends_the_shown_one_is_rendered_whole(qtbot):
    view = _shown(qtbot, "First.\n\nSecond.\n\nThird")
    _shown(qtbot, "First.\n\nSecond.\n\nThird and more", view)
    _shown(qtbot, "Another answer.\n\nNew", view)  # a regenerated answer in the same view
    assert view.toPlainText() == _shown(qtbot, "Another answer.\n\nNew").toPlainText()
    _shown(qtbot, "plain **text**", view).show_text("plain **text**", markdown=False)
    assert view.toPlainText() == "plain **text**" and view.code_blocks == []


def test_the_settled_marks_fall_only_before_plain_paragraphs_outside_code():
    text = "A.\n\nB para\n\n- x\n\n```\n\nin code\n\n```\n\nC\n\n# H\n\nD\n\n1. one\n\n"
    text += "E\nTitle\n---\n\nF\n\nF2\n\n***\n\nG"
    cut_before = [text[mark:].split("\n")[0] for mark in settled_marks(text)]
    # not before a list, inside a fence, after a fence, before a heading or a setext heading, after a rule (or
    # the "---" that is also a setext heading's underline)
    assert cut_before == ["B para", "D", "F2"]
    assert settled_marks("one paragraph still coming") == []
    assert settled_marks("A.\n\n    indented code\n\nB") == []  # after indented code
