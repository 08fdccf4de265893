"""The same snippets on the reference psycopg2 (CPython, /usr/bin/python3) and here.

Each snippet runs with ``conn`` (one connection per run, rolled back after every
snippet), ``cur`` (a fresh cursor) and ``out(*values)``, which records one line
of reprs. A snippet that raises records the exception's class and message. The
reference runs every snippet of a test class in ONE subprocess; this process
runs the same harness in-process; each snippet becomes one test comparing the
two transcripts line by line. Without a reference psycopg2 the tests skip.
"""

import json
import os
import subprocess
import textwrap
import unittest

REFERENCE_PYTHON = os.environ.get('PGTEST_REFERENCE_PYTHON', '/usr/bin/python3')

# Runs on both sides: keep it plain Python 3 and deterministic (no addresses, no times).
HARNESS = r'''
import datetime, decimal, json, os, re, sys
import psycopg2, psycopg2.errors, psycopg2.extensions
from decimal import Decimal


def show(value):
    """repr(), except for what repr() makes non-deterministic (memory addresses)."""
    if isinstance(value, memoryview):
        return 'memoryview(%r)' % bytes(value)
    if type(value) is tuple:
        items = [show(v) for v in value]
        return '(%s,)' % items[0] if len(items) == 1 else '(%s)' % ', '.join(items)
    if isinstance(value, list):
        return '[' + ', '.join(show(v) for v in value) + ']'
    return repr(value)


def describe_error(e):
    """Everything psycopg2 documents about an exception, one item a line."""
    lines = ['%s.%s' % (type(e).__module__, type(e).__name__),
             [c.__name__ for c in type(e).__mro__ if c.__module__.startswith('psycopg2')],
             str(e), getattr(e, 'pgcode', None), getattr(e, 'pgerror', None)]
    diag = getattr(e, 'diag', None)
    if diag is not None:
        for field in ('severity', 'severity_nonlocalized', 'sqlstate', 'message_primary',
                      'message_detail', 'message_hint', 'statement_position',
                      'internal_position', 'internal_query', 'context', 'schema_name',
                      'table_name', 'column_name', 'datatype_name', 'constraint_name'):
            lines.append((field, getattr(diag, field, '<missing>')))
    return lines


def run_snippets(snippets, setup):
    dsn = os.environ.get('PGTEST_DSN', '')

    def connect():
        conn = psycopg2.connect(dsn)
        if setup:
            conn.autocommit = True
            conn.cursor().execute(setup)
            conn.autocommit = False
        return conn

    conn = connect()
    results = {}
    for name, code in snippets:
        lines = []

        def out(*values):
            line = ' '.join(show(v) for v in values)
            # each backend has its own temporary schema
            lines.append(re.sub(r'pg_temp_[0-9]+', 'pg_temp_N', line))

        def out_error(e):
            for item in describe_error(e):
                out(item)

        def out_fetch_past_failure(cur, before):
            # `before` rows, then the row that fails to fetch, then the rest
            out(len(cur.fetchmany(before)))
            try:
                cur.fetchone()
            except Exception as e:
                out(type(e).__name__, str(e), cur.rownumber)
            rest = cur.fetchall()
            out(len(rest), rest[0], rest[-1], cur.rownumber)

        if isinstance(conn.notices, list):
            del conn.notices[:]
        namespace = {'conn': conn, 'cur': conn.cursor(), 'out': out, 'out_error': out_error,
                     'out_fetch_past_failure': out_fetch_past_failure, 'psycopg2': psycopg2,
                     'datetime': datetime, 'decimal': decimal, 'Decimal': Decimal}
        try:
            exec(code, namespace)
        except Exception as e:
            out('raised', '%s.%s' % (type(e).__module__, type(e).__name__), str(e))
        try:
            conn.rollback()
        except Exception:
            conn.close()
            conn = connect()
        results[name] = lines
    conn.close()
    return results
'''

REFERENCE_MAIN = r'''
request = json.loads(sys.stdin.read())
sys.stdout.write(json.dumps(run_snippets(request['snippets'], request['setup'])))
'''


def run_reference(snippets, setup):
    """The reference's transcripts, or SkipTest when it has no psycopg2."""
    if not os.path.exists(REFERENCE_PYTHON):
        raise unittest.SkipTest('no reference Python at %s' % REFERENCE_PYTHON)
    request = json.dumps({'snippets': snippets, 'setup': setup})
    proc = subprocess.run([REFERENCE_PYTHON, '-c', HARNESS + REFERENCE_MAIN],
                          input=request.encode('utf-8'), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=dict(os.environ), timeout=300)
    stderr = proc.stderr.decode('utf-8', 'replace')
    if proc.returncode != 0:
        if "No module named 'psycopg2'" in stderr:
            raise unittest.SkipTest('the reference Python cannot import psycopg2')
        raise RuntimeError('reference run failed (exit %s):\n%s' % (proc.returncode, stderr))
    return json.loads(proc.stdout.decode('utf-8'))


def run_here(snippets, setup):
    namespace = {'__name__': '_differential_harness'}
    exec(HARNESS, namespace)
    return namespace['run_snippets'](snippets, setup)


# Helpers a test module may put before its snippets (both sides run them):
# attempt(f, *args) prints f's result or the exception's class and message;
# connect(**kwargs) opens a connection kept in _opened (the module closes them);
# status(c) prints a connection's status and transaction status.
SNIPPET_HELPERS = '''\
import os
_opened = []

def attempt(f, *args):
    try:
        out(f(*args))
    except Exception as e:
        out('raised', type(e).__name__, str(e))

def connect(**kwargs):
    c = psycopg2.connect(os.environ.get('PGTEST_DSN', ''), **kwargs)
    _opened.append(c)
    return c

def status(c):
    out('status', c.status, c.get_transaction_status())
'''


def closing_snippet(prelude, code):
    """`code` after `prelude` (which includes SNIPPET_HELPERS), run so that the
    connections it opened with connect() are closed whatever happens."""
    return (prelude + 'try:\n' + textwrap.indent(textwrap.dedent(code), '    ')
            + 'finally:\n    for _c in _opened:\n        _c.close()\n')


class _DifferentialTestCase(unittest.TestCase):
    """Subclasses list SNIPPETS as (name, code); @generated adds test_<name> for each."""

    SNIPPETS = []
    SETUP = ''
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        snippets = [(name, textwrap.dedent(code)) for name, code in cls.SNIPPETS]
        cls.reference = run_reference(snippets, cls.SETUP)
        cls.here = run_here(snippets, cls.SETUP)
        cls.code = dict(snippets)

    def compare(self, name):
        self.assertEqual(self.here[name], self.reference[name],
                         'snippet:\n%s\nreference:\n%s\nhere:\n%s' % (
                             self.code[name], '\n'.join(self.reference[name]),
                             '\n'.join(self.here[name])))


def generated(cls):
    names = set()
    for name, _ in cls.SNIPPETS:
        if name in names:
            raise ValueError('duplicate snippet name %s' % name)
        names.add(name)
        setattr(cls, 'test_' + name, lambda self, name=name: self.compare(name))
    return cls


# -- mogrify -----------------------------------------------------------------

_PARAMETERS = [
    ('none', 'None'),
    ('true', 'True'),
    ('false', 'False'),
    ('int', '42'),
    ('int_zero', '0'),
    ('int_negative', '-42'),
    ('int_huge', '10 ** 30'),
    ('int_huge_negative', '-10 ** 30'),
    ('float', '1.5'),
    ('float_tenth', '0.1'),
    ('float_tiny', '1e-300'),
    ('float_huge', '1e300'),
    ('float_integral', '3.0'),
    ('float_negative', '-2.5'),
    ('float_negative_zero', '-0.0'),
    ('float_nan', "float('nan')"),
    ('float_inf', "float('inf')"),
    ('float_minus_inf', "float('-inf')"),
    ('decimal', "Decimal('1.10')"),
    ('decimal_negative', "Decimal('-0.001')"),
    ('decimal_exponent', "Decimal('1E+3')"),
    ('decimal_nan', "Decimal('NaN')"),
    ('decimal_snan', "Decimal('sNaN')"),
    ('decimal_infinity', "Decimal('Infinity')"),
    ('decimal_minus_infinity', "Decimal('-Infinity')"),
    ('str', "'hello'"),
    ('str_empty', "''"),
    ('str_quote', '"it\'s"'),
    ('str_backslash', "'a\\\\b'"),
    ('str_backslash_and_quote', "'\\\\\\''"),
    ('str_newline_tab', "'a\\nb\\tc'"),
    ('str_unicode', "'caf\\u00e9 \\u20ac \\U0001f600'"),
    ('str_percent', "'100%'"),
    ('str_nul', "'a\\x00b'"),
    ('bytes', "b'\\x00\\x01\\xff'"),
    ('bytes_empty', "b''"),
    ('bytes_quote_backslash', "b\"'\\\\\""),
    ('bytearray', "bytearray(b'ab')"),
    ('memoryview', "memoryview(b'ab')"),
    ('binary', "psycopg2.Binary(b'ab')"),
    ('date', 'datetime.date(2020, 1, 2)'),
    ('date_max', 'datetime.date.max'),
    ('date_min', 'datetime.date.min'),
    ('date_old', 'datetime.date(12, 3, 4)'),
    ('time', 'datetime.time(12, 34, 56)'),
    ('time_micro', 'datetime.time(12, 34, 56, 7)'),
    ('time_aware', 'datetime.time(1, 2, 3, tzinfo=datetime.timezone(datetime.timedelta(hours=-3)))'),
    ('datetime', 'datetime.datetime(2020, 1, 2, 3, 4, 5)'),
    ('datetime_micro', 'datetime.datetime(2020, 1, 2, 3, 4, 5, 60)'),
    ('datetime_utc', 'datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)'),
    ('datetime_offset', 'datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.timezone('
                        'datetime.timedelta(hours=5, minutes=30)))'),
    ('datetime_offset_seconds', 'datetime.datetime(1900, 1, 2, tzinfo=datetime.timezone('
                                'datetime.timedelta(seconds=1172)))'),
    ('datetime_max', 'datetime.datetime.max'),
    ('timedelta', 'datetime.timedelta(days=1, seconds=3600, microseconds=5)'),
    ('timedelta_negative', 'datetime.timedelta(seconds=-1)'),
    ('timedelta_zero', 'datetime.timedelta(0)'),
    ('list_ints', '[1, 2, 3]'),
    ('list_empty', '[]'),
    ('list_with_none', '[1, None]'),
    ('list_of_none', '[None, None]'),
    ('list_strings', '["a", "b\'c", ""]'),
    ('list_nested', '[[1, 2], [3, 4]]'),
    ('list_nested_empty', '[[], []]'),
    ('list_of_floats', "[1.5, float('nan')]"),
    ('list_of_dates', '[datetime.date(2020, 1, 2)]'),
    ('list_of_bools', '[True, False]'),
    ('list_of_decimals', "[Decimal('1.5'), Decimal('-2')]"),
    ('list_of_bytes', "[b'a']"),
    ('list_mixed', "[1, 'a', None]"),
    ('tuple', "(1, 'a', None)"),
    ('tuple_single', '(1,)'),
    ('tuple_empty', '()'),
    ('tuple_nested', '((1, 2), 3)'),
    ('dict', "{'a': 1}"),
    ('set', '{1}'),
    ('object', 'object()'),
    ('asis', "psycopg2.extensions.AsIs('now()')"),
    ('quoted_string', "psycopg2.extensions.QuotedString('x')"),
]


@generated
class MogrifyDifferentialTests(_DifferentialTestCase):
    SNIPPETS = [('mogrify_' + name, 'out(cur.mogrify("SELECT %%s", (%s,)))' % expr)
                for name, expr in _PARAMETERS] + [
        ('mogrify_named', "out(cur.mogrify('%(a)s %(b)s %(a)s', {'a': 1, 'b': 'x'}))"),
        # quoting follows standard_conforming_strings as the server reports it, mid-session too,
        # on the connection and (libpq's last report) for adapters used without one
        ('mogrify_follows_standard_conforming_strings', textwrap.dedent('''\
            from psycopg2.extensions import QuotedString, adapt
            for value in ('off', 'on'):
                cur.execute('SET standard_conforming_strings TO ' + value)
                out(value, cur.mogrify('%s', ['a\\\\b']), cur.mogrify('%s', [['x\\\\y']]),
                    QuotedString('a\\\\b').getquoted(), adapt(b'\\\\').getquoted())''')),
        # plain values are interpolated as str and encoded once; anything unusual takes the
        # exact path, with psycopg2's errors in psycopg2's order
        ('mogrify_plain_values_every_way', textwrap.dedent('''\
            import enum
            class Small(enum.IntEnum):
                one = 1
            class Text(str):
                pass
            rows = [(1, -2, 0.5, -0.25, float('nan'), float('-inf'), True, None, "it's", '\u20ac'),
                    (Small.one, Text('t'), 10 ** 30, -0.0, 1e300, False, '', 'a\\\\b', b'x', [1])]
            for row in rows:
                out(cur.mogrify(', '.join(['%s'] * len(row)), row))
                out(cur.mogrify(b'SELECT ' + b', '.join([b'%s'] * len(row)), row))
            for value in ('off', 'on'):
                cur.execute('SET standard_conforming_strings TO ' + value)
                out(cur.mogrify('%s, %s', ('a\\\\b', "c'd")))
            conn.rollback()
            conn.set_client_encoding('LATIN1')
            out(cur.mogrify('%s, %s', ('caf\u00e9', 1)))
            for args in (('\u20ac', 'x\\x00y'), ('x\\x00y', '\u20ac'), ('ok', '\u20ac')):
                try:
                    out(cur.mogrify('%s %s', args))
                except Exception as e:
                    out(type(e).__name__, str(e))
            try:
                cur.execute('SELECT %s', ('\u20ac',))
            except Exception as e:
                out(type(e).__name__, str(e), cur.query)
            conn.rollback()
            conn.set_client_encoding('UTF8')
            psycopg2.extensions.register_adapter(int, lambda i: psycopg2.extensions.AsIs('%d::int8' % i))
            try:
                out(cur.mogrify('%s, %s', (7, 'x')))
            finally:
                psycopg2.extensions.register_adapter(int, psycopg2.extensions.Int)
            out(cur.mogrify('%s, %s', (7, 'x')))
            ''')),
        ('mogrify_plain_values_in_execute_values_and_executemany', textwrap.dedent('''\
            import psycopg2.extras as ex
            cur.execute('CREATE TEMP TABLE tp (a int, b text, c float8)')
            data = [(i, "v'%d\u20ac" % i, i / 4) for i in range(-3, 300)]
            ex.execute_values(cur, 'INSERT INTO tp VALUES %s', data, page_size=50)
            out(cur.rowcount, cur.query[:60], cur.query[-40:])
            cur.executemany('INSERT INTO tp VALUES (%s, %s, %s)', data)
            out(cur.rowcount, cur.query)
            cur.execute('SELECT count(*), sum(a), min(b), max(c) FROM tp')
            out(cur.fetchone())
            out(ex.execute_values(cur, 'SELECT * FROM (VALUES %s) v(x, y)', [(1, 'a'), (None, 'b')],
                                  template='(%s, %s)', fetch=True))
            conn.rollback()
            conn.set_client_encoding('LATIN1')
            cur.execute('CREATE TEMP TABLE tq (a int, b text)')
            for f in (lambda: ex.execute_values(cur, 'INSERT INTO tq VALUES %s', [(1, 'ok'), (2, '\u20ac')]),
                      lambda: cur.executemany('INSERT INTO tq VALUES (%s, %s)', [(1, 'ok'), (2, '\u20ac')])):
                try:
                    f()
                except Exception as e:
                    out(type(e).__name__, str(e))
            conn.rollback()
            conn.set_client_encoding('UTF8')
            ''')),
        ('mogrify_named_missing', "out(cur.mogrify('%(a)s', {'b': 1}))"),
        ('mogrify_too_few', "out(cur.mogrify('%s %s', (1,)))"),
        ('mogrify_too_many', "out(cur.mogrify('%s', (1, 2)))"),
        ('mogrify_no_args_percent', "out(cur.mogrify('SELECT 10 % 3'))"),
        ('mogrify_double_percent', "out(cur.mogrify('SELECT 10 %% %s', (3,)))"),
        ('mogrify_empty_args', "out(cur.mogrify('SELECT %%', ()))"),
        ('mogrify_list_args', "out(cur.mogrify('SELECT %s', [1]))"),
        ('mogrify_bytes_query', "out(cur.mogrify(b'SELECT %s', ('x',)))"),
        ('mogrify_bad_format', "out(cur.mogrify('SELECT %d', (1,)))"),
        ('mogrify_trailing_percent', "out(cur.mogrify('SELECT %', (1,)))"),
        ('mogrify_mixed_styles', "out(cur.mogrify('%s %(a)s', {'a': 1}))"),
        ('mogrify_args_not_sequence', "out(cur.mogrify('SELECT %s', 1))"),
        ('mogrify_str_args', "out(cur.mogrify('SELECT %s', 'ab'))"),
        ('mogrify_adapt_quote', "out(psycopg2.extensions.adapt(\"a'b\").getquoted())"),
        ('mogrify_adapt_types', "out([type(psycopg2.extensions.adapt(v)).__name__ for v in "
                                "(None, True, 1, 1.5, Decimal('1'), 'x', b'x', [1], (1,), "
                                "datetime.date(2020, 1, 1))])"),
        ('query_attribute', "cur.execute('SELECT %s, %s', (1, 'a')); out(cur.query)"),
    ]


# -- typecasting -------------------------------------------------------------

_LITERALS = [
    ('bool', "true, false"),
    ('integers', "1::int2, (-2)::int4, 3::int8, 4::oid, 42, 10000000000"),
    ('floats', "1.5::float4, 0.1::float4, 0.1::float8, 1e300::float8, -0.0::float8"),
    ('float_specials', "'NaN'::float8, 'Infinity'::float4, '-Infinity'::float8"),
    ('numerics', "1.10::numeric, 'NaN'::numeric, 1e-20::numeric, 12345678901234567890.5, "
                 "1::numeric(10, 3), -0.0::numeric"),
    ('money', "12.34::money"),
    ('texts', "'a'::text, 'b'::varchar, 'c'::char(3), 'd'::name, 'e'::\"char\", 'f'::bpchar, "
              "'caf\u00e9 \U0001f600'"),
    ('unknown', "'abc', NULL, NULL::int4"),
    ('bytea', "'\\x00ff'::bytea, ''::bytea"),
    ('dates', "'2020-01-02'::date, 'infinity'::date, '-infinity'::date, '0012-03-04'::date"),
    ('times', "'12:34:56'::time, '12:34:56.789'::time, '24:00:00'::time, "
              "'12:34:56+02'::timetz, '12:34:56.5-03:30'::timetz"),
    ('timestamps', "'2020-01-02 03:04:05'::timestamp, '2020-01-02 03:04:05.000006'::timestamp, "
                   "'infinity'::timestamp, '-infinity'::timestamp"),
    ('timestamptz_utc', "'2020-01-02 03:04:05+00'::timestamptz"),
    ('timestamptz_zones', "'2020-06-01 12:00:00+00'::timestamptz AT TIME ZONE 'UTC', "
                          "(SELECT set_config('TimeZone', 'America/New_York', true)), "
                          "'2020-06-01 12:00:00+00'::timestamptz"),
    ('timestamptz_odd_offset', "(SELECT set_config('TimeZone', 'Europe/Amsterdam', true)), "
                               "'1900-01-01 00:00:00+00'::timestamptz"),
    ('timestamptz_infinity', "'infinity'::timestamptz, '-infinity'::timestamptz"),
    ('intervals', "'1 day 02:03:04.5'::interval, '1 mon'::interval, '1 year 2 mons'::interval, "
                  "'-1 day -00:00:01'::interval, '0'::interval, '1 microsecond'::interval"),
    ('interval_huge', "'1000000 days'::interval"),
    ('json', "'{\"a\": [1, 2.5, null, true]}'::json, '\"s\"'::json, 'null'::json"),
    ('jsonb', "'{\"b\": 1, \"a\": {}}'::jsonb, '[]'::jsonb, '1e3'::jsonb"),
    ('int_arrays', "'{1,2,NULL}'::int4[], '{}'::int4[], '{{1,2},{3,4}}'::int2[], "
                   "'[0:1]={5,6}'::int8[]"),
    ('text_arrays', "ARRAY['a,b', 'c\"d', 'e\\f', 'NULL', '', ' x ']::text[], "
                    "'{a,NULL,\"NULL\"}'::varchar[]"),
    ('other_arrays', "'{t,f}'::bool[], '{1.5,NaN}'::numeric[], '{1.5,-Infinity}'::float8[], "
                     "'{2020-01-02}'::date[], '{12:00:00}'::time[], "
                     "'{\"2020-01-02 03:04:05\"}'::timestamp[], '{1 day}'::interval[]"),
    ('bytea_array', "ARRAY['\\x01'::bytea]"),
    ('json_arrays', "ARRAY['{\"a\": 1}'::json], ARRAY['[1]'::jsonb]"),
    ('uncast_types', "'(1,2)'::point, '192.168.0.1/24'::inet, "
                     "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid, 'a:1'::tsvector, "
                     "B'101', '[1,5)'::int4range, '{\"(1,2)\"}'::point[], "
                     "'{a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11}'::uuid[]"),
    ('xml', "'<a/>'::xml"),
    ('records', "ROW(1, 'a'), (1, 2)"),
    ('regtypes', "'int4'::regtype, 'pg_class'::regclass, 'now'::regproc"),
    ('pseudo_void', "pg_sleep(0)"),
]


@generated
class TypecastDifferentialTests(_DifferentialTestCase):
    SETUP = "SET TIME ZONE 'UTC'"
    SNIPPETS = [
        ('cast_' + name, 'cur.execute("SELECT %s")\nrow = cur.fetchone()\nout(row)\n'
                         'out([type(v).__name__ for v in row])' % sql.replace('\\', '\\\\')
                                                                     .replace('"', '\\"'))
        for name, sql in _LITERALS] + [
        # past 100 rows results come a column at a time: every kind of column, NULLs in each
        ('cast_big_result_column_kinds', textwrap.dedent('''\
            exprs = ["i::int2", "i * 1000", "i::int8 * 10000000000", "i::oid", "(i / 3.0)::float4",
                     "(i / 7.0)::float8", "'NaN'::float8", "i % 2 = 0", "'v' || i", "('c' || i)::varchar",
                     "('b' || i)::char(6)", "('n' || i)::name", "'x'::" + '"char"', "''",
                     "(i / 7.0)::numeric(9, 3)", "date '2000-01-01' + i",
                     "timestamptz '2020-01-01 00:00+00' + i * interval '1 h'",
                     "('\\\\x' || lpad(to_hex(i), 4, '0'))::bytea", "ARRAY[i, NULL]", "interval '1 day' * i"]
            cur.execute("SELECT " + ", ".join("CASE WHEN i %% %d = 0 THEN NULL ELSE %s END" % (7 + n % 3, e)
                                              for n, e in enumerate(exprs))
                        + " FROM generate_series(1, 260) i")
            rows = cur.fetchall()
            out(len(rows), rows[0], rows[6], rows[-1], [type(v).__name__ for v in rows[-1]])
            out([sum(1 for r in rows if r[c] is None) for c in range(len(exprs))])
            cur.execute("""SELECT CASE WHEN i % 3 = 0 THEN NULL ELSE i END,
                CASE WHEN i % 5 = 0 THEN NULL ELSE i * 0.25::float8 END,
                CASE WHEN i % 4 = 0 THEN NULL ELSE i % 2 = 0 END,
                CASE WHEN i % 6 = 0 THEN NULL ELSE 'v' || i END,
                CASE WHEN i % 8 = 0 THEN NULL ELSE (i / 4.0)::numeric END,
                CASE WHEN i % 9 = 0 THEN NULL ELSE date '2000-01-01' + i END
                FROM generate_series(1, 2500) i""")
            rows = cur.fetchall()
            out(len(rows), rows[:13], rows[-1], [[type(v).__name__ for v in r] for r in rows[118:121]])
            out(sum(1 for r in rows for v in r if v is None))
            ''')),
        ('cast_big_result_builtin_cast_failing', textwrap.dedent('''\
            cur.execute("SELECT i, CASE WHEN i = 150 THEN '10000-01-01' ELSE '2000-01-01' END::date"
                        " FROM generate_series(1, 300) i")
            out_fetch_past_failure(cur, 149)
            ''')),
        ('cast_fetchall_many_rows', "cur.execute('SELECT i, i * 1.5, i::text, i % 2 = 0 "
                                    "FROM generate_series(1, 5) i')\nout(cur.fetchall())"),
        ('cast_roundtrip_values', textwrap.dedent('''\
            values = [None, True, 7, -7, 10 ** 20, 0.5, Decimal('2.50'), 'x', b'\\x00',
                      datetime.date(2020, 1, 2), datetime.time(1, 2, 3),
                      datetime.datetime(2020, 1, 2, 3, 4, 5),
                      datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc),
                      datetime.timedelta(days=-1, seconds=5), [1, 2], ['a', None]]
            for v in values:
                cur.execute('SELECT %s', (v,))
                got = cur.fetchone()[0]
                out(got, type(got).__name__)
            ''')),
        # the message comes from the datetime module, which differs between Pythons
        ('cast_dates_bc', "cur.execute(\"SELECT '0044-03-15 BC'::date\")\ntry:\n    cur.fetchone()\n"
                          "except ValueError:\n    out('ValueError')"),
        ('cast_description_types', "cur.execute(\"SELECT 1::int2, 'x'::text, now()::date\")\n"
                                   "out([d.type_code for d in cur.description])"),
    ]


# -- errors ------------------------------------------------------------------

_FAILING = [
    ('undefined_table', 'SELECT * FROM no_such_table'),
    ('undefined_column', 'SELECT no_such_column FROM diff_t'),
    ('undefined_function', 'SELECT no_such_function(1)'),
    ('syntax_error', 'SELECT 1 FROM WHERE'),
    ('syntax_error_second_line', 'SELECT 1\nFROM diff_t\nWHER id = 1'),
    ('syntax_error_end_of_input', 'SELECT (1'),
    ('syntax_error_in_second_statement', 'SELECT 1; SELEC 2'),
    ('division_by_zero', 'SELECT 1/0'),
    ('invalid_text_representation', "SELECT 'abc'::int"),
    ('numeric_out_of_range', 'SELECT 32768::int2'),
    ('unique_violation', 'INSERT INTO diff_t VALUES (1, 1)'),
    ('not_null_violation', 'INSERT INTO diff_t (id) VALUES (NULL)'),
    ('check_violation', 'INSERT INTO diff_t VALUES (5, -1)'),
    ('foreign_key_violation', 'INSERT INTO diff_child VALUES (99)'),
    ('string_too_long', "INSERT INTO diff_t (id, code) VALUES (7, 'toolong')"),
    ('ambiguous_column', 'SELECT id FROM diff_t, diff_child'),
    ('raise_exception', "DO $$BEGIN RAISE EXCEPTION 'custom %', 1 USING DETAIL = 'the detail', "
                        "HINT = 'the hint'; END$$"),
    ('raise_custom_sqlstate', "DO $$BEGIN RAISE EXCEPTION 'odd' USING ERRCODE = 'P1234'; END$$"),
    ('raise_known_sqlstate', "DO $$BEGIN RAISE EXCEPTION USING ERRCODE = 'serialization_failure'; END$$"),
    ('function_context', 'SELECT diff_fail()'),
    ('query_canceled_by_timeout', "SET statement_timeout = '50ms'; SELECT pg_sleep(1)"),
    ('read_only_transaction', 'SET TRANSACTION READ ONLY; INSERT INTO diff_t VALUES (8, 8)'),
    ('insufficient_privilege', "SET ROLE pg_nossl; SELECT * FROM diff_secret"),
    ('invalid_datetime', "SELECT '2020-13-45'::date"),
    ('datetime_overflow', "SELECT '294277-01-01'::timestamp"),
    ('array_subscript', "SELECT ('{1,2}'::int[])[1:2][1:1][1:1][1:1][1:1][1:1][1:1]"),
    ('invalid_json', "SELECT '{'::json"),
    ('cardinality_violation', 'SELECT (SELECT generate_series(1, 2))'),
    ('non_ascii_message', "DO $$BEGIN RAISE EXCEPTION 'caf\u00e9 \u20ac'; END$$"),
    # the caret under the position counts screen columns: wide characters take two
    ('caret_after_wide_characters', "SELECT '\u6f22\u5b57\u6f22\u5b57', '\u00e9', no_such_column"),
    ('caret_after_emoji_and_halfwidth', "SELECT '\uff71\uff72\uff73\U0001f600', no_such_column"),
    ('caret_after_tab_and_crlf', "SELECT 1,\r\n\t'\u65e5\u672c' ,  no_such_column"),
    ('caret_long_line_cut_right', "SELECT no_such_column, '" + 'x' * 100 + "'"),
    ('caret_long_line_cut_both_sides', "SELECT '" + '\u65e5' * 50 + "', no_such_column, '" + 'y' * 80 + "'"),
    ('caret_long_line_cut_left', "SELECT '" + 'z' * 90 + "' || no_such_column"),
    ('caret_long_wide_line', "SELECT '" + '\u5b57' * 40 + "' || no_such_column || '" + '\u5b57' * 40 + "'"),
]


def _error_snippet(sql):
    return ('try:\n    cur.execute(%r)\nexcept psycopg2.Error as e:\n    out_error(e)\n'
            '    out(e.cursor is cur)\nelse:\n    out("no error")\n'
            'out(conn.get_transaction_status())\n' % sql)


@generated
class ErrorDifferentialTests(_DifferentialTestCase):
    SETUP = textwrap.dedent('''\
        CREATE TEMP TABLE diff_t (id int PRIMARY KEY, n int CHECK (n >= 0), code varchar(3));
        INSERT INTO diff_t VALUES (1, 1, 'a');
        CREATE TEMP TABLE diff_child (t_id int REFERENCES diff_t);
        CREATE TEMP TABLE diff_secret (id int);
        CREATE FUNCTION pg_temp.diff_fail() RETURNS int LANGUAGE plpgsql
            AS $$BEGIN RETURN 1/0; END$$;
        ''')
    SNIPPETS = [('error_' + name, _error_snippet(sql)) for name, sql in _FAILING] + [
        ('error_in_failed_transaction', "try:\n    cur.execute('SELECT 1/0')\nexcept psycopg2.Error:\n"
                                        "    pass\ntry:\n    cur.execute('SELECT 1')\n"
                                        "except psycopg2.Error as e:\n    out_error(e)\n"),
        ('error_empty_query', "cur.execute('')"),
        ('error_whitespace_query', "cur.execute('  ')"),
        ('error_comment_only_query', "cur.execute('-- nothing')\nout(cur.statusmessage, cur.description)"),
        ('error_fetch_without_result', "cur.execute('SET TIME ZONE UTC')\ncur.fetchone()"),
        ('error_fetch_before_execute', "cur.fetchall()"),
        ('error_closed_cursor', "cur.close()\ncur.execute('SELECT 1')"),
        ('error_closed_connection', "c = psycopg2.connect(conn.dsn)\nc.close()\nc.cursor()"),
        ('error_cant_adapt', "cur.execute('SELECT %s', (object(),))"),
        ('error_nul_string', "cur.execute('SELECT %s', ('\\x00',))"),
        ('error_scroll_out_of_bounds', "cur.execute('SELECT 1')\ncur.scroll(5)"),
        ('error_scroll_mode', "cur.execute('SELECT 1')\ncur.scroll(0, 'sideways')"),
        ('error_classes', "out([c.__name__ for c in psycopg2.Error.__mro__])\n"
                          "out(psycopg2.errors.lookup('40001').__name__)\n"
                          "out(psycopg2.errors.lookup('P0001').__mro__[1].__name__)"),
        ('error_lookup_unknown', "psycopg2.errors.lookup('XXXXX')"),
        ('error_attributes_of_a_plain_error', "e = psycopg2.Error('x')\n"
                                              "out(e.pgcode, e.pgerror, e.cursor, str(e), e.diag.sqlstate)"),
    ]


# -- description, rowcount, statusmessage ------------------------------------

@generated
class ResultMetadataDifferentialTests(_DifferentialTestCase):
    SETUP = textwrap.dedent('''\
        CREATE TEMP TABLE diff_m (id serial PRIMARY KEY, name varchar(20), price numeric(8, 2),
                                  created timestamptz, tags text[], flag boolean, c char(4));
        INSERT INTO diff_m (name, price, tags, flag, c) VALUES ('a', 1.5, '{x}', true, 'ab'),
                                                             ('b', NULL, NULL, false, NULL);
        ''')
    SNIPPETS = [
        ('description_expressions', "cur.execute(\"SELECT 1 AS a, 'x'::text AS b, 2.5::numeric(10, 2) AS c,"
                                    " now()::date AS d, NULL AS e, 1.5::float4, 'q'::varchar(7), 'z'::char(3),"
                                    " '{}'::int[] AS arr, 1::int8 + 1\")\n"
                                    "for c in cur.description:\n"
                                    "    out(c, tuple(c), c.name, c.type_code, c.display_size, "
                                    "c.internal_size, c.precision, c.scale, c.null_ok, "
                                    "c.table_oid, c.table_column)"),
        ('description_repr', "cur.execute('SELECT 1 AS a')\nout(cur.description)\nout(repr(cur.description[0]))"),
        ('description_of_table_columns', "cur.execute('SELECT * FROM diff_m')\n"
                                         "out([(c.name, c.type_code, c.internal_size, c.precision, c.scale, "
                                         "c.table_column) for c in cur.description])"),
        ('description_is_tuple', "cur.execute('SELECT 1')\nout(type(cur.description).__name__, "
                                 "type(cur.description[0]).__name__, len(cur.description[0]))"),
        ('description_column_indexing', "cur.execute('SELECT 1 AS a')\nc = cur.description[0]\n"
                                        "out(c[0], c[1], c[-1], c[1:3], list(c))"),
        ('description_after_dml', "cur.execute(\"UPDATE diff_m SET name = 'z' WHERE false\")\n"
                                  "out(cur.description)"),
        ('description_duplicate_names', "cur.execute('SELECT 1 AS x, 2 AS x, 3')\n"
                                        "out([c.name for c in cur.description])"),
        ('description_quoted_names', "cur.execute('SELECT 1 AS \"Mixed Case\", 2 AS \"caf\u00e9\"')\n"
                                     "out([c.name for c in cur.description])"),
        ('select_counts', "cur.execute('SELECT * FROM diff_m')\n"
                          "out(cur.rowcount, cur.rownumber, cur.statusmessage, cur.lastrowid)"),
        ('select_empty', "cur.execute('SELECT * FROM diff_m WHERE false')\n"
                         "out(cur.rowcount, cur.statusmessage, cur.fetchall())"),
        ('insert_one', "cur.execute(\"INSERT INTO diff_m (name) VALUES ('c')\")\n"
                       "out(cur.rowcount, cur.statusmessage, cur.lastrowid, cur.description, cur.rownumber)"),
        ('insert_many_values', "cur.execute(\"INSERT INTO diff_m (name) VALUES ('c'), ('d'), ('e')\")\n"
                               "out(cur.rowcount, cur.statusmessage)"),
        ('insert_returning', "cur.execute(\"INSERT INTO diff_m (name) VALUES ('c'), ('d') RETURNING id, name\")\n"
                             "out(cur.rowcount, cur.statusmessage, cur.fetchall(), "
                             "[c.name for c in cur.description])"),
        ('insert_select', "cur.execute('INSERT INTO diff_m (name) SELECT name FROM diff_m')\n"
                          "out(cur.rowcount, cur.statusmessage)"),
        ('update', "cur.execute(\"UPDATE diff_m SET name = name || '!'\")\n"
                   "out(cur.rowcount, cur.statusmessage)"),
        ('update_none', "cur.execute('UPDATE diff_m SET name = name WHERE false')\n"
                        "out(cur.rowcount, cur.statusmessage)"),
        ('delete', "cur.execute('DELETE FROM diff_m WHERE flag')\nout(cur.rowcount, cur.statusmessage)"),
        ('delete_returning', "cur.execute('DELETE FROM diff_m RETURNING name')\n"
                             "out(cur.rowcount, cur.statusmessage, sorted(cur.fetchall()))"),
        ('executemany_insert', "cur.executemany('INSERT INTO diff_m (name) VALUES (%s)', [('p',), ('q',), ('r',)])\n"
                               "out(cur.rowcount, cur.statusmessage, cur.description)"),
        ('executemany_update', "cur.executemany('UPDATE diff_m SET price = %s WHERE name = %s', "
                               "[(1, 'a'), (2, 'b'), (3, 'zz')])\nout(cur.rowcount, cur.statusmessage)"),
        # many rows go several to a message: counts, tags and errors must be the statements' own
        ('executemany_many_rows', "cur.executemany('INSERT INTO diff_m (name) VALUES (%s) RETURNING id', "
                                  "[('n%d' % i,) for i in range(250)])\n"
                                  "out(cur.rowcount, cur.statusmessage, cur.query)"),
        ('executemany_error_with_position', "rows = [('%d' % i,) for i in range(250)]\nrows[170] = ('x',)\n"
                                            "try:\n    cur.executemany('UPDATE diff_m SET price = %s::int"
                                            " WHERE false', rows)\nexcept psycopg2.Error as e:\n"
                                            "    out_error(e)\nout(conn.get_transaction_status(), cur.query)"),
        ('executemany_error_mid_batch', "try:\n    cur.executemany('INSERT INTO diff_m (id, name) VALUES (%s, %s)', "
                                        "[(1000 + i % 150, 'v') for i in range(300)])\n"
                                        "except psycopg2.Error as e:\n    out_error(e)\n"
                                        "out(conn.get_transaction_status(), cur.query)"),
        # statements that cannot be joined (a ';' in a literal) are pipelined one a message
        ('executemany_error_mid_pipeline', "try:\n    cur.executemany('INSERT INTO diff_m (id, name) VALUES (%s, %s)', "
                                           "[(2000 + i % 150, 'a;b') for i in range(300)])\n"
                                           "except psycopg2.Error as e:\n    out_error(e)\n"
                                           "out(conn.get_transaction_status(), cur.query)"),
        # each statement has the whole statement_timeout to itself, as when sent one by one
        ('executemany_under_statement_timeout', "cur.execute(\"SET LOCAL statement_timeout = '150ms'\")\n"
                                                "cur.executemany('UPDATE diff_m SET price = %s WHERE "
                                                "pg_sleep(0.003) IS NULL', [(i,) for i in range(120)])\n"
                                                "out(cur.rowcount, cur.statusmessage)"),
        ('executemany_quotes_and_semicolons', "cur.executemany('INSERT INTO diff_m (name) VALUES (%s)', "
                                              "[(\"it's;--/*\\\\$x\",), ('plain',)] * 120)\n"
                                              "out(cur.rowcount, cur.statusmessage)\n"
                                              "cur.execute(\"SELECT count(*) FROM diff_m WHERE name LIKE 'it''s;%%'\")\n"
                                              "out(cur.fetchall())"),
        ('executemany_empty', "cur.executemany('UPDATE diff_m SET price = %s', [])\n"
                              "out(cur.rowcount, cur.statusmessage, cur.query)"),
        ('executemany_select', "cur.executemany('SELECT %s', [(1,), (2,)])\n"
                               "out(cur.rowcount, cur.statusmessage)\nout(cur.fetchall())"),
        ('create_table', "cur.execute('CREATE TEMP TABLE diff_new (x int)')\n"
                         "out(cur.rowcount, cur.statusmessage, cur.description)"),
        ('truncate', "cur.execute('TRUNCATE diff_m')\nout(cur.rowcount, cur.statusmessage)"),
        ('set_and_show', "cur.execute('SET search_path TO public')\nout(cur.rowcount, cur.statusmessage)\n"
                         "cur.execute('SHOW search_path')\nout(cur.rowcount, cur.statusmessage, "
                         "cur.fetchall(), cur.description)"),
        ('do_block', "cur.execute('DO $$BEGIN PERFORM 1; END$$')\nout(cur.rowcount, cur.statusmessage)"),
        ('multiple_statements', "cur.execute(\"SELECT 1; UPDATE diff_m SET name = 'x'\")\n"
                                "out(cur.rowcount, cur.statusmessage, cur.description)"),
        ('multiple_statements_select_last', "cur.execute(\"UPDATE diff_m SET name = 'x'; SELECT 1, 2\")\n"
                                            "out(cur.rowcount, cur.statusmessage, cur.fetchall())"),
        ('sql_cursor_fetch', "cur.execute('DECLARE c CURSOR FOR SELECT generate_series(1, 10)')\n"
                             "out(cur.statusmessage)\ncur.execute('FETCH 3 FROM c')\n"
                             "out(cur.rowcount, cur.statusmessage, cur.fetchall())\n"
                             "cur.execute('MOVE 2 IN c')\nout(cur.rowcount, cur.statusmessage)"),
        ('explain', "cur.execute('EXPLAIN (COSTS OFF) SELECT 1')\nout(cur.rowcount, cur.statusmessage, "
                    "cur.fetchall(), [c.name for c in cur.description])"),
        ('select_into', "cur.execute('SELECT 1 AS x INTO TEMP diff_into')\nout(cur.rowcount, cur.statusmessage)"),
        ('values', "cur.execute('VALUES (1, 2), (3, 4)')\nout(cur.rowcount, cur.statusmessage, cur.fetchall(), "
                   "[c.name for c in cur.description])"),
        ('fetch_progress', "cur.execute('SELECT generate_series(1, 5)')\nout(cur.fetchone(), cur.rownumber)\n"
                           "out(cur.fetchmany(2), cur.rownumber)\nout(cur.fetchall(), cur.rownumber, cur.rowcount)\n"
                           "out(cur.fetchone(), cur.fetchmany(3), cur.fetchall())"),
        ('scroll', "cur.execute('SELECT generate_series(1, 5)')\ncur.scroll(3)\nout(cur.fetchone())\n"
                   "cur.scroll(0, 'absolute')\nout(cur.fetchone(), cur.rownumber)\ncur.scroll(-1)\n"
                   "out(cur.fetchone())"),
        ('connection_state', "out(conn.closed, conn.status, conn.autocommit, conn.isolation_level, "
                             "conn.readonly, conn.deferrable, conn.encoding, conn.protocol_version, "
                             "conn.get_transaction_status(), conn.async_, conn.notices)\n"
                             "cur.execute('SELECT 1')\nout(conn.status, conn.get_transaction_status())"),
        ('notices', "cur.execute(\"DO $$BEGIN RAISE NOTICE 'n1'; RAISE WARNING 'w %', 2; "
                    "RAISE INFO 'i'; END$$\")\nout(conn.notices)"),
        ('notice_with_detail', "cur.execute(\"DO $$BEGIN RAISE NOTICE 'n' USING DETAIL = 'd', HINT = 'h'; END$$\")\n"
                               "out(conn.notices)"),
        ('notice_from_ddl', "cur.execute('DROP TABLE IF EXISTS no_such_table_here')\nout(conn.notices)"),
        ('cursor_repr_fields', "out(cur.closed, cur.name, cur.arraysize, cur.itersize, cur.rowcount, "
                               "cur.rownumber, cur.lastrowid, cur.query, cur.statusmessage, cur.description, "
                               "cur.scrollable, cur.withhold, cur.tzinfo_factory is datetime.timezone)"),
        ('isolation_level_values', "conn.rollback()\nfor v in (1, 2, 3, 4, 'read committed', 'SERIALIZABLE', "
                                   "'default', None):\n    conn.isolation_level = v\n"
                                   "    out(v, conn.isolation_level)"),
        ('set_session_values', "conn.rollback()\nconn.set_session('repeatable read', True, False)\n"
                               "out(conn.isolation_level, conn.readonly, conn.deferrable, conn.autocommit)\n"
                               "cur.execute('SHOW transaction_isolation')\nout(cur.fetchone())"),
    ]


# -- connecting, DSNs, module-level API -------------------------------------

def _connect_error_snippet(call):
    return ('try:\n    c = psycopg2.connect(%s)\nexcept psycopg2.Error as e:\n    out_error(e)\n'
            'else:\n    out("connected")\n    c.close()\n' % call)


@generated
class ConnectionDifferentialTests(_DifferentialTestCase):
    SNIPPETS = [
        ('connect_missing_database', _connect_error_snippet("conn.dsn, dbname='no_such_db'")),
        ('connect_unknown_user', _connect_error_snippet("conn.dsn, user='no_such_user'")),
        ('connect_wrong_password', _connect_error_snippet("conn.dsn, user='pg_scram', password='wrong'")),
        ('connect_md5_wrong_password', _connect_error_snippet("conn.dsn, user='pg_md5', password='wrong'")),
        ('connect_refused', _connect_error_snippet("host='127.0.0.1', port=1, dbname='x'")),
        ('connect_invalid_dsn', _connect_error_snippet("'this is not a dsn'")),
        ('connect_unterminated_quote', _connect_error_snippet("\"dbname='x\"")),
        ('connect_unknown_option', _connect_error_snippet("conn.dsn, no_such_option='1'")),
        ('connect_bad_uri', _connect_error_snippet("'postgresql://[bad'")),
        ('connect_bad_port', _connect_error_snippet("conn.dsn, port='notaport'")),
        ('connect_bad_sslmode', _connect_error_snippet("conn.dsn, sslmode='sometimes'")),
        # libpq keeps the last failed operation's message; a query that starts clears it
        ('info_error_message', textwrap.dedent('''\
            import io
            c = psycopg2.connect(conn.dsn)
            k = c.cursor()
            out(c.info.error_message)
            for sql in ('SELECT 1/0', 'ROLLBACK', 'SELECT 1', 'SELEC', 'SELECT 2'):
                try:
                    k.execute(sql)
                except psycopg2.Error as e:
                    out(type(e).__name__)
                out(sql, c.info.error_message)
            c.rollback()
            try:
                k.copy_from(io.StringIO('x\\n'), 'no_such_table')
            except psycopg2.Error:
                pass
            out(c.info.error_message)
            c.close()
            out(c.info.error_message)''')),
        ('encrypt_password', textwrap.dedent('''\
            from psycopg2.extensions import encrypt_password as e
            k = conn.cursor()
            c2 = psycopg2.connect(conn.dsn)  # libpq keeps the failure in c2's error_message
            for args, kw in [(('secret', 'alice'), {'algorithm': 'md5'}), (('secret', 'alice'), {}),
                             (('secret', 'alice', conn), {}), (('secret', 'alice', k, 'scram-sha-256'), {}),
                             (('secret', 'alice', conn, 'md5'), {}), (('s', 'a'), {'algorithm': 'scram-sha-256'}),
                             (('s', 'a', c2, 'bogus'), {}), ((b'x', b'y'), {'algorithm': 'md5'}),
                             ((None, 'y'), {'algorithm': 'md5'}), (('x',), {}), (('x', 'y', 'notaconn'), {}),
                             (('p\u00e4ss', '\u00fcser'), {'algorithm': 'md5'}), (('x', 'y', None, 'MD5'), {})]:
                try:
                    r = e(*args, **kw)
                    out(type(r).__name__, r if r.startswith('md5') else (r[:19], len(r)))
                except Exception as ex:
                    out(type(ex).__name__, str(ex))
            out(conn.get_transaction_status())
            c2.close()''')),
        # auto: the locale's encoding, C and POSIX meaning SQL_ASCII (both sides share the locale)
        ('connect_client_encoding_auto', textwrap.dedent('''\
            import os
            for locale in ('C.UTF-8', 'C', None):
                saved = dict(os.environ)
                os.environ.pop('LC_ALL', None)
                os.environ.pop('LC_CTYPE', None)
                if locale:
                    os.environ['LC_ALL'] = locale
                try:
                    c = psycopg2.connect(conn.dsn, client_encoding='auto')
                    out(locale, c.encoding, c.get_dsn_parameters()['client_encoding'])
                    c.close()
                finally:
                    os.environ.clear()
                    os.environ.update(saved)''')),
        ('connect_async_keyword', _connect_error_snippet("conn.dsn, async_=False")),
        ('dsn_of_a_dsn_with_password', "c = psycopg2.connect(conn.dsn + ' password=secret-scram', "
                                       "user='pg_scram')\nout(c.dsn)\nc.close()"),
        ('dsn_of_a_uri_with_password', "p = conn.get_dsn_parameters()\n"
                                       "c = psycopg2.connect('postgresql://pg_md5:secret-md5@%s:%s/%s' % "
                                       "(p['host'], p['port'], p['dbname']))\nout(c.dsn)\nc.close()"),
        ('dsn_of_kwargs', "p = conn.get_dsn_parameters()\n"
                          "c = psycopg2.connect(host=p['host'], port=int(p['port']), database=p['dbname'], "
                          "application_name='x y')\nout(c.dsn)\nc.close()"),
        ('get_dsn_parameters', "out(sorted(conn.get_dsn_parameters().items()))"),
        ('make_dsn', "from psycopg2.extensions import make_dsn\n"
                     "out(make_dsn('dbname=a', user='b'))\nout(make_dsn(dbname='a b', password=\"it's\"))\n"
                     "out(make_dsn('postgresql://h/db', user='u'))\nout(make_dsn(database='d'))\n"
                     "out(make_dsn('dbname=a', user=None))\nout(make_dsn())\nout(make_dsn(''))"),
        ('make_dsn_errors', "from psycopg2.extensions import make_dsn\nfor args, kw in (((), {'dsn': 1}), "
                            "(('x',), {}), (('dbname=a',), {'database': 'b', 'dbname': 'c'})):\n"
                            "    try:\n        out(make_dsn(*args, **kw))\n"
                            "    except Exception as e:\n        out(type(e).__name__, str(e))"),
        ('parse_dsn', "from psycopg2.extensions import parse_dsn\n"
                      "out(sorted(parse_dsn(\"dbname=a user='b c' password=x\").items()))\n"
                      "out(sorted(parse_dsn('postgresql://u:p@h:5/db?sslmode=require').items()))\n"
                      "out(sorted(parse_dsn('').items()))\n"
                      "try:\n    parse_dsn('nonsense')\nexcept Exception as e:\n    out(type(e).__name__, str(e))"),
        ('connection_info', "i = conn.info\nout(i.dbname, i.user, i.port, i.options, i.status, "
                            "i.transaction_status, i.protocol_version, i.server_version == conn.server_version, "
                            "i.error_message, i.needs_password, i.used_password, i.ssl_in_use, "
                            "i.parameter_status('server_encoding'))"),
        ('module_constants', "out(psycopg2.apilevel, psycopg2.threadsafety, psycopg2.paramstyle, "
                             "psycopg2.__version__)"),
        ('dbapi_type_objects', "out(psycopg2.STRING == 25, psycopg2.NUMBER == 1700, psycopg2.DATETIME == 1184, "
                               "psycopg2.BINARY == 17, psycopg2.ROWID == 26, psycopg2.NUMBER == 25)"),
        ('dbapi_constructors', "for v in (psycopg2.Date(2020, 1, 2), psycopg2.Time(1, 2, 3), "
                               "psycopg2.Timestamp(2020, 1, 2, 3, 4, 5), psycopg2.Binary(b'x'), "
                               "psycopg2.DateFromTicks(0) is not None):\n"
                               "    out(type(v).__name__, v.getquoted() if hasattr(v, 'getquoted') else v)"),
        ('quote_ident', "from psycopg2.extensions import quote_ident\n"
                        "out(quote_ident('a\"b', conn), quote_ident('simple', conn), quote_ident('Caf\u00e9', cur))"),
        ('errorcodes', "from psycopg2 import errorcodes\nout(errorcodes.lookup('23505'), errorcodes.lookup('22'), "
                       "errorcodes.UNIQUE_VIOLATION, errorcodes.CLASS_INTEGRITY_CONSTRAINT_VIOLATION)"),
        ('client_encodings', "conn.rollback()\nfor name in ('LATIN1', 'latin-1', 'utf8', 'UTF-8', 'win1252', "
                             "'SQL_ASCII', 'EUC_JP'):\n    conn.set_client_encoding(name)\n"
                             "    out(name, conn.encoding)\ntry:\n    conn.set_client_encoding('nonsense')\n"
                             "except Exception as e:\n    out(type(e).__name__, str(e))\n"
                             "conn.set_client_encoding('UTF8')"),
        ('text_in_latin1', "conn.set_client_encoding('LATIN1')\ncur.execute('SELECT %s, %s', ('caf\u00e9', b'x'))\n"
                           "out(cur.fetchone(), cur.query)\ntry:\n    cur.execute('SELECT %s', ('\u20ac',))\n"
                           "except Exception as e:\n    out(type(e).__name__)\nconn.rollback()\n"
                           "conn.set_client_encoding('UTF8')"),
    ]


if __name__ == '__main__':
    unittest.main()
