"""`autostore-owner`: the desktop app for owners, staff and support staff."""
