"""The 'unknown format' fixture named format 2, which now exists: it names format 99."""
import sys
from pathlib import Path
root = Path(sys.argv[1])
f = root / "tests/study/data/malformed/unknown_format_version.toml"
s = f.read_text(); assert 'pathchoice-model/2"' in s
f.write_text(s.replace('pathchoice-model/2"', 'pathchoice-model/99"'))
t = root / "tests/study/test_modelfile.py"
s = t.read_text()
old = '''        r"format: unsupported format 'pathchoice-model/2'; this version of pathchoice reads "
        r"\\['pathchoice-model/1'\\]"'''
assert old in s
t.write_text(s.replace(old, '''        r"format: unsupported format 'pathchoice-model/99'; this version of pathchoice reads "
        r"\\['pathchoice-model/1', 'pathchoice-model/2'\\]"'''))
print("fixture edited")
