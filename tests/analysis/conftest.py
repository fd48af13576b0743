"""Shared fixtures of the analysis tests: the marrow_analysis package on sys.path, and small real
runs made by the simulator itself (MARROW_EXE, else build/marrow) once per test session."""
import os
import shutil
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPTS = os.path.join(ROOT, "scripts")
sys.path.insert(0, SCRIPTS)

# Two arms, two replicates, 30 days on a 16 x 16 x 8 grid: a few seconds, with pits and refilling.
SMALL_CONFIG = """name: small
replicates: 2
duration: 30 d
grid: {nx: 16, ny: 16, nz: 8}
geometry: {plate_thickness: 30 um}
output: {snapshot_every: 10 d}
arms:
  sham: {}
  ovx: {host: {estrogen: {schedule: ovx, ovx_day: 1 d}}}
"""


def marrow_exe():
    exe = os.environ.get("MARROW_EXE")
    if exe:
        if not os.access(exe, os.X_OK):
            pytest.fail(f"MARROW_EXE={exe} is not an executable file")
        return exe
    exe = os.path.join(ROOT, "build", "marrow")
    if not os.access(exe, os.X_OK):
        pytest.skip("needs the simulator: MARROW_EXE is unset and build/marrow does not exist (run scripts/setup)")
    return exe


def run_marrow(config_text, out_dir, work_dir):
    cfg = os.path.join(work_dir, "config.yaml")
    with open(cfg, "w") as fh:
        fh.write(config_text)
    result = subprocess.run([marrow_exe(), "run", cfg, "-o", str(out_dir)], capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, f"marrow run failed ({result.returncode}):\n{result.stderr[-3000:]}"
    return str(out_dir)


@pytest.fixture(scope="session")
def small_results(tmp_path_factory):
    """A folder with sham_r0, sham_r1, ovx_r0, ovx_r1 (.h5 and .xmf) and summary.csv. Read-only:
    tests that write copy it first (see `results_copy`)."""
    work = tmp_path_factory.mktemp("small")
    return run_marrow(SMALL_CONFIG, work / "results", str(work))


@pytest.fixture
def results_copy(small_results, tmp_path):
    """A private copy of the small results that a test may change."""
    dest = tmp_path / "results"
    shutil.copytree(small_results, dest)
    return str(dest)


@pytest.fixture(scope="session")
def small(small_results):
    """The small results loaded (marrow_analysis.Results)."""
    from marrow_analysis import load
    return load(small_results)


@pytest.fixture(scope="session")
def report_dir(small_results, tmp_path_factory):
    """A copy of the small results on which scripts/report has run (its stdout/stderr in .log)."""
    dest = tmp_path_factory.mktemp("report") / "results"
    shutil.copytree(small_results, dest)
    result = subprocess.run(["/usr/bin/python3", os.path.join(SCRIPTS, "report"), str(dest)], capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return str(dest)
