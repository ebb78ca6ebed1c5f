"""Quantile binning done once, before the gradient-boosting model sees the features.

scikit-learn bins every continuous feature into at most 255 bins before fitting; with sample weights
(which the scaled Poisson target needs) it finds each of the 254 thresholds by a separate weighted
percentile, a sort per threshold per feature: most of the fitting time on two cores. Mapping each column
to at most 255 quantile codes first gives the same trees (codes are monotone in the values, and the model
only ever compares a feature with thresholds) and lets scikit-learn take its cheap path for few distinct
values. Missing values stay missing.
"""

from __future__ import annotations

import numpy as np

from inference.forecast.panel import FloatArray

MAX_BINS = 255
SAMPLE_ROWS = 100_000  # quantiles from at most this many rows, as scikit-learn itself subsamples


class FeatureQuantizer:
    def __init__(self, max_bins: int = MAX_BINS, seed: int = 0) -> None:
        self.max_bins = max_bins
        self.seed = seed
        self.edges: list[FloatArray | None] = []

    def fit(self, features: FloatArray) -> FeatureQuantizer:
        rng = np.random.default_rng(self.seed)
        rows = features
        if len(features) > SAMPLE_ROWS:
            rows = features[rng.choice(len(features), SAMPLE_ROWS, replace=False)]
        levels = np.linspace(0.0, 1.0, self.max_bins + 1)[1:-1]
        self.edges = []
        for column in rows.T:
            values = column[np.isfinite(column)]
            if len(np.unique(values)) <= self.max_bins:
                self.edges.append(None)  # few distinct values: scikit-learn's cheap path already
                continue
            self.edges.append(np.unique(np.quantile(values, levels)))
        return self

    def transform(self, features: FloatArray) -> FloatArray:
        if len(self.edges) != features.shape[1]:
            raise ValueError("fit the quantizer on features with the same columns")
        out = features.copy()
        for j, edges in enumerate(self.edges):
            if edges is None:
                continue
            column = features[:, j]
            finite = np.isfinite(column)
            out[finite, j] = np.searchsorted(edges, column[finite], side="left")
        return out
