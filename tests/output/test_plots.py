#!/usr/bin/python3
"""Tests of scripts/marrow_plots.py on tiny fake results folders written with h5py in the layout of
docs/output-format.md. Run: /usr/bin/python3 -m pytest tests/output/test_plots.py"""
import importlib.util
import math
import os
import subprocess
import sys

import h5py
import numpy as np
import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(ROOT, "scripts", "marrow_plots.py")

spec = importlib.util.spec_from_file_location("marrow_plots", SCRIPT)
mp = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mp)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def write_fake_run(path, arm, rep, series=("counts/osteoclast", "counts/osteoblast", "bone/volume",
                                           "bone/resorbed", "bone/formed"), complete=1, days=10):
    rng = np.random.default_rng(rep + 10 * sum(map(ord, arm)))
    loss = 20.0 if arm == "control" else 40.0  # arms differ, so the figures show two curves
    time = np.arange(days + 1, dtype=float)
    values = {
        "counts/osteoclast": 5 + rng.integers(0, 3, time.size).astype(float),
        "counts/osteoblast": 1000 * np.exp(time / 3),  # wide range: log axis
        "bone/volume": 6000 - loss * time - rng.random(time.size),
        "bone/resorbed": 30 * time,
        "bone/formed": 10 * time,
    }
    units = {"counts/osteoclast": "1", "counts/osteoblast": "1", "bone/volume": "um^3",
             "bone/resorbed": "um^3", "bone/formed": "um^3"}
    with h5py.File(path, "w") as f:
        f.attrs.update({"format_version": "1.0", "format_version_major": 1, "format_version_minor": 0,
                        "experiment": "fake-experiment", "arm": arm, "replicate": rep, "complete": complete,
                        "seed": np.uint64(7 + rep), "tick_hours": 1.0})
        f["timeseries/time"] = time
        f["timeseries/time"].attrs["units"] = "day"
        f["timeseries/tick"] = (time * 24).astype(np.int64)
        for name in series:
            f["timeseries/" + name] = values[name]
            f["timeseries/" + name].attrs["units"] = units[name]
        for tick, day in ((0, 0.0), (24 * days, float(days))):
            g = f.create_group(f"snapshots/{tick:09d}")
            g.attrs.update({"tick": tick, "time_days": day, "nx": 6, "ny": 5, "nz": 4, "voxel_um": 10.0})
            pits = np.zeros((4, 5, 6), dtype=np.float32)
            if tick:
                pits[3, 2, 1:4] = 1.0
                pits[2, 2, 2] = 0.5
            g["pits"] = pits
            g["bone"] = np.ones((4, 5, 6), dtype=np.float32)


def assert_png(path):
    assert os.path.isfile(path), path
    assert os.path.getsize(path) > 1000, path
    with open(path, "rb") as fh:
        assert fh.read(8) == PNG_SIGNATURE


def test_plots_two_arms_two_replicates(tmp_path):
    for arm in ("control", "treated"):
        for rep in (0, 1):
            write_fake_run(tmp_path / f"{arm}_r{rep}.h5", arm, rep)
    write_fake_run(tmp_path / "control_r2.h5", "control", 2, complete=0)  # interrupted: skipped
    out = tmp_path / "figs"
    result = subprocess.run(["/usr/bin/python3", SCRIPT, str(tmp_path), "--out", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "skipping" in result.stderr and "control_r2.h5" in result.stderr
    names = sorted(os.listdir(out))
    assert names == ["bone_volume.png", "cell_counts.png", "pit_map_control.png", "pit_map_treated.png",
                     "remodelling.png"]
    for n in names:
        assert_png(out / n)


def test_one_replicate_and_missing_series(tmp_path):
    write_fake_run(tmp_path / "solo_r0.h5", "solo", 0, series=("counts/osteoclast",))
    written = mp.make_plots(str(tmp_path))
    names = sorted(os.path.basename(p) for p in written)
    assert names == ["cell_counts.png", "pit_map_solo.png"]  # no bone series: no volume plots
    for p in written:
        assert os.path.dirname(p) == str(tmp_path / "plots")
        assert_png(p)


def test_empty_folder_is_an_error(tmp_path):
    result = subprocess.run(["/usr/bin/python3", SCRIPT, str(tmp_path)], capture_output=True, text=True)
    assert result.returncode != 0
    assert "no complete run files" in result.stderr


def test_mean_ci_and_pit_depth(tmp_path):
    for rep in (0, 1, 2):
        write_fake_run(tmp_path / f"a_r{rep}.h5", "a", rep)
    runs = mp.load_results(str(tmp_path))
    assert [r.replicate for r in runs] == [0, 1, 2]
    assert runs[0].units["bone/resorbed"] == "um^3"
    time, mean, lo, hi, n = mp.mean_ci(runs, "bone/volume")
    vals = np.array([r.timeseries["bone/volume"].to_numpy() for r in runs])
    assert n == 3
    np.testing.assert_allclose(mean, vals.mean(axis=0))
    np.testing.assert_allclose(hi - mean, 4.303 * vals.std(axis=0, ddof=1) / math.sqrt(3))
    assert mp.mean_ci(runs, "no/such/series") is None
    assert abs(mp.t975(1000) - 1.9623) < 1e-3
    depth, h, day = mp.pit_depth(runs[0].path)
    assert depth.shape == (5, 6) and h == 10.0 and day == 10.0
    assert depth[2, 2] == pytest.approx(15.0)  # 1.0 + 0.5 voxels of 10 um
    assert depth[2, 1] == pytest.approx(10.0) and depth[0, 0] == 0.0


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
