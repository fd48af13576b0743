"""The end points a report compares between arms (one value per run) and their comparison with the
reference arm: per-arm mean, SD and 95 % t-CI, and for every other arm the difference of means with
its 95 % Welch CI, the percent change and Welch's p."""
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .histomorphometry import UNITS as HM_UNITS
from .stats import mean_ci, welch


@dataclass(frozen=True)
class Endpoint:
    key: str      # column of Results.summary, or a derived name computed in run_endpoints
    name: str
    unit: str
    scale: float = 1.0
    relative: bool = True  # False for values that are already changes: no "% change" of them


ENDPOINTS = [
    Endpoint("bone/volume_change", "bone volume change", "% of initial BV", 100.0, relative=False),
    Endpoint("bone/volume", "bone volume BV", "um^3"),
    Endpoint("BV/TV", "BV/TV", "%"),
    Endpoint("Tb.Th", "Tb.Th", "um"),
    Endpoint("Tb.N", "Tb.N", "1/mm"),
    Endpoint("Tb.Sp", "Tb.Sp", "um"),
    Endpoint("BS/BV", "BS/BV", "1/mm"),
    Endpoint("ES/BS", "ES/BS", "%"),
    Endpoint("N.Oc/BS", "N.Oc/BS", "1/mm^2"),
    Endpoint("Oc.S/BS", "Oc.S/BS", "%"),
    Endpoint("Ob.S/BS", "Ob.S/BS", "%"),
    Endpoint("MS/BS", "MS/BS", "%"),
    Endpoint("MAR", "MAR", "um/day"),
    Endpoint("BFR/BS", "BFR/BS", "um^3/um^2/day"),
    Endpoint("counts/osteoclast", "osteoclasts", "cells"),
    Endpoint("osteoclast/nuclei_mean", "nuclei per osteoclast", "nuclei"),
    Endpoint("counts/osteoblast_active", "active osteoblasts", "cells"),
    Endpoint("bone/resorbed", "resorbed bone, cumulative", "um^3"),
    Endpoint("bone/formed", "formed bone, cumulative", "um^3"),
    Endpoint("pits/count", "resorption events (pits)", "pits"),
    Endpoint("pits/depth_mean", "mean pit depth", "um"),
    Endpoint("fields/rankl/mean", "RANKL, marrow mean", "pM"),
    Endpoint("fields/opg/mean", "OPG, marrow mean", "pM"),
    Endpoint("rankl_opg_ratio", "RANKL/OPG (marrow means)", "ratio"),
]


def run_endpoints(res):
    """One row per run: run, condition, replicate and each end point present (scaled for display)."""
    s = res.summary.copy()
    if {"fields/rankl/mean", "fields/opg/mean"} <= set(s.columns):
        with np.errstate(divide="ignore", invalid="ignore"):
            s["rankl_opg_ratio"] = s["fields/rankl/mean"] / s["fields/opg/mean"].replace(0, np.nan)
    out = s[["run", "condition", "replicate"]].copy()
    for e in ENDPOINTS:
        if e.key in s:
            out[e.key] = pd.to_numeric(s[e.key], errors="coerce") * e.scale
    return out


def present_endpoints(table):
    return [e for e in ENDPOINTS if e.key in table and np.isfinite(table[e.key].to_numpy(float)).any()]


def compare(res, table=None):
    """Tidy comparison: one row per (end point, condition). Reference rows carry only the arm's own
    statistics; others add diff, diff_ci_lo, diff_ci_hi, pct_change and p_welch against it."""
    table = run_endpoints(res) if table is None else table
    rows = []
    for e in present_endpoints(table):
        ref = table.loc[table["condition"] == res.reference, e.key].to_numpy(float)
        ref = ref[np.isfinite(ref)]
        for cond in res.conditions:
            v = table.loc[table["condition"] == cond, e.key].to_numpy(float)
            v = v[np.isfinite(v)]
            if not len(v):
                continue
            mean, lo, hi, n = mean_ci(v)
            unit = res.units.get(e.key, e.unit) if e.key in HM_UNITS else e.unit
            row = {"endpoint": e.name, "key": e.key, "unit": unit, "condition": cond, "n": n,
                   "mean": float(mean), "sd": float(v.std(ddof=1)) if n > 1 else math.nan,
                   "ci_lo": float(lo), "ci_hi": float(hi), "reference": res.reference,
                   "diff": math.nan, "diff_ci_lo": math.nan, "diff_ci_hi": math.nan, "pct_change": math.nan,
                   "p_welch": math.nan}
            if cond != res.reference and len(ref):
                w = welch(v, ref)
                row.update(diff=w["diff"], diff_ci_lo=w["ci_lo"], diff_ci_hi=w["ci_hi"],
                           pct_change=w["pct"] if e.relative else math.nan,
                           p_welch=w["p"])
            rows.append(row)
    return pd.DataFrame(rows, columns=["endpoint", "key", "unit", "condition", "n", "mean", "sd", "ci_lo", "ci_hi",
                                       "reference", "diff", "diff_ci_lo", "diff_ci_hi", "pct_change", "p_welch"])
