"""Typecasting of PostgreSQL text values to Python objects.

Pure Python. A cast function has the signature ``(value, cursor)`` where
`value` is the text the server sent (already decoded: str) or None for NULL.
The parsers handle what the server produces with the settings psycopg2
relies on (DateStyle ISO, IntervalStyle postgres, bytea hex or escape).

Cursor interface (duck-typed, `cursor` may be None):

``cursor.tzinfo_factory``
    callable making a tzinfo from a ``timedelta`` UTC offset, or None to
    return naive datetimes [``datetime.timezone``].
``cursor.connection.encoding``
    PostgreSQL name of the client encoding, used by the BYTES casters to
    give back the bytes the server sent [UTF8].

One deliberate difference: psycopg2 2.9.5 raises DataError('unable to parse
date') for 'infinity'/'-infinity' items of date and timestamp arrays while it
maps the same values to date.max/datetime.max (documented) as single values;
here array items are mapped as single values are.

Typecaster objects (``new_type``, ``new_array_type`` and the named ones
below) expose ``name``, ``values`` and are called as ``caster(value,
cursor)``. Their ``_cast`` attribute is the plain cast function, for the
fetch loop: unlike a call to the object it also runs Python cast functions
on NULL, as psycopg2 does when fetching.
"""

import datetime as _dt
import decimal as _decimal

from psycopg2._attributes import readonly
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

_C_LONG_MAX = 2 ** 63 - 1


def _as_c_long(obj):
    """int(obj) as psycopg2 compares typecasters with numbers (a C long)."""
    try:
        n = int(obj)
    except TypeError:
        # CPython's wording, which GraalPy's int() doesn't share
        raise TypeError("int() argument must be a string, a bytes-like object "
                        "or a real number, not '%s'" % type(obj).__name__) from None
    if n > _C_LONG_MAX or n < -_C_LONG_MAX - 1:
        raise OverflowError('Python int too large to convert to C long')
    return n


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


_tz_cache = {}


def _tzinfo(cursor, seconds):
    """The tzinfo for a UTC offset, from the cursor's tzinfo_factory."""
    factory = getattr(cursor, 'tzinfo_factory', _timezone) if cursor is not None else _timezone
    if factory is _timezone:
        tz = _tz_cache.get(seconds)
        if tz is None:
            tz = _tz_cache[seconds] = _timezone(_timedelta(seconds=seconds))
        return tz
    if factory is None:
        return None
    tz = factory(_timedelta(seconds=seconds))
    if tz is not None and not isinstance(tz, _dt.tzinfo):
        # CPython's datetime wording (GraalPy's omits the type)
        raise TypeError("tzinfo argument must be None or of a tzinfo subclass, "
                        "not type '%s'" % type(tz).__name__)
    return tz


def _micros(frac):
    """Microseconds from the digits after the decimal point."""
    n = len(frac)
    if n == 6:
        return int(frac)
    if n < 6:
        return int(frac) * (10 ** (6 - n))
    # psycopg2 reads every digit: 7 digits are too many for a microsecond.
    return int(frac)


# --- scalar casters -------------------------------------------------------

def cast_string(value, cursor):
    return value


def cast_bytes(value, cursor):
    if value is None:
        return None
    return value.encode(_cursor_codec(cursor))


def cast_boolean(value, cursor):
    if value is None:
        return None
    c = value[:1]
    if c == 't' or c == 'T':
        return True
    if c == 'f' or c == 'F':
        return False
    raise InterfaceError("can't parse boolean: '%s'" % value)


def cast_int(value, cursor):
    if value is None:
        return None
    return int(value)


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

def _parse_ymd(s):
    """(year, month, day) from 'YYYY-MM-DD' (year may have more digits)."""
    parts = s.split('-')
    if len(parts) != 3:
        raise DataError('unable to parse date')
    try:
        return int(parts[0]), int(parts[1]), int(parts[2])
    except ValueError:
        raise DataError('unable to parse date')


def cast_date(value, cursor):
    if value is None:
        return None
    if value == 'infinity':
        return _date.max
    if value == '-infinity':
        return _date.min
    bc = value.endswith(' BC')
    if bc:
        value = value[:-3]
    sp = value.find(' ')
    if sp >= 0:
        value = value[:sp]
    y, m, d = _parse_ymd(value)
    if bc:
        y = -y
    if y < 1 or y > 9999:
        # CPython's words; GraalPy's datetime would say it differently
        raise ValueError('year %d is out of range' % y)
    return _date(y, m, d)


def _parse_offset(s, i):
    """UTC offset in seconds of the '+hh[:mm[:ss]]' (or '-') at s[i]."""
    tz = s[i + 1:].split(':')
    try:
        secs = int(tz[0]) * 3600
        if len(tz) > 1:
            secs += int(tz[1]) * 60
            if len(tz) > 2:
                secs += int(tz[2])
    except ValueError:
        raise DataError('unable to parse time')
    return -secs if s[i] == '-' else secs


def _split_tz(s):
    """Split 'hh:mm:ss[.ffffff][+-hh[:mm[:ss]]]' into (time, offset seconds
    or None)."""
    i = s.rfind('+')
    if i < 0:
        i = s.rfind('-')
        if i <= 0:
            return s, None
    return s[:i], _parse_offset(s, i)


def _parse_hms(s):
    """(hour, minute, second, microsecond) from 'hh:mm:ss[.ffffff]'."""
    parts = s.split(':')
    if len(parts) != 3:
        raise DataError('unable to parse time')
    sec = parts[2]
    dot = sec.find('.')
    try:
        if dot >= 0:
            us = _micros(sec[dot + 1:])
            sec = sec[:dot]
        else:
            us = 0
        h = int(parts[0])
        return (0 if h == 24 else h), int(parts[1]), int(sec), us
    except ValueError:
        raise DataError('unable to parse time')


def cast_time(value, cursor):
    if value is None:
        return None
    t, offset = _split_tz(value)
    h, m, s, us = _parse_hms(t)
    if offset is None:
        return _time(h, m, s, us)
    return _time(h, m, s, us, _tzinfo(cursor, offset))


def _parse_timestamp(value, cursor):
    n = len(value)
    if n >= 19 and value[4] == '-' and value[10] == ' ' and value[13] == ':' and value[16] == ':':
        # 'YYYY-MM-DD hh:mm:ss[.ffffff][+hh[:mm[:ss]]]', the common case.
        h = int(value[11:13])
        if n == 19:
            return _datetime(int(value[:4]), int(value[5:7]), int(value[8:10]),
                             0 if h == 24 else h, int(value[14:16]), int(value[17:19]))
        c = value[19]
        if c == '.' or c == '+' or c == '-':
            us = 0
            i = 19
            if c == '.':
                i = 20
                while i < n and '0' <= value[i] <= '9':
                    i += 1
                us = _micros(value[20:i])
            if i == n:
                return _datetime(int(value[:4]), int(value[5:7]), int(value[8:10]),
                                 0 if h == 24 else h, int(value[14:16]), int(value[17:19]), us)
            c = value[i]
            if (c == '+' or c == '-') and value[n - 3:] != ' BC':
                offset = _parse_offset(value, i)
                return _datetime(int(value[:4]), int(value[5:7]), int(value[8:10]),
                                 0 if h == 24 else h, int(value[14:16]), int(value[17:19]), us,
                                 _tzinfo(cursor, offset))
    bc = value.endswith(' BC')
    if bc:
        value = value[:-3]
    sep = value.find(' ')
    if sep < 0:
        sep = value.find('T')
    if sep < 0:
        y, mo, d = _parse_ymd(value)
        return _datetime(-y if bc else y, mo, d)
    y, mo, d = _parse_ymd(value[:sep])
    t, offset = _split_tz(value[sep + 1:])
    h, mi, s, us = _parse_hms(t)
    if bc:
        y = -y
    if offset is None:
        return _datetime(y, mo, d, h, mi, s, us)
    return _datetime(y, mo, d, h, mi, s, us, _tzinfo(cursor, offset))


def cast_timestamp(value, cursor):
    """timestamp (aware anyway if the text has an offset)."""
    if value is None:
        return None
    if value == 'infinity':
        return _datetime.max
    if value == '-infinity':
        return _datetime.min
    return _parse_timestamp(value, cursor)


_UTC = _timezone.utc


def cast_timestamptz(value, cursor):
    """timestamptz: the tzinfo comes from the cursor's tzinfo_factory."""
    if value is None:
        return None
    if value == 'infinity' or value == '-infinity':
        dt = _datetime.max if value == 'infinity' else _datetime.min
        factory = getattr(cursor, 'tzinfo_factory', _timezone) if cursor is not None else _timezone
        # psycopg2 uses UTC here whatever the factory, naive without one.
        return dt if factory is None else dt.replace(tzinfo=_UTC)
    return _parse_timestamp(value, cursor)


_INT_MAX = 2 ** 31 - 1


def cast_interval(value, cursor):
    """interval in the 'postgres' IntervalStyle: years are 365 days, months
    30 days; the time part may exceed 24 hours."""
    if value is None:
        return None
    if value[:1] == 'P':
        raise NotSupportedError('iso_8601 intervalstyle currently not supported')
    days = 0
    seconds = 0
    micros = 0
    tokens = value.split(' ')
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        i += 1
        if not tok:
            continue
        if ':' in tok:
            sign = 1
            if tok[0] == '-':
                sign = -1
                tok = tok[1:]
            elif tok[0] == '+':
                tok = tok[1:]
            hms = tok.split(':')
            secs = int(hms[0]) * 3600 + int(hms[1]) * 60
            us = 0
            if len(hms) > 2:
                sec = hms[2]
                dot = sec.find('.')
                if dot >= 0:
                    frac = sec[dot + 1:]
                    sec = sec[:dot]
                    if len(frac) > 6:
                        # Round to the microsecond, half up.
                        scale = 10 ** (len(frac) - 6)
                        us = (int(frac) + scale // 2) // scale
                    else:
                        us = int(frac) * 10 ** (6 - len(frac))
                secs += int(sec)
            seconds += sign * secs
            micros += sign * us
            continue
        num = int(tok)
        unit = tokens[i][:1] if i < n else ''
        i += 1
        if unit == 'y':
            days += num * 365
        elif unit == 'm':
            days += num * 30
        elif unit == 'd':
            days += num
    if days > _INT_MAX or days < -_INT_MAX - 1:
        raise OverflowError('Python int too large to convert to C int')
    return _timedelta(days=days, seconds=seconds, microseconds=micros)


# --- arrays ---------------------------------------------------------------

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


def _parse_array(s, start, cast, cursor):
    """Parse the array text from the '{' at `start`; return (list, end)."""
    out = []
    append = out.append
    n = len(s)
    i = start + 1
    if i < n and s[i] == '}':
        return out, i + 1
    while i < n:
        c = s[i]
        if c == '{':
            sub, i = _parse_array(s, i, cast, cursor)
            append(sub)
        elif c == '"':
            j = s.find('"', i + 1)
            item = s[i + 1:j] if j >= 0 else s[i + 1:]
            if '\\' in item:
                j = _quoted_end(s, i)
                item = _unescape_item(s[i + 1:j])
            append(cast(item, cursor))
            i = j + 1 if j >= 0 else n
        else:
            j = s.find(',', i)
            k = s.find('}', i)
            if j < 0 or 0 <= k < j:
                j = k if k >= 0 else n
            item = s[i:j]
            if '\\' in item:
                j = _unquoted_end(s, i)
                item = _unescape_item(s[i:j])
            elif len(item) == 4 and item.upper() == 'NULL':
                item = None
            if j >= n:
                # an item the text ends in, unterminated: psycopg2 drops it
                return out, n
            append(cast(item, cursor))
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
            return [base_cast(None if len(item) == 4 and item.upper() == 'NULL'
                              else item, cursor)
                    for item in body.split(',')]
        rv, end = _parse_array(value, start, base_cast, cursor)
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
