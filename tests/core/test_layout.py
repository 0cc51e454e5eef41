"""The package layout: only web modules import Flask, no import cycles, templates by feature.

The scanning (ast, lazy imports included) is in tests/core/layout.py, shared with the type check.
"""

from __future__ import annotations

from tests.core import layout


def test_only_web_modules_import_flask():
    """Domain and service code runs without a request: views*, forms*, cli*, tasks*, web* modules,
    create_app, the command gathering, the extensions and the migrations may import flask or
    werkzeug; nothing else may (Flask extensions such as flask_babel do not count)."""
    offenders = layout.flask_offenders()
    listing = [f"{m.relative}:{i.line} imports {i.name}" for m in offenders for i in m.flask_imports]
    assert not listing, "Flask imported outside the web modules:\n" + "\n".join(listing)


def test_no_import_cycles():
    """No module imports (even lazily, or for type checking) one that imports it back."""
    cycles = layout.import_cycles(layout.import_graph())
    assert not cycles, "Import cycles:\n" + "\n".join(" -> ".join(cycle) for cycle in cycles)


def test_templates_are_in_their_feature_folder():
    """A feature's templates are under advocacy/templates/<feature>/; the shared page frames
    (base, macros, error) are at the top and only core names them from Python."""
    features = {path.name for path in layout.PACKAGE.iterdir() if (path / "__init__.py").exists()}
    folders = {path.name for path in layout.TEMPLATES.iterdir() if path.is_dir()}
    assert folders <= features, f"template folders that are no feature: {sorted(folders - features)}"
    wrong = []
    for module in layout.modules().values():
        parts = module.relative.split("/")  # advocacy/<feature>/<module>.py; app-wide modules are core
        feature = parts[1] if len(parts) > 2 else "core"
        for ref in module.templates:
            folder = ref.name.split("/")[0] if "/" in ref.name else "core"
            if not (layout.TEMPLATES / ref.name).is_file():
                wrong.append(f"{module.relative}:{ref.line} {ref.name} does not exist")
            elif folder != feature:
                wrong.append(f"{module.relative}:{ref.line} {ref.name} is not under templates/{feature}/")
    assert not wrong, "\n".join(wrong)


def test_core_and_pdf_know_no_feature():
    """What every feature uses (core, pdf) imports nothing from a feature, so it can be reused."""
    shared = ("advocacy.core", "advocacy.pdf")
    wrong = [
        f"{name} imports {target}"
        for name, targets in layout.import_graph().items()
        if name.startswith(shared)
        for target in sorted(targets)
        if target.startswith("advocacy.") and not target.startswith(shared)
    ]
    assert not wrong, "\n".join(wrong)
