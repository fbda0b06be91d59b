"""Counts of the issue-14 rules' findings over the real corpora (``../shared/corpus/real`` and
``../shared/corpus/mail``, read in place): tracking, recognisable advertising, the German imprint,
accessibility and link hygiene.

Their precision and recall against hand labels (``tests/data/realmail/issue14-rules.yml``) is
``bench/accuracy.py``'s; this prints counts: per rule, how many files it fires on, its findings by
kind (violation / review) and severity, and with ``--list`` every finding with its file and
evidence, for reading them again (and for diffing before and after a change).

Each file is checked as the command line checks it (an ``.eml`` with its headers, a template as a
mailing), with the packs ``nl, eu-tracking, de, be, accessibility`` (audience as the file says:
unknown, so ``customer-objection-notice-missing`` does not run and ``objection-notice-missing``
asks only on a welcome subject).

    .venv/bin/python bench/issue14.py [--list]
"""

from __future__ import annotations

import argparse
import io
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from py_core.cli import load  # noqa: E402
from py_core.engine import check  # noqa: E402
from py_core.model import Options  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
PACKS = ["nl", "eu-tracking", "de", "be", "accessibility"]
RULES = (
    "tracking-pixel",
    "tracking-links",
    "advertising-unrecognisable",
    "imprint-missing",
    "link-hygiene",
    "img-alt-missing",
    "html-lang-missing",
    "title-missing",
    "layout-table-role",
    "link-text-vague",
    "heading-skipped",
    "text-contrast-low",
    "objection-notice-missing",
    "customer-objection-notice-missing",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="print every finding")
    args = parser.parse_args(argv)
    files = sorted((CORPUS / "real").glob("*.html")) + sorted((CORPUS / "mail").glob("*.eml"))
    if not files:
        print(f"issue14: {CORPUS} is not available", file=sys.stderr)
        return 2
    per_rule: dict[str, Counter[str]] = defaultdict(Counter)
    files_hit: dict[str, set[str]] = defaultdict(set)
    lines: list[str] = []
    for path in files:
        draft, options = load(path, io.StringIO())
        report = check(draft, Options.from_dict({**options, "packs": PACKS}))
        for f in report["findings"]:
            if f["rule"] not in RULES:
                continue
            per_rule[f["rule"]][f"{f['kind']}/{f['severity']}"] += 1
            files_hit[f["rule"]].add(path.name)
            if args.list:
                lines.append(f"{path.name}\t{f['rule']}\t{f['kind']}/{f['severity']}\t{f['message'][:120]}\t{f['evidence'][:80]}")
    print(f"issue-14 rules over {len(files)} corpus files (packs {', '.join(PACKS)})")
    for rule in RULES:
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(per_rule[rule].items())) or "none"
        print(f"  {rule:28} files {len(files_hit[rule]):3}  findings: {kinds}")
    if args.list:
        print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
