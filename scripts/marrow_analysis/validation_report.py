"""docs/validation.md and one figure per scenario: the summary table (one row per scenario), then
each scenario's read-outs per arm and every expectation with its measured effect and verdict."""
import math
import os
import re

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


CARRIED_NOTE = "Carried over verbatim from the previous report"


def carried_over(report_text, scenario_id):
    """A scenario's summary row and section from an earlier report, for a scenario that has neither
    runs nor a record (docs/validation/Sxx.json) yet: the report keeps its measured rows verbatim, marked
    as carried over, instead of dropping them. Returns None when the earlier report lacks the scenario.
    Transitional: once every scenario has a record, nothing is carried over."""
    lines = report_text.splitlines()
    row = next((x for x in lines if x.startswith(f"| [{scenario_id}](#")), None)
    heads = [i for i, x in enumerate(lines) if re.fullmatch(r"## S\d+[a-z]?", x)]
    start = next((i for i in heads if lines[i] == f"## {scenario_id}"), None)
    if row is None or start is None:
        return None
    end = next((i for i in heads if i > start), len(lines))
    section = lines[start:end]
    # Carried over a second time: keep one note, the one write_report adds.
    for i, x in enumerate(section):
        if x.startswith(CARRIED_NOTE):
            del section[i - 1:i + 1]  # the note and the blank line before it
            break
    while section and not section[-1].strip():
        section.pop()
    result = row.rsplit("|", 2)[1].strip().split("<br>")
    status = result[0].strip("* ")
    builds = sorted(set(re.findall(r"`([0-9a-f]{7,40})`", next((x for x in section if "runs of build" in x), ""))))
    return {"row": row, "section": section, "status": status, "verdicts": [x.strip() for x in result[1:]],
            "revisions": builds}


def _graded(status):
    return not status.startswith("exploratory")


def write_report(path, results, header, discussion=None):
    """results: list of dicts {scenario, verdicts, values, figure, error, folder}; discussion: Markdown
    written by hand about the failing scenarios (the mechanism that falls short), placed after the table."""
    lines = ["# Validation: the seed's experiments", "", *header, ""]
    builds = sorted({x for r in results for x in r.get("revisions") or []})
    if builds:
        lines += ["Runs from the build" + ("s " if len(builds) > 1 else " ") + ", ".join(f"`{x}`" for x in builds)
                  + " (the `git_revision` of each run file; per scenario in its section).", ""]
    # A carried-over scenario (see carried_over) counts with the verdicts of its earlier report.
    verdict_statuses = [r["carried"]["verdicts"] if r.get("carried") else [v.status for v in r["verdicts"]]
                        for r in results]
    n_tested = sum(len(x) for x in verdict_statuses)
    graded = [st for x in verdict_statuses for st in x if _graded(st)]
    passed = sum(st == "pass" for st in graded)
    statuses = [r["carried"]["status"] if r.get("carried") else scenario_status(r["verdicts"], r["error"])
                for r in results]
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
        if r.get("carried"):
            lines.append(r["carried"]["row"])
            continue
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
        if r.get("carried"):
            lines += [*r["carried"]["section"][:3], "",
                      CARRIED_NOTE + ": no record of this scenario's per-replicate "
                      "values exists yet (`docs/validation/" + s.id + ".json`), so its rows are not re-checked here; "
                      f"`scripts/validate --only {s.id}` runs it and writes one.",
                      *r["carried"]["section"][3:], ""]
            continue
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
