"""The forecast page's parts: its data (data.py), the chart (chart.py), the reorder table (reorder.py)."""
