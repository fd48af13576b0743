"""How each time-series quantity of a run file is shown: a readable name, the unit on the axis and
the factor from the stored value (bone/volume_change is stored as a fraction, shown in %)."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Shown:
    name: str
    unit: str
    scale: float = 1.0


KNOWN = {
    "bone/volume": Shown("bone volume", "um^3"),
    "bone/volume_change": Shown("bone volume change", "% of initial", 100.0),
    "bone/resorbed": Shown("resorbed bone (cumulative)", "um^3"),
    "bone/formed": Shown("formed bone (cumulative)", "um^3"),
    "bone/surface_voxels": Shown("marrow voxels on the bone surface", "voxels"),
    "host/estrogen": Shown("estrogen", "fraction of intact"),
    "osteoclast/nuclei_mean": Shown("nuclei per osteoclast", "nuclei"),
}


def shown(quantity, stored_unit=""):
    """Display name, unit and scale of a quantity (counts/<x>, fields/<f>/mean or one of KNOWN)."""
    if quantity in KNOWN:
        return KNOWN[quantity]
    parts = quantity.split("/")
    if parts[0] == "counts" and len(parts) == 2:
        cell, _, state = parts[1].partition("_")
        plural = "stromal cells" if cell == "stromal" else f"{cell}s"
        return Shown(f"{state} {plural}" if state else plural, "cells")
    if parts[0] == "fields" and len(parts) == 3 and parts[2] == "mean":
        name = {"rankl": "RANKL", "opg": "OPG", "mcsf": "M-CSF", "tgfb": "TGF-β"}.get(parts[1], parts[1])
        return Shown(f"{name}, marrow mean", stored_unit or "pM")
    unit = stored_unit if stored_unit not in ("", "1", "unknown") else "dimensionless"
    return Shown(quantity, unit)
