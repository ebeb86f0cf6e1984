"""No module under tests/ imports a test module (a ``test_*.py`` or a ``conftest.py``):
what two tests share lives in tests/support, tests/fakes or tests/factories, so moving,
renaming or deleting one test never breaks another, and pytest never collects a test twice
under two names."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = ROOT / "tests"


def _is_test_module(path: Path) -> bool:
    return path.suffix == ".py" and (path.name.startswith("test_") or path.name == "conftest.py")


def _package_of(path: Path) -> list[str]:
    """The dotted package a module's relative imports start from."""
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return parts[:-1]  # a package's __init__ included: its last part is "__init__"


def _imported(path: Path, source: str) -> Iterator[tuple[int, str]]:
    """Every module an import statement in ``source`` may name: for ``from a import b``
    both ``a`` and ``a.b``, since ``b`` may be a module."""
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module.split(".") if node.module else []
            if node.level:
                package = _package_of(path)
                base = package[: len(package) - (node.level - 1)] + base
            if base:
                yield node.lineno, ".".join(base)
            for alias in node.names:
                yield node.lineno, ".".join([*base, alias.name])


def _test_module_at(dotted: str) -> Path | None:
    candidate = ROOT.joinpath(*dotted.split(".")).with_suffix(".py")
    return candidate if candidate.is_file() and _is_test_module(candidate) else None


def imports_of_test_modules(path: Path, source: str) -> list[str]:
    """``file:line imports module`` for each import in ``source`` of a test module."""
    where = path.relative_to(ROOT)
    return [
        f"{where}:{line} imports {dotted}"
        for line, dotted in _imported(path, source)
        if _test_module_at(dotted) is not None
    ]


def test_no_module_under_tests_imports_a_test_module() -> None:
    modules = sorted(TESTS.rglob("*.py"))
    assert len(modules) > 50  # the walk found the suite, not an empty folder

    offences = [
        offence for path in modules for offence in imports_of_test_modules(path, path.read_text())
    ]

    assert offences == [], "move what is shared to tests/support, tests/fakes or tests/factories"


def test_the_check_sees_absolute_relative_and_submodule_imports_of_test_modules() -> None:
    support = TESTS / "support" / "example.py"
    unit = TESTS / "unit" / "test_example.py"

    assert imports_of_test_modules(support, "from tests.unit.test_lifecycle import T\n")
    assert imports_of_test_modules(support, "import tests.conftest\n")
    assert imports_of_test_modules(support, "from tests.unit import test_lifecycle\n")
    assert imports_of_test_modules(unit, "from .test_lifecycle import T\n")
    assert imports_of_test_modules(unit, "from ..conftest import Namespace\n")
    assert imports_of_test_modules(unit, "from . import test_timers\n")
    assert imports_of_test_modules(support, "from . import cases, infra\n") == []
    assert imports_of_test_modules(unit, "from tests.support.cases import T\n") == []
