"""The typecasting API of psycopg2.extensions: typecaster objects, new_type,
new_array_type, register_type and its scopes, cursor.cast, the string_types
and binary_types registers, tzinfo_factory, cursor.typecaster and
cursor.row_factory, custom casters replacing the built-in ones, and what
happens when a caster fails while rows are fetched.

Differential snippets compare the transcripts with psycopg2 2.9.5; the plain
tests pin what a transcript can't show.
"""

import textwrap
import unittest

import psycopg2
import psycopg2.extensions as ext
import psycopg2.extras as extras

from _support import ConnectingTestCase
from test_differential import SNIPPET_HELPERS, _DifferentialTestCase, generated

# Every snippet gets `attempt(f)`: out(f()) or the exception's class and message.
PRELUDE = SNIPPET_HELPERS + '''\
import psycopg2.extensions as ext
import psycopg2.extras as extras

def name_of(caster):
    return None if caster is None else caster.name
'''


def isolated(code):
    """`code` with its registrations undone after it (global typecasters and
    adapters, the harness connection's typecasters): every suite shares one
    process, every snippet of a class one connection."""
    body = textwrap.indent(textwrap.dedent(code), '    ')
    return (PRELUDE +
            '_saved = (dict(ext.string_types), dict(ext.adapters), dict(conn.string_types))\n'
            'try:\n' + body +
            'finally:\n'
            '    ext.string_types.clear()\n'
            '    ext.string_types.update(_saved[0])\n'
            '    ext.adapters.clear()\n'
            '    ext.adapters.update(_saved[1])\n'
            '    conn.string_types.clear()\n'
            '    conn.string_types.update(_saved[2])\n')


_CASTER_NAMES = [
    'BINARYARRAY', 'BOOLEAN', 'BOOLEANARRAY', 'BYTES', 'BYTESARRAY', 'DATE', 'DATEARRAY',
    'DATETIMEARRAY', 'DECIMAL', 'DECIMALARRAY', 'FLOAT', 'FLOATARRAY', 'INTEGER',
    'INTEGERARRAY', 'INTERVAL', 'INTERVALARRAY', 'JSON', 'JSONARRAY', 'JSONB', 'JSONBARRAY',
    'LONGINTEGER', 'LONGINTEGERARRAY', 'PYDATE', 'PYDATEARRAY', 'PYDATETIME',
    'PYDATETIMEARRAY', 'PYDATETIMETZ', 'PYDATETIMETZARRAY', 'PYINTERVAL', 'PYINTERVALARRAY',
    'PYTIME', 'PYTIMEARRAY', 'ROWIDARRAY', 'STRINGARRAY', 'TIME', 'TIMEARRAY', 'UNICODE',
    'UNICODEARRAY',
]

SNIPPETS = [
    # -- typecaster objects ----------------------------------------------------
    ('named_casters', '''
        for n in %r:
            c = getattr(ext, n)
            out(n, c.name, c.values, type(c).__name__, type(c).__module__)
        for n in ('STRING', 'NUMBER', 'DATETIME', 'ROWID', 'BINARY'):
            c = getattr(psycopg2, n)
            out(n, c.name, c.values, [c == v for v in c.values], c == 0)
        out(repr(ext.INTEGER).split(' at 0x')[0], str(ext.INTEGER).split(' at 0x')[0])
        ''' % (_CASTER_NAMES,)),
    ('dbapi_type_objects_compare', '''
        for t in ('STRING', 'NUMBER', 'DATETIME', 'ROWID', 'BINARY'):
            c = getattr(psycopg2, t)
            out(t, [c == oid for oid in (16, 17, 18, 19, 20, 21, 23, 25, 26, 700, 701, 1043, 1082,
                                         1114, 1184, 1700)])
        cur.execute("SELECT 1, 'a'::text, 1.5::float8, now()::timestamp, 'x'::bytea, 1::oid")
        out([[c.type_code == t for t in (psycopg2.STRING, psycopg2.NUMBER, psycopg2.DATETIME,
                                         psycopg2.ROWID, psycopg2.BINARY)]
             for c in cur.description])
        '''),
    ('typecaster_comparisons', '''
        I = ext.INTEGER
        for expr in ('I == 23', 'I == 21', 'I == 20', 'I != 23', 'I != 20', 'I < 5', 'I > 23',
                     'I <= 23', 'I >= 99', '23 == I', '20 != I', 'I == 23.9', "I == '23'",
                     "I == b'21'", 'I == True', 'I == -1', 'I == ext.INTEGER',
                     'I == ext.LONGINTEGER', 'I == psycopg2.NUMBER', 'psycopg2.NUMBER == I',
                     'I != ext.LONGINTEGER', 'I < ext.INTEGER', '23 in [I]', "I == 'x'",
                     'I == None', 'I == object()', 'I == [23]', 'I == 2 ** 70', 'bool(I)'):
            attempt(eval, expr, {'I': I, 'ext': ext, 'psycopg2': psycopg2})
        attempt(hash, I)
        '''),
    ('typecaster_readonly', '''
        attempt(setattr, ext.INTEGER, 'name', 'x')
        attempt(setattr, ext.INTEGER, 'values', (1,))
        attempt(type(ext.INTEGER))
        attempt(type(ext.INTEGER), (1,), 'X', int)
        out(ext.INTEGER.name, ext.INTEGER.values)
        '''),
    ('typecaster_called_directly', '''
        attempt(ext.INTEGER, '42', cur)
        attempt(ext.INTEGER, '42', None)
        attempt(ext.INTEGER, None, cur)
        attempt(ext.INTEGER, b'42', cur)
        attempt(ext.INTEGER, bytearray(b'7'), cur)
        attempt(ext.INTEGER, 42, cur)
        attempt(ext.INTEGER, '42')
        attempt(ext.INTEGER, '42', cur, 1)
        attempt(ext.INTEGER, 'x', cur)
        attempt(ext.FLOAT, '1.5', cur)
        attempt(ext.DECIMAL, '1.50', cur)
        attempt(ext.BOOLEAN, 't', cur)
        attempt(ext.BOOLEAN, 'x', cur)
        attempt(ext.DATE, '2020-01-02', cur)
        attempt(ext.DATE, 'nonsense', cur)
        attempt(ext.TIME, '12:34:56.5', cur)
        attempt(ext.PYDATETIME, '2020-01-02 03:04:05', cur)
        attempt(ext.PYDATETIMETZ, '2020-01-02 03:04:05+02', cur)
        attempt(ext.PYINTERVAL, '1 day 02:00:00', cur)
        attempt(ext.UNICODE, 'caf\\u00e9', cur)
        attempt(ext.UNICODE, 'caf\\u00e9'.encode('utf-8'), cur)
        attempt(ext.BYTES, 'abc', cur)
        attempt(psycopg2.BINARY, '\\\\x4142', cur)
        attempt(psycopg2.NUMBER, '2.5', cur)
        attempt(psycopg2.STRING, 'x', cur)
        attempt(psycopg2.ROWID, '26', cur)
        attempt(psycopg2.DATETIME, '2020-01-02 03:04:05', cur)
        attempt(ext.INTEGERARRAY, '{1,NULL,3}', cur)
        attempt(ext.INTEGERARRAY, '{{1,2},{3,4}}', cur)
        attempt(ext.INTEGERARRAY, '[0:1]={5,6}', cur)
        attempt(ext.INTEGERARRAY, '1,2', cur)
        attempt(ext.INTEGERARRAY, '{1,a}', cur)
        attempt(ext.STRINGARRAY, '{"a\\\\"b",c d,"NULL",NULL,null}', cur)
        attempt(ext.BOOLEANARRAY, '{t,f,NULL}', cur)
        '''),

    # -- new_type / new_array_type ----------------------------------------------
    ('new_type_arguments', '''
        attempt(lambda: ext.new_type((23,), 'X', lambda v, c: v).name)
        attempt(lambda: ext.new_type((23, 21), 'X', lambda v, c: v).values)
        attempt(lambda: ext.new_type([23], 'X', int))
        attempt(lambda: ext.new_type(23, 'X', int))
        attempt(lambda: ext.new_type((23,), b'X', int))
        attempt(lambda: ext.new_type((23,), None, int))
        attempt(lambda: ext.new_type((), 'EMPTY', int).values)
        attempt(lambda: ext.new_type((23,), 'X')('1', cur))
        attempt(lambda: ext.new_type((23,), 'X', None)('1', cur))
        attempt(lambda: ext.new_type((23,), 'X', 5)('1', cur))
        attempt(lambda: ext.new_type((23,), 'X', lambda v: v)('1', cur))
        attempt(lambda: ext.new_type((23,), 'X', lambda v, c: ('x', v))(None, cur))
        attempt(lambda: ext.new_type((23,), 'X', lambda v, c: ('x', v))('', cur))
        attempt(lambda: ext.new_type((23,), 'X', ext.INTEGER)('5', cur))
        attempt(lambda: ext.new_type((23,), 'X', lambda v, c: 1 / 0)('5', cur))
        '''),
    ('new_array_type_arguments', '''
        base = ext.new_type((23,), 'B', lambda v, c: ('b', v))
        A = ext.new_array_type((1007,), 'BARRAY', base)
        out(A.name, A.values)
        attempt(A, '{1,NULL,"3"}', cur)
        attempt(A, '{}', cur)
        attempt(A, None, cur)
        attempt(A, '{{1,2},{3}}', cur)
        attempt(A, '[1:2]={1,2}', cur)
        attempt(A, 'x', cur)
        attempt(lambda: ext.new_array_type((1007,), 'X', int))
        attempt(lambda: ext.new_array_type([1007], 'X', base))
        attempt(lambda: ext.new_array_type((1007,), b'X', base))
        attempt(lambda: ext.new_array_type((1007,), 'X', ext.new_type((23,), 'N'))('{1}', cur))
        attempt(lambda: ext.new_array_type((1007,), 'X', ext.INTEGER)('{1,2}', cur))
        '''),

    ('array_text_edge_cases', r"""
        base = ext.new_type((23,), 'B', lambda v, c: v)
        A = ext.new_array_type((1007,), 'BARRAY', base)
        for text in ('{1,2', '{1,2}}', '{{1,2}', '{', '{}}', '{{1,2},{3,4}', '{1}{2}', '{1,2}x',
                     '{{1},2}', '{1,{2}}', '{a b}', '{ a , b }', '{1,,2}', '{{},{}}', '{1',
                     '{{1', '{"a"}}', '{NULL,"NULL",Null,nULL}', '{"a\\"b","c,d"}',
                     '[1:2][3:4]={{1,2},{3,4}}', '[0:1]={1,2}', 'x{1}', ' {1}'):
            attempt(A, text, cur)
            attempt(ext.INTEGERARRAY, text, cur)
        """),

    # -- register_type and the registers --------------------------------------
    ('registers_initially', '''
        out(cur.string_types, cur.binary_types, conn.string_types, conn.binary_types)
        out(ext.binary_types, type(ext.string_types).__name__)
        out(sorted(k for k in ext.string_types if k < 3904))
        out(sorted(set(c.name for c in ext.string_types.values())
                   - set(['DATERANGE', 'NUMRANGE', 'TSRANGE', 'TSTZRANGE', 'INT4RANGE',
                          'INT8RANGE'])))
        out([(oid, ext.string_types[oid].name) for oid in sorted(ext.string_types)
             if oid < 3904])
        '''),
    ('registers_attributes', '''
        attempt(setattr, conn, 'string_types', {})
        attempt(setattr, conn, 'binary_types', {})
        cur.string_types = {23: ext.new_type((23,), 'MINE', lambda v, c: 'mine')}
        cur.execute('SELECT 1')
        out(cur.fetchall())
        cur.string_types = 5
        out(cur.string_types)
        cur.execute('SELECT 1')
        out(cur.fetchall())
        del cur.string_types
        out(cur.string_types)
        cur.binary_types = {}
        out(cur.binary_types)
        del cur.binary_types
        out(cur.binary_types)
        '''),
    ('register_type_scopes', isolated('''
        def tag(t):
            return lambda v, c: (t, v)
        ext.register_type(ext.new_type((23,), 'CUR', tag('cur')), cur)
        out(name_of(cur.string_types[23]), sorted(cur.string_types))
        cur.execute('SELECT 1, NULL::int4')
        out(cur.fetchall())
        ext.register_type(ext.new_type((23,), 'CONN', tag('conn')), conn)
        other = conn.cursor()
        other.execute('SELECT 1')
        out(other.fetchall(), other.string_types, name_of(conn.string_types[23]))
        cur.execute('SELECT 1')
        out(cur.fetchall())
        ext.register_type(ext.new_type((23,), 'GLOBAL', tag('global')))
        ext.register_type(ext.new_type((21,), 'GLOBAL2', tag('global2')), None)
        third = conn.cursor()
        third.execute('SELECT 1, 2::int2')
        out(third.fetchall())
        conn2 = psycopg2.connect(conn.dsn)
        c2 = conn2.cursor()
        c2.execute('SELECT 1, 2::int2')
        out(c2.fetchall(), conn2.string_types)
        conn2.close()
        out(cur.cast(23, '5'), other.cast(23, '5'), third.cast(21, '5'))
        ''')),
    ('register_type_errors', isolated('''
        T = ext.new_type((23,), 'T', lambda v, c: v)
        attempt(ext.register_type, T, 5)
        attempt(ext.register_type, T, 'conn')
        attempt(ext.register_type, 5)
        attempt(ext.register_type, None)
        attempt(ext.register_type, T, conn, 5)
        attempt(ext.register_type)
        attempt(ext.register_type, ext.new_type((), 'NONE', int), conn)
        out(conn.string_types)
        ''')),
    ('array_of_custom_type_registered', isolated('''
        base = ext.new_type((23,), 'B', lambda v, c: None if v is None else int(v) * 10)
        ext.register_type(base, conn)
        ext.register_type(ext.new_array_type((1007,), 'BA', base), conn)
        cur.execute("SELECT '{1,NULL,3}'::int4[], '{{1},{2}}'::int4[], 7")
        out(cur.fetchall())
        ''')),

    # -- cursor.cast ------------------------------------------------------------
    ('cursor_cast', '''
        for oid, s in ((23, '42'), (20, '10000000000'), (25, 'text'), (16, 't'),
                       (700, '1.5'), (1700, '1.10'), (1082, '2020-01-02'),
                       (1184, '2020-01-02 03:04:05+01'), (1186, '1 day'), (17, '\\\\x41'),
                       (1007, '{1,2}'), (1009, '{a,b}'), (114, '{"a": 1}'), (705, 'unknown'),
                       (99999, 'no such oid'), (-1, 'negative'), (2 ** 40, 'huge'),
                       ('x', 'oid is a str'), (None, 'oid is None'), (23, None), (99999, None),
                       (25, b'bytes'), (23, b'12'), (23, 12), (99999, 12), (16, 'x'),
                       (1082, 'nonsense'), (23, 'x')):
            attempt(cur.cast, oid, s)
        attempt(cur.cast, 23)
        '''),

    # -- custom casters on fetched rows -----------------------------------------
    ('custom_caster_sees_text_cursor_and_none', isolated('''
        seen = []
        def cast(value, c):
            seen.append((value, type(value).__name__, c is cur,
                         name_of(c.typecaster) if c is not None else None))
            return value
        ext.register_type(ext.new_type((25, 23), 'SEEN', cast), cur)
        cur.execute("SELECT 'caf\\u00e9'::text, NULL::text, 1, NULL::int4, ''::text")
        out(cur.fetchall())
        out(seen)
        out(cur.typecaster)
        attempt(setattr, cur, 'typecaster', None)
        ''')),
    ('custom_caster_client_encoding', isolated('''
        ext.register_type(ext.new_type((25,), 'T', lambda v, c: (v, len(v))), conn)
        conn.set_client_encoding('LATIN1')
        cur.execute("SELECT 'caf\\u00e9 \\u00fc'::text")
        out(cur.fetchall())
        conn.set_client_encoding('UTF8')
        cur.execute("SELECT 'caf\\u00e9 \\u20ac'::text")
        out(cur.fetchall())
        ''')),
    ('custom_caster_replaces_builtins', isolated('''
        for oid, name in ((23, 'int4'), (20, 'int8'), (21, 'int2'), (25, 'text'),
                          (1043, 'varchar'), (16, 'bool'), (701, 'float8'), (700, 'float4'),
                          (1700, 'numeric'), (26, 'oid'), (19, 'name'), (1082, 'date')):
            ext.register_type(ext.new_type((oid,), name.upper(),
                                           lambda v, c, n=name: (n, v)), conn)
        cur.execute("SELECT 1::int4, 2::int8, 3::int2, 'a'::text, 'b'::varchar, true, "
                    "1.5::float8, 2.5::float4, 3.5::numeric, 4::oid, 'n'::name, "
                    "'2020-01-02'::date, NULL::int4, NULL::text")
        out(cur.fetchone())
        cur.execute('SELECT i FROM generate_series(1, 3) i')
        out(cur.fetchall())
        other = conn.cursor()
        ext.register_type(ext.INTEGER, other)
        other.execute('SELECT 1::int4, 2::int8')
        out(other.fetchall())
        ''')),
    ('global_caster_replaces_builtin', isolated('''
        ext.register_type(ext.new_type((25,), 'GTEXT', lambda v, c: v and v.upper()))
        cur.execute("SELECT 'abc'::text, NULL::text")
        out(cur.fetchall())
        ext.register_type(ext.UNICODE)
        cur.execute("SELECT 'abc'::text")
        out(cur.fetchall())
        ''')),
    ('builtin_casters_registered_in_other_scopes', isolated('''
        ext.register_type(ext.BYTES, cur)
        ext.register_type(ext.DECIMAL, cur)
        ext.register_type(ext.new_type((1700,), 'F', ext.FLOAT), conn)
        cur.execute("SELECT 'caf\\u00e9'::text, 1.5::numeric")
        out(cur.fetchall())
        c2 = conn.cursor()
        c2.execute('SELECT 1.5::numeric')
        out(c2.fetchall())
        ''')),

    # -- a caster failing while rows are fetched ------------------------------------
    ('failing_caster_fetchone', isolated('''
        def cast(v, c):
            if v == '2':
                raise ValueError('bad value %s' % v)
            return int(v)
        ext.register_type(ext.new_type((23,), 'BAD', cast), cur)
        cur.execute('SELECT i FROM generate_series(1, 4) i')
        attempt(cur.fetchone)
        attempt(cur.fetchone)
        out(cur.rownumber)
        attempt(cur.fetchone)
        attempt(cur.fetchall)
        out(cur.rownumber, conn.status, conn.get_transaction_status())
        cur.execute('SELECT 10')
        out(cur.fetchall())
        ''')),
    ('failing_caster_fetchall_fetchmany', isolated('''
        def cast(v, c):
            if v in ('2', '5'):
                raise ZeroDivisionError('bad %s' % v)
            return int(v)
        ext.register_type(ext.new_type((23,), 'BAD', cast), cur)
        cur.execute('SELECT i FROM generate_series(1, 6) i')
        attempt(cur.fetchall)
        out(cur.rownumber)
        attempt(cur.fetchmany, 2)
        out(cur.rownumber)
        attempt(cur.fetchmany, 5)
        out(cur.rownumber)
        attempt(cur.fetchall)
        attempt(cur.fetchone)
        cur.scroll(0, 'absolute')
        attempt(cur.fetchmany, 3)
        out(cur.rownumber)
        ''')),
    ('failing_caster_iteration', isolated('''
        def cast(v, c):
            if v == '3':
                raise psycopg2.DataError('no three')
            return int(v)
        ext.register_type(ext.new_type((23,), 'BAD', cast), cur)
        cur.execute('SELECT i FROM generate_series(1, 5) i')
        rows = []
        try:
            for r in cur:
                rows.append(r)
        except Exception as e:
            out('raised', type(e).__name__, str(e))
        out(rows, cur.rownumber, list(cur), cur.rownumber)
        ''')),
    ('failing_caster_many_rows', isolated('''
        def cast(v, c):
            if v in ('1500', '2999'):
                raise ValueError('bad %s' % v)
            return int(v)
        ext.register_type(ext.new_type((23,), 'BAD', cast), cur)
        cur.execute('SELECT i FROM generate_series(1, 3000) i')
        rows = cur.fetchmany(1498)
        out(len(rows), rows[-1])
        attempt(cur.fetchmany, 5)
        out(cur.rownumber)
        rows = cur.fetchmany(1497)
        out(len(rows), rows[0], rows[-1], cur.rownumber)
        attempt(cur.fetchone)
        out(cur.rownumber, cur.fetchall(), cur.rownumber)
        ''')),
    ('failing_builtin_parse', '''
        cur.execute("SELECT '2020-01-02'::date")
        out(cur.fetchall())
        attempt(cur.cast, 1083, 'nope')
        attempt(cur.cast, 16, 'maybe')
        attempt(cur.cast, 1700, 'x')
        attempt(cur.cast, 1186, 'P1D')
        '''),
    ('null_to_custom_caster_in_array', isolated('''
        ext.register_type(ext.new_array_type((1009,), 'TA', ext.new_type(
            (25,), 'T', lambda v, c: 'null!' if v is None else v)), cur)
        cur.execute("SELECT ARRAY['a', NULL]::text[], NULL::text[]")
        out(cur.fetchall())
        ''')),

    # -- tzinfo_factory ---------------------------------------------------------------
    ('tzinfo_factory_default_and_custom', '''
        import datetime as dt
        out(cur.tzinfo_factory is dt.timezone)
        cur.execute("SET TIME ZONE 'Europe/Rome'")
        cur.execute("SELECT '2020-01-01 10:00'::timestamptz, '2020-07-01 10:00'::timestamptz, "
                    "'10:00+02'::timetz, '10:00:00.5-03:30'::timetz, 'infinity'::timestamptz, "
                    "'2020-01-01 10:00'::timestamp")
        out(cur.fetchone())

        class TZ(dt.tzinfo):
            def __init__(self, offset):
                self.offset = offset
            def utcoffset(self, d):
                return self.offset
            def __repr__(self):
                return 'TZ(%r)' % self.offset

        cur.tzinfo_factory = TZ
        cur.execute("SELECT '2020-01-01 10:00'::timestamptz, '10:00+02'::timetz, "
                    "'infinity'::timestamptz, '-infinity'::timestamptz")
        out(cur.fetchone())
        cur.tzinfo_factory = None
        cur.execute("SELECT '2020-01-01 10:00'::timestamptz, '10:00+02'::timetz, "
                    "'infinity'::timestamptz")
        out(cur.fetchone())
        cur.tzinfo_factory = lambda offset: 5
        cur.execute("SELECT '2020-01-01 10:00'::timestamptz")
        attempt(cur.fetchone)
        cur.tzinfo_factory = lambda offset: 1 / 0
        cur.execute("SELECT '2020-01-01 10:00'::timestamptz")
        attempt(cur.fetchone)
        cur.tzinfo_factory = dt.timezone
        out(cur.cast(1184, '2020-01-02 03:04:05+05:30'))
        '''),

    # -- row_factory ------------------------------------------------------------------
    ('row_factory_defaults', '''
        out(cur.row_factory)
        for cf in (extras.DictCursor, extras.RealDictCursor, extras.NamedTupleCursor,
                   extras.LoggingCursor):
            c = conn.cursor(cursor_factory=cf)
            out(cf.__name__, c.row_factory)
        out(conn.cursor('named_rf').row_factory)
        '''),
    ('row_factory_on_plain_cursor', '''
        cur.row_factory = lambda c: [None] * len(c.description)
        cur.execute('SELECT 1, 2 UNION ALL SELECT 3, 4 UNION ALL SELECT 5, 6')
        out(cur.fetchone(), cur.fetchmany(1), cur.fetchall())
        cur.execute('SELECT 1, 2 UNION ALL SELECT 3, 4')
        out(list(cur))

        class Row(list):
            def __init__(self, c):
                list.__init__(self, ['?'] * (len(c.description) + 1))
                self.columns = [d.name for d in c.description]
        cur.row_factory = Row
        cur.execute('SELECT 1 AS a, NULL AS b')
        r = cur.fetchone()
        out(type(r).__name__, r, r.columns)
        cur.row_factory = None
        cur.execute('SELECT 1, 2')
        out(cur.fetchone())
        del cur.row_factory
        out(cur.row_factory)
        '''),
    ('row_factory_failing', '''
        cur.row_factory = lambda c: 1 / 0
        cur.execute('SELECT 1, 2 UNION ALL SELECT 3, 4 UNION ALL SELECT 5, 6')
        attempt(cur.fetchone)
        out(cur.rownumber)
        attempt(cur.fetchall)
        out(cur.rownumber)
        cur.row_factory = lambda c: [None]
        cur.execute('SELECT 1, 2')
        attempt(cur.fetchone)
        out(cur.rownumber)
        cur.row_factory = None
        cur.scroll(0, 'absolute')
        out(cur.fetchall())
        '''),
    ('row_factory_on_extras_cursors', '''
        d = conn.cursor(cursor_factory=extras.DictCursor)
        d.execute('SELECT 1 AS a, 2 AS b')
        r = d.fetchone()
        out(type(r).__name__, r, r['a'], list(r.keys()))
        d.row_factory = None
        d.execute('SELECT 1 AS a, 2 AS b')
        out(d.fetchall())
        d.row_factory = lambda c: [None, None]
        d.execute('SELECT 1 AS a, 2 AS b')
        out(d.fetchall())
        rd = conn.cursor(cursor_factory=extras.RealDictCursor)
        rd.execute('SELECT 1 AS a, 2 AS b')
        out(rd.fetchall())
        rd.row_factory = lambda c: ['x', None]
        rd.execute('SELECT 1 AS a, 2 AS b')
        out(rd.fetchall())
        nt = conn.cursor(cursor_factory=extras.NamedTupleCursor)
        nt.row_factory = lambda c: [None, None]
        nt.execute('SELECT 1 AS a, 2 AS b')
        out(nt.fetchall())
        '''),
    # past 100 rows built-in columns come a column at a time: user casters still see the
    # values row by row, in psycopg2's order, NULL included, and a raising one stops at its row
    ('user_casters_on_a_big_result', isolated('''
        calls = []
        def upper(value, cur):
            calls.append(value)
            if value == 'boom':
                raise ValueError('boom at %d' % len(calls))
            return None if value is None else value.upper()
        UPPER = ext.new_type((25,), 'UPPER', upper)
        c = conn.cursor()
        ext.register_type(UPPER, c)
        c.execute("SELECT i, CASE WHEN i % 50 = 0 THEN NULL ELSE 'v' || i END, now()::date - now()::date,"
                  " CASE WHEN i = 120 THEN 'boom' ELSE 'w' || i END FROM generate_series(1, 260) i")
        out(c.fetchmany(3), calls[:8])
        try:
            c.fetchall()
        except ValueError as e:
            out('ValueError', str(e), c.rownumber, len(calls))
        rest = c.fetchall()
        out(len(rest), rest[0], rest[-1], len(calls), calls[-4:])
        ''')),
    ('row_factory_on_named_cursor', '''
        n = conn.cursor('rf_named')
        n.row_factory = lambda c: ['n', None, None]
        n.execute('SELECT i AS a, i * 2 AS b FROM generate_series(1, 3) i')
        out(n.fetchone(), n.fetchmany(1), n.fetchall())
        n.close()
        d = conn.cursor('rf_named_dict', cursor_factory=extras.DictCursor)
        d.execute('SELECT i AS a FROM generate_series(1, 2) i')
        out([(r, r['a']) for r in d])
        '''),
]


@generated
class CasterApiDifferentialTests(_DifferentialTestCase):
    SETUP = "SET TIME ZONE 'UTC'"
    SNIPPETS = [(name, code if code.startswith(PRELUDE) else PRELUDE + textwrap.dedent(code))
                for name, code in SNIPPETS]


class CasterApiTests(ConnectingTestCase):
    """What a transcript can't show: identities, timing, the connection's state."""

    def setUp(self):
        super().setUp()
        saved = dict(ext.string_types)
        self.addCleanup(lambda: (ext.string_types.clear(), ext.string_types.update(saved)))

    def test_register_type_fills_the_same_dicts(self):
        conn = self.connect()
        cur = conn.cursor()
        registers = conn.string_types
        caster = ext.new_type((23,), 'X', lambda v, c: 'x')
        ext.register_type(caster, conn)
        self.assertIs(conn.string_types, registers)
        self.assertIs(registers[23], caster)
        ext.register_type(caster, cur)
        self.assertIsInstance(cur.string_types, dict)
        own = cur.string_types
        ext.register_type(ext.new_type((25,), 'Y', lambda v, c: 'y'), cur)
        self.assertIs(cur.string_types, own)
        self.assertEqual(sorted(own), [23, 25])

    def test_registering_after_execute_changes_the_next_statement_only(self):
        conn = self.connect()
        cur = conn.cursor()
        cur.execute('SELECT 1')
        ext.register_type(ext.new_type((23,), 'X', lambda v, c: 'x'), cur)
        # the result was planned when it arrived
        self.assertIn(cur.fetchone(), [(1,), ('x',)])
        cur.execute('SELECT 1')
        self.assertEqual(cur.fetchone(), ('x',))

    def test_connection_usable_after_failing_caster(self):
        conn = self.connect()
        cur = conn.cursor()

        def cast(value, c):
            raise RuntimeError('always')
        ext.register_type(ext.new_type((23,), 'FAIL', cast), cur)
        cur.execute('SELECT 1')
        with self.assertRaises(RuntimeError):
            cur.fetchone()
        self.assertEqual(conn.get_transaction_status(), ext.TRANSACTION_STATUS_INTRANS)
        cur2 = conn.cursor()
        cur2.execute('SELECT 2')
        self.assertEqual(cur2.fetchone(), (2,))
        conn.commit()

    def test_exception_object_reaches_the_caller(self):
        conn = self.connect()
        cur = conn.cursor()
        boom = KeyError('mine')

        def cast(value, c):
            raise boom
        ext.register_type(ext.new_type((25,), 'FAIL', cast), cur)
        cur.execute("SELECT 'a'::text")
        with self.assertRaises(KeyError) as cm:
            cur.fetchall()
        self.assertIs(cm.exception, boom)

    def test_typecaster_attribute_names_the_running_caster(self):
        conn = self.connect()
        cur = conn.cursor()
        seen = []
        caster = ext.new_type((23,), 'X', lambda v, c: seen.append(c.typecaster) or v)
        ext.register_type(caster, cur)
        cur.execute('SELECT 1')
        cur.fetchall()
        self.assertEqual(len(seen), 1)
        self.assertIs(seen[0], caster)
        self.assertIsNone(cur.typecaster)
        self.assertEqual(cur.cast(23, '5'), '5')
        self.assertIs(seen[1], caster)

    def test_row_factory_called_with_the_cursor(self):
        conn = self.connect()
        cur = conn.cursor()
        calls = []

        def factory(c):
            calls.append(c)
            return [None, None]
        cur.row_factory = factory
        cur.execute('SELECT 1, 2 UNION ALL SELECT 3, 4')
        rows = cur.fetchall()
        self.assertEqual(rows, [[1, 2], [3, 4]])
        self.assertEqual(len(calls), 2)
        self.assertTrue(all(c is cur for c in calls))

    def test_many_rows_through_custom_caster(self):
        conn = self.connect()
        cur = conn.cursor()
        ext.register_type(ext.new_type((23,), 'NEG', lambda v, c: -int(v)), cur)
        cur.execute('SELECT i FROM generate_series(1, 5000) i')
        self.assertEqual(cur.fetchall(), [(-i,) for i in range(1, 5001)])

    def test_extensions_exports_no_notsupportederror(self):
        self.assertFalse(hasattr(ext, 'NotSupportedError'))
        self.assertTrue(hasattr(psycopg2, 'NotSupportedError'))

    def test_dictrow_built_through_row_factory(self):
        conn = self.connect()
        cur = conn.cursor(cursor_factory=extras.DictCursor)
        cur.execute('SELECT 1 AS a, 2 AS b')
        row = cur.fetchone()
        self.assertIsInstance(row, extras.DictRow)
        self.assertEqual((row['a'], row['b'], row[0]), (1, 2, 1))


if __name__ == '__main__':
    unittest.main()
