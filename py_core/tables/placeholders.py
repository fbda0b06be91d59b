"""Merge-tag dialects per platform: how each platform writes its unsubscribe link and other fields.

Source for every row: the platform's help pages as collected in ``shared/REFERENCES.md`` (table
"Unsubscribe and address placeholders per platform", and for Tripolis Dialogue, Carerix, Copernica,
Flexmail, Laposta and MailBlue its section "Tripolis Dialogue, Carerix and Dutch ESPs: what the
manuals say"); rows marked *unconfirmed* there are marked so here. ``unsubscribe`` patterns are regular expressions matched case-insensitively against the
raw draft (placeholders may sit in text or in an ``href``). ``syntax`` recognises any placeholder of
the dialect, used to infer the platform (``auto``) and to find placeholders nothing will fill.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Dialect:
    """One platform's merge-tag dialect."""

    platform: str
    #: Patterns of the platform's unsubscribe placeholder(s); empty when none is documented.
    unsubscribe: tuple[str, ...]
    #: Pattern of any placeholder in this dialect (:data:`NEVER` when its syntax is not known).
    syntax: str
    #: The placeholder a quick fix inserts as the unsubscribe link's href (None: no href form).
    unsubscribe_href: str | None
    #: True when the platform adds its own unsubscribe footer if the draft has none.
    adds_footer: bool = False
    #: Patterns of the platform's address placeholder (counts as the sender's postal address).
    address: tuple[str, ...] = ()
    confirmed: bool = True
    #: Another platform whose dialect this one is (MailBlue resells ActiveCampaign): never inferred
    #: by ``auto`` (the base platform is) and never foreign to its base.
    alias_of: str | None = None


#: A pattern that matches nothing: the syntax of a platform whose merge fields are not documented.
NEVER = r"(?!)"


DIALECTS: dict[str, Dialect] = {
    "mailchimp": Dialect(
        "mailchimp",
        (r"\*\|\s*UNSUB\s*\|\*",),
        r"\*\|[A-Z0-9_:]+(?:\s[^|]*)?\|\*",
        "*|UNSUB|*",
        adds_footer=True,
        address=(r"\*\|\s*(?:HTML:)?LIST_ADDRESS(?:_HTML)?\s*\|\*", r"\*\|\s*LIST:ADDRESS(?:LINE)?\s*\|\*"),
    ),
    "brevo": Dialect(
        "brevo",
        (r"\{\{\s*unsubscribe\s*\}\}", r"\[UNSUBSCRIBE\]"),
        r"\{\{\s*(?:contact\.[A-Za-z0-9_]+|unsubscribe|update_profile|mirror|params\.[A-Za-z0-9_]+)\s*\}\}|\[(?:UNSUBSCRIBE|MIRROR|DEFAULT_UNSUBSCRIBE_TEXT)\]",
        "{{ unsubscribe }}",
    ),
    "klaviyo": Dialect(
        "klaviyo",
        (r"\{%\s*unsubscribe(?:_link)?(?:\s+[^%]*)?%\}", r"\{%\s*unsubscribe_url\s*%\}"),
        r"\{%\s*(?:unsubscribe(?:_link|_url)?|manage_preferences|web_view)[^%]*%\}|\{\{\s*(?:person|first_name|organization)\b[^}]*\}\}",
        "{% unsubscribe_link %}",
        adds_footer=True,
    ),
    "hubspot": Dialect(
        "hubspot",
        (r"\{\{\s*unsubscribe_link(?:_all)?\s*\}\}",),
        r"\{\{\s*(?:unsubscribe_link(?:_all)?|site_settings\.[A-Za-z_.]+|contact\.[A-Za-z_]+|content\.[A-Za-z_]+)\s*\}\}",
        "{{ unsubscribe_link }}",
        address=(r"\{\{\s*site_settings\.company_(?:street_address_1|address)\s*\}\}",),
    ),
    "sendgrid": Dialect(
        "sendgrid",
        (
            r"<%\s*asm_(?:group|global)_unsubscribe(?:_raw)?_url\s*%>",
            r"<%\s*asm_preferences(?:_raw)?_url\s*%>",
            r"\[Unsubscribe\]",
            r"\{\{\s*unsubscribe\s*\}\}",  # Marketing Campaigns (REFERENCES.md)
        ),
        r"<%\s*[a-z_]+\s*%>|\[Unsubscribe(?:_Preferences)?\]|\[Sender_[A-Za-z_]+\]|\{\{\s*unsubscribe(?:_preferences)?\s*\}\}",
        "<%asm_group_unsubscribe_raw_url%>",
        address=(r"\[Sender_Address\]",),
    ),
    "mailjet": Dialect(
        "mailjet",
        (r"\[\[\s*UNSUB_LINK_[A-Z]{2}\s*\]\]",),
        r"\[\[\s*[A-Z_]+(?:_[A-Z]{2})?\s*\]\]|\{\{\s*(?:var|data):[^}]+\}\}",
        "[[UNSUB_LINK_NL]]",
    ),
    "campaign-monitor": Dialect(
        "campaign-monitor",
        (r"<unsubscribe\b[^>]{0,500}>", r"\[unsubscribe\]"),
        r"<(?:unsubscribe|webversion|preferences|forwardtoafriend)\b[^>]{0,500}>|\[(?:unsubscribe|firstname|lastname|fullname|email)(?:,[^\]]*)?\]",
        "[unsubscribe]",
        adds_footer=True,
    ),
    "activecampaign": Dialect(
        "activecampaign",
        (r"%UNSUBSCRIBELINK%",),
        # Not a percent-encoded byte pair (``%E2%80%99`` in a URL is not ``%E2%``), and not the
        # inside of Salesforce Marketing Cloud's ``%%FIRSTNAME%%``.
        r"(?<!%)%(?![0-9A-F]{2}%)[A-Z][A-Z0-9_-]+%(?!%)",
        "%UNSUBSCRIBELINK%",
        confirmed=False,  # community wiki only (REFERENCES.md)
    ),
    # Copernica: ``{$unsubscribe}`` (drag-and-drop templates, old) and, in the Publisher and the
    # Marketing Suite's template editor, ``{unsubscribe}``, ``{unsubscribe redirect="…"}`` and
    # ``{webversion}`` without ``$`` (REFERENCES.md section 3). Not the inside of ``{{unsubscribe}}``.
    "copernica": Dialect(
        "copernica",
        (r"\{\$unsubscribe\}", r"(?<!\{)\{unsubscribe(?:\s+redirect=(?:\"[^\"{}]*\"|'[^'{}]*'))?\}(?!\})"),
        r"\{\$[A-Za-z_][A-Za-z0-9_.|:]*\}"
        r"|(?<!\{)\{(?:unsubscribe(?:\s+redirect=(?:\"[^\"{}]*\"|'[^'{}]*'))?|webversion)\}(?!\})",
        "{$unsubscribe}",
    ),
    "mautic": Dialect(
        "mautic",
        (r"\{unsubscribe_text\}", r"\{unsubscribe_url\}"),
        # Mautic tokens; theme files are Twig that Mautic renders (``{{ getAssetUrl(...) }}``).
        r"\{(?:unsubscribe_text|unsubscribe_url|webview_url|webview_text|contactfield=[a-z0-9_]+|tracking_pixel|signature|subject)\}"
        r"|\{\{\s*getAssetUrl\([^{}]*\}\}",
        "{unsubscribe_url}",
    ),
    "listmonk": Dialect(
        "listmonk",
        (r"\{\{\s*UnsubscribeURL\s*\}\}", r"\{\{\s*UnsubscribeURL\s*\.?\s*\}\}"),
        r"\{\{\s*(?:UnsubscribeURL|OptinURL|MessageURL|TrackView|TrackLink\s+[^}]*|\.Subscriber\.[A-Za-z.]+|\.Campaign\.[A-Za-z.]+|L\.T\s+[^}]*|template\s+[^}]*|define\s+[^}]*|end|RootURL)\s*\}\}",
        "{{ UnsubscribeURL }}",
    ),
    "sendy": Dialect(
        "sendy",
        (r"<unsubscribe\b[^>]{0,500}>", r"\[unsubscribe\]"),
        r"<(?:unsubscribe|webversion)\b[^>]{0,500}>|\[(?:unsubscribe|webversion|Name|Email)(?:,[^\]]*)?\]",
        "[unsubscribe]",
    ),
    "mailcoach": Dialect(
        "mailcoach",
        (r"\{\{\s*unsubscribeUrl\s*\}\}", r"::unsubscribeUrl::"),
        r"\{\{\s*(?:unsubscribeUrl|webviewUrl|subscriber\.[A-Za-z_.]+)\s*\}\}|::[A-Za-z]+::",
        "{{ unsubscribeUrl }}",
    ),
    # Salesforce Marketing Cloud: personalization strings ``%%FirstName%%`` (case-insensitive),
    # AMPscript ``%%=v(@x)=%%`` and ``%%[ … ]%%``; the unsubscribe, subscription and profile
    # centres (each lets the recipient unsubscribe); ``%%Member_Addr%%`` is the sender's address
    # (SFMC's own test e-mail in public gists: gist.github.com/wvpv/e5affc5a058b6eb05a13; issue 9).
    # A one-letter ``%%q%%`` (a search form's URL template in a real mail) is not taken for SFMC.
    "salesforce-mc": Dialect(
        "salesforce-mc",
        (r"%%\s*(?:unsub_center_url|subscription_center_url|profile_center_url)\s*%%",),
        r"%%(?:[A-Za-z_][A-Za-z0-9_]{1,60}|=[^%]{1,300}=|\[[^%]{0,2000}\])%%",
        "%%unsub_center_url%%",
        address=(r"%%\s*Member_Addr\s*%%",),
    ),
    # Flexmail (BE/NL): ``#firstname#``, ``#name#``, ``#email#``, ``#language#``; system placeholders
    # ``#unsubscribe#``, ``#update#``, ``#show_in_browser#``, ``#opt-in#``
    # (en.support.flexmail.eu/article/383-personalise-with-placeholders). Only these names: a
    # custom field's placeholder is not documented, and ``#1#`` or ``#hashtag#`` in prose is none.
    "flexmail": Dialect(
        "flexmail",
        (r"#unsubscribe#",),
        r"#(?:firstname|name|email|language|unsubscribe|update|show_in_browser|opt-in)#",
        "#unsubscribe#",
    ),
    # Laposta: its merge fields are not documented (REFERENCES.md section 3: **U**), so ``auto``
    # cannot recognise it; it adds its own unsubscribe link to every campaign, which "kunt u niet
    # verwijderen" (docs.laposta.nl/article/101; article 1117: no campaign goes out without it).
    "laposta": Dialect("laposta", (), NEVER, None, adds_footer=True, confirmed=False),
    # MailBlue resells ActiveCampaign ("reseller partner of ActiveCampaign", mailblue.io):
    # ``%UNSUBSCRIBELINK%`` (community wiki, unconfirmed). ``auto`` says ActiveCampaign.
    "mailblue": Dialect(
        "mailblue",
        (r"%UNSUBSCRIBELINK%",),
        r"(?<!%)%(?![0-9A-F]{2}%)[A-Z][A-Z0-9_-]+%(?!%)",
        "%UNSUBSCRIBELINK%",
        confirmed=False,
        alias_of="activecampaign",
    ),
    # Carerix: CxScript, XML elements ``<cx:write value="$activity.toEmployee.name"/>``,
    # ``<cx:header name="cc" value="$activity.owner.emailAddress"/>`` with key paths under
    # ``$activity`` (help.carerix.com/en/articles/2019099-cxscript-introduction, 2019105, 1990065).
    # No unsubscribe placeholder is known: opt-out is group membership (NoMailingsTag), and the
    # newsletter module's own link's code is not documented (REFERENCES.md section 2).
    "carerix": Dialect(
        "carerix",
        (),
        r"</?cx:[A-Za-z][\w.-]*(?:\s[^<>]{0,300})?/?>|\$activity(?:\.[A-Za-z_]\w*)+",
        None,
        confirmed=False,
    ),
    # Tripolis Dialogue: FreeMarker, ``${contact.name}``, ``${contact.user_invite_key!}``,
    # ``<#assign nu = .now>``, ``${nu?string.yyyy}``, and the system tag ``[view_online=label]``
    # (DiaWebTest confirm.html, KPN FLITS TripolisDirectEmail; REFERENCES.md section 1). No
    # unsubscribe tag is documented: the link is a URL the customer supplies.
    "tripolis": Dialect(
        "tripolis",
        (),
        r"\$\{[A-Za-z_][\w.]*(?:[!?][^{}<>\n]{0,80})?\}"
        r"|</?#(?:assign|local|global|if|elseif|else|list|items|sep|switch|case|default|break|attempt|recover|setting|compress|noparse|include|import|macro|return|function|nested)\b[^<>]{0,200}>"
        r"|\[view_online(?:=[^\[\]<>\n]{0,80})?\]",
        None,
        confirmed=False,
    ),
}

#: Template syntax of no particular platform, left in a draft (``{{ naam }}``, ``{$naam}``,
#: ``${naam}``): found wherever nothing fills it, and on platforms whose own syntax is unknown.
GENERIC_SYNTAX = (
    r"\{\{[^{}]{1,80}\}\}|\{%[^%]{1,80}%\}|\*\|[^|]{1,60}\|\*|\[\[[^\]]{1,60}\]\]|<%[^%]{1,60}%>|%%[A-Za-z_]{1,40}%%"
    # Smarty-style ``{$name}`` (Copernica and others); ``{`` in prose is never followed by ``$``+name.
    r"|\{\$[A-Za-z_][A-Za-z0-9_.|:]{0,60}\}"
    # FreeMarker/Velocity/EL ``${name}``: a price is ``$5``, never ``${``.
    r"|\$\{[A-Za-z_][^{}<>\n]{0,80}\}"
)


# No first-character guard here (unlike ``keywords.union``): these patterns start with literals,
# which ``re`` already scans for in C; a lookahead in front measured 2-10x slower on raw HTML.
_COMPILED: dict[str, tuple[re.Pattern[str] | None, re.Pattern[str]]] = {
    name: (
        re.compile("|".join(f"(?:{p})" for p in d.unsubscribe), re.I) if d.unsubscribe else None,
        re.compile(d.syntax),
    )
    for name, d in DIALECTS.items()
}
_GENERIC = re.compile(GENERIC_SYNTAX)
#: The dialects ``auto`` can tell apart: an alias (MailBlue) writes exactly what its base does,
#: and a platform without a known syntax (Laposta) leaves nothing to recognise.
_INFERABLE = tuple(
    (name, pair) for name, pair in _COMPILED.items() if not DIALECTS[name].alias_of and DIALECTS[name].syntax != NEVER
)


def base_platform(platform: str) -> str:
    """The platform whose dialect ``platform`` writes (``mailblue`` -> ``activecampaign``)."""
    dialect = DIALECTS.get(platform)
    return dialect.alias_of if dialect is not None and dialect.alias_of else platform


def unsubscribe_pattern(platform: str) -> re.Pattern[str] | None:
    """The compiled unsubscribe placeholder pattern of ``platform`` (None when it has none)."""
    entry = _COMPILED.get(platform)
    return entry[0] if entry else None


def syntax_pattern(platform: str) -> re.Pattern[str]:
    """Any placeholder of ``platform``'s dialect (the generic pattern for platforms without one)."""
    entry = _COMPILED.get(platform)
    return entry[1] if entry else _GENERIC


def generic_pattern() -> re.Pattern[str]:
    return _GENERIC


#: Every stretch of a draft that could hold a placeholder of any dialect above (a superset of
#: their ``unsubscribe`` and ``syntax`` patterns; ``tests`` check it on every dialect's examples).
#: Dialect patterns run on these few tokens instead of the whole draft: one pass in C over the raw
#: HTML instead of 26 (``infer_platform`` ran at half the cost of parsing the draft before).
_TOKEN = re.compile(
    r"\*\|[^|]{1,120}\|\*"
    r"|\{\{[^{}]{1,200}\}\}|\{%[^%]{1,200}%\}|\{\$[^{}\s]{1,80}\}|\{[A-Za-z_][A-Za-z0-9_=]{0,80}\}"
    r"|\[\[[^\]]{1,80}\]\]|\[[A-Za-z_][^\[\]<>\n]{0,120}\]"
    r"|<%[^%]{1,80}%>|<(?i:unsubscribe|webversion|preferences|forwardtoafriend)\b[^>]{0,500}>"
    r"|%%[A-Za-z_]{1,40}%%|%%=[^%]{1,300}=%%|%%\[[^%]{0,2000}\]%%|%[A-Za-z][A-Za-z0-9_-]{0,60}%"
    r"|::[A-Za-z][\w.]{0,80}::"
    # Copernica's ``{unsubscribe redirect="…"}``; FreeMarker ``${…}`` and ``<#…>``; Flexmail
    # ``#name#``; CxScript ``<cx:…>`` and ``$activity.…`` (Tripolis, Flexmail, Carerix above).
    r"|\{unsubscribe\s[^{}]{1,200}\}|\$\{[^{}<>\n]{1,120}\}|</?#[a-z][^<>]{0,200}>"
    r"|#[A-Za-z][A-Za-z0-9_-]{1,40}#|</?cx:[^<>]{1,400}>|\$activity(?:\.\w+){1,12}"
)


def tokens(raw: str) -> list[tuple[int, str]]:
    """``(offset, text)`` of every stretch of ``raw`` that may be a placeholder, in order."""
    return [(m.start(), m.group(0)) for m in _TOKEN.finditer(raw)]


#: What can make a match depend on where a token ends (anchors, lookarounds, atomic groups,
#: possessive quantifiers): such patterns are run token by token.
_EDGE_SENSITIVE = re.compile(r"\(\?<?[=!>]|\$|\\[AZz]|(?<!\[)\^|[*+?}]\+")


@functools.lru_cache(maxsize=256)
def _edge_sensitive(pattern: re.Pattern[str]) -> bool:
    return _EDGE_SENSITIVE.search(pattern.pattern) is not None


def join_tokens(found: list[tuple[int, str]]) -> tuple[str, list[int]]:
    """The tokens joined by NUL, and where each starts in the joined string (for :func:`find_in_tokens`)."""
    bounds: list[int] = []
    position = 0
    for _, text in found:
        bounds.append(position)
        position += len(text) + 1
    return "\x00".join(text for _, text in found), bounds


def find_in_tokens(
    pattern: re.Pattern[str], found: list[tuple[int, str]], joined: tuple[str, list[int]] | None = None
) -> list[tuple[int, str]]:
    """``(offset, text)`` of every match of ``pattern`` inside the tokens.

    One pass over the tokens joined by NUL (``joined``: :func:`join_tokens`, when the caller asks
    for several patterns) instead of one per token. The answer is the same: a match that does not
    contain the NUL lies inside one token and was reached at the same positions, and when one
    does contain it, or the pattern could see where a token ends, the tokens are scanned one by one."""
    if len(found) > 1 and not _edge_sensitive(pattern):
        text, bounds = joined or join_tokens(found)
        matches = list(pattern.finditer(text))
        if not any("\x00" in m.group(0) for m in matches):
            out: list[tuple[int, str]] = []
            for m in matches:
                index = bisect.bisect_right(bounds, m.start()) - 1
                out.append((found[index][0] + m.start() - bounds[index], m.group(0)))
            return out
    return [(start + m.start(), m.group(0)) for start, text in found for m in pattern.finditer(text)]


def infer_platform(raw: str, found: list[tuple[int, str]] | None = None) -> str | None:
    """The platform whose placeholders the draft uses most (unsubscribe placeholders weigh most).

    Distinct placeholders count, not repetitions: a template that styles Campaign Monitor's
    ``<unsubscribe style=…>`` tag three times is no more Campaign Monitor than one that uses it
    once (Mautic's "vibrant" theme has three such tags and is filled by Mautic's
    ``{unsubscribe_url}`` and Twig). Returns None when no dialect is recognised. ``found`` is
    ``tokens(raw)`` when the caller has it already.
    """
    if found is None:
        found = tokens(raw)
    if not found:
        return None
    # The dialect patterns run over the tokens joined by NUL (which no pattern matches across
    # usefully): two regex passes per dialect over a short string instead of two per token.
    joined = "\x00".join(text for _, text in found)
    best: tuple[int, str] | None = None
    for name, (unsub, syntax) in _INFERABLE:
        hits_unsub = _distinct([m.group(0) for m in unsub.finditer(joined)]) if unsub is not None else set()
        hits_syntax = _distinct([m.group(0) for m in syntax.finditer(joined)])
        score = 10 * len(hits_unsub) + len(hits_syntax)
        if score and (best is None or score > best[0]):
            best = (score, name)
    return best[1] if best else None


_TAG_ATTRIBUTES = re.compile(r"^<(\w+)\b[^>]*>$")


def _distinct(found: list[str]) -> set[str]:
    """Placeholders as a set; a tag placeholder counts by its name, whatever its attributes."""
    # Only a tag (``<…>``) can be rewritten: the other placeholders skip the substitution.
    return {_TAG_ATTRIBUTES.sub(r"<\1>", text.lower()) if text[:1] == "<" else text.lower() for text in found}
