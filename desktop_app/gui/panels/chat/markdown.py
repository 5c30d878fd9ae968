"""An answer's Markdown as the HTML a QTextBrowser shows, with markdown-it-py (CommonMark, tables,
strikethrough; raw HTML in the text stays text). Each code block gets a "Copy code" link whose target,
`copy:<n>`, names the block in the list returned beside the HTML."""

from __future__ import annotations

from functools import cache
from html import escape
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


def render(text: str) -> tuple[str, list[str]]:
    """(HTML, the code blocks in order)."""
    env: dict[str, Any] = {}
    html = _parser().render(text, env)
    return html, list(env.get("code", []))
