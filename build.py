#!/usr/bin/env python3
"""Build, test and benchmark Mailwacht's browser extension from a fresh checkout: one command each.

``python3 build.py``        set up ``.venv`` (requirements-dev.txt) and ``node_modules`` (``npm ci``),
                            fetch the pinned inputs into ``.cache/`` (sha256-checked), build the wheels,
                            bundle the content scripts (esbuild), write ``dist/chrome/`` and
                            ``dist/firefox/`` plus a zip of each, then check the drafts in
                            ``examples/`` with the command line.
``python3 build.py test``   ruff, pytest (tests/py/), the Pyodide/CPython parity test and the other Node
                            unit tests (tests/js/: no browser), the end-to-end tests (tests/e2e/: Chromium,
                            and Firefox ESR where installed), ``web-ext lint`` on ``dist/firefox`` and
                            eslint (extension/, tests/ and tools/).
``python3 build.py bench``  the engine benchmark in Chromium (writes ``bench/RESULTS.md``).
``python3 build.py sites``  only write ``extension/reader/sites/list.js`` from ``sites.json`` (the one
                            list of sites; ``python3 build.py`` does it too).

Runs on the standard library of CPython 3.11 (the interpreter a user has); everything else it needs
it installs itself. Inputs are pinned here by version and sha256: Pyodide comes from the npm package
(``package-lock.json`` pins its integrity, and the files used are checked again below); every wheel
comes from PyPI (``pip download``), MarkupSafe as its sdist built into a pure wheel, and ``py_core``
is packed into a wheel from this checkout. The modules the engine's cold boot imports are compiled to
bytecode by Pyodide's own Python in Node (``tools/bytecode.mjs``, :func:`compile_bytecode`): a copy
of the standard library zip with those modules as ``.pyc``, which only the cold boot mounts, and the
wheels' as one extra file the cold boot writes into ``__pycache__`` (the wheels and Pyodide's own zip
stay as they come); both are named with their sha256 in the lock.

The lock file: Pyodide 314's ``pyodide-lock.json`` is rejected by ``pyodide-lock`` 0.1.2 (the last
release for Python 3.11), and ``pyodide-lock`` 0.2 / ``pyodide-build`` 0.39 need Python >= 3.12, which a
user's machine may not have. A lock entry is plain JSON, so it is written here directly; nothing in
``pyodide-build`` is needed for pure wheels (it earns its place only for compiling C extensions to
wasm, which Mailwacht has none of).

One file over ~400 lines on purpose: the one script a fresh checkout runs with nothing but
CPython's standard library, its steps sharing the pinned inputs and paths written at the top; its
sections (helpers, environment, inputs, dist, test and bench) are marked by banner comments.
"""

from __future__ import annotations

import base64
import contextlib
import email.parser
import fcntl
import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
CACHE = ROOT / ".cache"
DIST = ROOT / "dist"
VENV = ROOT / ".venv"
VENV_PY = VENV / "bin" / "python"
NODE_MODULES = ROOT / "node_modules"
CHROMIUM = Path("/usr/bin/chromium")

PYODIDE_VERSION = "314.0.7"
#: The runtime files taken from the npm package ``pyodide`` (integrity pinned in package-lock.json;
#: the sha256 here is checked on every build so a changed package cannot slip into the bundle).
PYODIDE_FILES: dict[str, str] = {
    "pyodide.mjs": "6f1d60f7bf529beb300f0f47983c921d3982363640ba20af0e38efdddbc66109",
    "pyodide.asm.mjs": "f7cdc8ece80678ceb712f8e65ebe6d3a83203a180c399865f49612a051693635",
    "pyodide.asm.wasm": "cc36e3cab04fdfc9a63ff13eb52eae2b911bf46c025cc7b281f394bd3de1d5e6",
    "python_stdlib.zip": "fa1957e5777068fc4f7437f96d860ae2fbe9c19732ba06c84e004ec16dd7dd7a",
    "pyodide-lock.json": "5dc2fc119108bc148c7457dc86e7675b5c87e1cafd420b9c34c1eaef7b36c010",
}

#: Pure wheels from PyPI, by normalised name: version, file name, sha256 and the import names the
#: lock entry declares. Every entry of pyproject's [project].dependencies must be pinned here.
WHEELS: dict[str, dict[str, object]] = {
    "beautifulsoup4": {
        "version": "4.15.0",
        "file": "beautifulsoup4-4.15.0-py3-none-any.whl",
        "sha256": "d6f88de62e1d4e38ecb1077eb9724cd0eff29d2a08ca16a401e9b9e93f117cf9",
        "imports": ["bs4"],
    },
    "soupsieve": {
        "version": "2.8",
        "file": "soupsieve-2.8-py3-none-any.whl",
        "sha256": "0cc76456a30e20f5d7f2e14a98a4ae2ee4e5abdc7c5ea0aafe795f344bc7984c",
        "imports": ["soupsieve"],
    },
    "typing-extensions": {
        "version": "4.16.0",
        "file": "typing_extensions-4.16.0-py3-none-any.whl",
        "sha256": "481caa481374e813c1b176ada14e97f1f67a4539ce9cfeb3f350d78d6370c2e8",
        "imports": ["typing_extensions"],
    },
    "jinja2": {
        "version": "3.1.6",
        "file": "jinja2-3.1.6-py3-none-any.whl",
        "sha256": "85ece4451f492d0c13c5dd7c13a64681a86afae63a5f347908daf103ce6d2f67",
        "imports": ["jinja2"],
    },
    "phonenumberslite": {
        "version": "9.0.42",
        "file": "phonenumberslite-9.0.42-py2.py3-none-any.whl",
        "sha256": "7ae0a97b12e9f0749e7bed2c9c3da4df43648ea5ba021de86b36088d98a0915e",
        "imports": ["phonenumbers"],
    },
    # listunsub: RFC 2369 / RFC 8058 reading of the List-Unsubscribe headers (pure Python, no deps).
    "listunsub": {
        "version": "0.2.0",
        "file": "listunsub-0.2.0-py3-none-any.whl",
        "sha256": "30091d5eefa943680cd7de9ddd6738c92fadc4716a69d767bde265d19c9e1927",
        "imports": ["listunsub"],
    },
}
# micropip (Pyodide's installer) is not bundled (issue 13): the engine never installs anything at run
# time. core.js writes the pinned wheels of the lock file itself (unpackArchive, sha256-checked), and
# micropip's only use, fetching wheels from an index, is what the extension must never do (its CSP
# says connect-src 'self'). It was 0.11.1, loaded by nothing.


#: Sdists built into a pure wheel here. MarkupSafe's setup.py falls back to pure Python when its C
#: speedups fail to compile; ``CC=false`` makes that failure certain, and the result is checked to
#: hold no compiled file.
SDISTS: dict[str, dict[str, object]] = {
    "markupsafe": {
        "version": "3.0.3",
        "file": "markupsafe-3.0.3.tar.gz",
        "sha256": "722695808f4b6457b320fdc131280796bdceb04ab50fe1795cd540799ebe1698",
        "imports": ["markupsafe"],
        # the build backend, pinned so the wheel is built the same way every time
        "build_constraints": ["setuptools==80.9.0"],
    },
}

#: py_core packed as a wheel under the project's distribution name (pyproject [project].name).
CORE_IMPORT = "py_core"

BROWSERS = ("chrome", "firefox")
#: Files of extension/ that one browser does not use (Firefox has no offscreen documents; Chrome
#: runs a service worker, not a background page).
EXCLUDE: dict[str, tuple[str, ...]] = {
    "chrome": ("background/background.html", "background/page.js"),
    "firefox": ("offscreen/", "background/service-worker.js", "background/offscreen-engine.js"),
}
#: The content side (issue 12): ES modules in extension/, bundled by esbuild (npm package, pinned in
#: package.json) into one classic script per entry point, since MV3 content scripts cannot be
#: modules. dist name -> entry module. content.js is manifest.json's content script (the send gate at
#: document_start, the marks at document idle); marks.js is what the context menu injects on another
#: site; reader.js is what the popup injects to read a draft there.
BUNDLES: dict[str, str] = {
    "content.js": "entries/content.js",
    "marks.js": "entries/marks.js",
    "reader.js": "entries/reader.js",
}
#: Folders of extension/ that only the bundles use: not copied into dist/ as files of their own.
CONTENT_ONLY = ("entries/", "reader/", "marks/", "ui/", "gate/")
#: The one list of the sites Mailwacht runs on by itself (issue 12): id, adapter file, match patterns.
#: manifest_for() writes the patterns into host_permissions and content_scripts (the root
#: manifest.json lists none); sites_module() writes SITES_MODULE from it.
SITES_JSON = ROOT / "extension" / "reader" / "sites" / "sites.json"
#: Generated from SITES_JSON: the adapters, imported, in the list's order with their hosts.
SITES_MODULE = ROOT / "extension" / "reader" / "sites" / "list.js"
#: A site's host as the manifest takes it: https://host/* or https://*.domain/* (no scheme or path
#: wildcards: a site is a host, and tests/js/dist.test.mjs allows only this form in a manifest).
MATCH_PATTERN = re.compile(r"https://(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)+/\*")
FIREFOX_ID = "mailwacht@mailwacht.nl"
#: Firefox 140 (ESR) is the first to understand data_collection_permissions (which AMO asks of new
#: extensions); it also has MV3 host permissions, module workers and 'wasm-unsafe-eval'. Android: 142.
FIREFOX_MIN = "140.0"
FIREFOX_ANDROID_MIN = "142.0"

ZIP_TIME = (1980, 1, 1, 0, 0, 0)


# --------------------------------------------------------------------------------------- helpers


def say(message: str) -> None:
    print(f"[build] {message}", flush=True)


def run(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    """Run a command from the repository root, failing the build when it fails."""
    return subprocess.run(cmd, cwd=kwargs.pop("cwd", ROOT), check=kwargs.pop("check", True), text=True, **kwargs)  # type: ignore[call-overload]


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def normalise(name: str) -> str:
    """PEP 503 normalised project name (the key of a Pyodide lock entry)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def human(size: float) -> str:
    for unit in ("B", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} MB"


def stamp_ok(stamp: Path, value: str) -> bool:
    return stamp.is_file() and stamp.read_text() == value


# ----------------------------------------------------------------------------------- environment


def ensure_venv() -> None:
    """``.venv`` from requirements-dev.txt; skipped when the pinned list has not changed."""
    req = ROOT / "requirements-dev.txt"
    want = hashlib.sha256(req.read_bytes()).hexdigest()
    stamp = VENV / ".mailwacht-requirements"
    if VENV_PY.exists() and stamp_ok(stamp, want):
        return
    if not VENV_PY.exists():
        say("creating .venv")
        run([sys.executable, "-m", "venv", str(VENV)])
    say("installing requirements-dev.txt into .venv")
    run([str(VENV_PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", str(req)])
    stamp.write_text(want)


def ensure_node_modules() -> None:
    """``npm ci`` from package-lock.json (exact versions, integrity-checked); skipped when unchanged."""
    if shutil.which("npm") is None or shutil.which("node") is None:
        sys.exit("build.py: Node.js 20 and npm are needed (apt-get install nodejs npm)")
    lock = ROOT / "package-lock.json"
    want = hashlib.sha256(lock.read_bytes()).hexdigest()
    stamp = NODE_MODULES / ".mailwacht-package-lock"
    if stamp_ok(stamp, want):
        return
    say("npm ci")
    run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"])
    stamp.write_text(want)


# ----------------------------------------------------------------------------------------- inputs


def pinned_dependencies() -> list[tuple[str, str]]:
    """(normalised name, version) of py_core's runtime dependencies, read from pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = []
    for spec in project["dependencies"]:
        match = re.fullmatch(r"\s*([A-Za-z0-9_.\-]+)\s*==\s*([A-Za-z0-9_.\-+]+)\s*", spec)
        if not match:
            sys.exit(f"build.py: pyproject dependency {spec!r} must be pinned exactly (name==version)")
        deps.append((normalise(match.group(1)), match.group(2)))
    return deps


def check_pins() -> None:
    for name, version in pinned_dependencies():
        pin = WHEELS.get(name) or SDISTS.get(name)
        if pin is None:
            sys.exit(f"build.py: py_core depends on {name}=={version}, which is not pinned in build.py WHEELS")
        if pin["version"] != version:
            sys.exit(f"build.py: pyproject wants {name}=={version} but build.py pins {pin['version']}; update the pin")


def fetch(name: str, pin: dict[str, object], binary: bool) -> Path:
    """Download one pinned file into .cache/downloads (once), and verify its sha256."""
    folder = CACHE / "downloads"
    target = folder / str(pin["file"])
    if target.is_file() and sha256_file(target) == pin["sha256"]:
        return target
    folder.mkdir(parents=True, exist_ok=True)
    say(f"downloading {pin['file']}")
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [str(VENV_PY), "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps", "-d", tmp]
        if binary:
            # Pyodide's Python is 3.14; pip on 3.11 must not reject wheels declaring a newer Python.
            cmd += ["--only-binary=:all:", "--python-version", "3.13", "--implementation", "py", "--abi", "none"]
            cmd += ["--platform", "any"]
        else:
            cmd += ["--no-binary=:all:"]
        run([*cmd, f"{name}=={pin['version']}"])
        got = Path(tmp) / str(pin["file"])
        if not got.is_file():
            sys.exit(f"build.py: pip did not produce {pin['file']} (got {sorted(os.listdir(tmp))})")
        shutil.move(str(got), target)
    actual = sha256_file(target)
    if actual != pin["sha256"]:
        target.unlink()
        sys.exit(f"build.py: sha256 mismatch for {pin['file']}: expected {pin['sha256']}, got {actual}")
    return target


def build_sdist_wheel(name: str, pin: dict[str, object], sdist: Path) -> Path:
    """A pure wheel from a pinned sdist (C build made to fail), cached by the sdist's hash."""
    out = CACHE / "built" / f"{name}-{pin['sha256']}"
    wheels = sorted(out.glob("*.whl")) if out.is_dir() else []
    if wheels:
        return wheels[0]
    say(f"building a pure wheel from {sdist.name}")
    pip_wheel = [str(VENV_PY), "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps", "--no-cache-dir"]
    with tempfile.TemporaryDirectory() as tmp:
        constraints = Path(tmp) / "constraints.txt"
        constraints.write_text("\n".join(pin.get("build_constraints", [])) + "\n")  # type: ignore[arg-type]
        env = {**os.environ, "CC": "false", "CXX": "false", "PIP_CONSTRAINT": str(constraints), "SOURCE_DATE_EPOCH": "315532800"}
        run(
            [*pip_wheel, "-w", str(Path(tmp) / "out"), str(sdist)],
            env=env,
        )
        built = sorted((Path(tmp) / "out").glob("*.whl"))
        if len(built) != 1 or not built[0].name.endswith("-py3-none-any.whl"):
            sys.exit(f"build.py: expected one pure py3-none-any wheel from {sdist.name}, got {[b.name for b in built]}")
        with zipfile.ZipFile(built[0]) as zf:
            compiled = [n for n in zf.namelist() if n.endswith((".so", ".pyd", ".dylib"))]
        if compiled:
            sys.exit(f"build.py: the wheel built from {sdist.name} holds compiled files {compiled}")
        out.mkdir(parents=True, exist_ok=True)
        shutil.move(str(built[0]), out / built[0].name)
    return sorted(out.glob("*.whl"))[0]


def core_version() -> str:
    text = (ROOT / CORE_IMPORT / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.M)
    if not match:
        sys.exit("build.py: no __version__ in py_core/__init__.py")
    return match.group(1)


def build_core_wheel() -> Path:
    """Pack py_core (every file but caches, package data included) into a reproducible wheel."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    dist_name = normalise(project["name"]).replace("-", "_")
    version = core_version()
    files: list[tuple[str, bytes]] = []
    for path in sorted((ROOT / CORE_IMPORT).rglob("*")):
        rel = path.relative_to(ROOT)
        if path.is_dir() or "__pycache__" in rel.parts or path.suffix in {".pyc", ".pyo"}:
            continue
        files.append((rel.as_posix(), path.read_bytes()))
    info = f"{dist_name}-{version}.dist-info"
    metadata = [
        "Metadata-Version: 2.1",
        f"Name: {project['name']}",
        f"Version: {version}",
        f"Summary: {project.get('description', '')}",
        f"Requires-Python: {project.get('requires-python', '>=3.11')}",
        *(f"Requires-Dist: {dep}" for dep in project["dependencies"]),
    ]
    files.append((f"{info}/METADATA", ("\n".join(metadata) + "\n").encode()))
    files.append(
        (f"{info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: mailwacht-build.py\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
    )
    files.append((f"{info}/top_level.txt", f"{CORE_IMPORT}\n".encode()))
    record = []
    for name, data in files:
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={digest},{len(data)}")
    record.append(f"{info}/RECORD,,")
    files.append((f"{info}/RECORD", ("\n".join(record) + "\n").encode()))
    target = CACHE / "built" / f"{dist_name}-{version}-py3-none-any.whl"
    target.parent.mkdir(parents=True, exist_ok=True)
    write_zip(target, files)
    return target


def write_zip(target: Path, files: list[tuple[str, bytes]]) -> None:
    """A reproducible zip: fixed times, given order; rewritten only when its bytes would change."""
    tmp = target.with_suffix(target.suffix + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name, data in files:
            entry = zipfile.ZipInfo(name, ZIP_TIME)
            entry.external_attr = 0o644 << 16
            entry.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(entry, data)
    if target.is_file() and target.read_bytes() == tmp.read_bytes():
        tmp.unlink()
    else:
        tmp.replace(target)


def wheel_requirements(wheel: Path) -> list[str]:
    """Normalised names a wheel requires at run time (its METADATA, extras left out)."""
    with zipfile.ZipFile(wheel) as zf:
        meta_name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        meta = email.parser.Parser().parsestr(zf.read(meta_name).decode("utf-8"))
    names = []
    for req in meta.get_all("Requires-Dist") or []:
        spec, _, marker = req.partition(";")
        if "extra" in marker:
            continue
        if "python_version" in marker and "<" in marker:
            continue  # back-ports for older Pythons than Pyodide's 3.14 (and our 3.11 floor)
        names.append(normalise(re.split(r"[\s<>=!~\[(]", spec.strip(), maxsplit=1)[0]))
    return names


def lock_entry(wheel: Path, name: str, version: str, imports: list[str]) -> dict[str, object]:
    return {
        "name": name,
        "version": version,
        "file_name": wheel.name,
        "install_dir": "site",
        "sha256": sha256_file(wheel),
        "imports": imports,
        "depends": wheel_requirements(wheel),
        "package_type": "package",
        "unvendored_tests": False,
    }


def pyodide_inputs() -> dict[str, Path]:
    """The runtime files from node_modules/pyodide, checked against the pinned version."""
    package = NODE_MODULES / "pyodide"
    meta = json.loads((package / "package.json").read_text())
    if meta["version"] != PYODIDE_VERSION:
        sys.exit(f"build.py: node_modules/pyodide is {meta['version']}, expected {PYODIDE_VERSION}; run npm ci")
    found = {}
    for name in PYODIDE_FILES:
        path = package / name
        if not path.is_file():
            sys.exit(f"build.py: {path} is missing")
        if sha256_file(path) != PYODIDE_FILES[name]:
            sys.exit(f"build.py: {path} does not match its pinned sha256; run npm ci")
        found[name] = path
    return found


#: What tools/bytecode.mjs writes, by their key in the lock's "mailwacht" entry: the standard library
#: zip with the modules the engine's cold boot imports compiled, and the wheels' compiled modules.
BYTECODE_FILES = {"stdlib": "python_stdlib_pyc.zip", "bytecode": "wheels-bytecode.bin"}


def compile_bytecode(pyodide: dict[str, Path], wheels: dict[str, Path], lock_bytes: bytes) -> dict[str, Path]:
    """The engine's cold-boot imports as bytecode (tools/bytecode.mjs; issue 15, cold boot <= 3 s):
    compiled by Pyodide's own Python 3.14 in Node, since this script's CPython (3.11) writes
    another bytecode. Kept in .cache/bytecode/ by the hash of everything it is made from."""
    tool = ROOT / "tools" / "bytecode.mjs"
    digest = hashlib.sha256(lock_bytes)
    for path in (tool, ROOT / "extension" / "engine" / "core.js", *pyodide.values()):
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    out = CACHE / "bytecode" / digest.hexdigest()[:32]
    found = {name: out / name for name in BYTECODE_FILES.values()}
    if all(path.is_file() for path in found.values()):
        return found
    say("compiling the engine's cold-boot imports to bytecode (tools/bytecode.mjs)")
    with tempfile.TemporaryDirectory(prefix="mailwacht-bytecode-") as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        for name, path in pyodide.items():
            if name != "pyodide-lock.json":
                shutil.copy(path, folder / name)
        for path in wheels.values():
            shutil.copy(path, folder / path.name)
        (folder / "pyodide-lock.json").write_bytes(lock_bytes)
        staged = Path(tmp) / "out"
        run(["node", str(tool), str(folder), str(staged)])
        # Only the newest inputs' bytecode is kept (~6 MB each): earlier ones are not read again.
        if out.parent.exists():
            shutil.rmtree(out.parent)
        out.parent.mkdir(parents=True)
        shutil.copytree(staged, out)
    return found


def collect_wheels() -> tuple[dict[str, Path], dict[str, dict[str, object]]]:
    """Every wheel of the bundle and its lock entry, keyed by normalised name."""
    check_pins()
    wheels: dict[str, Path] = {}
    entries: dict[str, dict[str, object]] = {}
    for name, pin in WHEELS.items():
        path = fetch(name, pin, binary=True)
        if not path.name.endswith(("-py3-none-any.whl", "-py2.py3-none-any.whl")):
            sys.exit(f"build.py: {path.name} is not a pure wheel")
        wheels[name] = path
        entries[name] = lock_entry(path, name, str(pin["version"]), list(pin["imports"]))  # type: ignore[call-overload]
    for name, pin in SDISTS.items():
        path = build_sdist_wheel(name, pin, fetch(name, pin, binary=False))
        wheels[name] = path
        entries[name] = lock_entry(path, name, str(pin["version"]), list(pin["imports"]))  # type: ignore[call-overload]
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    core_name = normalise(project["name"])
    core = build_core_wheel()
    wheels[core_name] = core
    entries[core_name] = lock_entry(core, core_name, core_version(), [CORE_IMPORT])
    for name, entry in entries.items():
        missing = [dep for dep in entry["depends"] if dep not in entries]  # type: ignore[union-attr]
        if missing:
            sys.exit(f"build.py: {name} needs {missing}, which the bundle does not hold; pin them in WHEELS")
    return wheels, entries


# ------------------------------------------------------------------------------------------- dist


def load_sites() -> list[dict[str, Any]]:
    """SITES_JSON's entries, checked: unique identifier ids, an existing adapter file or null,
    match patterns of the one allowed form, no pattern twice."""
    try:
        sites = json.loads(SITES_JSON.read_text(encoding="utf-8"))["sites"]
    except (OSError, ValueError, KeyError) as err:
        sys.exit(f"build.py: {SITES_JSON.relative_to(ROOT)} cannot be read: {err}")
    seen_ids: set[str] = set()
    seen_patterns: set[str] = set()
    for site in sites:
        where = f"build.py: {SITES_JSON.relative_to(ROOT)}: site {site.get('id')!r}"
        site_id, adapter, matches = site.get("id"), site.get("adapter"), site.get("matches")
        if not isinstance(site_id, str) or not re.fullmatch(r"[a-z][a-z0-9]*", site_id) or site_id in seen_ids:
            sys.exit(f"{where}: the id must be unique, lower-case letters and digits (list.js imports the adapter by it)")
        seen_ids.add(site_id)
        if adapter is not None and (
            not isinstance(adapter, str)
            or "/" in adapter
            or not adapter.endswith(".js")
            or not (SITES_JSON.parent / adapter).is_file()
        ):
            sys.exit(f"{where}: adapter {adapter!r} is no file of {SITES_JSON.parent.relative_to(ROOT)}/ (or null)")
        if not isinstance(matches, list) or (adapter is None and not matches):
            sys.exit(f"{where}: matches must be a list of match patterns (a site without an adapter needs hosts)")
        for pattern in matches:
            if not isinstance(pattern, str) or not MATCH_PATTERN.fullmatch(pattern) or pattern in seen_patterns:
                sys.exit(f"{where}: {pattern!r} is no https://host/* or https://*.domain/* pattern, or is listed twice")
            seen_patterns.add(pattern)
    return sites


def site_patterns() -> list[str]:
    """Every site's match patterns, in SITES_JSON's order: the manifests' host_permissions and matches."""
    return [pattern for site in load_sites() for pattern in site["matches"]]


def sites_module() -> str:
    """The text of SITES_MODULE (extension/reader/sites/list.js), rendered from SITES_JSON."""
    sites = [site for site in load_sites() if site["adapter"] is not None]
    imports = "".join(f'import {site["id"]} from "./{site["adapter"]}";\n' for site in sites)
    # Host names only ("mail.google.com", "*.admin.mailchimp.com"): no URL in the bundles (tests/js/dist.test.mjs).
    hosts = {site["id"]: [pattern.split("/")[2] for pattern in site["matches"]] for site in sites}
    entries = "".join(f"  {{ site: {site['id']}, hosts: {json.dumps(hosts[site['id']])} }},\n" for site in sites)
    return f"""/**
 * GENERATED by build.py (sites_module) from reader/sites/sites.json, the one list of sites. Do not
 * edit: change sites.json and run `python3 build.py` (or `python3 build.py sites` for this file
 * alone); tests/py/test_sites_list.py fails when this file is stale.
 */
{imports}
/**
 * The sites that have an adapter, in sites.json's order, each with the hosts of its match patterns
 * ("*.domain": the domain and its subdomains; none: the adapter alone recognises its page). A
 * function, not a constant: see reader/sites/index.js.
 */
export const SITES = () => [
{entries}];
"""


def write_sites_module() -> None:
    """(Re)write SITES_MODULE when it differs from what SITES_JSON says."""
    text = sites_module()
    if not SITES_MODULE.is_file() or SITES_MODULE.read_text(encoding="utf-8") != text:
        SITES_MODULE.write_text(text, encoding="utf-8")
        say(f"wrote {SITES_MODULE.relative_to(ROOT)} from {SITES_JSON.relative_to(ROOT)}")


def with_sites(manifest: dict[str, Any]) -> dict[str, Any]:
    """The manifest with the sites' match patterns as host_permissions (after permissions) and as
    every content-script group's matches (first key), in SITES_JSON's order."""
    patterns = site_patterns()
    if "host_permissions" in manifest or any("matches" in group for group in manifest.get("content_scripts", [])):
        sys.exit(f"build.py: manifest.json lists hosts; they are written once, in {SITES_JSON.relative_to(ROOT)}")
    out: dict[str, Any] = {}
    for key, value in manifest.items():
        out[key] = value
        if key == "permissions":
            out["host_permissions"] = list(patterns)
    out.setdefault("host_permissions", list(patterns))
    if "content_scripts" in manifest:
        out["content_scripts"] = [{"matches": list(patterns), **group} for group in manifest["content_scripts"]]
    return out


def manifest_for(browser: str) -> dict[str, object]:
    """The root manifest.json turned into one browser's variant, with the sites of SITES_JSON."""
    manifest = with_sites(json.loads((ROOT / "manifest.json").read_text(encoding="utf-8")))
    manifest["version"] = core_version()
    permissions = list(manifest.get("permissions", []))
    if browser == "chrome":
        # The engine runs in an offscreen document (reason WORKERS) that the service worker opens.
        manifest["background"] = {"service_worker": "background/service-worker.js", "type": "module"}
        permissions.append("offscreen")
        manifest.pop("browser_specific_settings", None)
    else:
        # Firefox has no offscreen documents: a background page starts the same engine worker.
        manifest["background"] = {"page": "background/background.html"}
        manifest["browser_specific_settings"] = {
            "gecko": {
                "id": FIREFOX_ID,
                "strict_min_version": FIREFOX_MIN,
                # Mailwacht checks drafts locally and sends nothing anywhere.
                "data_collection_permissions": {"required": ["none"]},
            },
            "gecko_android": {"strict_min_version": FIREFOX_ANDROID_MIN},
        }
    manifest["permissions"] = permissions
    for group in manifest.get("content_scripts", []):
        for name in group.get("js", []):
            if name not in BUNDLES:
                sys.exit(f"build.py: manifest.json's content script {name} is no bundle of BUNDLES {sorted(BUNDLES)}")
    # Issue 13: the browser itself enforces "no network": extension pages and the engine's worker
    # may fetch only the extension's own files (Pyodide's runtime, the lock, the wheels).
    csp = str(manifest.get("content_security_policy", {}).get("extension_pages", ""))
    if "connect-src 'self'" not in csp.split(";") and not any(d.strip() == "connect-src 'self'" for d in csp.split(";")):
        sys.exit("build.py: manifest.json's extension_pages CSP must say connect-src 'self'")
    if "externally_connectable" in manifest:
        sys.exit("build.py: manifest.json must not declare externally_connectable")
    return manifest


@functools.cache
def bundle(entry: str) -> bytes:
    """One content-script entry of extension/ and everything it imports, as one classic script
    (esbuild: iife, not minified, so names and comments-free code stay readable in dist/)."""
    esbuild = NODE_MODULES / ".bin" / "esbuild"
    if not esbuild.exists():
        sys.exit("build.py: node_modules/.bin/esbuild is missing; run npm ci")
    proc = run(
        [
            str(esbuild),
            f"extension/{entry}",
            "--bundle",
            "--format=iife",
            "--charset=utf8",
            "--target=chrome120,firefox140",
            "--log-level=warning",
            f"--banner:js=// Mailwacht: extension/{entry} and its imports, bundled by build.py (esbuild). Edit the modules, not this file.",
        ],
        capture_output=True,
        check=False,
    )
    if proc.stderr.strip():
        print(proc.stderr, end="", flush=True)
    if proc.returncode != 0:
        sys.exit(f"build.py: esbuild could not bundle extension/{entry}")
    return proc.stdout.encode()


def dist_files(browser: str, pyodide: dict[str, Path], wheels: dict[str, Path], lock: bytes) -> list[tuple[str, Path | bytes]]:
    """(path inside the extension, source file or bytes) for one browser, in a stable order."""
    files: list[tuple[str, Path | bytes]] = [
        ("manifest.json", (json.dumps(manifest_for(browser), indent=2, ensure_ascii=False) + "\n").encode())
    ]
    files += [(name, bundle(entry)) for name, entry in BUNDLES.items()]
    src = ROOT / "extension"
    skip = (*EXCLUDE[browser], *CONTENT_ONLY)
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src).as_posix()
        if path.is_dir() or any(rel == ex or (ex.endswith("/") and rel.startswith(ex)) for ex in skip):
            continue
        if path.name.startswith(".") or path.name.endswith("~"):
            continue
        files.append((rel, path))
    for name, path in pyodide.items():
        if name != "pyodide-lock.json":
            files.append((f"pyodide/{name}", path))
    files.append(("pyodide/pyodide-lock.json", lock))
    for path in sorted(wheels.values()):
        files.append((f"pyodide/{path.name}", path))
    return files


def write_dist(browser: str, files: list[tuple[str, Path | bytes]]) -> tuple[Path, Path, bool]:
    """dist/<browser>/ and dist/mailwacht-<version>-<browser>.zip; untouched when nothing changed."""
    folder = DIST / browser
    archive = DIST / f"mailwacht-{core_version()}-{browser}.zip"
    fingerprint = hashlib.sha256()
    blobs: list[tuple[str, bytes]] = []
    for rel, source in files:
        data = source if isinstance(source, bytes) else source.read_bytes()
        fingerprint.update(rel.encode() + b"\0" + hashlib.sha256(data).digest())
        blobs.append((rel, data))
    stamp = DIST / f".{browser}.fingerprint"
    if folder.is_dir() and archive.is_file() and stamp_ok(stamp, fingerprint.hexdigest()):
        return folder, archive, False
    if folder.exists():
        shutil.rmtree(folder)
    for rel, data in blobs:
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    # Earlier builds' zips of this browser (this naming and the former mailwacht-<browser>-<version>.zip).
    for old in [*DIST.glob(f"mailwacht-*-{browser}.zip"), *DIST.glob(f"mailwacht-{browser}-*.zip")]:
        old.unlink(missing_ok=True)
    write_zip(archive, blobs)
    stamp.write_text(fingerprint.hexdigest())
    return folder, archive, True


@contextlib.contextmanager
def build_lock() -> Iterator[None]:
    """One build at a time in this checkout: two at once clash in `npm ci` (ENOTEMPTY) and in the
    dist/ folders and zips. A second build waits for the first (the lock goes with the process)."""
    CACHE.mkdir(exist_ok=True)
    with open(CACHE / "build.lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say("another build of this checkout is running; waiting for it")
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def build() -> None:
    with build_lock():
        _build()


def _build() -> None:
    started = time.perf_counter()
    ensure_venv()
    ensure_node_modules()
    # extension/shared/constants.js: the engine's closed lists, generated so they cannot drift (issue 12).
    run([str(VENV / "bin" / "python"), "-m", "py_core.constants"])
    # extension/reader/sites/list.js: the adapters of the one list of sites, before bundling.
    write_sites_module()
    pyodide = pyodide_inputs()
    wheels, entries = collect_wheels()
    base = json.loads(pyodide["pyodide-lock.json"].read_text(encoding="utf-8"))
    # Only what is bundled: an entry for a package not shipped would make Pyodide fetch it from its CDN.
    lock = {"info": base["info"], "packages": dict(sorted(entries.items()))}
    compiled = compile_bytecode(pyodide, wheels, (json.dumps(lock, indent=1, sort_keys=True) + "\n").encode())
    # The bundle's own entry (Pyodide reads only "info" and "packages"): the two files a cold boot
    # reads its imports from (engine/core.js fetches and checks each against its sha256; the
    # snapshot key, the lock's hash, changes with them).
    lock["mailwacht"] = {key: {"file_name": name, "sha256": sha256_file(compiled[name])} for key, name in BYTECODE_FILES.items()}
    lock_bytes = (json.dumps(lock, indent=1, sort_keys=True) + "\n").encode()
    shipped = {**pyodide, **compiled}
    results = {}
    for browser in BROWSERS:
        results[browser] = write_dist(browser, dist_files(browser, shipped, wheels, lock_bytes))
    report(shipped, wheels, entries, results)
    say(f"done in {time.perf_counter() - started:.1f} s")
    check_examples()


def report(pyodide: dict[str, Path], wheels: dict[str, Path], entries: dict[str, dict[str, object]], results: dict) -> None:
    print(
        f"\nBundle (Pyodide {PYODIDE_VERSION}, Python {json.loads(pyodide['pyodide-lock.json'].read_text())['info']['python']}):"
    )
    for name, path in pyodide.items():
        if name != "pyodide-lock.json":
            print(f"  pyodide/{name:<44} {human(path.stat().st_size):>10}")
    for name in sorted(wheels):
        path = wheels[name]
        print(f"  pyodide/{path.name:<44} {human(path.stat().st_size):>10}  {name} {entries[name]['version']}")
    for browser, (folder, archive, changed) in results.items():
        total = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        state = "written" if changed else "unchanged"
        print(
            f"  dist/{browser}/: {human(total)} unpacked; {archive.relative_to(ROOT)}: {human(archive.stat().st_size)} ({state})"
        )
    print()


def check_examples() -> None:
    """Check the example drafts with the command line; findings (exit code 1) do not fail the build."""
    examples = sorted((ROOT / "examples").glob("*.*"))
    if not (ROOT / CORE_IMPORT / "__main__.py").is_file():
        say("py_core has no command line yet (py_core/__main__.py); skipping the example check")
        return
    for path in examples:
        print(f"--- python -m py_core check {path.relative_to(ROOT)} --format text")
        proc = run([str(VENV_PY), "-m", CORE_IMPORT, "check", str(path.relative_to(ROOT)), "--format", "text"], check=False)
        if proc.returncode not in (0, 1):
            sys.exit(f"build.py: the command line failed on {path.name} (exit code {proc.returncode})")


# ------------------------------------------------------------------------------------- test, bench


def node_test(files: list[str], label: str) -> bool:
    say(f"{label}: node --test {' '.join(files)}")
    return run(["node", "--test", "--test-concurrency=1", *files], check=False).returncode == 0


def test() -> None:
    build()
    failed: list[str] = []

    steps: list[str] = []

    def step(label: str, ok: bool) -> None:
        steps.append(label)
        if not ok:
            failed.append(label)

    py = str(VENV_PY)
    say("ruff check")
    step("ruff check", run([py, "-m", "ruff", "check", "."], check=False).returncode == 0)
    say("ruff format --check")
    step("ruff format", run([py, "-m", "ruff", "format", "--check", "."], check=False).returncode == 0)
    say("pytest tests/py/")
    # pyproject already adds -q; a second -q would hide pytest's closing "N passed" line.
    step("pytest", run([py, "-m", "pytest", "tests/py"], check=False).returncode == 0)
    # tests/js/: Node unit tests, no browser (some read the built dist/); the parity test apart, by name.
    node_unit = sorted(
        str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "js").glob("*.test.mjs") if p.name != "parity.test.mjs"
    )
    step("parity", node_test(["tests/js/parity.test.mjs"], "parity (Pyodide vs CPython)"))
    step("node unit tests", node_test(node_unit, "Node unit tests (tests/js/)"))
    if not CHROMIUM.exists():
        print("build.py: /usr/bin/chromium is missing; the end-to-end tests need it: apt-get install chromium", flush=True)
        step("e2e (no chromium: apt-get install chromium)", False)
    else:
        e2e = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "e2e").glob("*.test.mjs"))
        step("e2e", node_test(e2e, "end-to-end in Chromium and Firefox ESR"))
    say("web-ext lint dist/firefox")
    step("web-ext lint", web_ext_lint())
    say("eslint extension/ tests/ tools/")
    eslint = [str(NODE_MODULES / ".bin" / "eslint"), "--max-warnings=0", "extension/", "tests/", "tools/", "eslint.config.js"]
    step("eslint", run(eslint, check=False).returncode == 0)
    print(f"build.py test: {len(steps) - len(failed)} passed, {len(failed)} failed", flush=True)
    if failed:
        sys.exit(f"build.py test: FAILED: {', '.join(failed)}")


def web_ext_lint() -> bool:
    proc = run(
        ["npx", "--no-install", "web-ext", "lint", "--source-dir", "dist/firefox", "--output", "json", "--no-config-discovery"],
        check=False,
        capture_output=True,
    )
    try:
        result = json.loads(proc.stdout[proc.stdout.index("{") :])
    except ValueError:
        print(proc.stdout, proc.stderr)
        return False
    summary = result.get("summary", {})
    for kind in ("errors", "warnings"):
        for item in result.get(kind, []):
            print(f"  web-ext {kind[:-1]}: {item.get('code')} {item.get('file', '')}: {item.get('message')}")
    print(
        f"web-ext lint: {summary.get('errors', '?')} errors, {summary.get('warnings', '?')} warnings, {summary.get('notices', '?')} notices"
    )
    return proc.returncode == 0 and summary.get("errors", 1) == 0


def bench() -> None:
    build()
    if not CHROMIUM.exists():
        sys.exit("build.py: /usr/bin/chromium is missing; the benchmark runs in it: apt-get install chromium")
    run(["node", "bench/engine.mjs"])


def main(argv: list[str]) -> None:
    os.chdir(ROOT)
    command = argv[1] if len(argv) > 1 else "build"
    commands = {"build": build, "test": test, "bench": bench, "sites": write_sites_module}
    if command not in commands:
        sys.exit(f"usage: python3 build.py [{'|'.join(commands)}]")
    commands[command]()


if __name__ == "__main__":
    main(sys.argv)
