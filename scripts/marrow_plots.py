#!/usr/bin/python3
"""Standard figures of a folder of Marrow run files: the entry point scripts/run calls after a run.

    marrow_plots.py RESULTS_DIR [--out DIR]

reads every complete *.h5 under RESULTS_DIR and writes each figure as PNG and SVG into DIR (default
RESULTS_DIR/plots). The work is done by the marrow_analysis package beside this script
(marrow_analysis.plots.make_plots); see docs/analysis.md for the figures and scripts/report for the
HTML report that embeds them."""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from marrow_analysis import load  # noqa: E402
from marrow_analysis.plots import make_plots  # noqa: E402

__all__ = ["load", "make_plots", "main"]  # what scripts importing this file may use


def main(argv=None):
    parser = argparse.ArgumentParser(description="Standard plots of a folder of Marrow run files.")
    parser.add_argument("results_dir", help="folder with <arm>_r<k>.h5 run files (searched recursively)")
    parser.add_argument("--out", help="folder for the figures (default RESULTS_DIR/plots)")
    args = parser.parse_args(argv)
    if not os.path.isdir(args.results_dir):
        parser.error(f"{args.results_dir}: not a folder")
    make_plots(args.results_dir, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
