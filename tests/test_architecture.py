"""The shape of the package: three layers, imports pointing down, a small public surface.

These tests read the source (``ast``), so they fail on the commit that breaks a rule:

* the array core (``pathchoice._core``) is pure numpy: it imports neither pandas nor
  anything of pathchoice outside ``_core``;
* the general layer (everything outside ``_core`` and ``study``) never imports the
  policy-study layer (``pathchoice.study``);
* no module imports an underscore-prefixed name from another module, except from the
  private modules meant for it (``_core``, ``_validate``, ``_frozen``, ``_display``);
* the top level exports at most 40 names, every one of them resolvable;
* public signatures follow the argument glossary of ``docs/contributing.md``.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import pathchoice

SRC = Path(pathchoice.__file__).resolve().parent
SHARED_PRIVATE = ("_core", "_validate", "_frozen", "_display")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _resolve(module: str, is_package: bool, level: int, target: str | None) -> str:
    base = module.split(".") if is_package else module.split(".")[:-1]
    if level > 1:
        base = base[: len(base) - (level - 1)]
    return ".".join([*base, target] if target else base)


def _imports() -> list[tuple[str, int, str, str | None]]:
    """(importing module, line, imported module, imported name or None) for every import."""
    found = []
    for path in sorted(SRC.rglob("*.py")):
        module = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.extend((module, node.lineno, a.name, None) for a in node.names)
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    target = _resolve(module, path.name == "__init__.py", node.level, node.module)
                else:
                    target = node.module or ""
                found.extend((module, node.lineno, target, a.name) for a in node.names)
    return found


IMPORTS = _imports()


def _layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) > 1 and parts[1] == "_core":
        return "core"
    if len(parts) > 1 and parts[1] == "study":
        return "study"
    return "general"


def test_the_array_core_is_pure_numpy():
    bad = [
        f"{mod}:{line} imports {target}"
        for mod, line, target, _ in IMPORTS
        if _layer(mod) == "core"
        and (
            target.split(".")[0] == "pandas"
            or (target.startswith("pathchoice") and _layer(target) != "core")
        )
    ]
    assert not bad, "the array core must import only numpy (and itself):\n" + "\n".join(bad)


def test_the_general_layer_never_imports_the_study_layer():
    bad = [
        f"{mod}:{line} imports {target}"
        for mod, line, target, _ in IMPORTS
        if _layer(mod) == "general"
        and mod not in ("pathchoice", "pathchoice.__main__")  # the facade and the entry point
        and _layer(target) == "study"
    ]
    assert not bad, "imports must point down (general -> core only):\n" + "\n".join(bad)


def test_no_private_name_is_imported_across_modules():
    def private_home(target: str) -> bool:
        return any(part in SHARED_PRIVATE for part in target.split(".")[1:])

    bad = [
        f"{mod}:{line} imports {name} from {target}"
        for mod, line, target, name in IMPORTS
        if name is not None
        and name.startswith("_")
        and not name.startswith("__")
        and target.startswith("pathchoice")
        and not private_home(target)
        and not private_home(f"{target}.{name}")
    ]
    assert not bad, "use the public name (or move the helper to _core/_validate):\n" + "\n".join(
        bad
    )


def test_the_top_level_is_small_and_every_name_resolves():
    names = [n for n in pathchoice.__all__ if not n.startswith("__")]
    assert len(names) <= 40, f"{len(names)} top-level names; at most 40"
    for name in names:
        assert getattr(pathchoice, name) is not None


def test_moved_names_resolve_with_a_warning_naming_their_home():
    for name, home in pathchoice.MOVED.items():
        with pytest.warns(DeprecationWarning, match=home.replace(".", r"\.")):
            value = getattr(pathchoice, name)
        assert value is getattr(importlib.import_module(home), name)


def test_an_unknown_top_level_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        pathchoice.no_such_name


# -- the argument glossary (docs/contributing.md) ------------------------------------------

# Parameter names that have one spelling in pathchoice, and the spelling to use instead.
GLOSSARY = {
    "seed": "rng",
    "random_state": "rng",
    "random_seed": "rng",
    "generator": "rng",
    "tolerance": "tol",
    "n": None,  # ambiguous on its own; fine only for the core
    "num_samples": "n_samples",
    "samples_count": "n_samples",
    "ri": "ri_table",
    "random_index_table": "ri_table",
    "normalisation": "normalization",
    "colour": "color",
    "colours": "colors",
}


def _public_callables():
    seen = set()
    for info in pkgutil.walk_packages(pathchoice.__path__, "pathchoice."):
        if any(part.startswith("_") for part in info.name.split(".")[1:]):
            continue
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", ()):
            obj = getattr(module, name, None)
            if obj is None or id(obj) in seen:
                continue
            seen.add(id(obj))
            if inspect.isclass(obj):
                generated_init = hasattr(obj, "__dataclass_fields__")  # results: built by us
                for attr, member in vars(obj).items():
                    if attr.startswith("_") and (attr != "__init__" or generated_init):
                        continue
                    if inspect.isfunction(member) or isinstance(member, classmethod | staticmethod):
                        func = member.__func__ if hasattr(member, "__func__") else member
                        yield f"{info.name}.{name}.{attr}", func
            elif inspect.isfunction(obj):
                yield f"{info.name}.{name}", obj


def test_public_signatures_follow_the_glossary():
    bad = []
    for where, func in _public_callables():
        try:
            params = inspect.signature(func).parameters.values()
        except (TypeError, ValueError):
            continue
        for p in params:
            if p.name in GLOSSARY and GLOSSARY[p.name] is not None:
                bad.append(f"{where}: parameter {p.name!r} -> {GLOSSARY[p.name]!r}")
            if p.name == "n_samples" and p.kind is not inspect.Parameter.KEYWORD_ONLY:
                bad.append(f"{where}: n_samples must be keyword-only")
    assert not bad, "rename (docs/contributing.md, argument glossary):\n" + "\n".join(bad)
