"""Finding the peer programs the comparison tests run against."""
from __future__ import annotations

import shutil
from pathlib import Path


def pandoc() -> str | None:
    """pandoc on PATH, or the binary pypandoc-binary ships (a test extra)."""
    found = shutil.which("pandoc")
    if found:
        return found
    try:
        import pypandoc
    except ImportError:
        return None
    bundled = Path(pypandoc.__file__).parent / "files" / "pandoc"
    return str(bundled) if bundled.exists() else None
