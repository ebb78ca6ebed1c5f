"""ABC / XYZ classification: how much a product is worth and how predictable it is.

ABC ranks products by the value they sell (units x price) over the period: the products making up the first
80 % of value are A, the next 15 % B, the rest C. A product counts as A when the cumulative share *before* it
is under 80 %, so the product that crosses the line is still A (the usual convention).

XYZ uses the coefficient of variation (std / mean) of weekly demand: X <= 0.5 (steady), Y <= 1.0
(variable), Z above (erratic or intermittent, or no demand at all). Weekly, not daily, buckets: daily
counts of a slow seller are mostly Poisson noise and would put every such product in Z. Days with a
stockout do not count as demand; a week's total is scaled up from the days it was observed.
"""

from __future__ import annotations

import numpy as np

from inference.forecast.panel import FloatArray

A_SHARE = 0.80
B_SHARE = 0.95
X_MAX_CV = 0.5
Y_MAX_CV = 1.0


def abc_classes(values: FloatArray) -> list[str]:
    """A/B/C per product from its sales value; ties keep input order."""
    values = np.maximum(np.asarray(values, dtype=np.float64), 0.0)
    total = float(values.sum())
    if total <= 0:
        return ["C"] * len(values)
    order = np.argsort(-values, kind="stable")
    before = np.concatenate([[0.0], np.cumsum(values[order])[:-1]]) / total
    classes = np.where(before < A_SHARE, "A", np.where(before < B_SHARE, "B", "C"))
    out = np.empty(len(values), dtype=object)
    out[order] = classes
    # a product that sold nothing is C whatever its rank
    out[values <= 0] = "C"
    return [str(c) for c in out]


def weekly_cv(demand: FloatArray, weeks: int = 13) -> FloatArray:
    """CV of weekly demand over the last `weeks` full weeks of (products, days); NaN days = unobserved.

    Weeks with fewer than 4 observed days are left out; NaN when fewer than 4 weeks remain.
    """
    n, t = demand.shape
    days = min(t, weeks * 7) // 7 * 7
    window = demand[:, t - days :].reshape(n, days // 7, 7)
    observed = np.isfinite(window).sum(axis=2)
    totals = np.where(np.isfinite(window), window, 0.0).sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        weekly = np.where(observed >= 4, totals * 7.0 / np.maximum(observed, 1), np.nan)
    usable = np.isfinite(weekly).sum(axis=1)
    mean = np.nansum(weekly, axis=1) / np.maximum(usable, 1)
    sq = np.nansum((weekly - mean[:, None]) ** 2, axis=1) / np.maximum(usable - 1, 1)
    with np.errstate(invalid="ignore", divide="ignore"):
        cv = np.where(mean > 0, np.sqrt(sq) / mean, np.inf)
    out: FloatArray = np.where(usable >= 4, cv, np.nan)
    return out


def xyz_classes(cv: FloatArray) -> list[str]:
    """X/Y/Z per product from its weekly CV; an unknown CV (too little history) counts as Z."""
    return ["X" if c <= X_MAX_CV else "Y" if c <= Y_MAX_CV else "Z" for c in np.nan_to_num(cv, nan=np.inf)]
