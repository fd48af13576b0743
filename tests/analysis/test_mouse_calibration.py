"""The mouse calibration sweeps (docs/model.md "Session 22") are read seed by seed against the S06 validation
runs: their experiment must be S06's wild-type arms on S06's world, and every sweep point must use S06's seeds."""
import os
import subprocess

import pandas as pd
import yaml

from conftest import ROOT, marrow_exe

CALIBRATION = os.path.join(ROOT, "configs", "calibration")
S06 = os.path.join(ROOT, "configs", "validation", "S06_ovx_needs_tnf_and_t_cells.yaml")


def load(path):
    with open(path) as f:
        return yaml.safe_load(f)


def test_mouse_ovx_is_the_wild_type_arms_of_s06():
    s06, mine = load(S06), load(os.path.join(CALIBRATION, "mouse_ovx.yaml"))
    for key in ("seed", "replicates", "species", "duration", "grid", "geometry", "host"):
        assert mine[key] == s06[key], key
    assert mine["arms"] == {arm: s06["arms"][arm] for arm in ("wt_sham", "wt_ovx")}


def test_mouse_sweeps_run_every_point_on_the_s06_seeds(tmp_path):
    # The seed of a run depends on the base seed and the replicate only, so S06's own list is a sweep of it.
    s06_sweep = tmp_path / "s06.yaml"
    s06_sweep.write_text(f"experiment: {S06}\nsweep:\n  replicates: 8\n  grid:\n    duration: [49 d]\n")
    lists = {}
    sweeps = ("team", "perforation", "matrix_release", "formation_levers", "tnf_suppression", "tnf_suppression_seeds",
              "tnf_suppression_team", "resorption_levers", "resorption_perforation", "sofat_routes")
    all_arms = ("tnf_suppression_hosts", "next_candidates")  # all six S06 arms
    for name, cfg in [("s06", str(s06_sweep))] + [(n, os.path.join(CALIBRATION, f"mouse_{n}.yaml"))
                                                  for n in sweeps + all_arms]:
        out = subprocess.run([marrow_exe(), "sweep", cfg, "-o", str(tmp_path / name), "--list"],
                             capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr
        lists[name] = pd.read_csv(tmp_path / name / "runs.csv")
    reference = lists["s06"].set_index(["arm", "replicate"])["seed"]
    for name in sweeps + all_arms:
        runs = lists[name]
        arms = set(lists["s06"]["arm"]) if name in all_arms else {"wt_sham", "wt_ovx"}
        assert set(runs["arm"]) == arms, name
        for _, run in runs.iterrows():
            if run["replicate"] < 8:  # the seeds sweep goes on to replicates S06 does not run
                assert run["seed"] == reference[(run["arm"], run["replicate"])], (name, run["name"])
    assert lists["tnf_suppression_seeds"]["replicate"].max() == 15
    # The team sweep holds each option alone and both; the mouse set has both off.
    team = lists["team"].drop_duplicates("point")
    pairs = {(str(a).lower(), str(b).lower()) for a, b in zip(team["rules.osteoblast_coupling.follow_deficit"],
                                                             team["rules.osteoblast_coupling.lining_reactivation"])}
    assert pairs == {("true", "false"), ("false", "true"), ("true", "true")}


def test_sweeps_on_a_validation_scenario_pair_with_its_runs(tmp_path):
    # A sweep whose experiment is a validation scenario is checked by linking its runs into that scenario's
    # folder (README, "Calibration"), so it must run every arm of the scenario on the scenario's seeds.
    import glob
    checked = 0
    for cfg in sorted(glob.glob(os.path.join(CALIBRATION, "*.yaml"))):
        experiment = load(cfg).get("experiment", "")
        if "validation/" not in experiment:
            continue
        scenario = os.path.normpath(os.path.join(CALIBRATION, experiment))
        replicates = load(scenario)["replicates"]
        plain = tmp_path / (os.path.basename(cfg) + ".plain.yaml")
        plain.write_text(f"experiment: {scenario}\nsweep:\n  replicates: {replicates}\n  grid:\n"
                         f"    duration: [{load(scenario)['duration']}]\n")
        lists = {}
        for name, path in (("plain", str(plain)), ("sweep", cfg)):
            out = subprocess.run([marrow_exe(), "sweep", path, "-o", str(tmp_path / (os.path.basename(cfg) + name)),
                                  "--list"], capture_output=True, text=True, timeout=120)
            assert out.returncode == 0, out.stderr
            lists[name] = pd.read_csv(tmp_path / (os.path.basename(cfg) + name) / "runs.csv")
        reference = lists["plain"].set_index(["arm", "replicate"])["seed"]
        assert set(lists["sweep"]["arm"]) == set(lists["plain"]["arm"]), cfg
        for _, run in lists["sweep"].iterrows():
            if run["replicate"] < replicates:
                assert run["seed"] == reference[(run["arm"], run["replicate"])], (cfg, run["name"])
        checked += 1
    assert checked >= 5  # S06 (three sweeps), S11, S21
