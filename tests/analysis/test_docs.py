"""The documentation covers the output: every dataset and attribute a real run file holds is named
in docs/output-format.md, every histomorphometry index in docs/analysis.md, and the README points
to the analysis."""
import os
import re

import h5py

from conftest import ROOT
from marrow_analysis import histomorphometry as hm


def read(*parts):
    with open(os.path.join(ROOT, *parts), encoding="utf-8") as fh:
        return fh.read()


def test_output_format_names_every_dataset_and_attribute(small_results):
    doc = read("docs", "output-format.md")
    quoted = set(re.findall(r"`([^`]+)`", doc))
    words = set()
    for q in quoted:  # "`counts/stromal`, `x`, `y`" and "`fields/<field>/mean` (`rankl`, ...)"
        words.update(re.split(r"[\s,]+", q))
    missing = []
    with h5py.File(os.path.join(small_results, "ovx_r0.h5"), "r") as f:
        for name in f.attrs:
            if name not in words:
                missing.append("attribute " + name)
        snapshot = sorted(f["snapshots"])[-1]
        for name in f["snapshots"][snapshot].attrs:
            if name not in words:
                missing.append("snapshot attribute " + name)

        def visit(path, obj):
            if not isinstance(obj, h5py.Dataset):
                return
            parts = path.split("/")
            if parts[0] == "timeseries":
                key = "/".join(parts[1:])
                if key in ("time", "tick"):
                    key = path
                m = re.fullmatch(r"fields/(\w+)/mean", key)
                if m:  # documented as `fields/<field>/mean` (`rankl`, `opg`, ...)
                    key = "fields/<field>/mean" if m.group(1) in words else key
            elif parts[0] == "pits":
                key = parts[-1]
            elif parts[0] == "snapshots":
                key = "/".join(parts[2:])
                if parts[2] == "agents":
                    key = parts[3]
                    if re.match(r"(secretion|clearance)_", key):
                        key = key.split("_")[0] + "_<field>"
            else:
                key = path
            if key not in words and "/" + key not in words:
                missing.append(path)

        f.visititems(visit)
    assert not missing, "not documented in docs/output-format.md: " + ", ".join(sorted(set(missing)))


def test_analysis_doc_defines_every_index():
    doc = read("docs", "analysis.md")
    for key in hm.UNITS:
        assert f"| {key} |" in doc or f"| {key}," in doc or f", {key} |" in doc, key
    for heading in ("## Loading runs in Python", "## Histomorphometry", "## The report", "## ParaView, step by step"):
        assert heading in doc


def test_readme_has_the_analysis_section():
    readme = read("README.md")
    assert "## Analysis" in readme and "scripts/report" in readme and "docs/analysis.md" in readme


def test_catch_test_names_survive_ctest_discovery():
    # catch_discover_tests passes names through CMake lists: a ';' splits one test case into two ctest
    # entries whose filters match nothing, and Catch then reports success without running anything.
    import glob
    import re
    bad = []
    for path in glob.glob(os.path.join(ROOT, "tests", "**", "*.cpp"), recursive=True):
        for name in re.findall(r'TEST_CASE\(\s*"([^"]*)"', open(path).read()):
            if ";" in name:
                bad.append(f"{os.path.relpath(path, ROOT)}: {name}")
    assert not bad, bad
