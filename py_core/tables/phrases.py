"""Phrase lists for the sender-identity, consent, content and recipient rules, as data.

Each table is per language (NL/EN/DE/FR) or per kind and names its source. Patterns are regular
expressions matched case-insensitively on the draft's visible text (or on a label, a From name, an
address's local part, as the table says). ``keywords.union`` joins a table into one pattern on word
boundaries. Apostrophes are written ``['’]`` because editors turn ``'`` into ``’``.
"""

from __future__ import annotations

import re

from .keywords import WordScan, first_char_guard
from .keywords import union as _union


def union(table: dict[str, tuple[str, ...]], *, fold_case: bool = True) -> re.Pattern[str]:
    """``keywords.union`` with every space in a pattern matching any run of whitespace (text in
    emails breaks lines anywhere); ``fold_case=False`` for lower-case text, as there."""
    spaced = {lang: tuple(p.replace(" ", r"\s+") for p in patterns) for lang, patterns in table.items()}
    return _union(spaced, fold_case=fold_case)


# -- reason-missing -------------------------------------------------------------------------------
#: Sentences that tell the recipient why they get the message. Source: Carerix "Reden van ontvangst"
#: ("U ontvangt deze nieuwsbrief omdat u zich heeft ingeschreven bij ..."); the EN forms are the
#: permission reminders of Mailchimp ("You are receiving this email because you opted in via our
#: website") and the real corpus (Foundation, Mautic themes); DE/FR are the same sentence as German
#: and French newsletters write it ("Sie erhalten diese E-Mail, weil ...", "Vous recevez cet e-mail car ...").
_MAIL = r"(?:e-?mail|mail|nieuwsbrief|newsletter|bericht|mailing|message|nachricht|courriel|lettre|bulletin|update)s?"
#: Issue 9 (class 7) adds the phrasings seen in real and hand-written mail: the answer under a
#: "Waarom ontvang ik deze mail?" heading, "als klant van", "aan iedereen die zich ... heeft
#: aangemeld", "op onze mailinglijst", "You have received this message because", "as a registered
#: member", "Thank you for signing up", a list server's "You are currently subscribed to ... as",
#: "The e-mail address for your subscription is", and the answer to the recipient's own action in a
#: transactional mail ("Thank you for your order", "You recently requested"), and a salutation that
#: names the relation ("Dear GlobalSCAPE Customer", "Beste donateur"): the recipient is told they
#: get it as a customer, member, donor or subscriber.
_STATUS_NL = r"(?:klant|lid|leden|donateur|abonnee|relatie|deelnemer|gebruiker|vriend|vrijwilliger|ouder|student|member)s?"
_STATUS_EN = r"(?:customer|member|subscriber|donor|supporter|client|user|registrant|reader|patron|partner)s?"
_STATUS_DE = r"(?:kunde|kundin|mitglied|abonnent|abonnentin|spender|spenderin|nutzer|nutzerin|teilnehmer|teilnehmerin)(?:en|er|in|innen|s)?"
_STATUS_FR = r"(?:client|membre|abonné|donateur|adhérent|utilisateur|inscrit)e?s?"
_ASKED_NL = r"(?:aangemeld|ingeschreven|geabonneerd|opgegeven|geregistreerd|aangevraagd)"
REASON: dict[str, tuple[str, ...]] = {
    "nl": (
        rf"(?:u|je|jij) (?:ontvangt|ontvangen|krijgt|krijg) (?:deze|dit|onze|de|het) (?:\w+ ){{0,2}}{_MAIL},? (?:omdat|want|aangezien|daar|als|in verband met)",
        # any name of the mailing ("Je krijgt deze uitagenda omdat je ooit tickets bij ons kocht")
        r"(?:u|je|jij) (?:ontvangt|krijgt) (?:deze|dit) (?:\w+ ){0,2}?[\w-]+,? (?:omdat|aangezien) (?:u|je|jij)",
        r"omdat (?:u|je|jij) (?:\w+ ){0,4}?(?:bij ons|van ons|in onze \w+) (?:hebt |heeft |heb )?(?:kocht|kochten|gekocht|bestelde|besteld|boekte|geboekt|reserveerde)",
        rf"deze {_MAIL} (?:is|wordt) (?:verstuurd|verzonden|gestuurd) (?:naar|aan) .{{0,80}}?(?:omdat|want|aangezien)",
        rf"(?:verstuurd|verzonden|gestuurd) (?:naar|aan) (?:iedereen|alle \w+|u|jou|je|onze \w+) die .{{0,80}}?(?:{_ASKED_NL}|{_STATUS_NL})",
        r"(?:u|je|jij) (?:bent|staat) (?:ingeschreven|aangemeld|geabonneerd|geregistreerd) (?:voor|bij|op|als)",
        r"(?:u|je|jij) (?:staat|stond) (?:op|in) (?:onze|de|deze|het|ons) (?:\w+ ){0,2}(?:mailinglijst|verzendlijst|mailinglist|lijst|adressenbestand|klantenbestand|bestand|database)",
        rf"(?:u|je|jij) (?:hebt|heeft|heb) (?:zich|je|jezelf|u) (?:\w+ ){{0,3}}?{_ASKED_NL} (?:voor|bij|op|via|als)",
        r"omdat (?:u|je|jij) (?:zich|je|jezelf) (?:heeft|hebt|heb) (?:aangemeld|ingeschreven|geabonneerd)",
        rf"omdat (?:u|je|jij) (?:\w+ )?{_STATUS_NL} (?:bent|was|bij|van)",
        rf"(?:u|je|jij) (?:bent|was) (?:\w+ ){{0,2}}?{_STATUS_NL} (?:van|bij)",
        rf"als (?:\w+ )?{_STATUS_NL} (?:van|bij) .{{0,60}}?(?:ontvangt|krijgt|ontvang|krijg) (?:u|je|jij)",
        # the answer under the question ("Waarom ontvang ik deze mail? Je bent donateur van ...")
        rf"waarom (?:ontvang|krijg) (?:ik|je|u) (?:deze|dit|de|het|onze) (?:\w+ ){{0,2}}{_MAIL}\s?\?\W{{0,5}}\w+ \w+ \w+",
        r"bedankt voor (?:je|uw) (?:aanmelding|inschrijving|bestelling|aankoop|registratie|donatie|deelname|steun)",
        rf"(?:beste|geachte|lieve) (?:\w+ )?{_STATUS_NL}\b",
    ),
    "en": (
        rf"you(?:['’]re| are| were|['’]ve| have)? (?:receiving|getting|receive|received|get|got|been sent) (?:this|it|these) (?:\w+ ){{0,2}}(?:{_MAIL} )?(?:because|as|since)\b",
        rf"this {_MAIL} (?:was|is|has been) sent to .{{0,80}}?because",
        r"you(?:['’]re| are)(?: currently| now| still)? (?:subscribed|signed up|registered) (?:to|for|with|as|at)",
        r"you(?:['’]ve| have)? (?:opted in|opted-in|signed up|subscribed|registered) (?:to|for|via|on|at|with|as)",
        r"you(?:['’]re| are) on (?:this|our|the) (?:\w+ )?(?:mailing )?list because",
        r"because you (?:have )?(?:signed up|subscribed|registered|opted in|opted-in|joined|requested|asked|are a|were a)",
        r"because you (?:once |previously |recently |have )?(?:bought|purchased|ordered|booked) (?:\w+ ){0,4}?(?:from|with|at) us",
        r"when you (?:registered|signed up|subscribed|joined|created your account)\W.{0,80}?you (?:indicated|asked|agreed|chose|opted)",
        rf"as a (?:registered|valued|current|former|loyal) {_STATUS_EN}",
        r"as a result of (?:an? |your )?opt-?in",
        r"(?:individuals|people|persons|those|subscribers|members|customers) who (?:have )?(?:asked|requested|opted in|signed up|agreed|chosen) to (?:receive|be (?:informed|notified|kept))",
        rf"dear (?:valued |loyal )?(?:\w+ )?{_STATUS_EN}\b(?! (?:service|care|support|team|relations|success))",
        r"(?:e-?mail )?address for your subscription",
        r"your subscribed e-?mail address",
        # "Thank you" may be a heading above "for your order" (\s: across the blocks)
        r"thank(?:s| you)\s{1,8}for (?:signing up|subscribing|registering|joining|your order|your purchase|your subscription|trying|your interest in|participating|entering|taking part|your participation|your donation|your support)",
        r"you recently (?:requested|signed up|registered|subscribed|created|made|placed|asked)",
        r"(?:has|have) invited you to",
        r"this (?:e-?mail|message) is (?:the|your) (?:receipt|confirmation)",
        r"(?:please )?confirm your (?:subscription|e-?mail address|sign-?up)",
        r"your order (?:has|was) (?:shipped|been shipped|been received|been placed|confirmed)",
        r"your account (?:settings )?(?:has|have) been (?:updated|changed|created)",
    ),
    "de": (
        rf"(?:sie|du) (?:erhalten|erhältst|erhälst|bekommen|bekommst) (?:diese|diesen|dieses|unseren|unsere|den|die) (?:\w+ ){{0,2}}{_MAIL},? (?:weil|da|als)\b",
        r"(?:sie|du) (?:erhalten|erhältst|bekommen|bekommst) (?:diese|diesen|dieses) (?:\w+ ){0,2}?[\w-]+, (?:weil) (?:sie|du)",
        r"weil (?:sie|du) (?:\w+ ){0,4}?bei uns (?:\w+ )?(?:gekauft|bestellt|gebucht)",
        r"(?:sie|du) (?:haben|hast) sich (?:für|zu|bei) (?:unseren|unsere|den|diesen|dem|der|uns) (?:\w+ ){0,2}(?:newsletter|e-mails?|infos?|verteiler|mailingliste)? ?(?:angemeldet|eingetragen|registriert)",
        r"(?:ihre|deine) (?:e-mail-adresse|e-mail adresse|adresse) (?:ist|wurde) (?:in|für) (?:unseren|unsere|den|die) (?:\w+ ){0,2}(?:newsletter|verteiler|liste|mailingliste)",
        rf"(?:als|weil sie|weil du) (?:\w+ )?{_STATUS_DE}\b",
        r"danke (?:für|fur) (?:ihre|deine) (?:anmeldung|registrierung|bestellung|teilnahme|spende|unterstützung)",
        rf"(?:liebe|lieber|sehr geehrte|sehr geehrter) (?:\w+ )?{_STATUS_DE}\b",
    ),
    "fr": (
        rf"vous (?:recevez|avez reçu) (?:cet|ce|cette|notre|ces) (?:\w+ ){{0,2}}{_MAIL},? (?:car|parce que|parce qu['’]|puisque|en tant que|en qualité de|suite à)",
        # the tu-forms ("Tu reçois cette lettre parce que tu t'es abonné(e)")
        rf"tu (?:reçois|as reçu) (?:cet|ce|cette|notre|ces) (?:\w+ ){{0,2}}{_MAIL},? (?:car|parce que|parce qu['’]|puisque|en tant que|en qualité de|suite à)",
        r"vous (?:êtes|etes) (?:inscrit|abonné)(?:e|s|es)? (?:à|a|sur|pour|au|aux)",
        r"tu (?:es|étais) (?:inscrit|abonné)(?:e|s|es)? (?:à|a|sur|pour|au|aux)",
        r"vous vous (?:êtes|etes) (?:inscrit|abonné)(?:e|s|es)?",
        r"tu t['’](?:es|étais) (?:inscrit|abonné)(?:e|s|es)?",
        rf"en qualité de {_STATUS_FR}",
        r"parce que (?:vous avez|tu as) (?:déjà )?(?:acheté|commandé|réservé) (?:\w+ ){0,4}?chez nous",
        r"votre (?:adresse|e-?mail|adresse e-?mail) (?:nous )?a été (?:fournie|communiquée|collectée|enregistrée|inscrite)",
        rf"en tant que {_STATUS_FR}",
        r"merci (?:pour|de) (?:votre|ton) (?:inscription|abonnement|commande|achat|participation|don|soutien)",
        rf"(?:cher|chère|chers|chères) (?:\w+ )?{_STATUS_FR}\b",
    ),
}
REASON_RE = union(REASON)


def _expand_leading(pattern: str) -> list[str]:
    """``(?:u|je|jij) ontvangt …`` -> ``u ontvangt …``, ``je ontvangt …``, ``jij ontvangt …``: an
    alternative that starts with a literal character lets the regex engine skip it at a glance."""
    match = re.match(r"\(\?:([\w|'’ -]+)\) ", pattern)
    if match is None:
        return [pattern]
    return [f"{word} {pattern[match.end() :]}" for word in match.group(1).split("|")]


#: In :data:`REASON_LOWER_RE` a "." of ``.{0,80}`` also crosses one line break (a wrapped line,
#: a ``<br>``), never an empty line (a paragraph break): the sentence may be hard-wrapped.
_ANY_IN_PARAGRAPH = r"(?:[^\n]|\n(?! ?\n))"
_REASON_ALTERNATIVES = "|".join(
    re.sub(r"(?<!\\)\.(?=\{)", lambda _: _ANY_IN_PARAGRAPH, q.replace(" ", "[ \n]"))
    for patterns in REASON.values()
    for p in patterns
    for q in _expand_leading(p)
)
if re.search(r"(?<!\\)[A-Z]", _REASON_ALTERNATIVES.replace(r"\W", "").replace(r"\S", "")):  # pragma: no cover
    raise ValueError("REASON patterns are matched on lower-case text: write them in lower case")
#: :data:`REASON` matched case-sensitively on text made lower case with runs of blanks folded to
#: one space (:func:`has_reason`); a space of a pattern is one space or line break, and a
#: ``.{0,80}`` stays within a paragraph (:data:`_ANY_IN_PARAGRAPH`). About 10x
#: faster than :data:`REASON_RE` (``re.IGNORECASE`` makes the engine enter every alternative at
#: every word, and ``\s`` is a category test where ``[ \n]`` is a set of two).
REASON_LOWER_RE = re.compile(rf"{first_char_guard(_REASON_ALTERNATIVES)}(?<!\w)(?:{_REASON_ALTERNATIVES})(?!\w)")
_REASON_SCAN = WordScan(REASON_LOWER_RE)


def has_reason(text: str) -> bool:
    """Whether ``text`` says why the recipient gets the message (:data:`REASON`). Lines stay
    lines (a ``.{0,80}`` part never crosses a paragraph break); give it the prose of a
    document (:attr:`~py_core.document.DraftDocument.prose`) to read hard-wrapped sentences."""
    folded = _BLANKS.sub(" ", text.lower()).replace(" \n", "\n").replace("\n ", "\n")
    # The footer first: a match that starts in the last _REASON_TAIL characters is a match of the
    # whole text (``search`` from a position sees the text before it, as lookbehinds need), and a
    # mailing says why it is sent in its footer. Only without one there is the whole text read
    # (again): a 1 MB newsletter's reason was found after reading all of it.
    tail = len(folded) - _REASON_TAIL
    if tail > 0 and _REASON_SCAN.search(folded, tail) is not None:
        return True
    return _REASON_SCAN.search(folded) is not None


#: How much of the end of a text :func:`has_reason` reads first (a footer is shorter).
_REASON_TAIL = 4000


#: Runs of whitespace other than line breaks (spaces, tabs, no-break spaces) that are not one
#: plain space: two or more blanks, or one other than a space. :func:`has_reason` folds them to one
#: space, which is folding every run (a lone space stays a space) without a match per word gap;
#: next to a line break they go (an indented line of the HTML source: "You\n        are receiving").
_BLANKS = re.compile(r"[^\S\n][^\S\n]+|[^\S \n]")


#: Platform placeholders that print the list's permission reminder. Source: REFERENCES.md
#: (Mailchimp ``*|LIST:DESCRIPTION|*``, "the list's permission reminder").
REASON_PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "mailchimp": (r"\*\|\s*LIST:DESCRIPTION\s*\|\*",),
}

# -- sender-name-missing / organisation-missing ------------------------------------------------------
#: From names that name no one. Source: Tripolis rule 7 ("bedrijfsnaam in de ‘From-naam’") read with
#: the brief's examples; a From name made only of these words does not identify the organisation.
GENERIC_SENDER_WORDS: tuple[str, ...] = (
    "nieuwsbrief", "newsletter", "nieuws", "news", "info", "informatie", "information", "noreply", "no-reply",
    "no reply", "donotreply", "do not reply", "marketing", "team", "het team", "the team", "admin", "administrator",
    "beheer", "beheerder", "support", "service", "klantenservice", "customer service", "sales", "verkoop",
    "mailing", "mail", "e-mail", "email", "contact", "webmaster", "postmaster", "redactie", "editor", "updates",
    "update", "notifications", "notification", "meldingen", "system", "systeem", "hello", "hallo", "hi",
    "mailer", "bulletin", "aanbiedingen", "offers", "deals", "promotions", "kundenservice", "équipe",
)  # fmt: skip
GENERIC_SENDER_RE = re.compile(r"^(?:(?:" + "|".join(re.escape(w) for w in GENERIC_SENDER_WORDS) + r")[\s,.:&+/|-]*)+$", re.I)
#: Legal-form suffixes left out when comparing organisation names (NL: KvK rechtsvormen; BE, DE, UK,
#: US, FR common forms). "Acme B.V." and "ACME bv" are the same organisation.
LEGAL_SUFFIXES: tuple[str, ...] = (
    "b.v.", "bv", "n.v.", "nv", "v.o.f.", "vof", "c.v.", "cv", "bvba", "b.v.b.a.", "vzw", "v.z.w.", "bvba",
    "srl", "sprl", "stichting", "vereniging", "ltd", "ltd.", "limited", "plc", "llc", "l.l.c.", "inc", "inc.",
    "corp", "corp.", "co.", "gmbh", "ag", "e.v.", "ug", "kg", "ohg", "sa", "s.a.", "sarl", "s.a.r.l.", "sas",
)  # fmt: skip
#: Separators between a person and the organisation in a From name ("Anna van Acme", "Acme | Sales").
FROM_NAME_SEPARATORS_RE = re.compile(r"\s+(?:[|·•/:–—-]|van|from|at|bij|von|de la|chez|@)\s+|\s*[|·•]\s*", re.I)
#: Placeholders that print the organisation's name, per platform. Source: REFERENCES.md and the
#: platforms' merge-tag help (Mailchimp ``*|LIST:COMPANY|*``, HubSpot ``site_settings.company_name``,
#: SendGrid ``[Sender_Name]``).
ORG_PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    "mailchimp": (r"\*\|\s*LIST:COMPANY\s*\|\*",),
    "hubspot": (r"\{\{\s*site_settings\.company_name\s*\}\}",),
    "sendgrid": (r"\[Sender_Name\]",),
}

# -- noreply-sender -----------------------------------------------------------------------------------
#: Local parts of no-reply addresses (NL/EN/DE/FR). Source: common practice, the brief's examples
#: (noreply@, no-reply@, donotreply@, do-not-reply@, geen-antwoord@, nepasrepondre@).
NOREPLY_LOCAL_RE = re.compile(
    r"^(?:no[-_.]?reply|no[-_.]?respon[sd]e?|do[-_.]?not[-_.]?(?:reply|respond)|dont[-_.]?reply|"
    r"niet[-_.]?(?:beantwoorden|antwoorden)|geen[-_.]?(?:antwoord|reply)|nepasrepondre|ne[-_.]?pas[-_.]?repondre|"
    r"keine[-_.]?antwort|nicht[-_.]?antworten|bitte[-_.]?nicht[-_.]?antworten)(?:[-_.+][\w.+-]*)?$",
    re.I,
)

# -- consent-prechecked / consent-bundled ---------------------------------------------------------------
#: Words that make a checkbox's label about marketing consent. Source: Tripolis rule 2 ("een check box
#: standaard op ‘ja’ zetten is dus niet toegestaan"), Planet49; the words as sign-up forms use them.
CONSENT: dict[str, tuple[str, ...]] = {
    "nl": (r"nieuwsbrie(?:f|ven)\w*", r"aanbieding(?:en)?", r"acties", r"e-?mail\w*", r"updates?", r"toestemming", r"marketing\w*",
           r"mailings?", r"op de hoogte (?:houden|blijven|gehouden)", r"informeren", r"opt-?in", r"reclame", r"promoties"),
    "en": (r"newsletters?", r"offers?", r"promotions?", r"marketing", r"e-?mails?", r"updates?", r"consent", r"opt-?in",
           r"special deals?", r"news and offers", r"keep me (?:posted|informed|updated)"),
    "de": (r"newsletter", r"angebote", r"werbung", r"einwilligung", r"e-?mails?", r"informiert"),
    "fr": (r"newsletters?", r"offres", r"promotions?", r"consentement", r"e-?mails?", r"courriels?"),
}  # fmt: skip
CONSENT_RE = union(CONSENT)
#: Narrower than :data:`CONSENT`: words that make a label about *marketing* mail, for telling a
#: bundled box ("terms + newsletter") from a box that only mentions an e-mail address.
MARKETING: dict[str, tuple[str, ...]] = {
    "nl": (r"nieuwsbrie(?:f|ven)", r"aanbieding(?:en)?", r"acties", r"marketing\w*", r"reclame", r"promoties", r"mailings?",
           r"(?:ontvang|ontvangen|stuur|sturen|mailen) .{0,30}(?:e-?mails?|updates|berichten|informatie)"),
    "en": (r"newsletters?", r"offers?", r"promotions?", r"marketing", r"special deals?",
           r"(?:receive|send me|sending me|email me) .{0,30}(?:e-?mails?|updates|news|information)"),
    "de": (r"newsletter", r"angebote", r"werbung", r"(?:erhalten|zusenden) .{0,30}(?:e-?mails?|informationen)"),
    "fr": (r"newsletters?", r"offres", r"promotions?", r"(?:recevoir|m['’]envoyer) .{0,30}(?:e-?mails?|courriels?|informations)"),
}  # fmt: skip
MARKETING_RE = union(MARKETING)
#: A label that declines ("Ik wil geen nieuwsbrief", "Don't send me offers") is opt-out: checked is fine.
CONSENT_NEGATIVE_RE = re.compile(
    r"(?<!\w)(?:geen|niet|nee|no|not|don['’]?t|do not|never|nein|keine?n?|nicht|non|pas|ne)(?!\w)", re.I
)
#: Labels of options meaning "yes" in a consent ``<select>`` or radio group.
YES_RE = re.compile(r"^\s*(?:ja|yes|oui|j|y|ja,?\s.*|yes,?\s.*|oui,?\s.*|ik wil\b.*|i want\b.*|graag\b.*)\s*$", re.I)
#: Words of accepting terms and conditions. Source: the brief's example ("Ik ga akkoord met de
#: algemene voorwaarden en ontvang de nieuwsbrief"); consent must be separate from accepting terms
#: (GDPR art. 7(2) and recital 43: consent is not freely given when bundled with a contract).
TERMS: dict[str, tuple[str, ...]] = {
    "nl": (r"(?:algemene |actie)?voorwaarden", r"privacy(?:beleid|verklaring|statement)", r"akkoord", r"reglement"),
    "en": (r"terms(?: and conditions| of (?:service|use))?", r"conditions", r"privacy (?:policy|notice|statement)", r"i agree", r"i accept"),
    "de": (r"agb", r"allgemeinen geschäftsbedingungen", r"nutzungsbedingungen", r"datenschutz(?:erklärung|bestimmungen)"),
    "fr": (r"conditions générales", r"cgu", r"cgv", r"politique de confidentialité", r"j['’]accepte"),
}  # fmt: skip
TERMS_RE = union(TERMS)
#: Consent given "for us and our partners". Source: REFERENCES.md ("Vague consent for 'us and our
#: partners' was held unlawful by the former regulator OPTA").
PARTNERS: dict[str, tuple[str, ...]] = {
    "nl": (r"(?:wij|we|ons|onze organisatie) en (?:onze|haar) (?:partners|zusterbedrijven|dochterondernemingen)",
           r"(?:zorgvuldig )?geselecteerde (?:derden|partners|partijen)", r"(?:derden|partners) (?:die wij|die we|van ons)",
           r"en (?:andere )?derden"),
    "en": (r"(?:us|we) and our (?:\w+ )?partners", r"(?:carefully )?selected (?:third parties|partners)", r"third[- ]part(?:y|ies) partners?",
           r"our (?:trusted |marketing )?partners"),
    "de": (r"(?:uns|wir) und unsere(?:n)? partner", r"ausgewählte(?:n)? (?:partner|dritte)"),
    "fr": (r"(?:nous|nos) et nos partenaires", r"partenaires (?:soigneusement )?sélectionnés", r"tiers (?:soigneusement )?sélectionnés"),
}  # fmt: skip
PARTNERS_RE = union(PARTNERS)
#: Every :data:`PARTNERS` pattern contains one of these (lower-case); a text without any skips the scan.
PARTNERS_STEMS: tuple[str, ...] = ("partner", "derden", "third part", "dritte", "tiers", "partenaires", "geselecteerde")
#: The sentence around a partner phrase must be about receiving or consenting for it to be consent.
CONSENT_CONTEXT_RE = re.compile(
    r"toestemming|ontvang|mailen|e-?mail|informeren|benaderen|aanbieding|nieuwsbrief|consent|receive|contact|offers|"
    r"newsletter|marketing|einwillig|erhalten|angebote|consent|recevoir|offres|newsletter|akkoord|agree|accept",
    re.I,
)

# -- third-party-content ------------------------------------------------------------------------------
#: Wording that marks content as advertising for someone else. Source: Carerix "niet de bedoeling
#: [...] adverteren voor (activiteiten van) derden"; the labels are the ones the Reclamecode (NRC,
#: "herkenbaarheid van reclame"), the FTC endorsement guides ("sponsored", "paid partnership") and the
#: German/French press codes ("Anzeige", "publicité") prescribe for advertising.
THIRD_PARTY_STRONG: dict[str, tuple[str, ...]] = {
    "nl": (r"advertentie", r"advertorial", r"gesponsord(?:e)?", r"gesponsorde (?:inhoud|content|bijdrage)", r"partnerbijdrage",
           r"betaalde (?:samenwerking|bijdrage|partner\w*)"),
    "en": (r"advertisement", r"advertorial", r"sponsored(?: content| by| post)?", r"paid partnership", r"paid promotion",
           r"partner content", r"promoted content"),
    "de": (r"anzeige", r"werbeanzeige", r"gesponsert", r"bezahlte partnerschaft"),
    "fr": (r"publicité", r"publi-?rédactionnel", r"sponsorisé", r"contenu sponsorisé", r"partenariat rémunéré"),
}  # fmt: skip
THIRD_PARTY_WEAK: dict[str, tuple[str, ...]] = {
    "nl": (r"sponsor(?:en|s)?", r"aangeboden door", r"in samenwerking met", r"mede mogelijk gemaakt door"),
    "en": (r"sponsors?", r"presented by", r"brought to you by", r"in partnership with", r"in association with"),
    "de": (r"sponsoren?", r"präsentiert von", r"in zusammenarbeit mit"),
    "fr": (r"sponsors?", r"présenté par", r"en partenariat avec", r"en collaboration avec"),
}  # fmt: skip
THIRD_PARTY_STRONG_RE = union(THIRD_PARTY_STRONG)
THIRD_PARTY_WEAK_RE = union(THIRD_PARTY_WEAK)
#: Every pattern of the two tables above contains one of these (lower-case); a text without any
#: skips both scans.
THIRD_PARTY_STEMS: tuple[str, ...] = (
    "advert", "sponsor", "partner", "paid", "promoted", "anzeige", "gesponsert", "publi", "aangeboden",
    "samenwerking", "mogelijk gemaakt", "presented", "brought to you", "association", "präsentiert",
    "zusammenarbeit", "présenté", "partenariat", "collaboration", "betaalde",
)  # fmt: skip
#: Words that make a link promotional (a call to buy, book or claim) rather than editorial.
PROMOTIONAL: dict[str, tuple[str, ...]] = {
    "nl": (r"koop", r"kopen", r"bestel\w*", r"shop\w*", r"korting", r"aanbieding\w*", r"actie", r"deal", r"reserveer",
           r"boek nu", r"probeer", r"gratis", r"bekijk (?:het )?aanbod", r"profiteer", r"code", r"scoor", r"\d+%"),
    "en": (r"buy", r"shop\w*", r"order", r"discount", r"offer", r"deal", r"sale", r"save", r"coupon", r"promo",
           r"book now", r"try", r"free", r"get it", r"claim", r"\d+%\s*off", r"learn more about our partner"),
    "de": (r"kaufen", r"bestellen", r"rabatt", r"angebot", r"gutschein", r"jetzt sichern"),
    "fr": (r"acheter", r"commander", r"réduction", r"promo", r"offre", r"profitez"),
}  # fmt: skip
PROMOTIONAL_RE = union(PROMOTIONAL)
#: :data:`PROMOTIONAL` for lower-case text (case-sensitive, grouped by first letter: a scan of a
#: draft's whole text is several times faster than :data:`PROMOTIONAL_RE`'s ``re.IGNORECASE``).
PROMOTIONAL_LOWER_RE = union(PROMOTIONAL, fold_case=False)
#: The two read over a whole text (:class:`~py_core.tables.keywords.WordScan`).
PROMOTIONAL_SCAN = WordScan(PROMOTIONAL_RE)
PROMOTIONAL_LOWER_SCAN = WordScan(PROMOTIONAL_LOWER_RE)
#: Letters ``re.IGNORECASE`` matches to a Latin letter other than their lower case (``re._casefix``:
#: dotless ``ı`` matches ``i``, long ``ſ`` matches ``s``): a text with one is read with the
#: ``re.IGNORECASE`` pattern (as one whose lower case changes length).
FOLDS_OTHERWISE = re.compile("[\u0131\u017f]")
#: Registrable domains whose links are not third-party advertising: social networks (follow us),
#: email platforms (tracking, archives, preference centres), maps, app stores, web standards.
#: Source: each service's public domain; grouped here so that a "follow us on Instagram" row or a
#: Mailchimp tracking link is not counted as an advert.
NOT_THIRD_PARTY_DOMAINS: dict[str, tuple[str, ...]] = {
    "social": ("facebook.com", "fb.com", "fb.me", "instagram.com", "twitter.com", "x.com", "linkedin.com", "youtube.com",
               "youtu.be", "tiktok.com", "pinterest.com", "whatsapp.com", "wa.me", "t.me", "telegram.me", "threads.net",
               "mastodon.social", "bsky.app", "snapchat.com", "vimeo.com", "flickr.com", "tumblr.com", "reddit.com",
               "medium.com", "github.com", "discord.gg", "discord.com", "spotify.com", "soundcloud.com", "xing.com"),
    "esp": ("list-manage.com", "mailchimp.com", "mcusercontent.com", "campaign-archive.com", "eepurl.com", "mcsv.net",
            "sendgrid.net", "sendgrid.com", "hubspot.com", "hubspotlinks.com", "hs-sites.com", "hubspotemail.net",
            "klaviyo.com", "klclick.com", "mailjet.com", "mjt.lu", "brevo.com", "sendinblue.com", "sibforms.com",
            "createsend.com", "createsend1.com", "cmail19.com", "cmail20.com", "activehosted.com", "acemlna.com",
            "copernica.com", "mautic.org", "listmonk.app", "sendy.co", "mailcoach.app", "tripolis.com", "carerix.com",
            "mailerlite.com", "constantcontact.com", "rs6.net", "postmarkapp.com", "sendwithus.com", "mandrillapp.com"),
    "maps": ("maps.google.com", "goo.gl", "maps.app.goo.gl", "maps.apple.com", "openstreetmap.org", "waze.com",
             "bing.com", "here.com"),
    "apps": ("apps.apple.com", "itunes.apple.com", "play.google.com", "apple.com", "microsoft.com"),
    "web": ("w3.org", "schema.org", "example.com", "example.org", "example.net", "example.nl", "gravatar.com",
            "googleapis.com", "gstatic.com", "cloudfront.net", "placehold.it", "placeholder.com", "via.placeholder.com"),
}  # fmt: skip
#: Query parameters that mark an affiliate link (Amazon Associates ``tag=``; Awin ``awc``; Rakuten
#: ``ranMID``; Impact ``irclickid``; generic ``aff_id``/``affiliate``). ``utm_*`` is campaign
#: tracking, not affiliation, and is deliberately absent.
AFFILIATE_PARAMS_RE = re.compile(
    r"(?:^|[?&;])(?:aff|aff_?id|affid|affiliate(?:_?id)?|aff_sub\d?|clickref|irclickid|ranmid|ransiteid|awc|"
    r"partner_?id|subid|tduid|ref|referral|refid)=",
    re.I,
)
#: ``tag=`` is affiliate only on Amazon (Associates tracking id).
AMAZON_HOST_RE = re.compile(r"(?:^|\.)amazon\.[a-z.]+$|(?:^|\.)amzn\.(?:to|eu)$", re.I)
#: Hosts of affiliate networks: any link through them is affiliate. Source: the networks' own
#: tracking domains (Awin, Tradedoubler, TradeTracker, Daisycon, Rakuten, ShareASale, CJ, Impact,
#: Skimlinks, bol.com partnerprogramma).
AFFILIATE_HOSTS: tuple[str, ...] = (
    "awin1.com", "tradedoubler.com", "tradetracker.net", "ds1.nl", "lt45.net", "linksynergy.com", "shareasale.com",
    "anrdoezrs.net", "dpbolvw.net", "jdoqocy.com", "kqzyfj.com", "tkqlhce.com", "impact.com", "sjv.io",
    "skimresources.com", "partner.bol.com", "partnerprogramma.bol.com", "amzn.to",
)  # fmt: skip
#: Second-level labels under which a registrable domain has three labels (``acme.co.uk``).
SECOND_LEVEL_SUFFIXES: frozenset[str] = frozenset(
    {"co.uk", "org.uk", "ac.uk", "gov.uk", "com.au", "net.au", "org.au", "co.nz", "com.br", "co.jp", "co.za", "com.tr", "com.mx"}
)

# -- logo-missing ---------------------------------------------------------------------------------------
#: An image is a logo when its alt, src, class or id says so. Source: Tripolis rule 7 ("in het
#: template het logo"); the word in NL/EN/DE/FR.
#: "header image" is the slot template builders reserve for the sender's logo (Mailchimp's
#: ``mc:edit="header_image"``/``id="headerImage"``), and "company name" the alt text templates ship
#: for it before the sender fills in their own.
LOGO_RE = re.compile(
    r"logo|brand(?:mark|ing)?|beeldmerk|wordmark|emblem|embl[eè]me|header[ _-]?image|company[ _-]?name|bedrijfsnaam", re.I
)
#: A logo is small and wide: an image at the top at most this wide (px) and at least this many times
#: as wide as high is logo-shaped (Cerberus's logo slot is 200x50; banners are 600 px wide).
LOGO_MAX_WIDTH = 300
LOGO_MIN_ASPECT = 2.0
