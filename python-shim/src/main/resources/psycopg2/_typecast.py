"""Typecasting of PostgreSQL text values to Python objects.

Pure Python. A cast function has the signature ``(value, cursor)`` where
`value` is the text the server sent (already decoded: str) or None for NULL.
The parsers read what the server produces with the settings psycopg2 relies
on (DateStyle ISO, IntervalStyle postgres, bytea hex or escape) on fast
paths; dates, times and intervals in any other text are read as psycopg2's
C parsers read them, errors included (integers: see cast_int).

Cursor interface (duck-typed, `cursor` may be None):

``cursor.tzinfo_factory``
    callable making a tzinfo from a ``timedelta`` UTC offset, or None to
    return naive datetimes [``datetime.timezone``].
``cursor.connection.encoding``
    PostgreSQL name of the client encoding, used by the BYTES casters to
    give back the bytes the server sent [UTF8].

Deliberate differences: psycopg2 2.9.5 raises DataError('unable to parse
date') for 'infinity'/'-infinity' items of date and timestamp arrays while it
maps the same values to date.max/datetime.max (documented) as single values;
here array items are mapped as single values are. An interval with 31 or more
fraction digits, on which psycopg2 loops forever, raises OverflowError.

Typecaster objects (``new_type``, ``new_array_type`` and the named ones
below) expose ``name``, ``values`` and are called as ``caster(value,
cursor)``. Their ``_cast`` attribute is the plain cast function, for the
fetch loop: unlike a call to the object it also runs Python cast functions
on NULL, as psycopg2 does when fetching.
"""

import datetime as _dt
import decimal as _decimal

from psycopg2._attributes import c_long, readonly
from psycopg2._exceptions import DataError, Error, InterfaceError, NotSupportedError
from psycopg2._adapt import python_encoding, _arg_type_name

# What psycopg2.extensions exposes of this module.
__all__ = [
    'BINARYARRAY', 'BOOLEAN', 'BOOLEANARRAY', 'BYTES', 'BYTESARRAY', 'DATE',
    'DATEARRAY', 'DATETIMEARRAY', 'DECIMAL', 'DECIMALARRAY', 'FLOAT',
    'FLOATARRAY', 'INTEGER', 'INTEGERARRAY', 'INTERVAL', 'INTERVALARRAY',
    'JSON', 'JSONARRAY', 'JSONB', 'JSONBARRAY', 'LONGINTEGER',
    'LONGINTEGERARRAY', 'PYDATE', 'PYDATEARRAY', 'PYDATETIME',
    'PYDATETIMEARRAY', 'PYDATETIMETZ', 'PYDATETIMETZARRAY', 'PYINTERVAL',
    'PYINTERVALARRAY', 'PYTIME', 'PYTIMEARRAY', 'ROWIDARRAY', 'STRINGARRAY',
    'TIME', 'TIMEARRAY', 'UNICODE', 'UNICODEARRAY',
    'new_type', 'new_array_type', 'string_types', 'binary_types',
]

_date = _dt.date
_time = _dt.time
_datetime = _dt.datetime
_timedelta = _dt.timedelta
_timezone = _dt.timezone


# --- typecaster objects -------------------------------------------------

class Typecaster(object):
    """A binding of PostgreSQL type OIDs to a cast function.

    Not instantiable from Python (as psycopg2's C type): made by new_type,
    new_array_type and _make.
    """
    __slots__ = ('_name', '_values', '_cast', '_base')

    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create 'psycopg2._psycopg.type' instances")

    name = readonly('_name', 'The name of the typecaster.')
    values = readonly('_values', 'The OIDs the typecaster applies to.')

    def __call__(self, *args, **kwargs):
        # psycopg2 parses exactly two positional arguments and ignores keywords
        if len(args) != 2:
            raise TypeError('function takes exactly 2 arguments (%d given)' % len(args))
        value, cursor = args
        if value is None:
            return None
        if isinstance(value, (bytes, bytearray, memoryview)):
            if isinstance(value, bytearray) or (
                    isinstance(value, memoryview) and not value.readonly):
                raise TypeError('argument 1 must be read-only bytes-like object, not %s'
                                % type(value).__name__)
            value = bytes(value).decode(_cursor_codec(cursor))
        elif not isinstance(value, str):
            raise TypeError("a bytes-like object is required, not '%s'"
                            % type(value).__name__)
        return _run_cast(self, value, cursor)

    def _compare(self, other):
        """0 when `other` (a typecaster or a number) shares an OID, else 1."""
        if isinstance(other, Typecaster):
            theirs = other._values
            return 0 if any(v in theirs for v in self._values) else 1
        return 0 if _as_c_long(other) in self._values else 1

    # psycopg2 answers == with "shares an OID" and every other operator
    # (!=, <, >, ...) with its negation.
    def __eq__(self, other):
        return self._compare(other) == 0

    def __ne__(self, other):
        return self._compare(other) != 0

    __lt__ = __le__ = __gt__ = __ge__ = __ne__

    def __hash__(self):
        raise TypeError("unhashable type: 'psycopg2._psycopg.type'")

    def __repr__(self):
        return "<psycopg2._psycopg.type %r at 0x%x>" % (self._name, id(self))

    __str__ = __repr__


Typecaster.__name__ = Typecaster.__qualname__ = 'type'
Typecaster.__module__ = 'psycopg2._psycopg'

def _as_c_long(obj):
    """int(obj) as psycopg2 compares typecasters with numbers (a C long)."""
    try:
        n = int(obj)
    except TypeError:
        # CPython's wording, which GraalPy's int() doesn't share
        raise TypeError("int() argument must be a string, a bytes-like object "
                        "or a real number, not '%s'" % type(obj).__name__) from None
    return c_long(n)


def _make(values, name, cast, base=None):
    self = object.__new__(Typecaster)
    self._values = values
    self._name = name
    self._cast = cast
    self._base = base
    return self


def _no_cast_function(value, cursor):
    raise Error('internal error: no casting function found')


def _run_cast(caster, value, cursor):
    """Call the cast function of `caster` with the cursor's `typecaster`
    attribute naming it meanwhile, as psycopg2 does."""
    if cursor is None or not hasattr(cursor, '_typecaster'):
        return caster._cast(value, cursor)
    previous = cursor._typecaster
    cursor._typecaster = caster
    try:
        return caster._cast(value, cursor)
    finally:
        cursor._typecaster = previous


def new_type(values, name, castobj=None):
    """Create a typecaster converting the PostgreSQL types `values` (a tuple
    of OIDs) with ``castobj(value, cursor)``; register it with register_type.
    """
    if not isinstance(values, tuple):
        raise TypeError('argument 1 must be tuple, not %s' % _arg_type_name(values))
    if not isinstance(name, str):
        raise TypeError('argument 2 must be str, not %s' % _arg_type_name(name))
    return _make(values, name, _no_cast_function if castobj is None else castobj)


def new_array_type(values, name, baseobj):
    """Create a typecaster for arrays (tuple of OIDs `values`) whose items
    are converted with the typecaster `baseobj`."""
    if not isinstance(values, tuple):
        raise TypeError('argument 1 must be tuple, not %s' % _arg_type_name(values))
    if not isinstance(name, str):
        raise TypeError('argument 2 must be str, not %s' % _arg_type_name(name))
    if not isinstance(baseobj, Typecaster):
        raise TypeError('argument 3 must be psycopg2._psycopg.type, not %s'
                        % _arg_type_name(baseobj))
    return _make(values, name, _array_cast(baseobj._cast), baseobj)


# --- helpers --------------------------------------------------------------

def _cursor_codec(cursor):
    conn = getattr(cursor, 'connection', None)
    return python_encoding(getattr(conn, 'encoding', None)) or 'utf-8'


# psycopg2's casters are C functions reading a C string: a NUL ends the text
# for them, and an array item is read from where it starts in the array's
# text (to its end) unless unescaping made it a string of its own.

def _c_string(text):
    """`text` up to its first NUL."""
    nul = text.find('\x00')
    return text if nul < 0 else text[:nul]


# Spaces to str.isspace() (so to int()) but not to C's isspace()
_PYTHON_ONLY_SPACES = ('\x1c', '\x1d', '\x1e', '\x1f')


def _c_literal_int(text):
    """int(text, 0) as PyLong_FromString reads the C string (`text` up to a NUL; no Unicode
    digits or spaces), or None."""
    text = _c_string(text)
    if text.isascii() and not any(c in text for c in _PYTHON_ONLY_SPACES):
        try:
            return int(text, 0)
        except ValueError:
            pass
    return None


def _c_literal_error(text):
    """The ValueError PyLong_FromString(text, base 0) raises: it names the
    base the text's prefix implies and shows the first 200 bytes."""
    text = _c_string(text)
    body = text.lstrip(' \t\n\r\x0b\x0c')
    if body[:1] in ('+', '-'):
        body = body[1:]
    if body[:1] != '0':
        base = 10
    else:
        base = {'x': 16, 'o': 8, 'b': 2}.get(body[1:2].lower())
        if base is None:
            # an old octal literal: base 0, unless its digits misplace a '_'
            digits = body[:len(body) - len(body.lstrip('0123456789_'))]
            base = 10 if '__' in digits or digits.endswith('_') else 0
    raw = text.encode('utf-8')
    if len(raw) > 200:
        # a character cut in two fails to decode, as it does in CPython
        text = raw[:200].decode('utf-8')
    return ValueError('invalid literal for int() with base %d: %r' % (base, text))


# --- scalar casters -------------------------------------------------------

def cast_string(value, cursor):
    return value


def cast_bytes(value, cursor):
    if value is None:
        return None
    return value.encode(_cursor_codec(cursor))


def _boolean_error(rest):
    return InterfaceError("can't parse boolean: '%s'" % _c_string(rest))


def cast_boolean(value, cursor):
    if value is None:
        return None
    c = value[:1]
    if c == 't' or c == 'T':
        return True
    if c == 'f' or c == 'F':
        return False
    raise _boolean_error(value)


def _boolean_item(item, cursor, text, start):
    """cast_boolean for an array item starting at text[start] (start None:
    the item is a string of its own); the error shows the rest of the text."""
    c = item[:1]
    if c == 't' or c == 'T':
        return True
    if c == 'f' or c == 'F':
        return False
    raise _boolean_error(item if start is None else text[start:])


def cast_int(value, cursor):
    if value is None:
        return None
    try:
        # int() reads the server's text as psycopg2 does; not every literal
        # (psycopg2 refuses '010'), but checking costs int[] fetches ~6%
        return int(value)
    except ValueError:
        pass
    # psycopg2 reads a Python literal: '0x1f' is 31
    number = _c_literal_int(value)
    if number is None:
        raise _c_literal_error(value)
    return number


def cast_float(value, cursor):
    if value is None:
        return None
    return float(value)


def _decimal_from_triple():
    """_pydecimal's constructor from (sign, digits, exponent) when decimal is the
    pure-Python module (GraalPy's), else None. Its string parser costs ~0.7 us a
    value there; PostgreSQL's numeric text splits into the triple for a fifth."""
    try:
        import _pydecimal
    except ImportError:
        return None
    if _decimal.Decimal is not _pydecimal.Decimal:
        return None
    return getattr(_pydecimal, '_dec_from_triple', None)


_from_triple = _decimal_from_triple()


def cast_decimal(value, cursor):
    if value is None:
        return None
    if _from_triple is not None:
        # '[-]digits[.digits]', as numeric_out writes it; anything else is parsed
        # by Decimal itself (NaN, Infinity, a user's own text)
        whole, _, frac = value.partition('.')
        sign = 0
        if whole[:1] == '-':
            sign = 1
            whole = whole[1:]
        digits = whole + frac
        if whole and digits.isascii() and digits.isdigit():
            return _from_triple(sign, digits.lstrip('0') or '0', -len(frac))
    try:
        return _decimal.Decimal(value)
    except _decimal.InvalidOperation:
        # the words of CPython's C decimal, which psycopg2 users see
        raise _decimal.InvalidOperation("[<class 'decimal.ConversionSyntax'>]") from None


def cast_json(value, cursor):
    if value is None:
        return None
    import json  # at the first json value: the module costs start-up time on GraalPy
    return json.loads(value)


_HEXDIGITS = frozenset('0123456789abcdefABCDEF')


def _unescape_bytea(value):
    if value[:2] == '\\x':
        try:
            return bytes.fromhex(value[2:])
        except ValueError:
            digits = ''.join(c for c in value[2:] if c in _HEXDIGITS)
            return bytes.fromhex(digits[:len(digits) // 2 * 2])
    if '\\' not in value:
        return value.encode('latin1')
    out = bytearray()
    i = 0
    n = len(value)
    while i < n:
        c = value[i]
        if c != '\\':
            out += c.encode('latin1')
            i += 1
            continue
        nxt = value[i + 1:i + 4]
        if nxt[:1] == '\\':
            out.append(0x5c)
            i += 2
        elif len(nxt) == 3 and nxt.isdigit() and '8' not in nxt and '9' not in nxt:
            out.append(int(nxt, 8) & 0xff)
            i += 4
        else:
            i += 1
    return bytes(out)


def cast_binary(value, cursor):
    if value is None:
        return None
    return memoryview(_unescape_bytea(value))


# --- date and time --------------------------------------------------------
#
# psycopg2 reads dates, times and intervals with small C scanners that take
# far more than PostgreSQL sends and give definite, if odd, results for it.
# Each caster reads the shapes the server sends on a fast path and hands any
# other text to a re-creation of psycopg2's scanner (worked out by probing
# psycopg2 2.9.5), so that hand-fed text gets psycopg2's values and errors.

_INT_MAX = 2 ** 31 - 1


def _c_int(n):
    """`n` wrapped to a 32-bit C int, as psycopg2's accumulators overflow."""
    return ((n + 0x80000000) & 0xFFFFFFFF) - 0x80000000


def _digit_value(c):
    """What psycopg2's date and time scanners add for the byte `c` (a signed
    C char), which they take for a digit whatever it is."""
    return c - 304 if c > 127 else c - 48


# CPython's datetime words its errors its own way (GraalPy's says e.g.
# "('year must be in 1..9999', 10000)"): psycopg2's users see CPython's.

def _date_error(y, m, d):
    if not 1 <= y <= 9999:
        return ValueError('year %d is out of range' % y)
    if not 1 <= m <= 12:
        return ValueError('month must be in 1..12')
    return ValueError('day is out of range for month')


def _time_error(h, mi, s, us):
    if not 0 <= h <= 23:
        return ValueError('hour must be in 0..23')
    if not 0 <= mi <= 59:
        return ValueError('minute must be in 0..59')
    if not 0 <= s <= 59:
        return ValueError('second must be in 0..59')
    return ValueError('microsecond must be in 0..999999')


def _datetime_error(y, mo, d, h, mi, s, us):
    try:
        _date(y, mo, d)
    except ValueError:
        return _date_error(y, mo, d)
    return _time_error(h, mi, s, us)


def _make_timedelta(days, seconds, micros):
    try:
        return _timedelta(days, seconds, micros)
    except OverflowError:
        # CPython normalizes to whole days, which must fit a C int
        total_days = ((days * 86400 + seconds) * 1000000 + micros) // 86400000000
        if -_INT_MAX - 1 <= total_days <= _INT_MAX:
            message = 'days=%d; must have magnitude <= 999999999' % total_days
        else:
            message = 'Python int too large to convert to C int'
        raise OverflowError(message) from None


def _timedelta_maker():
    """A maker of timedeltas like _make_timedelta, skipping the checks of the
    pure-Python datetime's constructor (GraalPy's: ~1.5 us a value, most of
    the cost of an interval) by setting its slots; None where the class isn't
    that one."""
    if getattr(_timedelta, '__slots__', None) != ('_days', '_seconds', '_microseconds', '_hashcode'):
        return None
    new = object.__new__

    def make(days, seconds, micros):
        carry, micros = divmod(micros, 1000000)
        carry, seconds = divmod(seconds + carry, 86400)
        days += carry
        if not -999999999 <= days <= 999999999:
            return _make_timedelta(days, seconds, micros)
        delta = new(_timedelta)
        delta._days = days
        delta._seconds = seconds
        delta._microseconds = micros
        delta._hashcode = -1
        return delta
    try:
        if make(-1, 86399, 999999) == _timedelta(microseconds=-1):
            return make
    except Exception:
        pass
    return None


_new_timedelta = _timedelta_maker() or _make_timedelta


_tz_cache = {}


def _fixed_timezone(seconds):
    offset = _timedelta(seconds=seconds)
    try:
        return _timezone(offset)
    except ValueError:
        raise ValueError('offset must be a timedelta strictly between -timedelta(hours=24) '
                         'and timedelta(hours=24), not %r.' % (offset,)) from None


def _tzinfo(cursor, seconds):
    """The tzinfo for a UTC offset, from the cursor's tzinfo_factory."""
    factory = getattr(cursor, 'tzinfo_factory', _timezone)
    if factory is _timezone:
        tz = _tz_cache.get(seconds)
        if tz is None:
            tz = _tz_cache[seconds] = _fixed_timezone(seconds)
        return tz
    if factory is None:
        return None
    tz = factory(_timedelta(seconds=seconds))
    if tz is not None and not isinstance(tz, _dt.tzinfo):
        # CPython's datetime wording (GraalPy's omits the type)
        raise TypeError("tzinfo argument must be None or of a tzinfo subclass, "
                        "not type '%s'" % type(tz).__name__)
    return tz


# Microseconds per unit of the last digit of a fraction of 1 to 6 digits
_FRACTION_SCALE = (None, 100000, 10000, 1000, 100, 10, 1)


# The fast paths read fixed-width fields with int(), which also takes signs,
# spaces, '_' and non-ASCII digits where psycopg2's scanners don't; but in an
# ASCII text a field of 10 or more (a year of 1000 or more) is all digits, and
# a smaller one is if it starts with '0' (or is '0 ', which psycopg2 reads as
# 0 in a time, where it skips spaces; a day or month of 0 goes the slow way).

def _time_field(value, i):
    """The number of the two-character time field at value[i], else None."""
    try:
        n = int(value[i:i + 2])
    except ValueError:
        return None
    return n if n >= 10 or value[i] == '0' else None


def _offset_fast(value, i, n):
    """Seconds east of UTC of the '+hh[:mm[:ss]]' (or '-') filling
    value[i:n], else None."""
    sign = value[i]
    fields = n - i
    if (sign != '+' and sign != '-') or (fields != 3 and fields != 6 and fields != 9):
        return None
    hours = _time_field(value, i + 1)
    minutes = _time_field(value, i + 4) if fields > 3 else 0
    seconds = _time_field(value, i + 7) if fields > 6 else 0
    if (hours is None or minutes is None or seconds is None
            or fields > 3 and value[i + 3] != ':' or fields > 6 and value[i + 6] != ':'):
        return None
    offset = hours * 3600 + minutes * 60 + seconds
    return -offset if sign == '-' else offset


def _fraction_fast(value, i, n):
    """(microseconds, end) of the '.f' (1 to 6 digits) at value[i], (0, i)
    without one, None for more digits or none."""
    if i == n or value[i] != '.':
        return 0, i
    end = i + 1
    while end < n and '0' <= value[end] <= '9':
        end += 1
    digits = end - i - 1
    if not 0 < digits <= 6:
        return None
    return int(value[i + 1:end]) * _FRACTION_SCALE[digits], end


def _time_fast(value):
    """(hour, minute, second, microsecond, UTC offset or None) of
    'hh:mm:ss[.ffffff][+hh[:mm[:ss]]]' (the shape the server sends), else None."""
    n = len(value)
    if n < 8 or value[2] != ':' or value[5] != ':' or not value.isascii():
        return None
    h = _time_field(value, 0)
    mi = _time_field(value, 3)
    s = _time_field(value, 6)
    fraction = _fraction_fast(value, 8, n)
    if h is None or mi is None or s is None or s > 59 or fraction is None:
        return None
    us, i = fraction
    offset = None
    if i < n:
        offset = _offset_fast(value, i, n)
        if offset is None:
            return None
    return (0 if h == 24 else h), mi, s, us, offset


def _scan_date(b, i, n):
    """psycopg2's date scan of the bytes b[i:n]: three numbers, each ended by
    '-', ' ' or 'T' (the last may end the text instead); any other byte
    counts as a digit. 'BC' ending the text negates the year. Returns
    (numbers read, year, month, day, where the scan stopped)."""
    fields = [0, 0, 0]
    count = 0
    acc = -1  # no digit yet; as in C, stray bytes can also sum to -1
    while i < n and count < 3:
        c = b[i]
        if c == 0:
            break
        i += 1
        if c == 45 or c == 32 or c == 84:  # '-', ' ', 'T'
            fields[count] = acc
            count += 1
            acc = -1
        else:
            acc = _c_int((0 if acc == -1 else acc * 10) + _digit_value(c))
    if acc != -1:
        fields[2] = acc
        count += 1
    year = fields[0]
    if n - i >= 2 and b[n - 2] == 66 and b[n - 1] == 67:  # 'BC'
        year = _c_int(-year)
    return count, year, fields[1], fields[2], i


def _scan_time(b, i, n):
    """psycopg2's time scan of the bytes b[i:n]: 'h:m:s[.f][+|-h[:m[:s]]]'
    where ':' may also end the fraction; ' ', 'B' and 'C' are skipped and
    any other byte counts as a digit. Returns (fields read, or -1 for a
    misplaced separator; hour, minute, second, microsecond, UTC offset)."""
    fields = [0, 0, 0, 0, 0, 0, 0]  # h, m, s, fraction, offset h, m, s
    count = 0
    acc = -1
    offset_sign = 1
    fraction_digits = 0
    while i < n:
        c = b[i]
        if c == 0:
            break
        i += 1
        if c == 58:  # ':'
            if count == 6:
                return -1, 0, 0, 0, 0, 0
            fields[count] = acc
            count += 1
            acc = -1
        elif c == 46:  # '.'
            if count != 2:
                return -1, 0, 0, 0, 0, 0
            fields[2] = acc
            count = 3
            acc = -1
        elif c == 43 or c == 45:  # '+', '-'
            if count != 2 and count != 3:
                return -1, 0, 0, 0, 0, 0
            if c == 45:
                offset_sign = -1
            fields[count] = acc
            count = 4
            acc = -1
        elif c != 32 and c != 66 and c != 67:  # ' ', 'B', 'C'
            acc = _c_int((0 if acc == -1 else acc * 10) + _digit_value(c))
            if count == 3:
                fraction_digits += 1
    if acc != -1:
        fields[count] = acc
        if count < 6:
            count += 1
    us = fields[3]
    if us != 0:
        while fraction_digits < 6:
            us = _c_int(us * 10)
            fraction_digits += 1
    hour = fields[0]
    offset = _c_int(offset_sign * (3600 * fields[4] + 60 * fields[5] + fields[6]))
    return count, (0 if hour == 24 else hour), fields[1], fields[2], us, offset


def _carry_second(mi, s):
    """psycopg2 carries a second past 59 into the minute."""
    return (_c_int(mi + 1), s - 60) if s > 59 else (mi, s)


def _date_fast(value):
    """The date of 'YYYY-MM-DD' (the shape the server sends), else None."""
    if len(value) != 10 or value[4] != '-' or value[7] != '-' or not value.isascii():
        return None
    try:
        y = int(value[:4])
        m = int(value[5:7])
        d = int(value[8:])
    except ValueError:
        return None
    if (y < 1000 and not value[:4].isdigit() or m < 10 and (m < 1 or value[5] != '0')
            or d < 10 and (d < 1 or value[8] != '0')):
        return None
    try:
        return _date(y, m, d)
    except ValueError:
        raise _date_error(y, m, d) from None


def cast_date(value, cursor):
    if value is None:
        return None
    date = _date_fast(value)
    if date is not None:
        return date
    text = _c_string(value)
    if text == 'infinity':
        return _date.max
    if text == '-infinity':
        return _date.min
    b = value.encode('utf-8')
    count, y, m, d, _ = _scan_date(b, 0, len(b))
    if count != 3:
        raise DataError('unable to parse date')
    try:
        return _date(y, m, d)
    except ValueError:
        raise _date_error(y, m, d) from None


def cast_time(value, cursor):
    if value is None:
        return None
    clock = _time_fast(value)
    if clock is not None:
        h, mi, s, us, offset = clock
        count = 3 if offset is None else 5
    else:
        b = value.encode('utf-8')
        count, h, mi, s, us, offset = _scan_time(b, 0, len(b))
        if count < 3:
            raise DataError('unable to parse time')
        mi, s = _carry_second(mi, s)
    tz = _tzinfo(cursor, offset) if count >= 5 else None
    try:
        return _time(h, mi, s, us, tz)
    except ValueError:
        raise _time_error(h, mi, s, us) from None


def _timestamp_fast(value, cursor):
    """The datetime of 'YYYY-MM-DD hh:mm:ss[.ffffff][+hh[:mm[:ss]]]', the
    shape the server sends (aware if it has an offset); None for any other
    text. Written out in one piece: this is the hot path of timestamps."""
    n = len(value)
    if not (n >= 19 and value[4] == '-' and value[7] == '-' and value[10] == ' '
            and value[13] == ':' and value[16] == ':' and value.isascii()):
        return None
    try:
        y = int(value[:4])
        mo = int(value[5:7])
        d = int(value[8:10])
        h = int(value[11:13])
        mi = int(value[14:16])
        s = int(value[17:19])
    except ValueError:
        return None
    if (y < 1000 and not value[:4].isdigit() or mo < 10 and (mo < 1 or value[5] != '0')
            or d < 10 and (d < 1 or value[8] != '0') or h < 10 and value[11] != '0'
            or mi < 10 and value[14] != '0' or s < 10 and value[17] != '0' or s > 59):
        return None
    us = 0
    i = 19
    if n > 19 and value[19] == '.':
        i = 20
        while i < n and '0' <= value[i] <= '9':
            i += 1
        if not 20 < i <= 26:
            return None
        us = int(value[20:i]) * _FRACTION_SCALE[i - 20]
    tz = None
    if i < n:
        offset = _offset_fast(value, i, n)
        if offset is None:
            return None
        tz = _tzinfo(cursor, offset)
    if h == 24:
        h = 0
    try:
        return _datetime(y, mo, d, h, mi, s, us, tz)
    except ValueError:
        raise _datetime_error(y, mo, d, h, mi, s, us) from None


def _timestamp_slow(value, cursor):
    """psycopg2's reading of a timestamp's text other than 'infinity' and
    '-infinity' (aware if it has an offset)."""
    b = value.encode('utf-8')
    n = len(b)
    count, y, mo, d, i = _scan_date(b, 0, n)
    if count != 3:
        raise DataError('unable to parse date')
    h = mi = s = us = 0
    tz = None
    if i < n:
        count, h, mi, s, us, offset = _scan_time(b, i, n)
        if count < 3:
            raise DataError('unable to parse time')
        mi, s = _carry_second(mi, s)
        if count >= 5:
            tz = _tzinfo(cursor, offset)
    try:
        return _datetime(y, mo, d, h, mi, s, us, tz)
    except ValueError:
        raise _datetime_error(y, mo, d, h, mi, s, us) from None


def cast_timestamp(value, cursor):
    """timestamp (aware anyway if the text has an offset)."""
    if value is None:
        return None
    dt = _timestamp_fast(value, cursor)
    if dt is not None:
        return dt
    text = _c_string(value)
    if text == 'infinity':
        return _datetime.max
    if text == '-infinity':
        return _datetime.min
    return _timestamp_slow(value, cursor)


_UTC = _timezone.utc


def cast_timestamptz(value, cursor):
    """timestamptz: the tzinfo comes from the cursor's tzinfo_factory."""
    if value is None:
        return None
    dt = _timestamp_fast(value, cursor)
    if dt is not None:
        return dt
    text = _c_string(value)
    if text == 'infinity' or text == '-infinity':
        dt = _datetime.max if text == 'infinity' else _datetime.min
        factory = getattr(cursor, 'tzinfo_factory', _timezone)
        # psycopg2 uses UTC here whatever the factory, naive without one.
        return dt if factory is None else dt.replace(tzinfo=_UTC)
    return _timestamp_slow(value, cursor)


# --- interval -----------------------------------------------------------

# Days in the units IntervalStyle 'postgres' writes, which come largest first
_INTERVAL_UNIT_DAYS = {'years': 365, 'year': 365, 'mons': 30, 'mon': 30, 'days': 1, 'day': 1}


def _interval_fast(value):
    """The timedelta of '[N years] [N mons] [N days] [[+|-]h:mm:ss[.ffffff]]'
    (signed numbers), the shape IntervalStyle 'postgres' writes; None for
    any other text. Years are 365 days, months 30, as psycopg2 has them."""
    if not value.isascii():
        return None
    tokens = value.split(' ')
    last = len(tokens) - 1
    days = 0
    larger_unit = 366
    i = 0
    while i < last:
        unit = _INTERVAL_UNIT_DAYS.get(tokens[i + 1])
        if unit is None or unit >= larger_unit:
            return None
        larger_unit = unit
        number = tokens[i]
        sign = number[:1]
        if sign == '-' or sign == '+':
            number = number[1:]
        if not number.isdigit():
            return None
        number = int(number)
        if number > _INT_MAX:
            return None
        days += -number * unit if sign == '-' else number * unit
        i += 2
    seconds = micros = 0
    if i == last:
        clock = tokens[i]
        sign = clock[:1]
        if sign == '-' or sign == '+':
            clock = clock[1:]
        hms = clock.split(':')
        if len(hms) != 3:
            return None
        h, m, s = hms
        dot = s.find('.')
        if dot >= 0:
            fraction = s[dot + 1:]
            s = s[:dot]
            if not 0 < len(fraction) <= 6 or not fraction.isdigit():
                return None
            micros = int(fraction) * _FRACTION_SCALE[len(fraction)]
        if not (h.isdigit() and m.isdigit() and s.isdigit()):
            return None
        h = int(h)
        m = int(m)
        s = int(s)
        if h > _INT_MAX or m > _INT_MAX or s > _INT_MAX:
            return None
        seconds = h * 3600 + m * 60 + s
        if sign == '-':
            seconds = -seconds
            micros = -micros
    return _new_timedelta(days, seconds, micros)


def _round_half_away(x):
    """C's round() of a non-negative double."""
    n = int(x)
    return n + 1 if x - n >= 0.5 else n


def _interval_slow(item, rest):
    """psycopg2's reading of any interval text `item`; `rest` is the C string
    psycopg2 reads as a number of microseconds: the text itself, or for an
    array item the array's text from the item on.

    A text that is a number of microseconds (a Python literal, if a timedelta
    can hold it) is one. Otherwise psycopg2 scans the characters: digits make
    a number, '-' makes the next field negative; a 'y', 'm' or 'd' (once
    each, in this order) ends the years, months or days and skips the rest of
    the word; ':' ends the hours then the minutes, '.' the seconds; anything
    else is skipped. A text with no field found is read as microseconds
    again, which then fails.
    """
    micros = _c_literal_int(rest)
    if micros is not None:
        try:
            return _timedelta(microseconds=micros)
        except OverflowError:
            pass
    number = 0
    sign = 1
    part = 0  # fields read: 1 years, 2 months, 3 days, 4 hours, 5 minutes,
    #           6 seconds (the fraction follows)
    scale = 1  # 10 ** fraction digits, in a C int that overflows
    years = months = days = hours = minutes = seconds = 0
    n = len(item)
    i = 0
    while i < n:
        c = item[i]
        if '0' <= c <= '9':
            number = number * 10 + ord(c) - 48
            if number > _INT_MAX:
                raise OverflowError('interval component too big')
            if part == 6:
                scale = _c_int(scale * 10)
        elif c == '-':
            sign = -1
        elif (c == 'y' and part == 0) or (c == 'm' and part <= 1) or (c == 'd' and part <= 2):
            if c == 'y':
                years = number * sign
                part = 1
            elif c == 'm':
                months = number * sign
                part = 2
            else:
                days = number * sign
                part = 3
            number = 0
            sign = 1
            # the rest of the word goes, and the space (or NUL) after it
            i += 1
            while i < n and item[i] != ' ' and item[i] != '\x00':
                i += 1
        elif c == ':':
            if part <= 3:
                hours = number
                part = 4
                number = 0
            elif part == 4:
                minutes = number
                part = 5
                number = 0
        elif c == '.':
            if part == 5:
                seconds = number
                part = 6
                number = 0
        elif c == 'P':
            raise NotSupportedError('iso_8601 intervalstyle currently not supported')
        elif c == '\x00':
            break
        i += 1
    if part == 0:
        if micros is None:  # read at the start: a bare number of microseconds
            raise _c_literal_error(rest)
        return _new_timedelta(0, 0, micros)
    micros = 0
    if part == 4:
        minutes = number
    elif part == 5:
        seconds = number
    elif part == 6:
        micros = number
        if scale < 1000000:
            # scaled up by tens until the C int scale reaches 10 ** 6 ...
            while True:
                micros *= 10
                scale = _c_int(scale * 10)
                if scale >= 1000000:
                    break
                if scale == 0:
                    # ... which 31 digits or more never do: psycopg2 loops forever
                    raise OverflowError('interval component too big')
        elif scale > 1000000:
            micros = _round_half_away(micros / scale * 1000000.0)
    seconds += 60 * minutes + 3600 * hours
    if sign < 0:
        seconds = -seconds
        micros = -micros
    return _new_timedelta(days + 30 * months + 365 * years, seconds, micros)


def cast_interval(value, cursor):
    """interval: years are 365 days, months 30 days; the time part may exceed
    24 hours. IntervalStyle 'postgres' is read as meant; psycopg2's scanner
    gives other styles odd values, which this reproduces."""
    if value is None:
        return None
    delta = _interval_fast(value)
    return delta if delta is not None else _interval_slow(value, value)


def _interval_item(item, cursor, text, start):
    """cast_interval for an array item starting at text[start] (start None:
    the item is a string of its own)."""
    delta = _interval_fast(item)
    if delta is not None:
        return delta
    return _interval_slow(item, item if start is None else text[start:])


# --- arrays ---------------------------------------------------------------

_ITEM_CASTS = {cast_boolean: _boolean_item, cast_interval: _interval_item}


def _unescape_item(s):
    # In array items a backslash quotes the character after it.
    out = []
    i = 0
    n = len(s)
    while i < n:
        j = s.find('\\', i)
        if j < 0:
            out.append(s[i:])
            break
        out.append(s[i:j])
        out.append(s[j + 1:j + 2])
        i = j + 2
    return ''.join(out)


def _quoted_end(s, i):
    """Index of the '"' closing the quoted item opened at s[i]."""
    j = i + 1
    n = len(s)
    while j < n:
        c = s[j]
        if c == '\\':
            j += 2
        elif c == '"':
            return j
        else:
            j += 1
    return n


def _unquoted_end(s, i):
    """Index of the ',' or '}' ending the unquoted item starting at s[i]."""
    n = len(s)
    j = i
    while j < n:
        c = s[j]
        if c == ',' or c == '}':
            return j
        j += 2 if c == '\\' else 1
    return n


def _parse_array(s, start, cast, cursor, item_cast=None):
    """Parse the array text from the '{' at `start`; return (list, end).
    `item_cast`, if given, is called instead of `cast` as
    item_cast(item, cursor, s, where the item starts in s or None)."""
    out = []
    append = out.append
    n = len(s)
    i = start + 1
    if i < n and s[i] == '}':
        return out, i + 1
    while i < n:
        c = s[i]
        if c == '{':
            sub, i = _parse_array(s, i, cast, cursor, item_cast)
            append(sub)
        elif c == '"':
            j = s.find('"', i + 1)
            item = s[i + 1:j] if j >= 0 else s[i + 1:]
            item_start = i + 1
            if '\\' in item:
                j = _quoted_end(s, i)
                item = _unescape_item(s[i + 1:j])
                item_start = None
            append(cast(item, cursor) if item_cast is None
                   else item_cast(item, cursor, s, item_start))
            i = j + 1 if j >= 0 else n
        else:
            j = s.find(',', i)
            k = s.find('}', i)
            if j < 0 or 0 <= k < j:
                j = k if k >= 0 else n
            item = s[i:j]
            item_start = i
            if '\\' in item:
                j = _unquoted_end(s, i)
                item = _unescape_item(s[i:j])
                item_start = None
            elif len(item) == 4 and item.upper() == 'NULL':
                item = None
            if j >= n:
                # an item the text ends in, unterminated: psycopg2 drops it
                return out, n
            if item is None or item_cast is None:
                append(cast(item, cursor))
            else:
                append(item_cast(item, cursor, s, item_start))
            i = j
        if i >= n:
            break
        c = s[i]
        if c == ',':
            i += 1
        elif c == '}':
            return out, i + 1
    # text ending before its closing braces: psycopg2 keeps what it read
    return out, n


def _array_cast(base_cast):
    # Casters of psycopg2's that read past an item's end (see _c_string)
    item_cast = _ITEM_CASTS.get(base_cast)

    def cast_array(value, cursor):
        if value is None:
            return None
        start = 0
        if value[:1] == '[':
            # Dimension decoration '[lo:hi]=': the bounds are not kept.
            start = value.find(']') + 2
        if value[start:start + 1] != '{':
            raise DataError("array does not start with '{'")
        if value == '{':
            raise DataError("malformed array: '{'")
        if (start == 0 and value[-1] == '}' and '"' not in value
                and '\\' not in value and '{' not in value[1:]
                and '}' not in value[1:-1]):
            # Flat array of plain items, the common case.
            body = value[1:-1]
            if not body:
                return []
            if item_cast is None:
                return [base_cast(None if len(item) == 4 and item.upper() == 'NULL'
                                  else item, cursor)
                        for item in body.split(',')]
            out = []
            item_start = 1
            for item in body.split(','):
                out.append(None if len(item) == 4 and item.upper() == 'NULL'
                           else item_cast(item, cursor, value, item_start))
                item_start += len(item) + 1
            return out
        rv, end = _parse_array(value, start, base_cast, cursor, item_cast)
        if end != len(value):
            raise DataError('unbalanced braces in array')
        return rv
    return cast_array


# --- the default typecasters ---------------------------------------------

def _t(values, name, cast):
    return _make(values, name, cast)


def _a(values, name, base):
    return _make(values, name, _array_cast(base._cast), base)


# DB-API type objects (psycopg2 module)
STRING = _t((19, 18, 25, 1042, 1043), 'STRING', cast_string)
BINARY = _t((17,), 'BINARY', cast_binary)
NUMBER = _t((20, 23, 21, 701, 700, 1700), 'NUMBER', cast_float)
DATETIME = _t((1114,), 'DATETIME', cast_timestamp)
ROWID = _t((26,), 'ROWID', cast_int)

# psycopg2.extensions
BOOLEAN = _t((16,), 'BOOLEAN', cast_boolean)
BYTES = _t((19, 18, 25, 1042, 1043), 'BYTES', cast_bytes)
DATE = _t((1082,), 'DATE', cast_date)
DECIMAL = _t((1700,), 'DECIMAL', cast_decimal)
FLOAT = _t((701, 700), 'FLOAT', cast_float)
INTEGER = _t((23, 21), 'INTEGER', cast_int)
INTERVAL = _t((704, 1186), 'INTERVAL', cast_interval)
LONGINTEGER = _t((20,), 'LONGINTEGER', cast_int)
TIME = _t((1083, 1266), 'TIME', cast_time)
UNICODE = _t((19, 18, 25, 1042, 1043), 'UNICODE', cast_string)
PYDATE = _t((1082,), 'PYDATE', cast_date)
PYDATETIME = _t((1114,), 'PYDATETIME', cast_timestamp)
PYDATETIMETZ = _t((1184,), 'PYDATETIMETZ', cast_timestamptz)
PYINTERVAL = _t((704, 1186), 'PYINTERVAL', cast_interval)
PYTIME = _t((1083, 1266), 'PYTIME', cast_time)
DATETIMETZ = _t((1184,), 'DATETIMETZ', cast_timestamptz)
UNKNOWN = _t((705,), 'UNKNOWN', cast_string)
JSON = _t((114,), 'JSON', cast_json)
JSONB = _t((3802,), 'JSONB', cast_json)

BINARYARRAY = _a((1001,), 'BINARYARRAY', BINARY)
BOOLEANARRAY = _a((1000,), 'BOOLEANARRAY', BOOLEAN)
BYTESARRAY = _a((1002, 1003, 1009, 1014, 1015), 'BYTESARRAY', BYTES)
DATEARRAY = _a((1182,), 'DATEARRAY', DATE)
DATETIMEARRAY = _a((1115,), 'DATETIMEARRAY', DATETIME)
DATETIMETZARRAY = _a((1185,), 'DATETIMETZARRAY', DATETIMETZ)
DECIMALARRAY = _a((1231,), 'DECIMALARRAY', DECIMAL)
FLOATARRAY = _a((1021, 1022), 'FLOATARRAY', FLOAT)
INTEGERARRAY = _a((1005, 1006, 1007), 'INTEGERARRAY', INTEGER)
INTERVALARRAY = _a((1187,), 'INTERVALARRAY', INTERVAL)
LONGINTEGERARRAY = _a((1016,), 'LONGINTEGERARRAY', LONGINTEGER)
ROWIDARRAY = _a((1028, 1013), 'ROWIDARRAY', ROWID)
STRINGARRAY = _a((1002, 1003, 1009, 1014, 1015), 'STRINGARRAY', STRING)
TIMEARRAY = _a((1183, 1270), 'TIMEARRAY', TIME)
UNICODEARRAY = _a((1002, 1003, 1009, 1014, 1015), 'UNICODEARRAY', UNICODE)
PYDATEARRAY = _a((1182,), 'PYDATEARRAY', PYDATE)
PYDATETIMEARRAY = _a((1115,), 'PYDATETIMEARRAY', PYDATETIME)
PYDATETIMETZARRAY = _a((1185,), 'PYDATETIMETZARRAY', PYDATETIMETZ)
PYINTERVALARRAY = _a((1187,), 'PYINTERVALARRAY', PYINTERVAL)
PYTIMEARRAY = _a((1183, 1270), 'PYTIMEARRAY', PYTIME)
CIDRARRAY = _a((651,), 'CIDRARRAY', STRING)
INETARRAY = _a((1041,), 'INETARRAY', STRING)
MACADDRARRAY = _a((1040,), 'MACADDRARRAY', STRING)
JSONARRAY = _a((199,), 'JSONARRAY', JSON)
JSONBARRAY = _a((3807,), 'JSONBARRAY', JSONB)

#: The global register: OID -> typecaster (psycopg2.extensions.string_types).
string_types = {}
for _caster in (
        BOOLEAN, BINARY, STRING, LONGINTEGER, INTEGER, ROWID, JSON, JSONARRAY,
        CIDRARRAY, FLOAT, INTERVAL, UNKNOWN, BOOLEANARRAY, BINARYARRAY,
        STRINGARRAY, INTEGERARRAY, ROWIDARRAY, LONGINTEGERARRAY, FLOATARRAY,
        MACADDRARRAY, INETARRAY, DATE, TIME, DATETIME, DATETIMEARRAY,
        DATEARRAY, TIMEARRAY, DATETIMETZ, DATETIMETZARRAY, INTERVALARRAY,
        DECIMALARRAY, DECIMAL, JSONB, JSONBARRAY):
    for _oid in _caster.values:
        string_types[_oid] = _caster
del _caster, _oid

#: Typecasters for binary results; psycopg2 registers none (kept for
#: psycopg2.extensions.binary_types).
binary_types = {}
