"""Coverage-guided fuzzing of the readers with atheris (libFuzzer).

    pip install atheris
    python benchmarks/fuzz_readers.py listing -max_total_time=300
    python benchmarks/fuzz_readers.py bibtex  -max_total_time=300 -artifact_prefix=crashes/

A reader may report anything, but must never raise: any exception is a
crash, saved by libFuzzer as an artifact to turn into a regression fixture
under fixtures/invalid/.  The corpus starts from the project's fixtures and,
when present, the shared corpora.
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEEDS = {
    "listing": ["fixtures/publications.txt", "fixtures/rules/*/*.txt"],
    "csljson": ["fixtures/invalid/*.json", "fixtures/rules/*/*.json"],
    "bibtex": ["../shared/corpora/bibtex/xampl.bib", "../shared/corpora/peer-tests/pandoc/*.bib"],
    "jats": ["fixtures/invalid/xml/*.xml", "../shared/corpora/jats-articles/elife/elife00240.xml"],
}


def seed_corpus(fmt: str) -> str:
    folder = tempfile.mkdtemp(prefix=f"fuzz-{fmt}-")
    for pattern in SEEDS[fmt]:
        for i, path in enumerate(sorted(ROOT.glob(pattern))):
            data = path.read_bytes()[:200_000]
            (Path(folder) / f"{path.stem}-{i}").write_bytes(data)
    return folder


def main() -> None:
    import atheris

    # Everything a reader runs must be imported here to be instrumented
    # (coverage feedback); format modules are otherwise imported lazily.
    with atheris.instrument_imports(include=["converters"]):
        import converters.api  # noqa: F401
        import converters.bibnames  # noqa: F401
        import converters.dates  # noqa: F401
        import converters.formats.bibtex  # noqa: F401
        import converters.formats.csljson  # noqa: F401
        import converters.formats.jats  # noqa: F401
        import converters.formats.listing  # noqa: F401
        import converters.latex  # noqa: F401
        import converters.names  # noqa: F401
        import converters.xmlsafe  # noqa: F401  (instrumented for coverage)
        from converters.registry import default_registry
        from converters.textio import decode

    if len(sys.argv) < 2 or sys.argv[1] not in SEEDS:
        sys.exit(f"usage: {sys.argv[0]} {{{','.join(SEEDS)}}} [libFuzzer options]")
    fmt = sys.argv[1]
    reader = default_registry().get(fmt)

    def one_input(data: bytes) -> None:
        text, _ = decode(data, "<fuzz>")
        if text is not None:
            reader.read(text, "<fuzz>")

    corpus = seed_corpus(fmt)
    argv = [sys.argv[0], corpus] + sys.argv[2:]
    os.chdir(ROOT)
    atheris.Setup(argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
