"""Remodeling units and the bone balance of runs, grouped by condition (arm, sweep point), for the
calibration anchors of VALIDATION.md (Eriksen 1984) and a stable baseline. One 300-day human run
varies by several per cent of bone volume between seeds (docs/model.md, "Session 18"), so a balance
is read over replicates, with a 95 % t-interval, and settings are compared seed by seed (sweeps use
common random numbers, docs/hpc.md)."""
import numpy as np
import pandas as pd

from .stats import mean_ci


def bone_balance(res, start):
    """One row per run: run, condition, seed, bone volume at the first sample at or after `start` (day)
    and at the last sample, their change in % of the volume at `start`, the least-squares trend of the
    bone volume over the window in % of that volume per 100 days (it uses every sample, so it depends
    less than the change on where the last sample falls in a run's swings), and the bone resorbed and
    formed in between (um^3) with their ratio. Runs that end before `start` are left out."""
    runs = res.runs.set_index("run")
    rows = []
    for run, ts in res.timeseries_wide.items():
        if ts.empty or "bone/volume" not in ts:
            continue
        after = ts[ts["time"] >= start]
        if after.empty:
            continue
        first, last = after.iloc[0], after.iloc[-1]
        t = after["time"].to_numpy(float)
        rel = after["bone/volume"].to_numpy(float) / first["bone/volume"]
        trend = 1e4 * np.polyfit(t, rel, 1)[0] if len(t) > 1 and t[-1] > t[0] else np.nan
        resorbed = last["bone/resorbed"] - first["bone/resorbed"]
        formed = last["bone/formed"] - first["bone/formed"]
        rows.append({
            "run": run,
            "condition": runs.at[run, "condition"],
            "seed": runs.at[run, "seed"],
            "from_day": float(first["time"]),
            "to_day": float(last["time"]),
            "volume_from_um3": float(first["bone/volume"]),
            "volume_to_um3": float(last["bone/volume"]),
            "change_pct": 100.0 * (last["bone/volume"] / first["bone/volume"] - 1.0),
            "trend_pct_per_100d": float(trend),
            "resorbed_um3": float(resorbed),
            "formed_um3": float(formed),
            "formed_per_resorbed": float(formed / resorbed) if resorbed > 0 else np.nan,
        })
    cols = ["run", "condition", "seed", "from_day", "to_day", "volume_from_um3", "volume_to_um3", "change_pct",
            "trend_pct_per_100d", "resorbed_um3", "formed_um3", "formed_per_resorbed"]
    return pd.DataFrame(rows, columns=cols)


def balance_by_condition(balance, column="change_pct"):
    """Per condition: n, the mean of `column` (change_pct or trend_pct_per_100d) with its 95 % t-interval
    (NaN for one run), its smallest and largest value, and the mean formed/resorbed ratio."""
    rows = []
    for cond, g in balance.groupby("condition", sort=False):
        mean, lo, hi, n = mean_ci(g[column].to_numpy())
        rows.append({"condition": cond, "n": n, column: float(mean), "ci_lo": float(lo), "ci_hi": float(hi),
                     "min": float(g[column].min()), "max": float(g[column].max()),
                     "formed_per_resorbed": float(g["formed_per_resorbed"].mean())})
    return pd.DataFrame(rows, columns=["condition", "n", column, "ci_lo", "ci_hi", "min", "max", "formed_per_resorbed"])


def paired_difference(balance, condition, reference, column="change_pct"):
    """`column` of `condition` minus that of `reference`, paired by seed (common random numbers): mean,
    95 % t-interval and the number of seeds both conditions ran. None when no seed is shared."""
    d = per_seed_difference(balance[balance["condition"] == condition].set_index("seed")[column],
                            balance[balance["condition"] == reference].set_index("seed")[column])
    if d.empty:
        return None
    return {"condition": condition, "reference": reference, **interval(d)}


def per_seed_difference(a, b):
    """a - b on the seeds both Series (indexed by seed) have: the pairing of common random numbers."""
    shared = a.index.intersection(b.index)
    return a[shared] - b[shared]


def interval(values):
    """n, mean ("diff") and 95 % t-interval of per-seed differences."""
    mean, lo, hi, n = mean_ci(values.to_numpy())
    return {"n": n, "diff": float(mean), "ci_lo": float(lo), "ci_hi": float(hi)}


def resorption_events(res, start):
    """The resorption events (/pits/events) that started at or after `start` (day) and lasted, with
    their erosion rate (maximal depth / duration, um/day)."""
    pits = res.pits
    pits = pits[(pits["start_day"] >= start) & (pits["duration_days"] > 0)].copy()
    pits["depth_per_day"] = pits["max_depth_um"] / pits["duration_days"]
    return pits


def event_quantiles(values):
    """Median and interquartile range of `values`, with their number."""
    x = np.asarray(values, float)
    if x.size == 0:
        return {"median": np.nan, "q25": np.nan, "q75": np.nan, "n": 0}
    return {"median": float(np.median(x)), "q25": float(np.percentile(x, 25)), "q75": float(np.percentile(x, 75)),
            "n": int(x.size)}


def setting_of(condition, arm):
    """The condition without its arm: "mouse_ovx/wt_ovx [x=1]" with arm wt_ovx gives "mouse_ovx/* [x=1]", so
    that the arms of one setting (experiment, sweep point) can be paired. None when the condition does not
    name the arm where the loader puts it (last before the sweep point)."""
    base, sep, point = condition.partition(" [")
    if base != arm and not base.endswith("/" + arm):
        return None
    return base[: len(base) - len(arm)] + "*" + sep + point


def arm_effects(balance, arms, treated, control, reference=None, column="change_pct"):
    """Per setting (a condition without its arm, `setting_of`), the effect `treated` - `control` of
    `column`, paired by seed, with its 95 % t-interval; and for every other setting, its effect minus the
    reference setting's (the first, unless named), paired by seed: how much a setting changes the effect.
    `arms` maps a condition to its arm (the loader's `runs` table). Rows: setting, kind ("effect" or
    "vs reference"), n, diff, ci_lo, ci_hi."""
    bal = balance.assign(arm=balance["condition"].map(arms))
    bal = bal[bal["arm"].isin([treated, control])].copy()
    bal["setting"] = [setting_of(c, a) for c, a in zip(bal["condition"], bal["arm"])]
    bal = bal.dropna(subset=["setting"])
    effects = {}
    for setting, g in bal.groupby("setting", sort=False):
        e = per_seed_difference(g[g["arm"] == treated].set_index("seed")[column],
                                g[g["arm"] == control].set_index("seed")[column])
        if not e.empty:
            effects[setting] = e
    rows = [{"setting": setting, "kind": "effect", **interval(e)} for setting, e in effects.items()]
    ref = reference if reference is not None else next(iter(effects), None)
    if ref in effects:
        for setting, e in effects.items():
            d = per_seed_difference(e, effects[ref])
            if setting != ref and not d.empty:
                rows.append({"setting": setting, "kind": "vs reference", **interval(d)})
    return pd.DataFrame(rows, columns=["setting", "kind", "n", "diff", "ci_lo", "ci_hi"]), ref
