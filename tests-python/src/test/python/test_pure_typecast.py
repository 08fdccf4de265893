"""psycopg2._typecast and psycopg2.tz (pure Python, no server).

The texts are what PostgreSQL 15 sends, and some it never does that
psycopg2's C parsers read their own way; the expected values are psycopg2
2.9.5's (python-shim/tools/diff_pure.py diffs a larger battery against it).
"""

import datetime as dt
import decimal
import math
import pickle
import unittest

import _pure

exc = _pure.load('_exceptions')
T = _pure.load('_typecast')
tz = _pure.load('tz')

D = decimal.Decimal


def tzo(**kw):
    return dt.timezone(dt.timedelta(**kw))


class Cursor(object):
    def __init__(self, tzinfo_factory=dt.timezone, encoding='UTF8'):
        self.tzinfo_factory = tzinfo_factory
        self.connection = type('Conn', (), {'encoding': encoding})()


CUR = Cursor()


class ScalarTests(unittest.TestCase):

    def test_null_is_none(self):
        for name in T.__all__:
            caster = getattr(T, name)
            if isinstance(caster, T.Typecaster):
                self.assertIsNone(caster(None, CUR), name)
                self.assertIsNone(caster._cast(None, CUR), name)

    def test_boolean(self):
        self.assertIs(T.BOOLEAN('t', CUR), True)
        self.assertIs(T.BOOLEAN('f', CUR), False)
        with self.assertRaisesRegex(exc.InterfaceError, "^can't parse boolean: 'x'$"):
            T.BOOLEAN('x', CUR)
        with self.assertRaisesRegex(exc.InterfaceError, "^can't parse boolean: 'x'$"):
            T.BOOLEAN('x\x00y', CUR)

    def test_numbers(self):
        self.assertEqual(T.INTEGER('-32768', CUR), -32768)
        self.assertEqual(T.LONGINTEGER('-9223372036854775808', CUR), -9223372036854775808)
        self.assertEqual(T.FLOAT('3.1415927', CUR), 3.1415927)
        self.assertTrue(math.isnan(T.FLOAT('NaN', CUR)))
        self.assertEqual(T.FLOAT('-Infinity', CUR), float('-inf'))
        self.assertEqual(repr(T.DECIMAL('1.10', CUR)), "Decimal('1.10')")
        self.assertEqual(repr(T.DECIMAL('-Infinity', CUR)), "Decimal('-Infinity')")
        self.assertEqual(T.NUMBER('12', CUR), 12.0)
        self.assertEqual(T.ROWID('12', CUR), 12)

    def test_integers_are_python_literals(self):
        # psycopg2 parses int(text, 0) the way CPython's C API reads a C string
        self.assertEqual(T.INTEGER('0x1f', CUR), 31)
        self.assertEqual(T.LONGINTEGER('1_000', CUR), 1000)
        self.assertEqual(T.INTEGER(' 7 ', CUR), 7)
        for text, base in (('0001-01-01 BC', 0), ('0_1x', 0), ('x', 10), ('0_', 10), ('0x', 16), ('\u0661x', 10),
                           ('1\x1cx', 10)):
            with self.assertRaises(ValueError) as cm:
                T.INTEGER(text, CUR)
            self.assertEqual(str(cm.exception), 'invalid literal for int() with base %d: %r' % (base, text))
        self.assertEqual(T.INTEGER('1\x002', CUR), 1)  # a NUL ends a C string

    def test_decimal_same_as_parsed(self):
        # numeric_out's text takes a shortcut on GraalPy: the result must be the
        # Decimal that parsing gives, digits, exponent and sign included
        for text in ('0', '0.0000', '-0.001', '00012.5000', '123456789012345678901234.5',
                     '-7', '5.', '.5', '+3', '1_000', ' 42 ', '1e3', '-0', '-0.0',
                     'NaN', 'Infinity', '-Infinity', '\u0661\u0662'):
            got = T.DECIMAL(text, CUR)
            want = D(text)
            self.assertEqual((str(got), got.as_tuple()), (str(want), want.as_tuple()), text)
        with self.assertRaisesRegex(decimal.InvalidOperation, 'ConversionSyntax'):
            T.DECIMAL('1.2.3', CUR)

    def test_strings(self):
        self.assertEqual(T.STRING('x  ', CUR), 'x  ')
        self.assertEqual(T.BYTES('\u20ac', CUR), b'\xe2\x82\xac')
        self.assertEqual(T.BYTES('\xe8', Cursor(encoding='LATIN1')), b'\xe8')

    def test_bytea(self):
        v = T.BINARY('\\x00ff27', CUR)
        self.assertIsInstance(v, memoryview)
        self.assertEqual(v.tobytes(), b"\x00\xff'")
        self.assertEqual(T.BINARY('\\x', CUR).tobytes(), b'')
        self.assertEqual(T.BINARY("\\000\\377a\\\\b'", CUR).tobytes(), b"\x00\xffa\\b'")

    def test_json(self):
        self.assertEqual(T.JSON('{"a":1}', CUR), {'a': 1})
        self.assertEqual(T.JSONB('[1, 2.5, null]', CUR), [1, 2.5, None])


class DateTimeTests(unittest.TestCase):

    def test_date(self):
        self.assertEqual(T.DATE('2020-01-02', CUR), dt.date(2020, 1, 2))
        self.assertEqual(T.DATE('infinity', CUR), dt.date.max)
        self.assertEqual(T.DATE('-infinity', CUR), dt.date.min)
        with self.assertRaisesRegex(ValueError, 'year -44 is out of range'):
            T.DATE('0044-03-15 BC', CUR)
        with self.assertRaisesRegex(ValueError, 'year 10000 is out of range'):
            T.DATE('10000-01-01', CUR)
        with self.assertRaisesRegex(exc.DataError, 'unable to parse date'):
            T.DATE('garbage', CUR)

    def test_time(self):
        self.assertEqual(T.TIME('01:02:03.5', CUR), dt.time(1, 2, 3, 500000))
        self.assertEqual(T.TIME('24:00:00', CUR), dt.time(0, 0))
        self.assertEqual(T.PYTIME('01:02:03.25-05:30', CUR), dt.time(1, 2, 3, 250000, tzo(hours=-5, minutes=-30)))
        self.assertEqual(T.PYTIME('01:02:03+05:21:10', CUR).utcoffset(), dt.timedelta(seconds=19270))
        with self.assertRaisesRegex(exc.DataError, 'unable to parse time'):
            T.PYTIME('01:02', CUR)

    def test_timestamp(self):
        self.assertEqual(T.PYDATETIME('2020-01-02 03:04:05.123', CUR), dt.datetime(2020, 1, 2, 3, 4, 5, 123000))
        self.assertEqual(T.DATETIME('infinity', CUR), dt.datetime.max)
        self.assertIsNone(T.PYDATETIME('-infinity', CUR).tzinfo)

    def test_timestamptz(self):
        v = T.PYDATETIMETZ('2020-01-02 03:04:05.000001+00', CUR)
        self.assertEqual(v, dt.datetime(2020, 1, 2, 3, 4, 5, 1, dt.timezone.utc))
        self.assertIs(v.tzinfo, dt.timezone.utc)
        v = T.PYDATETIMETZ('1900-01-01 10:30:45+05:21:10', CUR)
        self.assertEqual(v.tzinfo, tzo(seconds=19270))
        v = T.PYDATETIMETZ('2020-01-02 03:04:05.5-00:00:30', CUR)
        self.assertEqual(v.utcoffset(), dt.timedelta(seconds=-30))

    def test_timestamptz_infinity_is_utc(self):
        self.assertEqual(T.PYDATETIMETZ('infinity', CUR), dt.datetime.max.replace(tzinfo=dt.timezone.utc))
        fixed = T.PYDATETIMETZ('infinity', Cursor(tz.FixedOffsetTimezone))
        self.assertIs(fixed.tzinfo, dt.timezone.utc)

    def test_tzinfo_factory(self):
        v = T.PYDATETIMETZ('2020-01-02 03:04:05+01', Cursor(tz.FixedOffsetTimezone))
        self.assertIs(v.tzinfo, tz.FixedOffsetTimezone(dt.timedelta(hours=1)))
        v = T.PYDATETIMETZ('2020-01-02 03:04:05+01', Cursor(None))
        self.assertIsNone(v.tzinfo)
        self.assertEqual(v, dt.datetime(2020, 1, 2, 3, 4, 5))

    def test_timezones_are_shared(self):
        a = T.PYDATETIMETZ('2020-01-02 03:04:05+01', CUR)
        b = T.PYDATETIMETZ('2021-01-02 03:04:05+01', CUR)
        self.assertIs(a.tzinfo, b.tzinfo)


class DateTimeScannerTests(unittest.TestCase):
    """Text the server doesn't send: psycopg2 scans it its own way and
    CPython's datetime words the errors."""

    def assertRaisesMessage(self, exc_class, message, caster, text):
        with self.assertRaises(exc_class) as cm:
            caster(text, CUR)
        self.assertEqual(str(cm.exception), message)

    def test_date(self):
        self.assertEqual(T.DATE('2020-01-01T12:00:00', CUR), dt.date(2020, 1, 1))
        self.assertEqual(T.PYDATE('2020-1-2', CUR), dt.date(2020, 1, 2))
        self.assertEqual(T.DATE('2020-01-01 12:00', CUR), dt.date(2020, 1, 1))
        self.assertRaisesMessage(ValueError, 'year -1 is out of range', T.PYDATE, '-1 days +02:00:00')
        self.assertRaisesMessage(ValueError, 'month must be in 1..12', T.DATE, '1 year 2 mons')
        self.assertRaisesMessage(ValueError, 'month must be in 1..12', T.DATE, '2020- 1-01')
        self.assertRaisesMessage(ValueError, 'day is out of range for month', T.DATE, '2020-02-30')
        # psycopg2's C int overflows
        self.assertRaisesMessage(ValueError, 'year 1215752191 is out of range', T.DATE, '99999999999-01-01')
        self.assertRaisesMessage(exc.DataError, 'unable to parse date', T.DATE, '2020-01')

    def test_timestamp(self):
        self.assertEqual(T.PYDATETIME('2020-01-01T12:00:00', CUR), dt.datetime(2020, 1, 1, 12))
        self.assertEqual(T.PYDATETIME('2020-01-01 24:00:00', CUR), dt.datetime(2020, 1, 1))
        # a leap second carries into the minute
        self.assertEqual(T.PYDATETIME('2020-01-01 12:00:60', CUR), dt.datetime(2020, 1, 1, 12, 1))
        self.assertRaisesMessage(ValueError, 'minute must be in 0..59', T.PYDATETIME, '2020-01-01 23:59:60')
        self.assertRaisesMessage(exc.DataError, 'unable to parse time', T.PYDATETIME, '0001-01-01 BC')
        self.assertRaisesMessage(exc.DataError, 'unable to parse time', T.PYDATETIME, '2020-01-01 12:00')
        self.assertRaisesMessage(ValueError, 'year 10000 is out of range', T.PYDATETIME, '10000-01-01 00:00:00')
        self.assertRaisesMessage(ValueError, 'year -44 is out of range', T.PYDATETIMETZ,
                                 '0044-03-15 12:00:00+01 BC')
        self.assertRaisesMessage(ValueError, 'month must be in 1..12', T.PYDATETIME, '2020-13-01 00:00:00')
        self.assertRaisesMessage(ValueError, 'microsecond must be in 0..999999', T.PYDATETIME,
                                 '2020-01-01 12:00:00.1234567')
        self.assertRaisesMessage(
            ValueError, 'offset must be a timedelta strictly between -timedelta(hours=24) and '
            'timedelta(hours=24), not datetime.timedelta(days=1, seconds=3600).',
            T.PYDATETIMETZ, '2020-01-01 12:00:00+25')

    def test_time(self):
        self.assertEqual(T.PYTIME('1:2:3', CUR), dt.time(1, 2, 3))
        # any character counts as a digit
        self.assertEqual(T.PYTIME('12:00:00.1x', CUR), dt.time(12, 0, 0, 820000))
        self.assertRaisesMessage(ValueError, 'hour must be in 0..23', T.PYTIME, '25:00:00')
        self.assertRaisesMessage(ValueError, 'minute must be in 0..59', T.PYTIME, '23:59:60')
        self.assertRaisesMessage(exc.DataError, 'unable to parse time', T.PYTIME, '12:00')


class IntervalTests(unittest.TestCase):

    def check(self, text, **kw):
        self.assertEqual(T.PYINTERVAL(text, CUR), dt.timedelta(**kw))

    def test_postgres_style(self):
        self.check('1 day', days=1)
        self.check('-1 days', days=-1)
        self.check('1 year 2 mons 3 days 04:05:06.789', days=428, seconds=14706, microseconds=789000)
        self.check('-1 years -2 mons +3 days -04:05:06', days=-422, seconds=-14706)
        self.check('1000000 years', days=365000000)
        self.check('-00:00:00.000001', microseconds=-1)
        self.check('100000:00:00', hours=100000)
        self.check('1 year 1 mon', days=395)
        self.check('-3 days +02:00:00', days=-3, hours=2)
        self.check('00:00:00')

    def test_sql_standard_style(self):
        self.check('5 0:00:00', days=2, seconds=7200)
        self.check('-5 0:00:00', days=-3, seconds=79200)
        self.check('1 2:03:04', seconds=43384)
        self.check('+0-0 +1 -2:03:04.5', days=-1, seconds=43015, microseconds=500000)
        self.check('-1-2 -3 +4:05:06', days=-52, seconds=50094)
        with self.assertRaisesRegex(ValueError, r"^invalid literal for int\(\) with base 10: '1-2'$"):
            T.PYINTERVAL('1-2', CUR)

    def test_postgres_verbose_style(self):
        self.check('@ 5 days', days=5)
        self.check('@ 1 day ago', days=1)
        self.check('@ 1 hour 2 mins 3 secs', days=360)
        self.check('@ 1 year 2 mons 3 days 4 hours', days=428)
        with self.assertRaisesRegex(ValueError, r"^invalid literal for int\(\) with base 10: '@ 1.5 secs'$"):
            T.PYINTERVAL('@ 1.5 secs', CUR)

    def test_number_is_microseconds(self):
        self.check('1', microseconds=1)
        self.check('-1', microseconds=-1)
        self.check(' 1', microseconds=1)
        self.check('0x1f', microseconds=31)
        self.check('2147483648', microseconds=2147483648)
        with self.assertRaisesRegex(ValueError, r"^invalid literal for int\(\) with base 10: ''$"):
            T.PYINTERVAL('', CUR)
        with self.assertRaisesRegex(ValueError, r"^invalid literal for int\(\) with base 0: '010'$"):
            T.PYINTERVAL('010', CUR)

    def test_other_text(self):
        self.check('infinity')
        self.check('1 d 2 m 3 y', days=1)
        self.check('1:2:3:4', seconds=3754)
        self.check('12:00:00+01', seconds=43201)

    def test_components_are_c_ints(self):
        self.check('2147483647:00:00', days=89478485, seconds=25200)
        for text in ('2147483648:00:00', '1 day 2147483648', '86400000000000000000'):
            with self.assertRaisesRegex(OverflowError, '^interval component too big$'):
                T.PYINTERVAL(text, CUR)

    def test_fraction_is_rounded(self):
        self.check('00:00:00.1234565', microseconds=123457)
        self.check('00:00:00.12345649', microseconds=123456)
        self.check('00:00:00.9999995', seconds=1)
        # the power of ten overflows a C int past 9 digits
        self.check('00:00:00.2147483647', seconds=1, microseconds=522967)
        self.check('00:00:00.000000000001', microseconds=10)

    def test_iso_8601_is_refused(self):
        with self.assertRaisesRegex(exc.NotSupportedError, 'iso_8601 intervalstyle currently not supported'):
            T.PYINTERVAL('P1Y2M3DT4H5M6S', CUR)

    def test_too_large_for_a_timedelta(self):
        with self.assertRaisesRegex(OverflowError, '^Python int too large to convert to C int$'):
            T.PYINTERVAL('178000000 years', CUR)
        for text, days in (('1000000000 days', 1000000000), ('999999999 days 24:00:00', 1000000000),
                           ('-1000000000 days', -1000000000)):
            with self.assertRaises(OverflowError) as cm:
                T.PYINTERVAL(text, CUR)
            self.assertEqual(str(cm.exception), 'days=%d; must have magnitude <= 999999999' % days)


class ArrayTests(unittest.TestCase):

    def test_flat_and_nested(self):
        self.assertEqual(T.INTEGERARRAY('{1,2,NULL}', CUR), [1, 2, None])
        self.assertEqual(T.INTEGERARRAY('{}', CUR), [])
        self.assertEqual(T.INTEGERARRAY('{{1,2},{3,4}}', CUR), [[1, 2], [3, 4]])
        self.assertEqual(T.INTEGERARRAY('{{NULL}}', CUR), [[None]])
        self.assertEqual(T.INTEGERARRAY('{{}}', CUR), [[]])

    def test_bounds_prefix(self):
        self.assertEqual(T.INTEGERARRAY('[0:1]={1,2}', CUR), [1, 2])
        with self.assertRaisesRegex(exc.DataError, "array does not start with '{'"):
            T.INTEGERARRAY('[1:1][2:3]={{1,2}}', CUR)

    def test_quoting(self):
        self.assertEqual(T.STRINGARRAY('{a,"b c","d\\"e","f\\\\g",NULL,"NULL",""}', CUR),
                         ['a', 'b c', 'd"e', 'f\\g', None, 'NULL', ''])
        self.assertEqual(T.STRINGARRAY('{"a,b","{x}"}', CUR), ['a,b', '{x}'])
        self.assertEqual(T.STRINGARRAY('{a\\,b}', CUR), ['a,b'])
        self.assertEqual(T.STRINGARRAY('{NULL,null,Null}', CUR), [None, None, None])

    def test_items_use_the_base_caster(self):
        self.assertEqual(T.PYINTERVALARRAY('{"1 day","-2 mons"}', CUR), [dt.timedelta(1), dt.timedelta(-60)])
        self.assertEqual(T.PYDATETIMETZARRAY('{"2019-12-31 23:00:00+00"}', CUR),
                         [dt.datetime(2019, 12, 31, 23, tzinfo=dt.timezone.utc)])
        self.assertEqual(T.BINARYARRAY('{"\\\\x00ff",NULL}', CUR)[0].tobytes(), b'\x00\xff')
        self.assertEqual(T.JSONARRAY('{"{\\"a\\":1}",NULL}', CUR), [{'a': 1}, None])

    def test_items_are_read_to_the_end_of_the_text(self):
        # psycopg2's casters get an item as a pointer into the array's text:
        # an interval number and an error message run on past the item
        with self.assertRaisesRegex(ValueError, r"^invalid literal for int\(\) with base 10: '1,2}'$"):
            T.INTERVALARRAY('{1,2}', CUR)
        with self.assertRaisesRegex(ValueError, r"^invalid literal for int\(\) with base 10: '2}'$"):
            T.INTERVALARRAY('{"1 day",2}', CUR)
        with self.assertRaisesRegex(exc.InterfaceError, r"^can't parse boolean: '1,2}'$"):
            T.BOOLEANARRAY('{1,2}', CUR)
        with self.assertRaisesRegex(exc.InterfaceError, r"""^can't parse boolean: 'x"}'$"""):
            T.BOOLEANARRAY('{t,"x"}', CUR)
        # unless unescaping made the item a string of its own
        self.assertEqual(T.INTERVALARRAY('{1\\2}', CUR), [dt.timedelta(microseconds=12)])
        self.assertEqual(T.BOOLEANARRAY('{t,NULL,F}', CUR), [True, None, False])
        self.assertEqual(T.INTERVALARRAY('{00:00:01,-01:00:00}', CUR), [dt.timedelta(seconds=1), dt.timedelta(hours=-1)])

    def test_unbalanced(self):
        with self.assertRaisesRegex(exc.DataError, 'unbalanced braces in array'):
            T.INTEGERARRAY('{1}x', CUR)


class TypecasterObjectTests(unittest.TestCase):

    def test_dbapi_type_objects(self):
        self.assertEqual(T.NUMBER.values, (20, 23, 21, 701, 700, 1700))
        self.assertEqual(T.STRING.values, (19, 18, 25, 1042, 1043))
        self.assertEqual(T.DATETIME.values, (1114,))
        self.assertEqual(T.BINARY.values, (17,))
        self.assertEqual(T.ROWID.values, (26,))
        self.assertTrue(T.NUMBER == 1700)
        self.assertTrue(23 == T.INTEGER)
        self.assertTrue(T.INTEGER != 20)
        self.assertTrue(T.INTEGER == '23')

    def test_unhashable_and_read_only(self):
        with self.assertRaises(TypeError):
            hash(T.INTEGER)
        with self.assertRaises(AttributeError):
            T.INTEGER.name = 'x'

    def test_repr(self):
        self.assertRegex(repr(T.INTEGER), r"^<psycopg2\._psycopg\.type 'INTEGER' at 0x[0-9a-f]+>$")

    def test_new_type(self):
        t = T.new_type((600,), 'POINT', lambda v, c: ('got', v))
        self.assertEqual((t.name, t.values), ('POINT', (600,)))
        self.assertEqual(t('(1,2)', None), ('got', '(1,2)'))
        self.assertIsNone(t(None, None))
        self.assertEqual(t._cast(None, None), ('got', None))
        with self.assertRaisesRegex(TypeError, 'argument 1 must be tuple, not list'):
            T.new_type([600], 'POINT', None)

    def test_new_array_type(self):
        base = T.new_type((600,), 'POINT', lambda v, c: ('got', v))
        a = T.new_array_type((1017,), 'POINT[]', base)
        self.assertEqual(a('{a,NULL}', None), [('got', 'a'), ('got', None)])
        with self.assertRaisesRegex(TypeError, 'argument 3 must be psycopg2._psycopg.type, not None'):
            T.new_array_type((1,), 'X', None)

    def test_string_types(self):
        self.assertIs(T.string_types[23], T.INTEGER)
        self.assertIs(T.string_types[1114], T.DATETIME)
        self.assertIs(T.string_types[1184], T.DATETIMETZ)
        self.assertIs(T.string_types[3802], T.JSONB)
        self.assertIs(T.string_types[1082], T.DATE)
        self.assertEqual(T.binary_types, {})


class TzTests(unittest.TestCase):

    def test_fixed_offset(self):
        f = tz.FixedOffsetTimezone(60)
        self.assertEqual(repr(f), 'psycopg2.tz.FixedOffsetTimezone(offset=datetime.timedelta(seconds=3600), name=None)')
        self.assertEqual(f.utcoffset(None), dt.timedelta(hours=1))
        self.assertEqual(f.dst(None), dt.timedelta(0))
        self.assertEqual(f.tzname(None), '+01')
        self.assertEqual(tz.FixedOffsetTimezone(dt.timedelta(seconds=19270)).tzname(None), '+05:21:10')
        self.assertEqual(tz.FixedOffsetTimezone(-330).tzname(None), '-06:30')
        self.assertEqual(tz.FixedOffsetTimezone(0, 'UTC').tzname(None), 'UTC')

    def test_instances_are_cached(self):
        self.assertIs(tz.FixedOffsetTimezone(60), tz.FixedOffsetTimezone(60))
        self.assertIs(tz.FixedOffsetTimezone(60, 'a'), tz.FixedOffsetTimezone(60, 'a'))
        self.assertEqual(tz.FixedOffsetTimezone(60), tz.FixedOffsetTimezone(60, 'x'))
        self.assertNotEqual(tz.FixedOffsetTimezone(60), dt.timezone(dt.timedelta(hours=1)))

    def test_pickle(self):
        f = pickle.loads(pickle.dumps(tz.FixedOffsetTimezone(60, 'x')))
        self.assertEqual(f.tzname(None), 'x')
        self.assertEqual(f.utcoffset(None), dt.timedelta(hours=1))

    def test_local(self):
        d = dt.datetime(2020, 7, 1, 12)
        self.assertIsInstance(tz.LOCAL.utcoffset(d), dt.timedelta)
        self.assertEqual(tz.LOCAL.utcoffset(d) - tz.LOCAL.dst(d), tz.STDOFFSET)
        self.assertEqual(tz.ZERO, dt.timedelta(0))


if __name__ == '__main__':
    unittest.main()
