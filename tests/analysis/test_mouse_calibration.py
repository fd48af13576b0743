"""The mouse calibration sweeps (docs/model.md "Session 22") are read seed by seed against the S06 validation
runs: their experiment must be S06's wild-type arms on S06's world, and every sweep point must use S06's seeds."""
import glob
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


def sweep_runs(cfg, out):
    """The runs a sweep would make (`marrow sweep --list`), as a table with arm, replicate and seed."""
    listed = subprocess.run([marrow_exe(), "sweep", str(cfg), "-o", str(out), "--list"],
                            capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr
    return pd.read_csv(os.path.join(str(out), "runs.csv"))


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
              "tnf_suppression_team", "resorption_levers", "resorption_perforation", "sofat_routes", "erosion_rate")
    # (sweeps on all six S06 arms are checked by test_sweeps_on_a_validation_scenario_pair_with_its_runs)
    for name, cfg in [("s06", str(s06_sweep))] + [(n, os.path.join(CALIBRATION, f"mouse_{n}.yaml")) for n in sweeps]:
        lists[name] = sweep_runs(cfg, tmp_path / name)
    reference = lists["s06"].set_index(["arm", "replicate"])["seed"]
    for name in sweeps:
        runs = lists[name]
        assert set(runs["arm"]) == {"wt_sham", "wt_ovx"}, name
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
    checked = 0
    for cfg in sorted(glob.glob(os.path.join(CALIBRATION, "*.yaml"))):
        experiment = load(cfg).get("experiment", "")
        if "validation/" not in experiment:
            continue
        scenario_path = os.path.normpath(os.path.join(CALIBRATION, experiment))
        scenario = load(scenario_path)
        name = os.path.basename(cfg)
        plain = tmp_path / (name + ".plain.yaml")
        plain.write_text(f"experiment: {scenario_path}\nsweep:\n  replicates: {scenario['replicates']}\n  grid:\n"
                         f"    duration: [{scenario['duration']}]\n")
        reference = sweep_runs(plain, tmp_path / (name + ".plain")).set_index(["arm", "replicate"])["seed"]
        runs = sweep_runs(cfg, tmp_path / name)
        assert set(runs["arm"]) == set(reference.index.get_level_values("arm")), cfg
        for _, run in runs.iterrows():
            if run["replicate"] < scenario["replicates"]:
                assert run["seed"] == reference[(run["arm"], run["replicate"])], (cfg, run["name"])
        checked += 1
    assert checked >= 6  # S06 (next_candidates, tnf_suppression_hosts, no_sofat), S11, S20, S21


S13 = os.path.join(ROOT, "configs", "validation", "S13_il7.yaml")


def mouse_defaults():
    """Every parameter's mouse default from `marrow params` (a cell like "0.5 (human 1.5)" reads 0.5)."""
    table = subprocess.run([marrow_exe(), "params"], capture_output=True, text=True, timeout=60)
    assert table.returncode == 0, table.stderr
    defaults = {}
    for line in table.stdout.splitlines():
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > 4 and cells[1].startswith("`"):
            defaults[cells[1].strip("`")] = cells[3].split(" (")[0]
    return defaults


def test_mouse_il7_is_the_ovx_arms_of_s13():
    s13, mine = load(S13), load(os.path.join(CALIBRATION, "mouse_il7.yaml"))
    for key in ("seed", "replicates", "species", "duration", "grid", "geometry", "host"):
        assert mine[key] == s13[key], key
    assert mine["arms"] == {arm: s13["arms"][arm] for arm in ("sham", "ovx", "ovx_anti_il7")}


def test_il7_route_sweep_starts_from_the_mouse_set_and_zeroes_one_route_per_point(tmp_path):
    # Point 0 must be the parameter set itself (it pairs with the S13 runs); each later point changes only
    # the estrogen weight(s) of one route, to 0.
    runs = sweep_runs(os.path.join(CALIBRATION, "mouse_il7_estrogen_routes.yaml"), tmp_path / "routes")
    plain = tmp_path / "s13.yaml"
    plain.write_text(f"experiment: {S13}\nsweep:\n  replicates: 8\n  grid:\n    duration: [49 d]\n")
    reference = sweep_runs(plain, tmp_path / "s13").set_index(["arm", "replicate"])["seed"]
    for _, run in runs.iterrows():
        assert run["seed"] == reference[(run["arm"], run["replicate"])], run["name"]
    keys = [c for c in runs.columns if c.startswith("rules.")]
    defaults = mouse_defaults()
    points = runs.drop_duplicates("point").set_index("point")[keys]
    assert all(float(points.loc[0, k]) == float(defaults[k]) for k in keys)
    changed = [[k for k in keys if float(points.loc[p, k]) != float(defaults[k])] for p in points.index[1:]]
    assert all(changed) and all(float(points.loc[p, k]) == 0 for p, ks in zip(points.index[1:], changed) for k in ks)
    routes = [{k.split(".")[1] for k in ks} for ks in changed]
    assert all(len(r) == 1 for r in routes) and len({r.pop() for r in routes}) == len(changed)


def test_erosion_rate_sweep_starts_from_the_mouse_set(tmp_path):
    # Point 0 pairs with the S06 runs only if it is the parameter set itself; the later points lower the
    # erosion rate (and the last adds perforation), nothing else (docs/model.md "Session 30", "Session 34").
    runs = sweep_runs(os.path.join(CALIBRATION, "mouse_erosion_rate.yaml"), tmp_path / "erosion")
    points = runs.drop_duplicates("point").set_index("point")
    defaults = mouse_defaults()
    rate, perforation = "rules.osteoclast_resorption.rate", "rules.trabecular_perforation.enabled"
    assert set(c for c in runs.columns if c.startswith("rules.")) == {rate, perforation}
    assert points.loc[0, rate].split()[0] == defaults[rate].split()[0]
    assert str(points.loc[0, perforation]).lower() == defaults[perforation].lower() == "false"
    assert [float(points.loc[p, rate].split()[0]) for p in points.index] == [16, 4, 8, 12, 12]
