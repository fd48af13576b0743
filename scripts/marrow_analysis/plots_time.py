"""Figures over time, one line per arm (condition) with its 95 % t-band over replicates: bone volume,
bone volume against the reference arm (sham), cell counts, cell-type composition, remodelling
volumes and the cytokine/estrogen signals. Each function returns a matplotlib Figure, or None when
the runs lack the data."""
import math

import matplotlib.pyplot as plt
import numpy as np

from .aggregate import condition_band, versus_reference
from .codes import CELL_TYPES
from .quantities import shown
from .style import CELL_COLOURS, condition_style, label


def title_of(res):
    names = sorted({i.experiment for i in res.infos if i.experiment})
    return ", ".join(names) if names else "Marrow"


def _has(res, quantity):
    return any(quantity in ts for ts in res.timeseries_wide.values())


def _time_label(res):
    return label("time", res.units.get("time", "day"))


def draw_bands(ax, res, quantity, transform=None, scale=1.0, floor=None):
    """Mean line and 95 % band per condition; returns True if anything was drawn. `floor` clips the
    drawn band (not the mean) at a physical bound, e.g. 0 for cell counts."""
    drawn = False
    for idx, cond in enumerate(res.conditions):
        band = condition_band(res, quantity, cond, transform)
        if band is None:
            continue
        time, mean, lo, hi, n = band
        style = condition_style(idx)
        ax.plot(time, mean * scale, label=f"{cond} (n={n})", linewidth=1.8, **style)
        if n >= 2:
            lo = lo * scale if floor is None else np.maximum(lo * scale, floor)
            ax.fill_between(time, lo, hi * scale, color=style["color"], alpha=0.2, linewidth=0)
        drawn = True
    return drawn


def _band_note(res):
    n = [sum(1 for i in res.infos if i.condition == c) for c in res.conditions]
    return "mean and 95% CI over replicates (t)" if max(n, default=0) >= 2 else "one replicate per arm, no CI"


def _percent_of_initial(y):
    return 100.0 * y / y[0] - 100.0 if len(y) and y[0] != 0 else None


def bone_volume(res):
    fig, ax = plt.subplots(figsize=(7, 4.5))
    if _has(res, "bone/volume_change"):
        drawn = draw_bands(ax, res, "bone/volume_change", scale=100.0)
    else:
        drawn = draw_bands(ax, res, "bone/volume", transform=_percent_of_initial)
    if not drawn:
        plt.close(fig)
        return None
    ax.axhline(0, color="#777777", linewidth=0.8)
    ax.set_xlabel(_time_label(res))
    ax.set_ylabel("bone volume change (% of initial BV)")
    ax.set_title(f"{title_of(res)}: bone volume\n{_band_note(res)}")
    ax.legend()
    return fig


def bone_volume_vs_reference(res):
    """Bone volume of each arm relative to the reference arm's mean: 100 (BV_arm - BV_ref) / BV_ref,
    with the 95 % Welch CI of the difference (scaled by the reference mean)."""
    others = [c for c in res.conditions if c != res.reference]
    if not others or not _has(res, "bone/volume"):
        return None
    fig, ax = plt.subplots(figsize=(7, 4.5))
    drawn = False
    for idx, cond in enumerate(res.conditions):
        if cond == res.reference:
            continue
        w = versus_reference(res, "bone/volume", cond)
        if w is None:
            continue
        style = condition_style(idx)
        with np.errstate(divide="ignore", invalid="ignore"):
            scale = 100.0 / w["mean_b"]
        ax.plot(w["time"], w["diff"] * scale, label=f"{cond} − {res.reference} (n={w['n_a']:.0f} vs {w['n_b']:.0f})",
                linewidth=1.8, **style)
        if np.isfinite(w["ci_lo"]).any():
            ax.fill_between(w["time"], w["ci_lo"] * scale, w["ci_hi"] * scale, color=style["color"], alpha=0.2,
                            linewidth=0)
        drawn = True
    if not drawn:
        plt.close(fig)
        return None
    ax.axhline(0, color=condition_style(0)["color"], linewidth=1.0, label=f"{res.reference} (reference)")
    ax.set_xlabel(_time_label(res))
    ax.set_ylabel(f"bone volume vs {res.reference} (% of {res.reference} mean)")
    ax.set_title(f"{title_of(res)}: bone volume against {res.reference}\ndifference of means, 95% CI (Welch)")
    ax.legend()
    return fig


def _grid(n, width=4.2, height=3.3, ncols=3):
    ncols = min(ncols, n)
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(width * ncols, height * nrows), squeeze=False)
    for ax in list(axes.flat)[n:]:
        ax.set_visible(False)
    return fig, list(axes.flat)[:n]


def _nonnegative(res, quantity):
    values = [ts[quantity].to_numpy(float) for ts in res.timeseries_wide.values() if quantity in ts]
    return bool(values) and all((v >= 0).all() for v in values)


def _panels(res, quantities, suptitle, log_wide=False):
    quantities = [q for q in quantities if _has(res, q)]
    if not quantities:
        return None
    fig, axes = _grid(len(quantities))
    for ax, q in zip(axes, quantities):
        s = shown(q, res.units.get(q, ""))
        draw_bands(ax, res, q, scale=s.scale, floor=0.0 if _nonnegative(res, q) else None)
        ax.set_title(s.name)
        ax.set_xlabel(_time_label(res))
        ax.set_ylabel(label(s.name if len(s.name) < 22 else q.split("/")[-1], s.unit))
        if log_wide:
            values = np.concatenate([ts[q].to_numpy(float) for ts in res.timeseries_wide.values() if q in ts])
            if len(values) and (values > 0).all() and values.max() / values.min() > 100:
                ax.set_yscale("log")
    axes[0].legend(fontsize="small")
    fig.suptitle(f"{title_of(res)}: {suptitle} ({_band_note(res)}; bands of non-negative quantities cut at 0)")
    return fig


def cell_counts(res):
    order = ["osteoclast", "preosteoclast", "monocyte", "osteoblast_active", "osteoblast_precursor",
             "osteoblast_lining", "osteoblast_retracted", "osteoblast", "stromal"]
    present = sorted({q for ts in res.timeseries_wide.values() for q in ts.columns if q.startswith("counts/")})
    ranked = [f"counts/{n}" for n in order if f"counts/{n}" in present] + [q for q in present
                                                                           if q[7:] not in order]
    return _panels(res, ranked, "cell counts", log_wide=True)


def remodelling(res):
    return _panels(res, ["bone/resorbed", "bone/formed"], "resorbed and formed bone")


def signals(res):
    quantities = sorted({q for ts in res.timeseries_wide.values() for q in ts.columns if q.startswith("fields/")})
    return _panels(res, quantities + ["host/estrogen", "osteoclast/nuclei_mean"], "cytokines and estrogen")


def composition(res):
    """Stacked share of each cell type (% of all cells) over time, one panel per condition."""
    types = [t for t in CELL_TYPES if _has(res, f"counts/{t}")]
    if not types:
        return None
    fig, axes = _grid(len(res.conditions), width=5.0, height=3.8, ncols=min(3, len(res.conditions)))
    for ax, cond in zip(axes, res.conditions):
        curves, time = [], None
        for t in types:
            band = condition_band(res, f"counts/{t}", cond)
            if band is None:
                curves.append(None)
                continue
            if time is None:
                time = band[0]
            curves.append(np.interp(time, band[0], band[1]))
        if time is None:
            ax.set_visible(False)
            continue
        stack = np.array([c if c is not None else np.zeros_like(time) for c in curves])
        total = stack.sum(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(total > 0, 100.0 * stack / total, 0.0)
        ax.stackplot(time, share, labels=types, colors=[CELL_COLOURS[t] for t in types], alpha=0.9)
        n = sum(1 for i in res.infos if i.condition == cond)
        ax.set_title(f"{cond} (mean of n={n})")
        ax.set_xlabel(_time_label(res))
        ax.set_ylabel("share of all cells (%)")
        ax.set_ylim(0, 100)
        ax.set_xlim(time[0], time[-1])
    axes[-1].legend(loc="center left", bbox_to_anchor=(1.02, 0.5), fontsize="small", title="cell type")
    fig.suptitle(f"{title_of(res)}: cell-type composition")
    return fig
