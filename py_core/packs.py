"""Rule packs: which rules a legal regime or platform policy applies, and how severe each is.

A report can combine packs; a rule in several packs takes the highest severity any of them gives
it. ``error`` means a legal requirement is broken, ``warning`` a guideline broken or likely broken,
``info`` advice (issue 2).

Each rule declares the packs that apply it and its severity in each, in its own class
(``Rule.packs``; issue 12: the only place a severity is written, beside the rule it belongs to),
and the sources a pack adds to its basis (``Rule.pack_basis``). This module names the packs
(:data:`PACK_NAMES`, with what each stands for) and builds the tables from the rules'
declarations on first use: :data:`PACKS` (pack -> rule -> severity, rules in catalogue order) and
:data:`PACK_BASIS` (pack -> rule -> the sources it adds). A rule's default severity is the one the
default packs (``Options().packs``) give it (:func:`default_severity`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import SEVERITY_RANK, DraftError, Options, Severity
from .registry import RuleDefinitionError, all_rules

if TYPE_CHECKING:
    #: Pack -> rule id -> severity, from the rules' ``packs`` (module ``__getattr__`` below).
    PACKS: dict[str, dict[str, Severity]]
    #: Pack -> rule id -> the sources the pack adds to the rule's basis (``Rule.pack_basis``).
    PACK_BASIS: dict[str, dict[str, tuple[str, ...]]]

#: Every pack, in this order (of the catalogue's pack lists, the settings schema and the options
#: page). A rule names the ones that apply it; a name here that no rule names fails a test.
PACK_NAMES: tuple[str, ...] = (
    # The default: Telecommunicatiewet art. 11.7 as the Tripolis and Carerix guidelines explain it.
    "nl",
    # US CAN-SPAM: postal address and opt-out are the law; the From line must be accurate.
    "us-can-spam",
    # Canada CASL: sender identified, mailing address plus one more contact, unsubscribe prominent.
    "ca-casl",
    # Gmail and Yahoo bulk sender requirements (2024).
    "bulk-sender",
    # Issue 14: email tracking under ePrivacy art. 5(3) (EDPB 2/2023, CNIL 2026, Garante 2026): a
    # question whether consent for tracking was obtained (kind "review": shown, never holds a send).
    "eu-tracking",
    # Issue 14: Germany (DDG, UWG). § 6 (2) DDG: neither sender nor commercial nature hidden in the
    # header and subject.
    "de",
    # Issue 14: Belgium, Wetboek van economisch recht / Code de droit économique (WER/CDE) art. XII.12
    # (advertising recognisable, advertiser identifiable) and XII.13 (information on the right to
    # object and an electronic means to do so in every advertising email), and the royal decree of
    # 4 April 2003 (own customers without consent only with a free way to object). Existing rules
    # that test the same things (with the Belgian sources in their ``pack_basis``); the objection
    # notice is asked on the first mailing only, as in nl.
    "be",
    # Issue 14: accessibility advice (WCAG 2.1 A, European Accessibility Act); off unless chosen.
    "accessibility",
)

_Tables = tuple[dict[str, dict[str, Severity]], dict[str, dict[str, tuple[str, ...]]]]
_built: _Tables | None = None


def _tables() -> _Tables:
    """(PACKS, PACK_BASIS), built once from the rules' declarations (this loads the rules)."""
    global _built
    if _built is None:
        rules = all_rules()
        for rule_id, rule in rules.items():
            unknown = sorted(set(rule.packs) - set(PACK_NAMES))
            if unknown:
                raise RuleDefinitionError(f"{rule_id}: packs {unknown} are not in py_core.packs.PACK_NAMES")
        packs = {name: {rule_id: r.packs[name] for rule_id, r in rules.items() if name in r.packs} for name in PACK_NAMES}
        basis = {
            name: {rule_id: r.pack_basis[name] for rule_id, r in rules.items() if name in r.pack_basis} for name in PACK_NAMES
        }
        _built = (packs, {name: table for name, table in basis.items() if table})
    return _built


def __getattr__(name: str) -> Any:
    # ``PACKS`` and ``PACK_BASIS`` are built on first reading (``from py_core.packs import PACKS``),
    # not when this module is imported: py_core.context imports it, and every rule imports that.
    if name == "PACKS":
        return _tables()[0]
    if name == "PACK_BASIS":
        return _tables()[1]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def pack_basis(rule_id: str, pack_names: list[str]) -> tuple[str, ...]:
    """The sources the chosen packs add to ``rule_id``'s basis, in pack order, without repeats."""
    rule = all_rules().get(rule_id)
    return rule.pack_sources(pack_names) if rule is not None else ()


def combine(pack_names: list[str]) -> dict[str, Severity]:
    """The rules of all named packs, each at the highest severity any pack gives it."""
    if not pack_names:
        raise DraftError("choose at least one rule pack")
    packs = _tables()[0]
    combined: dict[str, Severity] = {}
    for name in pack_names:
        if name not in packs:
            raise DraftError(f"unknown rule pack {name!r}; choose from: {', '.join(packs)}")
        for rule_id, severity in packs[name].items():
            current = combined.get(rule_id)
            if current is None or SEVERITY_RANK[severity] > SEVERITY_RANK[current]:
                combined[rule_id] = severity
    return combined


def default_severity(rule_id: str) -> Severity | None:
    """The rule's severity under the default packs (``Options().packs``), None when they leave it out."""
    return combine(Options().packs).get(rule_id)
