"""The remodeling space of a saved state (marrow_analysis.remodeling_space, scripts/remodeling_space.py):
synthetic cases with known categories and ages, and a real checkpoint whose deficit must equal what was
resorbed and not formed."""
import glob
import os
import subprocess
import sys

import numpy as np
import pytest

from conftest import SCRIPTS, marrow_exe
from marrow_analysis import remodeling_space as rs

NZ, NY, NX = 6, 5, 5


def slab():
    """Bone at z = 0..2 (mineral 1), marrow above."""
    m = np.zeros((NZ, NY, NX))
    m[:3] = 1.0
    return m


def no_agents():
    return {k: np.array([], int) for k in ("x", "y", "z", "type", "state")}


def agents(rows):
    rows = np.array(rows, int).reshape(-1, 5)
    return {k: rows[:, j] for j, k in enumerate(("type", "state", "x", "y", "z"))}


def test_categories_of_known_deficits():
    m = slab()
    d = np.zeros_like(m)
    # A pit at the top bone layer (z = 2) of column (1, 1), half refilled: marrow all around it above.
    m[2, 1, 1], d[2, 1, 1] = 0.5, 0.5
    # A partial deficit deep in the bone (z = 0), under solid voxels on every side: buried.
    m[0, 3, 3], d[0, 3, 3] = 0.8, 0.2
    none = rs.classify(m, d, np.zeros(m.shape, bool), np.zeros(m.shape, bool))
    assert none[2, 1, 1] == rs.CATEGORIES.index("open")
    assert none[0, 3, 3] == rs.CATEGORIES.index("buried")
    assert (none[d == 0] == -1).all()
    # An active osteoblast right above the pit: refilling.
    active = np.zeros(m.shape, bool)
    active[3, 1, 1] = True
    assert rs.classify(m, d, active, active)[2, 1, 1] == rs.CATEGORIES.index("refilling")
    # Every marrow neighbour of the pit held by other cells (and none an active osteoblast): blocked.
    occupied = np.zeros(m.shape, bool)
    occupied[2:5, 0:3, 0:3] = m[2:5, 0:3, 0:3] < rs.SOLID
    assert rs.classify(m, d, occupied, np.zeros(m.shape, bool))[2, 1, 1] == rs.CATEGORIES.index("blocked")


def test_a_cavity_closed_off_by_refilled_bone_is_sealed():
    m = slab()
    d = np.zeros_like(m)
    depth0 = np.zeros_like(m)
    depth0[:3] = [[[3]], [[2]], [[1]]]  # the original surface is the top bone layer, z = 2
    # A cavity at z = 1 under column (2, 2): its voxel is marrow, the floor below it half resorbed, and
    # the voxel above it (z = 2) refilled to full mineral, which closes it off from the marrow above.
    m[1, 2, 2], d[1, 2, 2] = 0.0, 1.0
    m[0, 2, 2], d[0, 2, 2] = 0.6, 0.4
    free = np.zeros(m.shape, bool)
    cat = rs.classify(m, d, free, free, depth0 <= 0)
    assert cat[0, 2, 2] == rs.CATEGORIES.index("sealed")
    assert cat[1, 2, 2] == rs.CATEGORIES.index("buried")  # a one-voxel cavity: no marrow neighbour of its own
    # Without depth0 every marrow voxel counts as reachable: the same deficit reads as open.
    assert rs.classify(m, d, free, free)[0, 2, 2] == rs.CATEGORIES.index("open")
    # Open the lid (the voxel above resorbed below half its mineral): the cavity joins the marrow.
    m[2, 2, 2], d[2, 2, 2] = 0.3, 0.7
    cat = rs.classify(m, d, free, free, depth0 <= 0)
    assert cat[0, 2, 2] == rs.CATEGORIES.index("open") and cat[1, 2, 2] == rs.CATEGORIES.index("open")
    # A cavity joined to the marrow only along an edge is sealed too: cells hop between face neighbours.
    m[2, 2, 2], d[2, 2, 2] = 1.0, 0.0
    m[2, 2, 3], d[2, 2, 3] = 1.0, 0.0
    m[2, 3, 3] = 1.0
    reach = rs.reachable(m < rs.SOLID, depth0 <= 0)
    assert not reach[1, 2, 2] and reach[3, 2, 2]


def test_fractions_and_ages():
    m = slab()
    d = np.zeros_like(m)
    m[2, 1, 1], d[2, 1, 1] = 0.5, 0.5   # resorbed at tick 0
    m[2, 3, 3], d[2, 3, 3] = 0.0, 1.0   # resorbed at tick 200
    last = np.zeros(m.shape, np.int32)
    last[2, 3, 3] = 200
    # tick 240 of 1 h: the first is 10 days old, the second 40 hours.
    out = rs.remodeling_space(m, d, last, 240, 1.0, agents([[4, 1, 1, 1, 3]]), ages=(7, 30))
    bone = m.sum() + d.sum()
    assert out["deficit"] == pytest.approx(1.5 / bone)
    assert out["older_than_7d"] == pytest.approx(0.5 / bone)
    assert out["older_than_30d"] == 0
    assert out["refilling"] == pytest.approx(0.5 / bone)  # the active osteoblast at (1, 1, 3)
    assert out["open"] == pytest.approx(1.0 / bone)
    assert sum(out[c] for c in rs.CATEGORIES) == pytest.approx(out["deficit"])


CONFIG = """name: space
replicates: 1
duration: 20 d
grid: {nx: 16, ny: 16, nz: 8}
geometry: {plate_thickness: 30 um}
"""


def test_checkpoint_deficit_is_resorbed_less_formed(tmp_path):
    cfg = tmp_path / "space.yaml"
    cfg.write_text(CONFIG)
    out = tmp_path / "out"
    r = subprocess.run([marrow_exe(), "run", str(cfg), "-o", str(out), "--keep-checkpoint", "--threads", "1"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    ckpt = glob.glob(str(out / "*.ckpt.h5"))
    assert len(ckpt) == 1
    res = rs.from_checkpoint(ckpt[0])
    import h5py
    with h5py.File(ckpt[0], "r") as f:
        a = f["checkpoint"].attrs
        open_um3 = float(a["total_resorbed_um3"]) - float(a["total_formed_um3"])
        bone_um3 = (f["checkpoint/bone/mineral"][:].sum() + f["checkpoint/bone/deficit"][:].sum()) * float(a["voxel_um"]) ** 3
    assert open_um3 > 0  # 20 days of remodeling leave some space open
    assert res["deficit"] == pytest.approx(open_um3 / bone_um3, rel=1e-3)
    assert sum(res[c] for c in rs.CATEGORIES) == pytest.approx(res["deficit"])
    assert res["day"] == pytest.approx(20)
    p = subprocess.run(["/usr/bin/python3", os.path.join(SCRIPTS, "remodeling_space.py"), str(out)],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "default" in p.stdout and "refilling" in p.stdout
