"""Check and preview person-editable templates in a worker process under OS limits.

The sandbox refuses what it can see coming (advocacy.core.sandbox); whatever it misses
runs out of CPU time (RLIMIT_CPU), address space (RLIMIT_AS) or wall-clock time in a
worker, which is then replaced, so the web process neither hangs nor keeps the memory.
The editor's preview, its save check and the review page all come through here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from advocacy.core.sandbox import TemplateError
from advocacy.letters.questions import Limits
from advocacy.letters.template import LetterTemplate, RenderedLetter
from advocacy.translations.checks import Finding, check_translation
from advocacy.translations.sample import Sample

CHECK_TASK = "advocacy.translations.isolated:run_checks"
PREVIEW_TASK = "advocacy.translations.isolated:run_preview"
PRELOAD = ("advocacy.translations.isolated",)
# Two workers (the machine has two cores); an ordinary template checks in well under a second.
POOL = {"size": 2, "timeout": 8.0, "memory_mb": 512, "cpu_seconds": 5.0, "preload": PRELOAD}
Translate = Callable[..., str]


class Message(str):
    """A check's message in English, carrying its msgid and values to be translated by the caller."""

    msgid: str
    values: dict[str, Any]

    def __new__(cls, msgid: str, **values: Any) -> Message:
        message = super().__new__(cls, msgid % values if values else msgid)
        message.msgid, message.values = msgid, values
        return message

    def __reduce__(self) -> tuple[Any, ...]:
        return (_message, (self.msgid, self.values))


def _message(msgid: str, values: dict[str, Any]) -> Message:
    return Message(msgid, **values)


def run_checks(
    source: LetterTemplate, draft: LetterTemplate, context: Mapping[str, Any], limits: Limits | None
) -> list[Finding]:
    """In the worker: check a draft against its source (messages translated by the caller)."""
    return check_translation(source, draft, context, limits, translate=Message)


def run_preview(sample: Sample, draft: LetterTemplate) -> tuple[RenderedLetter | None, str | None]:
    """In the worker: render a draft with the sample's data, or say why it failed."""
    try:
        return sample.render(draft), None
    except TemplateError as error:
        return None, str(error)


def _run(task: str, *args: Any) -> tuple[Any, str | None]:
    """Run a task in the template workers; on a limit, return None and what stopped it."""
    from advocacy.core import workers

    try:
        return workers.get_pool(**POOL).run(task, *args), None  # type: ignore[arg-type]
    except workers.RenderTimeout:
        return None, "the template took too long to render"
    except (workers.RenderMemoryError, workers.WorkerCrashed):
        return None, "the template needs more time or memory than a letter may take"
    except workers.TaskFailed as error:
        return None, f"the template failed: {error.message}"


def checks(
    source: LetterTemplate,
    draft: LetterTemplate,
    context: Mapping[str, Any],
    limits: Limits | None,
    translate: Translate,
) -> list[Finding]:
    """Check a draft as the editor does, in a worker; a worker stopped by its limits is an error."""
    found, problem = _run(CHECK_TASK, source, draft, dict(context), limits)
    if problem is not None:
        message = translate("The translation fails to render: %(error)s", error=problem)
        return [Finding("error", "render", message)]
    return [Finding(f.level, f.code, _translated(f.message, translate)) for f in found]


def preview(sample: Sample, draft: LetterTemplate) -> tuple[RenderedLetter | None, str | None]:
    """Render a draft with a sample's data in a worker: the letter, or why there is none."""
    result, problem = _run(PREVIEW_TASK, sample, draft)
    return (None, problem) if problem is not None else result


def english(message: str, **values: Any) -> str:
    """Format a message in English (for callers that show the checks untranslated)."""
    return message % values if values else message


def _translated(message: str, translate: Translate) -> str:
    if isinstance(message, Message):
        return translate(message.msgid, **message.values)
    return message
