"""Cross-sectional demand levels: what a series should sell judging by its product elsewhere and its store.

A product launched yesterday has no history of its own, but the same product sells in other stores and the
store sells other products. Per day, the prior level of series (s, p) is the product's mean level across
stores times the store's typical ratio to those product means (a geometric mean, so one odd product does
not move it). It only ever reads levels that end on or before the day in question.
"""

from __future__ import annotations

import numpy as np

from inference.forecast.panel import FloatArray, IntArray, SalesPanel


def _group_mean(values: FloatArray, groups: IntArray) -> FloatArray:
    """Mean over the rows of each group, NaN-skipping, broadcast back to (rows, days)."""
    if len(groups) == 0:
        return values.copy()
    observed = np.isfinite(values)
    order = np.argsort(groups, kind="stable")
    sorted_groups = groups[order]
    starts = np.flatnonzero(np.r_[True, sorted_groups[1:] != sorted_groups[:-1]])
    sums = np.add.reduceat(np.where(observed, values, 0.0)[order], starts, axis=0)
    counts = np.add.reduceat(observed[order].astype(np.float64), starts, axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(counts > 0, sums / np.maximum(counts, 1.0), np.nan)
    # row i belongs to the k-th distinct group in sorted order
    position = np.searchsorted(sorted_groups[starts], groups)
    out: FloatArray = means[position]
    return out


def prior_levels(panel: SalesPanel, levels: FloatArray) -> FloatArray:
    """(series, days) prior level from `levels`, a (series, days) matrix of trailing mean demand.

    Falls back to the store's median series level, then to the panel's, where a product is new everywhere.
    """
    stores = np.unique([k.store_id for k in panel.keys], return_inverse=True)[1].astype(np.int64)
    products = np.unique([k.product_id for k in panel.keys], return_inverse=True)[1].astype(np.int64)
    product_level = _group_mean(levels, products)
    with np.errstate(invalid="ignore", divide="ignore"):
        log_ratio = np.log(levels / product_level)
    log_ratio[~np.isfinite(log_ratio)] = np.nan
    store_factor = np.exp(_group_mean(log_ratio, stores))
    store_factor[~np.isfinite(store_factor)] = 1.0
    prior = product_level * store_factor
    store_level = _group_mean(levels, stores)
    positive = np.where(levels > 0, levels, np.nan)
    known = np.isfinite(positive).any(axis=0)  # days before any launch have no level at all
    overall = np.full(levels.shape[1], np.nan)
    overall[known] = np.nanmedian(positive[:, known], axis=0)
    prior = np.where(np.isfinite(prior), prior, store_level)
    prior = np.where(np.isfinite(prior), prior, overall[None, :])
    result: FloatArray = np.where(np.isfinite(prior), prior, 1.0)
    return result
