"""Who the draft is from when no organisation profile says so (issue 10): the From name repeated
in the text, the From domain named in the text, or a name in the footer. Shared by
``organisation-missing`` and ``sender-name-missing`` and reported as ``report["organisation"]``
(name and source), computed once per check (``ctx.memo``)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..context import Context
from ._identity import FREEMAIL, domain_of, from_name_parts, name_in_text, registrable

#: Where an organisation name was found (the report's ``organisation.source``).
#: ``profile``: the options page; ``from-name``: the From name, which the text repeats;
#: ``from-domain``: the From address's domain, which the text names ("De Boer" for deboer.nl, or
#: the web address written out); ``footer``: a name with a legal form ("Acme B.V.", "Müller GmbH")
#: or a copyright line ("© 2026 Acme") in the last part of the text.
ORG_SOURCES: tuple[str, ...] = ("profile", "from-name", "from-domain", "footer")
#: The footer is searched in this many last characters of the text.
FOOTER_CHARS = 2500
_LEGAL_FORM = (
    r"B\.\s?V\.|BV|N\.\s?V\.|NV|V\.O\.F\.|VOF|C\.V\.|GmbH(?:\s?&\s?Co\.?\s?KG)?|AG|KG|e\.\s?V\.|UG|"
    r"Ltd\.?|Limited|LLC|L\.L\.C\.|Inc\.?|Corp\.?|plc|PLC|S\.A\.R\.L\.|SARL|SAS|S\.A\.|SA|BVBA|VZW|SRL"
)
_CAP_WORD = r"[A-ZÀ-Þ0-9](?:[\w&'’-]|\.(?=\w))*"
#: "De Boer Accountants B.V.", "Müller & Söhne GmbH", "Stichting Vogelbescherming", "© 2026 Acme".
_FOOTER_NAME = re.compile(
    # Every alternative starts with a capital, a digit, '©', '(' or 'c': the guard lets the regex
    # engine pass every other position at a glance (the footer is read on every mailing).
    r"(?=[A-ZÀ-Þ0-9©(c])(?:"
    rf"(?P<legal>{_CAP_WORD}(?:[ \t]+(?:{_CAP_WORD}|&|en|van|de|der|den|und|et)){{0,5}}),?[ \t]+(?:{_LEGAL_FORM})(?![\w])"
    rf"|(?<![\w])(?:Stichting|Vereniging|Coöperatie|Stiftung|Verein|Association|Fondation)[ \t]+(?P<prefixed>{_CAP_WORD}(?:[ \t]+{_CAP_WORD}){{0,4}})"
    rf"|(?:©|\(c\)|copyright)[ \t]*(?:\d{{4}}(?:[ \t]*[-–][ \t]*\d{{4}})?)?[ \t]*,?[ \t]*(?P<copyright>{_CAP_WORD}(?:[ \t]+(?:{_CAP_WORD}|&)){{0,4}})"
    r")",
)
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Named:
    """An organisation name and where Mailwacht took it from (one of :data:`ORG_SOURCES`)."""

    name: str
    source: str

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "source": self.source}


def organisation(ctx: Context) -> Named | None:
    """The organisation the draft is from: the profile's name, else what the draft shows itself
    (the From name repeated in the text, the From domain named in the text, a name in the footer);
    None when nothing names one. Computed once per check."""
    if "organisation.named" not in ctx.memo:
        profile = ctx.options.org.name.strip()
        ctx.memo["organisation.named"] = Named(profile, "profile") if profile else named_in_draft(ctx)
    return ctx.memo["organisation.named"]


def named_in_draft(ctx: Context) -> Named | None:
    """Without a profile: the organisation the draft itself names (see :data:`ORG_SOURCES`)."""
    for part in from_name_parts(ctx.draft.from_name.strip().strip('"')):
        if name_in_text(ctx, part):
            return Named(part, "from-name")
    from_domain = _domain_name(ctx)
    if from_domain is not None:
        return from_domain
    footer = _footer_name(ctx.doc.text[-FOOTER_CHARS:])
    return Named(footer, "footer") if footer else None


def _domain_name(ctx: Context) -> Named | None:
    """The From domain's name ("deboer" of ``nieuws@deboer.nl``) written in the text as one to
    four words ("De Boer", "deboer.nl", "DeBoer"); free-mail domains name no organisation."""
    domain = domain_of(ctx.draft.from_address)
    if not domain or registrable(domain) in FREEMAIL:
        return None
    label = re.sub(r"[^a-z0-9]", "", registrable(domain).split(".")[0].lower())
    if len(label) < 3:
        return None
    text = ctx.doc.text
    if len(text) > 2 * FOOTER_CHARS * 5:  # header and footer are where a sender is named
        text = text[: FOOTER_CHARS * 5] + "\n" + text[-FOOTER_CHARS * 5 :]
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text)]
    for i in range(len(words)):
        joined = ""
        for j in range(i, min(i + 4, len(words))):
            joined += words[j][0].lower()
            if joined == label:
                return Named(text[words[i][1] : words[j][2]], "from-domain")
            if len(joined) >= len(label) or not label.startswith(joined):
                break
    return None


def _footer_name(footer: str) -> str:
    """The last organisation name in ``footer``: a name with a legal form, after Stichting/
    Vereniging, or after a copyright sign; empty when there is none."""
    found = ""
    for match in _FOOTER_NAME.finditer(footer):
        name = match.group("legal") or match.group("prefixed") or match.group("copyright") or ""
        name = name.strip(" \t,.")
        if len(re.sub(r"\W", "", name)) >= 2:
            found = match.group(0).strip(" \t,") if match.group("legal") or match.group("prefixed") else name
    return found
