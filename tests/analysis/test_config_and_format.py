"""The embedded-config reader and the format-version check: a file newer or older than the package
understands is refused with a message that says so; a newer minor version is read with a warning."""
import os
import warnings

import h5py
import pytest

from marrow_analysis import FormatError, NewerFormatWarning, load, open_run
from marrow_analysis.config import number, parse_config, split_quantity


def test_parse_config_subset():
    text = ('description: "OVX: 8 weeks \\"after\\" spin-up"\nduration: 84 day\ngrid:\n  nx: 40\n  voxel: 10 um\n'
            'host:\n  estrogen:\n    schedule: ovx\n    ovx_day: 28 day\nname: ovx_vs_sham\nrules:\n'
            '  a:\n    enabled: true\n  b:\n    rate: 1e-06 1/day\nseed: 20261126\n')
    c = parse_config(text)
    assert c["description"] == 'OVX: 8 weeks "after" spin-up'
    assert c["grid.nx"] == "40" and c["grid.voxel"] == "10 um"
    assert c["host.estrogen.schedule"] == "ovx" and c["host.estrogen.ovx_day"] == "28 day"
    assert c["name"] == "ovx_vs_sham" and c["rules.a.enabled"] == "true" and c["seed"] == "20261126"
    assert split_quantity(c["rules.b.rate"]) == (1e-6, "1/day")
    assert split_quantity("mouse") == (None, "mouse")
    assert number(c, "grid.voxel") == 10.0 and number(c, "missing", 7) == 7
    with pytest.raises(ValueError):
        parse_config("list:\n  - 1\n")


def test_real_config_round_trip(small):
    info = small.infos[0]
    c = info.config
    assert c["name"] == "small" and c["grid.nx"] == "16" and c["geometry.plate_thickness"] == "30 um"
    # Every leaf line of the YAML became one key.
    leaves = [ln for ln in info.config_yaml.splitlines() if ln.strip() and not ln.rstrip().endswith(":")]
    assert len(c) == len(leaves)


def _set_version(path, major, minor):
    with h5py.File(path, "r+") as f:
        f.attrs["format_version"] = f"{major}.{minor}"
        f.attrs["format_version_major"] = major
        f.attrs["format_version_minor"] = minor


def test_newer_major_is_refused(results_copy):
    path = os.path.join(results_copy, "ovx_r0.h5")
    _set_version(path, 2, 0)
    with pytest.raises(FormatError, match="newer than this analysis package"):
        open_run(path)
    with pytest.raises(FormatError, match="2.0 is newer"):
        load(results_copy)
    res = load(results_copy, strict=False)  # the report's mode: skip it and say why
    assert len(res) == 3 and "newer" in res.skipped[0][1]


def test_older_and_foreign_files_are_refused(results_copy, tmp_path):
    path = os.path.join(results_copy, "sham_r1.h5")
    _set_version(path, 0, 9)
    with pytest.raises(FormatError, match="older than this analysis package"):
        open_run(path)
    foreign = tmp_path / "other.h5"
    with h5py.File(foreign, "w") as f:
        f["x"] = [1, 2, 3]
    with pytest.raises(FormatError, match="no 'format_version'"):
        open_run(str(foreign))
    text = tmp_path / "text.h5"
    text.write_text("not hdf5")
    with pytest.raises(FormatError, match="not a readable HDF5 file"):
        open_run(str(text))


def test_newer_minor_warns_and_reads(results_copy):
    path = os.path.join(results_copy, "sham_r0.h5")
    _set_version(path, 1, 7)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        info = open_run(path)
    assert info.arm == "sham"
    assert any(issubclass(w.category, NewerFormatWarning) and "1.7 is newer than 1.0" in str(w.message)
               for w in caught)


def test_incomplete_run_is_skipped_with_a_message(results_copy, capsys):
    path = os.path.join(results_copy, "ovx_r1.h5")
    with h5py.File(path, "r+") as f:
        f.attrs["complete"] = 0
    res = load(results_copy)
    assert sorted(i.run for i in res.infos) == ["ovx_r0", "sham_r0", "sham_r1"]
    assert "ovx_r1.h5: incomplete run" in capsys.readouterr().err
