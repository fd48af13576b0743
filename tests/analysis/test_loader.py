"""Loading real runs made by the simulator into tidy tables (marrow_analysis.loader): the values in
the tables are the values in the files, one run or a folder, arms and sweeps in sub-folders."""
import os
import shutil

import h5py
import numpy as np
import pytest

from marrow_analysis import load


def test_runs_table(small):
    runs = small.runs
    assert sorted(runs["run"]) == ["ovx_r0", "ovx_r1", "sham_r0", "sham_r1"]
    assert small.conditions == ["sham", "ovx"] and small.reference == "sham"
    r = runs.set_index("run")
    with h5py.File(r.loc["ovx_r1", "path"], "r") as f:
        assert r.loc["ovx_r1", "seed"] == int(f.attrs["seed"])
        assert r.loc["ovx_r1", "git_revision"] == f.attrs["git_revision"]
    assert (r["format_version"] == "1.0").all() and (r["experiment"] == "small").all()
    assert r.loc["sham_r0", "seed"] == r.loc["ovx_r0", "seed"]  # common random numbers across arms


def test_timeseries_is_tidy_and_exact(small):
    ts = small.timeseries
    for col in ("time", "run", "arm", "replicate", "quantity", "value", "unit"):
        assert col in ts.columns
    sub = ts[(ts["run"] == "ovx_r0") & (ts["quantity"] == "bone/volume")].sort_values("time")
    with h5py.File(small.runs.set_index("run").loc["ovx_r0", "path"], "r") as f:
        np.testing.assert_array_equal(sub["value"].to_numpy(), f["timeseries/bone/volume"][()])
        np.testing.assert_array_equal(sub["time"].to_numpy(), f["timeseries/time"][()])
    assert set(sub["unit"]) == {"um^3"}
    assert sub["time"].iloc[-1] == pytest.approx(30.0)
    assert {"counts/osteoclast", "fields/rankl/mean", "host/estrogen"} <= set(ts["quantity"])
    wide = small.series("host/estrogen")
    assert wide.loc[30.0, "sham_r0"] == 1.0 and wide.loc[30.0, "ovx_r0"] < 0.5  # the OVX arm lost estrogen


def test_pits_table_matches_events(small):
    pits = small.pits
    assert len(pits) > 0, "the small runs should make resorption pits"
    for info in small.infos:
        with h5py.File(info.path, "r") as f:
            n = f["pits/events/osteoclast_id"].shape[0]
            depths = f["pits/events/max_depth_um"][()]
        mine = pits[pits["run"] == info.run]
        assert len(mine) == n
        np.testing.assert_array_equal(mine["max_depth_um"].to_numpy(), depths)
    assert (pits["duration_days"] >= 0).all()
    assert (pits["end_day"] <= 30.0 + 1e-9).all()


def test_parameters_and_summary(small):
    params = small.parameters
    row = params[(params["run"] == "ovx_r0") & (params["key"] == "geometry.plate_thickness")].iloc[0]
    assert row["number"] == 30.0 and row["unit"] == "um"
    assert "host.estrogen.schedule" in small.varying_parameters
    assert "grid.nx" not in small.varying_parameters
    s = small.summary.set_index("run")
    assert list(s["host.estrogen.schedule"].loc[["sham_r0", "ovx_r0"]]) == ["sham", "ovx"]
    with h5py.File(small.runs.set_index("run").loc["sham_r1", "path"], "r") as f:
        assert s.loc["sham_r1", "bone/volume"] == f["timeseries/bone/volume"][-1]
        events = f["pits/events/osteoclast_id"].shape[0]
    assert s.loc["sham_r1", "pits/count"] == events
    assert s.loc["sham_r1", "duration_days"] == pytest.approx(30.0)
    for key in ("BV/TV", "Tb.Th", "Tb.N", "Tb.Sp", "ES/BS", "N.Oc/BS", "Ob.S/BS", "MAR", "BFR/BS"):
        assert key in s.columns


def test_histomorphometry_per_snapshot(small):
    h = small.histomorphometry
    assert sorted(h["time"].unique()) == [0.0, 10.0, 20.0, 30.0]
    first = h[h["time"] == 0.0]
    # At day 0 every run is the intact 30 um plate in an 80 um grid.
    np.testing.assert_allclose(first["Tb.Th"], 30.0)
    np.testing.assert_allclose(first["BV/TV"], 37.5)
    np.testing.assert_allclose(first["ES/BS"], 0.0)
    assert first["MAR"].isna().all()
    # Bone volume from the snapshots equals the time series at the same tick.
    ts = small.series("bone/volume")
    last = h[h["time"] == 30.0].set_index("run")
    for run in last.index:
        assert last.loc[run, "BV"] == pytest.approx(ts.loc[30.0, run], rel=1e-5)
    assert (h[h["time"] > 0]["ES/BS"] >= 0).all()


def test_one_file_and_a_sweep_of_folders(small_results, tmp_path):
    one = load(os.path.join(small_results, "sham_r1.h5"))
    assert len(one) == 1 and one.infos[0].condition == "sham" and one.infos[0].replicate == 1
    for name in ("rate_a", "rate_b"):
        os.makedirs(tmp_path / name)
        for f in ("sham_r0.h5", "ovx_r0.h5"):
            shutil.copy(os.path.join(small_results, f), tmp_path / name / f)
    sweep = load(str(tmp_path))
    assert sorted(sweep.conditions) == ["rate_a/ovx", "rate_a/sham", "rate_b/ovx", "rate_b/sham"]
    assert sweep.reference in ("rate_a/sham", "rate_b/sham")
    assert set(sweep.timeseries["folder"]) == {"rate_a", "rate_b"}
    assert sorted(sweep.runs["run"])[0] == os.path.join("rate_a", "ovx_r0")
    # The same two folders given one by one: equal file names stay two runs each, told apart by folder
    # (before, both were named "ovx_r0" and the second hid the first in the per-run tables).
    both = load(str(tmp_path / "rate_a"), str(tmp_path / "rate_b"))
    assert sorted(both.runs["run"]) == sorted(os.path.join(d, f) for d in ("rate_a", "rate_b") for f in ("ovx_r0", "sham_r0"))
    assert sorted(both.conditions) == sorted(sweep.conditions)
    assert len(both.timeseries_wide) == 4


def test_sweep_points_in_one_folder_are_conditions(results_copy):
    for name, point in (("ovx_r0.h5", 0), ("ovx_r1.h5", 1)):
        with h5py.File(os.path.join(results_copy, name), "r+") as f:
            f.attrs["sweep_point"] = str(point)
            f.attrs["sweep_parameters"] = f"rules.x.rate={point + 1}"
    res = load(results_copy)
    assert res.conditions == ["sham", "ovx [rules.x.rate=1]", "ovx [rules.x.rate=2]"]
    assert set(res.runs["sweep_point"]) == {"", "0", "1"}


def test_checkpoints_beside_runs_are_not_runs(results_copy):
    """`marrow run --keep-checkpoint` leaves DIR/<run>.ckpt.h5 beside DIR/<run>.h5: a state to branch
    from, not a run, so loading the folder neither lists nor reports it as an incomplete run."""
    import io
    shutil.copy(os.path.join(results_copy, "sham_r0.h5"), os.path.join(results_copy, "sham_r0.ckpt.h5"))
    with h5py.File(os.path.join(results_copy, "sham_r0.ckpt.h5"), "r+") as f:
        f.attrs["complete"] = 0
    log = io.StringIO()
    res = load(results_copy, log=log)
    assert sorted(res.runs["run"]) == ["ovx_r0", "ovx_r1", "sham_r0", "sham_r1"]
    assert "ckpt" not in log.getvalue()
