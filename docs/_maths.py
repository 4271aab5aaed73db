"""MkDocs hook: the formulas rendered as MathML when the site is built, nothing loaded to read it.

Pages write formulas in TeX: ``$C_i = D^-_i / (D^+_i + D^-_i)$`` inline and ``$$ ... $$``
on their own lines for a display. ``pymdownx.arithmatex`` (generic mode) finds them and
leaves each in a ``<span class="arithmatex">\\( ... \\)</span>`` (inline) or a ``<div
class="arithmatex">\\[ ... \\]</div>`` (display); this hook turns them into MathML with
latex2mathml (pure Python, the ``docs`` extra). Browsers draw MathML themselves (Chromium
109+, Firefox, Safari), so the built site needs no script, font or CDN, also when opened
from disk. A formula latex2mathml cannot read fails the build, naming the page.
"""

from __future__ import annotations

import html
import re
from typing import Any

from latex2mathml.converter import convert

_MATH = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])'
    r"</(?P=tag)>",
    re.S,
)


def _mathml(match: re.Match[str], page: str) -> str:
    display = match["display"] is not None
    tex = html.unescape(match["display"] if display else match["inline"]).strip()
    try:
        mathml = convert(tex, display="block" if display else "inline")
    except Exception as exc:  # latex2mathml raises its own exception types, and plain ones
        raise ValueError(f"{page}: cannot render the formula {tex!r} as MathML: {exc}") from exc
    # The TeX stays as an annotation (not drawn), for copying and for assistive tools.
    head, _, body = mathml.partition(">")
    body = body.removesuffix("</math>")
    annotation = f'<annotation encoding="application/x-tex">{html.escape(tex)}</annotation>'
    mathml = f"{head}><semantics>{body}{annotation}</semantics></math>"
    if display:
        return f'<div class="arithmatex">{mathml}</div>'
    return f'<span class="arithmatex">{mathml}</span>'


def on_page_content(content: str, page: Any, **_: Any) -> str:
    """Every arithmatex formula of the page's HTML as MathML."""
    return _MATH.sub(lambda m: _mathml(m, page.file.src_uri), content)
