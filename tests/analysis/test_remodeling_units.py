"""The bone balance and resorption events per condition (marrow_analysis.remodeling_units,
scripts/remodeling_units.py): the balance read back from the HDF5 files directly, the interval over
replicates, the seed-by-seed comparison, and the script on real runs."""
import math
import os
import shutil
import subprocess

import h5py
import numpy as np
import pandas as pd
import pytest

from conftest import SCRIPTS
from marrow_analysis import remodeling_units as ru
from marrow_analysis.stats import t975


def test_balance_matches_the_files(small, small_results):
    start = 10.0
    bal = ru.bone_balance(small, start)
    assert sorted(bal["run"]) == sorted(small.runs["run"])
    for row in bal.itertuples():
        with h5py.File(os.path.join(small_results, row.run + ".h5"), "r") as f:
            t = f["timeseries/time"][()]
            vol, res_, form = (f["timeseries/" + k][()] for k in ("bone/volume", "bone/resorbed", "bone/formed"))
        i = int(np.argmax(t >= start))
        assert row.from_day == pytest.approx(t[i]) and row.to_day == pytest.approx(t[-1])
        assert row.change_pct == pytest.approx(100 * (vol[-1] / vol[i] - 1))
        assert row.trend_pct_per_100d == pytest.approx(1e4 * np.polyfit(t[i:], vol[i:] / vol[i], 1)[0])
        assert row.resorbed_um3 == pytest.approx(res_[-1] - res_[i])
        assert row.formed_um3 == pytest.approx(form[-1] - form[i])
        assert row.resorbed_um3 > 0  # 30 days of remodeling: the check has something to compare


def test_runs_that_end_before_the_window_are_left_out(small):
    assert ru.bone_balance(small, 1000.0).empty


def test_interval_over_replicates():
    bal = pd.DataFrame({"condition": ["a"] * 4 + ["b"], "seed": [1, 2, 3, 4, 1],
                        "change_pct": [-1.0, 0.0, 1.0, 2.0, 5.0], "formed_per_resorbed": [1.0] * 5})
    by = ru.balance_by_condition(bal).set_index("condition")
    x = np.array([-1.0, 0.0, 1.0, 2.0])
    half = t975(3) * x.std(ddof=1) / 2
    assert by.at["a", "change_pct"] == pytest.approx(0.5)
    assert by.at["a", "ci_lo"] == pytest.approx(0.5 - half) and by.at["a", "ci_hi"] == pytest.approx(0.5 + half)
    assert (by.at["a", "min"], by.at["a", "max"]) == (-1.0, 2.0)
    assert by.at["b", "n"] == 1 and math.isnan(by.at["b", "ci_lo"])


def test_trend_of_a_known_line():
    # A run whose bone falls by exactly 2% of its day-60 volume per 100 days, with a swing at the end
    # that moves the end-point change but hardly the trend.
    class Known:
        runs = pd.DataFrame({"run": ["r"], "condition": ["c"], "seed": [1]})
        t = np.arange(0.0, 301.0, 10.0)
        vol = 1000.0 * (1 - 2e-4 * np.clip(t - 60, 0, None))
        vol[-1] -= 30.0
        timeseries_wide = {"r": pd.DataFrame({"time": t, "bone/volume": vol, "bone/resorbed": t, "bone/formed": 0.5 * t})}
    row = ru.bone_balance(Known, 60.0).iloc[0]
    assert row.change_pct == pytest.approx(-7.8)
    assert -2.3 < row.trend_pct_per_100d < -2.0
    assert row.formed_per_resorbed == pytest.approx(0.5)


def test_paired_difference_uses_shared_seeds_only():
    # b = a + 1 on the shared seeds 1-3 (seed 9 only in a): the paired interval collapses onto +1,
    # while an unpaired one would carry the spread between seeds.
    bal = pd.DataFrame({"condition": ["a"] * 4 + ["b"] * 3, "seed": [1, 2, 3, 9, 1, 2, 3],
                        "change_pct": [-3.0, 0.0, 4.0, 50.0, -2.0, 1.0, 5.0]})
    d = ru.paired_difference(bal, "b", "a")
    assert d["n"] == 3
    assert d["diff"] == pytest.approx(1.0)
    assert d["ci_lo"] == pytest.approx(1.0) and d["ci_hi"] == pytest.approx(1.0)
    other = pd.DataFrame({"condition": ["a", "b"], "seed": [1, 2], "change_pct": [0.0, 1.0]})
    assert ru.paired_difference(other, "b", "a") is None


def test_events_start_in_the_window(small):
    ev = ru.resorption_events(small, 5.0)
    assert len(ev) > 0 and (ev["start_day"] >= 5.0).all() and (ev["duration_days"] > 0).all()
    assert np.allclose(ev["depth_per_day"], ev["max_depth_um"] / ev["duration_days"])


def test_script_prints_each_condition_and_the_paired_comparison(small_results):
    out = subprocess.run(["/usr/bin/python3", os.path.join(SCRIPTS, "remodeling_units.py"), small_results,
                          "--from", "5", "--reference", "sham"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "== sham" in out.stdout and "== ovx" in out.stdout
    assert "ovx - sham, change, paired by seed:" in out.stdout and "n 2" in out.stdout
    assert "ovx - sham, trend per 100 days, paired by seed:" in out.stdout


def test_script_refuses_an_unknown_reference(small_results):
    out = subprocess.run(["/usr/bin/python3", os.path.join(SCRIPTS, "remodeling_units.py"), small_results,
                          "--from", "5", "--reference", "shame"], capture_output=True, text=True, timeout=300)
    assert out.returncode != 0 and "--reference shame: no such condition" in out.stderr


def test_script_says_when_no_run_reaches_the_window(small_results):
    out = subprocess.run(["/usr/bin/python3", os.path.join(SCRIPTS, "remodeling_units.py"), small_results,
                          "--from", "1000"], capture_output=True, text=True, timeout=300)
    assert out.returncode != 0 and "no run reaches day 1000" in out.stderr


def test_the_human_erosion_sweep_lists_both_settings_on_common_seeds(tmp_path):
    from conftest import ROOT, marrow_exe
    cfg = os.path.join(ROOT, "configs", "calibration", "human_erosion.yaml")
    out = subprocess.run([marrow_exe(), "sweep", cfg, "-o", str(tmp_path / "sweep"), "--list"], capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    runs = pd.read_csv(tmp_path / "sweep" / "runs.csv")
    assert len(runs) == 16 and sorted(runs["point"].unique()) == [0, 1]
    by_point = [set(runs.loc[runs["point"] == p, "seed"]) for p in (0, 1)]
    assert by_point[0] == by_point[1] and len(by_point[0]) == 8


def test_the_cavity_sweeps_pair_with_the_erosion_sweep(tmp_path):
    # Session 20's sweeps are read seed by seed against human_erosion.yaml: same seeds, the option on.
    from conftest import ROOT, marrow_exe
    seeds = {}
    for name in ("human_erosion", "human_cavities", "human_cavity_team"):
        cfg = os.path.join(ROOT, "configs", "calibration", name + ".yaml")
        out = subprocess.run([marrow_exe(), "sweep", cfg, "-o", str(tmp_path / name), "--list"], capture_output=True,
                             text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        runs = pd.read_csv(tmp_path / name / "runs.csv")
        seeds[name] = list(runs.loc[runs["point"] == 1, "seed"])
        # Each sweep writes out its formation options, so that its runs stay as they were when the
        # human set's defaults change (Session 21): erosion none, cavities keep_cavities_open only, team all.
        on = {"human_erosion": set(), "human_cavities": {"keep_cavities_open"},
              "human_cavity_team": {"keep_cavities_open", "follow_deficit", "lining_reactivation"}}[name]
        for option in ("keep_cavities_open", "follow_deficit", "lining_reactivation"):
            values = set(runs["rules.osteoblast_coupling." + option].astype(str).str.lower())
            assert values == {"true" if option in on else "false"}, (name, option, values)
    assert seeds["human_cavities"] == seeds["human_erosion"]
    assert seeds["human_cavity_team"] == seeds["human_erosion"][:4]


def test_script_compares_runs_of_two_folders(small_results, tmp_path):
    # Two sweeps written to two folders hold equal file names (default_p000_r0); the script takes both.
    for name in ("first", "second"):
        shutil.copytree(small_results, tmp_path / name)
    out = subprocess.run(["/usr/bin/python3", os.path.join(SCRIPTS, "remodeling_units.py"), str(tmp_path / "first"),
                          str(tmp_path / "second"), "--from", "5", "--reference", "first/sham"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "== second/ovx" in out.stdout and "n 2" in out.stdout
    # Identical copies: every seed-paired difference of second/sham against first/sham is exactly zero.
    assert "second/sham - first/sham, change, paired by seed: +0.00% (95% CI +0.00 to +0.00, n 2)" in out.stdout


def test_setting_of_drops_the_arm_where_the_loader_puts_it():
    assert ru.setting_of("mouse_ovx/wt_ovx [x=1]", "wt_ovx") == "mouse_ovx/* [x=1]"
    assert ru.setting_of("a/S06/wt_ovx", "wt_ovx") == "a/S06/*"
    assert ru.setting_of("ovx", "ovx") == "*"
    assert ru.setting_of("wt_ovx_x/sham", "wt_ovx") is None


def test_arm_effects_pair_arms_by_seed_and_settings_against_the_reference():
    # Setting "s/*": ovx - sham = -4 on every seed; setting "s/* [p=1]" (a sweep point): -1. Per seed the
    # effect is exact, so both intervals collapse, and the point's effect exceeds the first's by +3.
    rows = []
    for seed, base in ((1, 0.0), (2, 5.0), (3, -2.0)):
        rows += [("s/sham", seed, base), ("s/ovx", seed, base - 4.0),
                 ("s/sham [p=1]", seed, base + 10), ("s/ovx [p=1]", seed, base + 9.0)]
    bal = pd.DataFrame(rows, columns=["condition", "seed", "change_pct"])
    arms = {c: c.split("/")[1].split(" ")[0] for c in bal["condition"]}
    table, ref = ru.arm_effects(bal, arms, "ovx", "sham")
    assert ref == "s/*"
    eff = table[table["kind"] == "effect"].set_index("setting")
    assert eff.at["s/*", "diff"] == pytest.approx(-4.0) and eff.at["s/* [p=1]", "diff"] == pytest.approx(-1.0)
    assert eff.at["s/*", "ci_lo"] == pytest.approx(-4.0) and eff.at["s/*", "n"] == 3
    vs = table[table["kind"] == "vs reference"].set_index("setting")
    assert list(vs.index) == ["s/* [p=1]"] and vs.at["s/* [p=1]", "diff"] == pytest.approx(3.0)
    # A named reference turns the comparison round.
    table, ref = ru.arm_effects(bal, arms, "ovx", "sham", "s/* [p=1]")
    assert table[table["kind"] == "vs reference"].set_index("setting").at["s/*", "diff"] == pytest.approx(-3.0)


def test_script_prints_the_arm_effect(small_results):
    out = subprocess.run(["/usr/bin/python3", os.path.join(SCRIPTS, "remodeling_units.py"), small_results,
                          "--from", "5", "--arms", "ovx", "sham"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert "*: ovx - sham, change, paired by seed:" in out.stdout and "n 2" in out.stdout
    bad = subprocess.run(["/usr/bin/python3", os.path.join(SCRIPTS, "remodeling_units.py"), small_results,
                          "--from", "5", "--arms", "ovx", "nope"], capture_output=True, text=True, timeout=300)
    assert bad.returncode != 0 and "no setting has both arms" in bad.stderr
