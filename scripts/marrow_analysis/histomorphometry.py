"""Bone histomorphometry from one snapshot's voxel arrays, named and defined as in the ASBMR
nomenclature (Dempster et al., J Bone Miner Res 2013;28:2-17). Pure functions of numpy arrays shaped
(nz, ny, nx) with voxel edge h in um, so that they can be tested on synthetic bone with known answers.
docs/analysis.md gives every definition with its formula and unit.

Conventions (the model is 3-D, so the 3-D forms are used):
- tissue volume TV = whole grid; BV = sum of the mineral fraction x h^3 (partial voxels count);
- bone surface BS = number of voxel faces between a solid voxel (mineral >= 0.5) and a marrow voxel,
  x h^2; faces on the outer boundary of the grid are not surface (the grid is a biopsy, not a bone);
- Tb.Th = 2 BV/BS (parallel-plate model, Parfitt 1983), Tb.N = (BV/TV)/Tb.Th, Tb.Sp = 1/Tb.N - Tb.Th;
- cell numbers per bone surface in 1/mm^2 (3-D convention); on a 2-D grid (nz = 1) BS is the bone
  perimeter in mm (faces x h) and N.Oc/BS is per mm (2-D convention).
"""
import numpy as np

from .codes import OB_ACTIVE, OSTEOBLAST, OSTEOCLAST, SOLID_THRESHOLD

EROSION_THRESHOLD = 0.05    # a voxel counts as eroded while pits - formed exceeds this fraction
FORMATION_THRESHOLD = 0.01  # a voxel counts as forming when formed grew by more than this fraction

UNITS = {
    "TV": "um^3", "BV": "um^3", "BS": "um^2", "BV/TV": "%", "BS/BV": "1/mm", "BS/TV": "1/mm",
    "Tb.Th": "um", "Tb.N": "1/mm", "Tb.Sp": "um", "ES/BS": "%", "N.Oc": "cells", "N.Oc/BS": "1/mm^2",
    "Oc.S/BS": "%", "N.Ob": "cells", "Ob.S/BS": "%", "MS/BS": "%", "MAR": "um/day", "BFR/BS": "um^3/um^2/day",
}
UNITS_2D = dict(UNITS, **{"TV": "um^2", "BV": "um^2", "BS": "um", "N.Oc/BS": "1/mm"})

LABELS = {
    "BV/TV": "bone volume fraction", "Tb.Th": "trabecular thickness", "Tb.N": "trabecular number",
    "Tb.Sp": "trabecular separation", "BS/BV": "bone surface to volume", "BS/TV": "bone surface density",
    "ES/BS": "eroded surface", "N.Oc/BS": "osteoclast number per bone surface", "Oc.S/BS": "osteoclast surface",
    "Ob.S/BS": "osteoblast surface", "MS/BS": "mineralizing surface", "MAR": "mineral apposition rate",
    "BFR/BS": "bone formation rate per bone surface",
}


def solid_mask(mineral):
    return np.asarray(mineral) >= SOLID_THRESHOLD


def _pairs(shape):
    """For each axis with more than one voxel: the slices of the lower and upper voxel of every face."""
    for axis, n in enumerate(shape):
        if n < 2:
            continue
        lo = [slice(None)] * len(shape)
        hi = [slice(None)] * len(shape)
        lo[axis], hi[axis] = slice(0, n - 1), slice(1, n)
        yield tuple(lo), tuple(hi)


def interface_faces(solid, flags=None):
    """Number of faces between a solid and a non-solid voxel; with `flags` (bool array), only faces
    where the voxel on either side is flagged."""
    solid = np.asarray(solid, bool)
    total = 0
    for lo, hi in _pairs(solid.shape):
        face = solid[lo] != solid[hi]
        if flags is not None:
            face &= flags[lo] | flags[hi]
        total += int(np.count_nonzero(face))
    return total


def touches_surface(solid):
    """Bool array: non-solid voxels with at least one solid face neighbour (where cells touch bone)."""
    solid = np.asarray(solid, bool)
    near = np.zeros_like(solid)
    for lo, hi in _pairs(solid.shape):
        near[lo] |= solid[hi]
        near[hi] |= solid[lo]
    return near & ~solid


def _cell_mask(shape, agents, select):
    """Bool voxel array marking the voxels of the agents for which select(agents) is true."""
    mask = np.zeros(shape, bool)
    if agents is None or len(agents["type"]) == 0:
        return mask, np.zeros(0, int), np.zeros(0, int), np.zeros(0, int)
    keep = select(agents)
    z = np.asarray(agents["z"])[keep].astype(int)
    y = np.asarray(agents["y"])[keep].astype(int)
    x = np.asarray(agents["x"])[keep].astype(int)
    inside = (z >= 0) & (z < shape[0]) & (y >= 0) & (y < shape[1]) & (x >= 0) & (x < shape[2])
    z, y, x = z[inside], y[inside], x[inside]
    mask[z, y, x] = True
    return mask, z, y, x


def structure(mineral, h):
    """BV/TV, BS, Tb.Th, Tb.N, Tb.Sp (and TV, BV, BS/BV, BS/TV) of a mineral-fraction array."""
    mineral = np.asarray(mineral, float)
    two_d = mineral.shape[0] == 1
    cell = h**2 if two_d else h**3   # area (2-D) or volume (3-D) of a voxel
    face = h if two_d else h**2      # perimeter (2-D) or area (3-D) of a face
    tv = mineral.size * cell
    bv = float(mineral.sum()) * cell
    bs = interface_faces(solid_mask(mineral)) * face
    bv_tv = bv / tv
    tb_th = 2.0 * bv / bs if bs > 0 else np.nan              # um
    tb_n = bv_tv / tb_th * 1000.0 if bs > 0 else np.nan       # 1/mm
    tb_sp = 1000.0 / tb_n - tb_th if bs > 0 and tb_n > 0 else np.nan  # um
    return {"TV": tv, "BV": bv, "BS": bs, "BV/TV": 100.0 * bv_tv,
            "BS/BV": bs / bv * 1000.0 if bv > 0 else np.nan, "BS/TV": bs / tv * 1000.0,
            "Tb.Th": tb_th, "Tb.N": tb_n, "Tb.Sp": tb_sp}


def eroded_surface(mineral, pits, formed, threshold=EROSION_THRESHOLD):
    """ES/BS in %: surface faces next to a voxel that was resorbed and not refilled
    (pits - formed > threshold, either side of the face)."""
    solid = solid_mask(mineral)
    all_faces = interface_faces(solid)
    if all_faces == 0:
        return np.nan
    eroded = (np.asarray(pits, float) - np.asarray(formed, float)) > threshold
    return 100.0 * interface_faces(solid, eroded) / all_faces


def cells_on_surface(mineral, h, agents):
    """N.Oc (osteoclasts in a voxel that touches bone), N.Oc/BS (1/mm^2; 1/mm on 2-D grids),
    Oc.S/BS and Ob.S/BS (% of BS: faces between bone and a voxel holding an osteoclast or an
    active osteoblast), N.Ob (active osteoblasts touching bone)."""
    mineral = np.asarray(mineral, float)
    solid = solid_mask(mineral)
    two_d = mineral.shape[0] == 1
    faces = interface_faces(solid)
    bs_mm = faces * (h / 1000.0 if two_d else (h / 1000.0) ** 2)
    near = touches_surface(solid)
    oc, oz, oy, ox = _cell_mask(solid.shape, agents, lambda a: np.asarray(a["type"]) == OSTEOCLAST)
    ob, bz, by, bx = _cell_mask(solid.shape, agents,
                                lambda a: (np.asarray(a["type"]) == OSTEOBLAST) & (np.asarray(a["state"]) == OB_ACTIVE))
    n_oc = int(np.count_nonzero(near[oz, oy, ox]))
    n_ob = int(np.count_nonzero(near[bz, by, bx]))
    return {"N.Oc": n_oc, "N.Oc/BS": n_oc / bs_mm if faces else np.nan,
            "Oc.S/BS": 100.0 * interface_faces(solid, oc) / faces if faces else np.nan,
            "N.Ob": n_ob, "Ob.S/BS": 100.0 * interface_faces(solid, ob) / faces if faces else np.nan}


def formation(mineral, formed, formed_before, h, days, threshold=FORMATION_THRESHOLD):
    """Dynamic indices over the interval of `days` between two snapshots (the model's double label):
    MS = surface faces (now) next to a voxel whose formed fraction grew by more than `threshold`;
    MS/BS (%), MAR = formed volume / (MS x days) in um/day (NaN without forming surface, as ASBMR
    leaves MAR undefined without a double label), BFR/BS = formed volume / (BS x days) in
    um^3/um^2/day, so that BFR/BS = MAR x MS/BS."""
    mineral = np.asarray(mineral, float)
    solid = solid_mask(mineral)
    two_d = mineral.shape[0] == 1
    cell, face = (h**2, h) if two_d else (h**3, h**2)
    grown = np.asarray(formed, float) - np.asarray(formed_before, float)
    volume = float(np.clip(grown, 0.0, None).sum()) * cell
    faces = interface_faces(solid)
    ms_faces = interface_faces(solid, grown > threshold)
    if faces == 0 or days <= 0:
        return {"MS/BS": np.nan, "MAR": np.nan, "BFR/BS": np.nan}
    return {"MS/BS": 100.0 * ms_faces / faces,
            "MAR": volume / (ms_faces * face * days) if ms_faces else np.nan,
            "BFR/BS": volume / (faces * face * days)}


def histomorphometry(mineral, pits, formed, h, agents=None, formed_before=None, days=None):
    """Every index of one snapshot as a dict (see UNITS); the dynamic ones (MS/BS, MAR, BFR/BS) need
    the formed array of the previous snapshot and the days between them, and are NaN otherwise."""
    out = structure(mineral, h)
    out["ES/BS"] = eroded_surface(mineral, pits, formed)
    out.update(cells_on_surface(mineral, h, agents))
    if formed_before is not None and days:
        out.update(formation(mineral, formed, formed_before, h, days))
    else:
        out.update({"MS/BS": np.nan, "MAR": np.nan, "BFR/BS": np.nan})
    return out


def units_for(two_d):
    return UNITS_2D if two_d else UNITS
