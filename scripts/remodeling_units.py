#!/usr/bin/python3
"""Remodeling units and the bone balance of a run folder, per condition (arm, or sweep point), for the
calibration anchors of VALIDATION.md (Eriksen 1984: osteoclastic resorption ~8 days at ~3.8 um/day;
the whole resorption period ~48 days (31-68) to a final depth of ~60 um; formation 70-100 days; 5-25%
of the surface remodeling) and a stable baseline:

  /usr/bin/python3 scripts/remodeling_units.py results/human_remodeling [MORE_FOLDERS] [--from DAYS]

prints, for each condition, over the resorption events (osteoclasts that resorbed: /pits/events) that
started after --from (default 60, past the start-up), the duration, maximal depth, volume and erosion
rate; the share of the bone surface under active osteoclasts or osteoblasts (counts over surface
voxels); and the bone balance from --from to the end: the change in % of bone volume and its
least-squares trend per 100 days, each with its mean and 95% t-interval over the replicates, and formed /
resorbed. When conditions share seeds (a sweep with common random numbers) each is also compared with
the first (or --reference), seed by seed."""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from marrow_analysis import load  # noqa: E402
from marrow_analysis.remodeling_units import (balance_by_condition, bone_balance, event_quantiles,  # noqa: E402
                                              arm_effects, paired_difference, resorption_events,
                                              setting_of)


def q(x):
    s = event_quantiles(x)
    return f"median {s['median']:.3g} (IQR {s['q25']:.3g}-{s['q75']:.3g}, n {s['n']})"


def work_share(res, runs, start):
    shares = []
    for run in runs:
        ts = res.timeseries_wide[run]
        ts = ts[ts["time"] >= start]
        if "bone/surface_voxels" not in ts or ts.empty:
            continue
        active = ts["counts/osteoclast"] + ts["counts/osteoblast_active"]
        shares.append(float((active / ts["bone/surface_voxels"]).mean()))
    return shares


def ci_text(mean, lo, hi, n):
    return f"{mean:+.2f}%" + (f" (95% CI {lo:+.2f} to {hi:+.2f}, n {n})" if n > 1 else " (one run)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folders", nargs="+", metavar="FOLDER", help="run folders (or .h5 files); several are compared")
    ap.add_argument("--from", dest="start", type=float, default=60.0)
    ap.add_argument("--reference", help="the condition the others are compared with (default: the first)")
    ap.add_argument("--arms", nargs=2, metavar=("TREATED", "CONTROL"),
                    help="also the effect TREATED - CONTROL in each setting (experiment, sweep point), paired by "
                         "seed, and each setting's effect against the reference condition's setting")
    args = ap.parse_args()
    res = load(*args.folders)
    events = resorption_events(res, args.start)
    balance = bone_balance(res, args.start)
    if balance.empty:
        sys.exit(f"no run reaches day {args.start:g} in {' '.join(args.folders)}")
    by_cond = balance_by_condition(balance)
    trends = balance_by_condition(balance, "trend_pct_per_100d").set_index("condition")
    for row in by_cond.itertuples():
        print(f"== {row.condition}")
        pits = events[events["condition"] == row.condition]
        print(f"resorption events after day {args.start:g}: {len(pits)}")
        if len(pits):
            print("  duration (days):       ", q(pits["duration_days"]))
            print("  maximal depth (um):    ", q(pits["max_depth_um"]))
            print("  volume (um^3):         ", q(pits["volume_um3"]))
            print("  depth / duration (um/d):", q(pits["depth_per_day"]))
            print("  nuclei at most:        ", q(pits["max_nuclei"]))
        mine = balance[balance["condition"] == row.condition]
        shares = work_share(res, mine["run"], args.start)
        if shares:
            print(f"  cells at work per surface voxel (OCs + active OBs): mean {np.mean(shares):.3g} over {len(shares)} runs")
        print(f"  bone change from day {args.start:g} to the end: {ci_text(row.change_pct, row.ci_lo, row.ci_hi, row.n)}; "
              f"runs: {', '.join(f'{c:+.2f}' for c in mine['change_pct'])}")
        t = trends.loc[row.condition]
        print(f"  bone trend (least squares, per 100 days): {ci_text(t.trend_pct_per_100d, t.ci_lo, t.ci_hi, int(t.n))}; "
              f"runs: {', '.join(f'{c:+.2f}' for c in mine['trend_pct_per_100d'])}")
        print(f"  formed / resorbed: {row.formed_per_resorbed:.3f}")
    conds = list(by_cond["condition"])
    ref = args.reference or conds[0]
    if ref not in conds:
        sys.exit(f"--reference {ref}: no such condition (conditions: {', '.join(conds)})")
    for cond in conds:
        if cond == ref:
            continue
        for column, what in (("change_pct", "change"), ("trend_pct_per_100d", "trend per 100 days")):
            d = paired_difference(balance, cond, ref, column)
            if d is not None:
                print(f"{cond} - {ref}, {what}, paired by seed: {ci_text(d['diff'], d['ci_lo'], d['ci_hi'], d['n'])} points")
    if args.arms:
        treated, control = args.arms
        arms = res.runs.drop_duplicates("condition").set_index("condition")["arm"]
        ref_setting = setting_of(ref, arms.get(ref, "")) if args.reference else None
        table, ref_setting = arm_effects(balance, arms, treated, control, ref_setting)
        if table.empty:
            sys.exit(f"--arms {treated} {control}: no setting has both arms on a shared seed")
        for r in table.itertuples():
            what = f"{treated} - {control}" if r.kind == "effect" else f"{treated} - {control}, minus that of {ref_setting}"
            print(f"{r.setting}: {what}, change, paired by seed: {ci_text(r.diff, r.ci_lo, r.ci_hi, r.n)} points")


if __name__ == "__main__":
    main()
