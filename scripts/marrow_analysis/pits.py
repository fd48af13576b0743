"""Pit maps and pit sizes: the resorbed depth projected onto the bone surface, as a bone biologist
sees pits from above on a slice or a dentine disc, and the area of each pit in that view.

The projection follows the geometry: a plate (geometry.type plate) has an upper and a lower surface,
split at the mineral-weighted centre of the first snapshot along the plate normal (z in 3-D, y in
2-D); anything else is projected along z as one map. Depth = resorbed fraction (`pits`, cumulative,
so a spot remodelled twice counts twice) summed along the normal x voxel edge, in um."""
from collections import deque

import numpy as np


def plate_centre(mineral, axis):
    """Index position (float) of the mineral-weighted centre along `axis` (0 = z, 1 = y)."""
    m = np.asarray(mineral, float)
    other = tuple(a for a in range(m.ndim) if a != axis)
    profile = m.sum(axis=other)
    total = profile.sum()
    return float((np.arange(profile.size) * profile).sum() / total) if total > 0 else (profile.size - 1) / 2.0


def depth_maps(pits, h, plate=True, centre=None):
    """{surface name: 2-D depth map in um}. 3-D grids give (ny, nx) maps; 2-D grids (nz = 1) give
    profiles along x (1 x nx). For a plate: 'upper' and 'lower' surfaces split at `centre` (index
    along the normal; default: the middle of the grid); otherwise one map 'projected'."""
    p = np.asarray(pits, float)
    axis = 1 if p.shape[0] == 1 else 0
    n = p.shape[axis]
    if not plate:
        return {"projected": p.sum(axis=axis).reshape(-1, p.shape[2]) * h}
    c = (n - 1) / 2.0 if centre is None else centre
    idx = np.arange(n)
    shape = [1, 1, 1]
    shape[axis] = n
    upper = (idx > c).reshape(shape)
    lower = (idx < c).reshape(shape)
    middle = (idx == c).reshape(shape) * 0.5  # a voxel exactly at the centre counts half to each side
    up = (p * (upper + middle)).sum(axis=axis).reshape(-1, p.shape[2]) * h
    low = (p * (lower + middle)).sum(axis=axis).reshape(-1, p.shape[2]) * h
    return {"upper": up, "lower": low}


def label_pits(depth, min_depth):
    """Connected pits (4-neighbour) of a depth map deeper than min_depth: (labels array, count)."""
    mask = np.asarray(depth) > min_depth
    labels = np.zeros(mask.shape, dtype=np.int64)
    count = 0
    for start in zip(*np.nonzero(mask)):
        if labels[start]:
            continue
        count += 1
        labels[start] = count
        queue = deque([start])
        while queue:
            r, c = queue.popleft()
            for dr, dc in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                rr, cc = r + dr, c + dc
                if 0 <= rr < mask.shape[0] and 0 <= cc < mask.shape[1] and mask[rr, cc] and not labels[rr, cc]:
                    labels[rr, cc] = count
                    queue.append((rr, cc))
    return labels, count


def pit_sizes(depth, h, min_depth=0.5):
    """One (area in um^2, maximum depth in um) per connected pit of a depth map. On a 2-D grid's
    profile (one row) the 'area' is the pit's width x one voxel edge."""
    labels, count = label_pits(depth, min_depth)
    if count == 0:
        return np.zeros(0), np.zeros(0)
    flat = labels.ravel()
    areas = np.bincount(flat, minlength=count + 1)[1:] * h * h
    deepest = np.zeros(count + 1)
    np.maximum.at(deepest, flat, np.asarray(depth, float).ravel())
    return areas.astype(float), deepest[1:]
