"""The `validation:` block of a scenario file (configs/validation/Sxx_*.yaml): which read-outs to take
from every run, and what the scenario expects of them. Checked strictly, so that a typo is an error
naming the file and the entry, never an expectation silently skipped. docs/validation-format.md."""
import re
from dataclasses import dataclass, field

import yaml

STATS = ("final", "mean", "sum", "max", "change", "delta", "level_change")
KINDS = ("more", "less", "equivalent", "within", "band", "ratio")
_README = "docs/validation-format.md"


class SpecError(ValueError):
    pass


def days(value, where):
    """'28 d', '12 h', '2 w' or a bare number of days -> float days."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    m = re.fullmatch(r"\s*([0-9.eE+-]+)\s*(d|day|days|h|hour|hours|w|week|weeks)?\s*", str(value))
    if not m:
        raise SpecError(f"{where}: '{value}' is not a time (write e.g. '28 d' or '12 h')")
    unit = m.group(2) or "d"
    scale = {"h": 1 / 24, "w": 7}.get(unit[0], 1.0)
    return float(m.group(1)) * scale


@dataclass
class Readout:
    name: str
    quantity: list  # summed when several (e.g. monocytes + pre-osteoclasts)
    stat: str = "final"
    start: float | None = None  # days
    end: float | None = None
    per: list | None = None  # divide by this quantity (a share or a per-cell value) ...
    per_stat: str | None = None  # ... taken with this statistic (default: the same)
    label: str = ""


@dataclass
class Expectation:
    readout: str
    kind: str
    contrast: dict  # arm -> coefficient
    text: str
    exploratory: bool = False
    relative_to: str | None = None  # arm whose mean divides the contrast
    margin: float | None = None  # equivalent: fraction of the reference contrast
    reference: dict | None = None  # equivalent: the positive arms' contrast ...
    reference_readout: str | None = None  # ... on this read-out (default: the same)
    band: tuple | None = None  # band: [lo, hi] of the (relative) effect; within: bounds of its 95% CI
    at_least: float | None = None  # ratio: lower 95% bound must reach this
    at_most: float | None = None  # ratio: upper 95% bound must stay below this


@dataclass
class Scenario:
    path: str
    id: str
    title: str
    name: str
    species: str
    arms: list
    replicates: int
    readouts: dict
    expectations: list
    quick: dict = field(default_factory=dict)
    seed_text: str = ""
    doc: dict = field(default_factory=dict)  # the whole file as read


def _contrast(value, arms, where):
    if isinstance(value, list):
        if len(value) != 2:
            raise SpecError(f"{where}: 'compare' takes two arms [a, b] (the effect is a - b)")
        value = {value[0]: 1.0, value[1]: -1.0}
    if not isinstance(value, dict) or not value:
        raise SpecError(f"{where}: expected [arm_a, arm_b] or a map arm: coefficient")
    out = {}
    for arm, c in value.items():
        if arm not in arms:
            raise SpecError(f"{where}: unknown arm '{arm}' (arms: {', '.join(arms)})")
        out[arm] = float(c)
    return out


def _check_keys(entry, allowed, where):
    if not isinstance(entry, dict):
        raise SpecError(f"{where}: expected a map, see {_README}")
    for k in entry:
        if k not in allowed:
            raise SpecError(f"{where}: unknown key '{k}' (allowed: {', '.join(sorted(allowed))})")


def parse_scenario(path):
    with open(path) as f:
        doc = yaml.safe_load(f)
    arms = list((doc.get("arms") or {"default": {}}).keys())
    block = doc.get("validation")
    if not isinstance(block, dict):
        raise SpecError(f"{path}: no 'validation:' map (a scenario states its expectations there)")
    _check_keys(block, {"id", "title", "seed", "quick", "readouts", "expectations"}, f"{path}: validation")
    for k in ("id", "title", "readouts", "expectations"):
        if k not in block:
            raise SpecError(f"{path}: validation: missing '{k}'")
    readouts = {}
    for name, r in block["readouts"].items():
        where = f"{path}: validation.readouts.{name}"
        _check_keys(r, {"quantity", "stat", "from", "to", "per", "per_stat", "label"}, where)
        if "quantity" not in r:
            raise SpecError(f"{where}: missing 'quantity'")
        for key in ("stat", "per_stat"):
            if r.get(key, "final") not in STATS:
                raise SpecError(f"{where}: unknown {key} '{r[key]}' (one of {', '.join(STATS)})")
        if "level_change" in (r.get("stat"), r.get("per_stat")) and not ("from" in r and "to" in r):
            raise SpecError(f"{where}: stat level_change compares the halves of a window: give 'from' and 'to'")

        def names(q):
            return None if q is None else ([q] if isinstance(q, str) else list(q))
        readouts[name] = Readout(name, names(r["quantity"]), r.get("stat", "final"),
                                 days(r["from"], where) if "from" in r else None,
                                 days(r["to"], where) if "to" in r else None,
                                 names(r.get("per")), r.get("per_stat"), r.get("label", name))
    expectations = []
    for i, e in enumerate(block["expectations"]):
        where = f"{path}: validation.expectations[{i}]"
        _check_keys(e, {"readout", "expect", "compare", "relative_to", "margin", "reference", "reference_readout", "band",
                        "at_least", "at_most", "exploratory", "text"}, where)
        for k in ("readout", "expect", "compare", "text"):
            if k not in e:
                raise SpecError(f"{where}: missing '{k}'")
        if e["readout"] not in readouts:
            raise SpecError(f"{where}: unknown readout '{e['readout']}' (readouts: {', '.join(readouts)})")
        kind = e["expect"]
        if kind not in KINDS:
            raise SpecError(f"{where}: unknown expect '{kind}' (one of {', '.join(KINDS)})")
        x = Expectation(e["readout"], kind, _contrast(e["compare"], arms, where), e["text"],
                        bool(e.get("exploratory", False)))
        if "relative_to" in e:
            if e["relative_to"] not in arms:
                raise SpecError(f"{where}: unknown arm '{e['relative_to']}' in relative_to")
            x.relative_to = e["relative_to"]
        if kind == "equivalent":
            if "reference" not in e:
                raise SpecError(f"{where}: 'equivalent' needs 'reference' (the positive arms' contrast)")
            x.reference = _contrast(e["reference"], arms, where + ".reference")
            x.reference_readout = e.get("reference_readout")
            if x.reference_readout is not None and x.reference_readout not in readouts:
                raise SpecError(f"{where}: unknown reference_readout '{x.reference_readout}'")
            x.margin = float(e.get("margin", 0.25))
        if kind in ("band", "within"):
            b = e.get("band")
            if not (isinstance(b, list) and len(b) == 2 and b[0] < b[1]):
                raise SpecError(f"{where}: '{kind}' needs band: [lo, hi] with lo < hi")
            x.band = (float(b[0]), float(b[1]))
        if kind == "ratio":
            if len(x.contrast) != 2 or sorted(x.contrast.values()) != [-1.0, 1.0]:
                raise SpecError(f"{where}: 'ratio' compares two arms [a, b] (the ratio is a / b)")
            if "at_least" not in e and "at_most" not in e:
                raise SpecError(f"{where}: 'ratio' needs at_least or at_most")
            x.at_least = float(e["at_least"]) if "at_least" in e else None
            x.at_most = float(e["at_most"]) if "at_most" in e else None
        expectations.append(x)
    quick = block.get("quick") or {}
    _check_keys(quick, {"replicates", "set"}, f"{path}: validation.quick")
    return Scenario(path, str(block["id"]), block["title"], doc.get("name", ""), doc.get("species", "mouse"),
                    arms, int(doc.get("replicates", 1)), readouts, expectations, quick, block.get("seed", ""), doc)
