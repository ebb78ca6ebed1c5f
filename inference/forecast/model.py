"""The global demand model: one gradient-boosting regressor with a Poisson loss for every series.

It is a direct multi-horizon model: a training row is (series, origin, step) with the features known at the
origin and the demand `step` days later as the target, so a 90-day forecast is one batch of predictions, not
90 recursive steps that feed on their own errors. Rows are sampled from many past origins (each step equally
often) and fitted once for all series.

Targets are demand divided by the row's scale, weighted by that scale: the Poisson deviance of y against
s * m equals s times the deviance of y / s against m, so this is the same likelihood as on raw counts, but
the trees split on shape (weekday, season, price, trend) shared across series of every size.

Censoring: with `censoring_aware` (the default) stockout days are neither targets nor inputs (they are NaN
in the demand view), so an empty shelf never teaches the model that demand was zero.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor
from threadpoolctl import threadpool_limits

from inference.forecast.binning import FeatureQuantizer
from inference.forecast.features import FeatureBuilder
from inference.forecast.panel import FloatArray, IntArray, SalesPanel


@dataclass(frozen=True)
class ModelSettings:
    max_iter: int = 100
    learning_rate: float = 0.15
    max_leaf_nodes: int = 31
    min_samples_leaf: int = 50
    l2_regularization: float = 1.0
    rows_per_series: int = 200  # training rows sampled per series ...
    min_training_rows: int = 50_000  # ... or more for a small panel, whose fit is cheap and otherwise noisy
    max_rows_per_series: int = 2_000
    lookback_days: int = 730  # how far back training origins go
    seed: int = 0
    # OpenMP threads per fit. One: the pipeline runs its two fits side by side instead, and on a busy
    # machine a two-thread fit measured five times slower than a one-thread fit (barrier waits)
    threads: int = 1


class GlobalDemandModel:
    """fit(panel, origin, horizon) then predict(panel, origin, horizon) -> (series, horizon) mean demand."""

    name = "global"

    def __init__(self, settings: ModelSettings | None = None, *, censoring_aware: bool = True) -> None:
        self.settings = settings or ModelSettings()
        self.censoring_aware = censoring_aware
        self._regressor: HistGradientBoostingRegressor | None = None
        self._empty_columns = np.zeros(0, dtype=bool)
        self._quantizer = FeatureQuantizer()
        self.n_training_rows = 0

    def fit(self, panel: SalesPanel, origin: int, horizon: int) -> GlobalDemandModel:
        """Learn from sales up to and including day `origin` only."""
        known = panel.truncated(origin)
        builder = FeatureBuilder(known, censoring_aware=self.censoring_aware, max_horizon=horizon + 1)
        rows, origins, steps = self._sample_rows(known, origin, horizon)
        targets = builder.demand[rows, origins + steps]
        keep = np.isfinite(targets)
        rows, origins, steps, targets = rows[keep], origins[keep], steps[keep], targets[keep]
        if len(rows) == 0:
            raise ValueError("no observed demand to learn from before the origin")
        features, scale = builder.build(rows, origins, steps)
        # a feature with no value at all (last year's sales in a young shop) is constant, not missing:
        # scikit-learn's binning cannot handle a column that is missing throughout
        self._empty_columns = np.asarray(~np.isfinite(features).any(axis=0))
        features[:, self._empty_columns] = 0.0
        self._quantizer = FeatureQuantizer(seed=self.settings.seed).fit(features)
        features = self._quantizer.transform(features)
        s = self.settings
        self._regressor = HistGradientBoostingRegressor(
            loss="poisson",
            max_iter=s.max_iter,
            learning_rate=s.learning_rate,
            max_leaf_nodes=s.max_leaf_nodes,
            min_samples_leaf=s.min_samples_leaf,
            l2_regularization=s.l2_regularization,
            early_stopping=False,
            random_state=s.seed,
        )
        with self._threads():
            self._regressor.fit(features, targets / scale, sample_weight=scale)
        self.n_training_rows = len(rows)
        return self

    def predict(self, panel: SalesPanel, origin: int, horizon: int) -> FloatArray:
        if self._regressor is None:
            raise RuntimeError("fit the model before predicting")
        known = panel.truncated(origin)
        builder = FeatureBuilder(known, censoring_aware=self.censoring_aware, max_horizon=horizon + 1)
        n = known.n_series
        rows = np.repeat(np.arange(n, dtype=np.int64), horizon)
        steps = np.tile(np.arange(1, horizon + 1, dtype=np.int64), n)
        features, scale = builder.build(rows, np.full(len(rows), origin, dtype=np.int64), steps)
        features[:, self._empty_columns] = 0.0
        features = self._quantizer.transform(features)
        with self._threads():
            raw = self._regressor.predict(features)
        mean: FloatArray = (scale * raw).reshape(n, horizon)
        return mean

    def _threads(self) -> threadpool_limits:
        return threadpool_limits(limits=self.settings.threads, user_api="openmp")

    def _sample_rows(
        self, panel: SalesPanel, origin: int, horizon: int
    ) -> tuple[IntArray, IntArray, IntArray]:
        """Equal numbers of each step per series; origins uniform over the days that leave room for it."""
        s = self.settings
        rng = np.random.default_rng(s.seed)
        n = panel.n_series
        per_series = min(max(s.rows_per_series, -(-s.min_training_rows // max(n, 1))), s.max_rows_per_series)
        rows = np.repeat(np.arange(n, dtype=np.int64), per_series)
        steps = rng.integers(1, horizon + 1, size=len(rows))
        earliest = np.maximum(panel.first_day[rows], origin - s.lookback_days)
        latest = origin - steps
        valid = latest >= earliest
        rows, steps, earliest, latest = rows[valid], steps[valid], earliest[valid], latest[valid]
        origins = earliest + np.floor(rng.random(len(rows)) * (latest - earliest + 1)).astype(np.int64)
        return rows, origins, steps
