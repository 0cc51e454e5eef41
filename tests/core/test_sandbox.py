"""The template sandbox: hostile templates fail fast with a clear error; normal ones render."""

from __future__ import annotations

import threading
import time

import pytest

from advocacy.core.sandbox import TemplateError, TemplateLimitError, check_syntax, make_environment, render


class Country:
    name = "France"
    _secret = "hidden"


@pytest.fixture
def env():
    return make_environment(filters={"shout": lambda s: s.upper() + "!"}, max_chars=10_000)


def test_renders_placeholders_and_allowed_filters(env):
    text = render(
        env, "{{ country.name|shout }} {{ items|join(', ') }}", {"country": Country(), "items": ["a", "b"]}
    )
    assert text == "FRANCE! a, b"


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ country.__class__.__mro__ }}", "not allowed"),
        ("{{ country._secret }}", "not allowed"),
        ("{{ ''.__class__.__base__.__subclasses__() }}", "not allowed"),
        ("{{ items.append(3) }}", "not allowed"),
        ("{{ cycler.__init__.__globals__ }}", "not allowed"),
        ("{{ missing }}", "unknown placeholder"),
        ("{{ country.nope }}", "unknown placeholder"),
        ("{{ 'x'|format(1) }}", "(?i)no filter named 'format'"),
        ("{{ country|attr('_secret') }}", "(?i)no filter named 'attr'"),
        ("{{ 1/0 }}", "the template failed"),
    ],
)
def test_escapes_and_errors_are_refused(env, source, message):
    with pytest.raises(TemplateError, match=message):
        render(env, source, {"country": Country(), "items": [1, 2]})


@pytest.mark.parametrize(
    "source",
    [
        "{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}",
        "{% for i in range(9999) %}{% for j in range(9999) %}{{ j }}{% endfor %}{% endfor %}",
        "{{ 'x' * 100000000 }}",
        "{{ [1] * 100000000 }}",
        "{{ 10 ** 100000000 }}",
        "{% set s = 'ab' * 4000 %}{{ s + s + s + s }}",
        "{{ range(100000000)|list }}",
        "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    ],
)
def test_endless_or_huge_templates_stop_quickly(env, source):
    started = time.monotonic()
    with pytest.raises(TemplateLimitError):
        render(env, source, {}, seconds=0.5)
    assert time.monotonic() - started < 5


def test_syntax_error_has_a_line():
    env = make_environment()
    with pytest.raises(TemplateError, match=r"^line 2: "):
        check_syntax(env, "Dear {{ name }},\n{% if x %}never closed")


def test_html_autoescape():
    env = make_environment(autoescape=True)
    assert render(env, "{{ v }}", {"v": "<script>x</script>"}) == "&lt;script&gt;x&lt;/script&gt;"


def test_deadline_is_per_thread(env):
    """A slow render in one thread must not cut off a fast one in another."""
    errors: list[Exception] = []
    slow = "{% for i in range(9999) %}{% for j in range(9999) %}{% endfor %}{% endfor %}"

    def run_slow():
        try:
            render(env, slow, {}, seconds=0.3)
        except TemplateLimitError as error:
            errors.append(error)

    thread = threading.Thread(target=run_slow)
    thread.start()
    for _ in range(50):
        assert render(env, "{{ 1 + 1 }}", {}, seconds=5) == "2"
    thread.join()
    assert len(errors) == 1


def test_a_missing_fact_is_false_when_tested_but_fails_when_printed(env):
    guarded = "{% if figures.returns %}{{ figures.returns.value }}{% endif %}ok"
    assert render(env, guarded, {"figures": {}}) == "ok"
    with pytest.raises(TemplateError, match="returns"):
        render(env, "{{ figures.returns.value }}", {"figures": {}})
    with pytest.raises(TemplateError):
        render(env, "{% for x in missing %}{% endfor %}", {})


# Each of these once ran for seconds to minutes or took gigabytes (issue 15); each is now
# refused before the string or number is built.
HOSTILE = [
    "{{ '%999999999s' % 'x' }}",
    "{{ '%.999999999f' % 1 }}",
    "{{ '%*s' % (999999999, 'x') }}",
    "{{ 'x'.center(1500000000) }}",
    "{{ 'x'.ljust(1500000000) }}",
    "{{ 'x'.rjust(1500000000) }}",
    "{{ 'x'.zfill(1500000000) }}",
    "{{ '{:>999999999}'.format('x') }}",
    "{{ 'a\tb'.expandtabs(999999999) }}",
    "{{ ('x' * 5000).replace('', 'y' * 5000) }}",
    "{% set a = 'xxxxxxxxxx' %}" + "{% set a = a ~ a %}" * 40 + "{{ a|length }}",
    "{% set a = 'xxxxxxxxxx' %}{{ (a ~ a ~ a ~ a ~ a ~ a ~ a ~ a ~ a ~ a) * 1 }}" + "{{ a ~ 'y' * 9999 }}",
    "{{ range(10000)|join('x' * 9000) }}",
    "{% set n = 2 ** 64 %}{{ ((n ** 64) ** 64) ** 64 }}",
    "{% set n = 3 %}" + "{% set n = n * n %}" * 40 + "{{ n }}",
]


@pytest.mark.parametrize("source", HOSTILE)
def test_hostile_sizes_are_refused_before_they_are_built(env, source):
    with pytest.raises(TemplateError):
        render(env, source, {})


def test_constant_expressions_are_not_computed_while_compiling(env):
    template = env.compiled("{{ '%300000000s' % 'x' }}{{ 'ab' ~ 'cd' }}")
    assert "300000000" in str(template.root_render_func.__code__.co_consts)  # the format, not its result
    with pytest.raises(TemplateLimitError):
        render(env, "{{ '%300000000s' % 'x' }}", {})


def test_a_template_is_size_checked_before_it_is_compiled(env):
    with pytest.raises(TemplateLimitError, match="longer than"):
        env.compiled("{{ x }}" * 100_000)


def test_the_compiled_cache_is_bounded_in_bytes(env, monkeypatch):
    from advocacy.core import sandbox

    monkeypatch.setattr(sandbox, "COMPILED_CACHE_BYTES", 50_000)
    for n in range(40):
        env.compiled(f"{n} " + "x" * 5_000)
    assert env._compiled_bytes <= 50_000 and len(env._compiled) <= 10
    assert env.compiled("39 " + "x" * 5_000) is env.compiled("39 " + "x" * 5_000)


def test_ordinary_formatting_and_joining_still_work(env):
    source = "{{ '%s, %d' % ('a', 3) }} {{ 'x'.center(5, '*') }} {{ 'a' ~ 1 ~ 'b' }} {{ [1, 2]|join('-') }}"
    assert render(env, source, {}) == "a, 3 **x** a1b 1-2"


FORMATS = ["{{ '{:>9}'.format('x') }}", "{{ 'x'['format_map']({}) }}", "{{ s.format(1) }}"]


@pytest.mark.parametrize("source", FORMATS)
def test_str_format_is_refused_however_it_is_reached(env, source):
    with pytest.raises(TemplateError, match="not allowed"):
        render(env, source, {"s": "{:>999999999}"})
