"""The standard figure set of a results folder, each as PNG and SVG: what scripts/marrow_plots.py
draws and scripts/report embeds. The figures themselves live in plots_time, plots_histo and
plots_space; this module only lists them and writes them."""
import os
import sys

from . import plots_histo, plots_space, plots_time
from .loader import Results, load
from .style import safe_name, save


def figure_makers(res):
    """(file name without extension, function returning a Figure or None) in report order."""
    makers = [("bone_volume", plots_time.bone_volume)]
    if res.reference is not None and len(res.conditions) > 1:
        makers.append((f"bone_volume_vs_{safe_name(res.reference)}", plots_time.bone_volume_vs_reference))
    makers += [("histomorphometry", plots_histo.endpoints),
               ("histomorphometry_time", plots_histo.over_time),
               ("cell_counts", plots_time.cell_counts),
               ("composition", plots_time.composition),
               ("remodelling", plots_time.remodelling),
               ("signals", plots_time.signals),
               ("pit_histograms", plots_space.pit_histograms)]
    for cond in res.conditions:
        makers.append((f"pit_map_{safe_name(cond)}", lambda r, c=cond: plots_space.pit_map(r, c)))
    for cond in res.conditions:
        makers.append((f"field_slice_{safe_name(cond)}", lambda r, c=cond: plots_space.field_slice(r, c)))
    return makers


def iter_figures(res):
    """(name, Figure) for every standard figure the runs have data for; the caller closes them."""
    for name, make in figure_makers(res):
        fig = make(res)
        if fig is not None:
            yield name, fig


def make_plots(source, out_dir=None, log=None):
    """Writes every standard figure of `source` (a results folder, a run file or a Results) into
    out_dir (default <folder>/plots) as .png and .svg; returns the PNG paths."""
    log = log or sys.stderr
    res = source if isinstance(source, Results) else load(source, log=log)
    if not len(res):
        where = source if not isinstance(source, Results) else "the given runs"
        raise SystemExit(f"marrow_plots: no complete run files (*.h5) in {where}")
    if out_dir is None:
        base = source if isinstance(source, str) and os.path.isdir(source) else (res.root or os.path.dirname(res.infos[0].path))
        out_dir = os.path.join(base, "plots")
    written = []
    for name, fig in iter_figures(res):
        written.append(save(fig, out_dir, name))
        print(f"wrote {written[-1]} (and .svg)", file=log)
    return written
