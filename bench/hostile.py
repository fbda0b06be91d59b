"""Benchmark of hostile drafts: time and peak memory of each pathological family at three sizes.

Issue 13's target: for every family the growth per x10 size is at most 15 (near-linear; quadratic
would be 100), and the worst 1 MB input checks in at most 3 s and 300 MB in CPython.

Every case runs in a fresh child process, so its peak memory (``ru_maxrss``: the whole process,
the interpreter and the engine's imports included) is its own; the time is the child's CPU time
(``time.process_time``) of the check alone, the input already built, which is less disturbed
than wall-clock time by other processes on a shared machine (the wall time is printed too). A
case that passes ``--timeout`` is killed; the larger sizes of that family are then skipped.

Families that arrive as a draft from a page are run through ``engine.check``; ``.eml`` families
and the unclosed-link family (whose worst output is SARIF) through the command line
(``cli.main`` on a file, in the child), which is where a file arrives.

Run: ``.venv/bin/python bench/hostile.py [--sizes 10000,100000,1000000] [--timeout 60]
[--only FAMILY,...] [--root DIR]`` (``--root``: import ``py_core`` from another checkout, e.g. an
export of an older commit, for a before/after comparison). Not a test: always exits 0.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 15.0
TARGET_SECONDS = 3.0
TARGET_MB = 300.0
LINK = "<p><a href='https://voorbeeld.nl/afmelden'>Afmelden</a> Dorpsstraat 1, 1234 AB Utrecht</p>"


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit))


def _eml(headers: str, body: str = "<p>Hallo</p>" + LINK, ctype: str = "text/html; charset=utf-8") -> bytes:
    return f"From: Nieuws <nieuws@voorbeeld.nl>\r\n{headers}Content-Type: {ctype}\r\n\r\n{body}".encode(
        "utf-8", "surrogateescape"
    )


def _parts(size: int) -> bytes:
    part = "--b\r\nContent-Type: text/plain\r\n\r\nx\r\n"
    body = _repeat(part, size) + "--b--\r\n"
    return _eml("MIME-Version: 1.0\r\n", body, 'multipart/mixed; boundary="b"')


#: name -> (how it is run, builder of the input of about ``size`` bytes of hostile payload).
#: Kinds: ``draft`` (a dict of Draft fields for engine.check), ``html``/``eml`` (file contents for
#: the command line: ``(suffix, data, extra arguments)``).
FAMILIES: dict[str, tuple[str, Callable[[int], object]]] = {
    "css-brace-free": ("draft", lambda n: {"html": "<style>" + "a" * n + "</style>" + LINK}),
    "css-at-run": ("draft", lambda n: {"html": "<style>" + _repeat("@a", n) + "</style>" + LINK}),
    "css-rules-x-links": (
        "draft",
        lambda n: {
            "html": "<style>" + _repeat(".c{color:red}", n // 2) + "</style>" + _repeat("<a href='#'>afmelden</a> ", n // 2)
        },
    ),
    "unclosed-a": ("file", lambda n: (".html", _repeat("<a href=#>afmelden ", n).encode(), ["--format", "sarif"])),
    "unclosed-a-bare": ("draft", lambda n: {"html": _repeat("<a>", n) + LINK}),
    "unclosed-tail": ("draft", lambda n: {"html": LINK + _repeat("<unsubscribe", n)}),
    "unclosed-quote-tail": ("draft", lambda n: {"html": LINK + _repeat('<a b="', n)}),
    "small-tags": ("draft", lambda n: {"html": _repeat("<b>x</b>", n) + LINK}),
    "deep-nesting": ("draft", lambda n: {"html": _repeat("<div>", n) + "tekst " + LINK}),
    "huge-from-subject": (
        "draft",
        lambda n: {"html": LINK, "from_name": _repeat("Acme Nieuws ", n // 2), "subject": _repeat("Aanbieding ", n // 2)},
    ),
    "many-recipients": (
        "draft",
        lambda n: {"html": LINK, "to": [f"u{i}@x.nl" for i in range(n // 8)], "headers": {"X-Long": "x" * (n // 4)}},
    ),
    "placeholder-openers": (
        "draft",
        lambda n: {"html": _repeat("{{var:{% web_view *|A [[A <%a {$a [unsubscribe, <unsubscribe {{ TrackLink %A-", n) + LINK},
    ),
    "keyword-runs": ("draft", lambda n: {"html": "<p>" + _repeat("afmelden", n // 2) + _repeat("uitschrijven ", n // 2) + LINK}),
    "long-attribute": ("draft", lambda n: {"html": "<a href='https://x.nl/" + "x" * n + "'>afmelden</a>" + LINK}),
    "text-urls": ("draft", lambda n: {"text": _repeat("http://www.", n // 2) + _repeat("www.x ", n // 2), "platform": "webmail"}),
    "eml-encoded-words": ("file", lambda n: (".eml", _eml("Subject: " + _repeat("=?utf-8?q?a?= ", n) + "\r\n"), [])),
    "eml-quotes-in-to": ("file", lambda n: (".eml", _eml("To: " + '"' * n + "\r\n"), [])),
    "eml-commas-in-to": ("file", lambda n: (".eml", _eml("To: " + "," * n + "\r\n"), [])),
    "eml-words-in-to": ("file", lambda n: (".eml", _eml("To: " + _repeat("a b ", n) + "\r\n"), [])),
    "eml-mime-params": ("file", lambda n: (".eml", _eml("", ctype="text/html; charset=utf-8" + _repeat("; a=b", n)), [])),
    "eml-punycode": ("file", lambda n: (".eml", _eml("", body="a-" + "b" * n, ctype="text/plain; charset=punycode"), [])),
    "eml-many-parts": ("file", lambda n: (".eml", _parts(n), [])),
    "eml-long-from": ("file", lambda n: (".eml", _eml("Reply-To: " + _repeat("Acme Nieuws ", n) + "<a@b.nl>\r\n"), [])),
}

CHILD = r"""
import json, os, resource, sys, time, io, tempfile
sys.path.insert(0, sys.argv[1])
spec = json.loads(sys.stdin.read())
from py_core import rules as _rules  # noqa
from py_core.engine import check
from py_core.model import Draft, Options
from py_core import cli
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
payload = spec["payload"]
if spec["kind"] == "draft":
    options = {"platform": payload.pop("platform")} if "platform" in payload else {}
    draft = Draft(**payload)
    opts = Options(**options)
    run = lambda: check(draft, opts)
else:
    suffix, data, extra = payload
    handle = tempfile.NamedTemporaryFile(suffix=suffix, delete=False)
    handle.write(data.encode("latin-1"))
    handle.close()
    out, err = io.StringIO(), io.StringIO()
    run = lambda: cli.main(["check", handle.name, *extra], stdout=out, stderr=err)
wall = time.perf_counter()
cpu = time.process_time()
result = run()
cpu = time.process_time() - cpu
wall = time.perf_counter() - wall
if spec["kind"] == "draft":
    note = "partial" if result.get("partial") else "report"
else:
    note = f"exit {result}" + (": " + err.getvalue().strip().split(": ", 2)[-1][:60] if result == 2 else "")
    os.unlink(handle.name)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"cpu": cpu, "wall": wall, "peak_mb": peak / 1024, "base_mb": base / 1024, "note": note}))
"""


def run_case(kind: str, payload: object, root: Path, timeout: float) -> dict[str, object] | None:
    if kind == "file":
        suffix, data, extra = payload  # type: ignore[misc]
        payload = [suffix, data.decode("latin-1"), extra]
    spec = json.dumps({"kind": kind, "payload": payload})
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD, str(root)], input=spec, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return None
    if done.returncode != 0:
        return {"cpu": float("nan"), "wall": float("nan"), "peak_mb": float("nan"), "note": "crash: " + done.stderr[-120:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def _git(*args: str) -> str:
    try:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()
    except OSError:
        return "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--only", default="")
    parser.add_argument("--root", default=str(ROOT))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    only = {s for s in args.only.split(",") if s}
    root = Path(args.root).resolve()
    dirty = " (+ uncommitted changes)" if _git("status", "--porcelain", "--", "py_core") else ""
    print(f"commit {_git('rev-parse', '--short', 'HEAD')}{dirty}; py_core from {root}; Python {sys.version.split()[0]}")
    print(
        f"load average at start {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}; {os.cpu_count()} CPUs"
    )
    print(
        "time = CPU seconds of the check in a fresh process; peak = max RSS of that process (MB); ratio = time / time at 1/10 size"
    )
    header = f"{'family':<22}" + "".join(f"{_size(s):>24}" for s in sizes) + "   ratios   verdict"
    print(header)
    worst_time = 0.0
    worst_mb = 0.0
    failures = 0
    for name, (kind, build) in FAMILIES.items():
        if only and name not in only:
            continue
        cells: list[str] = []
        times: list[float | None] = []
        notes: list[str] = []
        skip = False
        for size in sizes:
            if skip:
                cells.append(f"{'skipped':>24}")
                times.append(None)
                continue
            result = run_case(kind, build(size), root, args.timeout)
            if result is None:
                cells.append(f"{'> ' + format(args.timeout, '.0f') + ' s':>24}")
                times.append(float("inf"))
                skip = True
                continue
            cpu = float(result["cpu"])  # type: ignore[arg-type]
            peak = float(result["peak_mb"])  # type: ignore[arg-type]
            times.append(cpu)
            cells.append(f"{cpu:>9.3f} s {peak:>6.0f} MB {str(result['note'])[:5]:>5}")
            if str(result["note"]) not in ("report", "exit 0", "exit 1"):
                notes.append(f"{_size(size)}: {result['note']}")
            if size == max(sizes):
                worst_time = max(worst_time, cpu)
                worst_mb = max(worst_mb, peak)
        ratios = []
        for a, b in itertools.pairwise(times):
            if a is None or b is None:
                ratios.append("-")
            elif b == float("inf"):
                ratios.append(">" + (f"{args.timeout / a:.0f}" if a and a != float("inf") else "?"))
            else:
                ratios.append(f"{b / max(a, 1e-3):.1f}")
        bad = any(r.startswith(">") or (r != "-" and float(r) > TARGET_RATIO) for r in ratios) or any(
            t == float("inf") for t in times
        )
        failures += bad
        print(f"{name:<22}" + "".join(cells) + f"   {'/'.join(ratios):<8} {'FAIL' if bad else 'ok'}")
        for note in notes:
            print(f"{'':<22}  {note}")
    print(
        f"worst at {_size(max(sizes))}: {worst_time:.2f} s (target <= {TARGET_SECONDS:.0f} s), "
        f"{worst_mb:.0f} MB (target <= {TARGET_MB:.0f} MB); families over the ratio target or timed out: {failures}"
    )
    print(f"load average at end {os.getloadavg()[0]:.2f}")
    return 0


def _size(size: int) -> str:
    return f"{size // 1_000_000} MB" if size >= 1_000_000 else f"{size // 1000} KB"


if __name__ == "__main__":
    tempfile.tempdir = tempfile.gettempdir()
    raise SystemExit(main())
