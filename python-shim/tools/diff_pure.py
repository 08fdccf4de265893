#!/usr/bin/env python3
"""Diff the pure-Python parts of our psycopg2 against the reference psycopg2.

    python3 python-shim/tools/diff_pure.py [-v] [--dsn DSN]

Runs the same battery of cases through this tree's modules (_adapt,
_interpolate, _typecast, errors, errorcodes, tz, _exceptions) in this
process and through the installed psycopg2 (C implementation) in a
``/usr/bin/python3`` subprocess (override with REF_PYTHON), then prints every
mismatch and a count. Exit status 1 if anything differs.

No server is needed: the reference's cursor-bound functions run on a cursor
of an asynchronous connection left pending on a local socket. With --dsn (a
reachable PostgreSQL), connection-dependent quoting (standard_conforming_strings
on/off, hex bytea, client encodings) is diffed too, and typecasting is fed
the text the server produces for a list of SQL expressions.
"""

import os
import pickle
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PKG_DIR = os.path.normpath(os.path.join(HERE, '..', 'src', 'main', 'resources', 'psycopg2'))

# --- the battery, evaluated on both sides --------------------------------

SHARED = r'''
import datetime as dt, decimal, collections, enum, array
D = decimal.Decimal
def tzo(**kw): return dt.timezone(dt.timedelta(**kw))
class NoneTZ(dt.tzinfo):
    def utcoffset(self, d): return None
    def dst(self, d): return None
class IntE(enum.IntEnum):
    A = 1
    B = -2
class SubInt(int):
    def __str__(self): return 'STR'
    def __repr__(self): return 'REPR'
class SubFloat(float):
    def __repr__(self): return 'REPR'
class SubStr(str): pass
class SubList(list): pass
class SubDate(dt.date): pass
NT = collections.namedtuple('NT', 'a b')
class Conforming:
    def __conform__(self, proto): return ext.AsIs('conformed')
class ConformNone:
    def __conform__(self, proto): return None
class ConformTypeError:
    def __conform__(self, proto): raise TypeError('no')
class StrQuoted:
    def __conform__(self, proto): return self
    def getquoted(self): return 'strq\u20ac'
class IntQuoted:
    def __conform__(self, proto): return self
    def getquoted(self): return 42
class Seq:
    def __len__(self): return 2
    def __getitem__(self, i):
        if i < 2: return i * 10
        raise IndexError(i)
class Unadaptable: pass

ADAPT = [
    "None", "True", "False", "0", "1", "-1", "2**70", "-2**70", "IntE.A", "IntE.B", "SubInt(5)",
    "0.0", "-0.0", "1.5", "-1.5", "1e100", "-1e-100", "1e16", "1e15", "0.1", "5e-324", "1/3",
    "float('nan')", "float('inf')", "float('-inf')", "SubFloat(2.5)",
    "D('1.10')", "D('-0')", "D('NaN')", "D('sNaN')", "D('Infinity')", "D('-Infinity')", "D('1E+3')",
    "D('-5')", "D('1e-10')", "D('0.0000001')", "D('123.456e5')", "D('-1.5E-3')",
    "'abc'", "\"O'Reilly\"", "'back\\\\slash'", "''", "'\\xe0\\xe8'", "'\\u20ac'", "'a\\x00b'",
    "SubStr('x')", "'%s %(x)s'",
    "b'abc'", "b\"\\x00\\x08\\x0f'\\\\\\xff ~\\x7f\"", "bytearray(b'ab')", "memoryview(b'ab')", "b''",
    "dt.date(2020,1,2)", "dt.date(1,1,1)", "dt.date(9999,12,31)", "SubDate(2020,5,6)",
    "dt.time(1,2,3)", "dt.time(1,2,3,4)", "dt.time(1,2,3,tzinfo=tzo(hours=1))", "dt.time(0,0,tzinfo=NoneTZ())",
    "dt.datetime(2020,1,2,3,4,5)", "dt.datetime(2020,1,2,3,4,5,6)", "dt.datetime(2020,1,2,3,4,5,tzinfo=dt.timezone.utc)",
    "dt.datetime(2020,1,2,3,4,5,600,tzinfo=tzo(hours=-5,minutes=-30))", "dt.datetime(2020,1,2,tzinfo=tzo(seconds=19270))",
    "dt.datetime(2020,1,2,tzinfo=tzo(seconds=1,microseconds=5))", "dt.datetime(2020,1,1,tzinfo=NoneTZ())",
    "dt.datetime.max", "dt.datetime.min",
    "dt.timedelta(days=1,seconds=3,microseconds=4)", "dt.timedelta(0)", "dt.timedelta(microseconds=-1)",
    "dt.timedelta(days=-1,seconds=5)", "dt.timedelta.max", "dt.timedelta.min",
    "[1,2,3]", "[]", "[[1,2],[3,4]]", "[None,'a']", "['a',None,\"b'c\"]", "[[]]", "[[],[]]", "[1.5,None]",
    "[None]", "[None,None]", "[[None,None],[None,None]]", "[[None],None]", "[None,[1]]", "[[None],[1]]",
    "[[None],[]]", "[[],[None]]", "[[[None]],None]", "[[[None]],[1]]", "[[None,[None]]]", "[[None,None],1]",
    "[(None,)]", "[-1,-1.5]", "[True,None]", "[b'x']", "[dt.date(2020,1,1)]", "SubList([1])", "[[[]]]",
    "(1,2,'a')", "()", "(None,)", "(-1,)", "NT(1,'a')", "([1,2],)", "((1,2),)",
    "Conforming()", "ConformNone()", "ConformTypeError()", "Unadaptable()", "object()", "{}", "{1}", "1j",
    "array.array('b',[1])", "StrQuoted()", "IntQuoted()",
]

# (adapter name, argument expression)
ADAPTERS = [
    ("AsIs", "42"), ("AsIs", "None"), ("AsIs", "'x\\u20ac'"), ("AsIs", "b'xy'"), ("AsIs", "-1.5"), ("AsIs", "SubInt(3)"),
    ("QuotedString", "'a'"), ("QuotedString", "b\"a'\\\\\""), ("QuotedString", "1"), ("QuotedString", "None"),
    ("QuotedString", "bytearray(b'a')"), ("QuotedString", "b'a\\x00b'"), ("QuotedString", "'\\xe9'"),
    ("Binary", "b'a'"), ("Binary", "'abc'"), ("Binary", "1"), ("Binary", "None"), ("Binary", "array.array('b',[1,2])"),
    ("Binary", "memoryview(b'abcd')[::2]"),
    ("Boolean", "1"), ("Boolean", "0"), ("Boolean", "''"), ("Boolean", "[]"),
    ("Float", "3"), ("Float", "-3"), ("Float", "D('1.5')"),
    ("Int", "3.5"), ("Int", "-0.5"), ("Int", "D('-7.9')"), ("Int", "'12'"), ("Int", "'-12'"), ("Int", "'x'"), ("Int", "True"), ("Int", "None"),
    ("SQL_IN", "[1,2]"), ("SQL_IN", "(x for x in [1,2])"), ("SQL_IN", "'ab'"), ("SQL_IN", "5"),
    ("NoneAdapter", "5"),
    ("DateFromPy", "dt.date(2020,1,1)"), ("DateFromPy", "dt.datetime(2020,1,1)"), ("DateFromPy", "5"),
    ("TimeFromPy", "dt.datetime(2020,1,1,1,2)"), ("TimeFromPy", "dt.time(1,2)"),
    ("TimestampFromPy", "dt.date(2020,1,1)"), ("IntervalFromPy", "dt.timedelta(1)"),
]

# (function name, args expression): the DB-API constructors
CONSTRUCTORS = [
    ("Date", "(2020,1,2)"), ("Time", "(1,2,3)"), ("Time", "(1,2,3.5)"), ("Timestamp", "(2020,1,2,3,4,5.25)"),
    ("Timestamp", "(2020,1,2)"), ("Time", "(1,2,3,dt.timezone.utc)"), ("Date", "(2020,13,2)"),
    ("Time", "(1,2,59.9999999)"), ("DateFromTicks", "(86400*365.5,)"), ("TimeFromTicks", "(3661.5,)"),
    ("TimestampFromTicks", "(3661.5,)"),
]

# (query, params expression) for mogrify
MOGRIFY = [
    ('select %s', '(1,)'), ('select %s', '[1]'), ('select %s', '1'), ('select %s', "'ab'"), ('select %s', "b'ab'"),
    ('select %s', 'None'), ('select %s, %s', '(1,)'), ('select %s', '(1,2)'), ('select %(a)s', "{'a':1}"),
    ('select %(a)s', "{'b':1}"), ('select %(a)s', "{'a':1,'b':2}"), ('select %(a)s %s', "{'a':1}"),
    ('select %s %(a)s', '(1,)'), ('select %s %(a)s', "{'a':1}"), ('select %d', '(1,)'), ('select %(a)d', "{'a':1}"),
    ('select %', '(1,)'), ('select %s %', '(1,)'), ('select %%', '(1,)'), ('select %%', '()'), ('select %%', 'None'),
    ('select %%', '{}'), ('select %s %%', '(1,)'), ('select %(a)s %(a)s', "{'a':'x'}"), ('select %(a', "{'a':1}"),
    ('select %()s', "{'':1}"), ('select %(a b)s', "{'a b':1}"), ('select %(a%b)s', "{'a%b':1}"), ('select %s', '()'),
    ('select 1', '()'), ('select 1', '(1,)'), ('select 1', "{'a':1}"), ('select 1', '{}'), ('select %s', '{}'),
    ('select %(a)s', '()'), ('select %(a)s', '(1,)'), ('select %s', 'Seq()'), ('select %s %s', 'Seq()'),
    ('select %s', '{1:2}'), ('select %s', '{1}'), ('select %s', 'range(1)'), ('select %(a)s', '[1]'),
    (b'select %s', '(1,)'), ('select \u20ac %s', "('\u20ac',)"), ('select %s', '(object(),)'),
    ('select %(a)s %(b)s', "{'a':1,'b':object()}"), ('select %(b)s', "{'a':object(),'b':1}"),
    ('select %s', '((1,2),)'), ('select %s', '([1,2],)'), ('%s%s', '(1,2)'), ('%(x)s%(y)s', "{'x':1,'y':2}"),
    ('select %(a)s', "{'a':None}"), ('%', '()'), ('%(', '{}'), ('%(a)', "{'a':1}"), ('%(a)x', "{'a':1}"),
    ('select %s %(', '(1,)'), ('select %S', '(1,)'), ('select %(a)S', "{'a':1}"), ('select %5s', '(1,)'),
    ('a %s b', "('%s',)"), ('a %s b %s', "('%s', 1)"), ('select %(a)s', "{'a':1, 2:3}"), ('select %(a)s %s', '(1,)'),
    ('select %%(a)s', "{'a':1}"), ('select %%s', '(1,)'), ('select %(a)s', "{'a':'%s'}"), ('select %s', "('\\x00',)"),
    ('select %', 'None'), ('select %x', 'None'), ('select %(a)s', 'None'), ('%s', '(StrQuoted(),)'),
    ('%s', '(IntQuoted(),)'), ('%(a(b)s', "{'a(b':1}"), ('%(\u00e8)s', "{'\u00e8':1}"), ('%(a)s', "{b'a':1}"),
    ('%s', '(1,object())'), ('%s %d', '(1,2)'), ('%d %s', '(1,)'), ('%s %(a)s', "{'a':1}"),
    ('%(a)s %(b)s', "{'a':1}"), ('%(a)s %d', "{'a':1}"), ('%(a)s %s', '{}'), ('%s', '[None]'), ('%s\x00', '(1,)'),
    ('%s\u00e8%s', "('a','b')"), ('x%', '()'), ('x%', '{}'), ('%(a)s%', "{'a':1}"), ('%(a)s %%(', "{'a':1}"),
    ('%s %%(', '(1,)'), ('%(a)s', "{'a': [1,'x']}"), ('%(a)s', "{'a': (1,)}"), ('%s', '((),)'), ('%s', '([],)'),
    ('%s', "(b'\\\\',)"), ('%s', "('a\\\\b',)"), ('%s %s', "(dt.date(2020,1,1), D('-1'))"),
    ('%s', "(collections.OrderedDict(),)"), ('%s', 'collections.OrderedDict()'), ('%s', 'NT(1,2)'),
]

# (caster name, text) for typecasting without a server
CASTS = [
    ('BOOLEAN', 't'), ('BOOLEAN', 'f'), ('BOOLEAN', 'true'), ('BOOLEAN', 'x'), ('BOOLEAN', ''),
    ('INTEGER', '1'), ('INTEGER', '-1'), ('INTEGER', '99999999999999999999'), ('INTEGER', '1.5'),
    ('LONGINTEGER', '-9223372036854775808'), ('ROWID', '12'), ('NUMBER', '12'), ('NUMBER', '1.5'),
    ('FLOAT', '1.5'), ('FLOAT', 'NaN'), ('FLOAT', 'Infinity'), ('FLOAT', '-Infinity'), ('FLOAT', '1e+300'),
    ('FLOAT', '3.1415927'), ('FLOAT', 'x'),
    ('DECIMAL', '1.10'), ('DECIMAL', 'NaN'), ('DECIMAL', 'Infinity'), ('DECIMAL', '-Infinity'), ('DECIMAL', '0.000'),
    ('DECIMAL', '1e5'),
    ('STRING', 'abc'), ('UNICODE', ''), ('BYTES', 'abc'), ('BYTES', '\u20ac'),
    ('BINARY', '\\x00ff27'), ('BINARY', '\\x'), ('BINARY', "\\000\\377a\\\\b'"), ('BINARY', 'abc'),
    ('DATE', '2020-01-02'), ('DATE', 'infinity'), ('DATE', '-infinity'), ('DATE', '0001-01-01'), ('DATE', '9999-12-31'),
    ('DATE', '10000-01-01'), ('DATE', '0044-03-15 BC'), ('DATE', 'garbage'), ('DATE', '2020-13-01'),
    ('PYDATE', '2020-01-02'),
    ('TIME', '01:02:03'), ('TIME', '01:02:03.5'), ('TIME', '24:00:00'), ('TIME', '23:59:59.999999'),
    ('PYTIME', '01:02:03+01'), ('PYTIME', '01:02:03.25-05:30'), ('PYTIME', '01:02:03+05:21:10'), ('PYTIME', '24:00:00+00'),
    ('PYTIME', '01:02'), ('PYTIME', '25:00:00'), ('PYTIME', '01:02:03.000001+00'),
    ('DATETIME', '2020-01-02 03:04:05'), ('PYDATETIME', '2020-01-02 03:04:05.123'), ('PYDATETIME', 'infinity'),
    ('PYDATETIME', '-infinity'), ('PYDATETIME', '2020-01-02'), ('PYDATETIME', '2020-01-02 03:04'),
    ('PYDATETIME', '2020-01-02T03:04:05'), ('PYDATETIME', '2020-01-02 03:04:05+01'), ('PYDATETIME', '10000-01-01 00:00:00'),
    ('PYDATETIME', '0044-03-15 12:00:00 BC'), ('PYDATETIME', '2020-01-02 24:00:00'), ('PYDATETIME', '2020-01-02 03:04:05.1234567'),
    ('PYDATETIMETZ', '2020-01-02 01:04:05+00'), ('PYDATETIMETZ', '2020-01-02 03:04:05.000001+00'),
    ('PYDATETIMETZ', '2020-01-02 03:04:05-01:30'), ('PYDATETIMETZ', '2020-01-02 03:04:05+05:21:10'),
    ('PYDATETIMETZ', '2020-01-02 03:04:05.5-00:00:30'), ('PYDATETIMETZ', 'infinity'), ('PYDATETIMETZ', '-infinity'),
    ('PYDATETIMETZ', '2020-01-02 03:04:05+14'), ('PYDATETIMETZ', '2020-01-02 03:04:05'), ('DATETIMETZ', '2020-01-02 03:04:05+02'),
    ('PYINTERVAL', '1 day'), ('PYINTERVAL', '-1 days'), ('PYINTERVAL', '1 year 2 mons 3 days 04:05:06.789'),
    ('PYINTERVAL', '-1 years -2 mons +3 days -04:05:06'), ('PYINTERVAL', '1000000 years'), ('PYINTERVAL', '00:00:00.000001'),
    ('PYINTERVAL', '-00:00:00.000001'), ('PYINTERVAL', '02:00:00'), ('PYINTERVAL', '-23:59:59.999999'),
    ('PYINTERVAL', '100000:00:00'), ('PYINTERVAL', '00:00:00'), ('PYINTERVAL', '1 mon'), ('PYINTERVAL', '1 year'),
    ('PYINTERVAL', '1 year 1 mon'), ('PYINTERVAL', '-3 days +02:00:00'), ('PYINTERVAL', '178000000 years'),
    ('PYINTERVAL', '-178000000 years -11 mons'), ('PYINTERVAL', 'P1Y2M3DT4H5M6S'), ('PYINTERVAL', '04:05:06.1234567'),
    ('PYINTERVAL', '1 day 04:05:06.0000005'), ('PYINTERVAL', '99999999:00:00'), ('INTERVAL', '3 days 00:00:00.999999'),
    ('INTEGERARRAY', '{1,2,NULL}'), ('INTEGERARRAY', '{}'), ('INTEGERARRAY', '{{1,2},{3,4}}'), ('INTEGERARRAY', '[0:1]={1,2}'),
    ('INTEGERARRAY', '[1:1][2:3]={{1,2}}'), ('INTEGERARRAY', '1,2'), ('INTEGERARRAY', '{"1","2"}'), ('INTEGERARRAY', '{{NULL}}'),
    ('INTEGERARRAY', '{null}'), ('INTEGERARRAY', '{{}}'), ('INTEGERARRAY', '{1} '), ('INTEGERARRAY', '{1}x'),
    ('INTEGERARRAY', '[0:2]={{1},{2},{3}}'), ('INTEGERARRAY', '{{1,NULL},{NULL,4}}'),
    ('STRINGARRAY', '{a,"b c","d\\"e","f\\\\g",NULL,"NULL",""}'), ('STRINGARRAY', '{\\a}'), ('STRINGARRAY', '{a\\,b}'),
    ('STRINGARRAY', '{"a\\\\"}'), ('STRINGARRAY', '{a b}'), ('STRINGARRAY', '{{a,b},{c,d}}'), ('STRINGARRAY', '{{a},{b,c}}'),
    ('STRINGARRAY', '{a,{b}}'), ('STRINGARRAY', '{"{a}"}'), ('STRINGARRAY', '{NULL,null,Null}'), ('STRINGARRAY', '{"a,b","{x}"}'),
    ('STRINGARRAY', '{"  a  "}'), ('STRINGARRAY', '{"\\\\x00ff"}'), ('UNICODEARRAY', '{"\u20ac",x}'), ('BYTESARRAY', '{"\u20ac",x}'),
    ('BOOLEANARRAY', '{t,f,NULL}'), ('FLOATARRAY', '{NaN,Infinity,-Infinity,1.5}'), ('DECIMALARRAY', '{NaN,1.5}'),
    ('LONGINTEGERARRAY', '{1,-9223372036854775808}'), ('ROWIDARRAY', '{1}'), ('DATEARRAY', '{2020-01-01}'),
    ('PYDATEARRAY', '{2020-01-01,2021-02-03}'), ('PYDATETIMEARRAY', '{"2020-01-01 01:02:03"}'),
    ('PYDATETIMETZARRAY', '{"2019-12-31 23:00:00+00","2020-01-01 00:00:00+01"}'), ('DATETIMETZARRAY', '{"2019-12-31 23:00:00+00"}'),
    ('PYINTERVALARRAY', '{"1 day","-2 mons"}'), ('INTERVALARRAY', '{"-1 years -2 mons +3 days -04:05:06"}'),
    ('PYTIMEARRAY', '{01:02:03,"01:02:03+01"}'), ('TIMEARRAY', '{24:00:00}'), ('BINARYARRAY', '{"\\\\x00ff",NULL}'),
    ('JSONARRAY', '{"{\\"a\\":1}",NULL}'), ('JSON', '{"a":1}'), ('JSONB', '[1, 2.5, null]'), ('JSON', '"s"'), ('JSON', 'null'),
    ('JSONBARRAY', '{"[1]"}'), ('CIDRARRAY', '{10.0.0.0/8}'), ('INETARRAY', '{127.0.0.1}'), ('MACADDRARRAY', '{08:00:2b:01:02:03}'),
    ('UNKNOWN', 'x'),
    ('PYDATETIMETZ', '2020-01-02 03:04:05.5+05:30'), ('PYDATETIMETZ', '2020-01-02 03:04:05-00:00:30'),
    ('PYDATETIMETZ', '0044-03-15 12:00:00+00 BC'), ('PYDATETIME', '2020-01-02 24:00:00.5'),
    ('PYDATETIMETZ', '2020-01-02 03:04:05.123456-01:30:15'), ('PYDATETIMETZ', '10000-01-01 00:00:00+00'),
    ('PYDATETIMETZ', '2020-01-02 03:04:05.12+00'), ('PYDATETIME', '1999-12-31 23:59:59.999999'),
    ('DATEARRAY', '{infinity,-infinity}'), ('PYDATETIMEARRAY', '{infinity}'), ('PYDATETIMETZARRAY', '{-infinity}'),
]

# Expressions sent to a server (with --dsn); the reference's value is diffed
# against our cast of the text the server returns for the same expression.
SERVER_EXPRS = [
    "'t'::bool", "'f'::bool", "1::int2", "(-32768)::int2", "2147483647::int4", "(-9223372036854775808)::int8",
    "12::oid", "1.5::float4", "'NaN'::float4", "'Infinity'::float8", "'-Infinity'::float8", "1e300::float8",
    "-1.25e-300::float8", "3.14159265358979::float4", "0.1::float8", "1.10::numeric", "'NaN'::numeric",
    "'Infinity'::numeric", "'-Infinity'::numeric", "-0.000::numeric", "1e100::numeric", "'abc'::text",
    "'x'::char(3)", "'y'::varchar", "'n'::name", "'\\x00ff27'::bytea", "''::bytea", "'a'::\"char\"",
    "'2020-01-02'::date", "'infinity'::date", "'-infinity'::date", "'0001-01-01'::date", "'9999-12-31'::date",
    "'01:02:03'::time", "'01:02:03.5'::time", "'24:00:00'::time", "'23:59:59.999999'::time",
    "'01:02:03+01'::timetz", "'01:02:03.25-05:30'::timetz", "'01:02:03+05:21:10'::timetz", "'24:00:00+00'::timetz",
    "'2020-01-02 03:04:05'::timestamp", "'2020-01-02 03:04:05.123'::timestamp", "'infinity'::timestamp",
    "'-infinity'::timestamp", "'2020-01-02 03:04:05+02'::timestamptz", "'2020-01-02 03:04:05.000001+00'::timestamptz",
    "'infinity'::timestamptz", "'-infinity'::timestamptz", "'1900-01-01 10:30:45 Asia/Calcutta'::timestamptz",
    "'1 day'::interval", "'-1 day'::interval", "'1 year 2 mons 3 days 04:05:06.789'::interval",
    "'-1 years -2 mons +3 days -04:05:06'::interval", "'1000000 years'::interval", "'00:00:00.000001'::interval",
    "'-00:00:00.000001'::interval", "'2 hours'::interval", "'-23:59:59.999999'::interval", "'100000 hours'::interval",
    "'0'::interval", "'1 mon'::interval", "'1 year'::interval", "'13 mons'::interval", "'-3 days 02:00'::interval",
    "'{\"a\":1}'::json", "'[1,2.5,null]'::jsonb", "'\"s\"'::json", "'null'::json",
    "'{1,2,NULL}'::int4[]", "'{}'::int4[]", "'{{1,2},{3,4}}'::int8[]", "'[0:1]={1,2}'::int2[]",
    '$${a,"b c","d\\"e","f\\\\g",NULL,"NULL",""}$$::text[]', "'{t,f}'::bool[]", "'{1.5,NaN}'::float8[]",
    "'{1.5,NaN}'::numeric[]", "'{2020-01-01}'::date[]", "'{\"2020-01-01 00:00:00+01\"}'::timestamptz[]",
    "'{\"1 day\",\"-2 mons\"}'::interval[]", "'{\"\\\\\\\\x00ff\"}'::bytea[]", '$${"{\\"a\\":1}"}$$::json[]',
    "'{{a,b},{c,d}}'::varchar[]", "'{\"a,b\",\"{x}\"}'::text[]", "'{01:02:03}'::time[]",
    "'{\"2020-01-01 01:02:03\"}'::timestamp[]", "'{1}'::oid[]", "'{\" a \"}'::text[]", "'{{NULL}}'::int4[]",
    "'{\"a\\\\\\\\\"}'::text[]", "'{x}'::char[]", "ARRAY['a b', 'c,d', 'e\"f', 'g\\\\h', '', NULL, 'NULL']",
    "'{10.0.0.0/8}'::cidr[]", "'{127.0.0.1}'::inet[]", "'{08:00:2b:01:02:03}'::macaddr[]", "'x'::unknown",
]

TZ_CASES = [
    "()", "(60,)", "(-330,)", "(dt.timedelta(hours=1),)", "(dt.timedelta(seconds=19270),)", "(0,'UTC')",
    "(None,'X')", "(90,'Y')", "(dt.timedelta(seconds=-1),)", "(1.5,)", "(dt.timedelta(days=1),)", "(-60,)",
    "(dt.timedelta(seconds=-19270),)", "(-1,)", "(720,)",
]
'''


# Cases where we differ on purpose: label -> why.
DEVIATIONS = {
    "cast DATEARRAY '{infinity,-infinity}'":
        'psycopg2 2.9.5 raises DataError for infinite dates inside arrays, though it maps '
        'them to date.max/min as single values (documented); we map them in arrays too',
    "cast PYDATETIMEARRAY '{infinity}'": 'same, datetime.max',
    "cast PYDATETIMETZARRAY '{-infinity}'": 'same, datetime.min in UTC',
}


# --- canonical results -----------------------------------------------------

_ADDRESS = re.compile(r' at 0x[0-9a-fA-F]+')


def canon(v):
    if isinstance(v, str):
        return ('str', _ADDRESS.sub(' at 0x?', v))
    if isinstance(v, memoryview):
        return ('memoryview', v.tobytes())
    if isinstance(v, list):
        return ('list', [canon(x) for x in v])
    if isinstance(v, (bytes, str, int, bool, type(None))):
        return (type(v).__name__, v)
    return (type(v).__name__, repr(v))


def run(label, f, out):
    try:
        out[label] = canon(f())
    except Exception as e:
        out[label] = ('EXC', type(e).__name__, _ADDRESS.sub(' at 0x?', str(e)))


# --- the two sides ---------------------------------------------------------

class FakeConn(object):
    """Connection attributes the pure modules read (see _adapt's docstring)."""

    def __init__(self, encoding='UTF8', server_version=0, scs=False, equote=False):
        self.encoding = encoding
        self.server_version = server_version
        self._standard_conforming_strings = scs
        self._equote = equote


class FakeCursor(object):
    def __init__(self, conn, tzinfo_factory):
        self.connection = conn
        self.tzinfo_factory = tzinfo_factory


def load_ours():
    import importlib
    import types
    for mod in [m for m in sys.modules if m == 'psycopg2' or m.startswith('psycopg2.')]:
        del sys.modules[mod]
    pkg = types.ModuleType('psycopg2')
    pkg.__path__ = [PKG_DIR]
    sys.modules['psycopg2'] = pkg
    mods = {name: importlib.import_module('psycopg2.' + name) for name in (
        '_exceptions', 'errors', 'errorcodes', '_adapt', '_interpolate', '_typecast', 'tz')}
    # What psycopg2/__init__.py and extensions.py export, so that the classes
    # are found under their __module__ (pickle).
    exc = mods['_exceptions']
    extensions = types.ModuleType('psycopg2.extensions')
    sys.modules['psycopg2.extensions'] = pkg.extensions = extensions
    for name in exc.__all__:
        obj = getattr(exc, name)
        setattr(sys.modules.get(getattr(obj, '__module__', ''), pkg), name, obj)
    return mods


def ref_pending_connection():
    import socket
    import psycopg2
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    s.listen(1)
    conn = psycopg2.connect('host=127.0.0.1 port=%d dbname=x user=x' % s.getsockname()[1], async_=True)
    return conn, s


SERVER_CONNS = [
    # (label, libpq options, client encoding)
    ('scs_on_utf8', '', 'UTF8'),
    ('scs_off_utf8', '-c standard_conforming_strings=off', 'UTF8'),
    ('scs_on_latin1', '', 'LATIN1'),
    ('scs_on_sjis', '', 'SJIS'),
]


def battery(side, dsn, meta):
    """Run every case on `side` ('ours' or 'ref'); return {label: result}."""
    import datetime
    out = {}
    ns = {}
    if side == 'ref':
        import psycopg2
        import psycopg2.extensions as ext
        import psycopg2.errors as errors
        import psycopg2.errorcodes as errorcodes
        import psycopg2.tz as tz
        adapt_mod = ext
        casters = dict((n, getattr(ext, n)) for n in dir(ext) if isinstance(getattr(ext, n), type(ext.INTEGER)))
        casters.update((n, getattr(psycopg2, n)) for n in ('BINARY', 'DATETIME', 'NUMBER', 'ROWID', 'STRING'))
        casters.update((n, getattr(psycopg2._psycopg, n)) for n in (
            'CIDRARRAY', 'DATETIMETZ', 'DATETIMETZARRAY', 'INETARRAY', 'MACADDRARRAY', 'UNKNOWN'))
        constructors = psycopg2
        pconn, _sock = ref_pending_connection()

        def offline_cursor(tzf=datetime.timezone):
            cur = ext.cursor(pconn)
            cur.tzinfo_factory = tzf
            return cur

        def mogrify_offline(q, params):
            return offline_cursor().mogrify(q, params)
        string_types = ext.string_types
        encodings = ext.encodings
        Error = psycopg2.Error
    else:
        m = load_ours()
        adapt_mod = m['_adapt']
        errors, errorcodes, tz = m['errors'], m['errorcodes'], m['tz']
        T = m['_typecast']
        casters = dict((n, getattr(T, n)) for n in dir(T) if isinstance(getattr(T, n), T.Typecaster))
        constructors = adapt_mod
        interpolate = m['_interpolate'].interpolate

        def offline_cursor(tzf=datetime.timezone):
            return FakeCursor(FakeConn(), tzf)
        offline_conn = FakeConn()

        def mogrify_offline(q, params):
            return interpolate(q, params, lambda o: adapt_mod.getquoted(o, offline_conn), 'utf-8')
        string_types = T.string_types
        encodings = adapt_mod.encodings
        Error = m['_exceptions'].Error

    ns['ext'] = adapt_mod
    exec(SHARED, ns)
    ev = lambda expr: eval(expr, ns)

    # adaptation without a connection (before any connection in the process)
    for expr in ns['ADAPT']:
        run('adapt %s' % expr, lambda: adapt_mod.adapt(ev(expr)).getquoted(), out)
        run('str(adapt %s)' % expr, lambda: str(adapt_mod.adapt(ev(expr))), out)
    for name, expr in ns['ADAPTERS']:
        run('%s(%s)' % (name, expr), lambda: getattr(adapt_mod, name)(ev(expr)).getquoted(), out)
    for name, expr in ns['CONSTRUCTORS']:
        run('%s%s' % (name, expr), lambda: getattr(constructors, name)(*ev(expr)).adapted, out)
        run('%s%s quoted' % (name, expr), lambda: getattr(constructors, name)(*ev(expr)).getquoted(), out)
    run('QuotedString.encoding', lambda: adapt_mod.QuotedString('x').encoding, out)

    def set_encoding(value):
        q = adapt_mod.QuotedString('\u20ac')
        q.encoding = value
        return q.getquoted()
    for enc in ("'utf8'", "3", "None"):
        run('QuotedString.encoding=%s' % enc, lambda: set_encoding(ev(enc)), out)
    run('adapters keys', lambda: [(k[0].__name__, k[1].__name__) for k in adapt_mod.adapters
                                  if k[0].__module__ != 'psycopg2._range'], out)
    run('adapters values', lambda: [v.__name__ for k, v in adapt_mod.adapters.items()
                                    if k[0].__module__ != 'psycopg2._range'], out)
    run('adapt conform before mro', lambda: (
        lambda C: adapt_mod.adapt(C(3)).getquoted())(
            type('XI', (int,), {'__conform__': lambda self, p: adapt_mod.AsIs('conform')})), out)

    # interpolation, through mogrify on a never-connected connection
    for q, expr in ns['MOGRIFY']:
        run('mogrify %r %s' % (q, expr), lambda: mogrify_offline(q, ev(expr)), out)

    # typecasting
    for name, text in ns['CASTS']:
        run('cast %s %r' % (name, text), lambda: casters[name](text, offline_cursor()), out)
    for text in ('2020-01-02 03:04:05+01', '2020-01-02 03:04:05-05:30', 'infinity'):
        run('cast tzf=None %r' % text, lambda: casters['PYDATETIMETZ'](text, offline_cursor(None)), out)
        run('cast tzf=Fixed %r' % text, lambda: casters['PYDATETIMETZ'](text, offline_cursor(tz.FixedOffsetTimezone)), out)
    run('cast time tzf=None', lambda: casters['PYTIME']('01:02:03+01', offline_cursor(None)), out)
    for name in sorted(casters):
        run('caster %s' % name, lambda: (casters[name].name, casters[name].values), out)
    run('string_types', lambda: sorted((oid, c.name) for oid, c in string_types.items()
                                       if c.name not in ('type', 'typeARRAY') and not c.name.endswith('range')
                                       and not c.name.endswith('rangeARRAY')), out)
    run('caster eq', lambda: [casters['INTEGER'] == 23, casters['INTEGER'] == 20, 23 == casters['INTEGER'],
                              casters['INTEGER'] != 20, casters['NUMBER'] == 1700, casters['INTEGER'] == '23'], out)
    run('caster eq None', lambda: casters['INTEGER'] == None, out)  # noqa: E711
    run('caster hash', lambda: hash(casters['INTEGER']), out)
    run('caster None', lambda: casters['INTEGER'](None, None), out)
    run('caster bytes', lambda: casters['INTEGER'](b'12', None), out)
    newtype = ext.new_type if side == 'ref' else T.new_type
    newarray = ext.new_array_type if side == 'ref' else T.new_array_type
    pyt = newtype((1, 2), 'N', lambda v, c: ('got', v))
    run('new_type call', lambda: pyt('x', None), out)
    run('new_type None', lambda: pyt(None, None), out)
    run('new_type attrs', lambda: (pyt.name, pyt.values), out)
    run('new_type list', lambda: newtype([1], 'N', None), out)
    run('new_type bytes name', lambda: newtype((1,), b'N', None), out)
    run('new_array_type', lambda: newarray((2000,), 'NA', pyt)('{a,NULL,"b c"}', None), out)
    run('new_array_type base None', lambda: newarray((1,), 'X', None), out)
    run('new_array_type base func', lambda: newarray((1,), 'X', lambda v, c: v), out)

    # errors
    for n in dir(errors):
        obj = getattr(errors, n)
        if isinstance(obj, type):
            run('errors.%s' % n, lambda: (obj.__bases__[0].__name__, obj.__module__, obj.__mro__[1].__module__), out)
    run('errors names', lambda: sorted(n for n in dir(errors) if not n.startswith('_')
                                       and n not in ('exception_for_sqlstate', 'error_from_server')), out)
    for n, v in sorted(vars(errorcodes).items()):
        if n.isupper():
            run('errorcodes.%s' % n, lambda: v, out)
            run('errors.lookup(%s)' % v, lambda: errors.lookup(v).__name__, out)
            run('errorcodes.lookup(%s)' % v, lambda: errorcodes.lookup(v), out)
    run('errorcodes names', lambda: sorted(n for n in dir(errorcodes)), out)
    run('errorcodes cache', lambda: list(errorcodes.lookup.__defaults__[0].items()), out)
    run('errors.lookup unknown', lambda: errors.lookup('XXXXX'), out)
    run('errorcodes.lookup unknown', lambda: errorcodes.lookup('XXXXX'), out)
    import pickle
    run('Error plain', lambda: (repr(Error('a', 'b')), Error('a').pgerror, Error('a').pgcode, Error('a').cursor,
                                Error('a').diag.sqlstate, pickle.loads(pickle.dumps(Error('a', 'b'))).args), out)
    run('Error readonly', lambda: setattr(Error('a'), 'pgcode', 'x'), out)
    diag_cls = ext.Diagnostics if side == 'ref' else m['_exceptions'].Diagnostics
    run('Diagnostics(1)', lambda: diag_cls(1), out)
    run('Diagnostics attrs', lambda: sorted(a for a in dir(diag_cls(Error())) if not a.startswith('_')), out)
    run('Error module names', lambda: [(c.__name__, c.__module__) for c in (
        errors.Error, errors.Warning, errors.DataError, errors.QueryCanceledError,
        errors.TransactionRollbackError, diag_cls)], out)

    # tz
    for expr in ns['TZ_CASES']:
        def tzcase():
            t = tz.FixedOffsetTimezone(*ev(expr))
            return (repr(t), t.utcoffset(None), t.tzname(None), t.dst(None), vars(t))
        run('FixedOffsetTimezone%s' % expr, tzcase, out)
    run('tz cache', lambda: (tz.FixedOffsetTimezone(60) is tz.FixedOffsetTimezone(60),
                             tz.FixedOffsetTimezone(60) is tz.FixedOffsetTimezone(ev('dt.timedelta(hours=1)')),
                             tz.FixedOffsetTimezone(60) == tz.FixedOffsetTimezone(60, 'x'),
                             tz.FixedOffsetTimezone(60) == ev('dt.timezone(dt.timedelta(hours=1))')), out)
    run('tz hash', lambda: hash(tz.FixedOffsetTimezone(60)), out)
    run('tz pickle', lambda: pickle.loads(pickle.dumps(tz.FixedOffsetTimezone(60, 'x'))), out)
    run('tz LOCAL', lambda: [(f(ev('dt.datetime(2020,%d,1)' % mo))) for mo in (1, 7)
                             for f in (tz.LOCAL.utcoffset, tz.LOCAL.tzname, tz.LOCAL.dst)], out)
    run('tz consts', lambda: (tz.ZERO, tz.STDOFFSET, tz.DSTOFFSET, tz.DSTDIFF), out)
    run('encodings', lambda: sorted(encodings.items()), out)

    if dsn:
        server_battery(side, dsn, ns, ev, out, casters, offline_cursor, meta)
    return out


def server_battery(side, dsn, ns, ev, out, casters, offline_cursor, meta):
    """Connection-dependent cases. The reference side talks to the server
    and leaves in `meta` what ours needs: server version and the text of
    each SERVER_EXPRS value."""
    values = ns['MOGRIFY'] + [('%s', '(%s,)' % e) for e in ns['ADAPT']]
    if side == 'ref':
        import psycopg2
        ref_conn = psycopg2.connect(dsn)
        ref_conn.autocommit = True
        meta['server_version'] = ref_conn.server_version
        texts = meta['texts'] = {}
        rcur = ref_conn.cursor()
        rcur.execute("set timezone to 'Europe/Rome'")
        for expr in ns['SERVER_EXPRS']:
            label = 'server cast %s' % expr
            try:
                rcur.execute('select %s' % expr)
            except psycopg2.Error as e:
                out[label] = ('EXC', type(e).__name__, str(e))
                continue
            value = rcur.fetchone()[0]
            oid = rcur.description[0].type_code
            # The text exactly as the server sent it.
            raw = psycopg2.extensions.new_type((oid,), 'RAW', lambda v, c: v)
            psycopg2.extensions.register_type(raw, rcur)
            rcur.execute('select %s' % expr)
            texts[expr] = (oid, rcur.fetchone()[0])
            rcur = ref_conn.cursor()
            out[label] = canon(value)
    else:
        adapt_mod = ns['ext']
        interpolate = sys.modules['psycopg2._interpolate'].interpolate
        T = sys.modules['psycopg2._typecast']
        for expr, (oid, text) in sorted(meta['texts'].items()):
            caster = T.string_types.get(oid, T.STRING)
            run('server cast %s' % expr, lambda: caster._cast(text, offline_cursor()), out)
    for label, options, enc in SERVER_CONNS:
        if side == 'ref':
            conn = psycopg2.connect(dsn, options=options, client_encoding=enc)
            cur = conn.cursor()

            def mogrify(q, params):
                return cur.mogrify(q, params)
        else:
            scs_off = 'standard_conforming_strings=off' in options
            fake = FakeConn(enc, meta['server_version'], not scs_off, scs_off)

            def mogrify(q, params):
                return interpolate(q, params, lambda o: adapt_mod.getquoted(o, fake),
                                   adapt_mod.python_encoding(fake.encoding))
        for q, expr in values:
            run('%s mogrify %r %s' % (label, q, expr), lambda: mogrify(q, ev(expr)), out)
    # After connections, quoting without one follows the last reported
    # standard_conforming_strings (on here).
    if side == 'ours':
        adapt_mod.note_standard_conforming_strings('on')
    for expr in ns['ADAPT']:
        run('after connect adapt %s' % expr, lambda: ns['ext'].adapt(ev(expr)).getquoted(), out)


def main():
    if '--ref' in sys.argv:
        dsn = sys.argv[sys.argv.index('--ref') + 1] or None
        meta = {}
        out = battery('ref', dsn, meta)
        sys.stdout.buffer.write(pickle.dumps((out, meta)))
        return 0
    verbose = '-v' in sys.argv
    dsn = sys.argv[sys.argv.index('--dsn') + 1] if '--dsn' in sys.argv else ''
    ref_python = os.environ.get('REF_PYTHON', '/usr/bin/python3')
    proc = subprocess.run([ref_python, os.path.abspath(__file__), '--ref', dsn],
                          stdout=subprocess.PIPE, check=True)
    ref, meta = pickle.loads(proc.stdout)
    ours = battery('ours', dsn, meta)
    mismatches = 0
    for label in ref:
        if label not in ours:
            print('MISSING in ours: %s' % label)
            mismatches += 1
        elif ours[label] != ref[label]:
            if label in DEVIATIONS:
                print('INTENDED %s (%s)\n  ref:  %r\n  ours: %r' % (
                    label, DEVIATIONS[label], ref[label], ours[label]))
                continue
            mismatches += 1
            print('MISMATCH %s\n  ref:  %r\n  ours: %r' % (label, ref[label], ours[label]))
        elif verbose:
            print('ok %s -> %r' % (label, ref[label]))
    for label in ours:
        if label not in ref:
            print('EXTRA in ours: %s' % label)
            mismatches += 1
    print('%d cases, %d mismatches, %d intended differences' % (
        len(ref), mismatches, len([d for d in DEVIATIONS if d in ref and ref[d] != ours.get(d)])))
    return 1 if mismatches else 0


if __name__ == '__main__':
    sys.exit(main())
