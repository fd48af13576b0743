#!/usr/bin/python3
"""ctest `validation/quick`: runs the whole validation suite with its quick settings (scripts/validate
--quick: smaller grids, shorter runs, 2 replicates) and checks that every one of the 27 scenarios ran,
was read and was judged: a report row per scenario, no scenario in error, every expectation graded.
Whether an expectation holds is the evidence of the full run (docs/validation.md), not of this smoke run
on reduced settings, so a failing expectation here is reported, not fatal. Then the same report is
re-checked from the records the run left (scripts/validate --records): every verdict and estimate must
come back digit for digit, for all 27 scenarios. Last, the kept runs are re-checked (--reuse): as they
were made they give the same verdicts, and presented as runs of a candidate value they are refused."""
import os
import re
import subprocess
import sys

root, out = sys.argv[1], sys.argv[2]
report = os.path.join(out, "validation.md")
if os.path.exists(report):
    os.remove(report)  # never judge a report left by an earlier run
p = subprocess.run([os.path.join(root, "scripts", "validate"), "--quick", "-j", "2", "--out", out,
                    "--report", report], capture_output=True, text=True)
print(p.stdout)
print(p.stderr[-4000:], file=sys.stderr)
if p.returncode not in (0, 1):
    sys.exit(f"scripts/validate --quick exited {p.returncode}")
text = open(report).read()
rows = re.findall(r"^\| \[(S\d\d)\]\(#s\d\d\) \|.*\*\*(pass|fail|error|exploratory)\*\*", text, re.M)
ids = [r[0] for r in rows]
if ids != [f"S{i:02d}" for i in range(1, 28)]:
    sys.exit(f"report rows {ids} are not S01..S27")
errors = [i for i, status in rows if status == "error"]
if errors:
    sys.exit(f"scenarios in error: {errors}")
verdicts = re.findall(r"^      (?:pass|fail|exploratory).*$", p.stdout, re.M)
again = subprocess.run([os.path.join(root, "scripts", "validate"), "--quick", "--records", "--out", out,
                        "--report", os.path.join(out, "validation-from-records.md")], capture_output=True, text=True)
if again.returncode != p.returncode:
    sys.exit(f"re-checked from records, scripts/validate exited {again.returncode}, from runs {p.returncode}:\n"
             + again.stderr[-2000:])
if re.findall(r"^      (?:pass|fail|exploratory).*$", again.stdout, re.M) != verdicts:
    sys.exit("the verdicts re-checked from the records differ from those of the runs")
validate = os.path.join(root, "scripts", "validate")
reuse = subprocess.run([validate, "--quick", "--reuse", "--only", "S02,S06", "--out", out,
                        "--report", os.path.join(out, "validation-reused.md")], capture_output=True, text=True)
mine = [v for v in re.split(r"^(?=S\d\d )", p.stdout, flags=re.M) if v[:3] in ("S02", "S06")]
theirs = [v for v in re.split(r"^(?=S\d\d )", reuse.stdout, flags=re.M) if v[:3] in ("S02", "S06")]
def words(blocks):  # the table's padding follows the scenarios listed, so compare words
    return [" ".join(b.split("report:")[0].split()) for b in blocks]


if len(mine) != 2 or words(mine) != words(theirs):
    sys.exit("the kept runs of S02 and S06, re-checked with --reuse, do not give the verdicts they gave:\n"
             + reuse.stdout[-2000:] + reuse.stderr[-2000:])
other = subprocess.run([validate, "--quick", "--reuse", "--only", "S02", "--out", out,
                        "--candidate", "rules.osteoclast_resorption.rate=8 um/day",
                        "--report", os.path.join(out, "candidate", "validation.md")], capture_output=True, text=True)
if other.returncode != 1 or "made with another config" not in other.stdout \
        or "rules.osteoclast_resorption.rate" not in other.stdout:
    sys.exit("kept runs of the parameter set were accepted as runs of a candidate value:\n" + other.stdout[-2000:])
print(f"quick suite: 27 scenarios judged, {len(verdicts)} expectations graded, the same from the records; "
      f"exit status {p.returncode}; kept runs re-checked as made, refused as a candidate's")
