"""Default typecasting (PostgreSQL -> Python) and adaptation (Python -> SQL)."""

import datetime
import decimal
import math
import textwrap
import unittest

import psycopg2
import psycopg2.extensions as ext

from _support import DSN
from test_differential import _DifferentialTestCase, generated

UTC = datetime.timezone.utc


class _TypesTestCase(unittest.TestCase):
    """One autocommit connection for the class, session time zone UTC."""

    @classmethod
    def setUpClass(cls):
        cls.conn = psycopg2.connect(DSN)
        cls.conn.autocommit = True
        cls.conn.cursor().execute("SET TIME ZONE 'UTC'")

    @classmethod
    def tearDownClass(cls):
        cls.conn.close()

    def cast(self, expression):
        """The value PostgreSQL returns for an SQL expression."""
        cur = self.conn.cursor()
        cur.execute('SELECT ' + expression)
        return cur.fetchone()[0]

    def roundtrip(self, value, sql_type=''):
        cur = self.conn.cursor()
        cur.execute('SELECT %s' + sql_type, (value,))
        return cur.fetchone()[0]

    def mogrify(self, value):
        return self.conn.cursor().mogrify('%s', (value,))

    def assertCast(self, expression, expected, expected_type=None):
        value = self.cast(expression)
        self.assertEqual(value, expected)
        self.assertIs(type(value), expected_type or type(expected))


class NumberCastTests(_TypesTestCase):

    def test_bool(self):
        self.assertCast('true', True)
        self.assertCast('false', False)

    def test_int2(self):
        self.assertCast('(-32768)::int2', -32768)

    def test_int4(self):
        self.assertCast('2147483647::int4', 2147483647)

    def test_int8(self):
        self.assertCast('9223372036854775807::int8', 9223372036854775807)

    def test_oid(self):
        self.assertCast('4294967295::oid', 4294967295)

    def test_float4(self):
        self.assertCast('1.5::float4', 1.5)

    def test_float4_keeps_its_shortest_text(self):
        self.assertCast('0.1::float4', 0.1)

    def test_float8(self):
        self.assertCast('-2.25e100::float8', -2.25e100)

    def test_float_nan(self):
        value = self.cast("'NaN'::float8")
        self.assertIs(type(value), float)
        self.assertTrue(math.isnan(value))

    def test_float_infinity(self):
        self.assertCast("'Infinity'::float8", float('inf'))
        self.assertCast("'-Infinity'::float4", float('-inf'))

    def test_numeric_is_decimal(self):
        self.assertCast('1.10::numeric', decimal.Decimal('1.10'))
        self.assertEqual(str(self.cast('1.10::numeric')), '1.10')

    def test_big_numeric(self):
        self.assertCast('123456789012345678901234567890.000000001::numeric',
                        decimal.Decimal('123456789012345678901234567890.000000001'))

    def test_numeric_nan(self):
        value = self.cast("'NaN'::numeric")
        self.assertIs(type(value), decimal.Decimal)
        self.assertTrue(value.is_nan())

    def test_integer_literal_is_int(self):
        self.assertCast('42', 42)

    def test_decimal_literal_is_decimal(self):
        self.assertCast('4.2', decimal.Decimal('4.2'))


class TextCastTests(_TypesTestCase):

    def test_text(self):
        self.assertCast("'hello'::text", 'hello')

    def test_varchar(self):
        self.assertCast("'hello'::varchar(10)", 'hello')

    def test_char_is_blank_padded(self):
        self.assertCast("'ab'::char(4)", 'ab  ')

    def test_name(self):
        self.assertCast("'pg_class'::name", 'pg_class')

    def test_single_char(self):
        self.assertCast("'x'::\"char\"", 'x')

    def test_non_ascii_text(self):
        self.assertCast("'caf\u00e9 \u20ac \U0001f600'", 'caf\u00e9 \u20ac \U0001f600')

    def test_unknown_literal_is_str(self):
        self.assertCast("'abc'", 'abc')

    def test_type_without_caster_is_str(self):
        self.assertCast("'(1,2)'::point", '(1,2)')
        self.assertCast("'192.168.0.1/24'::inet", '192.168.0.1/24')
        self.assertCast("'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid",
                        'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')

    def test_bytea_is_memoryview(self):
        value = self.cast("'\\x00ff41'::bytea")
        self.assertIs(type(value), memoryview)
        self.assertEqual(bytes(value), b'\x00\xffA')

    def test_empty_bytea(self):
        self.assertEqual(bytes(self.cast("''::bytea")), b'')


class NullCastTests(_TypesTestCase):

    def test_null_is_none(self):
        self.assertIsNone(self.cast('NULL'))

    def test_typed_null_is_none(self):
        for sql_type in ('int4', 'text', 'bytea', 'date', 'numeric', 'int4[]', 'json'):
            with self.subTest(sql_type=sql_type):
                self.assertIsNone(self.cast('NULL::' + sql_type))

    def test_null_is_the_real_none(self):
        self.assertIs(type(self.cast('NULL::int4')), type(None))


class DateTimeCastTests(_TypesTestCase):

    def test_date(self):
        self.assertCast("'2020-01-02'::date", datetime.date(2020, 1, 2))

    def test_infinite_dates(self):
        self.assertCast("'infinity'::date", datetime.date.max)
        self.assertCast("'-infinity'::date", datetime.date.min)

    def test_time(self):
        self.assertCast("'12:34:56.789'::time", datetime.time(12, 34, 56, 789000))

    def test_time_without_fraction(self):
        self.assertCast("'00:00:00'::time", datetime.time(0, 0))

    def test_timetz_has_a_fixed_offset(self):
        value = self.cast("'12:34:56+02'::timetz")
        self.assertEqual(value.replace(tzinfo=None), datetime.time(12, 34, 56))
        self.assertEqual(value.utcoffset(), datetime.timedelta(hours=2))

    def test_timestamp_is_naive(self):
        self.assertCast("'2020-01-02 03:04:05.123456'::timestamp",
                        datetime.datetime(2020, 1, 2, 3, 4, 5, 123456))

    def test_infinite_timestamps(self):
        self.assertCast("'infinity'::timestamp", datetime.datetime.max)
        self.assertCast("'-infinity'::timestamp", datetime.datetime.min)

    def test_timestamptz_is_aware(self):
        value = self.cast("'2020-01-02 03:04:05+00'::timestamptz")
        self.assertEqual(value, datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC))
        self.assertEqual(value.utcoffset(), datetime.timedelta(0))

    def test_timestamptz_in_the_session_time_zone(self):
        cur = self.conn.cursor()
        cur.execute("SET TIME ZONE 'Asia/Kolkata'")
        try:
            cur.execute("SELECT '2020-01-02 00:00:00+00'::timestamptz")
            value = cur.fetchone()[0]
        finally:
            cur.execute("SET TIME ZONE 'UTC'")
        self.assertEqual(value.utcoffset(), datetime.timedelta(hours=5, minutes=30))
        self.assertEqual(value.hour, 5)
        self.assertEqual(value.minute, 30)

    def test_timestamptz_with_seconds_in_the_offset(self):
        cur = self.conn.cursor()
        cur.execute("SET TIME ZONE 'Europe/Amsterdam'")
        try:
            cur.execute("SELECT '1900-01-01 00:00:00+00'::timestamptz")
            value = cur.fetchone()[0]
        finally:
            cur.execute("SET TIME ZONE 'UTC'")
        self.assertEqual(value.utcoffset(), datetime.timedelta(seconds=1172))

    def test_interval_is_timedelta(self):
        self.assertCast("'1 day 02:03:04.5'::interval",
                        datetime.timedelta(days=1, hours=2, minutes=3, seconds=4, microseconds=500000))

    def test_interval_months_are_30_days_and_years_365(self):
        self.assertCast("'1 mon'::interval", datetime.timedelta(days=30))
        self.assertCast("'1 year'::interval", datetime.timedelta(days=365))

    def test_negative_interval(self):
        self.assertCast("'-1 day -00:00:01'::interval", datetime.timedelta(days=-1, seconds=-1))


class JsonCastTests(_TypesTestCase):

    def test_json_object_is_dict(self):
        self.assertCast('\'{"a": 1, "b": [true, null]}\'::json', {'a': 1, 'b': [True, None]})

    def test_jsonb(self):
        self.assertCast('\'{"a": "x"}\'::jsonb', {'a': 'x'})

    def test_json_scalars(self):
        self.assertCast("'1.5'::json", 1.5)
        self.assertCast('\'"s"\'::jsonb', 's')

    def test_json_array(self):
        self.assertCast("'[1, 2]'::json", [1, 2])


class ArrayCastTests(_TypesTestCase):

    def test_int_array_with_null(self):
        self.assertCast("'{1,2,NULL}'::int4[]", [1, 2, None])

    def test_empty_array(self):
        self.assertCast("'{}'::int4[]", [])

    def test_two_dimensional_array(self):
        self.assertCast("'{{1,2},{3,4}}'::int8[]", [[1, 2], [3, 4]])

    def test_text_array_with_quoting(self):
        self.assertCast("ARRAY['a,b', 'c\"d', 'e\\f', 'NULL', '']", ['a,b', 'c"d', 'e\\f', 'NULL', ''])

    def test_bool_array(self):
        self.assertCast("'{t,f}'::bool[]", [True, False])

    def test_numeric_array(self):
        self.assertCast("'{1.5,2}'::numeric[]", [decimal.Decimal('1.5'), decimal.Decimal('2')])

    def test_float_array(self):
        self.assertCast("'{1.5,Infinity}'::float8[]", [1.5, float('inf')])

    def test_date_array(self):
        self.assertCast("'{2020-01-02,2021-03-04}'::date[]",
                        [datetime.date(2020, 1, 2), datetime.date(2021, 3, 4)])

    def test_varchar_array(self):
        self.assertCast("'{x,y}'::varchar[]", ['x', 'y'])

    def test_array_of_unknown_element_type_is_str(self):
        self.assertCast("'{\"(1,2)\"}'::point[]", '{"(1,2)"}')


class AdaptationTests(_TypesTestCase):

    def test_none_is_null(self):
        self.assertEqual(self.mogrify(None), b'NULL')
        self.assertIsNone(self.roundtrip(None))

    def test_bool(self):
        self.assertEqual(self.mogrify(True), b'true')
        self.assertEqual(self.mogrify(False), b'false')
        self.assertIs(self.roundtrip(True), True)

    def test_int(self):
        self.assertEqual(self.mogrify(42), b'42')
        self.assertEqual(self.roundtrip(2 ** 62), 2 ** 62)

    def test_negative_int_gets_a_leading_space(self):
        self.assertEqual(self.mogrify(-42), b' -42')
        self.assertEqual(self.roundtrip(-42), -42)

    def test_huge_int_is_numeric(self):
        self.assertEqual(self.roundtrip(10 ** 30), 10 ** 30)

    def test_float(self):
        self.assertEqual(self.mogrify(1.5), b'1.5')
        self.assertEqual(self.roundtrip(0.1, '::float8'), 0.1)

    def test_special_floats(self):
        self.assertEqual(self.mogrify(float('nan')), b"'NaN'::float")
        self.assertEqual(self.mogrify(float('inf')), b"'Infinity'::float")
        self.assertEqual(self.mogrify(float('-inf')), b"'-Infinity'::float")
        self.assertEqual(self.roundtrip(float('-inf')), float('-inf'))
        self.assertTrue(math.isnan(self.roundtrip(float('nan'))))

    def test_decimal(self):
        self.assertEqual(self.mogrify(decimal.Decimal('1.10')), b'1.10')
        self.assertEqual(self.roundtrip(decimal.Decimal('-1.10')), decimal.Decimal('-1.10'))

    def test_decimal_nan(self):
        self.assertEqual(self.mogrify(decimal.Decimal('NaN')), b"'NaN'::numeric")

    def test_str_is_quoted(self):
        self.assertEqual(self.mogrify("it's"), b"'it''s'")
        self.assertEqual(self.roundtrip("it's"), "it's")

    def test_str_with_backslash(self):
        self.assertEqual(self.roundtrip('a\\b'), 'a\\b')

    def test_non_ascii_str(self):
        self.assertEqual(self.mogrify('\u20ac'), "'\u20ac'".encode('utf-8'))
        self.assertEqual(self.roundtrip('caf\u00e9 \U0001f600'), 'caf\u00e9 \U0001f600')

    def test_str_with_nul_raises_value_error(self):
        with self.assertRaises(ValueError) as cm:
            self.mogrify('a\x00b')
        self.assertEqual(str(cm.exception), 'A string literal cannot contain NUL (0x00) characters.')

    def test_bytes_is_bytea(self):
        self.assertEqual(self.mogrify(b'\x00\xff'), b"'\\x00ff'::bytea")
        self.assertEqual(bytes(self.roundtrip(b'\x00\xff\\\'')), b'\x00\xff\\\'')

    def test_bytearray_and_memoryview_are_bytea(self):
        self.assertEqual(self.mogrify(bytearray(b'\x01')), b"'\\x01'::bytea")
        self.assertEqual(self.mogrify(memoryview(b'\x01')), b"'\\x01'::bytea")
        self.assertEqual(bytes(self.roundtrip(bytearray(b'ab'))), b'ab')

    def test_binary_constructor(self):
        self.assertEqual(self.mogrify(psycopg2.Binary(b'\x02')), b"'\\x02'::bytea")

    def test_date(self):
        self.assertEqual(self.mogrify(datetime.date(2020, 1, 2)), b"'2020-01-02'::date")
        self.assertEqual(self.roundtrip(datetime.date(2020, 1, 2)), datetime.date(2020, 1, 2))

    def test_time(self):
        self.assertEqual(self.mogrify(datetime.time(12, 34, 56)), b"'12:34:56'::time")
        self.assertEqual(self.roundtrip(datetime.time(12, 34, 56, 5)), datetime.time(12, 34, 56, 5))

    def test_naive_datetime_is_timestamp(self):
        value = datetime.datetime(2020, 1, 2, 3, 4, 5, 6)
        self.assertEqual(self.mogrify(value), b"'2020-01-02T03:04:05.000006'::timestamp")
        self.assertEqual(self.roundtrip(value), value)

    def test_aware_datetime_is_timestamptz(self):
        tz = datetime.timezone(datetime.timedelta(hours=2))
        value = datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=tz)
        self.assertEqual(self.mogrify(value), b"'2020-01-02T03:04:05+02:00'::timestamptz")
        self.assertEqual(self.roundtrip(value), value)

    def test_timedelta_is_interval(self):
        value = datetime.timedelta(days=1, seconds=3600, microseconds=5)
        self.assertEqual(self.mogrify(value), b"'1 days 3600.000005 seconds'::interval")
        self.assertEqual(self.roundtrip(value), value)

    def test_list_is_array(self):
        self.assertEqual(self.mogrify([1, 2, 3]), b'ARRAY[1,2,3]')
        self.assertEqual(self.roundtrip([1, None, 3]), [1, None, 3])

    def test_list_of_strings(self):
        self.assertEqual(self.mogrify(['a', "b'c"]), b"ARRAY['a','b''c']")
        self.assertEqual(self.roundtrip(['a', "b'c"]), ['a', "b'c"])

    def test_nested_list_is_multidimensional_array(self):
        self.assertEqual(self.mogrify([[1, 2], [3, 4]]), b'ARRAY[ARRAY[1,2],ARRAY[3,4]]')
        self.assertEqual(self.roundtrip([[1, 2], [3, 4]]), [[1, 2], [3, 4]])

    def test_empty_list_is_empty_array_literal(self):
        self.assertEqual(self.mogrify([]), b"'{}'")
        self.assertEqual(self.roundtrip([], '::int4[]'), [])

    def test_tuple_is_a_parenthesized_list_for_in(self):
        self.assertEqual(self.mogrify((1, 'a')), b"(1, 'a')")
        cur = self.conn.cursor()
        cur.execute('SELECT 2 IN %s, 5 IN %s', ((1, 2, 3), (1, 2, 3)))
        self.assertEqual(cur.fetchone(), (True, False))

    def test_dict_cannot_be_adapted(self):
        with self.assertRaises(psycopg2.ProgrammingError) as cm:
            self.mogrify({'a': 1})
        self.assertEqual(str(cm.exception), "can't adapt type 'dict'")

    def test_adapt_of_a_str_needs_prepare_for_encoding(self):
        adapted = ext.adapt('x')
        self.assertIsInstance(adapted, ext.QuotedString)
        adapted.prepare(self.conn)
        self.assertEqual(adapted.getquoted(), b"'x'")

    def test_asis(self):
        self.assertEqual(self.mogrify(ext.AsIs('now()')), b'now()')

    def test_register_adapter_for_a_new_type(self):
        class Point(object):
            def __init__(self, x, y):
                self.x, self.y = x, y

        def adapt_point(point):
            return ext.AsIs("'(%s,%s)'::point" % (point.x, point.y))
        ext.register_adapter(Point, adapt_point)
        try:
            self.assertEqual(self.roundtrip(Point(1, 2)), '(1,2)')
        finally:
            del ext.adapters[(Point, ext.ISQLQuote)]


class TypecasterRegistrationTests(_TypesTestCase):

    def test_new_type_on_a_cursor(self):
        cur = self.conn.cursor()
        upper = ext.new_type((25,), 'UPPERTEXT', lambda value, cur: value.upper() if value else value)
        ext.register_type(upper, cur)
        cur.execute("SELECT 'abc'::text")
        self.assertEqual(cur.fetchone()[0], 'ABC')
        self.assertEqual(self.cast("'abc'::text"), 'abc')

    def test_typecaster_receives_none_for_null(self):
        seen = []

        def cast(value, cur):
            seen.append(value)
            return value
        cur = self.conn.cursor()
        ext.register_type(ext.new_type((23,), 'SEEN', cast), cur)
        cur.execute('SELECT NULL::int4, 7::int4')
        self.assertEqual(cur.fetchone(), (None, '7'))
        self.assertEqual(seen, [None, '7'])

    def test_unicode_and_decimal_casters_are_exposed(self):
        self.assertEqual(ext.DECIMAL('1.5', None), decimal.Decimal('1.5'))
        self.assertEqual(ext.UNICODE('x', None), 'x')


# -- the same casts on the reference psycopg2 (test_differential's harness) --

# Valid PostgreSQL intervals, with what each IntervalStyle writes for them:
# psycopg2 reads 'postgres' as meant and the other styles its own odd way.
_INTERVALS = [
    '1 year 2 mons 3 days 04:05:06.789', '-1 years -2 mons +3 days -04:05:06', '1 day -02:03:04.5',
    '-1 day 02:03:04', '1-2', '-1-2', '00:00:01.5', '-00:00:01.5', '0', '-5 days', '5 days', '100000 hours',
    '00:00:00.000001', '-00:00:00.000001', '2147483647 days', '-2147483648 days', '999999999 days 23:59:59.999999',
    '1000000000 days', '-999999999 days -00:00:01', '178000000 years', '2562047788:00:54.775807',
    '1 year -1 mon', '12 mons', '1.5 years', '36:00', '0.5 day', '1 week', '1 decade']

_INTERVAL_STYLE_SNIPPET = """\
cur.execute("SET intervalstyle TO '%s'")
for text in %r:
    cur.execute("SELECT %%s::interval::text, %%s::interval", (text, text))
    try:
        out(cur.fetchone())
    except Exception as e:
        out(text, type(e).__name__, str(e))
"""

# Dates and times PostgreSQL has and Python's datetime hasn't
_OUT_OF_RANGE = [
    "'0044-03-15 BC'::date", "'10000-01-01'::date", "'0001-01-01 00:00 BC'::timestamp",
    "'10000-01-01'::timestamp", "'9999-12-31 23:00+00'::timestamptz", "'0001-01-01 00:30+00'::timestamptz",
    "'infinity'::timestamptz", "'-infinity'::timestamptz", "'1000000000 days'::interval",
    "'-1000000000 days -1 second'::interval"]

_OUT_OF_RANGE_SNIPPET = """\
for zone in ('UTC', 'Asia/Kolkata', 'America/St_Johns', '-02:30'):
    cur.execute("SET TIME ZONE %%s", (zone,))
    for sql in %r:
        cur.execute("SELECT " + sql)
        try:
            out(zone, cur.fetchone())
        except Exception as e:
            out(zone, sql, type(e).__name__, str(e))
"""

# Text the server never sends, given to the casters directly
_HAND_FED = [
    ('INTERVAL', ['1', '-1', ' 1', '0x1f', '', '010', 'infinity', '@ 1.5 secs', '2147483647:00:00',
                  '2147483648:00:00', '00:00:00.1234565', '00:00:00.2147483647', '12:00:00+01',
                  'P1Y2M', '1 d 2 m 3 y']),
    ('INTERVALARRAY', ['{1,2}', '{"1 day",2}', '{0x1,2}', '{1\\\\2}', '{00:00:01,-01:00:00}']),
    ('BOOLEANARRAY', ['{1,2}', '{t,"x"}', '{t,NULL,F}']),
    ('DATE', ['2020-01-01T12:00:00', '-1 days +02:00:00', '1 year 2 mons', '2020-02-30', '2020-1-2',
              '99999999999-01-01', '2020- 1-01']),
    ('PYDATETIME', ['0001-01-01 BC', '2020-01-01 23:59:60', '2020-01-01 12:00:60', '2020-01-01 12:00',
                    '2020-01-01T12:00:00', '2020-01-01 24:00:00', '2020-01-01 12:00:00.1234567']),
    ('PYDATETIMETZ', ['2020-01-01 12:00:00+25', '0044-03-15 12:00:00+01 BC', '2020-01-01 12:00:00-01:02:03']),
    ('PYTIME', ['12:00:00.1x', '25:00:00', '23:59:60', '12:00', '1:2:3']),
    ('INTEGER', ['0001-01-01 BC', '0x1f', '0_1x', 'x', '0_', ' 7 ']),
]

_HAND_FED_SNIPPET = """\
caster = getattr(psycopg2.extensions, %r)
for text in %r:
    try:
        out(caster(text, cur))
    except Exception as e:
        out(text, type(e).__name__, str(e))
"""


@generated
class CastDifferentialTests(_DifferentialTestCase):
    SNIPPETS = [
        ('interval_style_' + style, _INTERVAL_STYLE_SNIPPET % (style, _INTERVALS))
        for style in ('postgres', 'postgres_verbose', 'sql_standard')] + [
        ('interval_style_iso_8601', _INTERVAL_STYLE_SNIPPET % ('iso_8601', _INTERVALS[:2])),
        ('out_of_range_values', _OUT_OF_RANGE_SNIPPET % (_OUT_OF_RANGE,)),
        ('date_styles', textwrap.dedent("""\
            for style in ('ISO, DMY', 'SQL, DMY', 'German', 'Postgres, MDY'):
                cur.execute("SET datestyle TO '%s'" % style)
                cur.execute("SELECT '2020-03-04'::date, '2020-03-04 05:06:07'::timestamp, "
                            "'2020-03-04 05:06:07+01'::timestamptz")
                try:
                    out(style, cur.fetchone())
                except Exception as e:
                    out(style, type(e).__name__, str(e))
            """)),
        ('interval_array_items', textwrap.dedent("""\
            cur.execute("SET intervalstyle TO 'sql_standard'")
            cur.execute("SELECT ARRAY['1 day -02:03:04.5'::interval, '5 days', NULL]")
            out(cur.fetchone())
            """)),
        ('cursor_cast', textwrap.dedent("""\
            for text in ('1', '1 2:03:04', '@ 1 day ago', '2147483648:00:00'):
                try:
                    out(cur.cast(1186, text))
                except Exception as e:
                    out(text, type(e).__name__, str(e))
            """)),
    ] + [('hand_fed_' + name.lower(), _HAND_FED_SNIPPET % (name, texts)) for name, texts in _HAND_FED]


if __name__ == '__main__':
    unittest.main()
