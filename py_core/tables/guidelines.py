"""The sources every rule rests on, and the checklist of every guideline line.

``SOURCES`` names each guideline line, law article or platform requirement a finding can cite
(a rule's ``basis``). ``CHECKLIST`` has one line per guideline of both Dutch documents in
``shared/guidelines/`` (Tripolis anti-spam guidelines, seven rules plus "respect the recipient";
Carerix mailing guidelines, six headings), each tied to the rules that can show it in a draft or
marked as a duty the sender must confirm (what a draft cannot show: proof of consent, imports,
bounce handling).
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
            "nl": "Respecteer de ontvanger: verwerk bounces en klachten",
            "en": "Respect the recipient: process bounces and complaints",
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
    "privacy": {
        "document": "AVG/GDPR art. 5(1)(f), art. 32",
        "title": {"nl": "AVG: vertrouwelijkheid van persoonsgegevens", "en": "GDPR: confidentiality of personal data"},
        "quote": "Personal data shall be processed in a manner that ensures appropriate security, including "
        "protection against unauthorised disclosure.",
    },
}


class ChecklistItem(TypedDict):
    """One line of the compliance checklist."""

    id: str
    source: str
    rules: list[str]
    #: What the sender must confirm themselves (empty when the draft can show it all).
    confirm: dict[str, str]


CHECKLIST: list[ChecklistItem] = [
    {
        "id": "tripolis-1",
        "source": "tripolis-1",
        "rules": [],
        "confirm": {
            "nl": "Alle ontvangers hebben vooraf expliciet toestemming gegeven, en ik kan dat tot 5 jaar na de laatste verzending bewijzen.",
            "en": "Every recipient gave explicit prior consent, and I can prove it for up to 5 years after the last send.",
        },
    },
    {
        "id": "tripolis-2",
        "source": "tripolis-2",
        "rules": ["consent-prechecked", "consent-bundled"],
        "confirm": {
            "nl": "De aanmelding was een actieve keuze (geen vooraf aangevinkt vakje); bij voorkeur bevestigd met double opt-in.",
            "en": "Sign-up was an active choice (no pre-ticked box), preferably confirmed by double opt-in.",
        },
    },
    {
        "id": "tripolis-3",
        "source": "tripolis-3",
        "rules": [],
        "confirm": {
            "nl": "Deze mailing gaat niet naar mensen die er niet om hebben gevraagd.",
            "en": "This mailing does not go to people who did not ask for it.",
        },
    },
    {
        "id": "tripolis-4",
        "source": "tripolis-4",
        "rules": ["third-party-content"],
        "confirm": {
            "nl": "Mail ik bestaande klanten zonder toestemming, dan gaat het alleen over soortgelijke eigen producten of diensten.",
            "en": "Where I mail existing customers without consent, it concerns only my own similar products or services.",
        },
    },
    {
        "id": "tripolis-5",
        "source": "tripolis-5",
        "rules": [],
        "confirm": {
            "nl": "Ik heb alleen opt-in bestanden geïmporteerd; lijsten van derden heb ik op toestemming gecontroleerd.",
            "en": "I imported only opt-in lists; third-party lists were checked for consent.",
        },
    },
    {
        "id": "tripolis-6",
        "source": "tripolis-6",
        "rules": ["unsubscribe-missing", "unsubscribe-broken", "unsubscribe-manual", "unsubscribe-hidden", "unsubscribe-clipped"],
        "confirm": {},
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
    },
    {
        "id": "tripolis-respect",
        "source": "tripolis-respect",
        "rules": [],
        "confirm": {
            "nl": "Bounces, klachten en afmeldingen worden regelmatig verwerkt.",
            "en": "Bounces, complaints and unsubscribes are processed regularly.",
        },
    },
    {
        "id": "carerix-sender",
        "source": "carerix-sender",
        "rules": ["sender-name-missing", "organisation-missing"],
        "confirm": {},
    },
    {
        "id": "carerix-own-activities",
        "source": "carerix-own-activities",
        "rules": ["third-party-content"],
        "confirm": {},
    },
    {
        "id": "carerix-reason",
        "source": "carerix-reason",
        "rules": ["reason-missing"],
        "confirm": {},
    },
    {
        "id": "carerix-optin",
        "source": "carerix-optin",
        "rules": ["unsubscribe-missing", "unsubscribe-broken", "unsubscribe-manual", "unsubscribe-hidden"],
        "confirm": {
            "nl": "Ik kan aantonen dat iedere ontvanger toestemming heeft gegeven (opt-in).",
            "en": "I can show that every recipient gave consent (opt-in).",
        },
    },
    {
        "id": "carerix-twice",
        "source": "carerix-twice",
        "rules": ["duplicate-send"],
        "confirm": {
            "nl": "Ik heb deze mailing niet eerder verstuurd; leek een verzending mislukt, dan heb ik eerst nagegaan of die toch is verstuurd.",
            "en": "I have not sent this mailing before; if a send seemed to fail, I first checked whether it went out.",
        },
    },
    {
        "id": "carerix-provider",
        "source": "carerix-provider",
        "rules": [],
        "confirm": {
            "nl": "De mailing voldoet aan de voorwaarden van mijn verzendprovider.",
            "en": "The mailing meets my sending provider's terms.",
        },
    },
]
