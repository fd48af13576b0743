"""Student's t, mean CIs and Welch's test of marrow_analysis.stats against published values
(t tables; Welch results as computed by R's t.test(var.equal = FALSE))."""
import math

import numpy as np
import pytest

from marrow_analysis import stats


@pytest.mark.parametrize("df,expected", [(1, 12.7062), (2, 4.3027), (3, 3.1824), (5, 2.5706), (10, 2.2281),
                                         (30, 2.0423), (120, 1.9799), (1e7, 1.95996)])
def test_t975_matches_tables(df, expected):
    assert stats.t975(df) == pytest.approx(expected, abs=1e-4)


def test_t_cdf_and_ppf_are_inverse_and_symmetric():
    for df in (1.0, 2.5, 7.0, 40.0):
        for p in (0.01, 0.2, 0.5, 0.9, 0.995):
            t = stats.t_ppf(p, df)
            assert float(stats.t_cdf(t, df)) == pytest.approx(p, abs=1e-9)
        assert float(stats.t_cdf(1.3, df) + stats.t_cdf(-1.3, df)) == pytest.approx(1.0)
    # Cauchy (df = 1): P(T <= 1) = 3/4 exactly.
    assert float(stats.t_cdf(1.0, 1)) == pytest.approx(0.75, abs=1e-12)


def test_mean_ci_known_values():
    mean, lo, hi, n = stats.mean_ci([1.0, 2.0, 3.0, 4.0])
    half = 3.182446 * math.sqrt(5.0 / 3.0) / 2.0  # t(3) * sd / sqrt(n)
    assert (mean, n) == (2.5, 4)
    assert lo == pytest.approx(2.5 - half, rel=1e-6) and hi == pytest.approx(2.5 + half, rel=1e-6)
    mean, lo, hi, n = stats.mean_ci([5.0])
    assert mean == 5.0 and n == 1 and math.isnan(lo) and math.isnan(hi)
    # Along an axis (replicates x times).
    mean, lo, hi, n = stats.mean_ci(np.array([[0.0, 10.0], [2.0, 10.0]]), axis=0)
    np.testing.assert_allclose(mean, [1.0, 10.0])
    np.testing.assert_allclose(hi - mean, [12.7062 * 1.0 / 1.0, 0.0], rtol=1e-4)


def test_welch_matches_r():
    # R: t.test(c(1,2,3,4), c(2,4,6)) -> t = -1.1339, df = 3.2347, p = 0.3338, CI -5.5423 to 2.5423.
    w = stats.welch([1, 2, 3, 4], [2, 4, 6])
    assert w["diff"] == pytest.approx(-1.5)
    assert w["df"] == pytest.approx(3.2347, abs=1e-4)
    assert w["p"] == pytest.approx(0.3338, abs=1e-4)
    assert w["ci_lo"] == pytest.approx(-5.5423, abs=1e-4) and w["ci_hi"] == pytest.approx(2.5423, abs=1e-4)
    assert w["pct"] == pytest.approx(-37.5)


def test_welch_degenerate_groups():
    w = stats.welch([3.0], [1.0, 2.0])
    assert w["diff"] == pytest.approx(1.5) and math.isnan(w["ci_lo"]) and math.isnan(w["p"])
    w = stats.welch([2.0, 2.0], [1.0, 1.0])  # no spread: the CI collapses onto the difference
    assert w["ci_lo"] == w["ci_hi"] == 1.0 and math.isnan(w["p"])
    w = stats.welch([1.0, 2.0], [0.0, 0.0])
    assert math.isnan(w["pct"])  # no percent change of a zero reference
