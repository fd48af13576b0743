"""Reads the 3-D snapshots of a run file (/snapshots/<tick>: bone, pits, formed, fields/*, agents/*)
into numpy arrays shaped (nz, ny, nx) and agent tables, one snapshot at a time so that large runs
do not have to fit in memory at once."""
import math
from dataclasses import dataclass, field

import h5py
import numpy as np
import pandas as pd


@dataclass
class Snapshot:
    name: str            # group name, the zero-padded tick
    tick: int
    time_days: float
    voxel_um: float
    shape: tuple         # (nz, ny, nx)
    volumes: dict = field(default_factory=dict)  # "bone", "pits", "formed" -> float array (nz, ny, nx)
    fields: dict = field(default_factory=dict)   # "rankl", ... -> float array (nz, ny, nx), pM
    agents: pd.DataFrame = None                  # one row per agent: id, type, state, x, y, z, ...

    @property
    def mineral(self):
        return self.volumes.get("bone")

    def volume(self, name):
        """A volume, or zeros when the file lacks it (e.g. no `formed` in a hand-made file)."""
        v = self.volumes.get(name)
        return v if v is not None else np.zeros(self.shape, float)


def snapshot_names(path):
    """Snapshot group names in time order."""
    with h5py.File(path, "r") as f:
        return sorted(f["snapshots"].keys()) if "snapshots" in f else []


def read_snapshot(path, name, fields=False, agents=True, volumes=("bone", "pits", "formed")):
    """One snapshot; `fields` True reads every field, or a list of names; agents as a DataFrame."""
    with h5py.File(path, "r") as f:
        g = f["snapshots"][name]
        a = g.attrs
        shape = tuple(int(a[k]) for k in ("nz", "ny", "nx")) if all(k in a for k in ("nz", "ny", "nx")) else None
        snap = Snapshot(name=name, tick=int(a.get("tick", int(name))), time_days=float(a.get("time_days", math.nan)),
                        voxel_um=float(a.get("voxel_um", f.attrs.get("voxel_um", 1.0))), shape=shape)
        for v in volumes:
            if v in g and isinstance(g[v], h5py.Dataset):
                snap.volumes[v] = np.asarray(g[v][()], dtype=float)
                snap.shape = snap.shape or snap.volumes[v].shape
        if fields and "fields" in g:
            wanted = list(g["fields"].keys()) if fields is True else [n for n in fields if n in g["fields"]]
            for n in wanted:
                snap.fields[n] = np.asarray(g["fields"][n][()], dtype=float)
        if agents:
            cols = {}
            if "agents" in g:
                for n, d in g["agents"].items():
                    if isinstance(d, h5py.Dataset) and d.ndim == 1:
                        cols[n] = d[()]
            lengths = {len(v) for v in cols.values()}
            snap.agents = pd.DataFrame(cols) if len(lengths) <= 1 else pd.DataFrame()
            for c in ("type", "state", "x", "y", "z"):
                if c not in snap.agents:
                    snap.agents[c] = np.zeros(len(snap.agents), dtype=np.int64)
    return snap


def iter_snapshots(path, **kwargs):
    for name in snapshot_names(path):
        yield read_snapshot(path, name, **kwargs)


def last_snapshot(path, **kwargs):
    names = snapshot_names(path)
    return read_snapshot(path, names[-1], **kwargs) if names else None
