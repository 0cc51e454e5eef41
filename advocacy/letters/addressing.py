"""How to address a member of parliament: salutation and closing by language and chamber.

Sourced conventions are in shared/reference/parliaments.md ("Letters to members").
Where the reference found none for a language (da, fi, nb, hu, ro, lt, bg, pt, ja,
ko, tr closings), the forms below are common letter-writing practice, not sourced
rules; translators review them with the templates. Where the recipient's form of
address is unknown, the salutation stays neutral rather than guess a gender.
"""

from __future__ import annotations

from dataclasses import dataclass

FORMS = ("neutral", "feminine", "masculine")


@dataclass(frozen=True)
class Convention:
    """Salutations with and without a name, per form of address, and the closing.

    `named` and `unnamed` map a form of address to a pattern; "neutral" is required.
    A closing may contain `{address}` to repeat the salutation's address (French usage).
    """

    named: dict[str, str]
    unnamed: dict[str, str]
    closing: str


def _same(pattern: str) -> dict[str, str]:
    return {"neutral": pattern}


def _both(forms: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """The same forms with and without a name."""
    return forms, forms


# (language, chamber id, or a country code for a letter to any of its chambers, or None) -> convention
CONVENTIONS: dict[tuple[str, str | None], Convention] = {
    ("en", None): Convention(_same("Dear {name},"), _same("Dear Member of Parliament,"), "Yours sincerely,"),
    ("en", "gb-commons"): Convention(_same("Dear {name} MP,"), _same("Dear Member of Parliament,"), "Yours sincerely,"),
    ("en", "gb-lords"): Convention(_same("Dear {name},"), _same("Dear Member of the House of Lords,"), "Yours sincerely,"),
    ("en", "eu-parliament"): Convention(_same("Dear {name} MEP,"), _same("Dear Member of the European Parliament,"), "Yours sincerely,"),
    ("en", "au-senate"): Convention(_same("Dear Senator {name},"), _same("Dear Senator,"), "Yours sincerely,"),
    ("en", "ie-dail"): Convention(_same("Dear Deputy {name},"), _same("Dear Deputy,"), "Yours sincerely,"),
    ("en", "us-house"): Convention(_same("Dear Representative {name}:"), _same("Dear Representative:"), "Sincerely,"),
    ("en", "us-senate"): Convention(_same("Dear Senator {name}:"), _same("Dear Senator:"), "Sincerely,"),
    # A letter to a member of either house of Congress (common US usage, like the two above).
    ("en", "US"): Convention(_same("Dear {name}:"), _same("Dear Member of Congress:"), "Sincerely,"),
    ("fr", None): Convention(
        {"neutral": "Madame, Monsieur,", "feminine": "Madame,", "masculine": "Monsieur,"},
        {"neutral": "Madame, Monsieur,", "feminine": "Madame,", "masculine": "Monsieur,"},
        "Je vous prie d'agréer, {address}, l'expression de ma haute considération.",
    ),
    ("fr", "fr-assemblee"): Convention(
        *_both({"neutral": "Madame la Députée, Monsieur le Député,", "feminine": "Madame la Députée,", "masculine": "Monsieur le Député,"}),
        "Je vous prie d'agréer, {address}, l'expression de ma haute considération.",
    ),
    ("fr", "fr-senat"): Convention(
        *_both({"neutral": "Madame la Sénatrice, Monsieur le Sénateur,", "feminine": "Madame la Sénatrice,", "masculine": "Monsieur le Sénateur,"}),
        "Je vous prie d'agréer, {address}, l'expression de ma haute considération.",
    ),
    ("de", None): Convention(
        {"neutral": "Sehr geehrte*r {name},", "feminine": "Sehr geehrte Frau Abgeordnete {name},", "masculine": "Sehr geehrter Herr Abgeordneter {name},"},
        {"neutral": "Sehr geehrte Damen und Herren,", "feminine": "Sehr geehrte Frau Abgeordnete,", "masculine": "Sehr geehrter Herr Abgeordneter,"},
        "Mit freundlichen Grüßen",
    ),
    ("es", None): Convention(
        {"neutral": "Estimado/a {name}:", "feminine": "Estimada señora diputada:", "masculine": "Estimado señor diputado:"},
        {"neutral": "Estimado/a diputado/a:", "feminine": "Estimada señora diputada:", "masculine": "Estimado señor diputado:"},
        "Atentamente,",
    ),
    ("nl", None): Convention(
        {"neutral": "Geachte {name},", "feminine": "Geachte mevrouw {name},", "masculine": "Geachte heer {name},"},
        _same("Geachte heer, mevrouw,"),
        "Met vriendelijke groet,",
    ),
    ("pl", None): Convention(
        {"neutral": "Szanowni Państwo,", "feminine": "Szanowna Pani Posłanko,", "masculine": "Szanowny Panie Pośle,"},
        {"neutral": "Szanowni Państwo,", "feminine": "Szanowna Pani Posłanko,", "masculine": "Szanowny Panie Pośle,"},
        "Z wyrazami szacunku",
    ),
    ("sv", None): Convention(_same("Bästa {name},"), _same("Hej,"), "Med vänliga hälsningar"),
    ("it", None): Convention(
        {"neutral": "Gentile Onorevole {name},", "feminine": "Gentile Onorevole {name},", "masculine": "Egregio Onorevole {name},"},
        _same("Gentile Onorevole,"),
        "Distinti saluti",
    ),
    ("cs", None): Convention(
        {"neutral": "Dobrý den,", "feminine": "Vážená paní poslankyně,", "masculine": "Vážený pane poslanče,"},
        {"neutral": "Dobrý den,", "feminine": "Vážená paní poslankyně,", "masculine": "Vážený pane poslanče,"},
        "S pozdravem",
    ),
    ("el", None): Convention(_same("Αξιότιμε/Αξιότιμη κ. {name},"), _same("Αξιότιμοι κύριοι/κυρίες,"), "Με εκτίμηση"),
    ("zh_Hans", None): Convention(_same("尊敬的{name}："), _same("尊敬的议员："), "此致\n敬礼"),
    ("zh_Hant", None): Convention(_same("尊敬的{name}："), _same("尊敬的議員："), "此致\n敬禮"),
    ("ug", None): Convention(_same("ھۆرمەتلىك {name}،"), _same("ھۆرمەتلىك پارلامېنت ئەزاسى،"), "ھۆرمەت بىلەن"),
    # Common practice, not sourced (see the module docstring).
    ("da", None): Convention(_same("Kære {name}"), _same("Kære folketingsmedlem"), "Med venlig hilsen"),
    ("fi", None): Convention(_same("Hyvä {name}"), _same("Hyvä kansanedustaja"), "Ystävällisin terveisin"),
    ("nb", None): Convention(_same("Kjære {name}"), _same("Kjære stortingsrepresentant"), "Med vennlig hilsen"),
    ("hu", None): Convention(_same("Tisztelt {name}!"), _same("Tisztelt Képviselő!"), "Tisztelettel:"),
    ("ro", None): Convention(_same("Stimată doamnă/Stimate domnule {name},"), _same("Stimate domnule deputat/Stimată doamnă deputat,"), "Cu stimă,"),
    ("lt", None): Convention(_same("Gerb. {name},"), _same("Gerbiamas Seimo nary,"), "Pagarbiai"),
    ("sk", None): Convention(
        {"neutral": "Dobrý deň,", "feminine": "Vážená pani poslankyňa,", "masculine": "Vážený pán poslanec,"},
        {"neutral": "Dobrý deň,", "feminine": "Vážená pani poslankyňa,", "masculine": "Vážený pán poslanec,"},
        "S pozdravom",
    ),
    ("bg", None): Convention(_same("Уважаеми/Уважаема {name},"), _same("Уважаеми народни представители,"), "С уважение"),
    ("pt", None): Convention(_same("Exmo./Exma. Sr./Sra. {name},"), _same("Exmo./Exma. Sr./Sra. Deputado/a,"), "Com os melhores cumprimentos,"),
    ("tr", None): Convention(_same("Sayın {name},"), _same("Sayın Milletvekilim,"), "Saygılarımla"),
    ("ja", None): Convention(_same("{name}先生"), _same("議員各位"), "敬具"),
    ("ko", None): Convention(_same("{name} 의원님께"), _same("의원님께"), "감사합니다."),
}  # fmt: skip


def convention(language: str, chamber: str | None = None, country: str = "") -> Convention:
    """Find the convention for a language and chamber, then its country, then the language's, then English."""
    return (
        (chamber and CONVENTIONS.get((language, chamber)))
        or (country and CONVENTIONS.get((language, country)))
        or CONVENTIONS.get((language, None))
        or CONVENTIONS.get((language.split("_")[0], None))
        or CONVENTIONS[("en", None)]
    )


def salutation(
    language: str, name: str = "", *, chamber: str | None = None, form: str = "neutral", country: str = ""
) -> str:
    """Return the opening line, addressing the member by name and form where known."""
    rule = convention(language, chamber, country)
    patterns = rule.named if name else rule.unnamed
    pattern = patterns.get(form) or patterns["neutral"]
    return pattern.format(name=name)


def closing(
    language: str, name: str = "", *, chamber: str | None = None, form: str = "neutral", country: str = ""
) -> str:
    """Return the closing formula; French repeats the salutation's address in it."""
    rule = convention(language, chamber, country)
    if "{address}" not in rule.closing:
        return rule.closing
    address = salutation(language, name, chamber=chamber, form=form, country=country).rstrip(",:")
    return rule.closing.format(address=address)


# The heading above a draft written question and the line after it, in the letter's language,
# so the member sees where the draft to table starts and ends. Common wording in each
# chamber's usual term (as the covering letters name it), not sourced rules; translators
# review them with the templates.
QUESTION_MARKS: dict[str, tuple[str, str]] = {
    "en": ("Draft written question", "End of the draft question"),
    "fr": ("Projet de question écrite", "Fin du projet de question"),
    "de": ("Entwurf der schriftlichen Frage", "Ende des Entwurfs"),
    "es": ("Borrador de pregunta escrita", "Fin del borrador"),
    "it": ("Bozza di interrogazione scritta", "Fine della bozza"),
    "nl": ("Concept van de schriftelijke vragen", "Einde van het concept"),
    "pl": ("Projekt pytania pisemnego", "Koniec projektu"),
    "sv": ("Utkast till skriftlig fråga", "Slut på utkastet"),
    "da": ("Udkast til skriftligt spørgsmål", "Slut på udkastet"),
    "nb": ("Utkast til skriftlig spørsmål", "Slutt på utkastet"),
    "fi": ("Kirjallisen kysymyksen luonnos", "Luonnos päättyy"),
    "cs": ("Návrh písemné otázky", "Konec návrhu"),
    "sk": ("Návrh písomnej otázky", "Koniec návrhu"),
    "hu": ("Az írásbeli kérdés tervezete", "A tervezet vége"),
    "ro": ("Proiect de întrebare scrisă", "Sfârșitul proiectului"),
    "lt": ("Rašytinio klausimo projektas", "Projekto pabaiga"),
    "bg": ("Проект на писмен въпрос", "Край на проекта"),
    "el": ("Σχέδιο γραπτής ερώτησης", "Τέλος του σχεδίου"),
    "pt": ("Projeto de pergunta escrita", "Fim do projeto"),
    "tr": ("Yazılı soru önergesi taslağı", "Taslağın sonu"),
    "ja": ("質問主意書の案", "質問主意書の案はここまで"),
    "ko": ("서면질문 초안", "초안 끝"),
    "zh_Hans": ("书面质询草案", "草案到此结束"),
    "zh_Hant": ("書面質詢草案", "草案到此結束"),
    "ug": ("يازما سوئال لايىھەسى", "لايىھە بۇ يەردە ئاخىرلىشىدۇ"),
}


def question_marks(language: str) -> tuple[str, str]:
    """Return the heading above a draft question and the line after it, in the letter's language."""
    return QUESTION_MARKS.get(language) or QUESTION_MARKS.get(language.split("_")[0]) or QUESTION_MARKS["en"]
