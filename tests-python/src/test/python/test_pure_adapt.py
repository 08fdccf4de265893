"""psycopg2._adapt: Python objects to SQL literals (pure Python, no server).

Expected bytes are psycopg2 2.9.5's (python-shim/tools/diff_pure.py diffs a
larger battery against it).
"""

import datetime as dt
import decimal
import unittest

import _pure

exc = _pure.load('_exceptions')
A = _pure.load('_adapt')

D = decimal.Decimal


class Conn(object):
    """The connection attributes _adapt reads."""

    def __init__(self, encoding='UTF8', server_version=150002, scs=True, equote=False):
        self.encoding = encoding
        self.server_version = server_version
        self._standard_conforming_strings = scs
        self._equote = equote


def q(obj, conn=None):
    a = A.adapt(obj)
    if conn is not None:
        a.prepare(conn)
    return a.getquoted()


class NoConnectionTests(unittest.TestCase):

    def setUp(self):
        A.note_standard_conforming_strings(False)

    tearDown = setUp

    def test_constants(self):
        self.assertEqual(q(None), b'NULL')
        self.assertEqual(q(True), b'true')
        self.assertEqual(q(False), b'false')

    def test_numbers_get_a_space_before_a_minus(self):
        self.assertEqual(q(0), b'0')
        self.assertEqual(q(-1), b' -1')
        self.assertEqual(q(2 ** 70), b'1180591620717411303424')
        self.assertEqual(q(1.5), b'1.5')
        self.assertEqual(q(-0.0), b' -0.0')
        self.assertEqual(q(1e100), b'1e+100')
        self.assertEqual(q(D('1.10')), b'1.10')
        self.assertEqual(q(D('-5')), b' -5')
        self.assertEqual(q(D('123.456e5')), b'1.23456E+7')

    def test_non_finite_numbers(self):
        self.assertEqual(q(float('nan')), b"'NaN'::float")
        self.assertEqual(q(float('inf')), b"'Infinity'::float")
        self.assertEqual(q(float('-inf')), b"'-Infinity'::float")
        for d in ('NaN', 'sNaN', 'Infinity', '-Infinity'):
            self.assertEqual(q(D(d)), b"'NaN'::numeric")

    def test_strings(self):
        self.assertEqual(q("O'Reilly"), b"'O''Reilly'")
        self.assertEqual(q(''), b"''")
        self.assertEqual(q('\xe0'), b"'\xe0'")  # latin1 without a connection
        with self.assertRaises(UnicodeEncodeError):
            q('\u20ac')

    def test_backslashes_follow_the_process_wide_setting(self):
        self.assertEqual(q('a\\b'), b"'a\\\\b'")
        A.note_standard_conforming_strings('on')
        self.assertEqual(q('a\\b'), b"'a\\b'")

    def test_nul_is_refused(self):
        with self.assertRaisesRegex(ValueError, r'^A string literal cannot contain NUL \(0x00\) characters\.$'):
            q('a\x00b')

    def test_bytes_use_the_escape_format(self):
        self.assertEqual(q(b'abc'), b"'abc'::bytea")
        self.assertEqual(q(b"\x00\x08\x0f'\\\xff ~\x7f"),
                         b"'\\\\000\\\\010\\\\017''\\\\\\\\\\\\377 ~\\\\177'::bytea")
        self.assertEqual(q(bytearray(b'ab')), b"'ab'::bytea")
        self.assertEqual(q(memoryview(b'ab')), b"'ab'::bytea")

    def test_dates_and_times(self):
        tz = dt.timezone
        self.assertEqual(q(dt.date(2020, 1, 2)), b"'2020-01-02'::date")
        self.assertEqual(q(dt.time(1, 2, 3, 4)), b"'01:02:03.000004'::time")
        self.assertEqual(q(dt.time(1, 2, 3, tzinfo=tz(dt.timedelta(hours=1)))), b"'01:02:03+01:00'::timetz")
        self.assertEqual(q(dt.datetime(2020, 1, 2, 3, 4, 5)), b"'2020-01-02T03:04:05'::timestamp")
        self.assertEqual(q(dt.datetime(2020, 1, 2, 3, 4, 5, 600, tzinfo=tz(dt.timedelta(hours=-5, minutes=-30)))),
                         b"'2020-01-02T03:04:05.000600-05:30'::timestamptz")
        self.assertEqual(q(dt.datetime(2020, 1, 2, tzinfo=tz(dt.timedelta(seconds=19270)))),
                         b"'2020-01-02T00:00:00+05:21:10'::timestamptz")

    def test_intervals(self):
        self.assertEqual(q(dt.timedelta(days=1, seconds=3, microseconds=4)), b"'1 days 3.000004 seconds'::interval")
        self.assertEqual(q(dt.timedelta(0)), b"'0 days 0.000000 seconds'::interval")
        self.assertEqual(q(dt.timedelta(microseconds=-1)), b"'-1 days 86399.999999 seconds'::interval")

    def test_lists(self):
        self.assertEqual(q([1, 2, 3]), b'ARRAY[1,2,3]')
        self.assertEqual(q([]), b"'{}'")
        self.assertEqual(q([[1, 2], [3, 4]]), b'ARRAY[ARRAY[1,2],ARRAY[3,4]]')
        self.assertEqual(q([None, 'a']), b"ARRAY[NULL,'a']")
        self.assertEqual(q([[]]), b'ARRAY[ARRAY[]]')
        self.assertEqual(q([-1, -1.5]), b'ARRAY[ -1, -1.5]')

    def test_lists_of_nulls_are_array_literals(self):
        self.assertEqual(q([None]), b"'{NULL}'")
        self.assertEqual(q([[None, None], [None, None]]), b"'{{NULL,NULL},{NULL,NULL}}'")
        self.assertEqual(q([[None], [1]]), b"ARRAY['{NULL}',ARRAY[1]]")
        self.assertEqual(q([[None], None]), b"'{{NULL},NULL}'")
        self.assertEqual(q([None, [1]]), b'ARRAY[NULL,ARRAY[1]]')
        self.assertEqual(q([A.AsIs(None)]), b'ARRAY[NULL]')

    def test_tuples(self):
        self.assertEqual(q((1, 2, 'a')), b"(1, 2, 'a')")
        self.assertEqual(q(()), b'()')
        self.assertEqual(q((-1,)), b'( -1)')
        self.assertEqual(str(A.SQL_IN((1, 2))), "b'(1, 2)'")


class ConnectionTests(unittest.TestCase):

    def test_standard_conforming_strings_on(self):
        c = Conn()
        self.assertEqual(q('a\\b', c), b"'a\\b'")
        self.assertEqual(q(b"\x00\xff'\\", c), b"'\\x00ff275c'::bytea")
        self.assertEqual(q(b'', c), b"'\\x'::bytea")
        self.assertEqual(q(['a\\b', b'x'], c), b"ARRAY['a\\b','\\x78'::bytea]")

    def test_standard_conforming_strings_off_at_connection(self):
        c = Conn(scs=False, equote=True)
        self.assertEqual(q('abc', c), b"E'abc'")
        self.assertEqual(q('a\\b', c), b"E'a\\\\b'")
        self.assertEqual(q(b'\\', c), b"E'\\\\x5c'::bytea")
        self.assertEqual(q(('x\\',), c), b"(E'x\\\\')")

    def test_turned_off_after_connection_doubles_without_e(self):
        c = Conn(scs=False, equote=False)
        self.assertEqual(q('a\\b', c), b"'a\\\\b'")
        self.assertEqual(q(b'ab', c), b"'\\\\x6162'::bytea")

    def test_old_server_gets_escape_format(self):
        self.assertEqual(q(b'\x00a', Conn(server_version=80400)), b"'\\000a'::bytea")

    def test_client_encoding(self):
        self.assertEqual(q('\u20ac', Conn()), b"'\xe2\x82\xac'")
        self.assertEqual(q('\xe8', Conn('LATIN1')), b"'\xe8'")
        # escaping never splits a multibyte character
        self.assertEqual(q("\u8868'", Conn('SJIS')), b"'\x95\\'''")

    def test_quotedstring_encoding_follows_the_connection(self):
        s = A.QuotedString('x')
        self.assertEqual(s.encoding, 'latin1')
        s.prepare(Conn())
        self.assertEqual(s.encoding, 'utf_8')
        with self.assertRaisesRegex(TypeError, 'Expected bytes or unicode string, got int instead'):
            s.encoding = 3


class AdapterClassTests(unittest.TestCase):

    def test_asis(self):
        self.assertEqual(A.AsIs(42).getquoted(), b'42')
        self.assertEqual(A.AsIs(None).getquoted(), b'NULL')
        self.assertEqual(A.AsIs(b'xy').getquoted(), b"b'xy'")
        self.assertEqual(str(A.AsIs(42)), '42')

    def test_quotedstring_types(self):
        self.assertEqual(A.QuotedString(b"a'").getquoted(), b"'a'''")
        with self.assertRaisesRegex(TypeError, "can't quote non-string object"):
            A.QuotedString(1).getquoted()

    def test_binary_types(self):
        self.assertEqual(A.Binary(None).getquoted(), b'NULL')
        with self.assertRaisesRegex(TypeError, "can't escape str to binary"):
            A.Binary('abc').getquoted()
        self.assertEqual(str(A.Binary(b'a')), "'a'::bytea")

    def test_int_and_float_adapters_convert(self):
        self.assertEqual(A.Int(3.5).getquoted(), b'3')
        self.assertEqual(A.Int('-12').getquoted(), b' -12')
        self.assertEqual(A.Float(3).getquoted(), b'3')
        self.assertEqual(A.Boolean('').getquoted(), b'false')

    def test_isqlquote(self):
        p = A.ISQLQuote(5)
        self.assertEqual(p._wrapped, 5)
        self.assertIsNone(p.getquoted())

    def test_date_adapters_check_their_argument(self):
        self.assertEqual(A.DateFromPy(dt.datetime(2020, 1, 1)).getquoted(), b"'2020-01-01T00:00:00'::date")
        with self.assertRaisesRegex(TypeError, 'argument 1 must be datetime.time, not datetime.datetime'):
            A.TimeFromPy(dt.datetime(2020, 1, 1))
        with self.assertRaisesRegex(TypeError, 'argument 1 must be datetime.date, not int'):
            A.DateFromPy(5)

    def test_dbapi_constructors(self):
        self.assertEqual(A.Time(1, 2, 3.5).adapted, dt.time(1, 2, 3, 500000))
        self.assertEqual(A.Timestamp(2020, 1, 2).getquoted(), b"'2020-01-02T00:00:00'::timestamp")
        self.assertEqual(A.Date(2020, 1, 2).getquoted(), b"'2020-01-02'::date")
        self.assertIsNotNone(A.TimestampFromTicks(0).adapted.tzinfo)


class AdaptTests(unittest.TestCase):

    def test_unadaptable(self):
        for obj, name in ((object(), 'object'), ({}, 'dict'), (1j, 'complex')):
            with self.assertRaisesRegex(exc.ProgrammingError, "^can't adapt type '%s'$" % name):
                A.adapt(obj)

    def test_subclasses_use_the_base_adapter(self):
        class MyInt(int):
            pass

        class MyList(list):
            pass
        self.assertEqual(A.adapt(MyInt(5)).getquoted(), b'5')
        self.assertEqual(A.adapt(MyList([1])).getquoted(), b'ARRAY[1]')

    def test_conform_comes_before_the_base_classes(self):
        class XI(int):
            def __conform__(self, proto):
                return A.AsIs('conform')
        self.assertEqual(A.adapt(XI(3)).getquoted(), b'conform')

    def test_conform_type_error_means_no(self):
        class C(object):
            def __conform__(self, proto):
                raise TypeError('no')
        with self.assertRaises(exc.ProgrammingError):
            A.adapt(C())

    def test_protocol_adapt_comes_before_conform(self):
        class P(object):
            @staticmethod
            def __adapt__(obj):
                return 'by protocol'

        class C(object):
            def __conform__(self, proto):
                return 'by object'
        self.assertEqual(A.adapt(C(), P), 'by protocol')

    def test_adapters_are_returned_as_they_are(self):
        a = A.AsIs(1)
        self.assertIs(A.adapt(a), a)

    def test_register_adapter(self):
        class Point(object):
            def __init__(self, x, y):
                self.x, self.y = x, y

        class SubPoint(Point):
            pass
        A.register_adapter(Point, lambda p: A.AsIs("'(%s, %s)'" % (p.x, p.y)))
        try:
            self.assertEqual(A.adapt(Point(1, 2)).getquoted(), b"'(1, 2)'")
            self.assertEqual(A.adapt(SubPoint(3, 4)).getquoted(), b"'(3, 4)'")
        finally:
            del A.adapters[(Point, A.ISQLQuote)]

    def test_overriding_a_builtin_adapter_is_honoured(self):
        A.register_adapter(int, lambda i: A.AsIs('int!'))
        try:
            self.assertEqual(A.getquoted(1, Conn()), b'int!')
        finally:
            A.register_adapter(int, A.Int)

    def test_getquoted_encodes_str_results(self):
        class S(object):
            def __conform__(self, proto):
                return self

            def getquoted(self):
                return 'x\u20ac'
        self.assertEqual(A.getquoted(S(), Conn()), b'x\xe2\x82\xac')


class EncodingsTests(unittest.TestCase):

    def test_names_and_aliases(self):
        self.assertEqual(A.encodings['UTF8'], 'utf_8')
        self.assertEqual(A.encodings['LATIN9'], 'iso8859_15')
        self.assertEqual(A.encodings['SQL_ASCII'], 'ascii')
        self.assertEqual(A.encodings['SQLASCII'], 'ascii')
        self.assertEqual(A.encodings['WIN1252'], 'cp1252')
        self.assertEqual(A.python_encoding('utf8'), 'utf_8')
        self.assertIsNone(A.python_encoding('NOPE'))


if __name__ == '__main__':
    unittest.main()
