"""Renders one snapshot of a Marrow run to PNG with ParaView, through the run's XDMF sidecar: the
bone (mineral >= 0.5) as a surface coloured by the cumulative resorbed fraction (pits), a vertical
slice of a cytokine field, and the cells as points coloured by type (read from the HDF5 file beside
the sidecar). It is both the check that the sidecar opens in ParaView and a ready-made 3-D view.

    xvfb-run -a pvpython scripts/render_paraview.py RUN.xmf OUT.png [--time DAY] [--field rankl]
        [--no-agents] [--size 1400x1000]

Run it under pvpython (Debian package python3-paraview); xvfb-run gives it a display on a machine
without one. The default time is the last snapshot."""
import argparse
import os
import sys

from paraview.simple import (  # noqa: E402  (pvpython provides paraview.simple)
    ColorBy, GetActiveViewOrCreate, GetColorTransferFunction, GetScalarBar, Render, SaveScreenshot, Show, Slice,
    Text, Threshold, TrivialProducer, XDMFReader)

CELL_TYPES = ["stromal", "monocyte", "preosteoclast", "osteoclast", "osteoblast"]
CELL_RGB = [(0.6, 0.6, 0.6), (0.34, 0.71, 0.91), (0.9, 0.62, 0.0), (0.84, 0.37, 0.0), (0.0, 0.45, 0.7)]
FIELD_NAMES = {"rankl": "RANKL", "opg": "OPG", "mcsf": "M-CSF", "tgfb": "TGF-beta"}


def parse(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("xmf", help="the run's .xmf sidecar (its .h5 beside it)")
    p.add_argument("png", help="output image")
    p.add_argument("--time", type=float, help="snapshot time in days (default: the last)")
    p.add_argument("--field", default="rankl", help="field on the slice (default rankl)")
    p.add_argument("--no-agents", action="store_true", help="do not draw the cells")
    p.add_argument("--size", default="1400x1000", help="image size WxH in pixels")
    return p.parse_args(argv)


def agent_points(h5_path, time_days):
    """vtkPolyData of the agents of the snapshot nearest time_days (voxel centres in um), or None."""
    try:
        import h5py
        from vtkmodules.util.numpy_support import numpy_to_vtk
        from vtkmodules.vtkCommonCore import vtkPoints
        from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
        import numpy as np
    except ImportError as e:  # h5py missing in this pvpython: draw no cells
        print(f"render_paraview: no cells drawn ({e})", file=sys.stderr)
        return None
    with h5py.File(h5_path, "r") as f:
        names = sorted(f["snapshots"])
        g = min((f["snapshots"][n] for n in names), key=lambda g: abs(float(g.attrs["time_days"]) - time_days))
        h = float(g.attrs["voxel_um"])
        if "agents" not in g or "type" not in g["agents"]:
            return None
        a = g["agents"]
        xyz = np.stack([(a[c][()].astype(float) + 0.5) * h for c in ("x", "y", "z")], axis=1)
        types = a["type"][()].astype(np.int32)
    points = vtkPoints()
    points.SetData(numpy_to_vtk(np.ascontiguousarray(xyz), deep=True))
    verts = vtkCellArray()
    for i in range(len(xyz)):
        verts.InsertNextCell(1)
        verts.InsertCellPoint(i)
    poly = vtkPolyData()
    poly.SetPoints(points)
    poly.SetVerts(verts)
    arr = numpy_to_vtk(types, deep=True)
    arr.SetName("cell_type")
    poly.GetPointData().AddArray(arr)
    return poly


def main(argv=None):
    args = parse(argv if argv is not None else sys.argv[1:])
    width, height = (int(v) for v in args.size.lower().split("x"))
    reader = XDMFReader(FileNames=[os.path.abspath(args.xmf)])
    times = list(reader.TimestepValues) if reader.TimestepValues else [0.0]
    time = times[-1] if args.time is None else min(times, key=lambda t: abs(t - args.time))
    reader.UpdatePipeline(time)
    arrays = set(reader.CellData.keys())
    if "bone" not in arrays:
        sys.exit(f"render_paraview: {args.xmf} has no 'bone' array (arrays: {sorted(arrays)})")

    view = GetActiveViewOrCreate("RenderView")
    view.ViewSize = [width, height]
    view.ViewTime = time
    try:
        view.UseColorPaletteForBackground = 0
    except AttributeError:
        pass
    view.Background = [1.0, 1.0, 1.0]
    view.OrientationAxesVisibility = 1

    bone = Threshold(Input=reader, Scalars=["CELLS", "bone"], LowerThreshold=0.5, UpperThreshold=1e9)
    bone_display = Show(bone, view)
    colour = "pits" if "pits" in arrays else "bone"
    ColorBy(bone_display, ("CELLS", colour))
    lut = GetColorTransferFunction(colour)
    lut.ApplyPreset("Inferno (matplotlib)", True)
    lut.InvertTransferFunction()  # untouched bone pale, deep pits dark
    lut.RescaleTransferFunction(0.0, 1.0)
    bar = GetScalarBar(lut, view)
    bar.Title = "resorbed fraction (cumulative)" if colour == "pits" else "mineral fraction"
    bar.ComponentTitle = ""
    bar.TitleColor = bar.LabelColor = [0.1, 0.1, 0.1]
    bar.WindowLocation = "Any Location"
    bar.Position = [0.89, 0.55]
    bar.RangeLabelFormat = "%-#.2g"
    bone_display.SetScalarBarVisibility(view, True)

    if args.field in arrays:
        info = reader.GetDataInformation().GetBounds()
        cut = Slice(Input=reader)
        cut.SliceType = "Plane"
        cut.SliceType.Origin = [(info[0] + info[1]) / 2, (info[2] + info[3]) / 2, (info[4] + info[5]) / 2]
        cut.SliceType.Normal = [0.0, 1.0, 0.0]
        cut_display = Show(cut, view)
        ColorBy(cut_display, ("CELLS", args.field))
        flut = GetColorTransferFunction(args.field)
        flut.ApplyPreset("Viridis (matplotlib)", True)
        cut_display.Opacity = 0.85
        fbar = GetScalarBar(flut, view)
        fbar.Title = f"{FIELD_NAMES.get(args.field, args.field)} (pM)"
        fbar.ComponentTitle = ""
        fbar.TitleColor = fbar.LabelColor = [0.1, 0.1, 0.1]
        fbar.WindowLocation = "Any Location"
        fbar.Position = [0.89, 0.08]
        fbar.RangeLabelFormat = "%-#.3g"
        cut_display.SetScalarBarVisibility(view, True)

    h5_path = os.path.splitext(os.path.abspath(args.xmf))[0] + ".h5"
    if not args.no_agents and os.path.exists(h5_path):
        poly = agent_points(h5_path, time)
        if poly is not None and poly.GetNumberOfPoints():
            cells = TrivialProducer()
            cells.GetClientSideObject().SetOutput(poly)
            cells_display = Show(cells, view)
            cells_display.SetRepresentationType("Points")
            cells_display.PointSize = 7
            cells_display.RenderPointsAsSpheres = 1
            ColorBy(cells_display, ("POINTS", "cell_type"))
            clut = GetColorTransferFunction("cell_type")
            clut.InterpretValuesAsCategories = 1
            clut.Annotations = [v for i, n in enumerate(CELL_TYPES) for v in (str(i), n)]
            clut.IndexedColors = [c for rgb in CELL_RGB for c in rgb]
            cbar = GetScalarBar(clut, view)
            cbar.Title = "cells"
            cbar.ComponentTitle = ""
            cbar.TitleColor = cbar.LabelColor = [0.1, 0.1, 0.1]
            cbar.WindowLocation = "Any Location"
            cbar.Position = [0.04, 0.55]
            cbar.TextPosition = "Ticks left/bottom, annotations right/top"
            cells_display.SetScalarBarVisibility(view, True)

    title = Text(Text=f"{os.path.basename(args.xmf)}  day {time:g}   (x, y, z in um)")
    title_display = Show(title, view)
    title_display.Color = [0.1, 0.1, 0.1]
    title_display.WindowLocation = "Upper Center"
    title_display.FontSize = 14

    view.CameraPosition = [-1.2, -1.8, 1.1]
    view.CameraFocalPoint = [0.0, 0.0, 0.0]
    view.CameraViewUp = [0.0, 0.0, 1.0]
    view.ResetCamera()
    Render(view)
    SaveScreenshot(args.png, view, ImageResolution=[width, height])
    print(f"render_paraview: wrote {args.png} (day {time:g})")


if __name__ == "__main__":
    main()
