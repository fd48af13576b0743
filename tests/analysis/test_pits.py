"""Pit maps (resorbed depth projected onto each surface of a plate) and pit sizes on synthetic
arrays with known pits (marrow_analysis.pits)."""
import numpy as np
import pytest

from marrow_analysis.pits import depth_maps, label_pits, pit_sizes, plate_centre

H = 10.0


def test_plate_centre():
    m = np.zeros((8, 4, 4))
    m[2:5] = 1.0  # layers 2, 3, 4
    assert plate_centre(m, 0) == pytest.approx(3.0)
    m2 = np.zeros((1, 9, 4))
    m2[0, 5:8] = 1.0
    assert plate_centre(m2, 1) == pytest.approx(6.0)


def test_depth_maps_split_upper_and_lower_surfaces():
    pits = np.zeros((8, 5, 6))
    pits[4, 1, 2] = 1.0   # upper surface, 10 um
    pits[5, 1, 2] = 0.5   # and 5 um deeper
    pits[1, 3, 4] = 0.25  # lower surface, 2.5 um
    maps = depth_maps(pits, H, plate=True, centre=3.0)
    assert set(maps) == {"upper", "lower"} and maps["upper"].shape == (5, 6)
    assert maps["upper"][1, 2] == pytest.approx(15.0)
    assert maps["lower"][3, 4] == pytest.approx(2.5)
    assert maps["upper"].sum() == pytest.approx(15.0) and maps["lower"].sum() == pytest.approx(2.5)
    pits[3, 0, 0] = 1.0  # exactly at the centre: half to each side
    maps = depth_maps(pits, H, plate=True, centre=3.0)
    assert maps["upper"][0, 0] == pytest.approx(5.0) and maps["lower"][0, 0] == pytest.approx(5.0)
    whole = depth_maps(pits, H, plate=False)
    assert set(whole) == {"projected"} and whole["projected"].sum() == pytest.approx(27.5)


def test_depth_profile_of_a_2d_grid():
    pits = np.zeros((1, 9, 7))
    pits[0, 7, 3] = 1.0
    maps = depth_maps(pits, H, plate=True, centre=4.0)
    assert maps["upper"].shape == (1, 7) and maps["upper"][0, 3] == pytest.approx(10.0)


def test_pit_sizes_of_known_pits():
    depth = np.zeros((6, 7))
    depth[1, 1:4] = 12.0       # a 3-voxel pit
    depth[4:6, 5:7] = 4.0      # a 2 x 2 pit
    depth[4, 5] = 9.0
    depth[0, 6] = 0.3          # shallower than min_depth: no pit
    depth[2, 4] = 6.0          # touches the first pit only diagonally: its own pit
    labels, count = label_pits(depth, 0.5)
    assert count == 3
    areas, deepest = pit_sizes(depth, H, min_depth=0.5)
    assert sorted(areas) == [100.0, 300.0, 400.0]
    assert sorted(deepest) == [6.0, 9.0, 12.0]
    assert pit_sizes(np.zeros((3, 3)), H)[0].size == 0
