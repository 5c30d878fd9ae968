"""An answer's Markdown as the HTML a QTextBrowser shows, with markdown-it-py (CommonMark, tables,
strikethrough; raw HTML in the text stays text). Each code block gets a "Copy code" link whose target,
`copy:<n>`, names the block in the list returned beside the HTML.

An answer streaming in is shown again at every batch of tokens. `settled_marks` says where its text can be cut
so that what comes before the cut renders the same whatever follows, and the window renders only what follows
the last cut again (gui/panels/chat/message_view.py); `added_words` says when what follows has only gained words
at its end, which the window then adds as text."""

from __future__ import annotations

import re
from functools import cache
from html import escape, unescape
from typing import TYPE_CHECKING, Any

from desktop_app.core.i18n import tr

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

COPY_SCHEME = "copy"


@cache
def _parser() -> MarkdownIt:
    """Built at the first answer, not at start (markdown-it's import is a tenth of the window's start)."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False}).enable("table").enable("strikethrough")

    def code(renderer: Any, tokens: Any, index: int, options: Any, env: dict[str, Any]) -> str:
        token = tokens[index]
        blocks: list[str] = env.setdefault("code", [])
        blocks.append(token.content)
        language = escape(token.info.strip().split(" ")[0]) if token.info else ""
        label = f" <span>{language}</span>" if language else ""
        copy = escape(tr("Copy code"))
        return (
            f'<p class="codebar"><a href="{COPY_SCHEME}:{len(blocks) - 1}">{copy}</a>{label}</p>'
            f"<pre><code>{escape(token.content)}</code></pre>\n"
        )

    parser.add_render_rule("fence", code)
    parser.add_render_rule("code_block", code)
    return parser


def render(text: str, code_blocks_before: int = 0) -> tuple[str, list[str]]:
    """(HTML, the code blocks in order). `code_blocks_before`: blocks that come before this text in the same
    message, so that this text's Copy code links name the blocks after them."""
    env: dict[str, Any] = {"code": [""] * code_blocks_before}
    html = _parser().render(text, env)
    return html, list(env["code"][code_blocks_before:])


_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_RULE = re.compile(r" {0,3}([-*_])( *\1){2,} *$")
# A line starting so may open, continue or change a block other than a plain paragraph (indented code, a list
# item, a heading, a quote, a table, a rule, a setext underline, a fence, an HTML block); a digit may open an
# ordered list. Erring on this side only makes a cut come later.
_NOT_PLAIN = re.compile(r"[ \t#>|*+\-_=`~<0-9]")


def settled_marks(text: str) -> list[int]:
    """The places an answer can be cut while it streams: after a blank line outside any fenced code block,
    where a plain paragraph starts and no code block ends. CommonMark ends every open block there (a list, a
    quote, a table), so the text before renders the same whatever follows, and the paragraph after is the
    first block of the rest, which a QTextDocument appends to itself unchanged (another first block, a heading
    or a list item, would take on the format of the block it is appended to; a document that ends with a code
    block drops the block's last, empty line, and one that ends with a rule loses it once a block follows)."""
    lines = text.split("\n")
    marks: list[int] = []
    fence = ""  # the open fence's marker
    after_code = False  # the last block before this line is code or a rule
    start = 0
    for index, line in enumerate(lines):
        found = _FENCE.match(line)
        if fence:
            if found and found.group(1)[0] == fence[0] and len(found.group(1)) >= len(fence):
                fence = "" if not line[found.end() :].strip() else fence
                after_code = not fence
        elif found:
            fence = found.group(1)
        elif line.strip():
            if index and not lines[index - 1].strip() and not after_code and _plain_paragraph(lines, index):
                marks.append(start)
            after_code = line.startswith(("    ", "\t")) or bool(_RULE.match(line))  # or a list's indented part
        start += len(line) + 1
    return marks


# The closing tags a rendered text ends with when its last words are in a paragraph, a list item, a quote or a
# heading: words added there go into a QTextDocument's last block (after a table or a code block, a document
# has a block of its own).
_BLOCKS_END = re.compile(r"(?:</(?:p|li|ol|ul|blockquote|h[1-6])>\s*)+$")
# Text without tags, line breaks or runs of spaces (HTML shows a run as one space, a document's text as it is).
_WORDS = re.compile(r"(?:[^<>\s]| (?! ))+")


def added_words(shown: str, html: str) -> str | None:
    """The words `html` adds after the last words of `shown` (both as `render` makes them), when that is all it
    changes; else None. A document showing `shown` shows `html` once these words are inserted at its end, in
    the format of the text before them: so that text must end in no element of its own (bold, a link)."""
    end = _BLOCKS_END.search(shown)
    if end is None or shown[: end.start()].endswith(">"):
        return None
    cut, added = end.start(), len(html) - len(shown)
    if added <= 0 or not html.startswith(shown[:cut]) or not html.endswith(shown[cut:]):
        return None
    words = html[cut : cut + added]
    return unescape(words) if _WORDS.fullmatch(words) else None


def _plain_paragraph(lines: list[str], first: int) -> bool:
    """Whether the block that starts at `lines[first]` is a plain paragraph (as far as it has come)."""
    for index in range(first, len(lines)):  # not a slice: this runs for every paragraph, at every batch
        if not lines[index].strip():
            return True
        if _NOT_PLAIN.match(lines[index]):
            return False
    return True
