"""The validation suite's scenario files and checker (issue "Reproduce the seed's experiments"):
every scenario sets only what an experiment may set (one parameter set per species), states its
expectations in a form the checker understands, and the checker's statistics and verdicts are right
on data whose answer is known."""
import glob
import os
import subprocess

import numpy as np
import pytest
import yaml

from conftest import ROOT, marrow_exe
from marrow_analysis.validation_check import contrast, judge, statistic
from marrow_analysis.validation_spec import Expectation, SpecError, parse_scenario
from marrow_analysis.stats import t975

SCENARIOS = sorted(glob.glob(os.path.join(ROOT, "configs", "validation", "S*.yaml")))

def test_a_level_change_without_its_window_is_an_error_naming_where(tmp_path):
    text = BASE.replace("{x: {quantity: counts/osteoclast}}", "{x: {quantity: bone/volume, stat: level_change, from: 60 d}}")
    with pytest.raises(SpecError, match="validation.readouts.x: stat level_change compares the halves of a window"):
        parse_scenario(write(tmp_path, text + "  expectations: [{readout: x, expect: more, compare: [a, b], text: t}]\n"))


# What a scenario may set (VALIDATION.md): species, host (estrogen schedule, genotype, treatments and
# their doses and times, adoptive transfers), culture setup, grid and duration; plus bookkeeping.
# Never a biology parameter (rules.*, fields.*, solver.*, time.*, the estrogen deficiency level, the
# antibody and antagonist constants) and never a rule switch.
ALLOWED_EXACT = {"name", "description", "seed", "replicates", "species", "duration", "mode",
                 "host.estrogen.schedule", "host.estrogen.ovx_day", "host.estrogen.menopause_day",
                 "host.estrogen.menopause_width"}
ALLOWED_PREFIXES = ("grid.", "geometry.", "output.", "host.genotype.", "culture.")
TREATMENT_KEYS = {"dose", "start", "stop", "genotype", "cd8_share"}


def leaf_keys(node, prefix=""):
    for k, v in node.items():
        key = f"{prefix}{k}"
        if isinstance(v, dict):
            yield from leaf_keys(v, key + ".")
        else:
            yield key


def forbidden(key):
    if key in ALLOWED_EXACT or key.startswith(ALLOWED_PREFIXES):
        return False
    parts = key.split(".")
    if parts[0] == "treatments" and len(parts) == 3 and parts[2] in TREATMENT_KEYS:
        return False
    return True


def test_all_27_scenarios_exist_with_unique_ids():
    ids = [parse_scenario(os.path.relpath(f, ROOT)).id for f in SCENARIOS]
    assert ids == [f"S{i:02d}" for i in range(1, 28)]
    for f in SCENARIOS:
        assert os.path.basename(f).startswith(parse_scenario(f).id + "_")


@pytest.mark.parametrize("path", SCENARIOS, ids=os.path.basename)
def test_scenario_sets_no_biology_parameter_or_rule_switch(path):
    doc = yaml.safe_load(open(path))
    arms = doc.pop("arms", {}) or {}
    doc.pop("validation")
    bad = [k for k in leaf_keys(doc) if forbidden(k)]
    for arm, body in arms.items():
        bad += [f"arms.{arm}.{k}" for k in leaf_keys(body or {}) if forbidden(k)]
    assert not bad, f"{os.path.basename(path)} sets what a scenario may not: {bad}"


def test_the_key_rule_catches_parameters_and_switches():
    for key in ("rules.osteoclast_survival.enabled", "rules.x.rate", "fields.rankl.decay", "solver.tolerance",
                "host.estrogen.deficient_level", "treatments.antibody_kon", "treatments.il1ra_ki", "time.tick"):
        assert forbidden(key), key
    for key in ("host.genotype.nude", "treatments.opg.dose", "culture.added.rankl", "grid.nx", "duration"):
        assert not forbidden(key), key


@pytest.mark.parametrize("path", SCENARIOS, ids=os.path.basename)
def test_scenario_loads_in_the_simulator(path):
    p = subprocess.run([marrow_exe(), "check", path], cwd=ROOT, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr


def write(tmp_path, text):
    p = tmp_path / "s.yaml"
    p.write_text(text)
    return str(p)


BASE = """name: t
arms: {a: {}, b: {}}
validation:
  id: S99
  title: t
  readouts: {x: {quantity: counts/osteoclast}}
"""


@pytest.mark.parametrize("expectations,message", [
    ("[{readout: x, expect: more, compare: [a, c], text: t}]", "unknown arm 'c'"),
    ("[{readout: y, expect: more, compare: [a, b], text: t}]", "unknown readout 'y'"),
    ("[{readout: x, expect: mor, compare: [a, b], text: t}]", "unknown expect 'mor'"),
    ("[{readout: x, expect: more, compare: [a, b], text: t, margn: 1}]", "unknown key 'margn'"),
    ("[{readout: x, expect: equivalent, compare: [a, b], text: t}]", "needs 'reference'"),
    ("[{readout: x, expect: band, compare: [a, b], text: t, band: [1, 0]}]", "lo < hi"),
])
def test_a_malformed_expectation_is_an_error_naming_where(tmp_path, expectations, message):
    path = write(tmp_path, BASE + f"  expectations: {expectations}\n")
    with pytest.raises(SpecError, match=message) as e:
        parse_scenario(path)
    assert "validation.expectations[0]" in str(e.value)


def test_statistics_of_a_series():
    t = np.array([0.0, 1, 2, 3, 4])
    y = np.array([10.0, 12, 14, 16, 8])
    assert statistic(t, y, "final", None, None) == 8
    assert statistic(t, y, "mean", 1, 3) == 14
    assert statistic(t, y, "sum", 3, None) == 24
    assert statistic(t, y, "change", 1, 3) == pytest.approx(16 / 12 - 1)
    assert statistic(t, y, "delta", None, 3) == 6
    assert statistic(t, y, "max", None, None) == 16


def test_level_change_compares_the_mean_levels_of_the_windows_halves():
    # A steady level that oscillates (the remodeling space of a plate) has no level change when each half
    # of the window holds whole periods, whatever their phase; `change` (end point / start point) reads
    # the phase instead.
    t = np.linspace(0.0, 120.0, 1201)
    for phase in (0.0, 0.1, 0.25, 0.5):
        y = 100 + 2 * np.sin(2 * np.pi * (t / 60 - phase))
        assert statistic(t, y, "level_change", 0, 120) == pytest.approx(0, abs=1e-3)
    y = 100 + 2 * np.sin(2 * np.pi * t / 60)
    assert statistic(t, y, "change", 15, 105) == pytest.approx(98 / 102 - 1)
    # a real drift: a line from 100 to 94 over the window, halves' means 98.5 and 95.5
    assert statistic(t, 100 - 0.05 * t, "level_change", 0, 120) == pytest.approx(95.5 / 98.5 - 1, rel=1e-6)
    assert statistic(t + 60, 100 - 0.05 * t, "level_change", 60, 180) == pytest.approx(95.5 / 98.5 - 1, rel=1e-6)
    with pytest.raises(ValueError, match="level_change needs both 'from' and 'to'"):
        statistic(t, y, "level_change", None, 120)


def test_two_arm_contrast_is_welch():
    a, b = np.array([5.0, 6, 7, 8]), np.array([1.0, 2, 2, 3])
    est = contrast({"a": a, "b": b}, {"a": 1, "b": -1})
    va, vb = a.var(ddof=1) / 4, b.var(ddof=1) / 4
    df = (va + vb) ** 2 / (va**2 / 3 + vb**2 / 3)
    half = t975(df) * np.sqrt(va + vb)
    assert est.value == pytest.approx(4.5)
    assert est.df == pytest.approx(df)
    assert (est.lo, est.hi) == (pytest.approx(4.5 - half), pytest.approx(4.5 + half))


def test_relative_contrast_uses_the_delta_method():
    rng = np.random.default_rng(1)
    a, b = 80 + rng.normal(0, 2, 6), 100 + rng.normal(0, 2, 6)
    est = contrast({"a": a, "b": b}, {"a": 1, "b": -1}, relative_to="b")
    ma, mb = a.mean(), b.mean()
    assert est.value == pytest.approx(ma / mb - 1)
    # d(ma/mb - 1) = dma/mb - ma dmb/mb^2
    se = np.sqrt(a.var(ddof=1) / 6 / mb**2 + (ma / mb**2) ** 2 * b.var(ddof=1) / 6)
    assert est.hi - est.value == pytest.approx(float(t975(est.df)) * se)


def verdict(kind, values, contrast_, **kw):
    e = Expectation("x", kind, contrast_, "t", **kw)
    return judge(e, {"x": values}).status


def test_a_direction_holds_only_when_its_interval_excludes_zero():
    clear = {"a": np.array([10.0, 11, 12]), "b": np.array([1.0, 2, 3])}
    overlapping = {"a": np.array([1.0, 5, 9]), "b": np.array([0.0, 4, 8])}
    assert verdict("more", clear, {"a": 1, "b": -1}) == "pass"
    assert verdict("less", clear, {"a": 1, "b": -1}) == "fail"
    assert verdict("more", overlapping, {"a": 1, "b": -1}) == "fail"


def test_equivalence_needs_the_whole_interval_inside_the_margin():
    v = {"ko_ovx": np.array([0.0, 0.1, -0.1]), "ko_sham": np.array([0.0, 0.0, 0.0]),
         "wt_ovx": np.array([-10.0, -10.5, -9.5]), "wt_sham": np.array([0.0, 0.1, -0.1])}
    ok = verdict("equivalent", v, {"ko_ovx": 1, "ko_sham": -1}, reference={"wt_ovx": 1, "wt_sham": -1}, margin=0.25)
    assert ok == "pass"
    v["ko_ovx"] = np.array([-4.0, -1.0, -7.0])  # mean -4: outside 25% of -10
    bad = verdict("equivalent", v, {"ko_ovx": 1, "ko_sham": -1}, reference={"wt_ovx": 1, "wt_sham": -1}, margin=0.25)
    assert bad == "fail"
    noisy = dict(v, ko_ovx=np.array([2.0, -2.0, 0.0]))  # mean 0 but the interval is wider than the margin
    assert verdict("equivalent", noisy, {"ko_ovx": 1, "ko_sham": -1}, reference={"wt_ovx": 1, "wt_sham": -1},
                   margin=0.25) == "fail"


def test_ratio_band_within_and_exploratory():
    v = {"a": np.array([3.0, 3.1, 2.9]), "b": np.array([10.0, 10.2, 9.8])}
    assert verdict("ratio", v, {"a": 1, "b": -1}, at_least=0.25) == "pass"
    assert verdict("ratio", v, {"a": 1, "b": -1}, at_most=0.1) == "fail"
    assert verdict("band", v, {"a": 1, "b": -1}, relative_to="b", band=(-0.8, -0.6)) == "pass"
    assert verdict("band", v, {"a": 1, "b": -1}, relative_to="b", band=(-0.3, -0.15)) == "fail"
    assert verdict("within", v, {"a": 1}, band=(2.0, 4.0)) == "pass"
    assert verdict("within", v, {"a": 1}, band=(3.0, 4.0)) == "fail"
    assert verdict("more", v, {"a": 1, "b": -1}, exploratory=True) == "exploratory (does not hold)"


def test_paired_contrast_uses_the_per_replicate_differences():
    # Replicates share seeds: a large common spread, a small consistent effect.
    b = np.array([10.0, 20.0, 30.0, 40.0])
    a = b - np.array([1.0, 1.2, 0.8, 1.0])
    unpaired = contrast({"a": a, "b": b}, {"a": 1, "b": -1})
    paired = contrast({"a": a, "b": b}, {"a": 1, "b": -1}, paired=True)
    d = a - b
    half = float(t975(3)) * d.std(ddof=1) / 2
    assert paired.value == pytest.approx(-1.0) == unpaired.value
    assert (paired.lo, paired.hi) == (pytest.approx(-1 - half), pytest.approx(-1 + half))
    assert unpaired.lo < 0 < unpaired.hi and paired.hi < 0
    rel = contrast({"a": a, "b": b}, {"a": 1, "b": -1}, relative_to="b", paired=True)
    assert rel.value == pytest.approx(-1.0 / 25.0)
    u = (d - rel.value * b) / 25.0
    assert rel.hi - rel.value == pytest.approx(float(t975(3)) * u.std(ddof=1) / 2)


def test_equivalence_can_take_its_margin_from_another_readout():
    # "returns to baseline": the end difference must be within 25% of the dip measured on another read-out.
    values = {"end": {"burst": np.array([-0.001, 0.0, 0.001]), "base": np.zeros(3)},
              "dip": {"burst": np.array([-0.03, -0.031, -0.029]), "base": np.zeros(3)}}
    e = Expectation("end", "equivalent", {"burst": 1, "base": -1}, "t", reference={"burst": 1, "base": -1},
                    reference_readout="dip", margin=0.25)
    assert judge(e, values).status == "pass"
    values["end"]["burst"] = np.array([-0.02, -0.021, -0.019])  # two thirds of the dip remain
    assert judge(e, values).status == "fail"


def test_contrast_text_writes_every_sign():
    from marrow_analysis.validation_check import contrast_text
    synergy = Expectation("x", "more", {"both": 1, "a": -1, "b": -1, "none": 1}, "t")
    assert contrast_text(synergy) == "both - a - b + none"
    most = Expectation("x", "more", {"blocked": 1, "sham": -0.5, "ovx": -0.5}, "t")
    assert contrast_text(most) == "blocked - 0.5 sham - 0.5 ovx"
    rel = Expectation("x", "band", {"ovx": 1, "sham": -1}, "t", relative_to="sham")
    assert contrast_text(rel) == "(ovx - sham) / sham"
    assert contrast_text(Expectation("x", "ratio", {"a": 1, "b": -1}, "t")) == "a / b"


def test_the_report_names_the_builds_that_made_each_scenarios_runs(tmp_path):
    # A report re-checked from kept runs (--reuse) may hold scenarios run by different builds: it says which.
    import h5py
    from marrow_analysis.validation_check import run_revisions
    from marrow_analysis.validation_report import write_report
    folder = tmp_path / "S01"
    folder.mkdir()
    for name, rev in (("a_r0.h5", "abc123"), ("a_r1.h5", "abc123"), ("b_r0.h5", "def456")):
        with h5py.File(folder / name, "w") as h5:
            h5.attrs["git_revision"] = rev
    assert run_revisions(str(folder)) == ["abc123", "def456"]
    assert run_revisions(str(tmp_path / "empty")) == []
    s = parse_scenario(os.path.relpath(SCENARIOS[0], ROOT))
    report = tmp_path / "report.md"
    write_report(str(report), [{"scenario": s, "verdicts": [], "values": None, "figure": None,
                                "error": "no runs", "revisions": ["abc123", "def456"]}], ["header"])
    text = report.read_text()
    assert "Runs from the builds `abc123`, `def456`" in text
    assert "runs of build `abc123`, `def456`" in text


def scenario_with_values(seed=0):
    s = parse_scenario(os.path.relpath(SCENARIOS[0], ROOT))
    rng = np.random.default_rng(seed)
    values = {name: {arm: rng.normal(1.0, 0.1, s.replicates) for arm in s.arms} for name in s.readouts}
    return s, values


def test_a_record_gives_back_the_values_and_verdicts_of_its_runs(tmp_path):
    # Records (docs/validation/Sxx.json) let the report be re-checked without the runs: the values read
    # back must judge exactly as the values written.
    from marrow_analysis.validation_record import read_record, write_record
    s, values = scenario_with_values()
    name, arm = next(iter(s.readouts)), s.arms[0]
    values[name][arm][1] = np.nan  # a read-out a run could not give (a window outside the run)
    path = str(tmp_path / "S01.json")
    write_record(path, s, values, True, ["abc123"], False)
    back, paired, revisions, quick, candidate = read_record(path, s)
    assert (paired, revisions, quick, candidate) == (True, ["abc123"], False, [])
    for n in s.readouts:
        for a in s.arms:
            np.testing.assert_array_equal(back[n][a], values[n][a])
    def verdicts(v):
        return [(x.status, repr(x.estimate)) for x in (judge(e, v, True) for e in s.expectations)]
    assert verdicts(back) == verdicts(values)
    assert not os.path.exists(path + ".tmp")


def test_a_record_of_a_candidate_says_so_and_is_refused_by_the_sets_report(tmp_path):
    from marrow_analysis.validation_record import candidate_refusal, read_record, write_record
    s, values = scenario_with_values()
    plain, cand = str(tmp_path / "plain.json"), str(tmp_path / "cand.json")
    write_record(plain, s, values, True, ["abc123"], False)
    write_record(cand, s, values, True, ["abc123"], False, ["rules.osteoclast_resorption.rate=16 um/day"])
    assert "candidate" not in open(plain).read()  # the set's records keep the format they had
    # readable as values (a candidate's own report re-checks from them) ...
    plain_candidate, cand_candidate = read_record(plain, s)[4], read_record(cand, s)[4]
    assert plain_candidate == [] and cand_candidate == ["rules.osteoclast_resorption.rate=16 um/day"]
    assert "a record of a candidate" in candidate_refusal(cand, cand_candidate, True)  # ... not in the set's
    assert candidate_refusal(cand, cand_candidate, False) is None
    assert candidate_refusal(plain, plain_candidate, True) is None


def test_a_record_of_a_changed_scenario_is_refused_but_a_changed_expectation_is_not(tmp_path):
    import copy
    from marrow_analysis.validation_record import RecordError, read_record, write_record
    s, values = scenario_with_values()
    path = str(tmp_path / "S01.json")
    write_record(path, s, values, True, [], False)
    reworded = copy.deepcopy(s)
    reworded.doc["validation"]["expectations"][0]["text"] = "said another way"
    reworded.doc["validation"]["title"] = "another title"
    read_record(path, reworded)  # judging and wording do not change what the runs measured
    for change in (lambda d: d.__setitem__("duration", "99 d"), lambda d: d.__setitem__("seed", 1),
                   lambda d: d["validation"]["readouts"][next(iter(d["validation"]["readouts"]))].__setitem__("stat", "max")):
        changed = copy.deepcopy(s)
        change(changed.doc)
        with pytest.raises(RecordError, match="different version"):
            read_record(path, changed)
    with pytest.raises(RecordError, match="no record"):
        read_record(str(tmp_path / "missing.json"), s)
    (tmp_path / "bad.json").write_text("{ not json")
    with pytest.raises(RecordError, match="not a readable record"):
        read_record(str(tmp_path / "bad.json"), s)


@pytest.mark.parametrize("path", SCENARIOS, ids=os.path.basename)
def test_a_committed_record_matches_its_scenario_file(path):
    # Changing a scenario's arms, doses, grid or read-outs without running it again would leave the
    # report judging runs of another experiment: the record's digest catches it.
    from marrow_analysis.validation_record import read_record, record_path
    s = parse_scenario(os.path.relpath(path, ROOT))
    record = record_path(os.path.join(ROOT, "docs", "validation"), s.id)
    assert os.path.exists(record), f"{s.id} has no record: scripts/validate --only {s.id} writes one"
    values, _, revisions, quick, candidate = read_record(record, s)
    assert not quick and revisions
    assert candidate == []  # the committed report is the parameter set's, never a candidate's
    assert all(len(values[n][a]) == s.replicates for n in s.readouts for a in s.arms)


CANDIDATE_RECORDS = sorted(glob.glob(os.path.join(ROOT, "docs", "candidates", "*", "validation", "S*.json")))


@pytest.mark.parametrize("path", CANDIDATE_RECORDS, ids=[os.path.relpath(p, ROOT) for p in CANDIDATE_RECORDS])
def test_a_kept_candidate_record_is_still_the_runs_of_todays_model(path):
    # docs/candidates/NAME/ gathers a candidate's records over several sessions, to be adopted when the
    # whole suite is done (scripts/validate --adopt). Each must still be runs of the model as it is: the
    # scenario file unchanged and the candidate settings resolving to the runs it recorded. A changed default
    # or a new parameter fails here first, not at adoption: re-run the scenario's candidate or drop it.
    import json
    from marrow_analysis.validation_record import read_record, record_path
    from marrow_analysis.validation_resolved import resolved_digests
    doc = json.load(open(path))
    # Once adopted (scripts/validate --adopt), the record is the set's: the set's copy names it as its
    # source and must hold its very values; the scenario file has since changed to the candidate, so
    # the record is history, checked through the set's copy (test_a_committed_record_matches...).
    set_record = record_path(os.path.join(ROOT, "docs", "validation"), doc["id"])
    set_doc = json.load(open(set_record)) if os.path.exists(set_record) else {}
    adopted = set_doc.get("adopted") or {}
    if adopted.get("from") == os.path.relpath(path, ROOT):
        assert set_doc["values"] == doc["values"], f"{set_record}: not the values of {path}"
        assert adopted.get("candidate") == doc["candidate"]
        return
    s = next(parse_scenario(os.path.relpath(f, ROOT)) for f in SCENARIOS
             if parse_scenario(os.path.relpath(f, ROOT)).id == doc["id"])
    values, _, revisions, quick, candidate = read_record(path, s)
    assert candidate and revisions and not quick and doc.get("resolved")
    sets = [a for kv in candidate for a in ("--set", kv)]
    assert resolved_digests(marrow_exe(), s.path, sets, ROOT) == doc["resolved"], (
        f"{path}: the model no longer resolves {s.id} with {candidate} to the recorded runs")


def test_resolved_digests_are_per_arm_and_see_every_line():
    from marrow_analysis.validation_resolved import ResolveError, digests_of
    text = ("--- run wt_sham_r0 seed 1\ngrid:\n  nx: 48\n--- run wt_sham_r1 seed 2\ngrid:\n  nx: 48\n"
            "--- run ko_r0 seed 1\ngrid:\n  nx: 48\n")
    d = digests_of(text)
    assert set(d) == {"wt_sham", "ko"}
    for changed in (text.replace("seed 2", "seed 3"), text.replace("nx: 48\n--- run ko", "nx: 24\n--- run ko")):
        assert digests_of(changed) != d
    assert digests_of(text.replace("nx: 48\n--- run ko", "nx: 24\n--- run ko"))["ko"] == d["ko"]
    for bad in ("", "grid:\n--- run a_r0 seed 1\n", "--- run nameless seed 1\n"):
        with pytest.raises(ResolveError):
            digests_of(bad)


def test_a_value_set_on_the_command_line_or_written_into_the_scenario_resolves_to_the_same_runs(tmp_path):
    # What makes adoption honest: the runs of S02 with `--set grid.nx=48` are those of S02 with nx 48 in
    # its file, and not those of the file as it is.
    from marrow_analysis.validation_resolved import resolved_digests
    s = parse_scenario("configs/validation/S02_mcsf_and_rankl_required.yaml")
    doc = yaml.safe_load(open(os.path.join(ROOT, s.path)))
    doc.setdefault("grid", {})["nx"] = 48
    copy = tmp_path / os.path.basename(s.path)
    copy.write_text(yaml.safe_dump(doc, sort_keys=False))
    exe = marrow_exe()
    as_set = resolved_digests(exe, s.path, ["--set", "grid.nx=48"], ROOT)
    assert resolved_digests(exe, str(copy), [], ROOT) == as_set
    assert resolved_digests(exe, s.path, [], ROOT) != as_set


def test_a_candidate_record_is_adopted_only_for_the_runs_the_scenario_now_asks_for(tmp_path):
    import copy
    from marrow_analysis.validation_record import (RecordError, adopt_record, adoption_of, read_record,
                                                   write_record)
    s, values = scenario_with_values()
    runs = {arm: f"digest-{arm}" for arm in s.arms}
    source, dest = str(tmp_path / "cand.json"), str(tmp_path / "set.json")
    write_record(source, s, values, True, ["abc123"], False, ["grid.nx=48"], runs)
    adopted_file = copy.deepcopy(s)  # the candidate written into the scenario file
    adopted_file.doc["grid"] = {"nx": 48}
    # Refused: other runs in one arm, another read-out definition, or a record without run digests.
    other = dict(runs, **{s.arms[0]: "another"})
    with pytest.raises(RecordError, match=f"arm\\(s\\) {s.arms[0]} are not the runs"):
        adopt_record(source, dest, adopted_file, other)
    redefined = copy.deepcopy(adopted_file)
    first = next(iter(redefined.doc["validation"]["readouts"]))
    redefined.doc["validation"]["readouts"][first]["stat"] = "max"
    with pytest.raises(RecordError, match="read-outs were defined otherwise"):
        adopt_record(source, dest, redefined, runs)
    bare = str(tmp_path / "bare.json")
    write_record(bare, s, values, True, ["abc123"], False, ["grid.nx=48"])
    with pytest.raises(RecordError, match="keeps no digest"):
        adopt_record(bare, dest, adopted_file, runs)
    assert not os.path.exists(dest)
    # Accepted: the set's record of the changed file, same values, saying where it came from.
    adopt_record(source, dest, adopted_file, runs, "docs/candidates/x/validation/S01.json")
    back, paired, revisions, quick, candidate = read_record(dest, adopted_file)
    assert (paired, revisions, quick, candidate) == (True, ["abc123"], False, [])
    for n in s.readouts:
        for a in s.arms:
            np.testing.assert_array_equal(back[n][a], values[n][a])
    assert adoption_of(dest)["candidate"] == ["grid.nx=48"]
    with pytest.raises(RecordError, match="different version"):
        read_record(dest, s)  # it is now the record of the changed file, not of the old one


VALIDATE = os.path.join(ROOT, "scripts", "validate")


def validate(*args, env=None):
    return subprocess.run(["/usr/bin/python3", VALIDATE, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=300, env=env)


@pytest.mark.parametrize("args, message", [
    (["--candidate", "rules.osteoclast_resorption.rate=16 um/day"], "needs --report outside docs/"),
    (["--candidate", "rules.osteoclast_resorption.rate=16 um/day", "--report", "docs/x.md"], "needs --report outside docs/"),
    (["--candidate", "a=1", "--report", "docs/validation/x.md"], "needs --report outside docs/"),
    (["--adopt", "docs/candidates/x", "--quick"], "drop --quick"),
    (["--adopt", "docs/candidates/x", "--report", "/tmp/x.md"], "drop --quick"),
    (["--candidate", "rules.osteoclast_resorption.rate", "--report", "/tmp/x.md"], "KEY=VALUE"),
    (["--candidate", "a=1", "--records", "--report", "/tmp/x.md"], "drop --candidate"),
])
def test_a_candidate_never_writes_the_parameter_sets_report(args, message):
    p = validate("--only", "S02", *args)
    assert p.returncode == 2 and message in p.stderr, p.stderr


def test_a_candidate_reaches_every_run_and_is_named_in_its_report(tmp_path):
    # A stand-in for marrow that writes down how it was called and fails: the scenario cannot run, and the
    # report says which candidate value its runs were given.
    fake = tmp_path / "marrow"
    fake.write_text(f"#!/bin/sh\necho \"$@\" >> {tmp_path}/calls\nexit 1\n")
    fake.chmod(0o755)
    report = tmp_path / "report.md"
    committed = os.path.join(ROOT, "docs", "validation", "S02.json")
    before = open(committed).read()
    env = dict(os.environ, MARROW_EXE=str(fake))
    p = validate("--only", "S02", "--candidate", "rules.osteoclast_resorption.rate=16 um/day",
                 "--out", str(tmp_path / "out"), "--report", str(report), env=env)
    assert p.returncode == 1, p.stderr
    calls = (tmp_path / "calls").read_text()
    assert "--set rules.osteoclast_resorption.rate=16 um/day" in calls
    text = report.read_text()
    assert "A candidate, not the parameter set" in text and "rules.osteoclast_resorption.rate=16 um/day" in text
    assert open(committed).read() == before  # the parameter set's record is left alone


def test_adopt_refuses_a_record_of_other_runs_and_leaves_the_sets_record_alone(tmp_path):
    # The CLI path of --adopt: S02's committed file resolves to runs at 40 x 40; a record made with
    # grid.nx=48 (a candidate not yet written into the file) is not S02's and must not replace its record.
    from marrow_analysis.validation_record import write_record
    from marrow_analysis.validation_resolved import resolved_digests
    s = parse_scenario("configs/validation/S02_mcsf_and_rankl_required.yaml")
    values = {n: {a: np.ones(s.replicates) for a in s.arms} for n in s.readouts}
    runs = resolved_digests(marrow_exe(), s.path, ["--set", "grid.nx=48"], ROOT)
    write_record(str(tmp_path / "S02.json"), s, values, True, ["abc123"], False, ["grid.nx=48"], runs)
    committed = os.path.join(ROOT, "docs", "validation", "S02.json")
    before = open(committed).read()
    p = validate("--adopt", str(tmp_path), "--only", "S02", env=dict(os.environ, MARROW_EXE=marrow_exe()))
    assert p.returncode == 1 and "are not the runs configs/validation/S02" in p.stderr, p.stderr
    assert open(committed).read() == before
