"""Render person-editable Jinja templates in a sandbox with time and size limits.

Jinja's sandbox stops attribute escapes but caps neither CPU nor memory, so this
environment also checks a deadline on every call, attribute lookup, loop step and
output chunk, limits `range`, and refuses `*`, `**` and `+` results above the
output limit. Run it in a worker process (advocacy.core.workers) for a hard limit too.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

DEFAULT_SECONDS = 2.0
DEFAULT_MAX_CHARS = 200_000
MAX_RANGE = 10_000
# A template's text (subject and body together) is checked against this before it is compiled.
MAX_SOURCE_CHARS = 100_000
# Built-in filters a translator may use; everything else (format, attr, map, tojson, ...) is off.
SAFE_FILTERS = frozenset(
    {
        "capitalize", "default", "d", "e", "escape", "first", "join", "last", "length", "list",
        "lower", "replace", "reverse", "round", "sort", "string", "title", "trim", "truncate",
        "upper", "wordcount", "int", "selectattr", "rejectattr", "select", "reject", "count",
    }
)  # fmt: skip


class TemplateError(Exception):
    """A template that does not parse, uses something it may not, or fails to render."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message if line is None else f"line {line}: {message}")
        self.line = line


COMPILED_CACHE_SIZE = 256


class TemplateLimitError(TemplateError):
    """A template that ran too long or produced too much text."""


class GuardableUndefined(StrictUndefined):
    """Strict when printed, iterated or used, but false when tested.

    A fact missing from the data (a figure row removed, say) then skips the sentence
    guarded by `{% if figures.returns %}` instead of failing the whole letter, while a
    misspelt placeholder that is printed still fails loudly.
    """

    __slots__ = ()

    def __bool__(self) -> bool:  # type: ignore[override]  # StrictUndefined's fails: this one is false
        return False


class LimitedEnvironment(ImmutableSandboxedEnvironment):
    """A sandbox that also enforces a deadline and an output-size limit."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def __init__(self, *, max_chars: int = DEFAULT_MAX_CHARS, **options: Any) -> None:
        super().__init__(undefined=GuardableUndefined, **options)
        self.max_chars = max_chars
        self._compiled: dict[str, Template] = {}
        self._local = threading.local()  # one deadline per thread: gunicorn threads share this object
        self.filters = {name: f for name, f in self.filters.items() if name in SAFE_FILTERS}
        self.globals = {"range": self._range}

    def compiled(self, source: str) -> Template:
        """Compile a template once; a mail merge renders the same text a thousand times."""
        template = self._compiled.get(source)
        if template is None:
            if len(self._compiled) >= COMPILED_CACHE_SIZE:
                self._compiled.clear()
            template = self._compiled[source] = self.from_string(source)
        return template

    @property
    def deadline(self) -> float:
        return getattr(self._local, "deadline", float("inf"))

    @deadline.setter
    def deadline(self, value: float) -> None:
        self._local.deadline = value

    def check_time(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateLimitError("the template took too long to render")

    def _range(self, *args: int) -> Iterator[int]:
        values = range(*args)
        if len(values) > MAX_RANGE:
            raise TemplateLimitError(f"range() is limited to {MAX_RANGE} items")
        for value in values:
            self.check_time()
            yield value

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        __self.check_time()
        return super().call(__context, __obj, *args, **kwargs)

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.check_time()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.check_time()
        return super().getitem(obj, argument)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.check_time()
        if operator == "**" and isinstance(right, int | float) and abs(right) > 64:
            raise TemplateLimitError("exponent too large")
        if operator == "*" and _result_too_long(left, right, self.max_chars):
            raise TemplateLimitError("the template builds a string or list that is too long")
        result = super().call_binop(context, operator, left, right)
        if hasattr(result, "__len__") and len(result) > self.max_chars:
            raise TemplateLimitError("the template builds a string or list that is too long")
        return result


def _result_too_long(left: Any, right: Any, limit: int) -> bool:
    for sequence, count in ((left, right), (right, left)):
        if hasattr(sequence, "__len__") and isinstance(count, int) and len(sequence) * count > limit:
            return True
    return False


def make_environment(
    *,
    autoescape: bool = False,
    filters: Mapping[str, Callable[..., Any]] | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> LimitedEnvironment:
    """Create a limited sandbox with the safe built-in filters plus the given ones."""
    environment = LimitedEnvironment(max_chars=max_chars, autoescape=autoescape, keep_trailing_newline=True)
    environment.filters.update(filters or {})
    return environment


def check_syntax(environment: LimitedEnvironment, source: str) -> None:
    """Parse a template, raising TemplateError with the line of the first problem."""
    try:
        environment.parse(source)
    except TemplateSyntaxError as error:
        raise TemplateError(error.message or "syntax error", error.lineno) from None


def render(
    environment: LimitedEnvironment,
    source: str,
    context: Mapping[str, Any],
    *,
    seconds: float = DEFAULT_SECONDS,
) -> str:
    """Render a template within the time and size limits, or raise TemplateError."""
    try:
        template = environment.compiled(source)
    except TemplateSyntaxError as error:
        raise TemplateError(error.message or "syntax error", error.lineno) from None
    environment.deadline = time.monotonic() + seconds
    chunks: list[str] = []
    size = 0
    try:
        for chunk in template.generate(context):
            size += len(chunk)
            if size > environment.max_chars:
                raise TemplateLimitError("the template produced too much text")
            environment.check_time()
            chunks.append(chunk)
    except TemplateError:
        raise
    except UndefinedError as error:
        raise TemplateError(f"unknown placeholder: {error.message}") from None
    except SecurityError as error:
        raise TemplateError(f"not allowed in a template: {error}") from None
    except RecursionError:
        raise TemplateLimitError("the template calls itself without end") from None
    except (TypeError, ValueError, ArithmeticError, LookupError, AttributeError) as error:
        raise TemplateError(f"the template failed: {error}") from None
    finally:
        environment.deadline = float("inf")
    return "".join(chunks)
