"""The layout of the advocacy package, read with ast: which modules may import Flask, the import
graph, and the modules mypy checks. One scanner for tests/core/test_layout.py and the type check.

Run the type check: `python -m tests.core.layout` (mypy on every module that does not import Flask);
`python -m tests.core.layout --list` prints that list of files.

"Imports Flask" means an import of the `flask` package or of `werkzeug` (or a submodule of either),
anywhere in the module, inside functions too. Flask extensions (flask_babel, flask_login,
flask_sqlalchemy, flask_wtf, flask_migrate) are separate packages and do not count: domain code may
use flask_babel's gettext or a SQLAlchemy model from flask_sqlalchemy.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from dataclasses import dataclass, field
from fnmatch import fnmatch
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "advocacy"

TEMPLATES = PACKAGE / "templates"
TEMPLATE = re.compile(r"[\w/-]+\.html")

FLASK_PACKAGES = ("flask", "werkzeug")
# Web modules, by file name: the only ones besides WEB_MODULES that may import Flask.
WEB_NAMES = ("views*.py", "forms*.py", "cli*.py", "tasks*.py", "web*.py")
WEB_MODULES = ("advocacy", "advocacy.cli", "advocacy.commands", "advocacy.core.extensions")
WEB_PACKAGES = ("advocacy.migrations",)


@dataclass(frozen=True)
class Ref:
    name: str  # a module: absolute dotted name, resolved; or a template name
    line: int


@dataclass
class Module:
    name: str
    path: Path
    imports: list[Ref] = field(default_factory=list)
    templates: list[Ref] = field(default_factory=list)  # string constants naming a .html template

    @property
    def relative(self) -> str:
        return self.path.relative_to(ROOT).as_posix()

    @property
    def flask_imports(self) -> list[Ref]:
        return [i for i in self.imports if i.name.split(".")[0] in FLASK_PACKAGES]

    @property
    def may_import_flask(self) -> bool:
        return (
            any(fnmatch(self.path.name, pattern) for pattern in WEB_NAMES)
            or self.name in WEB_MODULES
            or any(self.name.startswith(package + ".") for package in WEB_PACKAGES)
        )


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(tree: ast.AST, name: str, is_package: bool, known: set[str]) -> list[Ref]:
    """Every import statement in the tree, as absolute module names: lazy ones (in functions) and
    `if TYPE_CHECKING:` ones count too, as the dependencies they are.

    `from a.b import c` counts as an import of a.b.c when that is a module, else of a.b. The parent
    packages an import runs first (a, a.b for `import a.b.c`) are not counted as edges.
    """
    package = name if is_package else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend(Ref(alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            targets = [f"{source}.{alias.name}" for alias in node.names]
            modules = [target for target in targets if target in known]
            if len(modules) < len(targets):
                found.append(Ref(source, node.lineno))
            found.extend(Ref(target, node.lineno) for target in modules)
    return found


@cache
def modules() -> dict[str, Module]:
    """The advocacy modules by dotted name, migration scripts left out (they are not imported)."""
    scripts = PACKAGE / "migrations" / "versions"
    paths = sorted(path for path in PACKAGE.rglob("*.py") if scripts not in path.parents)
    known = {module_name(path) for path in paths}
    found = {}
    for path in paths:
        name = module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        templates = [
            Ref(node.value, node.lineno)
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            if TEMPLATE.fullmatch(node.value)
        ]
        found[name] = Module(name, path, _imports(tree, name, path.name == "__init__.py", known), templates)
    return found


def flask_offenders() -> list[Module]:
    """Modules that import flask or werkzeug though their name does not allow it."""
    return [module for module in modules().values() if module.flask_imports and not module.may_import_flask]


def import_graph() -> dict[str, set[str]]:
    """advocacy module -> the advocacy modules it imports."""
    found = modules()
    return {
        name: {i.name for i in module.imports if i.name in found and i.name != name}
        for name, module in found.items()
    }


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (a, b, ..., a) per strongly connected component of more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                components.append(component)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_in(graph, set(component)) for component in components]


def _cycle_in(graph: dict[str, set[str]], component: set[str]) -> list[str]:
    """A shortest cycle through the first module of a strongly connected component."""
    start = min(component)
    paths = {start: [start]}
    queue = [start]
    for node in queue:
        for nxt in sorted(graph[node] & component):
            if nxt == start:
                return [*paths[node], start]
            if nxt not in paths:
                paths[nxt] = [*paths[node], nxt]
                queue.append(nxt)
    raise AssertionError(f"no cycle in {sorted(component)}")


def type_checked() -> list[Module]:
    """The modules mypy checks: every one that does not import Flask."""
    return [module for module in modules().values() if not module.flask_imports]


def main(argv: list[str]) -> int:
    files = [module.relative for module in type_checked()]
    if argv == ["--list"]:
        print("\n".join(files))
        return 0
    command = [sys.executable, "-m", "mypy", *argv, *files]
    return subprocess.run(command, cwd=ROOT, check=False).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
