#!/usr/bin/python3
"""Remodeling units of a run folder, for the calibration anchors of VALIDATION.md (Eriksen 1984:
osteoclastic resorption ~8 days at ~3.8 um/day; the whole resorption period ~48 days (31-68) to a
final depth of ~60 um; formation 70-100 days; 5-25% of the surface remodeling):

  /usr/bin/python3 scripts/remodeling_units.py results/human_remodeling [--from DAYS]

prints, over the resorption events (osteoclasts that resorbed: /pits/events) that started after
--from (default 60, past the start-up), the duration, maximal depth, volume and erosion rate, and the
share of the bone surface under active osteoclasts or osteoblasts (counts over surface voxels)."""
import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from marrow_analysis import load  # noqa: E402


def q(x):
    x = np.asarray(x, float)
    return f"median {np.median(x):.3g} (IQR {np.percentile(x, 25):.3g}-{np.percentile(x, 75):.3g}, n {len(x)})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--from", dest="start", type=float, default=60.0)
    args = ap.parse_args()
    res = load(args.folder)
    pits = res.pits
    pits = pits[(pits["start_day"] >= args.start) & (pits["duration_days"] > 0)]
    if pits.empty:
        sys.exit("no resorption events after day %g" % args.start)
    print(f"resorption events after day {args.start:g}: {len(pits)}")
    print("  duration (days):       ", q(pits["duration_days"]))
    print("  maximal depth (um):    ", q(pits["max_depth_um"]))
    print("  volume (um^3):         ", q(pits["volume_um3"]))
    print("  depth / duration (um/d):", q(pits["max_depth_um"] / pits["duration_days"]))
    print("  nuclei at most:        ", q(pits["max_nuclei"]))
    wide = res.timeseries_wide
    shares = []
    for run, ts in wide.items():
        ts = ts[ts["time"] >= args.start]
        if "bone/surface_voxels" not in ts:
            continue
        active = ts["counts/osteoclast"] + ts["counts/osteoblast_active"]
        shares.append(float((active / ts["bone/surface_voxels"]).mean()))
    if shares:
        print(f"  cells at work per surface voxel (OCs + active OBs): mean {np.mean(shares):.3g} over {len(shares)} runs")


if __name__ == "__main__":
    main()
