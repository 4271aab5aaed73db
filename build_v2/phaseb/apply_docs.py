"""Reference blocks for the new modules; the format-2 section of the model-file page; the tutorial section."""
import sys
from pathlib import Path
root = Path(sys.argv[1]); B = Path("/work/wt/cjmodel/build_v2/phaseb")
ref = root / "docs/reference/analysis.md"
s = ref.read_text()
if "pathchoice.study.panel" not in s:
    s = s.replace("::: pathchoice.study.matrix\n", "::: pathchoice.study.matrix\n\n::: pathchoice.study.panel\n\n::: pathchoice.study.settings\n\n::: pathchoice.study.findings\n", 1)
    assert "pathchoice.study.panel" in s
    ref.write_text(s)
mf = root / "docs/model-file.md"
s = mf.read_text()
if "## Format 2" not in s:
    section = (B / "model-file-format2.md").read_text()
    marker = "## What the writer normalises"
    assert marker in s
    s = s.replace(marker, section.strip() + "\n\n" + marker, 1)
    mf.write_text(s)
tut = root / "docs/tutorial/china-japan.md"
s = tut.read_text()
if "## 9. Version 2" not in s:
    marker = "## Where next"
    assert marker in s
    s = s.replace(marker, (B / "tutorial_section.md").read_text() + marker, 1)
    tut.write_text(s)
print("docs edited")
