"""Adaptation of Python objects to SQL literals, as psycopg2.extensions.adapt.

Pure Python. Every adapter returns from ``getquoted()`` the bytes psycopg2
2.9 produces for the same object, byte for byte (checked by
python-shim/tools/diff_pure.py).

Connection interface
--------------------
Adapters whose SQL depends on the session receive the connection through
``prepare(conn)``. They read these attributes, all optional (a missing one
takes the default in brackets):

``conn.encoding``
    PostgreSQL name of the client encoding, e.g. ``'UTF8'``; mapped to a
    Python codec with :data:`encodings` [latin1, as psycopg2 without a
    connection].
``conn._py_encoding``
    the Python codec for the client encoding, when the connection already
    knows it (takes precedence over ``conn.encoding``).
``conn.server_version``
    int as in libpq, e.g. ``150002``; bytea uses the hex format from 90000
    [0: escape format].
``conn._standard_conforming_strings``
    bool, the server's current ``standard_conforming_strings`` (as last
    reported by ParameterStatus); when False backslashes are doubled
    [the process-wide default, see below].
``conn._equote``
    bool, True when ``standard_conforming_strings`` was off when the
    connection was made: string and bytea literals then get an ``E`` prefix
    [False].

Without a connection, psycopg2 escapes through libpq's connection-less
functions, which use the ``standard_conforming_strings`` value last reported
by *any* connection of the process (off before the first one). The
connection layer reports it with :func:`note_standard_conforming_strings`.
"""

import datetime as _dt
import decimal as _decimal
import math as _math
import time as _time

from psycopg2._client_encoding import encode_text  # noqa: F401 (callers use _adapt.encode_text)
from psycopg2._exceptions import ProgrammingError

__all__ = [
    'ISQLQuote', 'AsIs', 'QuotedString', 'Binary', 'Boolean', 'Float', 'Int',
    'Decimal', 'SQL_IN', 'NoneAdapter', 'List', 'DateFromPy', 'TimeFromPy',
    'TimestampFromPy', 'IntervalFromPy', 'Date', 'Time', 'Timestamp',
    'DateFromTicks', 'TimeFromTicks', 'TimestampFromTicks', 'adapters',
    'register_adapter', 'adapt', 'getquoted', 'encodings', 'python_encoding',
    'note_standard_conforming_strings',
]

_NUL_MESSAGE = 'A string literal cannot contain NUL (0x00) characters.'

# libpq's process-wide standard_conforming_strings, used when escaping
# without a connection.
_static_std_strings = False


def note_standard_conforming_strings(value):
    """Record the standard_conforming_strings a connection just reported.

    Called by the connection layer on every ParameterStatus for it; `value`
    is the server's string ('on'/'off') or a bool.
    """
    global _static_std_strings
    if isinstance(value, str):
        value = value.strip().lower() == 'on'
    _static_std_strings = bool(value)


def _std_strings(conn):
    if conn is None:
        return _static_std_strings
    return getattr(conn, '_standard_conforming_strings', _static_std_strings)


def _equote(conn):
    return conn is not None and getattr(conn, '_equote', False)


# PostgreSQL client encoding -> Python codec.
_PG_CODECS = {
    'ABC': 'cp1258', 'ALT': 'cp866', 'BIG5': 'big5', 'EUC_CN': 'euccn',
    'EUC_JIS_2004': 'euc_jis_2004', 'EUC_JP': 'euc_jp', 'EUC_KR': 'euc_kr',
    'GB18030': 'gb18030', 'GBK': 'gbk', 'JOHAB': 'johab', 'KOI8': 'koi8_r',
    'KOI8R': 'koi8_r', 'KOI8U': 'koi8_u', 'Mskanji': 'cp932', 'ShiftJIS': 'cp932',
    'SHIFT_JIS_2004': 'shift_jis_2004', 'SJIS': 'cp932', 'SQL_ASCII': 'ascii',
    'TCVN': 'cp1258', 'TCVN5712': 'cp1258', 'UHC': 'cp949', 'UNICODE': 'utf_8',
    'UTF8': 'utf_8', 'VSCII': 'cp1258', 'WIN': 'cp1251',
    'Windows932': 'cp932', 'Windows936': 'gbk', 'Windows949': 'cp949',
    'Windows950': 'cp950',
}
for _n in (1, 2, 3, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16):
    _PG_CODECS['ISO_8859_%d' % _n] = 'iso8859_%d' % _n
# LATINn are ISO 8859 parts under another numbering.
for _latin, _part in enumerate((1, 2, 3, 4, 9, 10, 13, 14, 15, 16), 1):
    _PG_CODECS['LATIN%d' % _latin] = 'iso8859_%d' % _part
for _cp in (866, 874, 932, 949, 950) + tuple(range(1250, 1259)):
    _PG_CODECS['WIN%d' % _cp] = 'cp%d' % _cp
_PG_CODECS['WIN936'] = 'gbk'

#: PostgreSQL encoding name -> Python codec name, with the spellings
#: PostgreSQL accepts without underscores and in upper case.
encodings = dict(_PG_CODECS)
for _k, _v in _PG_CODECS.items():
    encodings.setdefault(_k.replace('_', '').upper(), _v)
del _n, _latin, _part, _cp, _k, _v


def python_encoding(pgenc):
    """The Python codec for a PostgreSQL encoding name (None if unknown)."""
    if pgenc is None:
        return None
    return encodings.get(pgenc) or encodings.get(pgenc.replace('-', '_').replace('_', '').upper())


def _conn_codec(conn, default='latin1'):
    codec = getattr(conn, '_py_encoding', None)
    if codec:
        return codec
    return python_encoding(getattr(conn, 'encoding', None)) or default


class ISQLQuote(object):
    """The SQL adaptation protocol: conforming objects have getquoted()."""
    __module__ = 'psycopg2.extensions'
    __slots__ = ('_wrapped', '__dict__')

    def __init__(self, *args):
        if len(args) != 1:
            raise TypeError('function takes exactly 1 argument (%d given)' % len(args))
        self._wrapped = args[0]

    def getquoted(self):
        """The SQL representation of the object, as bytes (None here)."""
        return None

    def getbinary(self):
        return None

    def getbuffer(self):
        return None


class _Adapter(object):
    """Shared parts of the built-in adapters: the wrapped `adapted` object,
    ``__conform__`` returning the adapter itself and ``str()`` of the SQL."""
    __slots__ = ('adapted',)

    def __init__(self, obj):
        self.adapted = obj

    def __conform__(self, proto):
        if proto is ISQLQuote:
            return self
        return None

    def __str__(self):
        return self.getquoted().decode('utf-8', 'replace')


class AsIs(_Adapter):
    """Adapter whose SQL is the str() of the object (None is NULL)."""
    __module__ = 'psycopg2.extensions'
    __slots__ = ()

    def getquoted(self):
        obj = self.adapted
        if obj is None:
            return b'NULL'
        return str(obj).encode('utf-8')


def _escape_str(s, std_strings):
    if "'" in s:
        s = s.replace("'", "''")
    if not std_strings and '\\' in s:
        s = s.replace('\\', '\\\\')
    return s


def _escape_bytes(b, std_strings):
    b = b.replace(b"'", b"''")
    if not std_strings:
        b = b.replace(b'\\', b'\\\\')
    return b


def _str_text(s, conn):
    """SQL literal for a str holding no NUL, as str (the common case of QuotedString)."""
    return ("E'" if _equote(conn) else "'") + _escape_str(s, _std_strings(conn)) + "'"


def _quote_str(s, conn, codec):
    """_str_text as bytes, after psycopg2's NUL check."""
    if '\x00' in s:
        raise ValueError(_NUL_MESSAGE)
    # Escaping characters before encoding never splits a multibyte character,
    # as libpq's encoding-aware escaping doesn't.
    try:
        return _str_text(s, conn).encode(codec)
    except UnicodeEncodeError:
        encode_text(s, codec)  # the error as psycopg2 has it: positions in s
        raise


class QuotedString(_Adapter):
    """Adapter for strings: single quotes doubled, backslashes when needed."""
    __module__ = 'psycopg2.extensions'
    __slots__ = ('buffer', '_encoding', '_conn')

    def __init__(self, obj):
        self.adapted = obj
        self.buffer = None
        self._encoding = 'latin1'
        self._conn = None

    @property
    def encoding(self):
        """The Python codec used to encode the string: once prepared, the
        connection's (setting it then changes nothing, as in psycopg2)."""
        if self._conn is not None:
            return _conn_codec(self._conn)
        return self._encoding

    @encoding.setter
    def encoding(self, value):
        if not isinstance(value, (str, bytes)):
            raise TypeError('Expected bytes or unicode string, got %s instead'
                            % type(value).__name__)
        if isinstance(value, bytes):
            value = value.decode('ascii')
        self._encoding = value

    def prepare(self, conn):
        self._conn = conn
        codec = _conn_codec(conn, None)
        if codec:
            self._encoding = codec

    def getquoted(self):
        if self.buffer is not None:
            return self.buffer  # computed once: a later prepare() doesn't change it
        obj = self.adapted
        conn = self._conn
        if isinstance(obj, str):
            rv = _quote_str(obj, conn, self.encoding)
        elif isinstance(obj, bytes):
            if b'\x00' in obj:
                raise ValueError(_NUL_MESSAGE)
            body = _escape_bytes(obj, _std_strings(conn))
            rv = (b"E'" if _equote(conn) else b"'") + body + b"'"
        else:
            raise TypeError("can't quote non-string object")
        self.buffer = rv
        return rv


def _escape_table(std_strings):
    # libpq's bytea escape format: octal for the non printable bytes.
    bs = b'\\' if std_strings else b'\\\\'
    table = []
    for c in range(256):
        if c < 0x20 or c > 0x7e:
            table.append(bs + b'%03o' % c)
        elif c == 0x27:
            table.append(b"''")
        elif c == 0x5c:
            table.append(bs + bs)
        else:
            table.append(bytes((c,)))
    return table


_ESCAPE_TABLES = {True: _escape_table(True), False: _escape_table(False)}


def _quote_bytea(data, conn):
    """SQL literal for a bytes-like object (already a contiguous buffer)."""
    std = _std_strings(conn)
    prefix = b"E'" if _equote(conn) else b"'"
    if conn is not None and getattr(conn, 'server_version', 0) >= 90000:
        body = (b'\\x' if std else b'\\\\x') + bytes(data).hex().encode('ascii')
    else:
        table = _ESCAPE_TABLES[std]
        body = b''.join([table[c] for c in bytes(data)])
    return prefix + body + b"'::bytea"


class Binary(_Adapter):
    """Adapter for binary objects (any object with the buffer protocol)."""
    __module__ = 'psycopg2.extensions'
    __slots__ = ('buffer', '_conn')

    def __init__(self, obj):
        self.adapted = obj
        self.buffer = None
        self._conn = None

    def prepare(self, conn):
        self._conn = conn

    def getquoted(self):
        if self.buffer is not None:
            return self.buffer  # computed once, as psycopg2 keeps it
        obj = self.adapted
        if obj is None:
            return b'NULL'
        try:
            view = memoryview(obj)
        except TypeError:
            raise TypeError("can't escape %s to binary" % type(obj).__name__)
        if not view.c_contiguous:
            raise BufferError('memoryview: underlying buffer is not C-contiguous')
        self.buffer = _quote_bytea(view, self._conn)
        return self.buffer


class Boolean(_Adapter):
    """Adapter for bool: true or false."""
    __module__ = 'psycopg2.extensions'
    __slots__ = ()

    def getquoted(self):
        return b'true' if self.adapted else b'false'


def _int_text(obj):
    s = int.__repr__(int(obj))
    # A space before the sign keeps "x -%s" from becoming a "--" comment.
    return ' ' + s if s[0] == '-' else s


def _float_text(obj):
    f = float(obj)
    if f != f:
        return "'NaN'::float"
    if _math.isinf(f):
        return "'Infinity'::float" if f > 0 else "'-Infinity'::float"
    s = repr(obj)
    return ' ' + s if s[:1] == '-' else s


def _quote_int(obj):
    return _int_text(obj).encode('ascii')


def _quote_float(obj):
    return _float_text(obj).encode('ascii')


class Int(_Adapter):
    """Adapter for integers."""
    __module__ = 'psycopg2.extensions'
    __slots__ = ()

    def getquoted(self):
        return _quote_int(self.adapted)


class Float(_Adapter):
    """Adapter for floats: NaN and infinities as quoted float literals."""
    __module__ = 'psycopg2.extensions'
    __slots__ = ()

    def getquoted(self):
        return _quote_float(self.adapted)


class Decimal(_Adapter):
    """Adapter for decimal.Decimal: the non finite values become NaN."""
    __module__ = 'psycopg2._psycopg'
    __slots__ = ()

    def getquoted(self):
        obj = self.adapted
        is_finite = getattr(obj, 'is_finite', None)
        if is_finite is not None and not is_finite():
            return b"'NaN'::numeric"
        s = str(obj)
        return (' ' + s if s[:1] == '-' else s).encode('ascii')


class NoneAdapter(object):
    """Adapter for None: NULL."""
    __module__ = 'psycopg2.extensions'

    def __init__(self, obj):
        self._obj = obj

    def getquoted(self, _null=b'NULL'):
        return _null


class SQL_IN(object):
    """Adapter for tuples: a parenthesized list, as used by the IN operator."""
    __module__ = 'psycopg2.extensions'

    def __init__(self, seq):
        self._seq = seq
        self._conn = None

    def prepare(self, conn):
        self._conn = conn

    def getquoted(self):
        conn = self._conn
        # unlike a query parameter, an item's SQL must be bytes already
        items = [_item_quoted(o, conn) for o in self._seq]
        for i, item in enumerate(items):
            if not isinstance(item, (bytes, bytearray, memoryview)):
                raise TypeError('sequence item %d: expected a bytes-like object, %s found'
                                % (i, type(item).__name__))
        return b'(' + b', '.join(items) + b')'

    def __str__(self):
        return str(self.getquoted())


def _quote_list(lst, conn, depth):
    """Return (all_null, sql) for a list at nesting `depth`.

    A list whose items are all None (or such lists) is written as an array
    literal '{NULL,...}', which PostgreSQL can type from context where
    ARRAY[NULL] would be an array of text; the literal is quoted only where
    it isn't part of an enclosing all-null literal.
    """
    if not lst:
        return False, (b"'{}'" if depth == 0 else b'ARRAY[]')
    plain = _plain_array(lst, conn)
    if plain is not None:
        return False, plain
    items = []
    all_null = True
    for item in lst:
        if item is None:
            items.append((True, b'NULL'))
        elif isinstance(item, list):
            sub = _quote_list(item, conn, depth + 1)
            if not sub[0]:
                all_null = False
            items.append(sub)
        else:
            items.append((False, getquoted(item, conn)))
            all_null = False
    if all_null:
        body = b'{' + b','.join([q for _, q in items]) + b'}'
        return True, (b"'" + body + b"'" if depth == 0 else body)
    parts = []
    for is_null, q in items:
        if is_null and q != b'NULL':
            q = b"'" + q + b"'"
        parts.append(q)
    return False, b'ARRAY[' + b','.join(parts) + b']'


class List(_Adapter):
    """Adapter for lists: ARRAY[...] constructors, '{}' when empty."""
    __module__ = 'psycopg2._psycopg'
    __slots__ = ('_conn',)

    def __init__(self, obj):
        self.adapted = obj
        self._conn = None

    def prepare(self, conn):
        self._conn = conn

    def getquoted(self):
        return _quote_list(self.adapted, self._conn, 0)[1]


# Values of the `type` attribute of the date/time adapters.
_TIME, _DATE, _TIMESTAMP, _INTERVAL = 0, 1, 2, 3


class _PyDateTime(_Adapter):
    """Adapter for the datetime module objects (psycopg2's 'datetime')."""
    __slots__ = ('type',)

    def __init__(self, obj, type=_TIMESTAMP):
        self.adapted = obj
        self.type = type

    def getquoted(self):
        obj = self.adapted
        kind = self.type
        if kind == _INTERVAL:
            return ("'%d days %d.%06d seconds'::interval" % (
                obj.days, obj.seconds, obj.microseconds)).encode('ascii')
        if kind == _DATE:
            cast = "'::date"
        elif kind == _TIME:
            cast = "'::time" if obj.tzinfo is None else "'::timetz"
        else:
            cast = "'::timestamp" if obj.tzinfo is None else "'::timestamptz"
        return ("'" + obj.isoformat() + cast).encode('ascii')


_PyDateTime.__name__ = _PyDateTime.__qualname__ = 'datetime'
_PyDateTime.__module__ = 'psycopg2._psycopg'


def _check_arg(obj, cls):
    if not isinstance(obj, cls):
        raise TypeError('argument 1 must be %s, not %s' % (
            _type_name(cls), _arg_type_name(obj)))


def DateFromPy(obj):
    """Adapter for a datetime.date."""
    _check_arg(obj, _dt.date)
    return _PyDateTime(obj, _DATE)


def TimeFromPy(obj):
    """Adapter for a datetime.time."""
    _check_arg(obj, _dt.time)
    return _PyDateTime(obj, _TIME)


def TimestampFromPy(obj):
    """Adapter for a datetime.datetime."""
    _check_arg(obj, _dt.datetime)
    return _PyDateTime(obj, _TIMESTAMP)


def IntervalFromPy(obj):
    """Adapter for a datetime.timedelta."""
    _check_arg(obj, _dt.timedelta)
    return _PyDateTime(obj, _INTERVAL)


def _split_seconds(seconds):
    whole = int(seconds)
    return whole, int(round((seconds - whole) * 1000000))


def Date(year, month, day):
    """DB-API constructor: an adapter holding a date."""
    return _PyDateTime(_dt.date(year, month, day), _DATE)


def Time(hour, minutes, seconds, tzinfo=None):
    """DB-API constructor: an adapter holding a time (seconds may be float)."""
    s, us = _split_seconds(seconds)
    return _PyDateTime(_dt.time(hour, minutes, s, us, tzinfo), _TIME)


def Timestamp(year, month, day, hour=0, minutes=0, seconds=0, tzinfo=None):
    """DB-API constructor: an adapter holding a datetime."""
    s, us = _split_seconds(seconds)
    return _PyDateTime(
        _dt.datetime(year, month, day, hour, minutes, s, us, tzinfo), _TIMESTAMP)


def DateFromTicks(ticks):
    """DB-API constructor: the local date of a POSIX timestamp."""
    t = _time.localtime(ticks)
    return Date(t.tm_year, t.tm_mon, t.tm_mday)


def TimeFromTicks(ticks):
    """DB-API constructor: the local time of a POSIX timestamp."""
    t = _time.localtime(ticks)
    return Time(t.tm_hour, t.tm_min, t.tm_sec + (ticks - int(ticks)))


def TimestampFromTicks(ticks):
    """DB-API constructor: the local timestamp (with time zone) of ticks."""
    return _PyDateTime(_dt.datetime.fromtimestamp(ticks).astimezone(), _TIMESTAMP)


#: (type, protocol) -> adapter factory. Insertion order as in psycopg2.
adapters = {
    (float, ISQLQuote): Float,
    (int, ISQLQuote): Int,
    (bool, ISQLQuote): Boolean,
    (str, ISQLQuote): QuotedString,
    (bytes, ISQLQuote): Binary,
    (bytearray, ISQLQuote): Binary,
    (memoryview, ISQLQuote): Binary,
    (list, ISQLQuote): List,
    (_dt.date, ISQLQuote): DateFromPy,
    (_dt.time, ISQLQuote): TimeFromPy,
    (_dt.datetime, ISQLQuote): TimestampFromPy,
    (_dt.timedelta, ISQLQuote): IntervalFromPy,
    (tuple, ISQLQuote): SQL_IN,
    (type(None), ISQLQuote): NoneAdapter,
    (_decimal.Decimal, ISQLQuote): Decimal,
}


def register_adapter(typ, callable):
    """Register `callable` as the ISQLQuote adapter for objects of `typ`."""
    adapters[(typ, ISQLQuote)] = callable


_Py_TPFLAGS_IMMUTABLETYPE = 1 << 8
_Py_TPFLAGS_HEAPTYPE = 1 << 9


# Modules whose types CPython implements in C (so messages name them dotted),
# by the public module name; GraalPy reports some under their private name.
_C_TYPE_MODULES = {
    'datetime': 'datetime', '_datetime': 'datetime', '_pydatetime': 'datetime',
    'collections': 'collections', '_collections': 'collections',
    'array': 'array', 'decimal': 'decimal', '_decimal': 'decimal',
}


def _type_name(t):
    """The C-level name of a type, as psycopg2's messages print it: bare for
    Python classes and builtins, dotted for extension types ('array.array',
    'datetime.date')."""
    module = getattr(t, '__module__', 'builtins')
    if module == 'builtins':
        return t.__name__
    public = _C_TYPE_MODULES.get(module)
    if public is not None:
        return '%s.%s' % (public, t.__name__)
    flags = getattr(t, '__flags__', _Py_TPFLAGS_HEAPTYPE)
    if flags & _Py_TPFLAGS_IMMUTABLETYPE or not flags & _Py_TPFLAGS_HEAPTYPE:
        return '%s.%s' % (module, t.__name__)
    return t.__name__


def _arg_type_name(obj):
    # How CPython's argument parsing names the type of a wrong argument.
    return 'None' if obj is None else _type_name(type(obj))


def adapt(*args):
    """adapt(obj, protocol=ISQLQuote, alternate=None)"""
    if not 1 <= len(args) <= 3:
        raise TypeError('function takes %s (%d given)' % (
            'at least 1 argument' if not args else 'at most 3 arguments', len(args)))
    return _adapt(*args)


def _adapt(obj, proto=ISQLQuote, alt=None):
    """Adapt `obj` to the protocol `proto` (an ISQLQuote conforming object).

    Tried in order: the adapter registered for the exact type, the
    protocol's ``__adapt__(obj)``, the object's ``__conform__(proto)``, the
    adapters registered for the type's bases. Raise ProgrammingError when
    none applies. `alt` is accepted and ignored, as in psycopg2.
    """
    t = type(obj)
    adapter = adapters.get((t, proto))
    if adapter is not None:
        return adapter(obj)

    meth = getattr(proto, '__adapt__', None)
    if meth is not None:
        try:
            rv = meth(obj)
        except TypeError:
            rv = None
        if rv is not None:
            return rv

    meth = getattr(obj, '__conform__', None)
    if meth is not None:
        try:
            rv = meth(proto)
        except TypeError:
            rv = None
        if rv is not None:
            return rv

    for base in t.__mro__[1:]:
        adapter = adapters.get((base, proto))
        if adapter is not None:
            return adapter(obj)

    raise ProgrammingError("can't adapt type '%s'" % _type_name(t))


def _fast_quoted(obj, conn):
    # The built-in adapters without their objects, for the common exact types.
    t = type(obj)
    if t is str:
        return _quote_str(obj, conn, _conn_codec(conn) if conn is not None else 'latin1')
    if t is int:
        return _quote_int(obj)
    if t is float:
        return _quote_float(obj)
    if t is bool:
        return b'true' if obj else b'false'
    return b'NULL'


_FAST = {
    str: QuotedString, int: Int, float: Float, bool: Boolean,
    type(None): NoneAdapter,
}


# The SQL text of a value of each exact type under its built-in adapter; None for a str
# holding a NUL (the exact path raises for it, in psycopg2's order).
_PLAIN_TEXT = {
    str: lambda obj, conn: None if '\x00' in obj else _str_text(obj, conn),
    int: lambda obj, conn: _int_text(obj),
    float: lambda obj, conn: _float_text(obj),
    bool: lambda obj, conn: 'true' if obj else 'false',
}


def plain_literal(obj, conn):
    """The SQL of None, or of a bool, int, float or str under its built-in adapter, as str
    (what getquoted() gives, before encoding); None for anything else and for a str holding a
    NUL."""
    if obj is None:
        return 'NULL'
    t = type(obj)
    fast = _FAST.get(t)
    if fast is None or adapters.get((t, ISQLQuote)) is not fast:
        return None
    return _PLAIN_TEXT[t](obj, conn)


def _plain_array(lst, conn):
    """ARRAY[...] of a flat list of plain values (see plain_literal, None excepted), as bytes:
    what the item-by-item path gives, with one encode for the whole; None for any other list,
    which takes that path."""
    texts = {}  # type -> its _PLAIN_TEXT function, checked once a call
    parts = []
    for item in lst:
        t = type(item)
        text = texts.get(t)
        if text is None:
            fast = _FAST.get(t)
            if fast is None or t is type(None) or adapters.get((t, ISQLQuote)) is not fast:
                return None
            text = texts[t] = _PLAIN_TEXT[t]
        s = text(item, conn)
        if s is None:
            return None
        parts.append(s)
    try:
        return ('ARRAY[' + ','.join(parts) + ']').encode(_conn_codec(conn))
    except UnicodeEncodeError:
        return None  # the item-by-item path raises psycopg2's error


def getquoted(obj, conn=None):
    """The SQL bytes for one query parameter: adapt, prepare, getquoted.

    A str result is encoded with the connection's codec (psycopg2 accepts
    adapters returning str); other non-bytes results are returned as they
    are, for the caller to reject.
    """
    if obj is None:
        return b'NULL'  # whatever adapter None has: psycopg2 writes NULL itself
    rv = _item_quoted(obj, conn)
    if isinstance(rv, str):
        rv = encode_text(rv, _conn_codec(conn, 'utf-8') if conn is not None else 'utf-8')
    return rv


def _item_quoted(obj, conn):
    """An item's SQL as SQL_IN joins it: adapted, prepared, not converted."""
    t = type(obj)
    fast = _FAST.get(t)
    if fast is not None and adapters.get((t, ISQLQuote)) is fast:
        return _fast_quoted(obj, conn)
    a = _adapt(obj)
    if conn is not None:
        prepare = getattr(a, 'prepare', None)
        if prepare is not None:
            prepare(conn)
    return a.getquoted()
