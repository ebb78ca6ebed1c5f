"""Demand forecasting and replenishment, Qt-free and backend-free.

From daily sales per store x product (`SalesPanel`, with stockout days marked) to forecasts with intervals
(`forecast_panel`: a global gradient-boosting model with baselines chosen per series by backtest) and to
reorder suggestions (`suggest_order`) and ABC/XYZ classes. `backtest.rolling_origin_backtest` scores any
forecaster on past origins; `synthetic.generate` makes test data with stockouts, intermittent demand and new
products.

Import from the submodules: this package imports nothing itself, so a caller that only needs the policy
arithmetic does not pay for scikit-learn and SciPy.
"""
