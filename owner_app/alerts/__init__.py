"""The Alerts page's parts: the list model, the filter bar, the detail panel with the clip player, and the
camera list."""
