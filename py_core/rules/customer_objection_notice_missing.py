"""Rule ``customer-objection-notice-missing``."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..model import Finding
from ..registry import Rule
from ._objection import has_notice, suggestion


class CustomerObjectionNoticeMissing(Rule):
    """Advertising to existing customers in Germany without the notice that they may object at any time.

    Germany allows advertising by email without consent only to existing customers (§ 7 (3) UWG),
    and only when the customer is told, clearly, when the address is collected and with every use,
    that he may object to the use at any time at no cost beyond the basic transmission rates. So in
    the German pack (``de``), with the audience ``existing customers``, every mailing needs that
    notice as a sentence: "Sie können der Verwendung Ihrer E-Mail-Adresse jederzeit widersprechen",
    "You can unsubscribe at any time, free of charge" (the same matcher as
    ``objection-notice-missing``: a way to object or unsubscribe together with "jederzeit"/"at any
    time"/"kostenlos" in one sentence, or the right to object named as such). A bare "Abmelden" link
    is the means, not the notice. It is a question for the sender, never a reason to hold the send:
    the notice may be worded in a way Mailwacht does not read. The fix gives the sentence to add,
    in the draft's language.

    § 7 (3) Nr. 4 UWG: "der Kunde bei Erhebung der Adresse und bei jeder Verwendung klar und
    deutlich darauf hingewiesen wird, dass er der Verwendung jederzeit widersprechen kann, ohne dass
    hierfür andere als die Übermittlungskosten nach den Basistarifen entstehen."

    **Why** Without the notice the exception for existing customers does not apply, and the mailing
    is advertising without consent: an unreasonable nuisance under § 7 (2) UWG that competitors and
    consumer associations may warn off.

    **Bad** A newsletter of Müller GmbH to its customers whose footer has only "Abmelden".

    **Good** The footer says "Sie können der Verwendung Ihrer E-Mail-Adresse für Werbung jederzeit
    widersprechen, ohne dass hierfür andere als die Übermittlungskosten nach den Basistarifen
    entstehen: Abmelden."
    """

    id = "customer-objection-notice-missing"
    title = {
        "nl": "Bestaande klanten niet gewezen op bezwaar (Duitsland, § 7 (3) UWG)",
        "en": "Existing customers not told they may object (Germany, § 7(3) UWG)",
    }
    basis = ("uwg-7-3",)
    packs = {
        # § 7 (3) Nr. 4 UWG: existing customers told with every use that they may object (a question)
        "de": "warning",
    }
    order = 340
    messages = {
        "missing": {
            "nl": "Mailing aan bestaande klanten zonder de zin dat zij op elk moment kosteloos bezwaar kunnen maken tegen het gebruik van hun adres: § 7 (3) UWG vraagt die bij elk gebruik. Staat hij er in andere woorden?",
            "en": "Mailing to existing customers without the sentence that they may object to the use of their address at any time, free of charge: § 7(3) UWG asks for it with every use. Is it there in other words?",
        },
    }
    fixes = {
        "missing": {
            "nl": "Zet in elke mailing aan klanten een zin als: “{sentence}”",
            "en": "Put a sentence such as this in every mailing to customers: “{sentence}”",
        },
    }

    def applies(self, ctx: Context) -> bool:
        return ctx.options.audience == "existing customers"

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not has_notice(ctx):
            yield self.finding(ctx, "missing", evidence="", review=True, sentence=suggestion(ctx))
