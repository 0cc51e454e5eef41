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
