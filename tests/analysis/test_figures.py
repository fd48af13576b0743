"""The standard figures of real small runs: every axis has a label with a unit, every figure a
title and a legend, colours from the colour-blind-safe palette, and the bands are 95 % t-intervals."""
import math
import os

import h5py
import numpy as np
import pytest

from marrow_analysis import aggregate, stats
from marrow_analysis.plots import iter_figures
from marrow_analysis.style import CONDITION_COLOURS, pretty_unit

EXPECTED = {"bone_volume", "bone_volume_vs_sham", "histomorphometry", "histomorphometry_time", "cell_counts",
            "composition", "remodelling", "signals", "pit_histograms", "pit_map_sham", "pit_map_ovx",
            "field_slice_sham", "field_slice_ovx"}


@pytest.fixture(scope="module")
def figures(small):
    import matplotlib.pyplot as plt
    figs = dict(iter_figures(small))
    yield figs
    for f in figs.values():
        plt.close(f)


def _has_unit(text):
    return "(" in text and text.rstrip().endswith(")") and text[text.rindex("(") + 1:-1].strip() != ""


def test_every_standard_figure_is_made(figures):
    assert set(figures) == EXPECTED


def test_axes_have_labels_with_units_titles_and_legends(figures, small):
    for name, fig in figures.items():
        assert fig._suptitle is not None or any(ax.get_title() for ax in fig.axes), name
        has_legend = bool(fig.legends) or any(ax.get_legend() is not None for ax in fig.axes)
        assert has_legend, name
        for ax in fig.axes:
            if not ax.get_visible():
                continue
            if ax.get_label() == "<colorbar>":
                assert _has_unit(ax.get_ylabel() or ax.get_xlabel()), (name, "colorbar")
                continue
            ticks = [t.get_text() for t in ax.get_xticklabels()]
            categorical = ticks == list(small.conditions)  # arms along x: the names are the labels
            assert _has_unit(ax.get_xlabel()) or categorical, (name, ax.get_title(), ax.get_xlabel())
            assert _has_unit(ax.get_ylabel()), (name, ax.get_title(), ax.get_ylabel())
            assert "unknown" not in ax.get_xlabel() + ax.get_ylabel(), name


def test_arm_colours_are_the_palette(figures, small):
    ax = figures["bone_volume"].axes[0]
    colours = [line.get_color() for line in ax.get_lines() if line.get_label().split(" ")[0] in small.conditions]
    assert colours == CONDITION_COLOURS[:2]
    assert len(ax.collections) == 2  # one 95 % band per arm (two replicates each)
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["sham (n=2)", "ovx (n=2)"]


def test_band_is_the_t_interval_of_the_replicates(small):
    time, mean, lo, hi, n = aggregate.condition_band(small, "bone/volume", "ovx")
    values = []
    for info in small.infos:
        if info.arm == "ovx":
            with h5py.File(info.path, "r") as f:
                values.append(f["timeseries/bone/volume"][()])
    values = np.array(values)
    assert n == 2
    np.testing.assert_allclose(mean, values.mean(axis=0))
    np.testing.assert_allclose(hi - mean, 12.7062 * values.std(axis=0, ddof=1) / math.sqrt(2), rtol=1e-4)
    w = aggregate.versus_reference(small, "bone/volume", "ovx")
    ref = np.array([np.interp(w["time"], small.timeseries_wide[i.run]["time"], small.timeseries_wide[i.run]["bone/volume"])
                    for i in small.infos if i.arm == "sham"])
    np.testing.assert_allclose(w["mean_b"], ref.mean(axis=0))
    k = len(w["time"]) - 1
    single = stats.welch(np.array([np.interp(w["time"][k], small.timeseries_wide[i.run]["time"],
                                             small.timeseries_wide[i.run]["bone/volume"])
                                   for i in small.infos if i.arm == "ovx"]), ref[:, k])
    assert w["ci_lo"][k] == pytest.approx(single["ci_lo"]) and w["ci_hi"][k] == pytest.approx(single["ci_hi"])


def test_pretty_units():
    assert pretty_unit("um^3") == "µm³" and pretty_unit("1/mm^2") == "mm⁻²" and pretty_unit("1/mm") == "mm⁻¹"
    assert pretty_unit("um^3/um^2/day") == "µm³/µm²/day" and pretty_unit("pM") == "pM"


def test_files_are_png_and_svg(report_dir):
    plots = os.path.join(report_dir, "plots")
    names = {n[:-4] for n in os.listdir(plots) if n.endswith(".png")}
    assert names == EXPECTED
    for n in names:
        with open(os.path.join(plots, n + ".png"), "rb") as fh:
            assert fh.read(8) == b"\x89PNG\r\n\x1a\n"
        with open(os.path.join(plots, n + ".svg"), encoding="utf-8") as fh:
            assert "<svg" in fh.read(2000)
