"""PostgreSQL range types: the Range classes, their adaptation to SQL and the
casting of range text from the server (psycopg2.extras' range API).

Pure Python. Importing the module registers, as psycopg2 does at import,
casters for the built-in range types (int4range, int8range, numrange ->
NumericRange; daterange -> DateRange; tsrange -> DateTimeRange; tstzrange ->
DateTimeTZRange) and their arrays, and adapters for those Range classes.

Range text is read as the server writes it (bounds unquoted, or
double-quoted with "" and backslash escapes) and, for text the server never
writes, as psycopg2 2.9.5 reads it (see _parse_bound).
"""

from psycopg2._exceptions import InterfaceError, ProgrammingError
from psycopg2._adapt import ISQLQuote, adapt, register_adapter
from psycopg2 import _typecast
from psycopg2._typecast import new_type, new_array_type

_BOUNDS = ('[)', '(]', '()', '[]')


class Range(object):
    """Python representation for a PostgreSQL |range|_ type.

    :param lower: lower bound for the range. `!None` means unbound
    :param upper: upper bound for the range. `!None` means unbound
    :param bounds: one of the literal strings ``()``, ``[)``, ``(]``, ``[]``,
        representing whether the lower or upper bounds are included
    :param empty: if `!True`, the range is empty

    """
    __slots__ = ('_lower', '_upper', '_bounds')

    def __init__(self, lower=None, upper=None, bounds='[)', empty=False):
        if empty:
            # An empty range has no bounds at all: all three are None.
            self._lower = self._upper = self._bounds = None
            return
        if bounds not in _BOUNDS:
            raise ValueError("bound flags not valid: %r" % (bounds,))
        self._lower = lower
        self._upper = upper
        self._bounds = bounds

    def __repr__(self):
        if self._bounds is None:
            return "%s(empty=True)" % type(self).__name__
        return "%s(%r, %r, %r)" % (
            type(self).__name__, self._lower, self._upper, self._bounds)

    def __str__(self):
        if self._bounds is None:
            return 'empty'
        return "%s%s, %s%s" % (
            self._bounds[0], self._lower, self._upper, self._bounds[1])

    @property
    def lower(self):
        """The lower bound of the range. `!None` if empty or unbound."""
        return self._lower

    @property
    def upper(self):
        """The upper bound of the range. `!None` if empty or unbound."""
        return self._upper

    @property
    def isempty(self):
        """`!True` if the range is empty."""
        return self._bounds is None

    @property
    def lower_inf(self):
        """`!True` if the range doesn't have a lower bound."""
        return self._bounds is not None and self._lower is None

    @property
    def upper_inf(self):
        """`!True` if the range doesn't have an upper bound."""
        return self._bounds is not None and self._upper is None

    @property
    def lower_inc(self):
        """`!True` if the lower bound is included in the range."""
        return self._lower is not None and self._bounds[0] == '['

    @property
    def upper_inc(self):
        """`!True` if the upper bound is included in the range."""
        return self._upper is not None and self._bounds[1] == ']'

    def __contains__(self, x):
        if self._bounds is None:
            return False
        # The comparisons are the ones psycopg2 makes, in its order: a
        # bound of another type fails the same way.
        if self._lower is not None:
            if self._bounds[0] == '[':
                if x < self._lower:
                    return False
            elif x <= self._lower:
                return False
        if self._upper is not None:
            if self._bounds[1] == ']':
                if x > self._upper:
                    return False
            elif x >= self._upper:
                return False
        return True

    def __bool__(self):
        return self._bounds is not None

    def __eq__(self, other):
        if not isinstance(other, Range):
            return False
        return (self._lower == other._lower and self._upper == other._upper
                and self._bounds == other._bounds)

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return hash((self._lower, self._upper, self._bounds))

    # Ordering is by (lower, upper, bounds), None (empty, unbound) first.
    # It makes ranges sortable; it is not PostgreSQL's range order.
    def __lt__(self, other):
        if not isinstance(other, Range):
            return NotImplemented
        for mine, theirs in ((self._lower, other._lower),
                             (self._upper, other._upper),
                             (self._bounds, other._bounds)):
            if mine == theirs:
                continue
            if mine is None:
                return True
            if theirs is None:
                return False
            return mine < theirs
        return False

    def __le__(self, other):
        if not isinstance(other, Range):
            return NotImplemented
        return self == other or self < other

    def __gt__(self, other):
        if not isinstance(other, Range):
            return NotImplemented
        return other < self

    def __ge__(self, other):
        if not isinstance(other, Range):
            return NotImplemented
        return self == other or other < self

    # With __slots__ and no __dict__, pickle needs the state spelled out;
    # a dict keyed by slot name gives the pickles psycopg2 writes.
    def __getstate__(self):
        return {'_lower': self._lower, '_upper': self._upper,
                '_bounds': self._bounds}

    def __setstate__(self, state):
        self._lower = state['_lower']
        self._upper = state['_upper']
        self._bounds = state['_bounds']


class NumericRange(Range):
    """A `Range` suitable to pass Python numeric types to a PostgreSQL range.

    PostgreSQL types :sql:`int4range`, :sql:`int8range`, :sql:`numrange` are
    casted into `!NumericRange` instances.
    """


class DateRange(Range):
    """Represents :sql:`daterange` values."""


class DateTimeRange(Range):
    """Represents :sql:`tsrange` values."""


class DateTimeTZRange(Range):
    """Represents :sql:`tstzrange` values."""


# --- adaptation -----------------------------------------------------------

class RangeAdapter(object):
    """`ISQLQuote` adapter for `Range` subclasses.

    This is an abstract class: concrete classes must set a `name` class
    attribute or override `getquoted()`.
    """
    name = None

    def __init__(self, adapted):
        self.adapted = adapted

    def __conform__(self, proto):
        # psycopg2 2.9.5 raises AttributeError here (a misspelt attribute);
        # this answers the protocol question instead.
        if proto is ISQLQuote:
            return self
        return None

    def prepare(self, conn):
        self._conn = conn

    def _quoted_bound(self, value):
        if value is None:
            return b'NULL'
        a = adapt(value)
        prepare = getattr(a, 'prepare', None)
        if prepare is not None:
            # Reading self._conn fails, as in psycopg2, when prepare() was
            # not called and the bound needs the connection (strings).
            prepare(self._conn)
        return a.getquoted()

    def getquoted(self):
        """The constructor call ``name(lower, upper, 'bounds')``, or
        ``'empty'::name``."""
        if self.name is None:
            raise NotImplementedError(
                'RangeAdapter must be subclassed overriding its name '
                'or the getquoted() method')
        r = self.adapted
        name = self.name.encode('utf8')
        if r.isempty:
            return b"'empty'::" + name
        return b''.join([
            name, b'(', self._quoted_bound(r.lower), b', ',
            self._quoted_bound(r.upper), b", '", r._bounds.encode('utf8'), b"')"])


class NumberRangeAdapter(RangeAdapter):
    """Adapt a range whose bounds are numbers: a range literal, untyped, so
    the one adapter serves int4range, int8range and numrange."""

    def getquoted(self):
        r = self.adapted
        if r.isempty:
            return b"'empty'"
        lower = '' if r.lower_inf else adapt(r.lower).getquoted().decode('ascii')
        upper = '' if r.upper_inf else adapt(r.upper).getquoted().decode('ascii')
        return ("'%s%s,%s%s'" % (
            r._bounds[0], lower, upper, r._bounds[1])).encode('ascii')


# --- casting --------------------------------------------------------------

def _parse_bound(s, i, ends):
    """Read the bound starting at s[i], ended by one of `ends`: (text, or
    None if unbound, index of the ending character), or (None, -1).

    The server quotes a bound with special characters: "..." with its
    quotes and backslashes doubled. An unquoted bound is taken
    as it is, up to the first ending character (as psycopg2 reads it: the
    lower bound up to the first comma, the upper one up to the first
    closing bracket).
    """
    n = len(s)
    if i < n and s[i] == '"':
        # The server doubles the quotes and backslashes of a quoted bound.
        out = []
        i += 1
        while i < n:
            c = s[i]
            if (c == '"' or c == '\\') and i + 1 < n and s[i + 1] == c:
                out.append(c)
                i += 2
                continue
            i += 1
            if c == '"':
                if i < n and s[i] in ends:
                    return ''.join(out), i
                return None, -1
            out.append(c)
        return None, -1
    j = i
    while j < n and s[j] not in ends:
        if s[j] == '"':
            return None, -1
        j += 1
    if j >= n:
        return None, -1
    # Nothing between the delimiters: no bound (infinite); "" is the empty string.
    return (s[i:j] if j > i else None), j


def _parse_range(s):
    """(lower, upper, bounds) texts of a range literal, or None if the text
    is not one; all None for 'empty'."""
    if s == 'empty':
        return None, None, None
    if not s or s[0] not in '[(':
        return None
    lower, i = _parse_bound(s, 1, ',')
    if i < 0:
        return None
    upper, i = _parse_bound(s, i + 1, ')]')
    if i < 0:
        return None
    # What follows the closing bracket is ignored, as psycopg2 does.
    return lower, upper, s[0] + s[i]


class RangeCaster(object):
    """Helper class to convert between `Range` and PostgreSQL range types.

    Objects of this class are usually created by `register_range()`. Manual
    creation could be useful if querying the database is not advisable: in
    this case the oids must be provided.
    """

    def __init__(self, pgrange, pyrange, oid, subtype_oid, array_oid=None):
        if isinstance(pgrange, str):
            self.adapter = type(pgrange, (RangeAdapter,), {
                '__module__': __name__, '__doc__': None, 'name': pgrange})
        elif (isinstance(pgrange, type) and issubclass(pgrange, RangeAdapter)
                and pgrange is not RangeAdapter):
            self.adapter = pgrange
        else:
            raise TypeError('pgrange must be a string or a RangeAdapter strict subclass')

        if isinstance(pyrange, str):
            self.range = type(pyrange, (Range,), {'__module__': __name__, '__doc__': None})
        elif (isinstance(pyrange, type) and issubclass(pyrange, Range)
                and pyrange is not Range):
            self.range = pyrange
        else:
            raise TypeError('pyrange must be a type or a Range strict subclass')

        self.subtype_oid = subtype_oid
        # psycopg2 names the casters after the adapter's `name`; an adapter
        # without one (NumberRangeAdapter) gives the name of its metaclass,
        # 'type', as psycopg2's int4range caster shows.
        name = self.adapter.name or type(self.adapter).__name__
        self.typecaster = new_type((oid,), name, self.parse)
        if array_oid is not None:
            self.array_typecaster = new_array_type(
                (array_oid,), name + 'ARRAY', self.typecaster)
        else:
            self.array_typecaster = None

    def parse(self, s, cur=None):
        """The range of `self.range` for the range text `s` (None for NULL);
        the bounds are cast with the subtype's caster when a cursor is
        given, left as str otherwise."""
        if s is None:
            return None
        parsed = _parse_range(s)
        if parsed is None:
            raise InterfaceError("failed to parse range: '%s'" % (s,))
        lower, upper, bounds = parsed
        if bounds is None:
            return self.range(empty=True)
        if cur is not None:
            if lower is not None:
                lower = cur.cast(self.subtype_oid, lower)
            if upper is not None:
                upper = cur.cast(self.subtype_oid, upper)
        return self.range(lower, upper, bounds)

    def _register(self, scope=None):
        for caster in (self.typecaster, self.array_typecaster):
            if caster is None:
                continue
            if scope is None:
                for oid in caster.values:
                    _typecast.string_types[oid] = caster
            else:
                # a cursor's register may not exist yet: register_type makes it
                from psycopg2.extensions import register_type
                register_type(caster, scope)
        register_adapter(self.range, self.adapter)


# --- register_range -------------------------------------------------------

def _is_ident_start(c):
    return c.isalpha() or c == '_' or c > '\x7f'


def _is_ident_char(c):
    return c.isalnum() or c == '_' or c == '$' or c > '\x7f'


def _parse_type_name(name):
    """(schema or None, type name) as PostgreSQL reads a possibly qualified,
    possibly double-quoted type name (unquoted names fold to lower case);
    None if `name` is not such a name."""
    parts = []
    s = name
    n = len(s)
    i = 0
    while True:
        while i < n and s[i].isspace():
            i += 1
        if i >= n:
            return None
        if s[i] == '"':
            part = []
            i += 1
            while True:
                j = s.find('"', i)
                if j < 0:
                    return None
                part.append(s[i:j])
                i = j + 1
                if i < n and s[i] == '"':
                    part.append('"')
                    i += 1
                else:
                    break
            part = ''.join(part)
            if not part:
                return None
        elif _is_ident_start(s[i]):
            j = i
            while j < n and _is_ident_char(s[j]):
                j += 1
            # PostgreSQL folds ASCII letters only.
            part = ''.join(chr(ord(c) + 32) if 'A' <= c <= 'Z' else c for c in s[i:j])
            i = j
        else:
            return None
        parts.append(part)
        while i < n and s[i].isspace():
            i += 1
        if i >= n:
            break
        if s[i] != '.':
            return None
        i += 1
    if len(parts) == 1:
        return None, parts[0]
    if len(parts) == 2:
        return parts[0], parts[1]
    return None


# pg_range exists since 9.2, the first version with range types; no
# to_regtype (9.4): the type name is read in Python. A name matches as
# written (a visible type named so) or as PostgreSQL reads it.
_RANGE_QUERY = """\
SELECT t.oid, r.rngsubtype, t.typarray
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_range r ON r.rngtypid = t.oid
JOIN pg_catalog.pg_namespace ns ON ns.oid = t.typnamespace
WHERE (t.typname = %(raw)s AND pg_catalog.pg_type_is_visible(t.oid))
   OR (t.typname = %(name)s AND CASE WHEN %(schema)s IS NULL
        THEN pg_catalog.pg_type_is_visible(t.oid) ELSE ns.nspname = %(schema)s END)
ORDER BY t.typname = %(raw)s DESC
LIMIT 1"""


def _lookup_range(pgrange, conn):
    """(oid, subtype oid, array oid) of the range type `pgrange`."""
    from psycopg2._connection import STATUS_READY
    from psycopg2._cursor import cursor as _cursor_class
    curs = conn.cursor(cursor_factory=_cursor_class)
    # Leave the connection as found: a transaction begun for the lookup
    # alone is ended.
    idle = not conn.autocommit and conn.status == STATUS_READY
    parsed = _parse_type_name(pgrange) or (None, None)
    try:
        curs.execute(_RANGE_QUERY, {'raw': pgrange, 'schema': parsed[0], 'name': parsed[1]})
        row = curs.fetchone()
    finally:
        curs.close()
        if idle and not conn.closed:
            conn.rollback()
    if row is None:
        raise ProgrammingError("PostgreSQL range '%s' not found" % pgrange)
    return row


def register_range(pgrange, pyrange, conn_or_curs, globally=False):
    """Create and register an adapter and the typecasters to convert between
    a PostgreSQL |range|_ type and a PostgreSQL `Range` subclass.

    :param pgrange: the name of the PostgreSQL |range| type. Can be
        schema-qualified
    :param pyrange: a `Range` strict subclass, or just a name to give to a new
        class
    :param conn_or_curs: a connection or cursor used to find the oid of the
        range and its subtype; the typecaster is registered in a scope
        limited to this object, unless *globally* is set to `!True`
    :param globally: if `!False` (default) register the typecaster only on
        *conn_or_curs*, otherwise register it globally
    :return: `RangeCaster` instance responsible for the conversion

    The adapter (Python to SQL) is always registered globally.
    """
    from psycopg2._cursor import cursor as _cursor_class
    if isinstance(conn_or_curs, _cursor_class):
        conn = conn_or_curs.connection
    else:
        conn = conn_or_curs
    oid, subtype_oid, array_oid = _lookup_range(pgrange, conn)
    caster = RangeCaster(pgrange, pyrange, oid, subtype_oid, array_oid or None)
    caster._register(None if globally else conn_or_curs)
    return caster


# --- the built-in range types ---------------------------------------------

register_adapter(NumericRange, NumberRangeAdapter)

# OIDs are fixed in pg_type.dat since PostgreSQL 9.2.
int4range_caster = RangeCaster(NumberRangeAdapter, NumericRange, 3904, 23, 3905)
int8range_caster = RangeCaster(NumberRangeAdapter, NumericRange, 3926, 20, 3927)
numrange_caster = RangeCaster(NumberRangeAdapter, NumericRange, 3906, 1700, 3907)
daterange_caster = RangeCaster('daterange', DateRange, 3912, 1082, 3913)
tsrange_caster = RangeCaster('tsrange', DateTimeRange, 3908, 1114, 3909)
tstzrange_caster = RangeCaster('tstzrange', DateTimeTZRange, 3910, 1184, 3911)

for _caster in (int4range_caster, int8range_caster, numrange_caster):
    for _t in (_caster.typecaster, _caster.array_typecaster):
        _typecast.string_types[_t.values[0]] = _t
for _caster in (daterange_caster, tsrange_caster, tstzrange_caster):
    _caster._register()
del _caster, _t
