#!/usr/bin/python3
"""Standard plots of a folder of Marrow run files (one HDF5 file per run, see docs/output-format.md).

    marrow_plots.py RESULTS_DIR [--out DIR]

reads every complete *.h5 in RESULTS_DIR (files <arm>_r<k>.h5; arm and replicate are also root
attributes) and writes PNGs into DIR (default RESULTS_DIR/plots):

  bone_volume.png      bone volume per arm, % of initial, mean and 95 % t-interval over replicates
  cell_counts.png      one panel per /timeseries/counts/* series, per arm
  remodelling.png      resorbed and formed bone volume per arm
  pit_map_<arm>.png    resorbed depth (um) seen from above, last snapshot of the arm's first replicate

The functions are importable (load_run, load_results, by_arm, mean_ci, plot_*) for later analyses.
Runs with one replicate get no band; missing series are skipped. Only Debian's h5py, numpy, pandas
and matplotlib are used.
"""
import argparse
import math
import os
import re
import sys
from dataclasses import dataclass, field

import h5py
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

# Two-sided 95 % quantiles of Student's t for 1..30 degrees of freedom.
_T975 = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
         2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
         2.045, 2.042]


def t975(df):
    """The 0.975 quantile of Student's t with df degrees of freedom (table, then a Cornish-Fisher series)."""
    if df < 1:
        return math.nan
    if df <= len(_T975):
        return _T975[int(df) - 1]
    z = 1.959964
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)


def _text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


def pretty_unit(unit):
    """'um^3' -> 'µm³' for axis labels; 'unknown' and '' stay visible as such."""
    u = unit or "unknown"
    return u.replace("um", "µm").replace("^3", "³").replace("^2", "²")


@dataclass
class Run:
    """One run file: provenance, its time series (one column per /timeseries dataset) and units."""
    path: str
    experiment: str
    arm: str
    replicate: int
    timeseries: pd.DataFrame  # columns "time", "tick", "counts/osteoclast", ...
    units: dict = field(default_factory=dict)  # column -> unit


def _arm_and_replicate_from_name(path):
    m = re.match(r"(.+)_r(\d+)\.h5$", os.path.basename(path))
    return (m.group(1), int(m.group(2))) if m else (os.path.basename(path)[:-3], 0)


def is_complete(path):
    try:
        with h5py.File(path, "r") as f:
            return int(f.attrs.get("complete", 0)) == 1
    except OSError:
        return False


def load_run(path):
    """Reads the provenance and the whole /timeseries group of one run file."""
    with h5py.File(path, "r") as f:
        arm, rep = _arm_and_replicate_from_name(path)
        arm = _text(f.attrs.get("arm", arm)) or arm
        rep = int(f.attrs.get("replicate", rep))
        experiment = _text(f.attrs.get("experiment", ""))
        columns, units = {}, {}
        if "timeseries" in f:
            n = f["timeseries/time"].shape[0] if "timeseries/time" in f else None

            def visit(name, obj):
                if isinstance(obj, h5py.Dataset) and obj.ndim == 1 and (n is None or obj.shape[0] == n):
                    columns[name] = obj[()]
                    units[name] = _text(obj.attrs.get("units", ""))

            f["timeseries"].visititems(visit)
    return Run(path, experiment, arm, rep, pd.DataFrame(columns), units)


def load_results(results_dir, log=sys.stderr):
    """Every complete run file in results_dir (incomplete and unreadable ones are reported and skipped)."""
    runs = []
    for name in sorted(os.listdir(results_dir)):
        path = os.path.join(results_dir, name)
        if not name.endswith(".h5") or not os.path.isfile(path):
            continue
        if not is_complete(path):
            print(f"skipping {path}: not a complete Marrow run file", file=log)
            continue
        runs.append(load_run(path))
    return runs


def by_arm(runs):
    """{arm: [runs sorted by replicate]}, arms in name order."""
    arms = {}
    for r in runs:
        arms.setdefault(r.arm, []).append(r)
    return {a: sorted(rs, key=lambda r: r.replicate) for a, rs in sorted(arms.items())}


def experiment_title(runs):
    names = sorted({r.experiment for r in runs if r.experiment})
    return ", ".join(names) if names else "Marrow"


def mean_ci(runs, column, transform=None):
    """Mean and 95 % t-interval of one series over runs, on the time grid of the first run with it
    (cut to the shortest run; others interpolated). Returns (time, mean, lo, hi, n); lo and hi are
    None with fewer than two runs. None if no run has the column."""
    series = []
    for r in runs:
        ts = r.timeseries
        if column not in ts or "time" not in ts or len(ts) == 0:
            continue
        y = ts[column].to_numpy(dtype=float)
        if transform is not None:
            y = transform(y)
            if y is None:
                continue
        series.append((ts["time"].to_numpy(dtype=float), y))
    if not series:
        return None
    t_end = min(t[-1] for t, _ in series)
    time = series[0][0][series[0][0] <= t_end]
    values = np.array([np.interp(time, t, y) for t, y in series])
    mean = values.mean(axis=0)
    n = len(series)
    if n < 2:
        return time, mean, None, None, n
    half = t975(n - 1) * values.std(axis=0, ddof=1) / math.sqrt(n)
    return time, mean, mean - half, mean + half, n


def _plot_arms(ax, arms, column, transform=None):
    """One line (and band) per arm; returns False when no arm has the column."""
    drawn = False
    for i, (arm, runs) in enumerate(arms.items()):
        res = mean_ci(runs, column, transform)
        if res is None:
            continue
        time, mean, lo, hi, n = res
        colour = f"C{i % 10}"
        ax.plot(time, mean, color=colour, label=f"{arm} (n={n})")
        if lo is not None:
            ax.fill_between(time, lo, hi, color=colour, alpha=0.25, linewidth=0)
        drawn = True
    return drawn


def _unit(arms, column):
    for runs in arms.values():
        for r in runs:
            if column in r.units:
                return r.units[column]
    return ""


def _time_label(arms):
    return f"time ({pretty_unit(_unit(arms, 'time') or 'day')})"


def _percent_of_initial(y):
    return 100.0 * y / y[0] if len(y) and y[0] != 0 else None


def plot_bone_volume(runs, out_dir):
    arms = by_arm(runs)
    fig, ax = plt.subplots(figsize=(7, 4.5))
    if not _plot_arms(ax, arms, "bone/volume", _percent_of_initial):
        plt.close(fig)
        return None
    ax.set_xlabel(_time_label(arms))
    ax.set_ylabel("bone volume (% of initial)")
    ax.set_title(f"{experiment_title(runs)}: bone volume (mean, 95% CI)")
    ax.legend()
    return _save(fig, out_dir, "bone_volume.png")


def plot_counts(runs, out_dir):
    arms = by_arm(runs)
    names = sorted({c for r in runs for c in r.timeseries.columns if c.startswith("counts/")})
    if not names:
        return None
    ncols = min(3, len(names))
    nrows = math.ceil(len(names) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(4.5 * ncols, 3.5 * nrows), squeeze=False)
    for ax, name in zip(axes.flat, names):
        _plot_arms(ax, arms, name)
        unit = _unit(arms, name)
        ax.set_title(name.split("/", 1)[1])
        ax.set_xlabel(_time_label(arms))
        ax.set_ylabel("cells" if unit in ("1", "", "unknown", "cells") else f"count ({pretty_unit(unit)})")
        values = np.concatenate([r.timeseries[name].to_numpy(dtype=float) for r in runs if name in r.timeseries])
        positive = values[values > 0]
        if len(positive) == len(values) and len(values) and positive.max() / positive.min() > 100:
            ax.set_yscale("log")
    for ax in list(axes.flat)[len(names):]:
        ax.set_visible(False)
    axes.flat[0].legend(fontsize="small")
    fig.suptitle(f"{experiment_title(runs)}: cell counts (mean, 95% CI)")
    return _save(fig, out_dir, "cell_counts.png")


def plot_remodelling(runs, out_dir):
    arms = by_arm(runs)
    present = [c for c in ("bone/resorbed", "bone/formed") if any(c in r.timeseries for r in runs)]
    if not present:
        return None
    fig, axes = plt.subplots(1, len(present), figsize=(6 * len(present), 4.5), squeeze=False)
    for ax, column in zip(axes.flat, present):
        _plot_arms(ax, arms, column)
        ax.set_title(column.split("/", 1)[1] + " volume")
        ax.set_xlabel(_time_label(arms))
        ax.set_ylabel(f"volume ({pretty_unit(_unit(arms, column))})")
        ax.legend(fontsize="small")
    fig.suptitle(f"{experiment_title(runs)}: resorbed and formed bone (mean, 95% CI)")
    return _save(fig, out_dir, "remodelling.png")


def pit_depth(path):
    """Resorbed depth (um) per (y, x) column of the last snapshot that has a "pits" volume:
    the resorbed fraction summed along z times the voxel edge. Returns (depth, voxel_um, time_days)
    or None."""
    with h5py.File(path, "r") as f:
        if "snapshots" not in f:
            return None
        for name in sorted(f["snapshots"].keys(), reverse=True):
            g = f["snapshots"][name]
            if "pits" not in g:
                continue
            h = float(g.attrs.get("voxel_um", f.attrs.get("voxel_um", 1.0)))
            pits = np.asarray(g["pits"][()], dtype=float)  # (nz, ny, nx)
            return pits.sum(axis=0) * h, h, float(g.attrs.get("time_days", math.nan))
    return None


def plot_pit_map(run, out_dir, title_prefix=None):
    res = pit_depth(run.path)
    if res is None:
        return None
    depth, h, day = res
    ny, nx = depth.shape
    fig, ax = plt.subplots(figsize=(6, 5))
    im = ax.imshow(depth, origin="lower", extent=(0, nx * h, 0, ny * h), cmap="magma", interpolation="nearest")
    fig.colorbar(im, ax=ax, label="resorbed depth (µm)")
    ax.set_xlabel("x (µm)")
    ax.set_ylabel("y (µm)")
    ax.set_title(f"{title_prefix or run.experiment or 'Marrow'}: pits, {run.arm} r{run.replicate}, day {day:g}")
    safe_arm = re.sub(r"[^A-Za-z0-9_.-]", "_", run.arm)
    return _save(fig, out_dir, f"pit_map_{safe_arm}.png")


def _save(fig, out_dir, name):
    path = os.path.join(out_dir, name)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)
    return path


def make_plots(results_dir, out_dir=None, log=sys.stderr):
    """All standard plots of a results folder; returns the PNG paths written."""
    out_dir = out_dir or os.path.join(results_dir, "plots")
    runs = load_results(results_dir, log)
    if not runs:
        raise SystemExit(f"marrow_plots: no complete run files (*.h5) in {results_dir}")
    os.makedirs(out_dir, exist_ok=True)
    written = [plot_bone_volume(runs, out_dir), plot_counts(runs, out_dir), plot_remodelling(runs, out_dir)]
    title = experiment_title(runs)
    for arm, arm_runs in by_arm(runs).items():
        written.append(plot_pit_map(arm_runs[0], out_dir, title))
    written = [p for p in written if p]
    for p in written:
        print(f"wrote {p}", file=log)
    return written


def main(argv=None):
    parser = argparse.ArgumentParser(description="Standard plots of a folder of Marrow run files.")
    parser.add_argument("results_dir", help="folder with <arm>_r<k>.h5 run files")
    parser.add_argument("--out", help="folder for the PNGs (default RESULTS_DIR/plots)")
    args = parser.parse_args(argv)
    make_plots(args.results_dir, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
