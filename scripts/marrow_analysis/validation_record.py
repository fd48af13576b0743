"""A scenario's checked read-outs, kept beside its figure (docs/validation/Sxx.json).

A record holds the per-replicate value of every read-out in every arm, whether the arms were paired by
seed, the builds that made the runs and a digest of what in the scenario file decides those values. The
report can then be re-checked from the records alone (`scripts/validate --records`), and a partial re-run
(`--only S20,S21`) rewrites its scenarios' rows while the others come from their records: the full run
takes hours on a workstation, and a lost run folder should not cost it again.

The digest leaves out what does not change a run or a read-out value (expectations, titles, labels,
the seed sentence, quick settings), so a corrected expectation is re-judged from the record, while a
changed arm, dose, grid, duration or read-out definition makes the record stale: the scenario must be
run again.

A record also keeps what its runs were, as the simulator resolved them (`resolved`: a digest per arm of
every run's name, seed and resolved config, validation_resolved.py), and a digest of its read-out
definitions. With these a candidate's records (runs made with `--candidate` values on unchanged scenario
files) become the parameter set's when the candidate is adopted: `adopt_record` accepts one only when
the scenario as it stands now, with the changed defaults, resolves to exactly those runs and measures
them with the same read-outs."""
import copy
import hashlib
import json
import math
import os
import time

import numpy as np

FORMAT = 1


class RecordError(Exception):
    """A record that is missing, unreadable, or made from a different version of its scenario."""


def scenario_digest(doc):
    """sha256 of the scenario's run-relevant content: the YAML document without the parts that only
    judge or describe (see the module docstring)."""
    d = copy.deepcopy(doc)
    d.pop("description", None)
    v = d.get("validation") or {}
    for k in ("expectations", "title", "seed", "quick"):
        v.pop(k, None)
    for r in (v.get("readouts") or {}).values():
        if isinstance(r, dict):
            r.pop("label", None)
    text = json.dumps(d, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def readouts_digest(doc):
    """sha256 of the read-out definitions (labels aside): what turns a run into a recorded value."""
    readouts = copy.deepcopy((doc.get("validation") or {}).get("readouts") or {})
    for r in readouts.values():
        if isinstance(r, dict):
            r.pop("label", None)
    text = json.dumps(readouts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def record_path(folder, scenario_id):
    return os.path.join(folder, f"{scenario_id}.json")


def _number(x):
    x = float(x)
    return None if not math.isfinite(x) else x


def write_record(path, scenario, values, paired, revisions, quick, candidate=(), resolved=None):
    """Write atomically (a temporary file renamed over the old record): a kill or a full disk leaves
    the previous record whole. CANDIDATE: the KEY=VALUE settings the runs were given on top of the
    parameter set (`scripts/validate --candidate`), kept so that the record can never pass for the set's.
    RESOLVED: {arm: digest} of the runs (validation_resolved.resolved_digests with the same settings)."""
    doc = {"format": FORMAT, "id": scenario.id, "scenario": scenario.path,
           "scenario_digest": scenario_digest(scenario.doc), "replicates": scenario.replicates,
           "quick": bool(quick), "paired": bool(paired), "revisions": list(revisions or []),
           "produced": time.strftime("%Y-%m-%d"),
           "values": {name: {arm: [_number(x) for x in np.asarray(v, dtype=float)]
                             for arm, v in per_arm.items()} for name, per_arm in values.items()}}
    if candidate:
        doc["candidate"] = list(candidate)
    if resolved:
        doc["resolved"] = dict(sorted(resolved.items()))
        doc["readouts_digest"] = readouts_digest(scenario.doc)
    _write_atomically(path, doc)


def _write_atomically(path, doc):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")
    os.replace(tmp, path)


def _load(path, scenario_id):
    """The record at PATH as a dict, of format FORMAT and of scenario SCENARIO_ID; RecordError otherwise."""
    try:
        with open(path) as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        raise RecordError(f"{path}: not a readable record ({e})") from e
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise RecordError(f"{path}: not a record of format {FORMAT}")
    if scenario_id is not None and doc.get("id") != scenario_id:
        raise RecordError(f"{path}: holds scenario {doc.get('id')!r}, not {scenario_id}")
    return doc


def adopt_record(source, dest, scenario, resolved_now, shown_as=None):
    """Write DEST, the parameter set's record of SCENARIO, from SOURCE, a record of runs made otherwise
    (a candidate's), when those runs are the scenario's as it resolves now: the same read-out definitions
    and, arm by arm, the same runs (RESOLVED_NOW: {arm: digest} of the scenario without settings).
    RecordError naming what differs otherwise; DEST is then left as it was."""
    if not os.path.exists(source):
        raise RecordError(f"{source}: no record to adopt for {scenario.id}")
    doc = _load(source, scenario.id)
    if doc.get("quick"):
        raise RecordError(f"{source}: a record of the quick settings cannot be the full report's")
    if not doc.get("resolved"):
        raise RecordError(f"{source}: keeps no digest of its runs (written before records had one): it cannot "
                          f"be shown to be {scenario.id}'s runs; run the scenario")
    if doc.get("readouts_digest") != readouts_digest(scenario.doc):
        raise RecordError(f"{source}: its read-outs were defined otherwise than {scenario.path}'s now")
    differ = sorted(set(doc["resolved"]) ^ set(resolved_now)
                    | {a for a in resolved_now if doc["resolved"].get(a) != resolved_now[a]})
    if differ:
        raise RecordError(f"{source}: the runs of arm(s) {', '.join(differ)} are not the runs {scenario.path} "
                          f"asks for now (`marrow check {scenario.path} --resolved` differs: another value, grid, "
                          f"replicate count or seed); adopt the candidate in the defaults and the scenario file "
                          f"first, or run the scenario")
    adopted = {k: v for k, v in doc.items() if k != "candidate"}
    adopted.update({"scenario": scenario.path, "scenario_digest": scenario_digest(scenario.doc),
                    "replicates": scenario.replicates,
                    "adopted": {"from": shown_as or source, "candidate": list(doc.get("candidate") or []),
                                "scenario_digest": doc.get("scenario_digest")}})
    _write_atomically(dest, adopted)


def adoption_of(path):
    """The `adopted` entry of a record (where its runs came from), or None."""
    try:
        return _load(path, None).get("adopted")
    except RecordError:
        return None


def read_record(path, scenario):
    """(values, paired, revisions, quick, candidate) from PATH, checked against SCENARIO; RecordError
    otherwise. CANDIDATE is [] for the parameter set's own runs."""
    if not os.path.exists(path):
        raise RecordError(f"{path}: no record (run the scenario: scripts/validate --only {scenario.id})")
    doc = _load(path, scenario.id)
    if doc.get("scenario_digest") != scenario_digest(scenario.doc):
        raise RecordError(f"{path}: made from a different version of {scenario.path} (arms, doses, grid, "
                          f"duration or read-outs changed since its runs): run it again")
    values = {}
    try:
        for name in scenario.readouts:
            values[name] = {arm: np.array([math.nan if x is None else float(x) for x in doc["values"][name][arm]])
                            for arm in scenario.arms}
    except (KeyError, TypeError, ValueError) as e:
        raise RecordError(f"{path}: values incomplete or malformed ({e!r})") from e
    return (values, bool(doc.get("paired")), list(doc.get("revisions") or []), bool(doc.get("quick")),
            list(doc.get("candidate") or []))


def candidate_refusal(path, candidate, set_report):
    """Why a record of a candidate may not go into the parameter set's report (None when it may)."""
    if candidate and set_report:
        return (f"{path}: a record of a candidate ({', '.join(candidate)}), not of the parameter set; "
                f"the committed report takes the set's records only")
    return None
