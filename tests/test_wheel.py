"""A wheel built from the checkout works installed elsewhere."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv

import pytest

from tests.support import ROOT, SEED

pytestmark = pytest.mark.slow


def test_wheel_installs_and_converts_from_another_folder(tmp_path):
    pytest.importorskip("build")
    dist = tmp_path / "dist"
    built = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist),
                            str(ROOT)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(dist.glob("bibconv-*.whl"))

    env_dir = tmp_path / "env"
    venv.create(env_dir, with_pip=True)
    python = env_dir / ("Scripts" if os.name == "nt" else "bin") / "python"
    installed = subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)],
                               capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr[-2000:]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(SEED, elsewhere / "publications.txt")
    bibconv = python.parent / "bibconv"
    done = subprocess.run([str(bibconv), "convert", "publications.txt", "-t", "csljson"],
                          cwd=elsewhere, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)) == 12
    # the schemas travel inside the package, not beside the checkout
    where = subprocess.run([str(python), "-c", "import converters.resources as r; "
                            "print(r.data_dir('schemas'))"], cwd=elsewhere,
                           capture_output=True, text=True)
    assert str(env_dir) in where.stdout, where.stderr


def test_one_version_and_the_licence_travel_in_the_wheel(tmp_path):
    """The version is written once (converters.__version__, read by the
    build); the MIT licence file ships in the wheel."""
    import zipfile

    import converters

    pytest.importorskip("build")
    dist = tmp_path / "dist"
    built = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist),
                            str(ROOT)], capture_output=True, text=True)
    assert built.returncode == 0, built.stderr[-2000:]
    wheel = next(dist.glob("bibconv-*.whl"))
    assert wheel.name.startswith(f"bibconv-{converters.__version__}-")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA")))
    licences = [n for n in names if n.endswith("/LICENSE")]
    assert licences and b"MIT License" in (ROOT / "LICENSE").read_bytes()
    assert f"Version: {converters.__version__}\n".encode() in metadata
    assert b"License-Expression: MIT" in metadata or b"License: MIT" in metadata
