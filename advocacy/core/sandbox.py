"""Render person-editable Jinja templates in a sandbox with time and size limits.

Jinja's sandbox stops attribute escapes but caps neither CPU nor memory, so this
environment also checks a deadline on every call, attribute lookup, loop step and
output chunk, limits `range`, and checks the size of what `*`, `**`, `+`, `%`, `~`, the
`join` filter and the padding str methods would build before building it. A template's
text is size-checked before it is compiled, nothing is folded at compile time (so no
constant is computed outside these checks), and the compiled templates kept are bounded
in bytes. These are a first line: person-editable templates also render in a worker
process under OS limits (advocacy.core.workers, advocacy.translations.isolated).
"""

from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, UndefinedError, nodes, pass_eval_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.filters import do_join
from jinja2.runtime import markup_join, str_join
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


COMPILED_CACHE_BYTES = 4 * 1024 * 1024  # of template text; compiled code grows with it (nothing folded)
MAX_INT_BITS = 4096  # a letter's numbers are far smaller; bigger ones cost CPU time per operation
# str methods whose result size an argument sets: checked before they run.
PADDING = frozenset({"center", "ljust", "rjust", "zfill"})
REFUSED_METHODS = frozenset({"format", "format_map", "expandtabs"})  # no template needs them
# A %-format's width or precision: "%999999999s" would build a string that long.
PERCENT_FIELD = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")


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


class LimitedCodeGenerator(CodeGenerator):
    """Compile `a ~ b` to a call that checks the joined size first (Jinja joins it unchecked)."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.concat_limited((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("), context.eval_ctx.autoescape)")


class LimitedEnvironment(ImmutableSandboxedEnvironment):
    """A sandbox that also enforces a deadline and an output-size limit."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})  # also never folded at compile time
    code_generator_class = LimitedCodeGenerator

    def __init__(self, *, max_chars: int = DEFAULT_MAX_CHARS, **options: Any) -> None:
        # optimized=False: Jinja would otherwise compute constant expressions while compiling.
        super().__init__(undefined=GuardableUndefined, optimized=False, **options)
        self.max_chars = max_chars
        self._compiled: OrderedDict[str, Template] = OrderedDict()
        self._compiled_bytes = 0
        self._cache_lock = threading.Lock()
        self._local = threading.local()  # one deadline per thread: gunicorn threads share this object
        self.filters = {name: f for name, f in self.filters.items() if name in SAFE_FILTERS}
        self.filters["join"] = self._join
        self.globals = {"range": self._range}

    def compiled(self, source: str) -> Template:
        """Compile a template once (a mail merge renders one text a thousand times), size-checked first."""
        if len(source) > MAX_SOURCE_CHARS:
            raise TemplateLimitError(f"the template is longer than {MAX_SOURCE_CHARS} characters")
        with self._cache_lock:
            template = self._compiled.get(source)
            if template is not None:
                self._compiled.move_to_end(source)
                return template
        template = self.from_string(source)
        size = len(source.encode("utf-8", "surrogatepass"))
        with self._cache_lock:
            self._compiled[source] = template
            self._compiled_bytes += size
            while self._compiled_bytes > COMPILED_CACHE_BYTES and len(self._compiled) > 1:
                oldest, _ = self._compiled.popitem(last=False)
                self._compiled_bytes -= len(oldest.encode("utf-8", "surrogatepass"))
        return template

    def concat_limited(self, values: tuple[Any, ...], autoescape: bool) -> str:
        """Join `a ~ b ~ ...` once the total length is known to be within the limit."""
        self.check_time()
        texts = [value if isinstance(value, str) else str(value) for value in values]
        if sum(map(len, texts)) > self.max_chars:
            raise TemplateLimitError("the template builds a string that is too long")
        return markup_join(values) if autoescape else str_join(texts)

    @pass_eval_context
    def _join(self, eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> str:
        items = list(value) if not isinstance(value, str) else [value]
        if len(items) > MAX_RANGE or len(str(d)) * len(items) > self.max_chars:
            raise TemplateLimitError("the template joins a list that is too long")
        return do_join(eval_ctx, items, d, attribute)

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
        if isinstance(getattr(__obj, "__self__", None), str):
            __self._check_str_method(__obj.__self__, getattr(__obj, "__name__", ""), args)
        return super().call(__context, __obj, *args, **kwargs)

    def _check_str_method(self, text: str, name: str, args: tuple[Any, ...]) -> None:
        _refuse_str_method(text, name)
        if name in PADDING and args and isinstance(args[0], int) and args[0] > self.max_chars:
            raise TemplateLimitError(f"str.{name} would build a string that is too long")
        grows = name == "replace" and len(args) >= 2 and isinstance(args[1], str)
        if grows and (len(text) + 1) * max(len(args[1]), 1) > self.max_chars:
            raise TemplateLimitError("str.replace would build a string that is too long")

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.check_time()
        _refuse_str_method(obj, attribute)
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.check_time()
        _refuse_str_method(obj, argument)
        return super().getitem(obj, argument)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.check_time()
        if operator == "**" and isinstance(right, int | float) and abs(right) > 64:
            raise TemplateLimitError("exponent too large")
        if operator in ("*", "**") and _number_too_big(operator, left, right):
            raise TemplateLimitError("the template computes a number that is too big")
        if operator == "*" and _result_too_long(left, right, self.max_chars):
            raise TemplateLimitError("the template builds a string or list that is too long")
        if operator == "%" and isinstance(left, str) and _format_too_wide(left, self.max_chars):
            raise TemplateLimitError("the %-format builds a string that is too long")
        result = super().call_binop(context, operator, left, right)
        if hasattr(result, "__len__") and len(result) > self.max_chars:
            raise TemplateLimitError("the template builds a string or list that is too long")
        return result


def _refuse_str_method(obj: Any, name: Any) -> None:
    # Jinja hands out str.format wrapped (so call() cannot tell whose it is): refuse it by name.
    if isinstance(obj, str) and name in REFUSED_METHODS:
        raise TemplateError(f"not allowed in a template: str.{name}")


def _number_too_big(operator: str, left: Any, right: Any) -> bool:
    if not (isinstance(left, int) and isinstance(right, int)):
        return False
    bits = left.bit_length() * abs(right) if operator == "**" else left.bit_length() + right.bit_length()
    return bits > MAX_INT_BITS


def _format_too_wide(template: str, limit: int) -> bool:
    """Tell whether a %-format asks for a width or precision ("*" included) beyond the limit."""
    for match in PERCENT_FIELD.finditer(template):
        for number in match.groups():
            if number == "*" or (number is not None and int(number) > limit):
                return True
    return False


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
    finalize: Callable[[Any], Any] | None = None,
) -> LimitedEnvironment:
    """Create a limited sandbox with the safe built-in filters plus the given ones.

    finalize, if given, sees each printed value (`{{ ... }}`) before it joins the text.
    """
    environment = LimitedEnvironment(
        max_chars=max_chars, autoescape=autoescape, keep_trailing_newline=True, finalize=finalize
    )
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
