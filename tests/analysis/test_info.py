"""`marrow info FILE.h5` on a real run prints the provenance, the datasets with their units, the
snapshots and the last values: what a user checks before analysing a file months later."""
import os
import subprocess

import h5py

from conftest import marrow_exe


def test_info_prints_provenance_and_units(small_results):
    path = os.path.join(small_results, "ovx_r1.h5")
    done = subprocess.run([marrow_exe(), "info", path], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    with h5py.File(path, "r") as f:
        for key in ("experiment", "arm", "seed", "base_seed", "marrow_version", "git_revision"):
            value = f.attrs[key]
            assert f"{key}: {value if isinstance(value, str) else int(value)}" in out, key
    assert "format version: 1.0" in out and "complete: yes" in out
    assert "/timeseries/bone/volume  (" in out and "[um^3]" in out and "[pM]" in out and "[day]" in out
    assert "snapshots: 4 (ticks 0 to 720, days 0 to 30)" in out
    assert "bone/volume_change = " in out
