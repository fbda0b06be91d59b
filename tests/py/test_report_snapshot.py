"""The reports stay byte-identical (issue 12, "reports are byte-identical before and after"): the
JSON report of every draft of the corpus and every rule fixture case, hashed, against the committed
digests in ``tests/data/report-digests.json``.

What is hashed, per draft: its report as ``python -m py_core check --format json`` writes it
(``json.dumps(..., ensure_ascii=False, indent=2)``), once with the draft's own options (the default
packs) and once with every pack chosen, so each pack's severities and added sources are in it. Two
fields are set first because they change from run to run without the engine changing: ``checked_at``
(``Options.now`` fixed) and ``duration_ms`` (removed); the engine's version is written as ``*`` so a
release number alone does not change every digest. The catalogue (JSON and Markdown, both locales)
is hashed too: the packs and severities of every rule, in order.

Drafts: ``../shared/corpus/real`` and ``../shared/corpus/mail`` (read by ``py_core.read.load``, the
command line's reader; skipped when the corpus is not next to the repository, as in
``test_corpus.py``), ``tests/data/holdout/``, ``examples/``, and every case of
``tests/fixtures/rules/*.yml`` with the options ``test_rule_fixtures.py`` gives it.

A change that moves or renames code must leave every digest as it is. A change that is MEANT to
change findings (an accuracy fix, a new rule, a new message text) changes some digests: check that
the drafts named in the failure are the ones you expected, say so in the commit, and regenerate::

    .venv/bin/python -m tests.py.test_report_snapshot --update

(``--update`` refuses to run without the shared corpus, so it never drops its digests.) ``--diff``
prints which keys differ without writing anything.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from py_core.catalogue import catalogue, catalogue_markdown
from py_core.engine import check
from py_core.model import LOCALES, Draft, Options
from py_core.read import load

from .helpers import CORPUS, ROOT

DIGESTS = ROOT / "tests" / "data" / "report-digests.json"
SHARED_CORPUS = CORPUS.parent  # shared/corpus: real/ and mail/
FIXTURES = ROOT / "tests" / "fixtures" / "rules"
#: A fixed moment for every report (``checked_at``).
NOW = "2026-12-01T10:00:00+00:00"
#: Every pack at once (a fixed input, written here on purpose: a new pack changes nothing here).
ALL_PACKS = ["nl", "us-can-spam", "ca-casl", "bulk-sender", "eu-tracking", "de", "be", "accessibility"]
#: (group, folder, file suffixes) of the draft files; the corpus groups need ``shared/``.
FILE_GROUPS: tuple[tuple[str, Path, tuple[str, ...]], ...] = (
    ("corpus/real", SHARED_CORPUS / "real", (".html",)),
    ("corpus/mail", SHARED_CORPUS / "mail", (".eml",)),
    ("holdout", ROOT / "tests" / "data" / "holdout", (".html", ".txt", ".eml")),
    ("examples", ROOT / "examples", (".html", ".txt", ".json")),
)
GROUPS = ("catalogue", "fixtures", *(group for group, _, _ in FILE_GROUPS))


def report_bytes(draft: Draft, options: dict[str, Any]) -> bytes:
    """The report as the command line writes it, with the run-to-run fields fixed."""
    report = check(draft, Options.from_dict({**options, "now": NOW}))
    report.pop("duration_ms", None)
    report["engine"] = {**report["engine"], "version": "*"}
    return (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode("utf-8", "surrogatepass")


def digest_of(draft: Draft, options: dict[str, Any]) -> str:
    """sha256 of the draft's report with its own options, then with every pack."""
    h = hashlib.sha256()
    for packs in (options.get("packs"), ALL_PACKS):
        chosen = {**options, "packs": packs} if packs else options
        h.update(report_bytes(draft, chosen))
    return h.hexdigest()


def _file_digests(group: str, folder: Path, suffixes: tuple[str, ...]) -> Iterator[tuple[str, str]]:
    for path in sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in suffixes):
        draft, options = load(path, io.StringIO())
        draft.source = f"{group}/{path.name}"  # the same wherever the repository is checked out
        yield f"{group}/{path.name}", digest_of(draft, options)


def _fixture_digests() -> Iterator[tuple[str, str]]:
    for path in sorted(FIXTURES.glob("*.yml")):
        for i, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]):
            # The options test_rule_fixtures.py checks the case with.
            options = {"packs": ["nl"], "mail_kind": "mailing", **(case.get("options") or {})}
            yield f"fixtures/{path.stem}#{i}", digest_of(Draft.from_dict(case["draft"]), options)


def _catalogue_digests() -> Iterator[tuple[str, str]]:
    for locale in LOCALES:
        entries = json.dumps(catalogue(locale), ensure_ascii=False, indent=2)
        yield f"catalogue/{locale}.json", hashlib.sha256(entries.encode()).hexdigest()
        yield f"catalogue/{locale}.md", hashlib.sha256(catalogue_markdown(locale).encode()).hexdigest()


def digests(group: str) -> dict[str, str]:
    """The current digests of one group, by key."""
    if group == "catalogue":
        return dict(_catalogue_digests())
    if group == "fixtures":
        return dict(_fixture_digests())
    for name, folder, suffixes in FILE_GROUPS:
        if name == group:
            return dict(_file_digests(name, folder, suffixes))
    raise KeyError(group)


def available(group: str) -> bool:
    return not group.startswith("corpus/") or (SHARED_CORPUS / group.split("/", 1)[1]).is_dir()


def group_of(key: str) -> str:
    """``corpus/real/x.html`` -> ``corpus/real``, ``fixtures/<rule>#3`` -> ``fixtures``."""
    return key.rsplit("/", 1)[0]


def committed(group: str) -> dict[str, str]:
    data = json.loads(DIGESTS.read_text(encoding="utf-8"))
    return {key: value for key, value in data.items() if group_of(key) == group}


def difference(want: dict[str, str], got: dict[str, str]) -> dict[str, list[str]]:
    return {
        "changed": sorted(k for k in want.keys() & got.keys() if want[k] != got[k]),
        "gone": sorted(want.keys() - got.keys()),
        "new": sorted(got.keys() - want.keys()),
    }


@pytest.mark.parametrize("group", GROUPS)
def test_reports_are_byte_identical_to_the_committed_digests(group: str) -> None:
    if not available(group):
        pytest.skip(f"{group}: shared/corpus is not next to the repository")
    want, got = committed(group), digests(group)
    assert want, f"no digests of {group} in {DIGESTS.name}"
    diff = difference(want, got)
    assert not any(diff.values()), (
        f"{group}: reports differ from tests/data/report-digests.json: {diff}. If the change is meant "
        "(see this file's docstring), regenerate: .venv/bin/python -m tests.py.test_report_snapshot --update"
    )


def test_the_digest_changes_when_a_report_does() -> None:
    draft = Draft(html="<p>Nieuws van Acme BV.</p>", from_name="Acme", from_address="nieuws@acme.nl")
    base = digest_of(draft, {"mail_kind": "mailing"})
    assert base == digest_of(draft, {"mail_kind": "mailing"})
    assert base != digest_of(draft, {"mail_kind": "mailing", "locale": "en"})  # another message text
    unsubscribed = Draft(html=draft.html + '<a href="https://acme.nl/afmelden">Afmelden</a>', from_name="Acme")
    assert base != digest_of(unsubscribed, {"mail_kind": "mailing"})
    # the keys of the committed file are exactly the groups', so no group's digests are lost
    keys = json.loads(DIGESTS.read_text(encoding="utf-8"))
    assert {group_of(key) for key in keys} == set(GROUPS), "a key in no group, or a group without keys"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.py.test_report_snapshot", description=__doc__.split("\n\n")[0])
    parser.add_argument("--update", action="store_true", help="write tests/data/report-digests.json from the current code")
    parser.add_argument("--diff", action="store_true", help="print the keys whose digest differs (writes nothing)")
    args = parser.parse_args(argv)
    missing = [group for group in GROUPS if not available(group)]
    if args.update and missing:
        print(f"refusing to update without {', '.join(missing)} (../shared/corpus)", file=sys.stderr)
        return 2
    current = {key: value for group in GROUPS if available(group) for key, value in digests(group).items()}
    if args.update:
        DIGESTS.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"wrote {len(current)} digests to {DIGESTS.relative_to(ROOT)}")
        return 0
    old = json.loads(DIGESTS.read_text(encoding="utf-8")) if DIGESTS.is_file() else {}
    old = {key: value for key, value in old.items() if group_of(key) not in missing}
    diff = difference(old, current)
    for kind, keys in diff.items():
        for key in keys:
            print(f"{kind}: {key}")
    print(f"{sum(map(len, diff.values()))} of {len(current)} differ")
    return 1 if any(diff.values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
