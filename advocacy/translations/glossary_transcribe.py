"""Make glossary.json, the one glossary data file, from shared/reference/glossary.md.

This script is how glossary.json is made (not imported by the app); run it when the glossary
or the hand-written parts below change, never edit the JSON by hand:
    python -m advocacy.translations.glossary_transcribe ../shared/reference/glossary.md \
        advocacy/translations/glossary.json
The table cells (term, source, confidence) and the notes are read from the Markdown; written
here by hand: the English forms the letters use and the English pattern the catalogs are
checked for, the accepted forms per locale (stems, so declined forms match), a one-sentence
summary of each contested note, renderings found since with their source (status "found") and
the interface's own unreviewed renderings where the glossary has no source ("interface choice").
glossary.py (templates, any strings) and catalog_terms.py (the .po catalogs) both read the file.
"""

# ruff: noqa: E501
import json
import re
import sys
from pathlib import Path

LOCALES = ["en", "fr", "de", "es", "nl", "pl", "sv", "zh_Hans", "zh_Hant", "ug"]

# fmt: off
# id, English the letters use (matched as case-insensitive substrings), notes (number in the
# glossary's "Notes on contested usage"), and per locale the accepted forms: stems that match the
# term as read (declensions, plurals) and its listed variants. Locales without a source are left
# out unless the glossary's notes say what to write (Sky Net, Fox Hunt: keep the English name).
TERMS = {
    1: ("sky-net", ["Sky Net", "Skynet"], [2], {
        "en": ["Sky Net", "Skynet"], "fr": ["Sky Net", "Skynet"], "de": ["Skynet", "Sky Net"],
        "es": ["Sky Net", "Skynet"], "nl": ["Skynet", "Sky Net"],
        "pl": ["Sky Net", "Skynet"], "sv": ["Sky Net", "Skynet"], "ug": ["Sky Net", "Skynet"],
        "zh_Hans": ["天网"], "zh_Hant": ["天網"]}),
    2: ("fox-hunt", ["Fox Hunt"], [2], {
        "en": ["Fox Hunt"], "fr": ["Chasse aux renards"], "de": ["Fuchsjagd"], "es": ["Fox Hunt", "Caza del Zorro"],
        "nl": ["Fox Hunt"], "pl": ["Polowanie na lisa"], "sv": ["Fox Hunt"], "ug": ["Fox Hunt"],
        "zh_Hans": ["猎狐"], "zh_Hant": ["獵狐"]}),
    3: ("national-supervisory-commission",
        ["National Supervisory Commission", "National Commission of Supervision", "National Supervision Commission"],
        [3], {
        "en": ["National Supervisory Commission", "National Commission of Supervision", "National Supervision Commission"],
        "fr": ["Commission nationale de supervision"], "de": ["Aufsichtskommission"],
        "es": ["Comisión Nacional de Supervisión"], "nl": ["Nationale Commissie voor Surveillance"],
        "pl": ["Komisj", "Komisji Nadzoru"],
        "zh_Hans": ["国家监察委员会", "国家监委"], "zh_Hant": ["國家監察委員會", "國家監委"]}),
    4: ("ccdi", ["Central Commission for Discipline Inspection", "CCDI"], [4], {
        "en": ["Central Commission for Discipline Inspection", "CCDI"],
        "fr": ["Commission centrale pour l'inspection de la discipline", "CCDI"],
        "de": ["Kommission für Disziplinarkontrolle", "CCDI"], "es": ["Comisión Central de Control Disciplinario", "CCCD", "CCDI"],
        "nl": ["Centrale Commissie voor Discipline-inspectie", "CCDI"], "pl": ["Centraln", "CKID", "CCDI"],
        "zh_Hans": ["中央纪委", "中央纪律检查委员会"], "zh_Hant": ["紀律檢查委員會", "中紀委"]}),
    5: ("persuaded-to-return", ["persuaded to return", "persuasion to return"], [1], {
        "en": ["persuaded to return", "persuasion to return"], "fr": ["persuad"], "de": ["überred", "Überzeugungsarbeit"],
        "es": ["persuadi"], "nl": ["overtuiging", "overtuig"], "zh_Hans": ["劝返"], "zh_Hant": ["勸返"]}),
    6: ("involuntary-returns", ["involuntary return"], [15], {
        "en": ["involuntary return"], "fr": ["rapatriement", "retour involontaire", "retours involontaires", "retour forcé", "retours forcés"],
        "de": ["Zwangsrepatriierung"], "es": ["retorno involuntario", "retornos involuntarios"],
        "pl": ["niedobrowoln", "wbrew woli"], "zh_Hans": ["非自愿回国", "非自愿"], "zh_Hant": ["強迫遣返", "非自願"],
        "ug": ["قايتۇرۇل"]}),
    7: ("transnational-repression", ["transnational repression"], [7], {
        "en": ["transnational repression"], "fr": ["répression transnationale"], "de": ["transnationale Repression", "transnationaler Repression"],
        "es": ["represión transnacional"], "nl": ["transnationale repressie"], "pl": ["transgraniczn"],
        "zh_Hans": ["跨国镇压"], "zh_Hant": ["跨境鎮壓", "跨國鎮壓"], "ug": ["دۆلەت ھالقىغان باستۇرۇش"]}),
    8: ("extradition-treaty", ["extradition treat"], [11], {
        "en": ["extradition treat"], "fr": ["traité d'extradition", "traité d’extradition", "traités d'extradition", "traités d’extradition"],
        "de": ["Auslieferungsvertrag", "Auslieferungsverträg", "Auslieferungsabkommen"],
        "es": ["tratado de extradición", "tratados de extradición"], "nl": ["uitleveringsverdrag"],
        "sv": ["utlämningsavtal"], "zh_Hans": ["引渡条约"], "zh_Hant": ["引渡條約"]}),
    9: ("mutual-legal-assistance", ["mutual legal assistance"], [], {
        "en": ["mutual legal assistance"], "fr": ["entraide judiciaire"], "de": ["Rechtshilfe"],
        "es": ["asistencia judicial"], "zh_Hans": ["刑事司法协助"], "zh_Hant": ["刑事司法協助"]}),
    10: ("surrender-of-fugitive-offenders", ["surrender of fugitive offenders"], [9], {
        "en": ["surrender of fugitive offenders"], "fr": ["extradition"], "de": ["Überstellung flüchtiger Straftäter"],
        "es": ["extradición"], "nl": ["uitleveringsverdrag"],
        "zh_Hans": ["移交逃犯"], "zh_Hant": ["移交逃犯"]}),
    11: ("red-notice", ["Red Notice"], [6], {
        "en": ["Red Notice"], "fr": ["notice rouge", "notices rouges"], "de": ["Red Notice"],
        "es": ["notificación roja", "notificaciones rojas"], "nl": ["Red Notice"], "pl": ["czerwon"],
        "zh_Hans": ["红色通缉令", "红通"], "zh_Hant": ["紅色通緝令", "紅通", "紅色通報"],
        "ug": ["قىزىل تاشلىق", "Qizil tashliq"]}),
    12: ("non-refoulement", ["non-refoulement"], [12], {
        "en": ["non-refoulement"], "fr": ["non-refoulement"], "de": ["Nicht-Zurückweisung"],
        "es": ["no devolución", "non-refoulement"], "nl": ["non-refoulement"],
        "zh_Hans": ["不驱回", "禁止驱回"], "zh_Hant": ["不可遣返", "不驅回"]}),
    13: ("written-question", ["written question"], [14], {
        "fr": ["question écrite", "questions écrites"], "de": ["schriftliche Frage", "Kleine Anfrage", "schriftlichen Frage"],
        "es": ["por escrito"], "nl": ["Kamervragen", "schriftelijke vra"], "sv": ["skriftlig fråga", "skriftliga frågor", "skriftliga fråga"]}),
    14: ("overseas-police-stations", ["police station", "police service station"], [5], {
        "en": ["police station"], "fr": ["commissariat", "postes de police"], "de": ["Überseepolizeistation", "Polizeistation"],
        "es": ["Estaciones de Servicio de Policía", "comisarías"], "nl": ["politie service station", "politiebureau"],
        "pl": ["posterun", "komisariat"], "sv": ["polisstation", "poliskontor"],
        "zh_Hans": ["海外警侨服务站", "警务服务站"], "zh_Hant": ["海外警察局"]}),
    15: ("diplomatic-assurances", ["diplomatic assurance"], [13], {
        "en": ["diplomatic assurance"], "fr": ["assurances", "garanties"], "es": ["garantías"],
        "pl": ["obietnic"], "zh_Hant": ["保證"]}),
    16: ("national-security-law", ["National Security Law"], [10], {
        "en": ["National Security Law"], "fr": ["loi sur la sécurité nationale"],
        "de": ["Gesetz zum Schutz der nationalen Sicherheit", "Sicherheitsgesetz"],
        "es": ["ley de seguridad nacional"], "nl": ["Nationale Veiligheidswet", "veiligheidswet"],
        "pl": ["ustaw", "bezpieczeństwie narodowym"], "sv": ["säkerhetslag"],
        "zh_Hans": ["维护国家安全法", "香港国安法"], "zh_Hant": ["維護國家安全法", "香港國安法", "港區國安法"]}),
    17: ("uyghur", ["Uyghur"], [8], {
        "en": ["Uyghur"], "fr": ["ouïghour", "ouïgour"], "de": ["Uigur"], "es": ["uigur"], "nl": ["Oeigoer"],
        "pl": ["Ujgur"], "sv": ["uigur"], "zh_Hans": ["维吾尔"], "zh_Hant": ["維吾爾"], "ug": ["ئۇيغۇر"]}),
    18: ("ministry-of-public-security", ["Ministry of Public Security"], [], {
        "en": ["Ministry of Public Security"], "fr": ["ministère de la sécurité publique"],
        "de": ["Ministerium für Öffentliche Sicherheit"], "es": ["Ministerio de Seguridad Pública"],
        "nl": ["ministerie van Openbare Veiligheid"], "sv": ["allmän säkerhet"],
        "zh_Hans": ["公安部"], "zh_Hant": ["公安部"], "ug": ["جامائەت خەۋپسىزلىك"]}),
}
# One sentence per note, for the check's message (the note's own recommendation, shortened).
SUMMARY = {
    1: "劝返 is the PRC's own euphemism: never render it as a neutral \"persuasion\"; quote it as so-called "
       "\"persuasion to return\" (劝返) and say it means pressure on relatives, harassment or kidnapping.",
    2: "Sky Net (天网) is the umbrella campaign, Fox Hunt (猎狐) the police part of it; where no rendering was "
       "found, keep the English name with the Chinese in brackets, do not coin one.",
    3: "The body has four English names and several per language: pick one per language and add 国家监察委员会 "
       "on first use.",
    4: "PRC and independent media render the CCDI differently in every language; keeping the acronym CCDI avoids confusion.",
    5: "\"Overseas police service stations\" is the PRC's official label: write so-called \"overseas police service "
       "stations\" plus the host government's own wording; avoid \"secret police\" unless quoting.",
    6: "A Red Notice is not an arrest warrant, though 红色通缉令 and the Uyghur phrase suggest one: add a gloss.",
    7: "Settled in en, de, fr and es only; Swedish \"flyktingspionage\" is narrower, and PRC texts reject the term.",
    8: "\"Xinjiang\" is the official name and \"East Turkistan\" the community's: in letters to officials write "
       "\"the Uyghur Region (Xinjiang Uyghur Autonomous Region)\" on first mention.",
    9: "Hong Kong's agreements are \"surrender of fugitive offenders\" agreements in form, not extradition treaties: "
       "use the formal name to foreign ministries.",
    10: "The National Security Law's short names carry politics: use the full official name once.",
    11: "Treaty texts and courts say \"Auslieferungsvertrag\", media and the Bundestag press \"Auslieferungsabkommen\".",
    12: "Chinese has several renderings: 不驱回原则 (DW), 禁止驱回原则, 不推回原则, and 不可遣返原則 in Taiwan.",
    13: "No term of art was found in most languages: describe the assurances rather than coin a term.",
    14: "Written questions differ by chamber (schriftliche Frage or Kleine Anfrage, Kamervragen, skriftlig fråga): "
        "use the chamber's own name.",
    15: "\"Involuntary returns\" is Safeguard Defenders' term; PRC sources call the same returns \"voluntary\".",
}
# The English term as the interface writes it (a regular expression), for the catalog check.
PATTERNS = {
    1: r"(?i:\bsky ?net\b)",
    2: r"(?i:\bfox hunt\b)",
    3: r"(?i:\bnational (?:supervisory|supervision) commission\b|\bnational commission of supervision\b)|\bNSC\b",
    4: r"(?i:\bcentral commission for discipline inspection\b)",
    5: r"(?i:\bpersuad\w* to return\b|\bpersuasion to return\b)",
    6: r"(?i:\binvoluntary returns?\b)",
    7: r"(?i:\btransnational repression\b)",
    8: r"(?i:\bextradition (?:treaty|treaties)\b)",
    9: r"(?i:\bmutual legal assistance\b)",
    10: r"(?i:\bsurrender of fugitive offenders\b)",
    11: r"(?i:\bred notices?\b)",
    12: r"(?i:\bnon-refoulement\b)",
    13: r"(?i:\bwritten(?:[- ]parliamentary)? questions?\b)",
    14: r"(?i:\boverseas (?:chinese )?police (?:service )?stations?\b)",
    15: r"(?i:\bdiplomatic assurances?\b)",
    16: r"(?i:\bnational security law\b)",
    17: r"(?i:\buyghurs?\b|\bxinjiang\b|\beast turk[ei]stan\b)",
    18: r"(?i:\bministry of public security\b)",
}
# Renderings read since, with their source, that the glossary does not have yet: (form, source, confidence, note).
FOUND = {
    (7, 'sv'): ('transnationell repression', 'kinacentrum.se/publikationer/kinas-transnationella-repression-fortryck-utanfor-landets-territorium/ (Nationellt kunskapscentrum om Kina, 2023-09-27: "benämns i många länder som transnationell repression"; it adds that Swedish debate has no settled term yet)', 'medium', "note 7: Säpo's own category is the narrower flyktingspionage"),
    (8, 'pl'): ('umowa o ekstradycji', 'prawo.pl/akty/dz-u-1980-14-46,16790525.html (Dz.U. 1980 nr 14 poz. 46, Umowa między PRL a Republiką Austrii o ekstradycji); sip.lex.pl (USA–Polska, Umowa o ekstradycji, Dz.U. 1999.93.1066)', 'high (mirror of the Dziennik Ustaw)', ''),
    (9, 'nl'): ('verdrag inzake wederzijdse rechtshulp in strafzaken', 'adoc.pub mirror of Kamerstukken 28 922 nr. 1 (Verdrag ... Hong Kong ... inzake wederzijdse rechtshulp in strafzaken, 2002); news.belgium.be (België–China, 2015)', 'high (mirror of a parliamentary paper)', ''),
    (9, 'pl'): ('umowa o wzajemnej pomocy prawnej w sprawach karnych', 'prawo.pl/akty/dz-u-2007-167-1175,17378744.html (Umowa ... Polska–Hongkong o wzajemnej pomocy prawnej w sprawach karnych, Dz.U. 2007 nr 167 poz. 1175)', 'high (mirror of the Dziennik Ustaw)', ''),
    (13, 'zh_Hans'): ('书面质询', 'stheadline.com/zh-hans/politics/3541989/ (Sing Tao, 2026-02-05, on the Hong Kong Legislative Council: "议员可在大会提出口头或书面质询")', 'medium', ''),
    (13, 'zh_Hant'): ('書面質詢', 'legco.gov.hk/general/chinese/procedur/companion/chapter_9/chapter_9.html (Legislative Council, 質詢); the compound 書面質詢 was read only in the Simplified source of zh_Hans', 'medium', ''),
}
# Where the glossary has no source, the rendering the interface uses, unreviewed: (form, note).
# Never a template warning: these carry no accepted forms.
INTERFACE = {
    (3, 'sv'): ('Kinas nationella tillsynskommission', 'descriptive rendering; note 3: pick one name per language and add 国家监察委员会 on first use'),
    (3, 'ug'): ('خىتاينىڭ دۆلەتلىك نازارەت كومىتېتى', 'descriptive rendering; note 3'),
    (6, 'nl'): ('onvrijwillige terugkeer', "literal rendering of Safeguard Defenders' term (note 15)"),
    (6, 'sv'): ('ofrivilligt återvändande', "literal rendering of Safeguard Defenders' term (note 15)"),
    (8, 'ug'): ('ئۆتكۈزۈپ بېرىش شەرتنامىسى', "built from the catalog's own ئۆتكۈزۈپ بېرىش (extradition) and شەرتنامە (treaty); check against RFA Uyghur"),
    (9, 'sv'): ('avtal om rättslig hjälp i brottmål', 'after the title of the Swedish statute on international legal assistance in criminal matters (not read in this session)'),
    (9, 'ug'): ('جىنايى ئىشلاردا ئۆز ئارا قانۇنىي ياردەم شەرتنامىسى', 'descriptive rendering'),
    (10, 'pl'): ('umowa z Hongkongiem o wydawaniu osób ściganych', 'after the Polish procedural term wydanie osoby ściganej; the official title of a Polish agreement was not found'),
    (10, 'sv'): ('avtal med Hongkong om överlämnande av efterlysta personer', 'descriptive rendering (note 9: not an extradition treaty in form)'),
    (10, 'ug'): ('خوڭكوڭ بىلەن تۈزۈلگەن قاچقۇن جىنايەتچىلەرنى ئۆتكۈزۈپ بېرىش كېلىشىمى', 'descriptive rendering (note 9)'),
    (11, 'sv'): ('röd efterlysning hos Interpol', 'the glossary\'s only Swedish reading is "efterlysning hos Interpol" (low); note 6: a Red Notice is not an arrest warrant'),
    (13, 'pl'): ('pytanie pisemne', "generic term as in the Polish letter templates; the Sejm's own procedures are interpelacja / zapytanie poselskie (shared/reference/parliaments.md)"),
    (13, 'ug'): ('يازما سوئال', 'the catalog\'s existing rendering ("Chamber (written questions)")'),
}
# fmt: on


def read_rows(md: str) -> tuple[dict, dict]:
    """Read each table row by (term number, locale), and each term's title."""
    sections = re.split(r"^## (\d+)\. (.+)$", md.split("## Notes on contested usage")[0], flags=re.M)
    rows, titles = {}, {}
    for i in range(1, len(sections), 3):
        number, title, body = int(sections[i]), sections[i + 1].strip(), sections[i + 2]
        titles[number] = title
        for line in body.splitlines():
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) >= 4 and cells[0] in LOCALES:
                rows[(number, cells[0])] = {"term": cells[1], "source": cells[2], "confidence": cells[3]}
    return rows, titles


def read_notes(md: str) -> dict[int, str]:
    """Read the numbered notes on contested usage."""
    notes_text = md.split("## Notes on contested usage")[1].split("## Gaps")[0]
    notes = {}
    for match in re.finditer(r"^(\d+)\. (.+?)(?=^\d+\. |\Z)", notes_text, flags=re.M | re.S):
        notes[int(match.group(1))] = re.sub(r"\s+", " ", match.group(2)).strip()
    return notes


def cell(key: tuple[int, str], row: dict, accepted: list[str] | None) -> dict:
    """One locale's entry: status, the term as read (None without a source), source, confidence, forms."""
    no_source = row["term"].startswith("no source")
    entry: dict = {
        "status": "no source" if no_source else "glossary",
        "term": None if no_source else row["term"],
        "source": None if row["source"] in ("—", "") else row["source"],
        "confidence": "no source" if no_source else row["confidence"],
    }
    if no_source and row["term"] != "no source":
        entry["remark"] = row["term"]
    if accepted:
        entry["accepted"] = accepted
        if no_source:
            entry["remark"] = "No rendering was found; the glossary's notes say to keep the English name."
    if key in FOUND or key in INTERFACE:
        assert no_source and not accepted, key  # never over the glossary, never a template check
        entry.update(beyond(key))
    return entry


def beyond(key: tuple[int, str]) -> dict:
    """A rendering the glossary does not have: found since (with its source) or the interface's choice."""
    if key in FOUND:
        form, source, confidence, note = FOUND[key]
        entry = {"status": "found", "term": form, "source": source, "confidence": confidence}
        return entry | ({"note": note} if note else {})
    form, note = INTERFACE[key]
    return {
        "status": "interface choice",
        "term": form,
        "source": None,
        "confidence": "unreviewed",
        "note": note,
    }


def transcribe(md: str) -> dict:
    """Build the data file's content from the glossary's Markdown."""
    rows, titles = read_rows(md)
    notes = read_notes(md)
    found: list[dict] = []
    for number, (ident, english, note_numbers, accepted) in TERMS.items():
        found.append({
            "id": ident, "number": number, "title": titles[number], "english": english,
            "english_pattern": PATTERNS[number],
            "contested": [{"note": n, "summary": SUMMARY[n], "text": notes[n]} for n in note_numbers],
            "locales": {loc: cell((number, loc), rows[(number, loc)], accepted.get(loc)) for loc in LOCALES},
        })  # fmt: skip
    return {"about": ABOUT, "terms": found}


ABOUT = (
    "Made by glossary_transcribe.py from shared/reference/glossary.md (multilingual glossary of PRC"
    " transnational repression terms); do not edit by hand. Per term: 'english' (the forms the"
    " template check looks for), 'english_pattern' (the regular expression the catalog check looks"
    " for), the contested notes; per locale: 'status' ('glossary': the glossary's cell; 'found':"
    " read since with its source, not yet in the glossary; 'interface choice': the glossary has no"
    " source, the rendering the interface uses, unreviewed; 'no source'), the term, its source and"
    " confidence; 'accepted' lists the forms the template check looks for (stems, so declined and"
    " plural forms match): a locale without 'accepted' is not checked in templates."
)

if __name__ == "__main__":
    data = transcribe(Path(sys.argv[1]).read_text(encoding="utf-8"))
    Path(sys.argv[2]).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
