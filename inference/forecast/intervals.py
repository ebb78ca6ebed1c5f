"""Prediction intervals from backtest residuals: a negative binomial around each forecast mean.

Daily demand is a count, so the predictive distribution is a negative binomial with the forecast as its
mean and variance mu + alpha * mu^2. The Poisson part is the noise no forecaster removes; alpha carries the
rest (the forecaster's own error and over-dispersion). alpha is fitted per series by the method of moments
on out-of-sample backtest residuals, E[(y - mu)^2 - y] = alpha * E[mu^2], then shrunk towards the pooled
alpha so a series with a short or quiet backtest borrows strength from the others.

Because the outcomes are integers, an interval endpoint is the integer whose tail probability lies nearest
the nominal one (not always the one just beyond it, which would over-cover every interval by about half a
step of probability mass at each end).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import stats

from inference.forecast.panel import BoolArray, FloatArray

SHRINK_DAYS = 28.0  # a series' own backtest counts as much as the pooled estimate after 28 scored days
MAX_DISPERSION = 5.0


@dataclass(frozen=True)
class Dispersion:
    """Per-series alpha and the pooled value used for series with nothing to learn from."""

    alpha: FloatArray
    pooled: float


def fit_dispersion(forecast: FloatArray, actual: FloatArray) -> Dispersion:
    """alpha per series from (series, days) backtest forecasts and actuals (NaN actual = unobserved)."""
    observed = np.isfinite(actual) & np.isfinite(forecast)
    mu = np.where(observed, np.maximum(forecast, 1e-9), 0.0)
    y = np.where(observed, actual, 0.0)
    excess = ((y - mu) ** 2 - y).sum(axis=1)
    mu2 = (mu**2).sum(axis=1)
    total_mu2 = float(mu2.sum())
    pooled = float(np.clip(excess.sum() / total_mu2, 0.0, MAX_DISPERSION)) if total_mu2 > 0 else 0.0
    with np.errstate(invalid="ignore", divide="ignore"):
        own = np.where(mu2 > 0, excess / mu2, pooled)
    weight = observed.sum(axis=1) / (observed.sum(axis=1) + SHRINK_DAYS)
    alpha = np.clip(weight * own + (1.0 - weight) * pooled, 0.0, MAX_DISPERSION)
    return Dispersion(alpha=alpha, pooled=pooled)


def fit_level_dispersion(forecast: FloatArray, actual: FloatArray) -> float:
    """kappa: the relative variance of the error in a forecast's total over the backtest window.

    A forecast whose level is 10 % off is 10 % off every day, so that part of its error adds up over the
    days of a lead time instead of averaging out: Var(total error) = sum(mu) + kappa * sum(mu)^2 + ...
    Pooled over series (the totals of one series give one number each)."""
    observed = np.isfinite(actual) & np.isfinite(forecast)
    total_mu = np.where(observed, forecast, 0.0).sum(axis=1)
    total_y = np.where(observed, actual, 0.0).sum(axis=1)
    denominator = float((total_mu**2).sum())
    if denominator <= 0:
        return 0.0
    excess = float(((total_y - total_mu) ** 2 - total_y).sum())
    return float(np.clip(excess / denominator, 0.0, MAX_DISPERSION))


def variance(mean: FloatArray, alpha: FloatArray) -> FloatArray:
    """Predictive variance per day for (series, days) means and per-series alpha."""
    out: FloatArray = mean + alpha[:, None] * mean**2
    return out


def _by_family(
    poisson: Callable[[FloatArray, BoolArray], FloatArray],
    nbinom: Callable[[FloatArray, FloatArray, BoolArray], FloatArray],
    mean: FloatArray,
    alpha: FloatArray,
) -> FloatArray:
    """Evaluate the Poisson function where alpha is ~0 and the negative binomial one elsewhere (each only
    on its own elements: SciPy's discrete functions are the slow part of the run)."""
    out = np.empty(mean.shape)
    is_poisson = alpha < 1e-6
    if is_poisson.any():
        out[is_poisson] = poisson(mean[is_poisson], is_poisson)
    rest = ~is_poisson
    if rest.any():
        n = 1.0 / alpha[rest]
        out[rest] = nbinom(n, n / (n + mean[rest]), rest)
    return out


def _cdf(x: FloatArray, mean: FloatArray, alpha: FloatArray) -> FloatArray:
    return _by_family(
        lambda mu, at: stats.poisson.cdf(x[at], mu),
        lambda n, p, at: stats.nbinom.cdf(x[at], n, p),
        mean,
        alpha,
    )


def _ppf(q: float, mean: FloatArray, alpha: FloatArray) -> FloatArray:
    return _by_family(
        lambda mu, _at: stats.poisson.ppf(q, mu),
        lambda n, p, _at: stats.nbinom.ppf(q, n, p),
        mean,
        alpha,
    )


def quantile(level: float, mean: FloatArray, alpha: FloatArray) -> FloatArray:
    """The `level` quantile (0 < level < 1) of each day's predictive distribution, as an integer count.

    Below the median it is a lower bound L with P(Y < L) nearest `level`; above, an upper bound U with
    P(Y > U) nearest 1 - `level`.
    """
    mean = np.maximum(mean, 1e-9)
    a = np.ascontiguousarray(np.broadcast_to(alpha[:, None], mean.shape))
    x = _ppf(level, mean, a)  # smallest x with F(x) >= level
    if level < 0.5:
        # lower bound: P(Y < x) = F(x - 1) < level <= F(x) = P(Y < x + 1); keep the nearer
        below, at = _cdf(x - 1, mean, a), _cdf(x, mean, a)
        return np.where(at - level < level - below, x + 1, x)
    # upper bound: P(Y > x) = 1 - F(x) <= 1 - level < 1 - F(x - 1) = P(Y > x - 1); keep the nearer
    below, at = _cdf(x - 1, mean, a), _cdf(x, mean, a)
    return np.where(level - below < at - level, x - 1, x)


def interval(mean: FloatArray, alpha: FloatArray, coverage: float) -> tuple[FloatArray, FloatArray]:
    """Central interval [lower, upper] meant to hold `coverage` of outcomes."""
    tail = (1.0 - coverage) / 2.0
    return quantile(tail, mean, alpha), quantile(1.0 - tail, mean, alpha)
