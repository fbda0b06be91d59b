"""The engine scored on hand-labelled real mail (issue 9; the mailing/personal decision of issue 10).

The scoring is ``bench/accuracy.py``'s (imported from there, not copied): each labelled message of
``../shared/corpus/{mail,real}`` is checked as the command line checks it and compared with its
label (``tests/data/realmail/labels-*.yml``, README there). The raw messages stay in ``shared/``;
without it these tests skip, like ``tests/py/test_corpus.py``.

The floors below guard against regression; they are not the goal (see ``THRESHOLDS``).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from .helpers import CORPUS, ROOT

SHARED_CORPUS = CORPUS.parent  # shared/corpus: mail/ and real/


def _load_accuracy() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mailwacht_bench_accuracy", ROOT / "bench" / "accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


accuracy = _load_accuracy()

# ---- THE thresholds (one place) -------------------------------------------------------------------
# Issue 9's goal: precision >= 0.95 and recall >= 0.95 overall, >= 0.90 per rule; issue 10's: the
# mailing/personal decision >= 0.97 on both sides and no personal mail held. The floors here are the
# figures measured on 2026-12-02 after the issue-9/10 fixes (commit 909143b, bench/accuracy.py's
# headline table: mailings and personal mail together), rounded DOWN to 0.05. They only stop a
# regression; raise them as fixes land, never lower one without saying why here.
#: Overall (micro over the five rules): (precision, recall). Measured 0.991, 0.925.
OVERALL_MIN: tuple[float, float] = (0.95, 0.90)
#: Per rule: (precision, recall). A figure with nothing to count (no finding, or nothing expected)
#: is not checked. Measured: unsubscribe-missing 0.964/0.844, unsubscribe-manual 1.000/0.943,
#: postal-address-missing 1.000/0.946, contact-missing 0.989/0.929, reason-missing 0.987/0.917.
RULE_MIN: dict[str, tuple[float, float]] = {
    "unsubscribe-missing": (0.95, 0.80),
    "unsubscribe-manual": (1.00, 0.90),
    "postal-address-missing": (1.00, 0.90),
    "contact-missing": (0.95, 0.90),
    # Recall was 0.95 before issue 10, when every draft was a mailing and reason-missing fired on
    # nearly all (precision 0.65). 6 of its 7 misses now are mails the mail-kind decision takes for
    # personal mail (below: the bulk rules are silent there); the 7th is sa-hardham-00209, whose
    # 'You are currently subscribed' belongs to an embedded newsletter. Lowered to the measured
    # 0.917 rounded down, with precision raised from 0.65 to 0.95.
    "reason-missing": (0.95, 0.90),
}
#: The mailing/personal decision, (precision, recall) per side. Issue 10's target is 0.97 on both
#: sides; measured: mailing 1.000/0.959, personal 0.700/1.000 (TP 141, FP 0, FN 6). The 6 mailings
#: taken for personal mail are 4 spams in languages the engine does not read (two Chinese, one
#: Turkish, one Portuguese), 1 short UK PC-repair spam with only an offer link, and 1 essay
#: broadcast to a list (Bruce Sterling's Viridian note). Floors: the measured figures rounded down.
MAIL_KIND_MIN: dict[str, tuple[float, float]] = {"mailing": (1.00, 0.95), "personal": (0.70, 1.00)}
#: The hand-written hold-out set (tests/data/holdout/, scored apart from the headline): overall
#: (precision, recall), micro over the five rules, mailings and personal mail together: 0.800/0.933
#: on 2026-12-02 (commit 39fd09e + the engine's uncommitted work then); 1.000/1.000 after commit
#: 909143b fixed its gaps as general wording. It is no longer a hold-out since (fixed from it).
HOLDOUT_MIN: tuple[float, float] = (1.00, 1.00)
THRESHOLDS = {"overall": OVERALL_MIN, "rules": RULE_MIN, "mail_kind": MAIL_KIND_MIN, "holdout": HOLDOUT_MIN}
# ----------------------------------------------------------------------------------------------------

needs_corpus = pytest.mark.skipif(
    not (SHARED_CORPUS / "mail").is_dir() or not CORPUS.is_dir(),
    reason="shared/corpus (mail/ and real/) is not available next to the repository",
)


@pytest.fixture(scope="module")
def result() -> Any:
    return accuracy.score(SHARED_CORPUS)


def _below(value: float | None, floor: float) -> bool:
    return value is not None and value < floor - 1e-9


def test_the_bench_reads_the_same_corpus_as_the_tests() -> None:
    assert accuracy.SHARED_CORPUS.resolve() == SHARED_CORPUS.resolve()
    assert set(RULE_MIN) == set(accuracy.RULES)


def test_every_label_follows_the_schema() -> None:
    labels = accuracy.load_labels()  # raises LabelError on a bad entry
    assert labels, "no labels-*.yml in tests/data/realmail"
    files = [lb.file for lb in labels]
    duplicates = sorted({f for f in files if files.count(f) > 1})
    assert not duplicates, f"labelled more than once: {duplicates}"
    assert all(f.startswith(("mail/", "real/")) for f in files)


def test_the_label_files_are_sorted_by_file() -> None:
    for path in sorted(accuracy.LABELS.glob("labels-*.yml")):
        files = [lb.file for lb in accuracy.load_labels() if lb.source == path.name]
        assert files == sorted(files), f"{path.name} is not sorted by file"


def test_expectations_follow_the_readme() -> None:
    def label(kind: str, **facts: bool) -> Any:
        base = dict.fromkeys(accuracy.FIELDS, False)
        base.update(facts)
        return accuracy.Label(file="x", kind=kind, language="en", facts=base, note="", source="t")

    bare = label("mailing")
    assert [bare.expected(r) for r in accuracy.RULES] == [True, False, True, True, True]
    manual = label("mailing", optout_manual=True, phone=True, reason=True)
    assert [manual.expected(r) for r in accuracy.RULES] == [False, True, True, False, False]
    both = label("mailing", optout_web=True, optout_manual=True, postal_address=True)
    assert [both.expected(r) for r in accuracy.RULES] == [False, False, False, False, True]
    assert not any(label("personal").expected(r) for r in accuracy.RULES)
    assert label("transactional").expected("unsubscribe-missing")


def test_tally_figures() -> None:
    t = accuracy.Tally()
    for expected, got in [(True, True), (True, True), (True, True), (False, True), (True, False), (False, False)]:
        t.add(expected, got)
    assert (t.tp, t.fp, t.fn, t.tn) == (3, 1, 1, 1)
    assert t.precision == 0.75 and t.recall == 0.75
    assert accuracy.Tally().precision is None


@needs_corpus
def test_every_labelled_file_exists() -> None:
    missing = [lb.file for lb in accuracy.load_labels() if not (SHARED_CORPUS / lb.file).is_file()]
    assert not missing, f"labelled but not in shared/corpus: {missing}"


@needs_corpus
def test_every_corpus_file_is_labelled_exactly_once() -> None:
    absent = [name for name in accuracy.LABEL_FILES if not (accuracy.LABELS / name).is_file()]
    if absent:
        pytest.skip(f"label file(s) not written yet: {', '.join(absent)}; completeness is checked once all are there")
    labelled = [lb.file for lb in accuracy.load_labels()]
    corpus = accuracy.corpus_files(SHARED_CORPUS)
    assert sorted(set(corpus) - set(labelled)) == [], "corpus files without a label"
    assert sorted(lb for lb in set(labelled) if labelled.count(lb) > 1) == []


@needs_corpus
def test_no_engine_problems(result: Any) -> None:
    assert result.problems == []


@needs_corpus
def test_overall_floor(result: Any) -> None:
    overall = result.overall("scored")
    p_min, r_min = OVERALL_MIN
    assert not _below(overall.precision, p_min), f"overall precision {overall.precision:.3f} < {p_min}"
    assert not _below(overall.recall, r_min), f"overall recall {overall.recall:.3f} < {r_min}"


@needs_corpus
@pytest.mark.parametrize("rule", sorted(RULE_MIN))
def test_rule_floor(result: Any, rule: str) -> None:
    tally = result.tallies["scored"][rule]
    p_min, r_min = RULE_MIN[rule]
    misses = [f"{d.file}: expected {'fire' if d.expected else 'silent'}" for d in result.disagreements if d.rule == rule]
    assert not _below(tally.precision, p_min), (f"{rule} precision {tally.precision:.3f} < {p_min}", misses[:20])
    assert not _below(tally.recall, r_min), (f"{rule} recall {tally.recall:.3f} < {r_min}", misses[:20])


@needs_corpus
def test_mail_kind_decision(result: Any) -> None:
    if result.mail_kind is None:
        pytest.skip("mail_kind: not reported by the engine (issue 10)")
    for side in ("mailing", "personal"):
        p_min, r_min = MAIL_KIND_MIN[side]
        figures = result.mail_kind[side]
        assert not _below(figures["precision"], p_min), (side, figures, result.mail_kind["confusion"])
        assert not _below(figures["recall"], r_min), (side, figures, result.mail_kind["confusion"])
    assert result.personal_held == [], "personal mail held by the rules of bulk mail"


def test_holdout_labels_follow_the_schema_and_cover_every_draft() -> None:
    labels = accuracy.load_holdout()  # raises LabelError on a bad entry (files must be under holdout/)
    files = [lb.file for lb in labels]
    assert sorted({f for f in files if files.count(f) > 1}) == [], "labelled more than once"
    drafts = sorted(f"holdout/{p.name}" for p in accuracy.HOLDOUT.iterdir() if p.is_file() and p.name != "labels.yml")
    assert sorted(files) == drafts, "every draft in tests/data/holdout/ labelled exactly once, and no label without a draft"
    assert all(f.endswith((".html", ".txt", ".eml")) for f in files)
    languages = {lang: sum(1 for lb in labels if lb.language == lang) for lang in {lb.language for lb in labels}}
    assert languages == accuracy.HOLDOUT_LANGUAGES
    assert {lb.kind for lb in labels} == {"mailing", "personal"}, "no transactional drafts; both kinds present"
    assert all(lb.note for lb in labels), "every hold-out label says why"
    for lb in labels:
        if lb.envelope is not None:
            assert lb.file.endswith(".html"), f"{lb.file}: an envelope is for .html drafts (an .eml has its own headers)"
    # The headline's label files must not take in the hold-out set, nor the hold-out the headline's.
    assert not any(lb.file.startswith("holdout/") for lb in accuracy.load_labels())


def test_holdout_envelope_is_checked() -> None:
    with pytest.raises(accuracy.LabelError):
        accuracy._envelope("x", {"from_name": "A", "reply_to": "b@c"})
    with pytest.raises(accuracy.LabelError):
        accuracy._envelope("x", {"bcc_count": -1})
    label = accuracy.Label(
        "holdout/x.html", "mailing", "nl", {}, "", "t", {"from_name": "De Boer", "subject": "Nieuws", "to": []}
    )
    assert label.cli_args() == ["--from-name", "De Boer", "--subject", "Nieuws"]


@pytest.fixture(scope="module")
def holdout() -> Any:
    return accuracy.score_holdout()


def test_holdout_overall_floor(holdout: Any) -> None:
    assert holdout.missing == [] and holdout.unreadable == [] and holdout.problems == []
    overall = holdout.overall("scored")
    p_min, r_min = HOLDOUT_MIN
    misses = [f"{d.file} {d.rule}: expected {'fire' if d.expected else 'silent'}" for d in holdout.disagreements]
    assert not _below(overall.precision, p_min), (f"hold-out precision {overall.precision:.3f} < {p_min}", misses)
    assert not _below(overall.recall, r_min), (f"hold-out recall {overall.recall:.3f} < {r_min}", misses)


def test_corpus_stays_outside_the_repository() -> None:
    assert not any(Path(ROOT, "tests").rglob("sa-*.eml"))
