#!/usr/bin/python3
"""Tests of the entry point scripts/marrow_plots.py (which scripts/run calls) on tiny hand-made results
folders written with h5py in the layout of docs/output-format.md, without agents, fields or pit
events: the figures must cope with what is missing. Run: /usr/bin/python3 -m pytest tests/output/test_plots.py"""
import importlib.util
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
    svg = path[:-4] + ".svg"
    assert os.path.isfile(svg), svg
    with open(svg, encoding="utf-8") as fh:
        assert "<svg" in fh.read(2000)


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
    names = sorted(n for n in os.listdir(out) if n.endswith(".png"))
    # Files without agents, fields or pit events still give every figure they have data for.
    for expected in ("bone_volume.png", "bone_volume_vs_control.png", "cell_counts.png", "composition.png",
                     "remodelling.png", "pit_map_control.png", "pit_map_treated.png", "histomorphometry.png"):
        assert expected in names, (expected, names)
    assert not any(n.startswith("field_slice") for n in names)  # no fields in these files
    for n in names:
        assert_png(str(out / n))


def test_one_replicate_and_missing_series(tmp_path):
    write_fake_run(tmp_path / "solo_r0.h5", "solo", 0, series=("counts/osteoclast",))
    written = mp.make_plots(str(tmp_path))
    names = sorted(os.path.basename(p) for p in written)
    assert "bone_volume.png" not in names and "remodelling.png" not in names  # no bone series
    assert "cell_counts.png" in names and "pit_map_solo.png" in names
    for p in written:
        assert os.path.dirname(p) == str(tmp_path / "plots")
        assert_png(p)


def test_empty_folder_is_an_error(tmp_path):
    result = subprocess.run(["/usr/bin/python3", SCRIPT, str(tmp_path)], capture_output=True, text=True)
    assert result.returncode != 0
    assert "no complete run files" in result.stderr


def test_load_through_the_entry_point(tmp_path):
    for rep in (0, 1, 2):
        write_fake_run(tmp_path / f"a_r{rep}.h5", "a", rep)
    res = mp.load(str(tmp_path))
    assert [i.replicate for i in res.infos] == [0, 1, 2]
    assert res.units.get("bone/resorbed") is None  # units come with the time series, read on first use
    ts = res.timeseries
    assert set(ts.loc[ts["quantity"] == "bone/resorbed", "unit"]) == {"um^3"}
    assert res.summary.set_index("run").loc["a_r1", "bone/resorbed"] == pytest.approx(300.0)


if __name__ == "__main__":
    sys.exit(pytest.main([__file__, "-q"]))
