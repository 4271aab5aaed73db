"""Benchmark: how long ``import pathchoice`` and the main job ``python -m pathchoice`` take.

Every figure is the median of N fresh interpreters (wall time and the child's CPU
time, user + system), measured in the same run as two baselines:

* ``python -c pass`` -- the interpreter alone;
* ``python -c "import numpy, pandas"`` -- the floor: the main job prints a ranking
  built with pandas, so it cannot start faster than these two imports.

``python -m pathchoice`` minus the floor is what pathchoice itself costs (its own
imports, reading the embedded China–Japan model, the AHP weights, the ranking and
the printing). Then one ``python -X importtime -m pathchoice`` shows where the
import time goes: the packages by cumulative time and pathchoice's own modules by
their own time.

Python's bytecode cache matters here. An installed pathchoice has its ``.pyc``
files (pip writes them); a checkout run with ``PYTHONDONTWRITEBYTECODE=1`` compiles
every pathchoice module from source in every process. Both are measured: ``cached``
runs with a private bytecode cache (``PYTHONPYCACHEPREFIX``, a temporary folder,
filled by one warm-up run, so nothing is written into the source tree), ``source``
with ``PYTHONDONTWRITEBYTECODE=1`` and no cache for pathchoice (numpy and pandas
keep the bytecode of their installation).

Targets (issue 10, goal 4): ``import pathchoice`` at most 0.3 s, ``python -m
pathchoice`` at most 0.6 s. The machine is shared: the load average is printed
beside the figures, and CPU time is steadier than wall time under load; with
``--instructions`` each command also runs once under valgrind, whose instruction
counts do not depend on the load at all.

Usage::

    python benchmarks/bench_startup.py            # 7 runs of each command, ~30 s
    python benchmarks/bench_startup.py --runs 3   # quicker
    python benchmarks/bench_startup.py --instructions  # and instruction counts (valgrind)
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

#: (label, interpreter arguments) of each command timed, baselines first.
COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("python -c pass", ("-c", "pass")),
    ("import numpy, pandas (floor)", ("-c", "import numpy, pandas")),
    ("import pathchoice", ("-c", "import pathchoice")),
    ("python -m pathchoice", ("-m", "pathchoice")),
)
TARGETS = {"import pathchoice": 0.3, "python -m pathchoice": 0.6}


def load() -> str:
    """The load averages (1, 5, 15 minutes), as ``uptime`` prints them."""
    return ", ".join(f"{x:.2f}" for x in os.getloadavg())


def timed(args: Sequence[str], env: Mapping[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one fresh interpreter running ``args``; its output discarded."""
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, *args], env=dict(env), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    error = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({child.returncode}): {error}")
    return wall, usage.ru_utime + usage.ru_stime


def measure(env: Mapping[str, str], runs: int) -> dict[str, tuple[float, float]]:
    """Median (wall, CPU) of each command over ``runs`` rounds, the commands interleaved."""
    samples: dict[str, list[tuple[float, float]]] = {label: [] for label, _ in COMMANDS}
    for _ in range(runs):
        for label, args in COMMANDS:
            samples[label].append(timed(args, env))
    return {
        label: (statistics.median(w for w, _ in got), statistics.median(c for _, c in got))
        for label, got in samples.items()
    }


def instructions(args: Sequence[str], env: Mapping[str, str]) -> int | None:
    """Instructions executed by one interpreter running ``args`` (valgrind), else None."""
    if shutil.which("valgrind") is None:
        return None
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, *args],
        env=dict(env),
        capture_output=True,
        text=True,
        check=True,
    )
    match = re.search(r"Collected : (\d+)", done.stderr)
    return int(match[1]) if match else None


def import_profile(env: Mapping[str, str], top: int) -> tuple[list[str], list[str]]:
    """The top packages (cumulative) and pathchoice modules (own time) of the main job."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pathchoice"],
        env=dict(env),
        capture_output=True,
        text=True,
        check=True,
    )
    own: dict[str, int] = {}
    cumulative: dict[str, int] = {}
    for line in done.stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)", line)
        if match is None:
            continue
        name = match[4]
        own[name] = int(match[1])
        if "." not in name and name != "pathchoice":  # another package, all its modules
            cumulative[name] = int(match[2])
    packages = sorted(cumulative.items(), key=lambda kv: -kv[1])[:top]
    ours = sorted(
        ((n, t) for n, t in own.items() if n.startswith("pathchoice")), key=lambda kv: -kv[1]
    )
    total = sum(t for n, t in own.items() if n.startswith("pathchoice"))
    modules = [f"{n:48s} {t / 1000:7.1f} ms" for n, t in ours[:top]]
    modules.append(f"{'all ' + str(len(ours)) + ' pathchoice modules':48s} {total / 1000:7.1f} ms")
    return [f"{n:48s} {t / 1000:7.1f} ms" for n, t in packages], modules


def report(name: str, env: Mapping[str, str], runs: int, top: int, counted: bool) -> None:
    print(f"\n== {name} (median of {runs} fresh processes; load before: {load()})")
    figures = measure(env, runs)
    floor_wall, floor_cpu = figures["import numpy, pandas (floor)"]
    print(f"{'command':32s} {'wall s':>8s} {'CPU s':>8s} {'wall - floor':>13s} {'target':>8s}")
    for label, (wall, cpu) in figures.items():
        target = TARGETS.get(label)
        verdict = "" if target is None else f"{'<=' if wall <= target else '> '} {target:.1f}"
        over = f"{wall - floor_wall:+.3f}" if label in TARGETS else ""
        print(f"{label:32s} {wall:8.3f} {cpu:8.3f} {over:>13s} {verdict:>8s}")
    main_wall, main_cpu = figures["python -m pathchoice"]
    print(
        f"main job / floor: {main_wall / floor_wall:.2f}x wall, {main_cpu / floor_cpu:.2f}x CPU "
        f"(load after: {load()})"
    )
    if counted:
        # instructions do not depend on the load: the steadiest comparison on a shared machine
        counts = {label: instructions(args, env) for label, args in COMMANDS[1:]}
        floor = counts["import numpy, pandas (floor)"]
        if floor is None or None in counts.values():
            print("instructions: valgrind not available")
        else:
            print("instructions executed (valgrind), millions:")
            for label, n in counts.items():
                print(f"  {label:32s} {n / 1e6:8.0f} M")
            main_job = counts["python -m pathchoice"]
            print(
                f"  main job above the floor: {(main_job - floor) / 1e6:.0f} M "
                f"({(main_job - floor) / main_job:.0%} of the main job)"
            )
    packages, modules = import_profile(env, top)
    print("other packages imported by `python -X importtime -m pathchoice` (cumulative):")
    print("\n".join("  " + line for line in packages))
    print("pathchoice's own modules (own time):")
    print("\n".join("  " + line for line in modules))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="fresh processes per command")
    parser.add_argument("--top", type=int, default=8, help="rows of each import table")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count the instructions of each command once under valgrind (~1 min)",
    )
    parser.add_argument(
        "--tree", type=Path, default=Path(__file__).resolve().parents[1], help="checkout to time"
    )
    args = parser.parse_args()
    src = args.tree / "src"
    base = dict(os.environ)
    if (src / "pathchoice").is_dir():  # a checkout: time this tree, not an installed copy
        base["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), base.get("PYTHONPATH")]))
    print(f"python {sys.version.split()[0]} at {sys.executable}")
    with tempfile.TemporaryDirectory(prefix="pathchoice-pyc-") as cache:
        cached = {k: v for k, v in base.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cached["PYTHONPYCACHEPREFIX"] = cache
        timed(("-m", "pathchoice"), cached)  # warm-up: fills the private bytecode cache
        timed(("-c", "import numpy, pandas"), cached)
        report(
            "cached: bytecode as an installed package has it",
            cached,
            args.runs,
            args.top,
            args.instructions,
        )
    if any((src / "pathchoice").rglob("*.pyc")):
        print("\nnote: the checkout has .pyc files, so 'source' reuses their bytecode")
    source = {k: v for k, v in base.items() if k != "PYTHONPYCACHEPREFIX"}
    source["PYTHONDONTWRITEBYTECODE"] = "1"
    report(
        "source: PYTHONDONTWRITEBYTECODE=1, pathchoice compiled",
        source,
        args.runs,
        args.top,
        args.instructions,
    )


if __name__ == "__main__":
    main()
