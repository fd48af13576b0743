"""Small statistics for replicate runs: Student's t distribution, means with 95 % t-intervals and
Welch's two-sample comparison. Written with numpy only, because the analysis must run on Debian's
python3 with h5py, numpy, pandas and matplotlib and nothing else (no scipy)."""
import math

import numpy as np


def _betacf(a, b, x, iterations=300, eps=3e-16):
    """Continued fraction of the regularized incomplete beta function (modified Lentz), vectorised."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = np.ones_like(x)
    d = 1.0 - qab * x / qap
    d = np.where(np.abs(d) < tiny, tiny, d)
    d = 1.0 / d
    h = d.copy()
    for m in range(1, iterations + 1):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = np.where(np.abs(d) < tiny, tiny, d)
        c = 1.0 + aa / c
        c = np.where(np.abs(c) < tiny, tiny, c)
        d = 1.0 / d
        h = h * d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = np.where(np.abs(d) < tiny, tiny, d)
        c = 1.0 + aa / c
        c = np.where(np.abs(c) < tiny, tiny, c)
        d = 1.0 / d
        delta = d * c
        h = h * delta
        if np.all(np.abs(delta - 1.0) < eps):
            break
    return h


def betainc(a, b, x):
    """Regularized incomplete beta I_x(a, b) for arrays a, b, x (x in [0, 1])."""
    a, b, x = np.broadcast_arrays(np.asarray(a, float), np.asarray(b, float), np.asarray(x, float))
    a, b, x = a.copy(), b.copy(), np.clip(x, 0.0, 1.0)
    lbeta = np.vectorize(math.lgamma)(a + b) - np.vectorize(math.lgamma)(a) - np.vectorize(math.lgamma)(b)
    with np.errstate(divide="ignore", invalid="ignore"):
        front = np.exp(lbeta + a * np.log(x) + b * np.log1p(-x))
    direct = x < (a + 1.0) / (a + b + 2.0)
    xs = np.where(direct, x, 1.0 - x)
    aa, bb = np.where(direct, a, b), np.where(direct, b, a)
    inner = np.where((xs > 0) & (xs < 1), xs, 0.5)
    cf = _betacf(aa, bb, inner)
    side = front * cf / aa
    result = np.where(direct, side, 1.0 - side)
    result = np.where(x <= 0.0, 0.0, np.where(x >= 1.0, 1.0, result))
    return result


def t_cdf(t, df):
    """P(T <= t) for Student's t with df degrees of freedom (df may be fractional, as in Welch's test)."""
    t, df = np.broadcast_arrays(np.asarray(t, float), np.asarray(df, float))
    tail = 0.5 * betainc(df / 2.0, 0.5, df / (df + t * t))
    return np.where(t >= 0, 1.0 - tail, tail)


def t_ppf(p, df):
    """Quantile of Student's t (bisection on t_cdf; accurate to about 1e-10). NaN for df <= 0."""
    p, df = np.broadcast_arrays(np.asarray(p, float), np.asarray(df, float))
    upper = p >= 0.5
    q = np.where(upper, p, 1.0 - p)  # solve for the upper half, mirror after
    lo, hi = np.zeros_like(q), np.full_like(q, 1e7)
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        below = t_cdf(mid, np.where(df > 0, df, 1.0)) < q
        lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
        if np.all(hi - lo <= 1e-11 * np.maximum(1.0, hi)):
            break
    t = 0.5 * (lo + hi)
    t = np.where(upper, t, -t)
    t = np.where(df > 0, t, np.nan)
    return float(t) if t.ndim == 0 else t


def t975(df):
    """The two-sided 95 % critical value of Student's t with df degrees of freedom."""
    return t_ppf(0.975, df)


def mean_ci(values, axis=0):
    """Mean and 95 % t-interval over `axis` (replicates). Returns (mean, lo, hi, n); lo and hi are
    NaN when n < 2."""
    v = np.asarray(values, float)
    n = v.shape[axis]
    mean = v.mean(axis=axis)
    if n < 2:
        nan = np.full_like(mean, np.nan)
        return mean, nan, nan, n
    half = t975(n - 1) * v.std(axis=axis, ddof=1) / math.sqrt(n)
    return mean, mean - half, mean + half, n


def welch(a, b, axis=0):
    """Welch's comparison of group a against reference group b (replicates along `axis`).
    Returns a dict of arrays (or floats): diff = mean(a) - mean(b), ci_lo, ci_hi (95 %, Welch-
    Satterthwaite df), df, p (two-sided), pct = 100 diff / mean(b), n_a, n_b, mean_a, mean_b, sd_a,
    sd_b. CI and p are NaN when a group has fewer than two replicates; with zero spread in both
    groups the CI collapses onto the difference and p is NaN."""
    a, b = np.asarray(a, float), np.asarray(b, float)
    na, nb = a.shape[axis], b.shape[axis]
    ma, mb = a.mean(axis=axis), b.mean(axis=axis)
    diff = ma - mb
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(mb != 0, 100.0 * diff / mb, np.nan)
    out = {"n_a": na, "n_b": nb, "mean_a": ma, "mean_b": mb, "diff": diff, "pct": pct}
    if na < 2 or nb < 2:
        nan = np.full_like(np.asarray(diff, float), np.nan)
        out.update(sd_a=nan if na < 2 else a.std(axis=axis, ddof=1), sd_b=nan if nb < 2 else b.std(axis=axis, ddof=1),
                   ci_lo=nan, ci_hi=nan, df=nan, p=nan)
        return _scalars(out)
    va, vb = a.var(axis=axis, ddof=1) / na, b.var(axis=axis, ddof=1) / nb
    se = np.sqrt(va + vb)
    with np.errstate(divide="ignore", invalid="ignore"):
        df = np.where(se > 0, (va + vb) ** 2 / (va**2 / (na - 1) + vb**2 / (nb - 1)), float(na + nb - 2))
        tcrit = t975(df)
        stat = np.where(se > 0, diff / se, np.nan)
    p = np.where(np.isfinite(stat), 2.0 * (1.0 - t_cdf(np.abs(np.nan_to_num(stat)), df)), np.nan)
    out.update(sd_a=np.sqrt(va * na), sd_b=np.sqrt(vb * nb), ci_lo=diff - tcrit * se, ci_hi=diff + tcrit * se,
               df=df, p=p)
    return _scalars(out)


def _scalars(d):
    return {k: (float(v) if np.ndim(v) == 0 else np.asarray(v)) for k, v in d.items()}
