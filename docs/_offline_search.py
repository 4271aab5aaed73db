"""MkDocs hook: the search index also as a script, so that search works from disk.

A browser opening ``site/index.html`` from disk (``file://``) refuses both the web worker
in which Material's search runs and the request for ``search/search_index.json``. It does
load a script, so this hook writes the same index as ``search/search_index.js``
(``var __index = {...}``), which ``docs/javascripts/offline-search.js`` reads to search
the pages itself when the site is opened from disk. Nothing is fetched from anywhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def on_post_build(config: Any, **_: Any) -> None:
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    if index.is_file():  # absent when the search plugin is off
        script = index.with_suffix(".js")
        script.write_text(f"var __index = {index.read_text(encoding='utf-8')};\n", "utf-8")
