"""docs/validation.md and one figure per scenario: the summary table (one row per scenario), then
each scenario's read-outs per arm and every expectation with its measured effect and verdict."""
import math
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from .stats import mean_ci  # noqa: E402
from .validation_check import contrast_text  # noqa: E402


def _fmt(x):
    if x is None or not math.isfinite(x):
        return "n/a"
    return f"{x:.3g}"


def effect_text(v):
    est = v.estimate
    return f"{_fmt(est.value)} [{_fmt(est.lo)}, {_fmt(est.hi)}]"


def scenario_status(verdicts, error=None):
    if error:
        return "error"
    graded = [v for v in verdicts if not v.status.startswith("exploratory")]
    if not graded:
        return "exploratory"
    return "pass" if all(v.status == "pass" for v in graded) else "fail"


def figure(scenario, values, path):
    names = list(scenario.readouts)
    cols = min(3, len(names))
    rows = math.ceil(len(names) / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.4 * rows), squeeze=False)
    for ax, name in zip(axes.flat, names):
        arms = [a for a in scenario.arms if a in values[name]]
        arms = [a for a in arms if np.isfinite(values[name][a]).all()]
        for i, arm in enumerate(arms):
            v = values[name][arm]
            m, lo, hi, n = mean_ci(v)
            ax.bar(i, m, color="#9bb7d4", edgecolor="#34506b")
            if n > 1 and math.isfinite(lo):
                ax.errorbar(i, m, yerr=[[m - lo], [hi - m]], color="k", capsize=3, lw=1)
            ax.plot(np.full(len(v), i) + np.linspace(-0.15, 0.15, len(v)), v, "o", ms=3, color="#c0392b")
        ax.set_xticks(range(len(arms)))
        ax.set_xticklabels(arms, rotation=35, ha="right", fontsize=7)
        r = scenario.readouts[name]
        ax.set_title(r.label, fontsize=8)
        ax.tick_params(axis="y", labelsize=7)
        ax.axhline(0, color="0.6", lw=0.5)
    for ax in list(axes.flat)[len(names):]:
        ax.axis("off")
    fig.suptitle(f"{scenario.id}: {scenario.title} (mean, 95% CI, replicates)", fontsize=9)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write_report(path, results, header, discussion=None):
    """results: list of dicts {scenario, verdicts, values, figure, error, folder}; discussion: Markdown
    written by hand about the failing scenarios (the mechanism that falls short), placed after the table."""
    lines = ["# Validation: the seed's experiments", "", *header, ""]
    builds = sorted({x for r in results for x in r.get("revisions") or []})
    if builds:
        lines += ["Runs from the build" + ("s " if len(builds) > 1 else " ") + ", ".join(f"`{x}`" for x in builds)
                  + " (the `git_revision` of each run file; per scenario in its section).", ""]
    n_tested = sum(len(r["verdicts"]) for r in results)
    graded = [v for r in results for v in r["verdicts"] if not v.status.startswith("exploratory")]
    passed = sum(v.status == "pass" for v in graded)
    statuses = [scenario_status(r["verdicts"], r["error"]) for r in results]
    lines += [f"{len(results)} scenarios, {n_tested} read-out expectations tested "
              f"({len(graded)} pass/fail: {passed} pass, {len(graded) - passed} fail; "
              f"{n_tested - len(graded)} exploratory). Scenarios: "
              f"{statuses.count('pass')} pass, {statuses.count('fail')} fail, "
              f"{statuses.count('exploratory')} exploratory only, {statuses.count('error')} error.", "",
              "Effects are contrasts of arm means (read-out per run, then mean over replicates) with their 95% "
              "interval. Replicate k of every arm runs with the same seed (common random numbers), so the "
              "contrast is taken per replicate and its interval is a paired t interval; `(a - b) / b` is relative "
              "to arm b (ratio-estimator linearisation). A direction holds only when its interval excludes 0, an "
              "equivalence only when its interval lies inside the margin.",
              "", "| id | scenario | expectation | measured effect [95% CI] | result |", "| --- | --- | --- | --- | --- |"]
    for r, status in zip(results, statuses):
        s = r["scenario"]
        exp = "<br>".join(v.expectation.text for v in r["verdicts"]) or (r["error"] or "")
        eff = "<br>".join(f"{v.expectation.readout}: {contrast_text(v.expectation)} = {effect_text(v)}"
                          for v in r["verdicts"])
        res = "<br>".join(v.status for v in r["verdicts"]) if r["verdicts"] else status
        lines.append(f"| [{s.id}](#{s.id.lower()}) | {s.title} | {exp} | {eff} | **{status}**<br>{res} |")
    lines.append("")
    if discussion:
        lines += [discussion.strip(), ""]
    for r in results:
        s = r["scenario"]
        source = {"runs": "", "record": f"; re-checked from its record `{s.id}.json`"}.get(r.get("source"), "")
        lines += [f"## {s.id}", "", f"**{s.title}** ({s.species}; `{s.path}`; {s.replicates} replicates per arm"
                  f"{', quick settings' if r.get('quick') else ''}"
                  f"{'; paired by seed' if r.get('paired') else '; unpaired (Welch)'}"
                  f"{'; runs of build ' + ', '.join(f'`{x}`' for x in r['revisions']) if r.get('revisions') else ''}"
                  f"{source}).",
                  ""]
        if s.seed_text:
            lines += [f"Seed: {s.seed_text.strip()}", ""]
        if r["error"]:
            lines += [f"Error: `{r['error']}`", ""]
            continue
        lines += ["| read-out | " + " | ".join(s.arms) + " |", "| --- |" + " --- |" * len(s.arms)]
        for name, rd in s.readouts.items():
            cells = []
            for arm in s.arms:
                m, lo, hi, n = mean_ci(r["values"][name][arm])
                cells.append(f"{_fmt(m)} [{_fmt(lo)}, {_fmt(hi)}]")
            what = f"{rd.stat} of `{' + '.join(rd.quantity)}`" + \
                (f" per {rd.per_stat or rd.stat} of `{' + '.join(rd.per)}`" if rd.per else "")
            window = "" if rd.start is None and rd.end is None else \
                f", day {_fmt(rd.start) if rd.start is not None else 'start'} to {_fmt(rd.end) if rd.end is not None else 'end'}"
            lines.append(f"| {rd.label} ({what}{window}) | " + " | ".join(cells) + " |")
        lines += ["", "| expectation | contrast | effect [95% CI] | criterion | result |", "| --- | --- | --- | --- | --- |"]
        for v in r["verdicts"]:
            lines.append(f"| {v.expectation.text} | {v.expectation.readout}: {contrast_text(v.expectation)} | "
                         f"{effect_text(v)} | {v.criterion} | {v.status} |")
        if r["figure"]:
            rel = os.path.relpath(r["figure"], os.path.dirname(os.path.abspath(path)))
            lines += ["", f"![{s.id}]({rel})"]
        lines.append("")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return statuses
