"""Opens one Marrow run file or a folder of them (arms x replicates, and sweeps kept in sub-folders)
into tidy pandas tables: runs, time series, pit events, parameters, per-snapshot histomorphometry
and a per-run summary. Every file's format version is checked first (formats.py).

    from marrow_analysis import load
    res = load("results/ovx_vs_sham")      # a folder (searched recursively) or one .h5 file
    res.runs          # one row per run: run, arm, condition, replicate, seed, versions, ...
    res.timeseries    # time, run, arm, replicate, quantity, value (+ condition, unit, tick)
    res.pits          # one row per resorption event
    res.parameters    # run, key, value (text), number, unit: the embedded resolved config
    res.histomorphometry  # one row per snapshot: BV/TV, Tb.Th, ..., MAR, BFR/BS
    res.summary       # one row per run: final values, end-point histomorphometry, pit statistics,
                      # and every parameter that differs between runs
"""
import math
import os
import re
import sys
import warnings
from dataclasses import dataclass, field
from functools import cached_property

import h5py
import numpy as np
import pandas as pd

from . import histomorphometry as hm
from .config import parse_config, split_quantity
from .formats import FormatError, check_version
from .snapshots import iter_snapshots

RUN_COLUMNS = ["run", "experiment", "folder", "arm", "condition", "replicate"]


class IncompleteRunError(FormatError):
    """The file's `complete` attribute is not 1: the run was interrupted or is still running."""


def _text(value):
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)


@dataclass
class RunInfo:
    """Provenance of one run file (its root attributes) and its resolved configuration."""
    path: str
    run: str = ""          # identifier: the path relative to the loaded folder, without .h5
    folder: str = ""       # sub-folder of the loaded folder ("" for the folder itself)
    experiment: str = ""
    arm: str = ""
    condition: str = ""    # what runs are grouped by: the arm, prefixed by folder / experiment when several
    replicate: int = 0
    seed: int = 0
    base_seed: int = 0
    threads: int = 0
    marrow_version: str = ""
    git_revision: str = ""
    format_version: str = ""
    start_time: str = ""
    tick_hours: float = math.nan
    complete: bool = False
    config_yaml: str = ""
    config: dict = field(default_factory=dict)
    extra: dict = field(default_factory=dict)  # other root attributes (e.g. sweep_point, branched_from)


KNOWN_ROOT_ATTRIBUTES = {"format_version", "format_version_major", "format_version_minor", "marrow_version",
                         "git_revision", "experiment", "arm", "replicate", "seed", "base_seed", "threads",
                         "start_time", "tick_hours", "config", "complete"}


def open_run(path, allow_incomplete=False):
    """RunInfo of one file. Raises FormatError (not a Marrow file, or a format version this package
    does not read) or IncompleteRunError (complete != 1, unless allow_incomplete)."""
    try:
        f = h5py.File(path, "r")
    except OSError as e:
        raise FormatError(f"{path}: not a readable HDF5 file ({e})") from e
    with f:
        a = f.attrs
        check_version(a, path)
        m = re.match(r"(.+)_r(\d+)\.h5$", os.path.basename(path))
        info = RunInfo(path=path)
        info.arm = _text(a.get("arm", m.group(1) if m else os.path.basename(path)))
        info.replicate = int(a.get("replicate", int(m.group(2)) if m else 0))
        info.experiment = _text(a.get("experiment", ""))
        for k in ("seed", "base_seed", "threads"):
            setattr(info, k, int(a.get(k, 0)))
        for k in ("marrow_version", "git_revision", "format_version", "start_time"):
            setattr(info, k, _text(a.get(k, "")))
        info.tick_hours = float(a.get("tick_hours", math.nan))
        info.complete = int(a.get("complete", 0)) == 1
        info.config_yaml = _text(a.get("config", ""))
        for k in sorted(set(a.keys()) - KNOWN_ROOT_ATTRIBUTES):
            value = a[k]
            info.extra[k] = _text(value) if isinstance(value, (str, bytes)) else value
    if not info.complete and not allow_incomplete:
        raise IncompleteRunError(f"{path}: incomplete run (attribute complete = 0: interrupted or still running)")
    try:
        info.config = parse_config(info.config_yaml)
    except ValueError as e:
        warnings.warn(f"{path}: embedded config not parsed: {e}")
    return info


def find_run_files(path):
    """Every run file (*.h5) under path (recursively), sorted; path itself when it is a file. Kept
    checkpoints (*.ckpt.h5, docs/hpc.md) are states to resume or branch from, not runs, and are left out."""
    if os.path.isfile(path):
        return [path]
    if not os.path.isdir(path):
        raise FileNotFoundError(f"{path}: no such file or folder")
    found = []
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found += [os.path.join(root, n) for n in sorted(files) if n.endswith(".h5") and not n.endswith(".ckpt.h5")]
    return sorted(found)


def read_timeseries(path):
    """(wide DataFrame with time, tick and one column per /timeseries dataset, {column: unit})."""
    columns, units = {}, {}
    with h5py.File(path, "r") as f:
        if "timeseries" not in f:
            return pd.DataFrame(), units
        n = f["timeseries/time"].shape[0] if "timeseries/time" in f else None

        def visit(name, obj):
            if isinstance(obj, h5py.Dataset) and obj.ndim == 1 and (n is None or obj.shape[0] == n):
                columns[name] = obj[()]
                units[name] = _text(obj.attrs.get("units", ""))

        f["timeseries"].visititems(visit)
    return pd.DataFrame(columns), units


def read_pits(path):
    """One row per pit event (/pits/events/*), with start_day, end_day, duration_days added."""
    with h5py.File(path, "r") as f:
        tick_hours = float(f.attrs.get("tick_hours", 1.0))
        cols = {}
        if "pits/events" in f:
            for n, d in f["pits/events"].items():
                if isinstance(d, h5py.Dataset) and d.ndim == 1:
                    cols[n] = d[()]
    df = pd.DataFrame(cols)
    if {"start_tick", "end_tick"} <= set(df.columns):
        df["start_day"] = df["start_tick"] * tick_hours / 24.0
        df["end_day"] = df["end_tick"] * tick_hours / 24.0
        df["duration_days"] = df["end_day"] - df["start_day"]
    return df


def run_histomorphometry(path):
    """(one row per snapshot: tick, time and every index of histomorphometry.py, {index: unit})."""
    rows, before, two_d = [], None, False
    for snap in iter_snapshots(path, fields=False, agents=True):
        if snap.mineral is None:
            continue
        two_d = snap.shape[0] == 1
        formed = snap.volume("formed")
        days = snap.time_days - before[1] if before is not None else None
        row = hm.histomorphometry(snap.mineral, snap.volume("pits"), formed, snap.voxel_um, snap.agents,
                                  formed_before=before[0] if before is not None else None, days=days)
        rows.append({"tick": snap.tick, "time": snap.time_days, **row})
        before = (formed, snap.time_days)
    return pd.DataFrame(rows), dict(hm.units_for(two_d))


class Results:
    """The tables of a set of runs; built by load(). Tables are read on first use and kept."""

    def __init__(self, infos, skipped=(), root=""):
        self.infos = list(infos)
        self.skipped = list(skipped)  # (path, reason) of files not loaded
        self.root = root
        self.units = {"time": "day"}

    def __len__(self):
        return len(self.infos)

    def _tag(self, df, info):
        for c in reversed(RUN_COLUMNS):
            df.insert(0, c, getattr(info, c))
        return df

    @cached_property
    def runs(self):
        fixed = RUN_COLUMNS + ["seed", "base_seed", "threads", "marrow_version", "git_revision", "format_version",
                               "start_time", "tick_hours", "path"]
        extra = sorted(set().union(*(i.extra.keys() for i in self.infos))) if self.infos else []
        rows = [{c: getattr(i, c) for c in fixed} | {k: i.extra.get(k, "") for k in extra} for i in self.infos]
        return pd.DataFrame(rows, columns=fixed + [k for k in extra if k not in fixed])

    @cached_property
    def conditions(self):
        """Condition names in plotting order: the reference first, then by name."""
        names = sorted(set(self.runs["condition"]))
        ref = self.reference
        return [ref] + [n for n in names if n != ref] if ref in names else names

    @cached_property
    def reference(self):
        """The condition others are compared with: one whose arm is 'sham' (or 'control'), else the first."""
        names = sorted(set(i.condition for i in self.infos))
        for wanted in ("sham", "control"):
            for i in sorted(self.infos, key=lambda i: i.condition):
                if i.arm.lower() == wanted:
                    return i.condition
        return names[0] if names else None

    @cached_property
    def timeseries_wide(self):
        """{run: wide DataFrame} of each run's time series (time, tick, one column per quantity)."""
        out = {}
        for i in self.infos:
            df, units = read_timeseries(i.path)
            self.units.update({k: v for k, v in units.items() if v})
            out[i.run] = df
        return out

    @cached_property
    def timeseries(self):
        frames = []
        for i in self.infos:
            df = self.timeseries_wide[i.run]
            if df.empty or "time" not in df:
                continue
            ids = [c for c in ("time", "tick") if c in df]
            long = df.melt(id_vars=ids, var_name="quantity", value_name="value")
            frames.append(self._tag(long, i))
        cols = RUN_COLUMNS + ["time", "tick", "quantity", "value", "unit"]
        if not frames:
            return pd.DataFrame(columns=cols)
        ts = pd.concat(frames, ignore_index=True)
        ts["unit"] = ts["quantity"].map(self.units).fillna("")
        return ts[[c for c in cols if c in ts]]

    def series(self, quantity):
        """Wide table of one quantity: index time, one column per run (NaN where a run has no value)."""
        ts = self.timeseries
        sub = ts[ts["quantity"] == quantity]
        return sub.pivot_table(index="time", columns="run", values="value")

    @cached_property
    def pits(self):
        frames = [self._tag(read_pits(i.path), i) for i in self.infos]
        frames = [f for f in frames if len(f)]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=RUN_COLUMNS)

    @cached_property
    def parameters(self):
        rows = []
        for i in self.infos:
            for k, v in i.config.items():
                num, unit = split_quantity(v)
                rows.append({"run": i.run, "condition": i.condition, "key": k, "value": v,
                             "number": num if num is not None else np.nan, "unit": unit if num is not None else ""})
        return pd.DataFrame(rows, columns=["run", "condition", "key", "value", "number", "unit"])

    @cached_property
    def varying_parameters(self):
        """Config keys whose value is not the same in every run (arms, sweeps), sorted."""
        keys = set().union(*(i.config.keys() for i in self.infos)) if self.infos else set()
        return sorted(k for k in keys if len({i.config.get(k) for i in self.infos}) > 1
                      and k not in ("output.log_every",))

    @cached_property
    def histomorphometry(self):
        frames = []
        for i in self.infos:
            df, units = run_histomorphometry(i.path)
            self.units.update(units)
            if len(df):
                frames.append(self._tag(df, i))
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=RUN_COLUMNS)

    @cached_property
    def summary(self):
        """One row per run: provenance, final time-series values, end-point histomorphometry (the
        last snapshot, with MAR and BFR/BS over the last interval between snapshots), pit-event
        statistics and the parameters that vary between runs (named by their config key)."""
        runs = self.runs.drop(columns=["path"]).set_index("run")
        rows = []
        hmt = self.histomorphometry
        pits = self.pits
        for i in self.infos:
            row = {}
            ts = self.timeseries_wide[i.run]
            if len(ts):
                row.update({c: ts[c].iloc[-1] for c in ts.columns if c != "tick"})
                row["duration_days"] = row.pop("time", math.nan)
            h = hmt[hmt["run"] == i.run] if len(hmt) else hmt
            if len(h):
                last = h.iloc[-1]
                row.update({k: last[k] for k in hm.UNITS if k in last})
            p = pits[pits["run"] == i.run] if len(pits) and "run" in pits else pits.iloc[0:0]
            row["pits/count"] = len(p)
            for col, name in (("max_depth_um", "pits/depth_mean"), ("volume_um3", "pits/volume_mean")):
                row[name] = float(p[col].mean()) if len(p) and col in p else math.nan
            for k in self.varying_parameters:
                value = i.config.get(k, "")
                num, _ = split_quantity(value)
                row[k] = num if num is not None else value
            rows.append({"run": i.run, **row})
        self.units.update({"pits/count": "pits", "pits/depth_mean": "um", "pits/volume_mean": "um^3",
                           "duration_days": "day"})
        return runs.join(pd.DataFrame(rows).set_index("run")).reset_index()


def _sweep_label(info):
    """A run's point in a sweep: its `sweep_parameters` attribute ("key=value; ..."), else `sweep_point`."""
    return str(info.extra.get("sweep_parameters") or info.extra.get("sweep_point") or "")


def _label_conditions(infos):
    """condition = arm, prefixed with the sub-folder and/or experiment when those vary, and followed by
    the run's sweep point ("ovx [rules.x.rate=2]") when runs of one arm in one folder differ in it."""
    folders = {i.folder for i in infos}
    experiments = {i.experiment for i in infos}
    points = {}
    for i in infos:
        points.setdefault((i.folder, i.experiment, i.arm), set()).add(_sweep_label(i))
    for i in infos:
        parts = ([i.folder or "."] if len(folders) > 1 else []) + ([i.experiment] if len(experiments) > 1 else [])
        i.condition = "/".join(parts + [i.arm])
        if len(points[(i.folder, i.experiment, i.arm)]) > 1:
            i.condition += f" [{_sweep_label(i)}]"


def load(*paths, strict=True, log=None):
    """Results of every complete run file in the given files or folders (searched recursively).
    Incomplete files are skipped with a message on `log`. A file of an unreadable format version
    raises FormatError when `strict`, else it is skipped with the reason; a newer minor version
    warns (NewerFormatWarning) and is read."""
    if not paths:
        raise ValueError("load() needs at least one file or folder")
    log = log or sys.stderr
    infos, skipped = [], []
    root = paths[0] if len(paths) == 1 and os.path.isdir(paths[0]) else ""
    bases = [p if os.path.isdir(p) else os.path.dirname(p) for p in paths]
    # Several paths: runs are named from the paths' common folder, so that equal file names in two
    # folders (two sweeps' default_p000_r0) stay two runs, and their folders tell them apart.
    common = os.path.commonpath([os.path.abspath(b) for b in bases]) if len(paths) > 1 else None
    for p, own in zip(paths, bases):
        base = common or own
        for path in find_run_files(p):
            try:
                info = open_run(path)
            except IncompleteRunError as e:
                skipped.append((path, str(e)))
                print(f"skipping {e}", file=log)
                continue
            except FormatError as e:
                if strict:
                    raise
                skipped.append((path, str(e)))
                print(f"skipping {e}", file=log)
                continue
            rel = os.path.relpath(path, base)
            info.run = rel[:-3] if rel.endswith(".h5") else rel
            folder = os.path.dirname(rel)
            info.folder = "" if folder in ("", ".") else folder
            infos.append(info)
    _label_conditions(infos)
    infos.sort(key=lambda i: (i.condition, i.replicate, i.run))
    return Results(infos, skipped, root)
