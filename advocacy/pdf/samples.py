"""Sample one-page letters in English, Simplified Chinese and Uyghur for checks and benchmarks."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Sample:
    """A short letter in one language; the closing is followed by the sender's name."""

    direction: str
    title: str
    greeting: str
    paragraphs: tuple[str, ...]
    closing: str


SAMPLES = {
    "en": Sample(
        "ltr",
        "Letter to a Member of Parliament",
        "Dear Member of Parliament,",
        (
            "I am writing about the pressure the People's Republic of China puts on people who "
            "live abroad to make them return, often through their families at home.",
            "Please ask the government to suspend the extradition treaty with the PRC and to set up "
            "a way for exiled communities to report harassment safely.",
        ),
        "Yours sincerely,",
    ),
    "zh-Hans": Sample(
        "ltr",
        "致议员的信",
        "尊敬的议员：",
        (
            "我写信是想请您关注中华人民共和国对海外人士施加的跨国压迫，他们的家人常常因此受到威胁。",
            "请您要求政府暂停与中华人民共和国的引渡条约，并为流亡社群建立安全的举报渠道。",
        ),
        "此致敬礼",
    ),
    "ug": Sample(
        "rtl",
        "ۋەكىلگە خەت",
        "ھۆرمەتلىك ۋەكىل",
        (
            "مەن سىزگە خىتاينىڭ چەتئەلدىكى ئۇيغۇرلارغا قاراتقان بېسىمى توغرىسىدا خەت يازدىم.",
            "ھۆكۈمەتتىن خىتاي بىلەن تۈزۈلگەن قايتۇرۇپ بېرىش شەرتنامىسىنى توختىتىشنى سورايمەن.",
        ),
        "ھۆرمەت بىلەن",
    ),
}


def letter_html(lang: str, name: str = "Jane Doe", stylesheet: str = "letter.css") -> str:
    """Build the sample letter in lang, signed by name, linking a bundled stylesheet."""
    sample = SAMPLES[lang]
    paragraphs = "".join(f"<p>{escape(text)}</p>" for text in sample.paragraphs)
    # <bdi>: a Latin name or a phone number inside right-to-left text would come out reversed.
    return (
        f'<!DOCTYPE html><html lang="{lang}" dir="{sample.direction}"><head><meta charset="utf-8">'
        f'<title>{escape(sample.title)}</title><link rel="stylesheet" href="{escape(stylesheet)}"></head>'
        f"<body><address><bdi>{escape(name)}</bdi><br><bdi>+44 20 7946 0000</bdi></address>"
        f"<h1>{escape(sample.greeting)}</h1>{paragraphs}"
        f'<p class="signature">{escape(sample.closing)}<br><bdi>{escape(name)}</bdi></p></body></html>'
    )
