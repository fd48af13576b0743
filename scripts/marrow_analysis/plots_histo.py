"""Histomorphometry figures: the end-point indices per arm as a bone biologist shows them (bar =
mean, whiskers = 95 % t-CI, one dot per replicate), and the same indices at every snapshot over time."""
import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .histomorphometry import LABELS
from .plots_time import _grid, title_of
from .stats import mean_ci
from .style import condition_style, label

ENDPOINTS = ["BV/TV", "Tb.Th", "Tb.N", "Tb.Sp", "ES/BS", "N.Oc/BS", "Ob.S/BS", "MAR", "BFR/BS"]


def _present(df, keys):
    return [k for k in keys if k in df and np.isfinite(df[k].to_numpy(float)).any()]


def endpoints(res):
    """Bars of the last snapshot's indices (MAR, BFR/BS over the last interval between snapshots)."""
    df = res.histomorphometry
    if df.empty:
        return None
    last = df.sort_values("time").groupby("run").tail(1)
    keys = _present(last, ENDPOINTS)
    if not keys:
        return None
    fig, axes = _grid(len(keys), width=3.2, height=3.2, ncols=3 if len(keys) > 4 else len(keys))
    day = last["time"].max()
    rng = np.random.default_rng(0)
    for ax, key in zip(axes, keys):
        for idx, cond in enumerate(res.conditions):
            values = last.loc[last["condition"] == cond, key].to_numpy(float)
            values = values[np.isfinite(values)]
            if not len(values):
                continue
            colour = condition_style(idx)["color"]
            mean, lo, hi, n = mean_ci(values)
            ax.bar(idx, mean, color=colour, alpha=0.35, width=0.7, edgecolor=colour)
            if n >= 2:
                ax.errorbar(idx, mean, yerr=[[mean - lo], [hi - mean]], color="black", capsize=4, linewidth=1)
            ax.scatter(idx + rng.uniform(-0.15, 0.15, len(values)), values, color=colour, edgecolor="black",
                       linewidth=0.5, s=18, zorder=3)
        ax.set_xticks(range(len(res.conditions)), res.conditions, rotation=30 if len(res.conditions) > 3 else 0)
        ax.set_ylabel(label(key, res.units.get(key, "")))
        ax.set_title(f"{key}: {LABELS.get(key, '')}", fontsize="medium")
    axes[0].legend(handles=[Patch(color="#888888", alpha=0.35, label="arm mean"),
                            Line2D([], [], color="black", marker="_", markersize=8, label="95% CI (t)"),
                            Line2D([], [], color="#888888", marker="o", markeredgecolor="black", linestyle="",
                                   label="replicate")], fontsize="small", loc="lower left")
    fig.suptitle(f"{title_of(res)}: histomorphometry at day {day:g} (bar: mean, whiskers: 95% CI, dots: replicates)")
    return fig


def over_time(res):
    """Each index at every snapshot, per arm: mean and 95 % band over replicates."""
    df = res.histomorphometry
    if df.empty or df["time"].nunique() < 2:
        return None
    keys = _present(df, ENDPOINTS)
    if not keys:
        return None
    fig, axes = _grid(len(keys), width=3.8, height=3.0)
    for ax, key in zip(axes, keys):
        for idx, cond in enumerate(res.conditions):
            sub = df[df["condition"] == cond].pivot_table(index="time", columns="run", values=key)
            if sub.empty:
                continue
            sub = sub.dropna(how="any")
            if sub.empty:
                continue
            mean, lo, hi, n = mean_ci(sub.to_numpy(float).T, axis=0)
            style = condition_style(idx)
            ax.plot(sub.index, mean, marker="o", markersize=3, label=f"{cond} (n={n})", **style)
            if n >= 2:
                ax.fill_between(sub.index, lo, hi, color=style["color"], alpha=0.2, linewidth=0)
        ax.set_xlabel(label("time", "day"))
        ax.set_ylabel(label(key, res.units.get(key, "")))
        ax.set_title(LABELS.get(key, key), fontsize="medium")
    axes[0].legend(fontsize="small")
    fig.suptitle(f"{title_of(res)}: histomorphometry at each snapshot (mean, 95% CI)")
    return fig
