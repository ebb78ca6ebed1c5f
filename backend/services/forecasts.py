"""The forecast job: forecast every store x product, turn the forecasts into reorder suggestions, store both.

One global model per brand (all its stores and products fitted at once), forecasting from yesterday, the
last complete day in the stores' zone. The job replaces the brand's previous forecasts and suggestions in one
transaction, so readers see either the old set or the new one. `autostore forecast run` runs it once; with
`--nightly` it runs every night at a set local time (or call `run_forecasts` from any jobs runner).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
from sqlalchemy import delete, select

from backend.db.models import DemandForecast, ProductSupply, ReorderSuggestion, Store
from backend.db.session import Database
from backend.services.forecast_data import BrandHistory, load_brand_history
from backend.services.forecast_views import resolve_terms
from core.schemas.forecasts import ForecastRunOut
from core.timeutil import local_date, utcnow
from inference.forecast.classify import abc_classes, weekly_cv, xyz_classes
from inference.forecast.pipeline import ForecastRun, PipelineSettings, forecast_panel
from inference.forecast.policy import suggest_order

log = logging.getLogger("autostore.backend.forecasts")


@dataclass(frozen=True)
class _Scores:
    mase: float | None
    wape: float | None
    bias: float | None


def _finite(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def run_forecasts(
    db: Database,
    *,
    store_id: int | None = None,
    horizon: int = 28,
    now: datetime | None = None,
    settings: PipelineSettings | None = None,
) -> list[ForecastRunOut]:
    """Forecast and plan replenishment for one store (or every store), one run per brand."""
    now = now or utcnow()
    with db.read() as s:
        query = select(Store).order_by(Store.id)
        stores = list(s.scalars(query.where(Store.id == store_id) if store_id is not None else query))
    if store_id is not None and not stores:
        raise LookupError(f"store {store_id} not found")
    by_brand: dict[int, list[Store]] = defaultdict(list)
    for store in stores:
        by_brand[store.brand_id].append(store)
    pipeline = settings or PipelineSettings(horizon=horizon)
    return [
        _run_brand(db, brand_id, brand_stores, now, pipeline) for brand_id, brand_stores in by_brand.items()
    ]


def _run_brand(
    db: Database, brand_id: int, stores: list[Store], now: datetime, settings: PipelineSettings
) -> ForecastRunOut:
    started = time.perf_counter()
    origin_day = min(local_date(now, s.timezone) for s in stores) - timedelta(days=1)
    with db.read() as s:
        history = load_brand_history(s, brand_id, stores, origin_day)
        supply = list(s.scalars(select(ProductSupply).where(ProductSupply.brand_id == brand_id)))
    store_ids = [st.id for st in stores]
    if history.panel.n_series == 0:
        _replace(db, store_ids, [], [])
        return ForecastRunOut(
            brand_id=brand_id, store_ids=store_ids, generated_at=now, origin_day=origin_day,
            horizon=settings.horizon, series=0, backtest_mase=None, models={}, suggested_orders=0,
            elapsed_s=time.perf_counter() - started,
        )  # fmt: skip
    run = forecast_panel(history.panel, settings)
    forecasts = _forecast_rows(run, origin_day, now)
    suggestions = _suggestion_rows(run, history, supply, origin_day, now)
    _replace(db, store_ids, forecasts, suggestions)
    scores = run.chosen_backtest
    counts: dict[str, int] = defaultdict(int)
    for name in run.chosen:
        counts[name] += 1
    elapsed = time.perf_counter() - started
    log.info("forecast brand %s: %d series, %.1f s", brand_id, len(run.keys), elapsed)
    return ForecastRunOut(
        brand_id=brand_id,
        store_ids=store_ids,
        generated_at=now,
        origin_day=origin_day,
        horizon=run.horizon,
        series=len(run.keys),
        backtest_mase=_finite(scores.overall_mase) if scores else None,
        models=dict(counts),
        suggested_orders=sum(1 for row in suggestions if row.suggested_qty > 0),
        elapsed_s=round(elapsed, 3),
    )


def _forecast_rows(run: ForecastRun, origin_day: date, now: datetime) -> list[DemandForecast]:
    scores = run.chosen_backtest
    rows = []
    for i, key in enumerate(run.keys):
        per = _Scores(
            _finite(scores.mase[i]) if scores else None,
            _finite(scores.wape[i]) if scores else None,
            _finite(scores.bias[i]) if scores else None,
        )
        rows.append(
            DemandForecast(
                store_id=key.store_id,
                product_id=key.product_id,
                generated_at=now,
                origin_day=origin_day,
                horizon=run.horizon,
                model=run.chosen[i],
                mean=[round(float(v), 3) for v in run.mean[i]],
                p10=[float(v) for v in run.quantiles[0.1][i]],
                p90=[float(v) for v in run.quantiles[0.9][i]],
                p025=[float(v) for v in run.quantiles[0.025][i]],
                p975=[float(v) for v in run.quantiles[0.975][i]],
                backtest_mase=per.mase,
                backtest_wape=per.wape,
                backtest_bias=per.bias,
            )
        )
    return rows


def _suggestion_rows(
    run: ForecastRun, history: BrandHistory, supply: list[ProductSupply], origin_day: date, now: datetime
) -> list[ReorderSuggestion]:
    panel = history.panel
    cv = weekly_cv(panel.demand_view(censoring_aware=True))
    xyz = xyz_classes(cv)
    abc: dict[int, str] = {}
    for store_id in sorted({k.store_id for k in panel.keys}):
        rows = [i for i, k in enumerate(panel.keys) if k.store_id == store_id]
        values = np.array([float(history.revenue_91d.get(panel.keys[i], 0)) for i in rows])
        abc.update(zip(rows, abc_classes(values), strict=True))
    out = []
    for i, key in enumerate(panel.keys):
        product = history.products[key.product_id]
        terms, supplier, unit_cost = resolve_terms(supply, product)
        on_hand = history.on_hand.get(key, 0)
        plan = suggest_order(
            run.mean[i],
            on_hand,
            terms,
            dispersion=float(run.dispersion[i]),
            level_dispersion=run.level_dispersion,
        )
        out.append(
            ReorderSuggestion(
                store_id=key.store_id,
                product_id=key.product_id,
                generated_at=now,
                on_hand=on_hand,
                safety_stock=round(plan.safety_stock, 2),
                reorder_point=round(plan.reorder_point, 2),
                order_up_to=round(plan.order_up_to, 2),
                suggested_qty=plan.suggested_qty,
                reorder_date=(
                    origin_day + timedelta(days=1 + plan.reorder_day)
                    if plan.reorder_day is not None
                    else None
                ),
                abc_class=abc[i],
                xyz_class=xyz[i],
                supplier_name=supplier,
                lead_time_days=terms.lead_time_days,
                review_period_days=terms.review_period_days,
                pack_size=terms.pack_size,
                min_order_qty=terms.min_order_qty,
                service_level=terms.service_level,
                unit_cost=unit_cost,
            )
        )
    return out


def _replace(
    db: Database, store_ids: list[int], forecasts: list[DemandForecast], suggestions: list[ReorderSuggestion]
) -> None:
    with db.write() as s:
        s.execute(delete(DemandForecast).where(DemandForecast.store_id.in_(store_ids)))
        s.execute(delete(ReorderSuggestion).where(ReorderSuggestion.store_id.in_(store_ids)))
        s.add_all(forecasts)
        s.add_all(suggestions)
        s.commit()


def seconds_until(now: datetime, at: str, tz_name: str) -> float:
    """Seconds from `now` to the next `at` (HH:MM) in zone `tz_name` (tomorrow's if today's has passed)."""
    hour, minute = (int(part) for part in at.split(":"))
    local = now.astimezone(ZoneInfo(tz_name))
    target = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if target <= local:
        target = (target + timedelta(days=1)).replace(hour=hour, minute=minute)
    return (target - local).total_seconds()


def run_nightly(
    db: Database, *, at: str = "03:00", tz_name: str = "Asia/Seoul", horizon: int = 28, stop: threading.Event
) -> None:
    """Run the job every night at `at` local time until `stop` is set; a failed night is logged, not fatal."""
    while not stop.wait(seconds_until(utcnow(), at, tz_name)):
        try:
            for summary in run_forecasts(db, horizon=horizon):
                log.info("nightly forecast: %s", summary.model_dump_json())
        except Exception:
            log.exception("nightly forecast failed; trying again tomorrow")
