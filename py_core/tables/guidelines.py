"""The sources every rule rests on, and the checklist of every guideline line.

``SOURCES`` names each guideline line, law article or platform requirement a finding can cite
(a rule's ``basis``). ``CHECKLIST`` has one line per guideline of both Dutch documents in
``shared/guidelines/`` (Tripolis anti-spam guidelines: the introduction, seven rules, complaints and
"respect the recipient"; Carerix mailing guidelines: the introduction and six headings), each tied
to the rules that can show it in a draft or marked as a duty the sender must confirm (what a draft
cannot show: proof of consent, imports, bounce handling), with the guideline lines it stands for.
``GUIDELINE_LINES`` and ``NOT_DUTIES`` keep a copy of both documents' line structure, so
``tests/py/test_guideline_coverage.py`` can show every line is mapped; ``docs/guideline-coverage.md``
is generated from them.

Over ~400 lines because it is a data table: the guideline texts and their mapping, kept
whole so it can be compared line by line with the documents.
"""

from __future__ import annotations

from typing import TypedDict


class Source(TypedDict):
    """A citable source: who says it, a short title in both languages, and the original words."""

    document: str
    title: dict[str, str]
    quote: str


SOURCES: dict[str, Source] = {
    # Telecommunicatiewet, the law behind both guidelines.
    "tw-11.7": {
        "document": "Telecommunicatiewet art. 11.7",
        "title": {
            "nl": "Telecommunicatiewet artikel 11.7 (spamverbod)",
            "en": "Dutch Telecommunications Act art. 11.7 (spam ban)",
        },
        "quote": "Het verzenden van ongevraagde communicatie voor commerciële, ideële of charitatieve doeleinden "
        "is alleen toegestaan met voorafgaande toestemming; elk bericht biedt een kosteloze afmeldmogelijkheid.",
    },
    "planet49": {
        "document": "EU Court of Justice C-673/17 (Planet49), 2019",
        "title": {
            "nl": "HvJ EU Planet49: een vooraf aangevinkt vakje is geen toestemming",
            "en": "CJEU Planet49: a pre-ticked box is not consent",
        },
        "quote": "Consent is not validly constituted by way of a pre-checked checkbox.",
    },
    # Tripolis anti-spam guidelines (shared/guidelines/tripolis-anti-spam-richtlijnen.txt).
    "tripolis-1": {
        "document": "Tripolis anti-spam richtlijnen, regel 1",
        "title": {"nl": "Alleen mailen met expliciete voorafgaande toestemming", "en": "Mail only with explicit prior consent"},
        "quote": "Gebruikers van Tripolis mogen alleen e-mails versturen naar ontvangers die vooraf expliciet "
        "toestemming hebben gegeven [...] Je dient deze toestemming ook tot 5 jaar na de laatste verzending te kunnen bewijzen.",
    },
    "tripolis-2": {
        "document": "Tripolis anti-spam richtlijnen, regel 2",
        "title": {"nl": "Werk met actieve voorafgaande toestemming", "en": "Use active prior consent"},
        "quote": "Uitdrukkelijk betekent dat een abonnee zelf een kruisje op een webformulier moet zetten of ‘ja’ "
        "moet invullen. Een check box standaard op ‘ja’ zetten is dus niet toegestaan.",
    },
    "tripolis-3": {
        "document": "Tripolis anti-spam richtlijnen, regel 3",
        "title": {"nl": "Geen ongevraagde bulk- of commerciële e-mail", "en": "No unsolicited bulk or commercial email"},
        "quote": "Het verzenden van ongevraagde bulk e-mail en ongevraagde commerciële e-mail via Tripolis is uitdrukkelijk verboden.",
    },
    "tripolis-4": {
        "document": "Tripolis anti-spam richtlijnen, regel 4",
        "title": {
            "nl": "Uitzondering: eigen klanten, soortgelijke producten",
            "en": "Exception: own customers, similar products",
        },
        "quote": "De wet verplicht wel dat het e-mailbericht betrekking moet hebben op een soortgelijke product of "
        "dienst. Voorwaarde is ook dat de ontvanger zich eenvoudig kan uitschrijven voor toekomstige e-mailberichten.",
    },
    "tripolis-5": {
        "document": "Tripolis anti-spam richtlijnen, regel 5",
        "title": {"nl": "Alleen opt-in bestanden importeren", "en": "Import only opt-in lists"},
        "quote": "Gebruikers van Tripolis mogen alleen opt-in bestanden importeren in Tripolis. Wanneer het een "
        "bestand van derden betreft, dient de gebruiker dit bestand zorgvuldig te controleren op de verkregen toestemming.",
    },
    "tripolis-6": {
        "document": "Tripolis anti-spam richtlijnen, regel 6",
        "title": {
            "nl": "Elke e-mail heeft een automatische uitschrijflink",
            "en": "Every email has an automatic unsubscribe link",
        },
        "quote": "Elke e-mail die via Tripolis verstuurd wordt moet voorzien zijn van een automatische uitschrijflink "
        "[...] Er mogen geen voorwaarden gesteld worden aan het uitschrijven en het mag geen handmatig proces zijn.",
    },
    "tripolis-7": {
        "document": "Tripolis anti-spam richtlijnen, regel 7",
        "title": {"nl": "Identiteit en herkenbaarheid van de verzender", "en": "Identity and recognisability of the sender"},
        "quote": "Dit kan door standaard de bedrijfsnaam in de ‘From-naam’ op te nemen. Verder moeten in het template "
        "het logo, de naam en de adresgegevens opgenomen zijn. Het moet voor de ontvangers direct duidelijk zijn hoe "
        "ze contact kunnen opnemen via een geldig postadres of telefoonnummer.",
    },
    "tripolis-respect": {
        "document": "Tripolis anti-spam richtlijnen, slot",
        "title": {
            "nl": "Respecteer de ontvanger: verwerk bounces, klachten en non-response; lijsthygiëne",
            "en": "Respect the recipient: process bounces, complaints and non-response; list hygiene",
        },
        "quote": "Zorg ervoor dat de content technisch in orde is. Verwerk bounces, klachten en non-response op "
        "regelmatige basis en zorg voor een goede lijst hygiëne.",
    },
    # Carerix mailing guidelines (shared/guidelines/carerix-mailing-richtlijnen.txt).
    "carerix-sender": {
        "document": "Carerix mailing richtlijnen: herkenbaar als afzender",
        "title": {"nl": "Je bent duidelijk herkenbaar als afzender", "en": "You are clearly recognisable as the sender"},
        "quote": "Geef in je bericht daarom duidelijk aan dat de mailing van jou afkomstig is.",
    },
    "carerix-own-activities": {
        "document": "Carerix mailing richtlijnen: eigen activiteiten",
        "title": {"nl": "Inhoud gaat over je eigen activiteiten", "en": "Content concerns your own activities"},
        "quote": "Het is niet de bedoeling dat de faciliteiten van Carerix worden misbruikt om te adverteren voor (activiteiten van) derden.",
    },
    "carerix-reason": {
        "document": "Carerix mailing richtlijnen: reden van ontvangst",
        "title": {"nl": "Vermeld de reden van ontvangst", "en": "State why the recipient receives the message"},
        "quote": "Geef in het bericht duidelijk aan waarom de geadresseerde het bericht heeft ontvangen, bijvoorbeeld: "
        '"U ontvangt deze nieuwsbrief omdat u zich heeft ingeschreven bij [naam van jouw organisatie]"',
    },
    "carerix-optin": {
        "document": "Carerix mailing richtlijnen: opt-in / opt-out",
        "title": {
            "nl": "Opt-in met bewijs, en altijd een duidelijke afmeldmogelijkheid",
            "en": "Opt-in with proof, and always a clear way to opt out",
        },
        "quote": 'Je dient daarom gebruik te maken van een "Opt in" regeling, waarbij je kunt aantonen dat de '
        "ontvanger toestemming heeft gegeven [...] geef de ontvanger altijd een duidelijke mogelijkheid om in de "
        "toekomst dergelijke berichten niet meer te ontvangen.",
    },
    "carerix-provider": {
        "document": "Carerix mailing richtlijnen: voorwaarden van de provider",
        "title": {"nl": "Houd je aan de voorwaarden van de provider", "en": "Keep to the provider's terms"},
        "quote": "Wij zijn gebonden aan de volgende voorwaarden die onze provider aan ons stelt: Terms and conditions.",
    },
    "carerix-twice": {
        "document": "Carerix mailing richtlijnen: voorkom dubbele verzending",
        "title": {"nl": "Voorkom dubbele verzending", "en": "Do not send twice"},
        "quote": "Wees niet ongeduldig door meerdere malen op de knop te klikken: De mailing wordt dan meerdere malen "
        "verstuurd! [...] Niet zomaar herhalen, maar eerst uitzoeken of de eerste al dan niet verstuurd is!",
    },
    "tripolis-specific-sender": {
        "document": "Tripolis anti-spam richtlijnen, inleiding",
        "title": {
            "nl": "Toestemming voor deze specifieke afzender",
            "en": "Consent for this specific sender",
        },
        "quote": "Spam wordt verstuurd aan geadresseerden die niet duidelijk en verifieerbaar voorafgaand toestemming "
        "hebben gegeven deze informatie via e-mail te willen ontvangen van de specifieke zender.",
    },
    "tripolis-b2b": {
        "document": "Tripolis anti-spam richtlijnen, inleiding",
        "title": {"nl": "Ook zakelijke adressen (B2B) vragen toestemming", "en": "Business addresses (B2B) need consent too"},
        "quote": "Het maakt dus niet uit of iemand een ongevraagd bericht verstuurt naar een persoon of naar een "
        "zakelijke instelling. Beide verzendingen zijn verboden.",
    },
    "tripolis-senders": {
        "document": "Tripolis anti-spam richtlijnen, inleiding",
        "title": {
            "nl": "Wie verstuurt én de opdrachtgever zijn verzender",
            "en": "Both who presses Send and the principal are senders",
        },
        "quote": "De verzender die de feitelijke verzending verricht (op de verzendknop drukt); De verzender die de "
        "afzender is (de opdrachtgever van de verzending). Voor beide partijen gelden dus de regels uit de Telecommunicatiewet.",
    },
    "tripolis-2-informed": {
        "document": "Tripolis anti-spam richtlijnen, regel 2",
        "title": {
            "nl": "Toestemming noemt de aard van de inhoud en hoe vaak",
            "en": "Consent states the nature of the content and how often",
        },
        "quote": "De ontvanger dient dus op de hoogte te zijn wat de aard van de inhoud van mailingen zal zijn en hoe "
        "vaak de mailingen worden verzonden.",
    },
    "tripolis-2-double-optin": {
        "document": "Tripolis anti-spam richtlijnen, regel 2",
        "title": {
            "nl": "Double opt-in met een neutrale bevestigingsmail (advies)",
            "en": "Double opt-in with a neutral confirmation mail (advised)",
        },
        "quote": "Tripolis Solutions adviseert haar verzenders de toestemming eerst te verifiëren bij de ontvanger [...] "
        "na de aanmelding een neutrale bevestigingse-mail krijgt waarin de ontvanger de toestemming kan bevestigen.",
    },
    "tripolis-complaints": {
        "document": "Tripolis anti-spam richtlijnen, klachten",
        "title": {
            "nl": "Klachten schriftelijk beantwoorden met bewijs van opt-in, binnen 48 uur opgelost",
            "en": "Complaints answered in writing with proof of opt-in, solved within 48 hours",
        },
        "quote": "Indien wij een klacht ontvangen over een mailing, dan leggen wij deze eerst bij de verzender voor met de "
        "vraag om een schriftelijke reactie, inclusief een bewijs van opt-in. [...] Indien een reactie en de bijbehorende "
        "oplossing van het probleem [...] niet binnen 48 uur wordt verkregen, zijn we gerechtigd de toegang [...] te ontzeggen.",
    },
    "tripolis-respect-info": {
        "document": "Tripolis anti-spam richtlijnen, slot",
        "title": {
            "nl": "Geef de ontvanger de informatie waar hij om vroeg",
            "en": "Give recipients the information they asked for",
        },
        "quote": "Last but not least: respecteer de ontvanger. Geef de ontvanger de relevante informatie waar hij/zij om heeft gevraagd.",
    },
    "tripolis-technical": {
        "document": "Tripolis anti-spam richtlijnen, slot",
        "title": {"nl": "De content is technisch in orde", "en": "The content is technically in order"},
        "quote": "Zorg ervoor dat de content technisch in orde is.",
    },
    "carerix-groups": {
        "document": "Carerix mailing richtlijnen: inleiding, opt-in / opt-out",
        "title": {
            "nl": "Mailen naar een groep via Carerix \u201cGroepen\u201d",
            "en": "Mail a group through Carerix \u201cGroups\u201d",
        },
        "quote": 'Je wilt een mailing versturen naar een groep Kandidaten of Contactpersonen. [...] De "Groepen" in '
        "Carerix zijn daarvoor heel geschikt.",
    },
    "carerix-final": {
        "document": "Carerix mailing richtlijnen: tot slot",
        "title": {
            "nl": "Kun je niet aan de richtlijnen voldoen, verstuur dan niet",
            "en": "If you cannot meet the guidelines, do not send",
        },
        "quote": "Kan je niet voldoen aan bovenstaande richtlijnen, verstuur de mailing dan niet.",
    },
    # Other regimes and platform requirements (shared/REFERENCES.md).
    "can-spam": {
        "document": "US CAN-SPAM Act (15 U.S.C. 7704)",
        "title": {
            "nl": "CAN-SPAM: geldig postadres, duidelijke afmelding, herkenbare afzender",
            "en": "CAN-SPAM: valid postal address, clear opt-out, accurate sender",
        },
        "quote": "A valid physical postal address; a clear and conspicuous opt-out that works for 30 days; accurate header information.",
    },
    "casl": {
        "document": "Canada's Anti-Spam Legislation (CASL)",
        "title": {
            "nl": "CASL: afzender, adres en contact, afmelden zonder inloggen",
            "en": "CASL: sender, address and contact, unsubscribe without login",
        },
        "quote": "Identify the sender, a mailing address and a phone number, email or web address; an unsubscribe "
        "mechanism that is clear and prominent and works without login; a pre-ticked box is not express consent.",
    },
    "bulk-sender": {
        "document": "Gmail and Yahoo bulk sender requirements (February 2024)",
        "title": {
            "nl": "Gmail/Yahoo: één-klik-afmelden en zichtbare afmeldlink",
            "en": "Gmail/Yahoo: one-click unsubscribe and a visible link",
        },
        "quote": "List-Unsubscribe and List-Unsubscribe-Post: List-Unsubscribe=One-Click headers (RFC 2369, RFC 8058), "
        "a visible unsubscribe link in the body, unsubscribes honoured within 2 days.",
    },
    "rfc8058": {
        "document": "RFC 8058 / RFC 2369",
        "title": {
            "nl": "List-Unsubscribe-headers voor één-klik-afmelden",
            "en": "List-Unsubscribe headers for one-click unsubscribe",
        },
        "quote": "List-Unsubscribe-Post: List-Unsubscribe=One-Click, with an https URI in List-Unsubscribe.",
    },
    "gmail-clipping": {
        "document": "Gmail message clipping (about 102 KB of HTML)",
        "title": {"nl": "Gmail knipt berichten boven ~102 KB af", "en": "Gmail clips messages above ~102 KB"},
        "quote": 'Messages larger than about 102 KB are clipped behind "View entire message".',
    },
    "platform-placeholders": {
        "document": "Email platforms' merge-tag documentation (REFERENCES.md)",
        "title": {"nl": "Samenvoegvelden van het verzendplatform", "en": "The sending platform's merge tags"},
        "quote": "In webmail nothing fills placeholders: any left in a draft reaches the recipient literally.",
    },
    # Issue 14: email tracking (rules tracking-pixel, tracking-links; pack eu-tracking).
    "eprivacy-5-3": {
        "document": "ePrivacy Directive 2002/58/EC art. 5(3) (Telecommunicatiewet art. 11.7a)",
        "title": {
            "nl": "ePrivacy art. 5(3): toestemming voor toegang tot de apparatuur van de gebruiker",
            "en": "ePrivacy art. 5(3): consent for access to the user's terminal equipment",
        },
        "quote": "The storing of information, or the gaining of access to information already stored, in the terminal "
        "equipment of a subscriber or user is only allowed on condition that the subscriber or user concerned has given "
        "his or her consent, having been provided with clear and comprehensive information.",
    },
    "edpb-2-2023": {
        "document": "EDPB Guidelines 2/2023 on the Technical Scope of Art. 5(3) ePrivacy Directive (final, 7 October 2024)",
        "title": {
            "nl": "EDPB-richtlijnen 2/2023: trackingpixels en gevolgde links vallen onder art. 5(3)",
            "en": "EDPB Guidelines 2/2023: tracking pixels and tracked links fall under art. 5(3)",
        },
        "quote": "(Summary, not the guidelines' wording:) Tracking pixels and tracked links in emails gain access to information on the recipient's terminal "
        "equipment and need consent under art. 5(3) unless an exemption applies.",
    },
    "cnil-2026-tracking": {
        "document": "CNIL recommendation on tracking pixels in emails, 12 March 2026 (in force 14 July 2026)",
        "title": {
            "nl": "CNIL: aparte toestemming voor open-tracking per ontvanger",
            "en": "CNIL: separate consent for per-recipient open tracking",
        },
        "quote": "(Summary, not the recommendation's wording:) Consent is needed for per-recipient open tracking, separate from consent to the marketing, with a "
        "way to withdraw it in every email.",
    },
    "garante-2026-tracking": {
        "document": "Garante per la protezione dei dati personali, decision 284 of 17 April 2026",
        "title": {
            "nl": "Garante: toestemming voor e-mailtracking, uiterlijk 29 oktober 2026",
            "en": "Garante: consent for email tracking, by 29 October 2026",
        },
        "quote": "(Summary, not the decision's wording:) Senders must bring email tracking in line with the consent requirement by 29 October 2026.",
    },
    # Issue 14: recognisable advertising (rule advertising-unrecognisable).
    "ecommerce-6": {
        "document": "E-Commerce Directive 2000/31/EC art. 6 (BW art. 3:15e)",
        "title": {
            "nl": "Richtlijn elektronische handel art. 6: reclame en adverteerder herkenbaar",
            "en": "E-Commerce Directive art. 6: advertising and advertiser identifiable",
        },
        "quote": "The commercial communication shall be clearly identifiable as such; the natural or legal person on "
        "whose behalf the commercial communication is made shall be clearly identifiable.",
    },
    "ddg-6": {
        "document": "Digitale-Dienste-Gesetz § 6 (2) (formerly § 6 TMG)",
        "title": {
            "nl": "§ 6 DDG: afzender en reclamekarakter niet verhullen in kop- en onderwerpregel",
            "en": "§ 6 DDG: neither sender nor commercial nature hidden in header and subject",
        },
        "quote": "Werden kommerzielle Kommunikationen per elektronischer Post versandt, darf in der Kopf- und "
        "Betreffzeile weder der Absender noch der kommerzielle Charakter der Nachricht verschleiert oder verheimlicht werden.",
    },
    "nrc-email": {
        "document": "Nederlandse Reclame Code: Code Reclame via E-mail",
        "title": {
            "nl": "Code Reclame via E-mail: herkenbaar aan adresregel en onderwerp",
            "en": "Dutch Code for Advertising by Email: recognisable from address line and subject",
        },
        "quote": "(Samenvatting; de Code spreekt van) herkenbaar in de combinatie van adresregel en onderwerp.",
    },
    "ddg-5": {
        "document": "Digitale-Dienste-Gesetz § 5 (formerly § 5 TMG): Allgemeine Informationspflichten (Impressum)",
        "title": {
            "nl": "§ 5 DDG: impressum met naam, adres, e-mail, vertegenwoordiger en register",
            "en": "§ 5 DDG: imprint with name, address, email, representative and register",
        },
        "quote": "Diensteanbieter haben [...] folgende Informationen leicht erkennbar, unmittelbar erreichbar und ständig "
        "verfügbar zu halten: den Namen und die Anschrift, unter der sie niedergelassen sind, bei juristischen Personen "
        "zusätzlich die Rechtsform, den Vertretungsberechtigten [...]; Angaben, die eine schnelle elektronische "
        "Kontaktaufnahme und unmittelbare Kommunikation mit ihnen ermöglichen, einschließlich der Adresse der "
        "elektronischen Post; das Handelsregister [...] und die entsprechende Registernummer.",
    },
    # Issue 14: the notice of the right to object (rules objection-notice-missing and
    # customer-objection-notice-missing).
    "gdpr-21-4": {
        "document": "AVG/GDPR art. 21(2) and (4)",
        "title": {
            "nl": "AVG art. 21: uiterlijk bij de eerste communicatie uitdrukkelijk wijzen op het recht van bezwaar",
            "en": "GDPR art. 21: the right to object explicitly brought to attention at the first communication at the latest",
        },
        "quote": "Where personal data are processed for direct marketing purposes, the data subject shall have the right to "
        "object at any time to processing of personal data concerning him or her for such marketing [...] At the latest "
        "at the time of the first communication with the data subject, the right referred to in paragraphs 1 and 2 shall "
        "be explicitly brought to the attention of the data subject and shall be presented clearly and separately from "
        "any other information.",
    },
    "tw-11.7-3": {
        "document": "Telecommunicatiewet art. 11.7 lid 3 (bestaande klanten, soft opt-in)",
        "title": {
            "nl": "Tw 11.7 lid 3: bestaande klanten bij het verkrijgen en bij elk bericht kosteloos verzet laten aantekenen",
            "en": "Dutch Telecommunications Act 11.7(3): existing customers may object free of charge, at collection and with every message",
        },
        "quote": "(Samenvatting, niet de wettekst:) Wie de contactgegevens van een klant kreeg bij de verkoop van een product of "
        "dienst, mag die gebruiken voor eigen gelijksoortige producten of diensten, mits de klant bij het verkrijgen "
        "duidelijk en uitdrukkelijk de gelegenheid kreeg om kosteloos en op gemakkelijke wijze verzet aan te tekenen, en "
        "hem bij elk bericht de mogelijkheid wordt geboden om onder dezelfde voorwaarden verzet aan te tekenen.",
    },
    "uwg-7-3": {
        "document": "Gesetz gegen den unlauteren Wettbewerb (UWG) § 7 Abs. 3 Nr. 4",
        "title": {
            "nl": "§ 7 (3) UWG: bestaande klanten bij elk gebruik wijzen op hun recht om op elk moment bezwaar te maken",
            "en": "§ 7(3) UWG: existing customers told with every use that they may object at any time",
        },
        "quote": "[...] der Kunde bei Erhebung der Adresse und bei jeder Verwendung klar und deutlich darauf hingewiesen "
        "wird, dass er der Verwendung jederzeit widersprechen kann, ohne dass hierfür andere als die "
        "Übermittlungskosten nach den Basistarifen entstehen.",
    },
    # Issue 14: Belgium (pack be). Read from the FOD Economie's explanation of the former art. 13-14
    # of the law of 11 March 2003 (now Wetboek van economisch recht art. XII.12-XII.13) and the
    # royal decree of 4 April 2003; summaries, not the wording of the code.
    "be-wer-xii-13": {
        "document": "Wetboek van economisch recht / Code de droit économique art. XII.13 (formerly art. 14 of the law of 11 March 2003)",
        "title": {
            "nl": "WER XII.13: bij elke reclame-e-mail informatie over het recht van verzet en een elektronisch middel om het uit te oefenen",
            "en": "Belgian CDE XII.13: every advertising email informs of the right to object and gives an electronic means to do so",
        },
        "quote": "(Samenvatting, niet de wettekst:) Bij het versturen van reclame per elektronische post verschaft de "
        "dienstverlener duidelijke en begrijpelijke informatie over het recht zich te verzetten tegen het ontvangen, in de "
        "toekomst, van reclame, en duidt hij een geschikt middel aan om dit recht langs elektronische weg efficiënt uit te "
        "oefenen.",
    },
    "be-wer-xii-12": {
        "document": "Wetboek van economisch recht / Code de droit économique art. XII.12 (formerly art. 13 of the law of 11 March 2003)",
        "title": {
            "nl": "WER XII.12: reclame herkenbaar als reclame, adverteerder identificeerbaar",
            "en": "Belgian CDE XII.12: advertising recognisable as such, advertiser identifiable",
        },
        "quote": "(Samenvatting, niet de wettekst:) Reclame die deel uitmaakt van een dienst van de informatiemaatschappij "
        "moet duidelijk als zodanig herkenbaar zijn, en de natuurlijke of rechtspersoon voor wiens rekening ze gebeurt "
        "moet duidelijk identificeerbaar zijn.",
    },
    "be-kb-2003": {
        "document": "Koninklijk besluit van 4 april 2003 tot reglementering van het verzenden van reclame per elektronische post",
        "title": {
            "nl": "KB 4 april 2003: eigen klanten zonder toestemming alleen met kosteloos verzet; ieder kan zich verzetten",
            "en": "Belgian royal decree of 4 April 2003: own customers without consent only with a free way to object; anyone may object",
        },
        "quote": "(Samenvatting, niet de tekst van het besluit:) Art. 1: geen voorafgaande toestemming nodig bij eigen klanten "
        "wier elektronische coördinaten rechtstreeks bij de verkoop werden verkregen, voor eigen analoge producten of "
        "diensten, als zij zich bij het verkrijgen kosteloos en eenvoudig konden verzetten. Art. 2: een recht van "
        "verzet tegen verdere reclame per elektronische post, door de wens aan de dienstverlener te melden.",
    },
    # Issue 14: accessibility advice (pack accessibility). WCAG 2.1 level A/AA via EN 301 549.
    "eaa": {
        "document": "European Accessibility Act, Directive (EU) 2019/882 (applies from 28 June 2025; WCAG 2.1 AA via EN 301 549)",
        "title": {
            "nl": "Europese toegankelijkheidsrichtlijn (EAA), van toepassing sinds 28 juni 2025",
            "en": "European Accessibility Act, applicable since 28 June 2025",
        },
        "quote": "(Summary, not the Act's wording:) Products and services shall be made perceivable, operable, understandable and robust; EN 301 549 "
        "gives these requirements as WCAG 2.1 level AA.",
    },
    "wcag-1.1.1": {
        "document": "WCAG 2.1 success criterion 1.1.1 Non-text Content (level A)",
        "title": {"nl": "WCAG 1.1.1: tekstalternatief voor afbeeldingen", "en": "WCAG 1.1.1: text alternatives for images"},
        "quote": "All non-text content that is presented to the user has a text alternative that serves the equivalent "
        "purpose [...] If non-text content is pure decoration [...] it is implemented in a way that it can be ignored by "
        "assistive technology.",
    },
    "wcag-1.3.1": {
        "document": "WCAG 2.1 success criterion 1.3.1 Info and Relationships (level A)",
        "title": {"nl": "WCAG 1.3.1: structuur in de opmaakcode", "en": "WCAG 1.3.1: structure in the markup"},
        "quote": "Information, structure, and relationships conveyed through presentation can be programmatically "
        "determined or are available in text.",
    },
    "wcag-1.4.3": {
        "document": "WCAG 2.1 success criterion 1.4.3 Contrast (Minimum) (level AA)",
        "title": {"nl": "WCAG 1.4.3: contrast van minstens 4,5:1", "en": "WCAG 1.4.3: contrast of at least 4.5:1"},
        "quote": "The visual presentation of text and images of text has a contrast ratio of at least 4.5:1, except "
        "[...] Large-scale text and images of large-scale text have a contrast ratio of at least 3:1.",
    },
    "wcag-2.4.2": {
        "document": "WCAG 2.1 success criterion 2.4.2 Page Titled (level A)",
        "title": {"nl": "WCAG 2.4.2: een titel die het onderwerp noemt", "en": "WCAG 2.4.2: a title that names the topic"},
        "quote": "Web pages have titles that describe topic or purpose.",
    },
    "wcag-2.4.4": {
        "document": "WCAG 2.1 success criterion 2.4.4 Link Purpose (In Context) (level A)",
        "title": {
            "nl": "WCAG 2.4.4: linktekst zegt waar de link heen gaat",
            "en": "WCAG 2.4.4: link text says where a link goes",
        },
        "quote": "The purpose of each link can be determined from the link text alone or from the link text together "
        "with its programmatically determined link context.",
    },
    "wcag-3.1.1": {
        "document": "WCAG 2.1 success criterion 3.1.1 Language of Page (level A)",
        "title": {"nl": "WCAG 3.1.1: de taal van het bericht", "en": "WCAG 3.1.1: the language of the message"},
        "quote": "The default human language of each Web page can be programmatically determined.",
    },
    "privacy": {
        "document": "AVG/GDPR art. 5(1)(f), art. 32",
        "title": {"nl": "AVG: vertrouwelijkheid van persoonsgegevens", "en": "GDPR: confidentiality of personal data"},
        "quote": "Personal data shall be processed in a manner that ensures appropriate security, including "
        "protection against unauthorised disclosure.",
    },
}


# -- How a source is cited to a reader (issue 11) ----------------------------------------------
# A source's ``document`` is its name in its own language, as the guideline or law calls itself
# ("Tripolis anti-spam richtlijnen, regel 2"). A reader of the English surfaces saw those Dutch
# names untranslated, and a Dutch reader saw English descriptions ("formerly", "success criterion").
# :func:`cite` gives the name in the reader's language: a Dutch-language guideline or law is named
# in English with its own name after it ("… — Dutch: “Tripolis anti-spam richtlijnen, regel 2”"), so
# the reader can still find it; a name that is a proper name in any language (CAN-SPAM Act, RFC 8058)
# stays as it is. Both locales of every source are written out (a test checks that none is missing).

#: The two guidelines' sections as their own documents call them, and in English.
_TRIPOLIS_SECTIONS = {"inleiding": "introduction", "slot": "closing section", "klachten": "complaints"}
_CARERIX_SECTIONS = {
    "herkenbaar als afzender": "recognisable as the sender",
    "eigen activiteiten": "your own activities",
    "reden van ontvangst": "reason for receiving",
    "opt-in / opt-out": "opt-in / opt-out",
    "voorwaarden van de provider": "the provider's terms",
    "voorkom dubbele verzending": "avoid sending twice",
    "inleiding, opt-in / opt-out": "introduction, opt-in / opt-out",
    "tot slot": "closing words",
}
_TRIPOLIS = "Tripolis anti-spam richtlijnen"
_CARERIX = "Carerix mailing richtlijnen"


def _guideline_cites() -> dict[str, dict[str, str]]:
    """The Tripolis and Carerix sources: Dutch as they are, English with the Dutch name after it."""
    out: dict[str, dict[str, str]] = {}
    for ref, source in SOURCES.items():
        document = source["document"]
        if document.startswith(f"{_TRIPOLIS}, "):
            section = document.removeprefix(f"{_TRIPOLIS}, ")
            english = f"rule {section.removeprefix('regel ')}" if section.startswith("regel ") else _TRIPOLIS_SECTIONS[section]
            out[ref] = {"nl": document, "en": f"Tripolis anti-spam guidelines, {english} — Dutch: “{document}”"}
        elif document.startswith(f"{_CARERIX}: "):
            section = document.removeprefix(f"{_CARERIX}: ")
            english = _CARERIX_SECTIONS[section]
            out[ref] = {"nl": document, "en": f"Carerix mailing guidelines: {english} — Dutch: “{document}”"}
    return out


#: Every other source, in Dutch and in English.
_OTHER_CITES: dict[str, dict[str, str]] = {
    "tw-11.7": {
        "nl": "Telecommunicatiewet art. 11.7",
        "en": "Dutch Telecommunications Act art. 11.7 — Dutch: “Telecommunicatiewet art. 11.7”",
    },
    "planet49": {
        "nl": "Hof van Justitie van de EU, zaak C-673/17 (Planet49), 2019",
        "en": "EU Court of Justice C-673/17 (Planet49), 2019",
    },
    "can-spam": {
        "nl": "Amerikaanse CAN-SPAM Act (15 U.S.C. 7704)",
        "en": "US CAN-SPAM Act (15 U.S.C. 7704)",
    },
    "casl": {
        "nl": "Canadese antispamwet (Canada's Anti-Spam Legislation, CASL)",
        "en": "Canada's Anti-Spam Legislation (CASL)",
    },
    "bulk-sender": {
        "nl": "Eisen van Gmail en Yahoo voor bulkverzenders (februari 2024)",
        "en": "Gmail and Yahoo bulk sender requirements (February 2024)",
    },
    "rfc8058": {"nl": "RFC 8058 / RFC 2369", "en": "RFC 8058 / RFC 2369"},
    "gmail-clipping": {
        "nl": "Gmail kort berichten in (boven ongeveer 102 KB HTML)",
        "en": "Gmail message clipping (about 102 KB of HTML)",
    },
    "platform-placeholders": {
        "nl": "Documentatie van de verzendplatforms over samenvoegvelden (REFERENCES.md)",
        "en": "Email platforms' merge-tag documentation (REFERENCES.md)",
    },
    "eprivacy-5-3": {
        "nl": "ePrivacyrichtlijn 2002/58/EG art. 5 lid 3 (Telecommunicatiewet art. 11.7a)",
        "en": "ePrivacy Directive 2002/58/EC art. 5(3) (Dutch Telecommunications Act art. 11.7a)",
    },
    "edpb-2-2023": {
        "nl": "EDPB-richtsnoeren 2/2023 over de technische reikwijdte van art. 5 lid 3 van de ePrivacyrichtlijn "
        "(definitief, 7 oktober 2024)",
        "en": "EDPB Guidelines 2/2023 on the Technical Scope of Art. 5(3) ePrivacy Directive (final, 7 October 2024)",
    },
    "cnil-2026-tracking": {
        "nl": "Aanbeveling van de CNIL (Frankrijk) over trackingpixels in e-mails, 12 maart 2026 (van kracht 14 juli 2026)",
        "en": "CNIL (France) recommendation on tracking pixels in emails, 12 March 2026 (in force 14 July 2026)",
    },
    "garante-2026-tracking": {
        "nl": "Italiaanse privacytoezichthouder (Garante per la protezione dei dati personali), besluit 284 van 17 april 2026",
        "en": "Italian data protection authority (Garante per la protezione dei dati personali), decision 284 of 17 April 2026",
    },
    "ecommerce-6": {
        "nl": "Richtlijn inzake elektronische handel 2000/31/EG art. 6 (BW art. 3:15e)",
        "en": "E-Commerce Directive 2000/31/EC art. 6 (Dutch Civil Code art. 3:15e)",
    },
    "ddg-6": {
        "nl": "Duitse Digitale-Dienste-Gesetz § 6 lid 2 (voorheen § 6 TMG)",
        "en": "German Digital Services Act (Digitale-Dienste-Gesetz) § 6 (2) (formerly § 6 TMG)",
    },
    "nrc-email": {
        "nl": "Nederlandse Reclame Code: Code Reclame via E-mail",
        "en": "Dutch Advertising Code: Code for Advertising by Email — Dutch: “Nederlandse Reclame Code: Code Reclame via E-mail”",
    },
    "ddg-5": {
        "nl": "Duitse Digitale-Dienste-Gesetz § 5 (voorheen § 5 TMG): algemene informatieplicht (Impressum)",
        "en": "German Digital Services Act (Digitale-Dienste-Gesetz) § 5 (formerly § 5 TMG): general information "
        "duties (Impressum)",
    },
    "gdpr-21-4": {"nl": "AVG art. 21 lid 2 en 4", "en": "GDPR art. 21(2) and (4)"},
    "tw-11.7-3": {
        "nl": "Telecommunicatiewet art. 11.7 lid 3 (bestaande klanten, soft opt-in)",
        "en": "Dutch Telecommunications Act art. 11.7(3) (existing customers, soft opt-in) — Dutch: "
        "“Telecommunicatiewet art. 11.7 lid 3”",
    },
    "uwg-7-3": {
        "nl": "Duitse wet tegen oneerlijke concurrentie (Gesetz gegen den unlauteren Wettbewerb, UWG) § 7 lid 3 nr. 4",
        "en": "German Act against Unfair Competition (Gesetz gegen den unlauteren Wettbewerb, UWG) § 7(3) no. 4",
    },
    "be-wer-xii-13": {
        "nl": "Wetboek van economisch recht art. XII.13 (voorheen art. 14 van de wet van 11 maart 2003)",
        "en": "Belgian Code of Economic Law art. XII.13 (formerly art. 14 of the law of 11 March 2003) — Dutch: "
        "“Wetboek van economisch recht”, French: “Code de droit économique”",
    },
    "be-wer-xii-12": {
        "nl": "Wetboek van economisch recht art. XII.12 (voorheen art. 13 van de wet van 11 maart 2003)",
        "en": "Belgian Code of Economic Law art. XII.12 (formerly art. 13 of the law of 11 March 2003) — Dutch: "
        "“Wetboek van economisch recht”, French: “Code de droit économique”",
    },
    "be-kb-2003": {
        "nl": "Koninklijk besluit van 4 april 2003 tot reglementering van het verzenden van reclame per elektronische post",
        "en": "Belgian Royal Decree of 4 April 2003 regulating advertising by email — Dutch: “Koninklijk besluit van "
        "4 april 2003 tot reglementering van het verzenden van reclame per elektronische post”",
    },
    "eaa": {
        "nl": "Europese toegankelijkheidswet (European Accessibility Act), Richtlijn (EU) 2019/882 (van toepassing sinds "
        "28 juni 2025; WCAG 2.1 AA via EN 301 549)",
        "en": "European Accessibility Act, Directive (EU) 2019/882 (applies from 28 June 2025; WCAG 2.1 AA via EN 301 549)",
    },
    "wcag-1.1.1": {
        "nl": "WCAG 2.1 succescriterium 1.1.1 Niet-tekstuele content (niveau A)",
        "en": "WCAG 2.1 success criterion 1.1.1 Non-text Content (level A)",
    },
    "wcag-1.3.1": {
        "nl": "WCAG 2.1 succescriterium 1.3.1 Info en relaties (niveau A)",
        "en": "WCAG 2.1 success criterion 1.3.1 Info and Relationships (level A)",
    },
    "wcag-1.4.3": {
        "nl": "WCAG 2.1 succescriterium 1.4.3 Contrast (minimum) (niveau AA)",
        "en": "WCAG 2.1 success criterion 1.4.3 Contrast (Minimum) (level AA)",
    },
    "wcag-2.4.2": {
        "nl": "WCAG 2.1 succescriterium 2.4.2 Paginatitel (niveau A)",
        "en": "WCAG 2.1 success criterion 2.4.2 Page Titled (level A)",
    },
    "wcag-2.4.4": {
        "nl": "WCAG 2.1 succescriterium 2.4.4 Linkdoel (in context) (niveau A)",
        "en": "WCAG 2.1 success criterion 2.4.4 Link Purpose (In Context) (level A)",
    },
    "wcag-3.1.1": {
        "nl": "WCAG 2.1 succescriterium 3.1.1 Taal van de pagina (niveau A)",
        "en": "WCAG 2.1 success criterion 3.1.1 Language of Page (level A)",
    },
    "privacy": {"nl": "AVG art. 5 lid 1 onder f, art. 32", "en": "GDPR art. 5(1)(f), art. 32"},
}

#: Source id -> locale -> how the source is cited to a reader of that locale (see :func:`cite`).
CITES: dict[str, dict[str, str]] = {**_guideline_cites(), **_OTHER_CITES}


def cite(ref: str, locale: str) -> str:
    """How source ``ref`` is named to a reader in ``locale``: the name in that language, and for a
    Dutch-language source read in English its own Dutch name after it ("Tripolis anti-spam
    guidelines, rule 2 — Dutch: “Tripolis anti-spam richtlijnen, regel 2”"). An unknown locale
    gets the Dutch name; an unknown source its ``document`` (or ``ref``)."""
    names = CITES.get(ref)
    if names is None:
        source = SOURCES.get(ref)
        return source["document"] if source else ref
    return names.get(locale) or names["nl"]


#: The two guideline documents (files in ``shared/guidelines/``), by the short name line references use.
DOCUMENTS: dict[str, str] = {
    "tripolis": "tripolis-anti-spam-richtlijnen.txt",
    "carerix": "carerix-mailing-richtlijnen.txt",
}

#: Every non-blank line of both documents, numbered as in the file, with its first 60 characters
#: (blanks folded): a copy kept in the repository, so the coverage test has teeth without
#: ``shared/`` and notices when a document changes.
GUIDELINE_LINES: dict[str, dict[int, str]] = {
    "tripolis": {
        1: "Campaign automationContactsContentPublishingReportingTips & ",
        3: "Tripolis anti-spam guidelines (Dutch)",
        5: "By 12 December 2019January 6th, 2020No Comments",
        7: "Spam is een verzamelnaam voor ongewenste berichten. In iets ",
        9: "Het spam verbod in Nederland beschermt iedereen. Het maakt d",
        11: "• De verzender die de feitelijke verzending verricht (op de ",
        12: "• De verzender die de afzender is (de opdrachtgever van de v",
        14: "Voor beide partijen gelden dus de regels uit de Telecommunic",
        16: "Tripolis platformen mogen op geen enkele wijzen ingezet word",
        18: "Gebruikers van Tripolismogen alleen e-mails versturen naar o",
        19: "Dit is de regel die de wet stelt om ontvangers te kunnen e-m",
        21: "Werk met ‘actieve voorafgaande toestemming‘.",
        22: "Gebruikers van Tripolisdienen te werken met ‘voorafgaande to",
        24: "Het verzenden van ongevraagde bulk e-mail en ongevraagde com",
        25: "Indien je toch ongevraagde bulk e-mail verstuurt, ben je in ",
        27: "Het is wel toegestaan om met Tripolis ongevraagd e-mails te ",
        28: "Dit is de enige uitzondering op de hoofdregel. De Nederlands",
        30: "Gebruikers van Tripolismogen alleen opt-in bestanden importe",
        31: "Je bent zelfverantwoordelijk indien je een lijst gebruikt va",
        33: "Elke e-mail die via Tripolisverstuurd wordt moet voorzien zi",
        34: "Met een automatische uitschrijflink kan de ontvanger op elk ",
        36: "Identiteit en herkenbaarheid van de verzender.",
        37: "De e-mail die via Tripolis verstuurd wordt moet duidelijk de",
        39: "Indien wij een klacht ontvangen over een mailing, dan leggen",
        41: "Tripolis kan van vier partijen spam klachten ontvangen, die ",
        43: "• Klachten van ontvangers of Internet Services Providers",
        44: "• Klachten via de Reclame Code Commissie",
        45: "• Klachten via de OPTA",
        46: "• Klachten van anti-spam-bedrijven.",
        48: "Indien een reactie en de bijbehorende oplossing van het prob",
        50: "Wij behouden het recht voor om gebruikers onmiddellijk af te",
        52: "Last but not least: respecteer de ontvangerGeef de ontvanger",
    },
    "carerix": {
        1: "Mailing richtlijnen",
        3: "Houd rekening met deze richtlijnen bij het versturen van een",
        5: "Meer dan een week geleden bijgewerkt",
        7: "Je wilt een mailing versturen naar een groep Kandidaten of C",
        9: "Je wilt natuurlijk niet dat jouw mailing als spam kan worden",
        11: "Richtlijnen",
        13: "Je bent duidelijk herkenbaar als afzender",
        15: "Als klant van Carerix kan je mailings versturen. Deze zijn u",
        17: "Inhoud mailing heeft duidelijk betrekking op jouw eigen acti",
        19: "Het is natuurlijk prima om geïnteresseerden op de hoogte te ",
        21: "Reden van ontvangst",
        23: "Geef in het bericht duidelijk aan waarom de geadresseerde he",
        25: "Opt-In / Opt-out",
        27: "Alle bulk e-mail waarvoor de ontvangers niet expliciet toest",
        28: "Het versturen van ongevraagde E-mail is strafbaar.",
        29: 'Je dient daarom gebruik te maken van een "Opt in" regeling, ',
        31: "Zelfs als je deze toestemming hebt, geef de ontvanger altijd",
        33: "Zie ook:",
        35: "Voorwaarden van onze provider",
        37: "Wij zijn gebonden aan de volgende voorwaarden die onze provi",
        39: "Voorkom dubbele verzending",
        41: "Het genereren van de Nieuwsbrief en het ontvangen van de bev",
        43: "Wees niet ongeduldig door meerdere malen op de knop te klikk",
        45: "Dus: lijkt het niet te lukken? Niet zomaar herhalen, maar ee",
        47: "Tot slot",
        49: "Kan je niet voldoen aan bovenstaande richtlijnen, verstuur d",
        51: "In het geval dat wij klachten over het versturen van SPAM bi",
        53: "____",
        54: "Labels : UD-985",
        56: "Was dit een antwoord op uw vraag?",
    },
}

#: Lines that state no duty of the sender, and why (page furniture, headings of a duty whose
#: body line is mapped, the platform's own consequences). Every other line is a duty line and is
#: named by at least one checklist line below.
NOT_DUTIES: dict[str, dict[int, str]] = {
    "tripolis": {
        1: "page navigation",
        3: "document title",
        5: "publication date",
        41: "who Tripolis receives complaints from (the duty is line 39/48)",
        43: "a source of complaints (list under line 41)",
        44: "a source of complaints (list under line 41)",
        45: "a source of complaints (list under line 41)",
        46: "a source of complaints (list under line 41)",
        50: "the platform's right to close an account; its liability",
    },
    "carerix": {
        1: "document title",
        3: "introduction",
        5: "page date",
        9: "introduction (why the guidelines exist)",
        11: "heading",
        33: "cross-reference heading",
        51: "the platform's consequence of spam complaints",
        53: "page furniture",
        54: "page label",
        56: "page feedback question",
    },
}


class ChecklistItem(TypedDict):
    """One line of the compliance checklist."""

    id: str
    source: str
    rules: list[str]
    #: What the sender must confirm themselves (empty when the draft can show it all).
    confirm: dict[str, str]
    #: ``draft`` (the rules show it), ``organisation`` (confirmed once per organisation, asked
    #: again after a period) or ``list`` (depends on the list: confirmed per mailing, asked again
    #: when the list changes).
    scope: str
    #: The guideline lines it stands for: ``"tripolis:19"`` is line 19 of the Tripolis document.
    lines: list[str]


CHECKLIST: list[ChecklistItem] = [
    {
        "id": "tripolis-1",
        "source": "tripolis-1",
        "rules": [],
        "confirm": {
            "nl": "Alle ontvangers op deze lijst hebben vooraf expliciet toestemming gegeven, en ik kan dat tot 5 jaar na de laatste verzending bewijzen.",
            "en": "Every recipient on this list gave explicit prior consent, and I can prove it for up to 5 years after the last send.",
        },
        "scope": "list",
        "lines": ["tripolis:18", "tripolis:19"],
    },
    {
        "id": "tripolis-specific-sender",
        "source": "tripolis-specific-sender",
        "rules": [],
        "confirm": {
            "nl": "De ontvangers op deze lijst gaven toestemming voor e-mail van deze specifieke afzender (mijn organisatie), niet alleen van een ander.",
            "en": "The recipients on this list consented to email from this specific sender (my organisation), not only from someone else.",
        },
        "scope": "list",
        "lines": ["tripolis:7"],
    },
    {
        "id": "tripolis-b2b",
        "source": "tripolis-b2b",
        "rules": [],
        "confirm": {
            "nl": "Ook de zakelijke adressen op deze lijst (B2B) hebben toestemming gegeven of zijn bestaande klanten.",
            "en": "The business addresses on this list (B2B) also gave consent or are existing customers.",
        },
        "scope": "list",
        "lines": ["tripolis:9"],
    },
    {
        "id": "tripolis-senders",
        "source": "tripolis-senders",
        "rules": [],
        "confirm": {
            "nl": "Ik weet dat wie op Verzenden drukt én de opdrachtgever allebei verzender en aansprakelijk zijn; de opdrachtgever staat achter deze mailing.",
            "en": "I know that both who presses Send and the principal are senders and liable; the principal stands behind this mailing.",
        },
        "scope": "organisation",
        "lines": ["tripolis:11", "tripolis:12", "tripolis:14"],
    },
    {
        "id": "tripolis-2",
        "source": "tripolis-2",
        "rules": ["consent-prechecked", "consent-bundled"],
        "confirm": {
            "nl": "De aanmelding was een actieve keuze (geen vooraf aangevinkt vakje).",
            "en": "Sign-up was an active choice (no pre-ticked box).",
        },
        "scope": "organisation",
        "lines": ["tripolis:21", "tripolis:22"],
    },
    {
        "id": "tripolis-2-informed",
        "source": "tripolis-2-informed",
        "rules": [],
        "confirm": {
            "nl": "Bij de aanmelding stond wat voor inhoud de mailings hebben en hoe vaak ze komen.",
            "en": "Sign-up said what the mailings contain and how often they are sent.",
        },
        "scope": "organisation",
        "lines": ["tripolis:22"],
    },
    {
        "id": "tripolis-2-double-optin",
        "source": "tripolis-2-double-optin",
        "rules": [],
        "confirm": {
            "nl": "Aanmeldingen worden bevestigd met double opt-in: een neutrale bevestigingsmail waarin de ontvanger de toestemming bevestigt (advies).",
            "en": "Sign-ups are confirmed by double opt-in: a neutral confirmation mail in which the recipient confirms consent (advised).",
        },
        "scope": "organisation",
        "lines": ["tripolis:22"],
    },
    {
        "id": "tripolis-3",
        "source": "tripolis-3",
        "rules": [],
        "confirm": {
            "nl": "Deze mailing gaat niet naar mensen die er niet om hebben gevraagd.",
            "en": "This mailing does not go to people who did not ask for it.",
        },
        "scope": "list",
        "lines": ["tripolis:16", "tripolis:24", "tripolis:25"],
    },
    {
        "id": "tripolis-4",
        "source": "tripolis-4",
        "rules": ["third-party-content"],
        "confirm": {
            "nl": "Mail ik bestaande klanten zonder toestemming, dan gaat het alleen over soortgelijke eigen producten of diensten.",
            "en": "Where I mail existing customers without consent, it concerns only my own similar products or services.",
        },
        "scope": "list",
        "lines": ["tripolis:27", "tripolis:28"],
    },
    {
        "id": "tripolis-5",
        "source": "tripolis-5",
        "rules": [],
        "confirm": {
            "nl": "Ik heb alleen opt-in bestanden geïmporteerd; lijsten van derden heb ik op toestemming gecontroleerd.",
            "en": "I imported only opt-in lists; third-party lists were checked for consent.",
        },
        "scope": "list",
        "lines": ["tripolis:30", "tripolis:31"],
    },
    {
        "id": "tripolis-6",
        "source": "tripolis-6",
        "rules": ["unsubscribe-missing", "unsubscribe-broken", "unsubscribe-manual", "unsubscribe-hidden", "unsubscribe-clipped"],
        "confirm": {},
        "scope": "draft",
        "lines": ["tripolis:33", "tripolis:34"],
    },
    {
        "id": "tripolis-7",
        "source": "tripolis-7",
        "rules": [
            "sender-name-missing",
            "organisation-missing",
            "logo-missing",
            "postal-address-missing",
            "contact-missing",
            "noreply-sender",
        ],
        "confirm": {},
        "scope": "draft",
        "lines": ["tripolis:36", "tripolis:37"],
    },
    {
        "id": "tripolis-complaints",
        "source": "tripolis-complaints",
        "rules": [],
        "confirm": {
            "nl": "Een klacht over een mailing beantwoord ik schriftelijk met het bewijs van opt-in, en los ik binnen 48 uur op.",
            "en": "A complaint about a mailing is answered in writing with the proof of opt-in, and solved within 48 hours.",
        },
        "scope": "organisation",
        "lines": ["tripolis:39", "tripolis:48"],
    },
    {
        "id": "tripolis-respect",
        "source": "tripolis-respect",
        "rules": [],
        "confirm": {
            "nl": "Bounces, klachten, afmeldingen en non-response worden regelmatig verwerkt; de lijst wordt schoongehouden.",
            "en": "Bounces, complaints, unsubscribes and non-response are processed regularly; the list is kept clean.",
        },
        "scope": "organisation",
        "lines": ["tripolis:52"],
    },
    {
        "id": "tripolis-respect-info",
        "source": "tripolis-respect-info",
        "rules": [],
        "confirm": {
            "nl": "De ontvangers krijgen de informatie waar ze om hebben gevraagd.",
            "en": "Recipients get the information they asked for.",
        },
        "scope": "organisation",
        "lines": ["tripolis:52"],
    },
    {
        "id": "tripolis-technical",
        "source": "tripolis-technical",
        "rules": ["image-only", "list-unsubscribe-missing", "unsubscribe-clipped", "link-hygiene"],
        "confirm": {},
        "scope": "draft",
        "lines": ["tripolis:52"],
    },
    {
        "id": "carerix-sender",
        "source": "carerix-sender",
        "rules": ["sender-name-missing", "organisation-missing"],
        "confirm": {},
        "scope": "draft",
        "lines": ["carerix:13", "carerix:15"],
    },
    {
        "id": "carerix-own-activities",
        "source": "carerix-own-activities",
        "rules": ["third-party-content"],
        "confirm": {},
        "scope": "draft",
        "lines": ["carerix:17", "carerix:19"],
    },
    {
        "id": "carerix-reason",
        "source": "carerix-reason",
        "rules": ["reason-missing"],
        "confirm": {},
        "scope": "draft",
        "lines": ["carerix:21", "carerix:23"],
    },
    {
        "id": "carerix-optin",
        "source": "carerix-optin",
        "rules": ["unsubscribe-missing", "unsubscribe-broken", "unsubscribe-manual", "unsubscribe-hidden"],
        "confirm": {
            "nl": "Ik kan aantonen dat iedere ontvanger op deze lijst toestemming heeft gegeven (opt-in).",
            "en": "I can show that every recipient on this list gave consent (opt-in).",
        },
        "scope": "list",
        "lines": ["carerix:25", "carerix:27", "carerix:28", "carerix:29", "carerix:31"],
    },
    {
        "id": "carerix-groups",
        "source": "carerix-groups",
        "rules": [],
        "confirm": {
            "nl": "In Carerix gaat deze mailing naar een groep (“Groepen”), zodat wie zich afmeldt uit de groep gaat.",
            "en": "In Carerix this mailing goes to a group (“Groups”), so whoever opts out leaves the group.",
        },
        "scope": "list",
        "lines": ["carerix:7", "carerix:31"],
    },
    {
        "id": "carerix-twice",
        "source": "carerix-twice",
        "rules": ["duplicate-send"],
        "confirm": {
            "nl": "Ik heb deze mailing niet eerder verstuurd; leek een verzending mislukt, dan heb ik eerst nagegaan of die toch is verstuurd.",
            "en": "I have not sent this mailing before; if a send seemed to fail, I first checked whether it went out.",
        },
        "scope": "list",
        "lines": ["carerix:39", "carerix:41", "carerix:43", "carerix:45"],
    },
    {
        "id": "carerix-provider",
        "source": "carerix-provider",
        "rules": [],
        "confirm": {
            "nl": "De mailing voldoet aan de voorwaarden van mijn verzendprovider.",
            "en": "The mailing meets my sending provider's terms.",
        },
        "scope": "organisation",
        "lines": ["carerix:35", "carerix:37"],
    },
    {
        "id": "carerix-final",
        "source": "carerix-final",
        "rules": [],
        "confirm": {
            "nl": "Kan ik niet aan deze richtlijnen voldoen, dan verstuur ik de mailing niet.",
            "en": "If I cannot meet these guidelines, I do not send the mailing.",
        },
        "scope": "organisation",
        "lines": ["carerix:47", "carerix:49"],
    },
]

#: Checklist lines the sender confirms, by scope (what the extension asks for).
SCOPES: tuple[str, ...] = ("draft", "organisation", "list")


def duties() -> list[ChecklistItem]:
    """The checklist lines a sender confirms (organisation and list duties), in checklist order."""
    return [item for item in CHECKLIST if item["confirm"]]


def coverage() -> dict[str, dict[int, dict[str, object]]]:
    """Every non-blank line of both documents: its excerpt and either the checklist lines (and
    through them the rules) that stand for it, or why it states no duty."""
    out: dict[str, dict[int, dict[str, object]]] = {}
    for doc, lines in GUIDELINE_LINES.items():
        out[doc] = {}
        for number, excerpt in lines.items():
            items = [item for item in CHECKLIST if f"{doc}:{number}" in item["lines"]]
            out[doc][number] = {
                "excerpt": excerpt,
                "checklist": [item["id"] for item in items],
                "rules": sorted({rule for item in items for rule in item["rules"]}),
                "scope": sorted({item["scope"] for item in items}),
                "not_a_duty": NOT_DUTIES.get(doc, {}).get(number, ""),
            }
    return out


def coverage_markdown() -> str:
    """``docs/guideline-coverage.md``: every line of both guidelines mapped to a checklist line
    and rules, or marked as no duty (a test fails when the file is stale)."""
    out = [
        "# Guideline coverage",
        "",
        "<!-- Generated: .venv/bin/python -m py_core.tables.guidelines > docs/guideline-coverage.md -->",
        "",
        "Every non-blank line of both guideline documents in `shared/guidelines/`, by line number: the",
        "checklist lines that stand for it (with the rules that can show it in a draft), or why it states no",
        "duty. Scope: `draft` (the rules check it), `organisation` (confirmed once per organisation, asked",
        "again after a period), `list` (depends on the list: confirmed per mailing, asked again when the list",
        "changes).",
    ]
    for doc, lines in coverage().items():
        out += ["", f"## {DOCUMENTS[doc]}", "", "| Line | Text | Checklist | Rules | Scope |", "| --- | --- | --- | --- | --- |"]
        for number, row in lines.items():
            excerpt = str(row["excerpt"]).replace("|", "\\|").strip()
            if row["not_a_duty"]:
                out.append(f"| {number} | {excerpt}… | — (no duty: {row['not_a_duty']}) | | |")
            else:
                checklist = ", ".join(f"`{c}`" for c in row["checklist"])  # type: ignore[union-attr]
                rules = ", ".join(f"`{r}`" for r in row["rules"]) or "—"  # type: ignore[union-attr]
                scope = ", ".join(row["scope"])  # type: ignore[arg-type]
                out.append(f"| {number} | {excerpt}… | {checklist} | {rules} | {scope} |")
    out += [
        "",
        "## Checklist",
        "",
        "| Checklist line | Scope | Lines | Rules | Confirm (en) |",
        "| --- | --- | --- | --- | --- |",
    ]
    for item in CHECKLIST:
        rules = ", ".join(f"`{r}`" for r in item["rules"]) or "—"
        out.append(
            f"| `{item['id']}` | {item['scope']} | {', '.join(item['lines'])} | {rules} | {item['confirm'].get('en', '—')} |"
        )
    return "\n".join(out) + "\n"


if __name__ == "__main__":  # pragma: no cover - the generator of docs/guideline-coverage.md
    import sys

    sys.stdout.write(coverage_markdown())
