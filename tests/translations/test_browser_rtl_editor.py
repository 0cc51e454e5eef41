"""A Uyghur translator edits, previews, saves and submits a template in Chromium; an admin approves.

The bundled Uyghur templates are laid out by Debian's Chromium and measured: each tag
must be one unbroken box, read left to right inside, and the tags must follow each other
in reading order (right to left on a line, then down), which the plain text (no
isolates) does not do.
"""

from __future__ import annotations

import itertools

import pytest
from sqlalchemy import select

from advocacy.accounts import models as accounts
from advocacy.core.extensions import db
from advocacy.translations.preview import preview_countries
from advocacy.translations.revisions import TemplateRevision
from advocacy.translations.sample import SAMPLE_PERSONAL, preferred_countries
from advocacy.translations.tokens import LRI, PDI, RUN, restore
from tests.browsing import axe_violations
from tests.helpers import add_people, password_hash
from tests.translations.test_browser_translate import sign_in, sign_out

pytestmark = pytest.mark.browser
NAME = "do-not-ratify"
ADDED = "بۇ جۈملە توركۆرگۈدە قوشۇلدى."  # "This sentence was added in the browser."

# Both measures below lay a copy of the text out as the textarea does: this styles the copy.
MIRROR = """  const style = getComputedStyle(area);
  const mirror = document.createElement('div');
  for (const p of ['font-family', 'font-size', 'font-weight', 'line-height', 'letter-spacing',
                   'word-spacing', 'direction', 'text-align', 'tab-size', 'overflow-wrap',
                   'word-break', 'text-transform']) {
    mirror.style.setProperty(p, style.getPropertyValue(p));
  }
"""

# Lay a text out as the textarea does (same font, width, direction, wrapping) and measure
# each tag of it: its boxes, its first and last characters' boxes.
MEASURE_TEXT = (
    r"""(area, text) => {
"""
    + MIRROR
    + r"""  const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
  mirror.style.width = (area.clientWidth - padding) + 'px';
  mirror.style.whiteSpace = 'pre-wrap';
  mirror.style.position = 'absolute';
  mirror.style.top = '0';
  mirror.style.left = '0';
  mirror.setAttribute('lang', area.getAttribute('lang'));
  mirror.setAttribute('dir', area.getAttribute('dir'));
  mirror.textContent = text;
  document.body.appendChild(mirror);
  const node = mirror.firstChild;
  const boxes = (start, end) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    return Array.from(range.getClientRects()).filter(r => r.width > 0)
      .map(r => ({left: r.left, right: r.right, top: r.top}));
  };
  const tag = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/.source;
  const run = new RegExp("(?:" + tag + ")(?:[ \\t\\u00a0]*(?:" + tag + "))*", "g");
  const runs = Array.from(text.matchAll(run));
  const tags = [];
  for (const match of text.matchAll(new RegExp(tag, "g"))) {
    const start = match.index, end = start + match[0].length;
    const run = runs.findIndex(r => r.index <= start && end <= r.index + r[0].length);
    tags.push({text: match[0], run: run, boxes: boxes(start, end),
               first: boxes(start, start + 1)[0], last: boxes(end - 1, end)[0]});
  }
  mirror.remove();
  return tags;
}"""
)

# The same measures of the page's tokens (the source and the review page's text).
MEASURE_TOKENS = """(block) => Array.from(block.querySelectorAll('.token')).map(token => {
  const run = Array.from(block.querySelectorAll('.token-run')).indexOf(token.closest('.token-run'));
  const boxes = Array.from(token.getClientRects()).filter(r => r.width > 0)
    .map(r => ({left: r.left, right: r.right, top: r.top}));
  const range = document.createRange();
  const node = token.firstChild;
  range.setStart(node, 0); range.setEnd(node, 1);
  const first = range.getClientRects()[0];
  range.setStart(node, node.length - 1); range.setEnd(node, node.length);
  const last = range.getClientRects()[0];
  return {text: token.textContent, run: run, boxes: boxes,
          first: {left: first.left, top: first.top}, last: {left: last.left, top: last.top}};
})"""


# Put a text in the textarea as it is (no input event) and lay a hidden copy over its
# content box, to find where each brace is drawn: [{ch, x, y, w, h}] in the viewport.
BRACES = (
    r"""(area, text) => {
  area.value = text;
  area.scrollTop = 0;
"""
    + MIRROR
    + r"""  const box = area.getBoundingClientRect();
  const [left, top] = [parseFloat(style.paddingLeft), parseFloat(style.paddingTop)];
  mirror.style.cssText += ';position:absolute;visibility:hidden;white-space:pre-wrap;margin:0;padding:0';
  mirror.style.left = (box.left + window.scrollX + area.clientLeft + left) + 'px';
  mirror.style.top = (box.top + window.scrollY + area.clientTop + top) + 'px';
  mirror.style.width = (area.clientWidth - left - parseFloat(style.paddingRight)) + 'px';
  mirror.setAttribute('lang', area.getAttribute('lang'));
  mirror.setAttribute('dir', area.getAttribute('dir'));
  mirror.id = 'brace-mirror';
  mirror.textContent = text;
  document.body.appendChild(mirror);
  const node = mirror.firstChild, found = [];
  const bottom = Math.min(box.top + area.clientTop + area.clientHeight, window.innerHeight);
  for (const match of text.matchAll(/[{}]/g)) {
    const range = document.createRange();
    range.setStart(node, match.index);
    range.setEnd(node, match.index + 1);
    const r = range.getBoundingClientRect();
    if (r.width > 0 && r.left >= box.left && r.right <= box.right && r.top >= box.top && r.bottom <= bottom) {
      found.push({ch: match[0], x: r.left, y: r.top, w: r.width, h: r.height});
    }
  }
  return found;
}"""
)


def drawn_as(glyph) -> str | None:
    """Which brace a clip of one shows: "{" has its middle point on the left, "}" on the right."""
    pixels, (width, height) = glyph.convert("L").load(), glyph.size
    dark = [(x, y) for x in range(width) for y in range(height) if pixels[x, y] < 128]
    if not dark:
        return None
    centre = sum(x for x, _ in dark) / len(dark)
    ys = [y for _, y in dark]
    middle, reach = (min(ys) + max(ys)) / 2, (max(ys) - min(ys)) / 8
    band = [x for x, y in dark if abs(y - middle) <= reach]
    return None if not band else ("{" if sum(band) / len(band) < centre else "}")


def mirrored_braces(page, area, text: str) -> tuple[int, int]:
    """Show `text` in the textarea; count the braces drawn mirrored, and the braces looked at."""
    import io

    from PIL import Image

    braces = area.evaluate(BRACES, text)
    shot = Image.open(io.BytesIO(page.screenshot()))
    page.evaluate("document.getElementById('brace-mirror').remove()")
    seen = [
        (
            b["ch"],
            drawn_as(
                shot.crop((int(b["x"]), int(b["y"]), int(b["x"] + b["w"]) + 1, int(b["y"] + b["h"]) + 1))
            ),
        )
        for b in braces
    ]
    return sum(1 for written, drawn in seen if drawn and drawn != written), len(seen)


def layout_problems(tags: list[dict], rtl: bool = True) -> list[str]:
    """What is wrong with measured tags (nothing, when they read as tokens in the text's order).

    Tags with only spaces between them form a run, read left to right as code; the runs
    follow the text's direction (right to left in Uyghur), line after line.
    """
    problems = []
    for tag in tags:
        if len(tag["boxes"]) != 1:
            problems.append(f"{tag['text']!r} is in {len(tag['boxes'])} pieces")
        elif not tag["first"]["left"] < tag["last"]["left"]:
            problems.append(f"{tag['text']!r} does not read left to right")
    for earlier, later in itertools.pairwise(tags):
        if not (earlier["boxes"] and later["boxes"]):
            continue
        a, b = earlier["boxes"][0], later["boxes"][-1]
        same_line = abs(a["top"] - b["top"]) < 2
        leftwards = rtl and earlier["run"] != later["run"]
        backwards = b["right"] > a["left"] + 0.5 if leftwards else b["left"] < a["right"] - 0.5
        if (same_line and backwards) or (not same_line and b["top"] < a["top"]):
            problems.append(f"{later['text']!r} shows before {earlier['text']!r}")
    return problems


@pytest.fixture(scope="module")
def emails(site):
    emails = add_people(site)
    with site.app_context():
        user = accounts.create_user(db.session, "uyghur@example.org", "Uyghur", role="translator")
        user.edit_locales = "ug"
        user.password_hash = password_hash()
        db.session.commit()
    return {**emails, "uyghur": "uyghur@example.org"}


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB", viewport={"width": 1100, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def test_uyghur_tags_read_as_tokens_and_the_template_is_approved(page, base_url, emails, site):
    from playwright.sync_api import expect

    sign_in(page, base_url, emails["uyghur"])
    page.goto(base_url + f"/translate/ug/{NAME}")
    body = page.locator("textarea[name=body]")
    value = body.input_value()
    assert value.count(LRI) == value.count(PDI) == len(RUN.findall(restore(value))) > 5
    assert layout_problems(body.evaluate(MEASURE_TEXT, value)) == []
    unisolated = body.evaluate(MEASURE_TEXT, restore(value))
    assert layout_problems(unisolated) != []  # what the translator saw before: tags out of order
    body.scroll_into_view_if_needed()
    mirrored, seen = mirrored_braces(page, body, value)
    assert seen > 20 and mirrored == 0  # each brace drawn as written, none mirrored by the bidi
    assert mirrored_braces(page, body, restore(value))[0] > seen // 2  # as they were drawn before
    body.evaluate("(area, text) => { area.value = text; }", value)
    source = page.locator("#source-heading + .template-text pre")
    assert layout_problems(source.evaluate(MEASURE_TOKENS), rtl=False) == []
    assert axe_violations(page) == []

    # The preview: a country where the Uyghurs' cases are, and a Uyghur sample paragraph.
    with site.app_context():
        codes = preview_countries(db.session, NAME)
        country = next(code for code in preferred_countries(db.session, "ug") if code in codes)
    assert page.locator("select[name=country]").input_value() == country
    expect(page.locator("#preview-body")).to_contain_text(SAMPLE_PERSONAL["ug"])

    # The checks follow the typing and name a misspelt placeholder as typed.
    plain = restore(value)
    body.fill(plain.replace("{{ sender.town }}", "{{ sender.towne }}"))
    checks = page.locator("#checks-live")
    expect(checks).to_contain_text("{{ sender.towne }}")
    expect(checks).to_have_attribute("data-state", "live")
    assert "dict object" not in checks.inner_text()

    # Typing a tag in turns it into a token at once; the preview follows the typing.
    first, rest = plain.split("\n\n", 1)
    body.fill(f"{first} {ADDED}\n\n{rest}")
    assert LRI in body.input_value()
    expect(page.locator("#preview-body")).to_contain_text(ADDED)
    expect(page.locator("#preview-output")).to_have_attribute("data-state", "live")
    expect(checks).not_to_contain_text("{{ sender.towne }}")
    for reason in page.locator("input[name^=dismiss-]").all():
        reason.fill("Checked against the glossary.")
    page.get_by_role("button", name="Save draft").click()
    expect(page.locator(".notice")).to_contain_text("Draft saved.")
    for reason in page.locator("input[name^=dismiss-]").all():  # the warnings are asked about again
        reason.fill("Checked against the glossary.")
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".notice")).to_contain_text("Submitted for review.")
    sign_out(page)

    sign_in(page, base_url, emails["admin"])
    page.goto(base_url + "/translate/review")
    page.get_by_role("link", name=NAME).first.click()
    expect(page.locator("main")).to_contain_text(ADDED)
    translation = page.locator("#translation-heading + .template-text pre")
    assert layout_problems(translation.evaluate(MEASURE_TOKENS)) == []
    assert axe_violations(page) == []
    page.get_by_role("button", name="Approve").click()
    expect(page.locator(".notice")).to_contain_text("Approved")

    with site.app_context():
        query = select(TemplateRevision).where(TemplateRevision.name == NAME, TemplateRevision.locale == "ug")
        latest = db.session.scalars(query.order_by(TemplateRevision.id.desc())).first()
        assert latest.state == "approved"
        assert ADDED in latest.body
        assert restore(latest.body) == latest.body  # no isolates or no-break spaces saved
