"""Figures from the 3-D snapshots: the pit map (resorbed depth projected onto the bone surface),
pit depth and area histograms, and a field slice with the agents over it."""
import numpy as np
import matplotlib.pyplot as plt
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .codes import CELL_TYPES, SOLID_THRESHOLD
from .pits import depth_maps, pit_sizes, plate_centre
from .plots_time import title_of
from .snapshots import read_snapshot, snapshot_names
from .style import CELL_COLOURS, CELL_MARKERS, DEPTH, SEQUENTIAL, condition_style, label

FIELD_NAMES = {"rankl": "RANKL", "opg": "OPG", "mcsf": "M-CSF", "tgfb": "TGF-β"}


def _is_plate(info):
    return info.config.get("geometry.type", "plate") == "plate"


def _first_run(res, condition):
    runs = [i for i in res.infos if i.condition == condition]
    return min(runs, key=lambda i: i.replicate) if runs else None


def run_pit_maps(info):
    """(maps {surface: depth um}, voxel_um, time_days, centre index) at the run's last snapshot
    with a `pits` volume, or None."""
    names = snapshot_names(info.path)
    if not names:
        return None
    first = read_snapshot(info.path, names[0], agents=False)
    last = read_snapshot(info.path, names[-1], agents=False)
    if "pits" not in last.volumes:
        return None
    plate = _is_plate(info)
    axis = 1 if last.shape[0] == 1 else 0
    centre = None
    if plate:
        centre = plate_centre(first.mineral, axis) if first.mineral is not None else (last.shape[axis] - 1) / 2.0
    return depth_maps(last.volumes["pits"], last.voxel_um, plate=plate, centre=centre), last.voxel_um, \
        last.time_days, centre


def pit_map(res, condition):
    info = _first_run(res, condition)
    got = run_pit_maps(info) if info else None
    if got is None:
        return None
    maps, h, day, centre = got
    vmax = max(float(m.max()) for m in maps.values())
    two_d = next(iter(maps.values())).shape[0] == 1
    fig, axes = plt.subplots(1, len(maps), figsize=(5.2 * len(maps) + 0.8, 4.6), squeeze=False, layout="constrained")
    axes = axes[0]
    pits = res.pits
    events = pits[pits["run"] == info.run] if len(pits) and "run" in pits else None
    for ax, (surface, depth) in zip(axes, maps.items()):
        nx = depth.shape[1]
        if two_d:
            ax.plot((np.arange(nx) + 0.5) * h, depth[0], color=condition_style(0)["color"],
                    label="resorbed depth, cumulative")
            ax.legend(fontsize="small")
            ax.set_xlabel(label("x", "um"))
            ax.set_ylabel(label("resorbed depth", "um"))
            ax.set_ylim(0, max(vmax, 1e-9) * 1.1)
        else:
            shown = np.ma.masked_less_equal(depth, 0.0)
            cmap = plt.get_cmap(DEPTH).copy()
            cmap.set_bad("#e6e6e6")
            im = ax.imshow(shown, origin="lower", extent=(0, nx * h, 0, depth.shape[0] * h), cmap=cmap,
                           vmin=0, vmax=max(vmax, 1e-9), interpolation="nearest")
            ax.set_xlabel(label("x", "um"))
            ax.set_ylabel(label("y", "um"))
            if events is not None and len(events) and {"x_um", "y_um", "z_um"} <= set(events):
                z_index = events["z_um"] / h - 0.5
                if surface == "upper":
                    ev = events[z_index > centre]
                elif surface == "lower":
                    ev = events[z_index < centre]
                else:
                    ev = events
                ax.scatter(ev["x_um"], ev["y_um"], marker="+", color="#0072B2", s=30, linewidths=1)
            ax.legend(handles=[Patch(color="#e6e6e6", label="not resorbed"),
                               Line2D([], [], marker="+", color="#0072B2", linestyle="",
                                      label="pit event centroid")], loc="upper right", fontsize="small", frameon=True)
        ax.set_title(f"{surface} surface" if surface != "projected" else "projected along z")
    if not two_d:
        fig.colorbar(im, ax=list(axes), label=label("resorbed depth, cumulative", "um"), shrink=0.9)
    fig.suptitle(f"{title_of(res)}: pit map, {condition} r{info.replicate}, day {day:g} (grey: not resorbed)")
    return fig


def pit_histograms(res, min_depth=0.5):
    """Pit depth (deepest point of each resorption event) and pit area (connected pits of the pit
    map at each run's last snapshot), per arm, as pits per run."""
    depth_by, area_by = {}, {}
    pits = res.pits
    for cond in res.conditions:
        runs = [i for i in res.infos if i.condition == cond]
        if len(pits) and "max_depth_um" in pits:
            d = pits.loc[pits["condition"] == cond, "max_depth_um"].to_numpy(float)
            depth_by[cond] = (d, len(runs))
        areas = []
        for info in runs:
            got = run_pit_maps(info)
            if got is None:
                continue
            maps, h, _, _ = got
            for m in maps.values():
                areas.append(pit_sizes(m, h, min_depth)[0])
        if areas:
            area_by[cond] = (np.concatenate(areas), len(runs))
    panels = [(depth_by, "pit depth (deepest point of each event)", "um"),
              (area_by, f"pit area on the pit map (depth > {min_depth:g} µm)", "um^2")]
    panels = [p for p in panels if any(len(v[0]) for v in p[0].values())]
    if not panels:
        return None
    fig, axes = plt.subplots(1, len(panels), figsize=(6 * len(panels), 4.3), squeeze=False)
    for ax, (data, title, unit) in zip(axes[0], panels):
        allv = np.concatenate([v for v, _ in data.values()])
        bins = np.histogram_bin_edges(allv, bins=min(20, max(5, int(np.sqrt(len(allv))) + 1)))
        for idx, cond in enumerate(res.conditions):
            if cond not in data or not len(data[cond][0]):
                continue
            values, nruns = data[cond]
            style = condition_style(idx)
            ax.hist(values, bins=bins, weights=np.full(len(values), 1.0 / nruns), histtype="step", linewidth=1.8,
                    color=style["color"], linestyle=style["linestyle"],
                    label=f"{cond}: {len(values) / nruns:.1f} pits/run, median {np.median(values):.3g}")
        ax.set_xlabel(label(title.split(" (")[0], unit))
        ax.set_ylabel("pits per run (count)")
        ax.set_title(title)
        ax.legend(fontsize="small")
    fig.suptitle(f"{title_of(res)}: pit sizes, all replicates")
    return fig


def _marrow_layer_above(mineral, centre):
    """The first z layer above the plate centre that is (almost) all marrow: where cells meet the
    upper bone surface. Falls back to the least solid layer above the centre."""
    solid = np.asarray(mineral) >= SOLID_THRESHOLD
    above = list(range(int(np.floor(centre)) + 1, solid.shape[0]))
    if not above:
        return solid.shape[0] - 1
    for z in above:
        if solid[z].mean() < 0.1:
            return z
    return min(above, key=lambda z: solid[z].mean())


def _agents_scatter(ax, agents, keep, px, py, h, size=22):
    handles = []
    for code, name in enumerate(CELL_TYPES):
        sel = keep & (agents["type"].to_numpy() == code)
        if not sel.any():
            continue
        ax.scatter((agents[px].to_numpy()[sel] + 0.5) * h, (agents[py].to_numpy()[sel] + 0.5) * h,
                   marker=CELL_MARKERS[name], s=size, color=CELL_COLOURS[name], edgecolor="black", linewidth=0.5)
        handles.append(Line2D([], [], marker=CELL_MARKERS[name], color=CELL_COLOURS[name], markeredgecolor="black",
                              linestyle="", label=f"{name} ({int(sel.sum())})"))
    return handles


def field_slice(res, condition, field="rankl"):
    """The field on a vertical x-z section through the middle of the grid and on the marrow layer
    just above the bone (3-D), bone in grey, the cells of each section drawn by type. The two panels
    sit side by side, or one above the other when the section is much wider than high."""
    info = _first_run(res, condition)
    if info is None:
        return None
    names = snapshot_names(info.path)
    if not names:
        return None
    snap = read_snapshot(info.path, names[-1], fields=True, agents=True)
    if not snap.fields or snap.mineral is None:
        return None
    field = field if field in snap.fields else sorted(snap.fields)[0]
    values, mineral, h, agents = snap.fields[field], snap.mineral, snap.voxel_um, snap.agents
    nz, ny, nx = snap.shape
    sections = []
    if nz > 1:
        y0 = ny // 2
        centre = plate_centre(mineral, 0)
        z0 = _marrow_layer_above(mineral, centre)
        sections.append((f"vertical section x–z at y = {(y0 + 0.5) * h:g} µm", values[:, y0, :], mineral[:, y0, :],
                         agents["y"].to_numpy() == y0, "x", "z"))
        sections.append((f"marrow layer above the bone, z = {(z0 + 0.5) * h:g} µm", values[z0], mineral[z0],
                         agents["z"].to_numpy() == z0, "x", "y"))
    else:
        sections.append(("the 2-D grid", values[0], mineral[0], np.ones(len(agents), bool), "x", "y"))
    vmax = max(float(np.nanmax(s[1])) for s in sections)
    ratios = [s[1].shape[1] / s[1].shape[0] for s in sections]  # width / height of each panel
    stacked = len(sections) > 1 and sum(ratios) > 3.5
    if stacked:
        width = 7.5
        fig, grid = plt.subplots(len(sections), 1, figsize=(width + 1.5, sum(width / r for r in ratios) + 2.2),
                                 squeeze=False, layout="constrained", gridspec_kw={"height_ratios": [1 / r for r in ratios]})
        axes, panel_widths = list(grid[:, 0]), [width] * len(sections)
    else:
        height = 4.2
        fig, grid = plt.subplots(1, len(sections), figsize=(height * sum(ratios) + 2.0, height + 1.6), squeeze=False,
                                 layout="constrained", gridspec_kw={"width_ratios": ratios})
        axes, panel_widths = list(grid[0]), [height * r for r in ratios]
    handles = {}
    for ax, panel_width, (title, plane, bone, keep, px, py) in zip(axes, panel_widths, sections):
        extent = (0, plane.shape[1] * h, 0, plane.shape[0] * h)
        marrow = np.ma.masked_where(bone >= SOLID_THRESHOLD, plane)
        im = ax.imshow(marrow, origin="lower", extent=extent, cmap=SEQUENTIAL, vmin=0, vmax=max(vmax, 1e-12),
                       interpolation="nearest")
        ax.imshow(np.ma.masked_less(bone, SOLID_THRESHOLD), origin="lower", extent=extent, cmap="Greys", vmin=0,
                  vmax=1.6, interpolation="nearest")
        voxel_points = 72.0 * panel_width / plane.shape[1]  # a marker about two thirds of a voxel wide
        size = float(np.clip((0.65 * voxel_points) ** 2, 5.0, 60.0))
        for hd in _agents_scatter(ax, agents, keep, px, py, h, size):
            handles[hd.get_label().split(" (")[0]] = hd
        ax.set_xlabel(label(px, "um"))
        ax.set_ylabel(label(py, "um"))
        ax.set_title(title, fontsize="medium")
        ax.set_aspect("equal")
    fig.colorbar(im, ax=axes, label=label(FIELD_NAMES.get(field, field), "pM"), shrink=0.85)
    bone_handle = Line2D([], [], marker="s", color="#9a9a9a", linestyle="", markersize=9, label="bone (mineral ≥ 0.5)")
    axes[-1 if stacked else 0].legend(handles=[bone_handle] + list(handles.values()), loc="upper center", ncol=3,
                                      bbox_to_anchor=(0.5, -0.12 if stacked else -0.18), fontsize="small",
                                      title="cells of the sections")
    fig.suptitle(f"{title_of(res)}: {FIELD_NAMES.get(field, field)} and cells, {condition} r{info.replicate}, "
                 f"day {snap.time_days:g}")
    return fig
