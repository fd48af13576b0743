#!/usr/bin/env python3
"""Bit-identity of two run folders: the Python counterpart of tests/e2e/h5_compare.hpp (ctest's determinism
check), for thread counts ctest does not reach and machines that run no test binary.

    same_output.py DIR_A DIR_B

Compares every dataset under /timeseries, /snapshots and /pits of each <arm>_r<k>.h5 in DIR_A with the
file of the same name in DIR_B, byte for byte. Prints one line per file and exits 1 if anything differs
or a file is missing (a check that compares nothing fails too)."""
import sys
from pathlib import Path

import h5py
import numpy as np

GROUPS = ("/timeseries", "/snapshots", "/pits")


def datasets(f):
    found = {}
    for g in GROUPS:
        if g not in f:
            continue

        def keep(name, obj, g=g):  # visititems stops at the first callback that returns non-None
            if isinstance(obj, h5py.Dataset):
                found[f"{g}/{name}"] = obj[()]

        f[g].visititems(keep)
    return found


def compare(a: Path, b: Path):
    with h5py.File(a, "r") as fa, h5py.File(b, "r") as fb:
        da, db = datasets(fa), datasets(fb)
    differing = sorted(set(da) ^ set(db))
    for name in sorted(set(da) & set(db)):
        x, y = np.asarray(da[name]), np.asarray(db[name])
        if x.dtype != y.dtype or x.shape != y.shape or x.tobytes() != y.tobytes():
            differing.append(name)
    return len(da), differing


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    a, b = Path(argv[1]), Path(argv[2])
    files = sorted(a.glob("*_r*.h5"))
    bad = not files
    for fa in files:
        fb = b / fa.name
        if not fb.exists():
            print(f"{fa.name}: missing in {b}")
            bad = True
            continue
        n, differing = compare(fa, fb)
        print(f"{fa.name}: {n} datasets compared, {len(differing)} differ {differing[:5]}")
        bad |= n == 0 or bool(differing)
    print("identical" if not bad else "NOT identical")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
