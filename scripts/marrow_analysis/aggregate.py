"""Replicates side by side: one quantity of every run of a condition on a common time grid, with
its mean and 95 % band, and the Welch comparison of a condition with the reference over time."""
import numpy as np

from .stats import mean_ci, welch


def condition_matrix(res, quantity, condition, transform=None):
    """(time, values[n_runs, n_times]) of one quantity over the runs of one condition, on the time
    grid of the first run, cut to the shortest run (others interpolated). None if no run has it."""
    series = []
    for info in res.infos:
        if info.condition != condition:
            continue
        ts = res.timeseries_wide.get(info.run)
        if ts is None or quantity not in ts or "time" not in ts or len(ts) == 0:
            continue
        y = ts[quantity].to_numpy(dtype=float)
        if transform is not None:
            y = transform(y)
            if y is None:
                continue
        series.append((ts["time"].to_numpy(dtype=float), y))
    if not series:
        return None
    t_end = min(t[-1] for t, _ in series)
    time = series[0][0][series[0][0] <= t_end]
    return time, np.array([np.interp(time, t, y) for t, y in series])


def condition_band(res, quantity, condition, transform=None):
    """(time, mean, lo, hi, n) or None; lo and hi are NaN with one replicate."""
    m = condition_matrix(res, quantity, condition, transform)
    if m is None:
        return None
    time, values = m
    mean, lo, hi, n = mean_ci(values, axis=0)
    return time, mean, lo, hi, n


def versus_reference(res, quantity, condition, max_points=400):
    """Welch comparison over time of `condition` against res.reference: dict of welch() arrays plus
    'time', on at most max_points evenly spaced times (t quantiles are costly). None if missing."""
    a = condition_matrix(res, quantity, condition)
    b = condition_matrix(res, quantity, res.reference)
    if a is None or b is None:
        return None
    time = a[0][a[0] <= b[0][-1]]
    if len(time) > max_points:
        time = time[np.linspace(0, len(time) - 1, max_points).round().astype(int)]
    va = np.array([np.interp(time, a[0], y) for y in a[1]])
    vb = np.array([np.interp(time, b[0], y) for y in b[1]])
    out = welch(va, vb, axis=0)
    out["time"] = time
    return out
