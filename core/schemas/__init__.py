"""Wire schemas: defined once, used by the backend and every client. The OpenAPI document is the contract."""
