"""scripts/report on real small runs: a self-contained HTML file with every figure embedded, effect
sizes against sham that equal Welch's comparison of the values in the files, the provenance of every
run, and the CSV tables."""
import math
import os
import re
import subprocess

import h5py
import numpy as np
import pandas as pd
import pytest

from conftest import SCRIPTS
from marrow_analysis import stats

REPORT = os.path.join(SCRIPTS, "report")


@pytest.fixture(scope="module")
def html(report_dir):
    with open(os.path.join(report_dir, "report.html"), encoding="utf-8") as fh:
        return fh.read()


def test_report_is_self_contained(html, report_dir):
    sources = re.findall(r'src="([^"]*)"', html)
    pngs = [n for n in os.listdir(os.path.join(report_dir, "plots")) if n.endswith(".png")]
    assert len(sources) == len(pngs) > 10
    assert all(s.startswith("data:image/png;base64,") for s in sources)
    assert "<link" not in html and "<script" not in html and "http://" not in html and "https://" not in html


def test_report_lists_provenance(html, report_dir):
    for name in ("sham_r0", "sham_r1", "ovx_r0", "ovx_r1"):
        with h5py.File(os.path.join(report_dir, name + ".h5"), "r") as f:
            assert str(int(f.attrs["seed"])) in html
            assert f.attrs["git_revision"] in html and f.attrs["marrow_version"] in html
    assert "plate_thickness: 30 um" in html  # the resolved config, embedded
    assert "host.estrogen.schedule" in html  # the parameter that differs between the arms
    assert "reference arm: <b>sham</b>" in html


def _final(report_dir, arm, dataset):
    out = []
    for k in (0, 1):
        with h5py.File(os.path.join(report_dir, f"{arm}_r{k}.h5"), "r") as f:
            out.append(f["timeseries/" + dataset][-1])
    return np.array(out)


def test_effect_sizes_are_welch_on_the_files(report_dir):
    summary = pd.read_csv(os.path.join(report_dir, "report_summary.csv"))
    assert set(summary["condition"]) == {"sham", "ovx"} and set(summary["reference"]) == {"sham"}
    bv = summary[summary["key"] == "bone/volume_change"].set_index("condition")
    ovx, sham = 100 * _final(report_dir, "ovx", "bone/volume_change"), 100 * _final(report_dir, "sham", "bone/volume_change")
    w = stats.welch(ovx, sham)
    assert bv.loc["ovx", "diff"] == pytest.approx(w["diff"])
    assert bv.loc["ovx", "diff_ci_lo"] == pytest.approx(w["ci_lo"]) and bv.loc["ovx", "diff_ci_hi"] == pytest.approx(w["ci_hi"])
    assert bv.loc["ovx", "p_welch"] == pytest.approx(w["p"])
    assert math.isnan(bv.loc["ovx", "pct_change"])  # no "% change" of a change
    assert math.isnan(bv.loc["sham", "diff"])  # the reference has no difference with itself
    assert bv.loc["sham", "mean"] == pytest.approx(sham.mean()) and bv.loc["sham", "sd"] == pytest.approx(sham.std(ddof=1))
    rankl = summary[summary["key"] == "fields/rankl/mean"].set_index("condition")
    r_ovx, r_sham = _final(report_dir, "ovx", "fields/rankl/mean"), _final(report_dir, "sham", "fields/rankl/mean")
    assert rankl.loc["ovx", "pct_change"] == pytest.approx(100 * (r_ovx.mean() - r_sham.mean()) / r_sham.mean())
    for key in ("BV/TV", "Tb.Th", "Tb.N", "Tb.Sp", "ES/BS", "N.Oc/BS", "Ob.S/BS"):
        assert key in set(summary["key"]), key
    runs = pd.read_csv(os.path.join(report_dir, "report_runs.csv"))
    assert sorted(runs["run"]) == ["ovx_r0", "ovx_r1", "sham_r0", "sham_r1"]


def test_report_table_and_headline(html):
    assert "<h2>Main result</h2>" in html and "percentage points (95% CI" in html
    assert "ovx − sham" in html and "p (Welch)" in html
    for key in ("BV/TV", "Tb.Th", "ES/BS", "N.Oc/BS", "MAR", "BFR/BS"):
        assert f"<td>{key}</td>" in html


def test_reference_option_and_errors(results_copy, tmp_path):
    out = tmp_path / "r.html"
    done = subprocess.run(["/usr/bin/python3", REPORT, results_copy, "--reference", "ovx", "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "reference arm: <b>ovx</b>" in out.read_text(encoding="utf-8")
    summary = pd.read_csv(tmp_path / "report_summary.csv")
    assert set(summary["reference"]) == {"ovx"}
    bad = subprocess.run(["/usr/bin/python3", REPORT, results_copy, "--reference", "nope"], capture_output=True,
                         text=True, timeout=600)
    assert bad.returncode != 0 and "no arm 'nope'" in bad.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    none = subprocess.run(["/usr/bin/python3", REPORT, str(empty)], capture_output=True, text=True, timeout=60)
    assert none.returncode != 0 and "no complete run files" in none.stderr
