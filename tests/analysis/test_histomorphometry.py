"""Histomorphometry (marrow_analysis.histomorphometry) on synthetic bone with known answers: a plate
of known thickness, a known pit, cells placed on and off the surface, a known formed layer."""
import math

import numpy as np
import pandas as pd
import pytest

from marrow_analysis import histomorphometry as hm

H = 10.0  # um
NZ, NY, NX = 10, 8, 6
COLUMNS = NY * NX  # 48 voxel columns


def plate(top_fraction=1.0):
    """Solid voxel layers z = 3, 4, 5 (30 um) plus a partial layer z = 6 of the given fraction."""
    m = np.zeros((NZ, NY, NX))
    m[3:6] = 1.0
    m[6] = top_fraction if top_fraction < 1.0 else 0.0
    return m


def agents(rows):
    return pd.DataFrame(rows, columns=["type", "state", "x", "y", "z"])


@pytest.mark.parametrize("top,thickness", [(0.0, 30.0), (0.5, 35.0), (0.4, 34.0)])
def test_plate_structure(top, thickness):
    s = hm.structure(plate(top), H)
    assert s["BS"] == pytest.approx(2 * COLUMNS * H * H)  # two faces per column, whatever the partial layer
    assert s["BV"] == pytest.approx(thickness * COLUMNS * H * H)
    assert s["BV/TV"] == pytest.approx(100 * thickness / (NZ * H))
    assert s["Tb.Th"] == pytest.approx(thickness)  # plate model: 2 BV/BS is the plate's thickness
    assert s["Tb.N"] == pytest.approx(1000 / (NZ * H))  # one plate per grid height, per mm
    assert s["Tb.Sp"] == pytest.approx(NZ * H - thickness)
    assert s["BS/BV"] == pytest.approx(2 / thickness * 1000)


def test_grid_faces_are_not_bone_surface():
    m = np.zeros((NZ, NY, NX))
    m[0:3] = 1.0  # a plate lying on the bottom face of the grid has one bone surface
    assert hm.structure(m, H)["BS"] == pytest.approx(COLUMNS * H * H)
    assert math.isnan(hm.structure(np.zeros((NZ, NY, NX)), H)["Tb.Th"])  # no bone: undefined, not 0


def test_two_d_plate_uses_perimeter():
    m = np.zeros((1, 10, 8))
    m[0, 3:6, :] = 1.0
    s = hm.structure(m, H)
    assert s["BS"] == pytest.approx(2 * 8 * H)  # perimeter, um
    assert s["BV"] == pytest.approx(3 * 8 * H * H)  # area, um^2
    assert s["Tb.Th"] == pytest.approx(30.0)
    assert hm.units_for(True)["N.Oc/BS"] == "1/mm" and hm.units_for(False)["N.Oc/BS"] == "1/mm^2"


def pitted():
    """The 30 um plate with a 2 x 2 voxel pit, one voxel deep, in its upper face (z = 5)."""
    m, pits, formed = plate(), np.zeros((NZ, NY, NX)), np.zeros((NZ, NY, NX))
    m[5, 2:4, 2:4] = 0.0
    pits[5, 2:4, 2:4] = 1.0
    return m, pits, formed


def test_known_pit_eroded_surface():
    m, pits, formed = pitted()
    faces = 2 * COLUMNS - 4 + 4 + 8  # lower 48; upper 48 - 4 roofs + 4 floors + 8 walls
    assert hm.structure(m, H)["BS"] == pytest.approx(faces * H * H)
    assert hm.eroded_surface(m, pits, formed) == pytest.approx(100 * 12 / faces)  # floor and walls
    # A partly refilled pit is still eroded; a refilled one is not.
    formed[5, 2:4, 2:4] = 0.3
    assert hm.eroded_surface(m, pits, formed) == pytest.approx(100 * 12 / faces)
    m[5, 2:4, 2:4], formed[5, 2:4, 2:4] = 1.0, 1.0
    assert hm.eroded_surface(m, pits, formed) == 0.0
    # A shallow erosion of a voxel that stays solid marks its own surface face.
    pits[5, 6, 1], m[5, 6, 1] = 0.3, 0.7
    assert hm.eroded_surface(m, pits, formed) == pytest.approx(100 * 1 / (2 * COLUMNS))


def test_cells_on_surface():
    m = plate()
    cells = agents([
        (3, 0, 0, 0, 6),  # osteoclast on the upper surface
        (3, 0, 5, 7, 9),  # osteoclast in the marrow, away from bone
        (4, 1, 0, 0, 2),  # active osteoblast on the lower surface
        (4, 1, 3, 3, 8),  # active osteoblast away from bone
        (4, 2, 1, 1, 6),  # lining cell on the surface: not osteoblast surface
        (1, 0, 2, 2, 6),  # monocyte on the surface: nothing
    ])
    c = hm.cells_on_surface(m, H, cells)
    bs_mm2 = 2 * COLUMNS * (H / 1000) ** 2
    assert c["N.Oc"] == 1 and c["N.Oc/BS"] == pytest.approx(1 / bs_mm2)
    assert c["Oc.S/BS"] == pytest.approx(100 / (2 * COLUMNS))
    assert c["N.Ob"] == 1 and c["Ob.S/BS"] == pytest.approx(100 / (2 * COLUMNS))
    empty = hm.cells_on_surface(m, H, agents([]))
    assert empty["N.Oc"] == 0 and empty["Ob.S/BS"] == 0.0


def test_osteoclast_in_a_pit_covers_floor_and_walls():
    m, pits, formed = pitted()
    c = hm.cells_on_surface(m, H, agents([(3, 0, 2, 2, 5)]))  # in a pit corner: floor + 2 walls
    faces = 2 * COLUMNS - 4 + 4 + 8
    assert c["N.Oc"] == 1 and c["Oc.S/BS"] == pytest.approx(100 * 3 / faces)


def test_formation_of_a_known_layer():
    m = plate()
    before = np.zeros_like(m)
    formed = np.zeros_like(m)
    formed[6], m[6] = 0.4, 0.4  # 4 um of new bone over the whole upper surface in 4 days
    f = hm.formation(m, formed, before, H, days=4.0)
    assert f["MS/BS"] == pytest.approx(50.0)  # the upper of two equal surfaces
    assert f["MAR"] == pytest.approx(1.0)  # 4 um / 4 days
    assert f["BFR/BS"] == pytest.approx(0.5)
    assert f["BFR/BS"] == pytest.approx(f["MAR"] * f["MS/BS"] / 100)
    none = hm.formation(m, formed, formed, H, days=4.0)
    assert none["MS/BS"] == 0.0 and none["BFR/BS"] == 0.0 and math.isnan(none["MAR"])


def test_all_indices_and_their_units():
    m, pits, formed = pitted()
    out = hm.histomorphometry(m, pits, formed, H, agents([(3, 0, 2, 2, 5)]), formed_before=formed, days=2.0)
    assert set(out) == set(hm.UNITS)
    first = hm.histomorphometry(m, pits, formed, H)
    assert math.isnan(first["MAR"]) and math.isnan(first["BFR/BS"])  # no previous snapshot
