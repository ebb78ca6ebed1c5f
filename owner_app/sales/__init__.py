"""Sales statistics: the report loader (data.py) and its CSV/XLSX export."""
