#!/bin/bash
# Put the staged Phase B files into a tree ($1) that has the study package layout.
set -e
T=$1; B=/work/wt/cjmodel/build_v2/phaseb
cp $B/settings.py $B/panel.py $B/findings.py $T/src/pathchoice/study/
cp $B/_v2.py $B/_study.py $B/_itemised.py $T/src/pathchoice/study/modelfile/
cp $B/tests/test_china_japan_v2.py $B/tests/test_china_japan_history.py $B/tests/test_panel_settings.py $B/tests/test_modelfile_v2.py $T/tests/study/
rm -f $T/src/pathchoice/study/matrix.py; rm -rf $T/src/pathchoice/study/matrix; cp -r /work/wt/cjmodel/src/pathchoice/study/matrix $T/src/pathchoice/study/
cp /work/wt/cjmodel/src/pathchoice/study/data/china_japan_v2.toml $T/src/pathchoice/study/data/
cd $T
filterdiff() { python3 - "$@"; }
python3 - <<'PY'
import re, pathlib
patch = pathlib.Path("/work/wt/cjmodel/build_v2/phaseb/their_files.patch").read_text()
parts = re.split(r"(?=^diff --git )", patch, flags=re.M)
keep = [p for p in parts if p.startswith("diff --git") and "study/panel.py" not in p and "docs/china-japan.md" not in p]
pathlib.Path("/tmp/their.patch").write_text("".join(keep))
PY
patch -p1 --forward --no-backup-if-mismatch < /tmp/their.patch
