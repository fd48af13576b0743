"""The remodeling space of a saved state: bone resorbed and not yet refilled (the per-voxel `deficit`
of a checkpoint), by its age since the last resorption and by whether an osteoblast can refill it.

Formation in Marrow refills a pit only where an active osteoblast touches it (osteoblast_coupling), so
an unrefilled deficit is one of:
  refilling  an active osteoblast is in its 26-neighbourhood;
  open       no active osteoblast there, but a free marrow voxel is (a precursor could come);
  blocked    it has marrow neighbours, but other cells hold all of them;
  sealed     its marrow neighbours lie in a cavity that no cell can reach: cells hop between face
             neighbours, and bone (refilled to half its mineral or more) closes the cavity off from
             the marrow outside the original bone surface (depth0 == 0);
  buried     no marrow neighbour at all (bone refilled over it).
A deficit that stays long in `open`, `blocked`, `sealed` or `buried` is bone that formation does not give back:
at baseline the remodeling space then grows instead of levelling off (docs/model.md, "OVX magnitude").
"""
import numpy as np

CATEGORIES = ("refilling", "open", "blocked", "sealed", "buried")
OSTEOBLAST, ACTIVE = 4, 1  # CellType::Osteoblast, ObState::Active (include/marrow/cell_types.hpp)
SOLID = 0.5                # kSolidThreshold: a voxel is bone at half its mineral or more


def _neighbourhood_any(mask):
    """True where any voxel of the 26-neighbourhood (not the voxel itself) is True; no wrap-around."""
    nz, ny, nx = mask.shape
    pad = np.zeros((nz + 2, ny + 2, nx + 2), bool)
    pad[1:-1, 1:-1, 1:-1] = mask
    out = np.zeros_like(mask)
    for dz in (-1, 0, 1):
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                if dz or dy or dx:
                    out |= pad[1 + dz:nz + 1 + dz, 1 + dy:ny + 1 + dy, 1 + dx:nx + 1 + dx]
    return out


def reachable(marrow, outer):
    """Marrow voxels joined by face neighbours to a voxel of `outer` (boolean arrays (nz, ny, nx)): where a
    cell from the outer marrow can hop to (cell_motility moves one face neighbour at a time). A flood fill
    by repeated face dilation, since the analysis runs on numpy alone (no scipy.ndimage.label)."""
    reach = marrow & outer
    while True:
        grown = reach.copy()
        grown[1:] |= reach[:-1]
        grown[:-1] |= reach[1:]
        grown[:, 1:] |= reach[:, :-1]
        grown[:, :-1] |= reach[:, 1:]
        grown[:, :, 1:] |= reach[:, :, :-1]
        grown[:, :, :-1] |= reach[:, :, 1:]
        grown &= marrow
        if (grown == reach).all():
            return reach
        reach = grown


def classify(mineral, deficit, occupied, active_ob, outer=None):
    """Category index (into CATEGORIES) of every voxel, for arrays shaped (nz, ny, nx); -1 where there is
    no deficit. `occupied` and `active_ob` are boolean: a cell holds the voxel / an active osteoblast does.
    `outer` marks the marrow outside the original bone surface (depth0 == 0); without it every marrow
    voxel counts as reachable and nothing is `sealed`."""
    marrow = mineral < SOLID
    reach = marrow if outer is None else reachable(marrow, outer)
    has_deficit = deficit > 0
    near_active = _neighbourhood_any(active_ob)
    near_free = _neighbourhood_any(reach & ~occupied)
    near_reach = _neighbourhood_any(reach)
    near_marrow = _neighbourhood_any(marrow)
    cat = np.full(mineral.shape, -1, int)
    cat[has_deficit & ~near_marrow] = CATEGORIES.index("buried")
    cat[has_deficit & near_marrow] = CATEGORIES.index("sealed")
    cat[has_deficit & near_reach] = CATEGORIES.index("blocked")
    cat[has_deficit & near_reach & near_free] = CATEGORIES.index("open")
    cat[has_deficit & near_active] = CATEGORIES.index("refilling")
    return cat


def remodeling_space(mineral, deficit, last_resorbed_tick, tick, tick_hours, agents, ages=(7, 30, 90), depth0=None):
    """Deficit as a fraction of the bone volume (mineral + deficit), in total, older than each age
    (days), and per category of CATEGORIES. `agents` maps x, y, z, type, state to arrays; `depth0` (the
    checkpoint's original depth below the bone surface, 0 in the original marrow) tells sealed cavities
    apart (without it none is)."""
    shape = mineral.shape
    occupied = np.zeros(shape, bool)
    active = np.zeros(shape, bool)
    z, y, x = (np.asarray(agents[k], int) for k in ("z", "y", "x"))
    occupied[z, y, x] = True
    is_active = (np.asarray(agents["type"]) == OSTEOBLAST) & (np.asarray(agents["state"]) == ACTIVE)
    active[z[is_active], y[is_active], x[is_active]] = True
    bone = float(mineral.sum() + deficit.sum())
    age_days = (tick - last_resorbed_tick) * tick_hours / 24.0
    cat = classify(mineral, deficit, occupied, active, None if depth0 is None else depth0 <= 0)
    out = {"deficit": float(deficit.sum()) / bone}
    for a in ages:
        out[f"older_than_{a:g}d"] = float(deficit[age_days > a].sum()) / bone
    for k, name in enumerate(CATEGORIES):
        out[name] = float(deficit[cat == k].sum()) / bone
    return out


def from_checkpoint(path, ages=(7, 30, 90)):
    """remodeling_space() of a checkpoint file (`marrow run --keep-checkpoint` or --checkpoint-every)."""
    import h5py
    with h5py.File(path, "r") as f:
        c = f["checkpoint"]
        shape = (int(c.attrs["nz"]), int(c.attrs["ny"]), int(c.attrs["nx"]))
        bone = c["bone"]
        arrays = {k: bone[k][:].reshape(shape) for k in ("mineral", "deficit", "last_resorbed_tick", "depth0")
                  if k in bone}
        agents = {k: c["agents"][k][:] for k in ("x", "y", "z", "type", "state")}
        tick = int(c.attrs["tick"])
        hours = float(c.attrs["tick_hours"])
        arm = c.attrs["arm"]
    result = remodeling_space(arrays["mineral"], arrays["deficit"], arrays["last_resorbed_tick"], tick, hours,
                              agents, ages, arrays.get("depth0"))
    result["arm"] = arm.decode() if isinstance(arm, bytes) else str(arm)
    result["day"] = tick * hours / 24.0
    return result
