"""The HTML report of a results folder: one self-contained file (figures embedded as PNG data) that
compares the arms with effect sizes and confidence intervals and lists the provenance of every run,
plus the CSV tables behind it.

    scripts/report RESULTS_DIR [--reference ARM] [--out FILE]

writes RESULTS_DIR/report.html, RESULTS_DIR/report_summary.csv (per arm and end point: mean, SD,
95 % CI; against the reference: difference, 95 % Welch CI, % change, p) and RESULTS_DIR/report_runs.csv
(per run: the end points), and the figures into RESULTS_DIR/plots (PNG and SVG)."""
import argparse
import base64
import datetime
import html
import math
import os
import sys
import warnings

import numpy as np

from . import plots
from .endpoints import compare, run_endpoints
from .formats import SUPPORTED_MAJOR, SUPPORTED_MINOR
from .loader import load
from .style import pretty_unit, save

CAPTIONS = {
    "bone_volume": "Bone volume over time, % change from the initial volume, per arm: mean and 95% t-interval "
                   "over replicates.",
    "bone_volume_vs": "Bone volume of each arm against the reference arm, in % of the reference mean: difference "
                      "of means with its 95% Welch interval (a band that excludes 0 is a difference at the 5% level "
                      "at that time).",
    "histomorphometry": "End-point histomorphometry at the last snapshot (ASBMR nomenclature; definitions below). "
                        "Bars: arm means; whiskers: 95% t-intervals; dots: replicates.",
    "histomorphometry_time": "The same indices at every snapshot.",
    "cell_counts": "Cell counts per type and osteoblast state.",
    "composition": "Share of each cell type among all cells (mean over replicates).",
    "remodelling": "Cumulative resorbed and formed bone volume.",
    "signals": "Marrow-mean cytokine concentrations, estrogen level and osteoclast size.",
    "pit_histograms": "Pit depth (deepest point of each resorption event) and pit area (connected pits on the pit "
                      "map at the last snapshot), as pits per run.",
    "pit_map": "Pit map: cumulative resorbed depth projected onto the bone surface (last snapshot, first replicate); "
               "+ marks the centroid of each finished resorption event.",
    "field_slice": "RANKL concentration on a vertical section and on the marrow layer above the bone, with the cells "
                   "of that section (last snapshot, first replicate).",
}

DEFINITIONS = [
    ("BV/TV", "%", "sum of mineral fraction × h³ / grid volume"),
    ("BS", "µm²", "voxel faces between bone (mineral ≥ 0.5) and marrow × h²; grid faces excluded"),
    ("Tb.Th", "µm", "2 BV/BS (parallel-plate model)"),
    ("Tb.N", "mm⁻¹", "(BV/TV)/Tb.Th"),
    ("Tb.Sp", "µm", "1/Tb.N − Tb.Th"),
    ("ES/BS", "%", "bone-surface faces next to a voxel with resorbed − formed > 0.05, / BS"),
    ("N.Oc/BS", "mm⁻²", "osteoclasts in a voxel touching bone / BS (3-D convention; per mm on 2-D grids)"),
    ("Oc.S/BS, Ob.S/BS", "%", "bone-surface faces under an osteoclast / an active osteoblast, / BS"),
    ("MS/BS", "%", "bone-surface faces next to a voxel that formed bone since the previous snapshot, / BS"),
    ("MAR", "µm/day", "formed volume since the previous snapshot / (MS × days)"),
    ("BFR/BS", "µm³/µm²/day", "formed volume since the previous snapshot / (BS × days) = MAR × MS/BS"),
]


def _fmt(x, digits=3):
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "–"
    if isinstance(x, (int, np.integer)):
        return str(int(x))
    ax = abs(x)
    if ax != 0 and (ax >= 1e5 or ax < 1e-3):
        return f"{x:.{digits - 1}e}"
    return f"{x:.{digits}g}"


def _p(p):
    if not math.isfinite(p):
        return "–"
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


def _img(path):
    with open(path, "rb") as fh:
        data = base64.b64encode(fh.read()).decode("ascii")
    return f'<img alt="{html.escape(os.path.basename(path))}" src="data:image/png;base64,{data}">'


def _caption(name):
    for key in sorted(CAPTIONS, key=len, reverse=True):
        if name.startswith(key):
            return CAPTIONS[key]
    return ""


def _table(headers, rows, cls=""):
    out = [f'<table class="{cls}"><thead><tr>' + "".join(f"<th>{h}</th>" for h in headers) + "</tr></thead><tbody>"]
    for r in rows:
        out.append("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def headline(res, effects):
    """One sentence on bone volume, the main read-out, for each non-reference arm."""
    rows = effects[effects["key"] == "bone/volume_change"]
    ref = rows[rows["condition"] == res.reference]
    if rows.empty or ref.empty:
        return ""
    r0 = ref.iloc[0]
    days = res.summary["duration_days"].max() if "duration_days" in res.summary else math.nan
    parts = []
    for _, r in rows[rows["condition"] != res.reference].iterrows():
        parts.append(f"<b>{html.escape(r['condition'])}</b> changed bone volume by {_fmt(r['mean'])}% of initial "
                     f"against {_fmt(r0['mean'])}% in {html.escape(res.reference)}: a difference of "
                     f"{_fmt(r['diff'])} percentage points (95% CI {_fmt(r['diff_ci_lo'])} to {_fmt(r['diff_ci_hi'])}; "
                     f"Welch p = {_p(r['p_welch'])}; n = {int(r['n'])} vs {int(r0['n'])})")
    return f"<p class=\"headline\">At day {_fmt(days)}, " + "; ".join(parts) + ".</p>" if parts else ""


def effects_table(res, effects):
    headers = ["end point", "unit"] + [f"{html.escape(c)}<br><small>mean ± SD (n)</small>" for c in res.conditions]
    others = [c for c in res.conditions if c != res.reference]
    for c in others:
        headers += [f"{html.escape(c)} − {html.escape(res.reference)}<br><small>difference [95% CI]</small>",
                    "% change", "p (Welch)"]
    rows = []
    for key in dict.fromkeys(effects["key"]):
        sub = effects[effects["key"] == key].set_index("condition")
        first = sub.iloc[0]
        row = [html.escape(first["endpoint"]), html.escape(pretty_unit(first["unit"]))]
        for c in res.conditions:
            row.append(f"{_fmt(sub.loc[c, 'mean'])} ± {_fmt(sub.loc[c, 'sd'])} ({int(sub.loc[c, 'n'])})"
                       if c in sub.index else "–")
        for c in others:
            if c not in sub.index:
                row += ["–", "–", "–"]
                continue
            r = sub.loc[c]
            excl = math.isfinite(r["diff_ci_lo"]) and (r["diff_ci_lo"] > 0 or r["diff_ci_hi"] < 0)
            cell = f"{_fmt(r['diff'])} [{_fmt(r['diff_ci_lo'])}, {_fmt(r['diff_ci_hi'])}]"
            row += [f"<b>{cell}</b>" if excl else cell,
                    f"{_fmt(r['pct_change'])}%" if math.isfinite(r["pct_change"]) else "–", _p(r["p_welch"])]
        rows.append(row)
    return _table(headers, rows, "effects")


def provenance(res):
    rows = []
    for i in res.infos:
        rows.append([html.escape(i.run), html.escape(i.condition), i.replicate, i.seed, i.base_seed,
                     html.escape(i.marrow_version), html.escape(i.git_revision), html.escape(i.format_version),
                     i.threads, html.escape(i.start_time)])
    runs = _table(["run", "arm", "replicate", "seed", "base seed", "marrow", "git revision", "format", "threads",
                   "started (UTC)"], rows, "runs")
    diffs = ""
    if res.varying_parameters:
        by_cond = {}
        for i in res.infos:
            by_cond.setdefault(i.condition, i.config)
        drows = [[html.escape(k)] + [html.escape(by_cond[c].get(k, "–")) for c in res.conditions]
                 for k in res.varying_parameters]
        diffs = "<h3>Parameters that differ between runs</h3>" + _table(
            ["key"] + [html.escape(c) for c in res.conditions], drows, "params")
    configs = []
    seen = set()
    for i in res.infos:
        if i.condition in seen:
            continue
        seen.add(i.condition)
        configs.append(f"<details><summary>resolved configuration of <b>{html.escape(i.condition)}</b> "
                       f"(from {html.escape(os.path.basename(i.path))})</summary><pre>{html.escape(i.config_yaml)}</pre>"
                       f"</details>")
    return runs + diffs + "<h3>Configurations</h3>" + "\n".join(configs)


STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;
color:#222;line-height:1.45}
h1{margin-bottom:.2em} .meta{color:#555} .headline{font-size:1.1em;background:#f3f6fa;padding:.8em;border-left:4px solid #0072B2}
table{border-collapse:collapse;margin:.8em 0;font-size:.88em} th,td{border:1px solid #ccc;padding:.3em .5em;text-align:right}
th{background:#f0f0f0} td:first-child,th:first-child{text-align:left} table.params td{text-align:left}
figure{margin:1.5em 0} figure img{max-width:100%;border:1px solid #eee} figcaption{color:#444;font-size:.92em}
pre{background:#f7f7f7;padding:.8em;overflow:auto;font-size:.85em} .warn{color:#a33}
"""


def build_report(results_dir, out=None, reference=None, log=None):
    """Writes the report and its CSVs; returns the path of report.html."""
    log = log or sys.stderr
    caught = []
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        res = load(results_dir, strict=False, log=log)
        caught += [str(x.message) for x in w]
    if not len(res):
        raise SystemExit(f"report: no complete run files (*.h5) in {results_dir}")
    if reference is not None:
        if reference not in {i.condition for i in res.infos}:
            raise SystemExit(f"report: no arm '{reference}' (arms: {', '.join(res.conditions)})")
        res.reference = reference
        res.__dict__.pop("conditions", None)
    out = out or os.path.join(results_dir, "report.html")
    out_dir = os.path.dirname(os.path.abspath(out))
    plot_dir = os.path.join(results_dir, "plots")

    table = run_endpoints(res)
    effects = compare(res, table)
    effects.to_csv(os.path.join(out_dir, "report_summary.csv"), index=False)
    table.to_csv(os.path.join(out_dir, "report_runs.csv"), index=False)

    figures = []
    for name, fig in plots.iter_figures(res):
        figures.append((name, save(fig, plot_dir, name)))
        print(f"wrote {figures[-1][1]} (and .svg)", file=log)

    experiments = sorted({i.experiment for i in res.infos})
    title = ", ".join(experiments) or "Marrow"
    n_by = {c: sum(1 for i in res.infos if i.condition == c) for c in res.conditions}
    versions = sorted({f"{i.marrow_version} ({i.git_revision})" for i in res.infos})
    description = sorted({i.config.get("description", "") for i in res.infos} - {""})
    parts = [
        "<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Marrow report: {html.escape(title)}</title><style>{STYLE}</style></head><body>",
        f"<h1>Marrow report: {html.escape(title)}</h1>",
        f"<p class=\"meta\">{html.escape('; '.join(description))}</p>" if description else "",
        f"<p class=\"meta\">{len(res)} runs; arms (replicates): "
        + ", ".join(f"{html.escape(c)} ({n})" for c, n in n_by.items())
        + f"; reference arm: <b>{html.escape(res.reference)}</b>. Written by marrow {html.escape(', '.join(versions))}; "
        f"report made {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')} from "
        f"{html.escape(os.path.basename(os.path.abspath(results_dir)))}/ (format {SUPPORTED_MAJOR}.{SUPPORTED_MINOR} reader).</p>",
    ]
    if res.skipped or caught:
        parts.append("<h2>Warnings</h2><ul class=\"warn\">" + "".join(
            f"<li>{html.escape(m)}</li>" for m in [r for _, r in res.skipped] + caught) + "</ul>")
    parts += ["<h2>Main result</h2>", headline(res, effects) or
              "<p>One arm only, or no bone volume series: nothing to compare; the table gives each end point.</p>",
              "<h2>End points by arm</h2>",
              f"<p>Last recorded time of each run; histomorphometry from the last snapshot (MS/BS, MAR and BFR/BS over "
              f"the interval since the previous snapshot). Mean ± SD (n replicates); against "
              f"<b>{html.escape(res.reference)}</b>: difference of means with its 95% Welch (unequal variances) "
              f"confidence interval, in bold when it excludes 0; % change = 100 × difference / reference mean. "
              f"Tables: report_summary.csv (this table, tidy), report_runs.csv (per run).</p>",
              effects_table(res, effects), "<h2>Figures</h2>"]
    for name, path in figures:
        parts.append(f"<figure>{_img(path)}<figcaption><b>{html.escape(name)}</b>: {html.escape(_caption(name))} "
                     f"(plots/{html.escape(name)}.svg for editing)</figcaption></figure>")
    parts += ["<h2>Histomorphometry definitions</h2>",
              "<p>ASBMR nomenclature (Dempster et al., J Bone Miner Res 2013;28:2-17) computed in 3-D on the voxel "
              "grid (h = voxel edge); details in docs/analysis.md.</p>",
              _table(["index", "unit", "definition"], [[html.escape(a), html.escape(b), html.escape(c)]
                                                       for a, b, c in DEFINITIONS], "params"),
              "<h2>Provenance</h2>", provenance(res), "</body></html>"]
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("\n".join(p for p in parts if p))
    print(f"wrote {out}, {os.path.join(out_dir, 'report_summary.csv')}, {os.path.join(out_dir, 'report_runs.csv')}",
          file=log)
    return out


def main(argv=None):
    parser = argparse.ArgumentParser(prog="report", description="HTML report of a folder of Marrow runs.")
    parser.add_argument("results_dir", help="folder with <arm>_r<k>.h5 run files (searched recursively)")
    parser.add_argument("--reference", help="arm the others are compared with (default: sham, else the first)")
    parser.add_argument("--out", help="the HTML file (default RESULTS_DIR/report.html)")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.results_dir):
        parser.error(f"{args.results_dir}: not a folder")
    build_report(args.results_dir, args.out, args.reference)
    return 0
