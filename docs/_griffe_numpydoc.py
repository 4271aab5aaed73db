"""Griffe extension for the documentation build: tidy numpydoc docstrings for Markdown.

pathchoice's numpydoc docstrings are written for Sphinx-style tools; mkdocstrings renders
Markdown. Before a docstring is parsed, this extension (loaded by mkdocs.yml, under
``plugins.mkdocstrings.handlers.python.options.extensions``; the source is not changed):

* rewrites Sphinx cross-reference roles to inline code: ``:func:`~a.b.c``` becomes
  ``c()`` (Sphinx's short form), ``:class:`a.B``` becomes ``a.B``;
* drops backticks from the type of a parameter line (``x : mapping of ``(a, b)``...``),
  where they would show up literally, and ends RST literal-block markers (``::``) with one
  colon;
* turns numpydoc citations (``.. [1] Saaty, T. L. (1980) ...``) into a Markdown list;
* gives an attribute without a docstring the ``#:`` comment lines just above it (the
  autodoc convention pathchoice uses for its constants);
* puts doctest lines (``>>>``) in the free text before the first numpydoc section (module
  docstrings have such examples without an Examples heading) in a ``pycon`` code block,
  as the Examples section's are; otherwise Markdown would read ``>>>`` as nested quotes;
* gives an exported type alias without a docstring (``Direction = Literal["benefit",
  "cost"]``) a one-line docstring, so that it is listed (its value says what it allows).
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_TYPE_ALIAS = re.compile(r"^(Literal|Callable|Union|Optional)\[|^[\w.]+(\[.*\])? \| ")
_ROLE = re.compile(r":(?:py:)?(func|meth|class|mod|data|attr|exc|obj|const):`([^`]+)`")


_CITATION = re.compile(r"^\.\. \[([^\]]+)\] ", flags=re.M)


_PARAMETER_LINE = re.compile(r"^([ \t]*\*{0,2}\w[\w, *]* : )(.*`.*)$", flags=re.M)
_LITERAL_MARKER = re.compile(r"(\S)::$", flags=re.M)


def plain_types(text: str) -> str:
    """No backticks in the type of ``name : type`` lines; ``text::`` → ``text:``."""
    text = _PARAMETER_LINE.sub(lambda m: m.group(1) + m.group(2).replace("`", ""), text)
    return _LITERAL_MARKER.sub(r"\1:", text)


def citations_to_list(text: str) -> str:
    """``.. [1] Saaty ...`` → ``- [1] Saaty ...`` (continuation lines stay in the item)."""
    return _CITATION.sub(lambda m: f"- \\[{m.group(1)}\\] ", text)


def _replace(match: re.Match[str]) -> str:
    role, target = match.group(1), match.group(2).strip()
    if target.startswith("~"):
        target = target[1:].rsplit(".", 1)[-1]
    if role in ("func", "meth") and not target.endswith(")"):
        target += "()"
    return f"`{target}`"


def strip_roles(text: str) -> str:
    """``:func:`~a.b``` → ``b()``; ``:class:`a.B``` → ``a.B``."""
    return _ROLE.sub(_replace, text)


def _is_section_header(lines: list[str], index: int) -> bool:
    underline = lines[index + 1].strip() if index + 1 < len(lines) else ""
    return bool(lines[index].strip()) and len(underline) >= 3 and set(underline) == {"-"}


def fence_doctests(text: str) -> str:
    """Put runs of ``>>>`` lines (with their output) before the first section in fences."""
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        if _is_section_header(lines, index):
            out.extend(lines[index:])
            break
        if lines[index].lstrip().startswith(">>>"):
            out.append("```pycon")
            while index < len(lines) and lines[index].strip():
                out.append(lines[index])
                index += 1
            out.append("```")
            continue
        out.append(lines[index])
        index += 1
    return "\n".join(out)


def comment_docstring(lines: list[str], lineno: int) -> str | None:
    """The ``#:`` comment lines directly above line ``lineno`` (1-based), or None."""
    found: list[str] = []
    index = lineno - 2
    while index >= 0 and lines[index].lstrip().startswith("#:"):
        found.append(lines[index].lstrip()[2:].strip())
        index -= 1
    return "\n".join(reversed(found)) or None


def _source_lines(obj: griffe.Object) -> list[str] | None:
    try:
        return list(obj.lines_collection[obj.filepath])
    except (KeyError, TypeError):
        return None


class NumpydocForMarkdown(griffe.Extension):
    """Rewrite roles, pick up ``#:`` comments, fence bare doctests, label type aliases."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is None and obj.is_attribute and obj.lineno:
            lines = _source_lines(obj)
            text = comment_docstring(lines, obj.lineno) if lines else None
            if text:
                obj.docstring = griffe.Docstring(text, lineno=obj.lineno, parent=obj)
        if obj.docstring is not None:
            text = plain_types(citations_to_list(strip_roles(obj.docstring.value)))
            obj.docstring.value = fence_doctests(text)

    def on_module_members(self, *, mod: griffe.Module, **kwargs: Any) -> None:
        for name in mod.exports or ():
            member = mod.members.get(str(name))
            if member is None or member.is_alias or not member.is_attribute:
                continue
            if member.docstring is None and _TYPE_ALIAS.match(str(member.value or "")):
                member.docstring = griffe.Docstring(
                    "Type alias used in signatures; its value lists what it allows.",
                    lineno=member.lineno,
                    parent=member,
                )
