"""The README's Python example runs as written, and its quick start has exactly two commands."""

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_python_blocks_run(capsys):
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(), flags=re.S)
    assert blocks, "the README has no Python example"
    for block in blocks:
        exec(compile(block, str(README), "exec"), {})
    assert "topsis ranking" in capsys.readouterr().out


def test_quick_start_has_exactly_two_commands():
    quick = README.read_text().split("## Quick start", 1)[1].split("\n## ", 1)[0]
    bash = re.findall(r"```bash\n(.*?)```", quick, flags=re.S)
    commands = [ln for b in bash for ln in b.splitlines() if ln.strip()]
    assert [c.split("#")[0].strip() for c in commands] == [
        "python3 tasks.py demo",
        "python3 tasks.py test",
    ]
