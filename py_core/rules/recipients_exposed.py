"""Rule ``recipients-exposed``."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Context
from ..model import Finding, Location
from ..registry import Rule
from ._identity import bare_address, domain_of, own_domains, registrable


class RecipientsExposed(Rule):
    """A group mailing shows many outside addresses in To or Cc instead of Bcc.

    Everyone on the list sees everyone else's address: a data leak (GDPR art. 5(1)(f), art. 32) and
    a gift to spammers. Mailwacht counts the addresses in To and Cc whose domain is not the sender's
    own (the organisation profile's domains and website, the From address's domain); more than
    ``exposed_threshold`` of them (default 10) is reported. Colleagues on the own domain do not
    count. Email platforms send one message per recipient, so the rule applies only when the draft
    has recipients (webmail).

    **Why** Exposing a mailing list in To/Cc is one of the most common personal-data breaches
    reported to the Autoriteit Persoonsgegevens.

    **Bad** To: 40 customers' addresses

    **Good** To: yourself, Bcc: the 40 customers; or a mailing tool that sends one message each
    """

    id = "recipients-exposed"
    title = {"nl": "Ontvangers zichtbaar in Aan/Cc", "en": "Recipients visible in To/Cc"}
    basis = ("privacy",)
    packs = {
        "nl": "error",  # a visible address list is a data leak
        "de": "error",
        "be": "error",
    }
    order = 110
    messages = {
        "exposed": {
            "nl": "{count} externe adressen staan zichtbaar in {field}: iedere ontvanger ziet alle andere adressen.",
            "en": "{count} outside addresses are visible in {field}: every recipient sees all the others.",
        },
    }
    fixes = {
        "exposed": {
            "nl": "Zet de ontvangers in Bcc (en jezelf in Aan), of verstuur via een mailingtool die iedereen apart mailt.",
            "en": "Put the recipients in Bcc (and yourself in To), or send through a mailing tool that mails each one separately.",
        },
    }

    def applies(self, ctx: Context) -> bool:
        return bool(ctx.draft.to or ctx.draft.cc)

    def check(self, ctx: Context) -> Iterator[Finding]:
        own = own_domains(ctx)
        external = {"to": set(), "cc": set()}
        for field, values in (("to", ctx.draft.to), ("cc", ctx.draft.cc)):
            for value in values:
                domain = domain_of(value)
                if domain and registrable(domain) not in own:
                    external[field].add(bare_address(value))
        total = len(external["to"] | external["cc"])
        if total <= ctx.options.exposed_threshold:
            return
        field = "to" if len(external["to"]) >= len(external["cc"]) else "cc"
        label = {"to": "Aan (To)" if ctx.options.locale == "nl" else "To", "cc": "Cc"}
        both = external["to"] and external["cc"]
        where = f"{label['to']} {'en' if ctx.options.locale == 'nl' else 'and'} Cc" if both else label[field]
        evidence = ", ".join(sorted(external[field])[:3]) + ", …"
        yield self.finding(ctx, "exposed", location=Location(field=field), evidence=evidence, count=total, field=where)
