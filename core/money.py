"""Money in integer minor units. KRW has no unit below the won; VAT is included in shelf prices."""

from __future__ import annotations

MINOR_UNITS = {"KRW": 0, "JPY": 0, "USD": 2, "EUR": 2}


def vat_included(total: int, rate_bp: int = 1000) -> int:
    """VAT contained in a VAT-inclusive `total` at `rate_bp` basis points, rounded half up (Korean receipts).

    >>> vat_included(11000)
    1000
    """
    if total < 0:
        raise ValueError("total must not be negative")
    return (total * rate_bp + (10000 + rate_bp) // 2) // (10000 + rate_bp)


def format_money(amount: int, currency: str = "KRW", lang: str = "ko") -> str:
    """Format for display: '₩12,300' / '12,300원'; two-decimal currencies get their cents."""
    digits = MINOR_UNITS.get(currency, 2)
    if digits == 0:
        body = f"{amount:,}"
    else:
        sign = "-" if amount < 0 else ""
        whole, frac = divmod(abs(amount), 10**digits)
        body = f"{sign}{whole:,}.{frac:0{digits}d}"
    if currency == "KRW":
        return f"{body}원" if lang == "ko" else f"₩{body}"
    return f"{body} {currency}"
