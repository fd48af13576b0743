#!/usr/bin/python3
"""The remodeling space at the end of runs saved with `marrow run ... --keep-checkpoint`: bone resorbed
and not yet refilled, in % of the bone volume, by age since its last resorption and by whether an
osteoblast can refill it (refilling / open / blocked / sealed / buried; marrow_analysis/remodeling_space.py):

  /usr/bin/python3 scripts/remodeling_space.py FOLDER [--ages 7,30,90]

prints one row per checkpoint and the mean per arm. At a steady baseline little of it is older than a
remodeling cycle; space that stays open, blocked, sealed or buried is bone formation does not give back."""
import argparse
import glob
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from marrow_analysis.remodeling_space import CATEGORIES, from_checkpoint  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--ages", default="7,30,90", help="age thresholds in days, comma-separated")
    args = ap.parse_args()
    ages = tuple(float(a) for a in args.ages.split(","))
    paths = sorted(glob.glob(os.path.join(args.folder, "**", "*.ckpt.h5"), recursive=True))
    if not paths:
        sys.exit(f"no checkpoint in {args.folder}: run with --keep-checkpoint")
    cols = ["deficit"] + [f"older_than_{a:g}d" for a in ages] + list(CATEGORIES)
    print("% of bone volume".ljust(28) + "day  " + " ".join(c.rjust(14) for c in cols))
    by_arm = {}
    for p in paths:
        r = from_checkpoint(p, ages)
        by_arm.setdefault(r["arm"], []).append([100 * r[c] for c in cols])
        print(os.path.basename(p)[:27].ljust(28) + f"{r['day']:<5.0f}" + " ".join(f"{100 * r[c]:14.3f}" for c in cols))
    for arm, rows in by_arm.items():
        print(f"mean {arm} ({len(rows)})".ljust(33) + " ".join(f"{v:14.3f}" for v in np.mean(rows, axis=0)))


if __name__ == "__main__":
    main()
