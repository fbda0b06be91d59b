"""Accuracy of the engine on hand-labelled real mail: per-rule TP/FP/FN/TN, precision and recall.

The labels (``tests/data/realmail/labels-*.yml``, schema and meaning in that folder's README) say
what a careful reader sees in each real message of ``../shared/corpus/`` (read in place, never
copied into the repository). Each message is checked as the command line checks a file
(``python -m py_core check --format json --platform auto --pack nl FILE``: an ``.eml`` becomes a
draft with its headers, From, Subject and List-Unsubscribe; a template its HTML), and the labels
become expectations exactly as the README's last section says, over five rules:

- ``unsubscribe-missing`` fires iff neither ``optout_web`` nor ``optout_manual``;
- ``unsubscribe-manual`` fires iff ``optout_manual`` and not ``optout_web``;
- ``postal-address-missing`` fires iff not ``postal_address``;
- ``contact-missing`` fires iff neither ``postal_address`` nor ``phone``;
- ``reason-missing`` fires iff not ``reason``;

for a message labelled ``mailing``. For ``personal`` mail none of them may fire (every error or
warning of these rules is a false positive). Templates labelled ``transactional`` are scored with
the mailing expectations but apart, outside the headline figures. "Fires" means a finding of the
rule of severity error or warning (not dismissed).

When the engine's report carries ``mail_kind`` (issue 10), the mailing/personal decision is scored
against ``kind`` as well (a transactional template counts as a mailing: a template given to the
command line is one), with the personal mail that is held listed by name. Without it, this says so.

A second, separate group follows the headline: the hand-written hold-out set
(``tests/data/holdout/``: drafts in Dutch, German, French and English written for measuring and
labelled before the engine was run on them, ``labels.yml`` there, same schema). It is scored the
same way (a label's optional ``envelope`` gives the command line ``--from-name``,
``--from-address`` and ``--subject``; its ``to``/``bcc_count`` have no command-line flag and are
not passed), with per-language counts of disagreements, and never enters the headline figures.

A third group, also apart from the headline: the rules of issue 14 (tracking, recognisable
advertising, the German imprint, link hygiene, accessibility), scored against their own labels
(``tests/data/realmail/issue14-rules.yml``: per rule, the messages where a finding is clearly
expected or clearly not). Each labelled message is checked with the packs of ``ISSUE14_PACKS`` and
"fires" means any live finding of the rule, of any severity (most of them are advice or questions).

One file over ~400 lines on purpose: the three groups share the reading of labels, the running
of the command line and the scoring, and ``tests/py/test_realmail.py`` imports that scoring from
here; split, each part would import the others.

Run: ``.venv/bin/python bench/accuracy.py [--json]``. Not a test (always exits 0 when the corpus
is there; 2 when it is absent); ``tests/py/test_realmail.py`` runs the same scoring with thresholds.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from py_core import cli  # noqa: E402

#: The shared corpus (``shared/corpus/{mail,real}``), outside the repository.
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
LABELS = ROOT / "tests" / "data" / "realmail"
#: The hand-written hold-out drafts and their labels (paths in labels.yml are under tests/data/).
HOLDOUT = ROOT / "tests" / "data" / "holdout"
HOLDOUT_LABELS = HOLDOUT / "labels.yml"
HOLDOUT_BASE = HOLDOUT.parent
#: The languages of the hold-out set and how many drafts each has.
HOLDOUT_LANGUAGES: dict[str, int] = {"nl": 20, "de": 10, "fr": 10, "en": 8}
#: An envelope's keys; the first three become command-line flags.
ENVELOPE_FLAGS = {"from_name": "--from-name", "from_address": "--from-address", "subject": "--subject"}
ENVELOPE_KEYS = (*ENVELOPE_FLAGS, "to", "bcc_count")
#: The label files the README lists; a missing one makes the completeness check skip.
LABEL_FILES = ("labels-mail-a.yml", "labels-mail-b.yml", "labels-templates.yml")
#: The corpus folders the labels cover, and the file types in them.
CORPUS_PARTS = (("mail", ".eml"), ("real", ".html"))

#: The tally group of the five rules checked with the kind of the label (``--mail-kind``) wherever
#: the engine's own mailing/personal decision differs: what the rules do once the kind is right
#: (issue 9's measure; the decision itself is issue 10's and is scored apart).
KIND_GIVEN = "kind-given"
RULES = ("unsubscribe-missing", "unsubscribe-manual", "postal-address-missing", "contact-missing", "reason-missing")
KINDS = ("mailing", "personal", "transactional")
FIELDS = ("optout_web", "optout_manual", "postal_address", "phone", "reason")
FIRING = ("error", "warning")
#: Rules whose finding also answers a label's expectation: a mail whose only unsubscribe link is
#: dead (``href="#"``, an empty href) has no working opt-out (the labels say so), and the engine
#: tells the sender with the more precise ``unsubscribe-broken`` instead of ``unsubscribe-missing``.
ALSO_COUNTS: dict[str, tuple[str, ...]] = {"unsubscribe-missing": ("unsubscribe-broken",)}
#: The command line the messages are checked with (the file path is appended).
CLI_ARGS = ("check", "--format", "json", "--platform", "auto", "--pack", "nl")


class LabelError(ValueError):
    """A label file does not follow the README's schema."""


@dataclass
class Label:
    file: str
    kind: str
    language: str
    facts: dict[str, bool]
    note: str
    source: str  # the label file it came from
    #: What a mail client shows around the draft (hold-out .html drafts only), or None.
    envelope: dict[str, Any] | None = None

    def cli_args(self) -> list[str]:
        """The command-line flags this label's envelope gives (none without one)."""
        env = self.envelope or {}
        return [arg for key, flag in ENVELOPE_FLAGS.items() if env.get(key) for arg in (flag, str(env[key]))]

    def expected(self, rule: str) -> bool:
        """Whether ``rule`` should fire on this message (the README's mapping)."""
        if self.kind == "personal":
            return False
        web, manual = self.facts["optout_web"], self.facts["optout_manual"]
        postal, phone, reason = self.facts["postal_address"], self.facts["phone"], self.facts["reason"]
        return {
            "unsubscribe-missing": not web and not manual,
            "unsubscribe-manual": manual and not web,
            "postal-address-missing": not postal,
            "contact-missing": not postal and not phone,
            "reason-missing": not reason,
        }[rule]


def load_labels(folder: Path = LABELS) -> list[Label]:
    """Every entry of every ``labels-*.yml`` in ``folder`` (schema checked)."""
    labels: list[Label] = []
    for path in sorted(folder.glob("labels-*.yml")):
        labels.extend(load_label_file(path))
    return labels


def load_holdout(path: Path = HOLDOUT_LABELS) -> list[Label]:
    """The hold-out labels (schema checked; every file under ``holdout/``, an envelope allowed)."""
    return load_label_file(path, prefix="holdout/", envelope=True)


def _envelope(where: str, value: Any) -> dict[str, Any]:
    if not isinstance(value, dict) or not set(value) <= set(ENVELOPE_KEYS):
        raise LabelError(f"{where}: envelope must be a mapping of {', '.join(ENVELOPE_KEYS)}")
    for key in ENVELOPE_FLAGS:
        if key in value and not isinstance(value[key], str):
            raise LabelError(f"{where}: envelope {key} must be text")
    if "to" in value and not (isinstance(value["to"], list) and all(isinstance(a, str) for a in value["to"])):
        raise LabelError(f"{where}: envelope to must be a list of addresses")
    if "bcc_count" in value and not (isinstance(value["bcc_count"], int) and value["bcc_count"] >= 0):
        raise LabelError(f"{where}: envelope bcc_count must be a whole number >= 0")
    return dict(value)


def load_label_file(path: Path, prefix: str | None = None, envelope: bool = False) -> list[Label]:
    """The entries of one label file (schema checked); ``prefix``: every file must start with it."""
    labels: list[Label] = []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(data, list):
        raise LabelError(f"{path.name}: must be a YAML list")
    for i, entry in enumerate(data):
        where = f"{path.name} entry {i + 1}"
        if not isinstance(entry, dict) or not isinstance(entry.get("file"), str):
            raise LabelError(f"{where}: needs a 'file'")
        where = f"{path.name}: {entry['file']}"
        if prefix is not None and not entry["file"].startswith(prefix):
            raise LabelError(f"{where}: every file here must be under {prefix}")
        if "envelope" in entry and not envelope:
            raise LabelError(f"{where}: an envelope is for the hold-out drafts only")
        kind = entry.get("kind")
        if kind not in KINDS:
            raise LabelError(f"{where}: kind {kind!r} is not one of {', '.join(KINDS)}")
        if kind == "transactional" and not entry["file"].startswith("real/"):
            raise LabelError(f"{where}: 'transactional' is for templates only")
        facts: dict[str, bool] = {}
        for name in FIELDS:
            value = entry.get(name)
            if not isinstance(value, bool):
                raise LabelError(f"{where}: '{name}' must be true or false, not {value!r}")
            facts[name] = value
        labels.append(
            Label(
                file=entry["file"],
                kind=kind,
                language=str(entry.get("language") or ""),
                facts=facts,
                note=str(entry.get("note") or ""),
                source=path.name,
                envelope=_envelope(where, entry["envelope"]) if "envelope" in entry else None,
            )
        )
    return labels


def corpus_files(corpus: Path = SHARED_CORPUS) -> list[str]:
    """Every message of the corpus the labels should cover, as ``mail/x.eml`` / ``real/x.html``."""
    return sorted(f"{part}/{p.name}" for part, suffix in CORPUS_PARTS for p in (corpus / part).glob(f"*{suffix}"))


def run_cli(path: Path, extra: Iterable[str] = ()) -> tuple[dict[str, Any] | None, str]:
    """The command line's JSON report for one file (``None`` and its message when it refused)."""
    out, err = io.StringIO(), io.StringIO()
    status = cli.main([*CLI_ARGS, *extra, str(path)], stdout=out, stderr=err)
    if status == 2:
        return None, " ".join(err.getvalue().split())
    return json.loads(out.getvalue()), ""


def fired(report: dict[str, Any] | None, rule: str) -> list[dict[str, Any]]:
    """The live error/warning findings of ``rule`` (and of the rules that answer for it, ``ALSO_COUNTS``)."""
    if report is None:
        return []
    rules = (rule, *ALSO_COUNTS.get(rule, ()))
    return [f for f in report["findings"] if f["rule"] in rules and f["severity"] in FIRING and not f.get("dismissed")]


def reported_kind(report: dict[str, Any] | None) -> str | None:
    """The engine's mailing/personal decision, when its report has one (issue 10)."""
    if report is None:
        return None
    value = report.get("mail_kind", (report.get("draft") or {}).get("mail_kind"))
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("kind") or value.get("value") or value.get("decision")
    return value if isinstance(value, str) else str(value)


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, expected: bool, got: bool) -> None:
        if expected and got:
            self.tp += 1
        elif got:
            self.fp += 1
        elif expected:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn, "precision": self.precision, "recall": self.recall}


def micro(tallies: Iterable[Tally]) -> Tally:
    total = Tally()
    for t in tallies:
        total.tp, total.fp, total.fn, total.tn = total.tp + t.tp, total.fp + t.fp, total.fn + t.fn, total.tn + t.tn
    return total


@dataclass
class Disagreement:
    file: str
    kind: str
    rule: str
    expected: bool
    got: bool
    note: str
    message: str


@dataclass
class Result:
    commit: str
    load: tuple[float, float, float]
    labels: list[Label]
    #: group -> rule -> tally; groups: "mailing", "personal", "scored" (both), "transactional",
    #: KIND_GIVEN (both, checked with the kind of the label).
    tallies: dict[str, dict[str, Tally]] = field(default_factory=dict)
    disagreements: list[Disagreement] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # labelled, not in the corpus
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # the CLI refused
    problems: list[tuple[str, str]] = field(default_factory=list)  # a rule failed inside the engine
    #: None when the engine reports no mail_kind; else the decision figures.
    mail_kind: dict[str, Any] | None = None
    personal_held: list[tuple[str, list[str]]] = field(default_factory=list)
    #: (file, label's kind, engine's mail_kind) where they differ.
    kind_wrong: list[tuple[str, str, str]] = field(default_factory=list)
    #: language -> micro tally over the five rules (mailings and personal mail).
    by_language: dict[str, Tally] = field(default_factory=dict)

    def overall(self, group: str = "scored") -> Tally:
        return micro(self.tallies[group].values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "commit": self.commit,
            "load": list(self.load),
            "labelled": {k: sum(1 for lb in self.labels if lb.kind == k) for k in KINDS},
            "rules": {g: {r: t.to_dict() for r, t in rules.items()} for g, rules in self.tallies.items()},
            "overall": {g: self.overall(g).to_dict() for g in self.tallies},
            "mail_kind": self.mail_kind,
            "personal_held": [{"file": f, "rules": r} for f, r in self.personal_held],
            "mail_kind_wrong": [{"file": f, "label": t, "engine": e} for f, t, e in self.kind_wrong],
            "missing": self.missing,
            "unreadable": [{"file": f, "error": e} for f, e in self.unreadable],
            "problems": [{"file": f, "error": e} for f, e in self.problems],
            "by_language": {lang: t.to_dict() for lang, t in sorted(self.by_language.items())},
            "disagreements": [d.__dict__ for d in self.disagreements],
        }

    def language_counts(self) -> dict[str, tuple[int, int, int]]:
        """language -> (messages, messages with a disagreement, disagreements)."""
        lang = {lb.file: lb.language for lb in self.labels}
        counts: dict[str, tuple[int, int, int]] = {}
        for language in sorted({lb.language for lb in self.labels}):
            files = [d.file for d in self.disagreements if lang.get(d.file) == language]
            total = sum(1 for lb in self.labels if lb.language == language)
            counts[language] = (total, len(set(files)), len(files))
        return counts


def git_commit() -> str:
    """The checked-out commit, with ``+dirty`` when the engine has uncommitted changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "py_core"], cwd=ROOT, capture_output=True, text=True)
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return head.stdout.strip() + ("+dirty(py_core)" if dirty.stdout.strip() else "")


def _why_not(report: dict[str, Any] | None, rule: str) -> str:
    """For a miss: what the engine said instead (the rule below error/warning, its siblings)."""
    if report is None:
        return "(no report)"
    quiet = [f for f in report["findings"] if f["rule"] == rule and f not in fired(report, rule)]
    if quiet:
        f = quiet[0]
        return f"(only {f['severity']}/{f['kind']}: {' '.join(f['message'].split())[:80]})"
    family = rule.split("-")[0]
    others = sorted({f["rule"] for f in report["findings"] if f["rule"].startswith(family) and f["severity"] in FIRING})
    return f"(not fired; fired instead: {', '.join(others)})" if others else "(not fired)"


def _engine_saw(path: Path, rule: str) -> str:
    """For a contact rule that stayed silent against its label: the address or phone the engine
    took for the sender's (diagnostic only; reads engine internals, so any failure says nothing)."""
    try:
        from py_core.engine import build_context
        from py_core.model import Options
        from py_core.rules import _contact

        draft, _ = cli.load(path, io.StringIO())
        ctx = build_context(draft, Options.from_dict({"platform": "auto", "packs": ["nl"]}))
        seen = []
        if _contact.postal_address(ctx):
            seen.append(f"address {_contact.postal_address(ctx).text!r}")  # type: ignore[union-attr]
        if _contact.address_placeholders(ctx):
            seen.append(f"address code {_contact.address_placeholders(ctx)[0]!r}")
        if rule == "contact-missing" and _contact.phone_number(ctx):
            seen.append(f"phone {_contact.phone_number(ctx).text!r}")  # type: ignore[union-attr]
        return "; engine saw " + ", ".join(seen) if seen else ""
    except Exception:  # noqa: BLE001 - a diagnostic must never stop the measurement
        return ""


def score(corpus: Path = SHARED_CORPUS, labels: list[Label] | None = None) -> Result:
    """Check every labelled message and tally the engine against its label."""
    labels = load_labels() if labels is None else labels
    result = Result(commit=git_commit(), load=os.getloadavg(), labels=labels)
    for group in ("mailing", "personal", "scored", "transactional", KIND_GIVEN):
        result.tallies[group] = {rule: Tally() for rule in RULES}
    kinds: list[tuple[str, str | None]] = []  # (truth, engine) per message
    for label in labels:
        path = corpus / label.file
        if not path.is_file():
            result.missing.append(label.file)
            continue
        report, error = run_cli(path, label.cli_args())
        if report is None:
            result.unreadable.append((label.file, error))
        else:
            result.problems.extend((label.file, f"{p['rule']}: {p['error']}") for p in report.get("problems", []))
        held: list[str] = []
        for rule in RULES:
            expected = label.expected(rule)
            found = fired(report, rule)
            got = bool(found)
            groups = ["transactional"] if label.kind == "transactional" else [label.kind, "scored"]
            for group in groups:
                result.tallies[group][rule].add(expected, got)
            if label.kind != "transactional":
                result.by_language.setdefault(label.language, Tally()).add(expected, got)
            if got and label.kind == "personal":
                held.append(rule)
            if expected != got:
                message = " ".join(found[0]["message"].split())[:100] if found else _why_not(report, rule)
                if not got and rule in ("postal-address-missing", "contact-missing"):
                    message += _engine_saw(path, rule)
                result.disagreements.append(Disagreement(label.file, label.kind, rule, expected, got, label.note, message))
        if held:
            result.personal_held.append((label.file, held))
        truth = "personal" if label.kind == "personal" else "mailing"
        kinds.append((truth, reported_kind(report)))
        if label.kind != "transactional":
            # The rules alone: where the engine took the message for the other kind, check it again
            # with the kind of the label (the same report everywhere else).
            given = report
            if report is not None and reported_kind(report) not in (None, truth):
                given, _ = run_cli(path, [*label.cli_args(), "--mail-kind", truth])
            for rule in RULES:
                result.tallies[KIND_GIVEN][rule].add(label.expected(rule), bool(fired(given, rule)))
        if kinds[-1][1] is not None and kinds[-1][1] != truth:
            result.kind_wrong.append((label.file, truth, kinds[-1][1]))
    if kinds and any(engine is not None for _, engine in kinds):
        result.mail_kind = _kind_figures(kinds)
    return result


#: The issue-14 rules' labels and the packs their messages are checked with (every rule runs).
ISSUE14_LABELS = LABELS / "issue14-rules.yml"
ISSUE14_PACKS = "nl,eu-tracking,de,be,accessibility"


def load_issue14(path: Path = ISSUE14_LABELS) -> dict[str, list[tuple[str, bool, str]]]:
    """rule -> [(file, fires, note)] from the issue-14 label file (schema checked)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise LabelError(f"{path.name}: must map rule ids to lists")
    out: dict[str, list[tuple[str, bool, str]]] = {}
    for rule, entries in data.items():
        rows = []
        for entry in entries or []:
            if not (isinstance(entry, dict) and isinstance(entry.get("file"), str) and isinstance(entry.get("fires"), bool)):
                raise LabelError(f"{path.name}: {rule}: every entry needs a file and fires: true/false ({entry!r})")
            rows.append((entry["file"], entry["fires"], str(entry.get("note") or "")))
        out[str(rule)] = rows
    return out


def _issue14_match(label_rule: str, finding: dict[str, Any]) -> bool:
    """Whether ``finding`` is of the labelled rule; ``rule/key`` names one of the rule's messages
    (its finding kind, e.g. ``link-hygiene/mismatch``), matched by that message's template."""
    rule, _, key = label_rule.partition("/")
    if finding["rule"] != rule:
        return False
    if not key:
        return True
    from py_core.registry import RULES as REGISTRY

    templates = REGISTRY[rule].messages[key].values()
    return any(
        re.fullmatch(re.sub(r"\\\{\w+\\\}", ".*", re.escape(t)), " ".join(finding["message"].split()), re.S) for t in templates
    )


def score_issue14(
    corpus: Path = SHARED_CORPUS, labels: dict[str, list[tuple[str, bool, str]]] | None = None
) -> tuple[dict[str, Tally], list[Disagreement]]:
    """The issue-14 rules against their labels: a tally per rule and every disagreement."""
    labels = load_issue14() if labels is None else labels
    reports: dict[str, dict[str, Any] | None] = {}
    tallies: dict[str, Tally] = {}
    disagreements: list[Disagreement] = []
    for rule, rows in labels.items():
        tally = tallies.setdefault(rule, Tally())
        for file, expected, note in rows:
            path = corpus / file
            if not path.is_file():
                continue
            if file not in reports:
                reports[file] = run_cli(path, ["--pack", ISSUE14_PACKS])[0]
            report = reports[file]
            found = [f for f in (report or {}).get("findings", []) if _issue14_match(rule, f) and not f.get("dismissed")]
            tally.add(expected, bool(found))
            if expected != bool(found):
                message = " ".join(found[0]["message"].split())[:100] if found else "(not fired)"
                disagreements.append(Disagreement(file, "", rule, expected, bool(found), note, message))
    return tallies, disagreements


def render_issue14(tallies: dict[str, Tally], disagreements: list[Disagreement], show: bool = True) -> str:
    """The issue-14 group: one table, then the disagreements."""
    out = [
        "=" * 100,
        f"issue-14 rules (tests/data/realmail/issue14-rules.yml; packs {ISSUE14_PACKS}; 'fires' = any live finding)",
    ]
    _table("issue-14 rules: labelled messages only", tallies, out)
    if show:
        out.append(f"\nissue-14 disagreements: {len(disagreements)} (file rule: expected -> got)")
        for d in disagreements:
            out.append(f"  {d.file} {d.rule}: expected {'fire' if d.expected else 'silent'}, got {'fire' if d.got else 'silent'}")
            out.append(f"      label: {d.note or '-'}")
            out.append(f"      engine: {d.message}")
    return "\n".join(out)


def score_holdout(labels: list[Label] | None = None) -> Result:
    """The hold-out drafts scored like the real mail (``tests/data/holdout/``, apart)."""
    return score(HOLDOUT_BASE, load_holdout() if labels is None else labels)


def _kind_figures(kinds: list[tuple[str, str | None]]) -> dict[str, Any]:
    figures: dict[str, Any] = {"not_reported": sum(1 for _, e in kinds if e is None)}
    for side in ("mailing", "personal"):
        t = Tally()
        for truth, engine in kinds:
            t.add(truth == side, engine == side)
        figures[side] = t.to_dict()
    figures["confusion"] = {
        f"{truth}->{engine}": sum(1 for t, e in kinds if (t, e) == (truth, engine))
        for truth, engine in sorted(set(kinds), key=str)
    }
    return figures


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.3f}"


def _table(title: str, rules: dict[str, Tally], out: list[str]) -> None:
    out.append(f"\n{title}")
    out.append(f"  {'rule':24} {'TP':>4} {'FP':>4} {'FN':>4} {'TN':>4}  {'prec':>5}  {'recall':>6}")
    for rule, t in [*rules.items(), ("overall (micro)", micro(rules.values()))]:
        out.append(f"  {rule:24} {t.tp:4d} {t.fp:4d} {t.fn:4d} {t.tn:4d}  {_fmt(t.precision)}  {_fmt(t.recall):>6}")


def render(result: Result, disagreements: bool = True) -> str:
    """The plain-text report: summary tables, mail kind, then every disagreement."""
    counts = {k: sum(1 for lb in result.labels if lb.kind == k) for k in KINDS}
    load = ", ".join(f"{x:.2f}" for x in result.load)
    out = [
        f"Mailwacht accuracy on hand-labelled real mail   commit {result.commit}   load {load}",
        f"labels: {len(result.labels)} ({', '.join(f'{v} {k}' for k, v in counts.items())}); "
        f"files: {', '.join(sorted({lb.source for lb in result.labels}))}",
        f"checked as: python -m py_core {' '.join(CLI_ARGS)} FILE; 'fires' = a live error/warning finding",
    ]
    for name in LABEL_FILES:
        if not (LABELS / name).is_file():
            out.append(f"note: {name} is not there yet; its messages are not scored")
    _table("mailings and personal mail (the headline figures)", result.tallies["scored"], out)
    _table("mailings only", result.tallies["mailing"], out)
    _table(
        "the rules with the kind of the label (re-checked with --mail-kind where the engine's decision differs)",
        result.tallies[KIND_GIVEN],
        out,
    )
    personal = result.tallies["personal"]
    out.append(
        "\npersonal mail: false alarms per rule (expected silent): "
        + ", ".join(f"{r} {t.fp}/{t.fp + t.tn}" for r, t in personal.items())
    )
    _table("transactional templates (apart, mailing expectations)", result.tallies["transactional"], out)
    out.append("")
    _kind_lines(result, out)
    out.append(f"personal mail held (an error/warning of the five rules): {len(result.personal_held)}")
    for file, rules in result.personal_held:
        out.append(f"  {file}: {', '.join(rules)}")
    if result.missing:
        out.append(f"labelled but not in the corpus: {len(result.missing)}")
        out.extend(f"  {f}" for f in result.missing)
    if result.unreadable:
        out.append(f"refused by the CLI (scored as: nothing fired): {len(result.unreadable)}")
        out.extend(f"  {f}: {e}" for f, e in result.unreadable)
    if result.problems:
        out.append(f"engine problems (a rule failed): {len(result.problems)}")
        out.extend(f"  {f}: {e}" for f, e in result.problems)
    if disagreements:
        out.append(f"\ndisagreements: {len(result.disagreements)} (file, kind, rule, expected -> got, note | engine)")
        for d in result.disagreements:
            out.append(
                f"  {d.file} [{d.kind}] {d.rule}: expected {'fire' if d.expected else 'silent'}, got {'fire' if d.got else 'silent'}"
            )
            out.append(f"      label: {d.note or '-'}")
            out.append(f"      engine: {d.message}")
    return "\n".join(out)


def _kind_lines(result: Result, out: list[str]) -> None:
    if result.mail_kind is None:
        out.append("mail_kind: not reported by the engine")
        return
    mk = result.mail_kind
    for side in ("mailing", "personal"):
        t = mk[side]
        out.append(
            f"mail_kind {side:9}: precision {_fmt(t['precision'])}  recall {_fmt(t['recall'])}  (TP {t['tp']} FP {t['fp']} FN {t['fn']})"
        )
    out.append(f"mail_kind confusion (label->engine): {mk['confusion']}; not reported on {mk['not_reported']}")
    for file, truth, engine in result.kind_wrong:
        note = next((lb.note for lb in result.labels if lb.file == file), "")
        out.append(f"  {file}: label {truth}, engine {engine}  | {note[:110]}")


def render_holdout(result: Result, disagreements: bool = True) -> str:
    """The hold-out group: tables, per-language counts, mail kind, then every disagreement."""
    counts = {k: sum(1 for lb in result.labels if lb.kind == k) for k in ("mailing", "personal")}
    langs = result.language_counts()
    out = [
        "=" * 100,
        "hand-written hold-out (nl/de/fr/en)   (tests/data/holdout/labels.yml; not part of the headline)",
        f"labels: {len(result.labels)} ({', '.join(f'{v} {k}' for k, v in counts.items())}; "
        + ", ".join(f"{lang} {n}" for lang, (n, _, _) in langs.items())
        + "); an envelope gives --from-name/--from-address/--subject",
    ]
    _table("hold-out: mailings and personal mail", result.tallies["scored"], out)
    _table("hold-out: mailings only", result.tallies["mailing"], out)
    personal = result.tallies["personal"]
    out.append(
        "\nhold-out personal mail: false alarms per rule (expected silent): "
        + ", ".join(f"{r} {t.fp}/{t.fp + t.tn}" for r, t in personal.items())
    )
    out.append("\nhold-out per language: drafts, drafts with a disagreement, disagreements, precision, recall (micro)")
    for lang, (n, files, dis) in langs.items():
        t = result.by_language.get(lang, Tally())
        out.append(
            f"  {lang:3} {n:3d} drafts  {files:3d} with a disagreement  {dis:3d} disagreements  {_fmt(t.precision)}  {_fmt(t.recall)}"
        )
    out.append("")
    _kind_lines(result, out)
    out.append(f"hold-out personal mail held (an error/warning of the five rules): {len(result.personal_held)}")
    for file, rules in result.personal_held:
        out.append(f"  {file}: {', '.join(rules)}")
    for title, rows in (
        ("labelled but not in the folder", [(f, "") for f in result.missing]),
        ("refused by the CLI (scored as: nothing fired)", result.unreadable),
        ("engine problems (a rule failed)", result.problems),
    ):
        if rows:
            out.append(f"{title}: {len(rows)}")
            out.extend(f"  {f}{': ' + e if e else ''}" for f, e in rows)
    if disagreements:
        lang = {lb.file: lb.language for lb in result.labels}
        out.append(f"\nhold-out disagreements: {len(result.disagreements)} (file [lang, kind] rule: expected -> got)")
        for d in result.disagreements:
            out.append(
                f"  {d.file} [{lang.get(d.file, '?')}, {d.kind}] {d.rule}: expected {'fire' if d.expected else 'silent'}, "
                f"got {'fire' if d.got else 'silent'}"
            )
            out.append(f"      label: {d.note or '-'}")
            out.append(f"      engine: {d.message}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--summary", action="store_true", help="leave out the list of disagreements")
    parser.add_argument(
        "--write-results",
        action="store_true",
        help="also write the summary into bench/RESULTS.md (its own section between accuracy markers)",
    )
    args = parser.parse_args(argv)
    shared = SHARED_CORPUS.is_dir()
    if not shared:
        print(f"accuracy: {SHARED_CORPUS} is not available; only the hold-out set is measured", file=sys.stderr)
    result = score() if shared else None
    holdout = score_holdout() if HOLDOUT_LABELS.is_file() else None
    issue14 = score_issue14() if shared and ISSUE14_LABELS.is_file() else None
    if args.json:
        data = result.to_dict() if result else {}
        data["holdout"] = holdout.to_dict() if holdout else None
        if issue14:
            data["issue14"] = {
                "rules": {r: t.to_dict() for r, t in issue14[0].items()},
                "disagreements": [d.__dict__ for d in issue14[1]],
            }
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        if result:
            print(render(result, disagreements=not args.summary))
        if holdout:
            print()
            print(render_holdout(holdout, disagreements=not args.summary))
        if issue14:
            print()
            print(render_issue14(*issue14, show=not args.summary))
    if args.write_results and result:
        write_results(result, holdout, issue14)
    return 0 if shared else 2


#: bench/RESULTS.md keeps this script's section between these markers (bench/engine.mjs carries
#: every marked section over when it rewrites the file).
RESULTS = ROOT / "bench" / "RESULTS.md"
RESULTS_START = "<!-- accuracy:start (written by bench/accuracy.py --write-results) -->"
RESULTS_END = "<!-- accuracy:end -->"


def write_results(
    result: Result, holdout: Result | None, issue14: tuple[dict[str, Tally], list[Disagreement]] | None = None
) -> None:
    """Replace (or append) the accuracy section of bench/RESULTS.md with the summary tables."""
    body = render(result, disagreements=False)
    overall = result.overall()
    rules = result.tallies["scored"]

    def verdict(value: float | None, target: float) -> str:
        return "met" if value is not None and value >= target else "**missed**"

    targets = [
        "| measure (issue 9) | target | measured | |",
        "|---|---|---|---|",
        f"| overall precision | ≥ 0.95 | {_fmt(overall.precision)} | {verdict(overall.precision, 0.95)} |",
        f"| overall recall | ≥ 0.95 | {_fmt(overall.recall)} | {verdict(overall.recall, 0.95)} |",
    ]
    for rule, tally in rules.items():
        for name, value in (("precision", tally.precision), ("recall", tally.recall)):
            targets.append(f"| {rule} {name} | ≥ 0.90 | {_fmt(value)} | {verdict(value, 0.90)} |")
    given = result.overall(KIND_GIVEN)
    targets += [
        f"| overall precision, kind of the label | ≥ 0.95 | {_fmt(given.precision)} | {verdict(given.precision, 0.95)} |",
        f"| overall recall, kind of the label | ≥ 0.95 | {_fmt(given.recall)} | {verdict(given.recall, 0.95)} |",
    ]
    if holdout:
        body += "\n\n" + render_holdout(holdout, disagreements=False)
    if issue14:
        body += "\n\n" + render_issue14(*issue14, show=False)
    block = "\n".join(
        [
            RESULTS_START,
            "## Accuracy on hand-labelled real mail (bench/accuracy.py)",
            "",
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC. Labels: tests/data/realmail/ (schema and mapping in its README).",
            "",
            *targets,
            "",
            "```",
            body.rstrip(),
            "```",
            RESULTS_END,
        ]
    )
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.is_file() else ""
    start, end = text.find(RESULTS_START), text.find(RESULTS_END)
    if start >= 0 and end > start:
        text = text[:start] + block + text[end + len(RESULTS_END) :]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    print(f"wrote the accuracy section of {RESULTS.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
