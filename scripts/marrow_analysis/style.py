"""One look for every figure: colour-blind-safe colours (Okabe & Ito 2008), units written as a
reader expects them (um^3 -> µm³), axis labels "quantity (unit)", and saving each figure as both
PNG (for slides and the report) and SVG (for editing)."""
import os
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# Okabe-Ito, without yellow (too light on white): arms/conditions in this order.
CONDITION_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
LINESTYLES = ["-", "--", ":", "-."]

CELL_COLOURS = {"stromal": "#999999", "monocyte": "#56B4E9", "preosteoclast": "#E69F00",
                "osteoclast": "#D55E00", "osteoblast": "#0072B2"}
CELL_MARKERS = {"stromal": "s", "monocyte": "o", "preosteoclast": "^", "osteoclast": "D", "osteoblast": "v"}

SEQUENTIAL = "viridis"   # fields
DEPTH = "magma_r"        # pit depth: light = shallow, dark = deep

plt.rcParams.update({"figure.dpi": 100, "savefig.dpi": 150, "axes.spines.top": False,
                     "axes.spines.right": False, "legend.frameon": False, "font.size": 10,
                     "svg.fonttype": "none"})


def condition_style(index):
    """Colour and line style of the index-th condition (reference first)."""
    return {"color": CONDITION_COLOURS[index % len(CONDITION_COLOURS)],
            "linestyle": LINESTYLES[(index // len(CONDITION_COLOURS)) % len(LINESTYLES)]}


def pretty_unit(unit):
    """UDUNITS-style text to what goes on an axis: 'um^3' -> 'µm³', '1/mm^2' -> 'mm⁻²'."""
    u = (unit or "").strip()
    if u in ("", "1", "unknown"):
        return u or "unknown"
    u = re.sub(r"\bum\b", "µm", u)
    m = re.fullmatch(r"1/(\S+?)(\^(\d))?", u)
    if m:
        power = int(m.group(3) or 1)
        return m.group(1) + {1: "⁻¹", 2: "⁻²", 3: "⁻³"}[power]
    return u.replace("^2", "²").replace("^3", "³")


def label(name, unit):
    return f"{name} ({pretty_unit(unit)})"


def safe_name(text):
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", str(text)).strip("_") or "x"


def save(fig, out_dir, name):
    """Writes out_dir/name.png and out_dir/name.svg; returns the PNG path."""
    os.makedirs(out_dir, exist_ok=True)
    if fig.get_layout_engine() is None:
        fig.tight_layout()
    png = os.path.join(out_dir, name + ".png")
    fig.savefig(png, bbox_inches="tight")
    fig.savefig(os.path.join(out_dir, name + ".svg"), bbox_inches="tight")
    plt.close(fig)
    return png
