# ruff: noqa: E501
"""Tags in right-to-left text: each run of tags one isolated, unbreakable token, taken out again."""

from __future__ import annotations

import pytest

from advocacy.translations.tokens import LRI, NBSP, PDI, WJ, display, html_tokens, restore

TEXTS = [
    "مەن{% if sender.town %}، {{ sender.town }} شەھىرىدە{% endif %}.",
    "{% if personal %}{{ personal }}\n\n{% endif %}مەيدانىڭىزنى",
    "{{ treaty.signed|date }} تارىخىدا",
    "{% for r in refusals_elsewhere[:4] %}{{ r.court }} ({{ r.country }}){% if not loop.last %}؛ {% endif %}{% endfor %}",
    "Bonjour\u00a0: {{ x }}",  # a French no-break space stays
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_display_then_restore_gives_the_text_back(text):
    assert restore(display(text, "rtl")) == text
    assert display(text, "ltr") == text and restore(text) == text


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("ا{% if personal %}{{ personal }}ب", f"ا{LRI}{{%{NBSP}if{NBSP}personal{NBSP}%}}{{{{{NBSP}personal{NBSP}}}}}{PDI}ب"),
        ("{{ a|date }} و {{ b }}", f"{LRI}{{{{{NBSP}a|{WJ}date{NBSP}}}}}{PDI} و {LRI}{{{{{NBSP}b{NBSP}}}}}{PDI}"),
        # Between two tags of a run a line may break (a run can be longer than a line).
        ("{% endif %} {{ x }}\n{{ y }}", f"{LRI}{{%{NBSP}endif{NBSP}%}} {{{{{NBSP}x{NBSP}}}}}{PDI}\n{LRI}{{{{{NBSP}y{NBSP}}}}}{PDI}"),
    ],
)  # fmt: skip
def test_each_run_of_tags_is_one_isolate_without_breaks_in_its_tags(text, shown):
    assert display(text) == shown
    assert display(shown) == shown  # shown again as it is


def test_pages_get_each_run_isolated_and_each_tag_marked_escaped():
    html = str(html_tokens("<b>{% if a %}{{ a }}</b> {{ b }}"))
    assert html == (
        '&lt;b&gt;<bdi dir="ltr" class="token-run"><span class="token">{% if a %}</span>'
        '<span class="token">{{ a }}</span></bdi>&lt;/b&gt; '
        '<bdi dir="ltr" class="token-run"><span class="token">{{ b }}</span></bdi>'
    )
