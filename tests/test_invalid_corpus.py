"""Hostile and broken inputs for every format: each gets its expected
diagnostics, in under 2 s of CPU and 200 MB (the child's own peak), in a
process of its own.  Large cases
are generated here rather than stored."""
from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from tests.support import FIXTURES, ROOT

SEED = (FIXTURES / "publications.txt").read_bytes()
BIB = b"@article{a, title = {One}, year = 2001}\n@article{b, title = {Two}, year = 2002}\n"
JSON = b'[{"id": "a", "type": "book", "title": "One"}]'
XML = (FIXTURES / "invalid" / "xml" / "remote-dtd.xml").read_bytes()

# name: (format, input bytes, codes that must be among the diagnostics,
#        whether records may still be read)
CASES = {
    "listing-truncated": ("listing", SEED[: len(SEED) // 3], set(), True),
    "listing-nul-bytes": ("listing", SEED[:500] + b"\x00\x00" + SEED[500:], {"input-binary"},
                          False),
    "listing-10mb-line": ("listing", b"A Title\n" + b"word " * 2_000_000 + b"\n", set(), True),
    "listing-invalid-utf8": ("listing", b"Title\n\xff\xfe\xfa broken\n", {"encoding-invalid"},
                             False),
    "listing-utf16-bom": ("listing", SEED.decode("utf-8").encode("utf-16"), set(), True),
    "listing-utf16-no-bom": ("listing", SEED.decode("utf-8").encode("utf-16-le"), set(), True),
    "bibtex-truncated": ("bibtex", BIB + b"@article{c, title = {Thr", {"syntax-error"}, True),
    "bibtex-100000-braces": ("bibtex", b"@article{x, title = " + b"{" * 100_000 + b"}" * 100_000
                             + b"}\n" + BIB, set(), True),
    "bibtex-unterminated-string": ("bibtex", b'@article{x, title = "never closed}\n' + BIB,
                                   {"syntax-error"}, True),
    "bibtex-nul-bytes": ("bibtex", BIB.replace(b"One", b"O\x00ne"), {"input-binary"}, False),
    "bibtex-10mb-line": ("bibtex", b"@misc{x, note = {" + b"a" * 10_000_000 + b"}}\n", set(),
                         True),
    "csljson-truncated": ("csljson", JSON[:-5], {"syntax-error"}, False),
    "csljson-100000-deep": ("csljson", b"[" * 100_000 + b"]" * 100_000, {"nesting-too-deep"},
                            False),
    "csljson-unterminated-string": ("csljson", b'[{"id": "a", "title": "never', {"syntax-error"},
                                    False),
    "csljson-utf16-bom": ("csljson", JSON.decode().encode("utf-16"), set(), True),
    "csljson-10mb-line": ("csljson", b'[{"id": "a", "type": "book", "note": "'
                          + b"a" * 10_000_000 + b'"}]', set(), True),
    "jats-truncated": ("jats", XML[: len(XML) - 40], {"syntax-error"}, True),
    "jats-xxe": ("jats", (FIXTURES / "invalid" / "xml" / "xxe-local-file.xml").read_bytes(),
                 {"entity-unexpanded"}, True),
    "jats-billion-laughs": ("jats", (FIXTURES / "invalid" / "xml" / "billion-laughs.xml")
                            .read_bytes(), {"syntax-error"}, False),
    "jats-100000-deep": ("jats", b"<article>" + b"<p>" * 100_000 + b"</p>" * 100_000
                         + b"</article>", {"syntax-error"}, False),
    "jats-nul-bytes": ("jats", XML.replace(b"A Book", b"A\x00Book"), {"input-binary"}, False),
}

# The child's own peak memory: VmHWM of the exec'd process.  Not
# getrusage(RUSAGE_SELF).ru_maxrss: on Linux a child keeps the peak it
# inherited at fork across exec, so after a large test in this process every
# case would "use" the pytest process's peak (tried: a parent at 610 MB gives
# a child ru_maxrss of 610 MB and VmHWM of 9 MB).
RUNNER = """
import json, resource, sys, time

def peak_mb():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # no /proc: an upper bound

import converters
# CPU seconds, not wall-clock ones: on a shared machine a case waiting for a
# core is not a slow reader.
started = time.process_time()
result = converters.read(sys.argv[1], sys.argv[2])
print(json.dumps({"codes": sorted({d.code for d in result.diagnostics}),
                  "records": len(result.records), "seconds": time.process_time() - started,
                  "rss_mb": peak_mb()}))
"""


def run_case(path, fmt: str) -> dict:
    done = subprocess.run([sys.executable, "-c", RUNNER, str(path), fmt], capture_output=True,
                          text=True, timeout=60, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_input(tmp_path, name):
    fmt, data, codes, may_read = CASES[name]
    path = tmp_path / f"{name}.in"
    path.write_bytes(data)
    started = time.monotonic()
    report = run_case(path, fmt)
    wall = time.monotonic() - started
    assert codes <= set(report["codes"]), report
    if not may_read:
        assert report["records"] == 0, report
    assert report["seconds"] < 2, report
    assert report["rss_mb"] < 200, report
    print(f"{name}: {report['codes']} {report['records']} records, "
          f"{report['seconds']:.2f} s, {report['rss_mb']:.0f} MB (process {wall:.2f} s)")


def test_the_peak_measured_is_the_childs_own(tmp_path):
    """With this process past 300 MB, a small case still measures small:
    the figure is not the parent's peak inherited through fork."""
    ballast = bytearray(320 * 1024 * 1024)
    for offset in range(0, len(ballast), 4096):  # touch every page: resident
        ballast[offset] = 1
    path = tmp_path / "small.json"
    path.write_bytes(JSON)
    report = run_case(path, "csljson")
    del ballast
    assert report["records"] == 1
    assert report["rss_mb"] < 200, report
