"""`pip install .` (not editable) must ship the widget, the staff page and their files."""
from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = [
    "bot/web/static/widget.js", "bot/web/static/widget.css", "bot/web/static/page.css",
    "bot/web/static/staff.js", "bot/web/static/staff.css",
    "bot/web/pages/index.html", "bot/web/pages/staff.html", "bot/web/pages/login.html",
    "bot/web/pages/staff_disabled.html",
]


def test_every_file_the_web_app_reads_is_in_the_source_tree_list():
    on_disk = {str(p.relative_to(ROOT)) for d in ("bot/web/static", "bot/web/pages") for p in (ROOT / d).iterdir()}
    assert on_disk == set(SHIPPED)  # a new static file must be added here (and so gets checked below)


def test_the_wheel_contains_the_static_files(tmp_path):
    # the same build `pip install .` does (isolated build environment from pyproject.toml), from a
    # clean copy so no stale build/ directory can smuggle files in
    source = tmp_path / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv", "venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".pytest_cache", ".hypothesis"))
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    wheel = next(tmp_path.glob("applicant_bot-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = [name for name in SHIPPED if name not in names]
    assert not missing, missing
