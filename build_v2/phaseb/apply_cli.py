"""Minimal edit of `pathchoice validate`: print the format-2 findings too."""
import sys
from pathlib import Path
p = Path(sys.argv[1]) / "src/pathchoice/study/cli/_commands.py"
s = p.read_text()
old = '''    if analysis.cases:
        lines.append(f"  cases:            {len(analysis.cases)}")
'''
assert old in s, "validate hook point moved"
s = s.replace(old, old + '''    from ..findings import study_findings

    found, cautions = study_findings(analysis)
    lines.extend(found)
    warnings.extend(cautions)
''', 1)
p.write_text(s)
print("cli edited")
