"""Range types (psycopg2._range, psycopg2.extras): Range classes, adaptation,
casting of the server's range text, register_range.

Every expected repr, str, pickle and SQL below is what psycopg2 2.9.5 gives
(Debian's, on CPython). The pure tests run anywhere:

    PYTHONPATH=python-shim/src/main/resources python3 -m unittest test_ranges

the server tests only on GraalPy (bin/pgpython), against the PG* server.
"""

import datetime as dt
import decimal
import os
import pickle
import sys
import unittest

import _pure

exc = _pure.load('_exceptions')
A = _pure.load('_adapt')
T = _pure.load('_typecast')
R = _pure.load('_range')

Range = R.Range
NumericRange = R.NumericRange
DateRange = R.DateRange
DateTimeRange = R.DateTimeRange
DateTimeTZRange = R.DateTimeTZRange
RangeAdapter = R.RangeAdapter
RangeCaster = R.RangeCaster

D = decimal.Decimal
UTC = dt.timezone.utc


def quoted(obj):
    return A.adapt(obj).getquoted()


class Cursor(object):
    """What RangeCaster.parse needs of a cursor: cast(oid, text)."""

    def cast(self, oid, s):
        return T.string_types[oid](s, None)


CUR = Cursor()


class RangeObjectTests(unittest.TestCase):

    def test_repr_and_str(self):
        cases = [
            (NumericRange(1, 5), "NumericRange(1, 5, '[)')", '[1, 5)'),
            (NumericRange(), "NumericRange(None, None, '[)')", '[None, None)'),
            (NumericRange(empty=True), 'NumericRange(empty=True)', 'empty'),
            (NumericRange(None, 5, '(]'), "NumericRange(None, 5, '(]')", '(None, 5]'),
            (NumericRange(1.5, 2.5, '[]'), "NumericRange(1.5, 2.5, '[]')", '[1.5, 2.5]'),
            (DateRange(dt.date(2020, 1, 1), None),
             "DateRange(datetime.date(2020, 1, 1), None, '[)')", '[2020-01-01, None)'),
            (DateTimeRange(dt.datetime(2020, 1, 1, 12, 30, 0, 5), None, '()'),
             "DateTimeRange(datetime.datetime(2020, 1, 1, 12, 30, 0, 5), None, '()')",
             '(2020-01-01 12:30:00.000005, None)'),
            (DateTimeTZRange(dt.datetime(2020, 1, 1, tzinfo=UTC), dt.datetime(2021, 1, 1, tzinfo=UTC), '[]'),
             "DateTimeTZRange(datetime.datetime(2020, 1, 1, 0, 0, tzinfo=datetime.timezone.utc), "
             "datetime.datetime(2021, 1, 1, 0, 0, tzinfo=datetime.timezone.utc), '[]')",
             '[2020-01-01 00:00:00+00:00, 2021-01-01 00:00:00+00:00]'),
            (Range('a', "b'"), "Range('a', \"b'\", '[)')", "[a, b')"),
            (Range(empty=True), 'Range(empty=True)', 'empty'),
        ]
        for r, rep, s in cases:
            self.assertEqual(repr(r), rep)
            self.assertEqual(str(r), s)

    def test_empty_ignores_the_bounds(self):
        r = NumericRange(1, 2, 'xx', True)
        self.assertEqual(repr(r), 'NumericRange(empty=True)')
        self.assertEqual((r.lower, r.upper), (None, None))
        self.assertEqual(repr(NumericRange(1, 2, empty=0)), "NumericRange(1, 2, '[)')")

    def test_invalid_bounds(self):
        for bounds, msg in [(None, 'None'), ('', "''"), ('[', "'['"), (b'[)', "b'[)'"),
                            (5, '5'), ('xx', "'xx'")]:
            with self.assertRaises(ValueError) as cm:
                NumericRange(1, 2, bounds)
            self.assertEqual(str(cm.exception), 'bound flags not valid: ' + msg)

    def test_bound_properties(self):
        r = NumericRange(1, 5)
        self.assertEqual((r.lower, r.upper, r.isempty), (1, 5, False))
        e = NumericRange(empty=True)
        self.assertEqual((e.lower_inc, e.upper_inc, e.lower_inf, e.upper_inf, e.isempty),
                         (False, False, False, False, True))
        inf = NumericRange(None, None, '[]')
        self.assertEqual((inf.lower_inc, inf.upper_inc, inf.lower_inf, inf.upper_inf),
                         (False, False, True, True))
        r = NumericRange(1, 3, '(]')
        self.assertEqual((r.lower_inc, r.upper_inc), (False, True))
        r = NumericRange(1, 3, '[)')
        self.assertEqual((r.lower_inc, r.upper_inc), (True, False))
        self.assertFalse(hasattr(r, 'bounds'))

    def test_contains(self):
        self.assertEqual([x in NumericRange(1, 5) for x in (0, 1, 3, 5, 6)],
                         [False, True, True, False, False])
        self.assertEqual([x in NumericRange(1, 5, '(]') for x in (0, 1, 3, 5, 6)],
                         [False, False, True, True, False])
        self.assertEqual([x in NumericRange(1, 5, '()') for x in (1, 5)], [False, False])
        self.assertEqual([x in NumericRange(1, 5, '[]') for x in (1, 5)], [True, True])
        self.assertEqual([x in NumericRange(None, 5) for x in (-100, 5)], [True, False])
        self.assertEqual([x in NumericRange(1, None) for x in (0, 10 ** 20)], [False, True])
        self.assertIn(3, NumericRange())
        self.assertNotIn(3, NumericRange(empty=True))
        with self.assertRaisesRegex(TypeError, "'<' not supported between instances of 'NoneType' and 'int'"):
            None in NumericRange(1, 5)

    def test_bool(self):
        self.assertTrue(NumericRange(1, 5))
        self.assertTrue(NumericRange())
        self.assertFalse(NumericRange(empty=True))

    def test_equality_and_hash(self):
        self.assertEqual(NumericRange(1, 5), NumericRange(1, 5))
        self.assertEqual(NumericRange(1, 5), Range(1, 5))
        self.assertNotEqual(NumericRange(1, 5), NumericRange(1, 5, '[]'))
        self.assertEqual(NumericRange(empty=True), NumericRange(empty=True))
        self.assertIs(NumericRange(1, 5) == 1, False)
        self.assertIs(NumericRange(1, 5) != 1, True)
        self.assertIs(NumericRange(1, 5).__eq__(1), False)
        self.assertEqual(hash(NumericRange(1, 5)), hash(Range(1, 5)))
        self.assertIn(NumericRange(1, 5), {Range(1, 5)})

    def test_ordering(self):
        self.assertTrue(NumericRange(1, 5) < NumericRange(2, 3))
        self.assertTrue(NumericRange(1, 5) < NumericRange(1, 6))
        self.assertTrue(NumericRange(None, 3) < NumericRange(1, 3))
        self.assertTrue(NumericRange(empty=True) < NumericRange(1, 5))
        self.assertFalse(NumericRange(1, 5) < NumericRange(empty=True))
        self.assertTrue(NumericRange(1, 5, '(]') < NumericRange(1, 5, '[)'))
        self.assertTrue(NumericRange(1, 5, '[]') > NumericRange(1, 5, '[)'))
        self.assertTrue(NumericRange(1, None) < NumericRange(1, 5))
        self.assertFalse(NumericRange(1, None) > NumericRange(1, 5))
        self.assertTrue(NumericRange(1, 5) <= NumericRange(1, 5))
        self.assertTrue(NumericRange(1, 5) >= NumericRange(1, 5))
        self.assertFalse(NumericRange(1, 5) > NumericRange(1, 5))
        self.assertFalse(NumericRange(1, 5) < NumericRange(1, 5))
        self.assertTrue(NumericRange(empty=True) <= NumericRange(empty=True))
        self.assertEqual(
            repr(sorted([NumericRange(3, 4), NumericRange(empty=True), NumericRange(None, 2),
                         NumericRange(1, None), NumericRange(1, 2, '(]')])),
            "[NumericRange(empty=True), NumericRange(None, 2, '[)'), NumericRange(1, None, '[)'), "
            "NumericRange(1, 2, '(]'), NumericRange(3, 4, '[)')]")

    def test_ordering_with_other_types(self):
        r = NumericRange(1, 5)
        for op in ('__lt__', '__le__', '__gt__', '__ge__'):
            self.assertIs(getattr(r, op)(1), NotImplemented)
        with self.assertRaisesRegex(TypeError, "^'<' not supported between instances of 'NumericRange' and 'int'$"):
            r < 1
        with self.assertRaisesRegex(TypeError, "^'>' not supported between instances of 'NumericRange' and 'str'$"):
            r > 'x'
        with self.assertRaisesRegex(TypeError, "^'<' not supported between instances of 'str' and 'int'$"):
            Range(1, 'a') < Range(1, 2)

    def test_state(self):
        self.assertEqual(NumericRange(1, 2).__getstate__(),
                         {'_lower': 1, '_upper': 2, '_bounds': '[)'})

    def test_pickle_bytes(self):
        # psycopg2's pickles of NumericRange(1, 2.5, '(]'). Bounds of plain
        # types: GraalPy pickles datetime.date under another module name.
        expected = {
            0: b'ccopy_reg\n_reconstructor\np0\n(cpsycopg2._range\nNumericRange\np1\nc__builtin__\nobject\np2\nNtp3\nRp4\n(dp5\nV_lower\np6\nI1\nsV_upper\np7\nF2.5\nsV_bounds\np8\nV(]\np9\nsb.',  # noqa: E501
            2: b'\x80\x02cpsycopg2._range\nNumericRange\nq\x00)\x81q\x01}q\x02(X\x06\x00\x00\x00_lowerq\x03K\x01X\x06\x00\x00\x00_upperq\x04G@\x04\x00\x00\x00\x00\x00\x00X\x07\x00\x00\x00_boundsq\x05X\x02\x00\x00\x00(]q\x06ub.',  # noqa: E501
            4: b'\x80\x04\x95X\x00\x00\x00\x00\x00\x00\x00\x8c\x0fpsycopg2._range\x94\x8c\x0cNumericRange\x94\x93\x94)\x81\x94}\x94(\x8c\x06_lower\x94K\x01\x8c\x06_upper\x94G@\x04\x00\x00\x00\x00\x00\x00\x8c\x07_bounds\x94\x8c\x02(]\x94ub.',  # noqa: E501
        }
        r = NumericRange(1, 2.5, '(]')
        for proto, data in expected.items():
            self.assertEqual(pickle.dumps(r, proto), data, proto)
        self.assertEqual(
            pickle.dumps(NumericRange(empty=True), 2),
            b'\x80\x02cpsycopg2._range\nNumericRange\nq\x00)\x81q\x01}q\x02(X\x06\x00\x00\x00_lowerq\x03NX\x06\x00\x00\x00_upperq\x04NX\x07\x00\x00\x00_boundsq\x05Nub.')  # noqa: E501

    def test_pickle_roundtrip(self):
        for r in (NumericRange(1, 2, '[]'), DateTimeTZRange(empty=True),
                  DateRange(dt.date(2020, 1, 1), None, '(]'),
                  DateTimeRange(dt.datetime(2020, 1, 1), None, '(]')):
            for proto in range(pickle.HIGHEST_PROTOCOL + 1):
                back = pickle.loads(pickle.dumps(r, proto))
                self.assertIs(type(back), type(r))
                self.assertEqual(repr(back), repr(r))


class AdaptationTests(unittest.TestCase):

    def test_numeric_range_is_an_untyped_literal(self):
        cases = [
            (NumericRange(1, 5), b"'[1,5)'"),
            (NumericRange(), b"'[,)'"),
            (NumericRange(empty=True), b"'empty'"),
            (NumericRange(None, 5), b"'[,5)'"),
            (NumericRange(1, None, '(]'), b"'(1,]'"),
            (NumericRange(-1, 5), b"'[ -1,5)'"),
            (NumericRange(1.5, 2.5, '[]'), b"'[1.5,2.5]'"),
            (NumericRange(D('1.50'), D('NaN')), b"'[1.50,'NaN'::numeric)'"),
            (NumericRange(float('inf'), None), b"'['Infinity'::float,)'"),
            (NumericRange(1e100, 2), b"'[1e+100,2)'"),
            (NumericRange(True, 5), b"'[true,5)'"),
        ]
        for r, sql in cases:
            self.assertEqual(quoted(r), sql, repr(r))

    def test_typed_ranges_are_constructor_calls(self):
        cases = [
            (DateRange(dt.date(2020, 1, 1), dt.date(2020, 2, 1)),
             b"daterange('2020-01-01'::date, '2020-02-01'::date, '[)')"),
            (DateRange(empty=True), b"'empty'::daterange"),
            (DateRange(), b"daterange(NULL, NULL, '[)')"),
            (DateRange(None, dt.date(2020, 1, 1), '(]'), b"daterange(NULL, '2020-01-01'::date, '(]')"),
            (DateTimeRange(dt.datetime(2020, 1, 1, 1, 2, 3, 400), dt.datetime(2021, 1, 1)),
             b"tsrange('2020-01-01T01:02:03.000400'::timestamp, '2021-01-01T00:00:00'::timestamp, '[)')"),
            (DateTimeRange(empty=True), b"'empty'::tsrange"),
            (DateTimeTZRange(dt.datetime(2020, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30))),
                             dt.datetime(2021, 1, 1, tzinfo=UTC), '[]'),
             b"tstzrange('2020-01-01T00:00:00+05:30'::timestamptz, "
             b"'2021-01-01T00:00:00+00:00'::timestamptz, '[]')"),
            (DateRange(1, 2), b"daterange(1, 2, '[)')"),
        ]
        for r, sql in cases:
            self.assertEqual(quoted(r), sql, repr(r))

    def test_adapter_classes(self):
        self.assertEqual(type(A.adapt(NumericRange(1, 2))).__name__, 'NumberRangeAdapter')
        for r, name in [(DateRange(), 'daterange'), (DateTimeRange(), 'tsrange'),
                        (DateTimeTZRange(), 'tstzrange')]:
            a = A.adapt(r)
            self.assertEqual((type(a).__name__, type(a).name), (name, name))
            self.assertIsInstance(a, RangeAdapter)
            self.assertIs(a.adapted, r)
        self.assertIsNone(RangeAdapter.name)

    def test_string_bound_needs_prepare(self):
        with self.assertRaisesRegex(AttributeError, "'daterange' object has no attribute '_conn'"):
            quoted(DateRange('a', 'b'))

    def test_plain_range_is_not_adaptable(self):
        with self.assertRaisesRegex(exc.ProgrammingError, "^can't adapt type 'Range'$"):
            quoted(Range(1, 2))

    def test_abstract_adapter(self):
        for obj in (NumericRange(1, 2), 5):
            with self.assertRaisesRegex(
                    NotImplementedError,
                    '^RangeAdapter must be subclassed overriding its name or the getquoted\\(\\) method$'):
                RangeAdapter(obj).getquoted()


class CastTests(unittest.TestCase):

    def test_builtin_casters_registered(self):
        expected = [(3904, 'type'), (3905, 'typeARRAY'), (3926, 'type'), (3927, 'typeARRAY'),
                    (3906, 'type'), (3907, 'typeARRAY'), (3912, 'daterange'),
                    (3913, 'daterangeARRAY'), (3908, 'tsrange'), (3909, 'tsrangeARRAY'),
                    (3910, 'tstzrange'), (3911, 'tstzrangeARRAY')]
        for oid, name in expected:
            caster = T.string_types[oid]
            self.assertEqual((caster.name, caster.values), (name, (oid,)))

    def test_parse_without_cursor_leaves_text(self):
        cast = T.string_types[3904]
        cases = [('empty', 'NumericRange(empty=True)'),
                 ('[1,5)', "NumericRange('1', '5', '[)')"),
                 ('(,5]', "NumericRange(None, '5', '(]')"),
                 ('[,)', "NumericRange(None, None, '[)')"),
                 ('(1,)', "NumericRange('1', None, '()')"),
                 ('[ 1 , 5 )', "NumericRange(' 1 ', ' 5 ', '[)')"),
                 ('["1","5")', "NumericRange('1', '5', '[)')"),
                 ('[1,5)x', "NumericRange('1', '5', '[)')"),
                 ('["",)', "NumericRange('', None, '[)')"),
                 ('[,"")', "NumericRange(None, '', '[)')")]
        for text, rep in cases:
            self.assertEqual(repr(cast(text, None)), rep, text)
        self.assertIsNone(cast(None, None))
        self.assertIsNone(cast._cast(None, None))

    def test_parse_casts_bounds_through_the_cursor(self):
        self.assertEqual(repr(T.string_types[3904]('[ 1 , 5 )', CUR)), "NumericRange(1, 5, '[)')")
        self.assertEqual(repr(T.string_types[3906]('[1.5,)', CUR)), "NumericRange(Decimal('1.5'), None, '[)')")
        self.assertEqual(repr(T.string_types[3912]('[2020-01-01,infinity)', CUR)),
                         "DateRange(datetime.date(2020, 1, 1), datetime.date(9999, 12, 31), '[)')")
        self.assertEqual(repr(T.string_types[3907]('{"[1,2)",NULL,empty}', CUR)),
                         "[NumericRange(Decimal('1'), Decimal('2'), '[)'), None, NumericRange(empty=True)]")

    def test_quoted_bounds(self):
        parse = RangeCaster('foo', 'Foo', 1, 2, 3).parse
        cases = [('["a b","c""d")', "Foo('a b', 'c\"d', '[)')"),
                 ('[a,"z,")', "Foo('a', 'z,', '[)')"),
                 ('["a\\\\b",cd]', "Foo('a\\\\b', 'cd', '[]')"),
                 ('["(",")"]', "Foo('(', ')', '[]')"),
                 ('["[","]")', "Foo('[', ']', '[)')"),
                 ('["a\\x",)', "Foo('a\\\\x', None, '[)')"),
                 ('["""",)', "Foo('\"', None, '[)')"),
                 ('[" ",)', "Foo(' ', None, '[)')"),
                 ('[a)b,c)', "Foo('a)b', 'c', '[)')"),
                 ('(,,)', "Foo(None, ',', '()')"),
                 ('[1,2,3)', "Foo('1', '2,3', '[)')")]
        for text, rep in cases:
            self.assertEqual(repr(parse(text)), rep, text)

    def test_unparsable(self):
        parse = RangeCaster('foo', 'Foo', 1, 2, 3).parse
        for text in ['garbage', '[1,5', '', ' [1,5)', '{1,5)', 'empty ', 'EMPTY', '[a',
                     '[a\\"b,c)', '["x"y,)', '[x"y",)', '[ "a" ,)', '["\\"",)', '[","]']:
            with self.assertRaises(exc.InterfaceError) as cm:
                parse(text)
            self.assertEqual(str(cm.exception), "failed to parse range: '%s'" % text)


class RangeCasterTests(unittest.TestCase):

    def test_made_from_names(self):
        c = RangeCaster('foo', 'Foo', 1, 2, 3)
        self.assertEqual(sorted(vars(c)), ['adapter', 'array_typecaster', 'range',
                                           'subtype_oid', 'typecaster'])
        self.assertEqual((c.typecaster.name, c.typecaster.values), ('foo', (1,)))
        self.assertEqual((c.array_typecaster.name, c.array_typecaster.values), ('fooARRAY', (3,)))
        self.assertEqual(c.subtype_oid, 2)
        self.assertEqual((c.range.__name__, c.range.__module__, c.range.__mro__[1:]),
                         ('Foo', 'psycopg2._range', (Range, object)))
        self.assertEqual((c.adapter.__name__, c.adapter.name, c.adapter.__mro__[1:]),
                         ('foo', 'foo', (RangeAdapter, object)))
        self.assertEqual(c.adapter(c.range(empty=True)).getquoted(), b"'empty'::foo")
        self.assertNotIn((c.range, A.ISQLQuote), A.adapters)

    def test_made_from_classes(self):
        c = RangeCaster(R.NumberRangeAdapter, NumericRange, 1, 2)
        self.assertEqual(c.typecaster.name, 'type')
        self.assertIsNone(c.array_typecaster)

        class Foo(RangeAdapter):
            name = 'foo'
        self.assertEqual(RangeCaster(Foo, NumericRange, 1, 2).typecaster.name, 'foo')

    def test_wrong_arguments(self):
        for pgrange in (5, Range, RangeAdapter):
            with self.assertRaisesRegex(TypeError, '^pgrange must be a string or a RangeAdapter strict subclass$'):
                RangeCaster(pgrange, NumericRange, 1, 2)
        for pyrange in (5, RangeAdapter, Range):
            with self.assertRaisesRegex(TypeError, '^pyrange must be a type or a Range strict subclass$'):
                RangeCaster('foo', pyrange, 1, 2)

    def test_type_name_reading(self):
        p = R._parse_type_name
        self.assertEqual(p('FloatRange'), (None, 'floatrange'))
        self.assertEqual(p(' PUBLIC.FLOATRANGE '), ('public', 'floatrange'))
        self.assertEqual(p('public."My""Range"'), ('public', 'My"Range'))
        for bad in ('floatrange[]', '""', 'a.b.c.d', '1abc', '', 'a.', '"x'):
            self.assertIsNone(p(bad), bad)


# --- against a server (GraalPy) --------------------------------------------

ON_GRAALPY = sys.implementation.name == 'graalpy'


@unittest.skipUnless(ON_GRAALPY, 'needs psycopg2 on the JVM (bin/pgpython) and a server')
class ServerTests(unittest.TestCase):

    def setUp(self):
        import psycopg2
        import psycopg2.extras
        self.psycopg2 = psycopg2
        self.extras = psycopg2.extras
        self.conn = psycopg2.connect('')
        self.addCleanup(self.conn.close)
        self.cur = self.conn.cursor()
        self.cur.execute("SET TIME ZONE 'UTC'")

    def fetch(self, sql, args=None):
        self.cur.execute(sql, args)
        return self.cur.fetchone()

    def test_extras_exports(self):
        for name in ('Range', 'NumericRange', 'DateRange', 'DateTimeRange', 'DateTimeTZRange',
                     'RangeAdapter', 'RangeCaster', 'register_range'):
            self.assertIs(getattr(self.extras, name), getattr(self.psycopg2._range, name))

    def test_fetch_builtin_ranges(self):
        row = self.fetch(
            "SELECT '[1,5)'::int4range, '(1,10]'::int8range, 'empty'::numrange, '[1.5,)'::numrange, "
            "'[2020-01-01,infinity)'::daterange, '[\"2020-01-01 10:00\",)'::tsrange, "
            "'[\"2020-01-01 10:00+02\",\"2021-01-01\"]'::tstzrange, "
            "'[-infinity,infinity]'::tsrange, '(,)'::int4range, NULL::int4range")
        self.assertEqual(
            repr(row),
            "(NumericRange(1, 5, '[)'), NumericRange(2, 11, '[)'), NumericRange(empty=True), "
            "NumericRange(Decimal('1.5'), None, '[)'), "
            "DateRange(datetime.date(2020, 1, 1), datetime.date(9999, 12, 31), '[)'), "
            "DateTimeRange(datetime.datetime(2020, 1, 1, 10, 0), None, '[)'), "
            "DateTimeTZRange(datetime.datetime(2020, 1, 1, 8, 0, tzinfo=datetime.timezone.utc), "
            "datetime.datetime(2021, 1, 1, 0, 0, tzinfo=datetime.timezone.utc), '[]'), "
            "DateTimeRange(datetime.datetime(1, 1, 1, 0, 0), "
            "datetime.datetime(9999, 12, 31, 23, 59, 59, 999999), '[]'), "
            "NumericRange(None, None, '()'), None)")

    def test_fetch_builtin_range_arrays(self):
        row = self.fetch(
            "SELECT ARRAY['[1,5)'::int4range, NULL, 'empty'], ARRAY['[3,4]'::int8range], "
            "ARRAY['[1.5,2)'::numrange], ARRAY['[2020-01-01,2020-01-05)'::daterange], "
            "ARRAY['[2020-01-01,2020-01-02)'::tsrange], ARRAY['(,2020-01-02)'::tstzrange], "
            "'{}'::int4range[]")
        self.assertEqual(
            repr(row),
            "([NumericRange(1, 5, '[)'), None, NumericRange(empty=True)], "
            "[NumericRange(3, 5, '[)')], [NumericRange(Decimal('1.5'), Decimal('2'), '[)')], "
            "[DateRange(datetime.date(2020, 1, 1), datetime.date(2020, 1, 5), '[)')], "
            "[DateTimeRange(datetime.datetime(2020, 1, 1, 0, 0), datetime.datetime(2020, 1, 2, 0, 0), '[)')], "
            "[DateTimeTZRange(None, datetime.datetime(2020, 1, 2, 0, 0, tzinfo=datetime.timezone.utc), '()')], "
            "[])")

    def test_mogrify(self):
        cases = [
            (NumericRange(1, 5), b"'[1,5)'"),
            (NumericRange(empty=True), b"'empty'"),
            (NumericRange(None, 5, '(]'), b"'(,5]'"),
            (DateRange(dt.date(2020, 1, 1), None), b"daterange('2020-01-01'::date, NULL, '[)')"),
            (DateTimeTZRange(dt.datetime(2020, 1, 1, tzinfo=UTC), None),
             b"tstzrange('2020-01-01T00:00:00+00:00'::timestamptz, NULL, '[)')"),
            (DateRange('2020-01-01', 'x'), b"daterange('2020-01-01', 'x', '[)')"),
            (DateRange(), b"daterange(NULL, NULL, '[)')"),
            (DateTimeRange(empty=True), b"'empty'::tsrange"),
        ]
        for r, sql in cases:
            self.assertEqual(self.cur.mogrify('%s', (r,)), sql, repr(r))

    def test_parameters_round_trip(self):
        values = [
            ('int4range', NumericRange(1, 5)), ('int4range', NumericRange(None, 5, '()')),
            ('int8range', NumericRange(-2 ** 40, 2 ** 40)), ('int4range', NumericRange(empty=True)),
            ('numrange', NumericRange(D('1.25'), None, '()')),
            ('daterange', DateRange(dt.date(2020, 1, 1), dt.date(2021, 1, 1))),
            ('daterange', DateRange(empty=True)),
            ('tsrange', DateTimeRange(dt.datetime(2020, 1, 1, 1, 2, 3, 4), None)),
            ('tstzrange', DateTimeTZRange(dt.datetime(2020, 1, 1, tzinfo=UTC),
                                          dt.datetime(2020, 6, 1, 12, tzinfo=UTC), '[]')),
        ]
        for pgtype, r in values:
            self.assertEqual(self.fetch('SELECT %%s::%s' % pgtype, (r,))[0], r, repr(r))
        back = self.fetch('SELECT %s::int4range[]', ([NumericRange(1, 2), NumericRange(3, 4)],))[0]
        self.assertEqual(back, [NumericRange(1, 2), NumericRange(3, 4)])

    def test_register_custom_range(self):
        # Inside the test's transaction, rolled back at the end: the types
        # never outlive the test.
        self.cur.execute('CREATE TYPE floatrange AS RANGE (subtype = float8)')
        caster = self.extras.register_range('floatrange', 'FloatRange', self.conn)
        self.assertIsInstance(caster, self.extras.RangeCaster)
        self.assertEqual((caster.typecaster.name, caster.array_typecaster.name, caster.subtype_oid),
                         ('floatrange', 'floatrangeARRAY', 701))
        self.assertEqual((caster.adapter.name, caster.range.__name__), ('floatrange', 'FloatRange'))
        self.assertIs(self.conn.string_types[caster.typecaster.values[0]], caster.typecaster)
        self.assertIs(self.conn.string_types[caster.array_typecaster.values[0]], caster.array_typecaster)
        self.assertNotIn(caster.typecaster.values[0], self.psycopg2.extensions.string_types)

        row = self.fetch("SELECT '[1.5,2.5)'::floatrange, ARRAY['[1,2]'::floatrange]")
        self.assertEqual(repr(row), "(FloatRange(1.5, 2.5, '[)'), [FloatRange(1.0, 2.0, '[]')])")
        r = caster.range(1.5, 2.5)
        self.assertEqual(self.cur.mogrify('%s', (r,)), b"floatrange(1.5, 2.5, '[)')")
        self.assertEqual(self.fetch('SELECT %s', (r,))[0], r)
        self.conn.rollback()

    def test_register_range_names(self):
        self.cur.execute('CREATE TYPE floatrange AS RANGE (subtype = float8); '
                         'CREATE TYPE "MyRange" AS RANGE (subtype = int4); '
                         'CREATE SCHEMA rngtest; CREATE TYPE rngtest.r1 AS RANGE (subtype = text)')
        found = {}
        for name in ['PUBLIC.FLOATRANGE', ' floatrange', 'MyRange', '"MyRange"', 'public."MyRange"',
                     'rngtest.r1', 'pg_catalog.int4range', 'int4range']:
            caster = self.extras.register_range(name, 'X', self.cur)
            found[name] = caster.typecaster.values[0]
            self.assertEqual(caster.typecaster.name, name)
            self.assertIs(self.cur.string_types[found[name]], caster.typecaster)
        self.assertEqual(found['PUBLIC.FLOATRANGE'], found[' floatrange'])
        self.assertEqual(found['MyRange'], found['"MyRange"'])
        self.assertEqual(found['int4range'], 3904)
        self.assertEqual(found['pg_catalog.int4range'], 3904)
        for name in ['nosuch', '"FloatRange"', 'floatrange[]', 'int4', 'r1', 'nosch.floatrange']:
            with self.assertRaises(self.psycopg2.ProgrammingError) as cm:
                self.extras.register_range(name, 'X', self.cur)
            self.assertEqual(str(cm.exception), "PostgreSQL range '%s' not found" % name)
        self.conn.rollback()

    def test_register_range_quoted_text_bounds(self):
        self.cur.execute('CREATE SCHEMA rngtest; CREATE TYPE rngtest.r1 AS RANGE (subtype = text)')
        caster = self.extras.register_range('rngtest.r1', 'R1', self.conn)
        row = self.fetch(
            "SELECT '[\"a b\",\"c\"\"d\")'::rngtest.r1, '(\" \",)'::rngtest.r1, "
            "'(\"\",\"\")'::rngtest.r1, '[a,\"z,\")'::rngtest.r1, E'[\"a\\\\\\\\b\",cd]'::rngtest.r1, "
            "'[\"(\",\")\"]'::rngtest.r1")
        self.assertEqual(
            repr(row),
            "(R1('a b', 'c\"d', '[)'), R1(' ', None, '()'), R1(empty=True), R1('a', 'z,', '[)'), "
            "R1('a\\\\b', 'cd', '[]'), R1('(', ')', '[]'))")
        r = caster.range('a"b', "c'd\\e")
        self.cur.execute('SELECT %s::rngtest.r1', (r,))
        self.assertEqual(self.cur.query,
                         b'SELECT rngtest.r1(\'a"b\', \'c\'\'d\\e\', \'[)\')::rngtest.r1')
        self.assertEqual(self.cur.fetchone()[0], r)
        self.conn.rollback()

    def test_register_range_leaves_the_transaction_as_found(self):
        ext = self.psycopg2.extensions
        conn = self.psycopg2.connect('')
        self.addCleanup(conn.close)
        self.extras.register_range('int4range', 'X', conn)
        self.assertEqual(conn.get_transaction_status(), ext.TRANSACTION_STATUS_IDLE)
        conn.cursor().execute('SELECT 1')
        self.extras.register_range('int4range', 'X', conn)
        self.assertEqual(conn.get_transaction_status(), ext.TRANSACTION_STATUS_INTRANS)
        conn.rollback()
        conn.autocommit = True
        self.extras.register_range('int4range', 'X', conn)
        self.assertEqual(conn.get_transaction_status(), ext.TRANSACTION_STATUS_IDLE)

    def test_register_range_globally(self):
        ext = self.psycopg2.extensions
        caster = self.extras.register_range('int4range', 'GlobalInt4', self.conn, globally=True)
        try:
            self.assertIs(ext.string_types[3904], caster.typecaster)
            self.assertNotIn(3904, self.conn.string_types)
        finally:
            # Put psycopg2's own casters back for the other tests.
            ext.string_types[3904] = R.int4range_caster.typecaster
            ext.string_types[3905] = R.int4range_caster.array_typecaster

    def test_register_range_needs_a_connection(self):
        with self.assertRaisesRegex(AttributeError, "'int' object has no attribute 'cursor'"):
            self.extras.register_range('int4range', 'X', 5)


if __name__ == '__main__':
    unittest.main()
