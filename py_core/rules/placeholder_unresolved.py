"""Rule ``placeholder-unresolved``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from bs4 import Tag

from ..document import attr
from ..engine import Context
from ..model import Finding, Location
from ..registry import Rule
from ..tables import placeholders
from ._unsubscribe import ANY_PLACEHOLDER

#: Attributes whose value reaches the reader (a link's target, an image's source or text).
_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("a", "href"),
    ("area", "href"),
    ("img", "src"),
    ("img", "alt"),
    ("table", "background"),
    ("td", "background"),
    ("body", "background"),
)
#: ``{{…}}``: the merge syntax Carerix refuses to send while any is left unfilled (REFERENCES.md).
_DOUBLE_BRACES = re.compile(r"\{\{[^{}]{1,80}\}\}")
#: Platforms whose own placeholder syntax is unknown (REFERENCES.md: Tripolis Dialogue
#: *unconfirmed*; a generic ESP may use any): nothing can be called foreign there.
_UNKNOWN_SYNTAX = frozenset({"tripolis", "generic-esp"})
_LABEL = {
    "mailchimp": "Mailchimp", "brevo": "Brevo", "klaviyo": "Klaviyo", "hubspot": "HubSpot", "sendgrid": "SendGrid",
    "mailjet": "Mailjet", "campaign-monitor": "Campaign Monitor", "activecampaign": "ActiveCampaign",
    "copernica": "Copernica", "mautic": "Mautic", "listmonk": "listmonk", "sendy": "Sendy", "mailcoach": "Mailcoach",
    "carerix": "Carerix", "tripolis": "Tripolis",
}  # fmt: skip


def _group(name: str) -> str:
    return "d_" + name.replace("-", "_")


#: Per platform with a known dialect: one pattern for every OTHER dialect, a named group each.
_FOREIGN: dict[str, re.Pattern[str]] = {
    own: re.compile("|".join(f"(?P<{_group(name)}>{d.syntax})" for name, d in placeholders.DIALECTS.items() if name != own))
    for own in placeholders.DIALECTS
}
#: Carerix: ``{{…}}`` and every platform's dialect.
_CARERIX = re.compile(
    f"(?P<generic>{_DOUBLE_BRACES.pattern})|"
    + "|".join(f"(?P<{_group(name)}>{d.syntax})" for name, d in placeholders.DIALECTS.items())
)
#: A value without any of these characters holds no placeholder of any dialect.
_MAYBE = re.compile(r"[{\[*<%:]")
_DIALECT_OF_GROUP = {_group(name): name for name in placeholders.DIALECTS}


class PlaceholderUnresolved(Rule):
    """Template code that nothing will fill reaches the recipient literally.

    In webmail (Gmail, Outlook, Roundcube) nothing fills placeholders, so ANY merge tag left in
    the draft, of any platform (``*|FNAME|*``, ``{{ contact.FIRSTNAME }}``, ``[[UNSUB_LINK_NL]]``,
    ``%FIRSTNAME%``, ``{$naam}``, …), is sent as typed. On a sending platform, a placeholder of
    ANOTHER platform's dialect (``*|UNSUB|*`` in Brevo) is not filled either. Carerix refuses a
    draft with ``{{…}}`` left in until it is filled. Looked for in the visible text, in link
    targets and image sources, in the subject and in the plain-text part; never in ``<style>``,
    scripts (JSON-LD) or comments (Outlook's ``<!--[if mso]>``), where braces are code.

    When the platform was guessed (``auto``) a finding is a *review*: the guess may be wrong; so is
    another dialect's ``{{ … }}`` on a platform that writes ``{{ … }}`` itself (its fields are
    user-defined). One finding per distinct placeholder.

    **Why** "Beste *|FNAME|*," or an unsubscribe link to ``{{ unsubscribe }}`` makes the mailing
    look broken, and a placeholder in the opt-out link leaves the recipient without one.

    **Bad** in Gmail: ``<p>Beste {{ voornaam }},</p>``; in Brevo: ``<a href="*|UNSUB|*">Afmelden</a>``

    **Good** in Gmail: ``<p>Beste Anna,</p>``; in Brevo: ``<a href="{{ unsubscribe }}">Afmelden</a>``
    """

    id = "placeholder-unresolved"
    title = {"nl": "Samenvoegcode wordt niet ingevuld", "en": "Placeholder will not be filled"}
    default_severity = "error"
    basis = ("platform-placeholders",)
    max_findings = 20
    messages = {
        "webmail": {
            "nl": "De code {placeholder} wordt in webmail niet ingevuld: de ontvanger krijgt hem letterlijk te zien.",
            "en": "The code {placeholder} is not filled in by webmail: the recipient sees it literally.",
        },
        "unknown": {
            "nl": "Mailwacht herkent geen verzendplatform in deze e-mail; vanuit webmail verstuurd krijgt de ontvanger {placeholder} letterlijk te zien.",
            "en": "Mailwacht recognises no sending platform in this email; sent from webmail, the recipient sees {placeholder} literally.",
        },
        "foreign": {
            "nl": "{placeholder} is een code van {dialect}; {platform} vult die niet in en de ontvanger krijgt hem letterlijk te zien.",
            "en": "{placeholder} is {dialect} code; {platform} does not fill it in and the recipient sees it literally.",
        },
        "carerix": {
            "nl": "Carerix verstuurt de e-mail niet zolang {placeholder} er nog in staat.",
            "en": "Carerix will not send the email while {placeholder} is still in it.",
        },
    }
    fixes = {
        "webmail": {
            "nl": "Vervang de code door de echte tekst of link, of verstuur de mailing vanuit het verzendplatform dat de code kent.",
            "en": "Replace the code with the real text or link, or send the mailing from the platform that knows the code.",
        },
        "unknown": {
            "nl": "Kies het verzendplatform in de instellingen als het de code invult; anders vervang je hem door de echte tekst.",
            "en": "Choose the sending platform in the settings if it fills the code; otherwise replace it with the real text.",
        },
        "foreign": {
            "nl": "Gebruik de code van {platform} (zie de hulppagina's van {platform}) of vervang hem door de echte tekst.",
            "en": "Use {platform}'s own code (see {platform}'s help pages) or replace it with the real text.",
        },
        "carerix": {
            "nl": "Vul het veld in of haal de code weg voordat je op 'Genereer e-mails' drukt.",
            "en": "Fill in the field or remove the code before pressing 'Generate e-mails'.",
        },
    }

    def applies(self, ctx: Context) -> bool:
        return ctx.platform not in _UNKNOWN_SYNTAX

    def check(self, ctx: Context) -> Iterator[Finding]:
        pattern, key = self._pattern(ctx)
        doc = ctx.doc
        seen: set[str] = set()
        own = None if ctx.is_webmail or ctx.platform == "carerix" else placeholders.syntax_pattern(ctx.platform)
        review = ctx.platform_inferred and key != "carerix"
        # On a platform that writes ``{{ … }}`` itself, another dialect's ``{{ name }}`` may well
        # be a field of the platform's own (Handlebars-style fields are user-defined): review.
        braces_are_own = own is not None and "\\{\\{" in placeholders.DIALECTS[ctx.platform].syntax

        def matches(value: str) -> list[_Match]:
            # The pattern runs only on the few stretches that can be placeholders at all
            # (``placeholders.tokens``): one fast pass over the text instead of a 40-way alternation.
            return [
                _Match(start + m.start(), start + m.end(), m.group(0), m.lastgroup)
                for start, token in placeholders.tokens(value)
                for m in pattern.finditer(token)
            ]

        def _review(found: str) -> bool:
            return review or (braces_are_own and found.startswith("{{"))

        def accept(match: _Match) -> tuple[str, dict[str, str]] | None:
            found = match.text
            if found in seen or (own is not None and own.search(found)):
                return None
            seen.add(found)
            params = {"placeholder": found, "platform": _LABEL.get(ctx.platform, ctx.platform), "dialect": ""}
            if key == "foreign":
                params["dialect"] = _LABEL.get(_DIALECT_OF_GROUP.get(match.group or "", ""), "")
            return found, params

        def in_field(name: str, value: str) -> Iterator[Finding]:
            """Placeholders in a field outside the body (subject, the plain-text part)."""
            for match in matches(value):
                accepted = accept(match)
                if accepted:
                    location = Location(field=name, start=match.start, end=match.end)
                    yield self.finding(
                        ctx, key, location=location, evidence=accepted[0], review=_review(accepted[0]), **accepted[1]
                    )

        yield from in_field("subject", ctx.draft.subject)
        for match in matches(doc.text):
            accepted = accept(match)
            if accepted:
                yield self.finding(
                    ctx,
                    key,
                    span=(match.start, match.end),
                    review=_review(accepted[0]),
                    **accepted[1],
                )
        if not doc.text_mode:
            for element, value in _attribute_values(ctx):
                for match in matches(value):
                    accepted = accept(match)
                    if accepted:
                        yield self.finding(
                            ctx,
                            key,
                            element=element,
                            review=_review(accepted[0]),
                            **accepted[1],
                        )
            if ctx.draft.text:
                yield from in_field("text", ctx.draft.text)

    @staticmethod
    def _pattern(ctx: Context) -> tuple[re.Pattern[str], str]:
        if ctx.platform == "carerix":
            return _CARERIX, "carerix"
        if ctx.is_webmail:
            return ANY_PLACEHOLDER, "unknown" if ctx.platform_inferred else "webmail"
        return _FOREIGN[ctx.platform], "foreign"


class _Match(NamedTuple):
    start: int
    end: int
    text: str
    group: str | None


def _attribute_values(ctx: Context) -> Iterator[tuple[Tag, str]]:
    for tag, name in _ATTRIBUTES:
        for element in ctx.doc.by_tag.get(tag, ()):
            value = attr(element, name)
            if value and _MAYBE.search(value):
                yield element, value
