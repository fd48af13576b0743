"""Evaluates a scenario's expectations on its runs: one number per run and read-out, then for each
expectation a linear contrast of the arm means with a 95 % Welch-Satterthwaite interval over
replicates, and the verdict (VALIDATION.md: a direction holds only when its interval excludes zero;
'no effect' only when the interval lies inside the equivalence margin)."""
import glob
import math
import os
import re
from dataclasses import dataclass

import h5py
import numpy as np

from .stats import t975


def _series(h5, quantities):
    t = h5["timeseries/time"][...]
    total = np.zeros(len(t))
    for q in quantities:
        key = "timeseries/" + q
        if key not in h5:
            raise KeyError(f"{h5.filename}: no time series '{q}'")
        total += h5[key][...].astype(float)
    return t, total


def _window(t, y, start, end):
    lo = -np.inf if start is None else start - 1e-9
    hi = np.inf if end is None else end + 1e-9
    keep = (t >= lo) & (t <= hi)
    if not keep.any():
        raise ValueError(f"no sample between day {start} and day {end}")
    return t[keep], y[keep]


def _at(t, y, day):
    return float(y[-1]) if day is None else float(np.interp(day, t, y))


def statistic(t, y, stat, start, end):
    if stat == "final":
        return _at(t, y, end)
    if stat == "change":
        base = _at(t, y, start if start is not None else t[0])
        return _at(t, y, end) / base - 1.0 if base != 0 else math.nan
    if stat == "delta":
        return _at(t, y, end) - _at(t, y, start if start is not None else t[0])
    if stat == "level_change":
        # Mean of the window's second half / mean of its first half - 1: a net change that does not read
        # the phase of a fluctuating level (docs/validation-format.md).
        if start is None or end is None:
            raise ValueError("level_change needs both 'from' and 'to'")
        mid = 0.5 * (start + end)
        first = float(np.mean(_window(t, y, start, mid)[1]))
        return float(np.mean(_window(t, y, mid, end)[1])) / first - 1.0 if first != 0 else math.nan
    tw, yw = _window(t, y, start, end)
    return float({"mean": np.mean, "sum": np.sum, "max": np.max}[stat](yw))


def readout_value(path, r):
    with h5py.File(path, "r") as h5:
        v = statistic(*_series(h5, r.quantity), r.stat, r.start, r.end)
        if r.per:
            d = statistic(*_series(h5, r.per), r.per_stat or r.stat, r.start, r.end)
            v = v / d if d != 0 else 0.0  # no cells of the denominator: no share to speak of
    return v


def collect(folder, scenario):
    """{readout: {arm: np.array of per-replicate values}} from FOLDER/<arm>_r<k>.h5, and whether the
    arms are paired: replicate k of every arm ran with the same seed (common random numbers)."""
    out = {name: {} for name in scenario.readouts}
    seeds = {}
    for arm in scenario.arms:
        files = sorted(glob.glob(os.path.join(folder, f"{arm}_r*.h5")),
                       key=lambda p: int(re.search(r"_r(\d+)\.h5$", p).group(1)))
        files = [p for p in files if re.fullmatch(re.escape(arm) + r"_r\d+\.h5", os.path.basename(p))]
        if not files:
            raise FileNotFoundError(f"{folder}: no runs of arm '{arm}'")
        seeds[arm] = []
        for p in files:
            with h5py.File(p, "r") as h5:
                seeds[arm].append(int(h5.attrs["seed"]))
        for name, r in scenario.readouts.items():
            try:
                out[name][arm] = np.array([readout_value(p, r) for p in files])
            except ValueError:  # the window lies outside this arm's runs (a culture arm of an in-vivo scenario)
                out[name][arm] = np.full(len(files), math.nan)
    first = next(iter(seeds.values()))
    paired = len(first) > 1 and all(v == first for v in seeds.values())
    return out, paired


def run_revisions(folder):
    """The source revisions (`git_revision` attribute) of the builds that wrote FOLDER's runs, sorted: a
    report re-checked from kept runs (`--reuse`) says which code made each scenario's numbers."""
    revs = set()
    for p in glob.glob(os.path.join(folder, "*.h5")):
        with h5py.File(p, "r") as h5:
            rev = h5.attrs.get("git_revision", "unknown")
            revs.add(rev.decode() if isinstance(rev, bytes) else str(rev))
    return sorted(revs)


@dataclass
class Estimate:
    value: float
    lo: float
    hi: float
    df: float


def paired_contrast(values, coeffs, relative_to=None):
    """Arms run on common random numbers: replicate k of each arm shares its seed, so the contrast is
    taken per replicate, d_k = sum_i c_i x_ik, and its mean gets a t interval on n - 1 degrees of
    freedom. Divided by `relative_to`'s mean, the ratio estimator's linearisation
    u_k = (d_k - r x_ref,k) / mean(x_ref) gives its standard error."""
    n = len(next(iter(values.values())))
    d = sum(c * np.asarray(values[a], float) for a, c in coeffs.items())
    est = float(np.mean(d))
    u = d
    if relative_to:
        ref = np.asarray(values[relative_to], float)
        base = float(np.mean(ref))
        if base == 0:
            return Estimate(math.nan, math.nan, math.nan, math.nan)
        est = est / base
        u = (d - est * ref) / base
    sd = float(np.std(u, ddof=1))
    if sd == 0:
        return Estimate(est, est, est, math.inf)
    half = float(t975(n - 1)) * sd / math.sqrt(n)
    return Estimate(est, est - half, est + half, float(n - 1))


def contrast(values, coeffs, relative_to=None, paired=False):
    """Estimate of sum_i c_i mean_i (divided by mean of `relative_to`, delta method) with its 95 %
    interval; the variance terms are Welch's, the degrees of freedom Satterthwaite's. With `paired`
    (common random numbers, equal replicate counts) the per-replicate contrast is used instead."""
    arms = set(coeffs) | ({relative_to} if relative_to else set())
    if paired and len({len(values[a]) for a in arms}) == 1:
        return paired_contrast(values, coeffs, relative_to)
    means = {a: float(np.mean(values[a])) for a in coeffs}
    var = {a: (float(np.var(values[a], ddof=1)) / len(values[a]) if len(values[a]) > 1 else math.nan)
           for a in set(coeffs) | ({relative_to} if relative_to else set())}
    est = sum(c * means[a] for a, c in coeffs.items())
    grad = dict(coeffs)
    if relative_to:
        base = float(np.mean(values[relative_to]))
        if base == 0:
            return Estimate(math.nan, math.nan, math.nan, math.nan)
        grad = {a: c / base for a, c in coeffs.items()}
        grad[relative_to] = grad.get(relative_to, 0.0) - est / base**2
        est = est / base
    terms = [g * g * var[a] for a, g in grad.items() if g != 0]
    dfs = [len(values[a]) - 1 for a, g in grad.items() if g != 0]
    se2 = sum(terms)
    if not math.isfinite(se2):
        return Estimate(est, math.nan, math.nan, math.nan)
    if se2 == 0:
        return Estimate(est, est, est, math.inf)
    df = se2**2 / sum(tv * tv / d for tv, d in zip(terms, dfs) if tv > 0)
    half = float(t975(df)) * math.sqrt(se2)
    return Estimate(est, est - half, est + half, df)


def ratio(values, a, b, paired=False):
    """mean(a) / mean(b) with a delta-method 95 % interval."""
    return contrast(values, {a: 1.0}, relative_to=b, paired=paired)


@dataclass
class Verdict:
    expectation: object
    estimate: Estimate
    status: str  # pass, fail, exploratory
    criterion: str


def judge(e, values, paired=False):
    v = values[e.readout]
    if e.kind == "ratio":
        a = next(k for k, c in e.contrast.items() if c > 0)
        b = next(k for k, c in e.contrast.items() if c < 0)
        est = ratio(v, a, b, paired)
        ok = True
        crit = []
        if e.at_least is not None:
            ok &= est.lo >= e.at_least
            crit.append(f"lower bound >= {e.at_least:g}")
        if e.at_most is not None:
            ok &= est.hi <= e.at_most
            crit.append(f"upper bound <= {e.at_most:g}")
        criterion = f"ratio {a}/{b}: " + " and ".join(crit)
    else:
        est = contrast(v, e.contrast, e.relative_to, paired)
        if e.kind == "more":
            ok, criterion = est.lo > 0, "95% CI above 0"
        elif e.kind == "less":
            ok, criterion = est.hi < 0, "95% CI below 0"
        elif e.kind == "within":
            lo, hi = e.band
            ok, criterion = lo <= est.lo and est.hi <= hi, f"95% CI inside [{lo:g}, {hi:g}]"
        elif e.kind == "band":
            lo, hi = e.band
            direction = est.hi < 0 if hi <= 0 else est.lo > 0 if lo >= 0 else True
            ok = lo <= est.value <= hi and direction
            criterion = f"estimate in [{lo:g}, {hi:g}], CI excludes 0"
        else:  # equivalent
            ref = contrast(values[e.reference_readout or e.readout], e.reference, e.relative_to, paired)
            m = e.margin * abs(ref.value)
            ok = -m <= est.lo and est.hi <= m and m > 0
            criterion = f"95% CI inside +-{e.margin:g} x reference effect ({ref.value:.3g}) = +-{m:.3g}"
    ok = bool(ok) and all(math.isfinite(x) for x in (est.value, est.lo, est.hi))
    status = "exploratory" if e.exploratory else ("pass" if ok else "fail")
    if e.exploratory:
        status = "exploratory (" + ("holds" if ok else "does not hold") + ")"
    return Verdict(e, est, status, criterion)


def contrast_text(e):
    """The contrast as a formula: 'a - b', 'a - b - c + d', 'a - 0.5 b - 0.5 c', or 'a / b' for a ratio."""
    if e.kind == "ratio":
        a = next(k for k, c in e.contrast.items() if c > 0)
        b = next(k for k, c in e.contrast.items() if c < 0)
        return f"{a} / {b}"
    parts = []
    for i, (arm, c) in enumerate(e.contrast.items()):
        body = arm if abs(c) == 1 else f"{abs(c):g} {arm}"
        parts.append((body if c > 0 else "-" + body) if i == 0 else ("+ " if c > 0 else "- ") + body)
    text = " ".join(parts)
    return f"({text}) / {e.relative_to}" if e.relative_to else text
