"""Rule ``placeholder-unresolved``."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from bs4 import Tag

from ..context import Context
from ..document import attr
from ..model import Finding, Location
from ..registry import Rule
from ..tables import placeholders
from ._unsubscribe import ANY_PLACEHOLDER, href_problem, unsubscribe_links

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
#: Platforms whose own placeholder syntax is unknown (a generic ESP may use any): nothing can be
#: called foreign there.
_UNKNOWN_SYNTAX = frozenset({"generic-esp"})
#: Platforms whose own merge fields are not documented (Laposta, REFERENCES.md section 3): another
#: dialect's code there is a question for the user, never an error.
_FIELDS_UNKNOWN = frozenset({"laposta"})
#: Tripolis Dialogue writes system tags in square brackets (``[view_online=…]``) and others may
#: exist undocumented (an unsubscribe tag was not found): a foreign ``[…]`` there is for review.
_BRACKET_TAGS_UNKNOWN = frozenset({"tripolis"})
_LABEL = {
    "mailchimp": "Mailchimp", "brevo": "Brevo", "klaviyo": "Klaviyo", "hubspot": "HubSpot", "sendgrid": "SendGrid",
    "mailjet": "Mailjet", "campaign-monitor": "Campaign Monitor", "activecampaign": "ActiveCampaign/MailBlue",
    "copernica": "Copernica", "mautic": "Mautic", "listmonk": "listmonk", "sendy": "Sendy", "mailcoach": "Mailcoach",
    "salesforce-mc": "Salesforce Marketing Cloud", "flexmail": "Flexmail", "laposta": "Laposta", "mailblue": "MailBlue",
    "carerix": "Carerix (CxScript)", "tripolis": "Tripolis (FreeMarker)",
}  # fmt: skip
_PLATFORM_LABEL = {**_LABEL, "activecampaign": "ActiveCampaign", "carerix": "Carerix", "tripolis": "Tripolis"}


def _group(name: str) -> str:
    return "d_" + name.replace("-", "_")


#: The dialects a placeholder can be told to be of: an alias (MailBlue) writes its base's code, and
#: a platform without a known syntax (Laposta) has none to recognise.
_KNOWN = {name: d for name, d in placeholders.DIALECTS.items() if not d.alias_of and d.syntax != placeholders.NEVER}
#: Per platform with a known dialect: one pattern for every OTHER dialect, a named group each.
_FOREIGN: dict[str, re.Pattern[str]] = {
    own: re.compile("|".join(f"(?P<{_group(name)}>{d.syntax})" for name, d in _KNOWN.items() if name != own))
    for own in placeholders.DIALECTS
}
#: Carerix: ``{{…}}`` and every platform's dialect, CxScript included (left in a generated mail).
_CARERIX = re.compile(
    f"(?P<generic>{_DOUBLE_BRACES.pattern})|" + "|".join(f"(?P<{_group(name)}>{d.syntax})" for name, d in _KNOWN.items())
)
#: A value without any of these characters holds no placeholder of any dialect.
_MAYBE = re.compile(r"[{\[*<%:#$]")
_DIALECT_OF_GROUP = {_group(name): name for name in _KNOWN}


class PlaceholderUnresolved(Rule):
    """Template code that nothing will fill reaches the recipient literally.

    In webmail (Gmail, Outlook, Roundcube) nothing fills placeholders, so ANY merge tag left in
    the draft, of any platform (``*|FNAME|*``, ``{{ contact.FIRSTNAME }}``, ``[[UNSUB_LINK_NL]]``,
    ``%FIRSTNAME%``, ``{$naam}``, Tripolis' FreeMarker ``${contact.name}`` and
    ``[view_online=…]``, Carerix' CxScript ``<cx:write value="$activity.…"/>``, Flexmail's
    ``#firstname#``, Salesforce's ``%%FirstName%%``, …), is sent as typed. On a sending platform,
    a placeholder of ANOTHER platform's dialect (``*|UNSUB|*`` in Brevo) is not filled either.
    Carerix refuses a draft with ``{{…}}`` left in until it is filled; CxScript left in a mail
    Carerix generated (an ``.eml``) was not filled. Looked for in the visible text, in link
    targets and image sources, in the subject and in the plain-text part; never in ``<style>``,
    scripts (JSON-LD) or comments (Outlook's ``<!--[if mso]>``), where braces are code.

    When the platform was guessed (``auto``) a finding is a *review*: the guess may be wrong; a
    code of no known dialect that is only a parameter of an otherwise complete unsubscribe address
    (``https://…/unsubscribe?e=<%=email%>``) is then a *review* warning, never an error; so is
    another dialect's ``{{ … }}`` on a platform that writes ``{{ … }}`` itself (its fields are
    user-defined), any code on Laposta (its merge fields are not documented) and a ``[…]`` tag on
    Tripolis (its square-bracket system tags are only partly documented). One finding per
    distinct placeholder.

    **Why** "Beste *|FNAME|*," or an unsubscribe link to ``{{ unsubscribe }}`` makes the mailing
    look broken, and a placeholder in the opt-out link leaves the recipient without one.

    **Bad** in Gmail: ``<p>Beste {{ voornaam }},</p>``; in Brevo: ``<a href="*|UNSUB|*">Afmelden</a>``

    **Good** in Gmail: ``<p>Beste Anna,</p>``; in Brevo: ``<a href="{{ unsubscribe }}">Afmelden</a>``
    """

    id = "placeholder-unresolved"
    title = {"nl": "Samenvoegcode wordt niet ingevuld", "en": "Placeholder will not be filled"}
    basis = ("platform-placeholders",)
    packs = {
        "nl": "error",  # reaches the recipient literally
        "us-can-spam": "error",
        "ca-casl": "error",
        "bulk-sender": "error",
        "de": "error",
        "be": "error",
    }
    order = 140
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
        "unknown-parameter": {
            "nl": "De afmeldlink geeft {placeholder} mee, een code die Mailwacht niet kent: vult je verzendplatform die in, dan is het goed; vanuit webmail gaat hij letterlijk mee en weet de afmeldpagina niet wie zich afmeldt.",
            "en": "The unsubscribe link passes {placeholder}, a code Mailwacht does not know: if your sending platform fills it in, all is well; sent from webmail it goes out literally and the unsubscribe page cannot tell who unsubscribes.",
        },
        "foreign": {
            "nl": "{placeholder} is een code van {dialect}; {platform} vult die niet in en de ontvanger krijgt hem letterlijk te zien.",
            "en": "{placeholder} is {dialect} code; {platform} does not fill it in and the recipient sees it literally.",
        },
        "carerix": {
            "nl": "Carerix verstuurt de e-mail niet zolang {placeholder} er nog in staat.",
            "en": "Carerix will not send the email while {placeholder} is still in it.",
        },
        "generated": {
            "nl": "{placeholder} is CxScript die Carerix bij het genereren niet heeft ingevuld: de ontvanger krijgt hem letterlijk te zien.",
            "en": "{placeholder} is CxScript that Carerix did not fill in when generating: the recipient sees it literally.",
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
        "unknown-parameter": {
            "nl": "Kies het verzendplatform in de instellingen als het de code invult; verstuur je vanuit webmail, zet dan de echte afmeldlink van de ontvanger in de e-mail.",
            "en": "Choose the sending platform in the settings if it fills the code; if you send from webmail, put the recipient's real unsubscribe link in the email.",
        },
        "foreign": {
            "nl": "Gebruik de code van {platform} (zie de hulppagina's van {platform}) of vervang hem door de echte tekst.",
            "en": "Use {platform}'s own code (see {platform}'s help pages) or replace it with the real text.",
        },
        "carerix": {
            "nl": "Vul het veld in of haal de code weg voordat je op 'Genereer e-mails' drukt.",
            "en": "Fill in the field or remove the code before pressing 'Generate e-mails'.",
        },
        "generated": {
            "nl": "Controleer de CxScript in het sjabloon (Onderhoud > Sjablonen): een sleutelpad dat niet bestaat of een tikfout blijft staan.",
            "en": "Check the CxScript in the template (Maintenance > Templates): a key path that does not exist or a typo is left as it is.",
        },
    }

    def applies(self, ctx: Context) -> bool:
        return ctx.platform not in _UNKNOWN_SYNTAX

    def check(self, ctx: Context) -> Iterator[Finding]:
        pattern, key = self._pattern(ctx)
        doc = ctx.doc
        seen: set[str] = set()
        base = placeholders.base_platform(ctx.platform)
        if ctx.is_webmail or (base == "carerix" and ctx.draft.is_message):
            own = None  # nothing fills them (webmail), or Carerix already generated this mail
        elif base == "carerix":
            own = placeholders.syntax_pattern("carerix")  # a template: Carerix fills its CxScript
        else:
            own = placeholders.syntax_pattern(base)
        # On a platform that writes ``{{ … }}`` itself, another dialect's ``{{ name }}`` may well
        # be a field of the platform's own (Handlebars-style fields are user-defined): review.
        braces_are_own = not ctx.is_webmail and "\\{\\{" in placeholders.DIALECTS[base].syntax

        def key_of(match: _Match) -> str:
            if key != "carerix":
                return key
            if match.group == "generic":
                return "carerix"
            return "generated" if match.group == _group("carerix") else "foreign"

        def matches(value: str) -> list[_Match]:
            # The pattern runs only on the few stretches that can be placeholders at all
            # (``placeholders.tokens``): one fast pass over the text instead of a 40-way alternation.
            return [
                _Match(start + m.start(), start + m.end(), m.group(0), m.lastgroup)
                for start, token in placeholders.tokens(value)
                for m in pattern.finditer(token)
            ]

        def _review(found: str, which: str) -> bool:
            if which == "carerix":
                return False  # Carerix's own refusal: known whatever the guess
            return (
                ctx.platform_inferred
                or (braces_are_own and found.startswith("{{"))
                or (which == "foreign" and base in _FIELDS_UNKNOWN)
                or (which == "foreign" and base in _BRACKET_TAGS_UNKNOWN and found.startswith("["))
            )

        def accept(match: _Match) -> tuple[str, str, dict[str, str]] | None:
            found = match.text
            if found in seen or (own is not None and own.search(found)):
                return None
            seen.add(found)
            which = key_of(match)
            params = {"placeholder": found, "platform": _PLATFORM_LABEL.get(ctx.platform, ctx.platform), "dialect": ""}
            if which == "foreign":
                params["dialect"] = _LABEL.get(_DIALECT_OF_GROUP.get(match.group or "", ""), "")
            return found, which, params

        def in_field(name: str, value: str) -> Iterator[Finding]:
            """Placeholders in a field outside the body (subject, the plain-text part)."""
            for match in matches(value):
                accepted = accept(match)
                if accepted:
                    found, which, params = accepted
                    location = Location(field=name, start=match.start, end=match.end)
                    yield self.finding(ctx, which, location=location, evidence=found, review=_review(found, which), **params)

        yield from in_field("subject", ctx.draft.subject)
        for match in matches(doc.text):
            accepted = accept(match)
            if accepted:
                found, which, params = accepted
                yield self.finding(ctx, which, span=(match.start, match.end), review=_review(found, which), **params)
        if not doc.text_mode:
            for element, value in _attribute_values(ctx):
                for match in matches(value):
                    accepted = accept(match)
                    if accepted:
                        found, which, params = accepted
                        if which == "unknown" and _unsubscribe_parameter(ctx, element, value, match.start):
                            # Platform unknown, and the code is a parameter of an otherwise complete
                            # unsubscribe address: a question for the sender, never an error.
                            yield self.finding(
                                ctx, "unknown-parameter", element=element, review=True, severity="warning", **params
                            )
                            continue
                        yield self.finding(ctx, which, element=element, review=_review(found, which), **params)
            # CxScript is XML: the parser makes ``<cx:write value="$activity.…"/>`` an element,
            # so it is looked for among the elements, written back as the tag it was.
            for name, elements in doc.by_tag.items():
                if not name.startswith("cx:"):
                    continue
                for element in elements:
                    tag = _as_tag(element)
                    for match in pattern.finditer(tag):
                        accepted = accept(_Match(0, len(tag), match.group(0), match.lastgroup))
                        if accepted:
                            found, which, params = accepted
                            yield self.finding(ctx, which, element=element, review=_review(found, which), **params)
                        break
            if ctx.draft.text:
                yield from in_field("text", ctx.draft.text)

    @staticmethod
    def _pattern(ctx: Context) -> tuple[re.Pattern[str], str]:
        if ctx.platform == "carerix":
            return _CARERIX, "carerix"
        if ctx.is_webmail:
            return ANY_PLACEHOLDER, "unknown" if ctx.platform_inferred else "webmail"
        return _FOREIGN[placeholders.base_platform(ctx.platform)], "foreign"


class _Match(NamedTuple):
    start: int
    end: int
    text: str
    group: str | None


def _as_tag(element: Tag) -> str:
    """An element written back as one empty-element tag: ``<cx:write value="$activity.x"/>``."""
    attributes = "".join(f' {name}="{attr(element, name)}"' for name in element.attrs)
    return f"<{element.name}{attributes}/>"


def _unsubscribe_parameter(ctx: Context, element: Tag, value: str, start: int) -> bool:
    """Whether a placeholder at ``start`` of ``value`` is a parameter (query or fragment) of an
    otherwise complete http(s) unsubscribe address in a link's href."""
    if element.name not in ("a", "area") or attr(element, "href") != value:
        return False
    query = min((i for i in (value.find("?"), value.find("#")) if i >= 0), default=-1)
    if query < 0 or start < query or href_problem(value[:query]) is not None:
        return False
    return value[:5].lower() in ("http:", "https") and any(link.element is element for link in unsubscribe_links(ctx))


def _attribute_values(ctx: Context) -> Iterator[tuple[Tag, str]]:
    for tag, name in _ATTRIBUTES:
        for element in ctx.doc.by_tag.get(tag, ()):
            value = attr(element, name)
            if value and _MAYBE.search(value):
                yield element, value
