"""psycopg2.extras: miscellaneous goodies for psycopg2 (the range types)."""

from psycopg2._range import (  # noqa: F401
    Range, NumericRange, DateRange, DateTimeRange, DateTimeTZRange,
    RangeAdapter, RangeCaster, register_range)
