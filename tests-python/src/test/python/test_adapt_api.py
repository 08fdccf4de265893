"""The adaptation API of psycopg2.extensions: adapt, register_adapter, the
adapters dict, the ISQLQuote protocol and __conform__, prepare(conn), the
adapter classes (AsIs, QuotedString, Binary, Boolean, Float, Int, SQL_IN,
NoneAdapter and the date/time ones), the fallback to a registered base class,
and the errors of bad parameters: NUL characters, unencodable text, adapters
returning str, arrays of mismatched dimensions.

Differential snippets compare the transcripts with psycopg2 2.9.5; the plain
tests pin what a transcript can't show.
"""

import textwrap
import unittest

import psycopg2
import psycopg2.extensions as ext

from _support import ConnectingTestCase
from test_differential import SNIPPET_HELPERS, _DifferentialTestCase, generated

PRELUDE = SNIPPET_HELPERS + '''\
import collections, enum
import psycopg2.extensions as ext

def without_address(obj):
    return repr(obj).split(' at 0x')[0]

def quoted_by(obj):
    a = ext.adapt(obj)
    return type(a).__name__, a.getquoted()

def mogrified(*args):
    return cur.mogrify('%s', args)
'''


def isolated(code):
    """`code` with the adapters dict restored after it (one process runs
    every suite)."""
    body = textwrap.indent(textwrap.dedent(code), '    ')
    return ('_saved_adapters = dict(ext.adapters)\n'
            'try:\n' + body +
            'finally:\n'
            '    ext.adapters.clear()\n'
            '    ext.adapters.update(_saved_adapters)\n')


SNIPPETS = [
    ('adapters_dict', '''
        out([(t.__name__, p.__name__, getattr(a, '__name__', None))
             for (t, p), a in ext.adapters.items()])
        out(ext.ISQLQuote.__module__, ext.ISQLQuote.__name__)
        '''),
    ('adapt_builtin_types', '''
        for v in (None, True, False, 0, -5, 10 ** 25, 1.5, -0.5, float('inf'), float('nan'),
                  Decimal('1.5'), Decimal('-1E+3'), Decimal('NaN'), 'x', "it's", '',
                  b'x', bytearray(b'\\x00'), memoryview(b'ab'), [1, 'a'], [], (1, 'a'),
                  datetime.date(2020, 1, 2), datetime.time(1, 2, 3, 4),
                  datetime.datetime(2020, 1, 2, 3, 4, 5), datetime.timedelta(1, 2, 3)):
            attempt(quoted_by, v)
        '''),
    ('flat_lists_of_plain_values', isolated('''
        class MyInt(int): pass
        for v in ([1, -2, 0, 10 ** 30], [1.5, float('nan'), float('-inf'), -0.0], [True, False],
                  ["it's", 'back\\\\slash', 'é€', ''], [1, 'a', 2.5, True], [MyInt(3), 4],
                  [1, None], [None, None], [[1, 2], [3, 4]], ['nul\\x00here'], ['x', b'y']):
            attempt(mogrified, v)
        conn.set_client_encoding('LATIN1')
        attempt(mogrified, ['é', 'x'])
        attempt(mogrified, ['€'])
        conn.set_client_encoding('UTF8')
        ext.register_adapter(int, lambda i: ext.AsIs('int(%d)' % i))
        attempt(mogrified, [1, 2])
        ''')),
    ('adapt_subclasses_use_the_base_adapter', '''
        class MyInt(int): pass
        class MyStr(str): pass
        class MyList(list): pass
        class MyFloat(float): pass
        class MyTuple(tuple): pass
        class MyBytes(bytes): pass
        class MyDict(dict): pass
        class MyDate(datetime.date): pass
        class Color(enum.IntEnum):
            red = 1
        class Name(str, enum.Enum):
            x = 'ex'
        NT = collections.namedtuple('NT', 'x y')
        for v in (MyInt(5), MyStr('s'), MyList([1]), MyFloat(2.5), MyTuple((1, 2)),
                  MyBytes(b'b'), MyDate(2020, 1, 2), Color.red, Name.x, NT(1, 'a')):
            attempt(quoted_by, v)
            attempt(mogrified, v)
        for v in (MyDict(), {1: 2}, {1}, frozenset(), object(), 1j, range(2), type, Exception()):
            attempt(quoted_by, v)
            attempt(mogrified, v)
        '''),
    ('adapt_arguments', '''
        attempt(ext.adapt)
        attempt(lambda: without_address(ext.adapt(1, ext.ISQLQuote)))
        attempt(lambda: without_address(ext.adapt(1, ext.ISQLQuote, None)))
        attempt(ext.adapt, 1, ext.ISQLQuote, None, 4)
        class Proto(object):
            pass
        attempt(ext.adapt, 1, Proto)
        attempt(ext.register_adapter, int)
        '''),
    ('isqlquote', '''
        q = ext.ISQLQuote('wrapped')
        out(q.getquoted(), q.getbinary(), q.getbuffer(), q._wrapped)
        attempt(ext.ISQLQuote)
        attempt(ext.ISQLQuote, 1, 2)
        out(sorted(n for n in dir(ext.ISQLQuote) if not n.startswith('__')))
        '''),
    ('adapter_classes', '''
        for a in (ext.AsIs(5), ext.AsIs('now()'), ext.AsIs(None), ext.AsIs(b'x'),
                  ext.QuotedString('x'), ext.QuotedString(b"b'x"), ext.Binary(b'x\\x00'),
                  ext.Binary(bytearray(b'y')), ext.Binary(None), ext.Boolean(True),
                  ext.Boolean(0), ext.Float(1.5), ext.Float(3), ext.Int(3), ext.Int(True),
                  ext.SQL_IN((1, 'a', None)), ext.SQL_IN([1, [2]]), ext.NoneAdapter(5),
                  ext.DateFromPy(datetime.date(2020, 1, 2)),
                  ext.TimeFromPy(datetime.time(1, 2)),
                  ext.TimeFromPy(datetime.time(1, 2, tzinfo=datetime.timezone.utc)),
                  ext.TimestampFromPy(datetime.datetime(2020, 1, 2, 3, 4)),
                  ext.TimestampFromPy(datetime.datetime(2020, 1, 2, 3, 4, 5, 6,
                                                        datetime.timezone.utc)),
                  ext.IntervalFromPy(datetime.timedelta(-1, 5, 7))):
            out(type(a).__name__, type(a).__module__, without_address(a),
                without_address(str(a)))
            attempt(a.getquoted)
            attempt(lambda: a.adapted)
            attempt(lambda: a.__conform__(ext.ISQLQuote) is a)
            attempt(lambda: a.__conform__(None))
        '''),
    ('adapter_class_errors', '''
        attempt(lambda: ext.QuotedString(5).getquoted())
        attempt(lambda: ext.QuotedString(None).getquoted())
        attempt(lambda: ext.QuotedString('a\\x00b').getquoted())
        attempt(lambda: ext.QuotedString(b'a\\x00b').getquoted())
        attempt(lambda: ext.Binary('x').getquoted())
        attempt(lambda: ext.Binary(5).getquoted())
        attempt(lambda: ext.Int('x').getquoted())
        attempt(lambda: ext.Int(1.7).getquoted())
        attempt(lambda: ext.Float(float('-inf')).getquoted())
        attempt(lambda: ext.SQL_IN(5).getquoted())
        attempt(lambda: ext.SQL_IN(()).getquoted())
        for f, v in ((ext.DateFromPy, 5), (ext.DateFromPy, datetime.datetime(2020, 1, 2)),
                     (ext.TimeFromPy, datetime.date(2020, 1, 2)),
                     (ext.TimestampFromPy, datetime.date(2020, 1, 2)), (ext.IntervalFromPy, 5)):
            attempt(lambda: f(v).getquoted())
        '''),
    ('quoted_string_encoding_and_prepare', '''
        q = ext.QuotedString('caf\\u00e9')
        out(q.encoding, q.buffer)
        q.prepare(conn)
        out(q.encoding)
        out(q.getquoted(), q.buffer)
        q.encoding = 'ascii'
        out(q.encoding, q.getquoted())
        attempt(setattr, q, 'encoding', 5)
        q.encoding = b'latin1'
        out(q.encoding)
        conn.set_client_encoding('LATIN1')
        q = ext.QuotedString('caf\\u00e9')
        q.prepare(conn)
        out(q.encoding, q.getquoted())
        q = ext.QuotedString("it's")
        out(q.getquoted())
        q.prepare(conn)
        out(q.getquoted())
        conn.set_client_encoding('UTF8')
        '''),
    ('binary_prepare', '''
        b = ext.Binary(b'\\x00\\x01\\\\')
        out(b.getquoted(), b.buffer)
        b = ext.Binary(b'\\x00\\x01\\\\')
        b.prepare(conn)
        out(b.getquoted())
        '''),

    # -- registering adapters ---------------------------------------------------------
    ('register_adapter_and_prepare', isolated('''
        class Point(object):
            def __init__(self, x, y):
                self.x, self.y = x, y

        class PointAdapter(object):
            def __init__(self, p):
                self.p = p
                self.conn = None
            def prepare(self, conn):
                self.conn = conn
            def getquoted(self):
                return ('point(%s,%s) /* %s */' % (self.p.x, self.p.y,
                        'prepared' if self.conn is not None else 'bare')).encode()

        ext.register_adapter(Point, PointAdapter)
        out(mogrified(Point(1, 2)))
        out(mogrified([Point(1, 2)]))
        out(mogrified((Point(1, 2), Point(3, 4))))
        out(ext.adapt(Point(1, 2)).getquoted())
        cur.execute('SELECT %s', (Point(1.5, 2),))
        out(cur.fetchall())
        class SubPoint(Point):
            pass
        out(mogrified(SubPoint(5, 6)))
        ext.register_adapter(SubPoint, lambda p: ext.AsIs('sub'))
        out(mogrified(SubPoint(5, 6)), mogrified(Point(0, 0)))
        ''')),
    ('register_adapter_overrides_builtins', isolated('''
        class Sub(int):
            pass
        ext.register_adapter(int, lambda v: ext.AsIs('INT(%d)' % v))
        out(cur.mogrify('%s %s %s %s', (1, Sub(2), True, [3])))
        ext.register_adapter(str, lambda v: ext.AsIs('STR'))
        out(cur.mogrify('%s %s', ('x', ('y',))))
        ext.register_adapter(type(None), lambda v: ext.AsIs('NOTHING'))
        out(cur.mogrify('%s %s', (None, [None, 1])))
        ext.register_adapter(list, lambda v: ext.AsIs('LIST'))
        out(cur.mogrify('%s', ([1, 2],)))
        ''')),
    ('conform_protocol', '''
        class Conforms(object):
            def __conform__(self, proto):
                if proto is ext.ISQLQuote:
                    return ext.AsIs('conformed')
        class Refuses(object):
            def __conform__(self, proto):
                return None
        class RaisesTypeError(object):
            def __conform__(self, proto):
                raise TypeError('nope')
        class RaisesValueError(object):
            def __conform__(self, proto):
                raise ValueError('nope')
        class SelfQuoting(object):
            def __conform__(self, proto):
                return self
            def getquoted(self):
                return b'self'
        for v in (Conforms(), Refuses(), RaisesTypeError(), RaisesValueError(), SelfQuoting()):
            attempt(mogrified, v)
            attempt(lambda: ext.adapt(v).getquoted())
        '''),
    ('getquoted_returning_other_types', '''
        class Returns(object):
            def __init__(self, value):
                self.value = value
            def __conform__(self, proto):
                return self
            def getquoted(self):
                return self.value
        for value in ("'text'", "'caf\\u00e9'", 5, None, bytearray(b'ba'), memoryview(b'mv'),
                      b'bytes'):
            out(type(value).__name__)
            attempt(mogrified, Returns(value))
            if isinstance(value, (str, bytes)):
                # psycopg2 reads other types as if they were bytes in arrays
                attempt(mogrified, [Returns(value)])
            attempt(mogrified, (Returns(value),))
        '''),

    # -- bad parameters -----------------------------------------------------------------
    ('nul_characters', '''
        attempt(mogrified, 'a\\x00b')
        attempt(cur.execute, 'SELECT %s', ('a\\x00b',))
        attempt(mogrified, ['ok', 'a\\x00'])
        attempt(mogrified, b'a\\x00b')
        cur.execute('SELECT %s', (b'a\\x00b',))
        out(cur.fetchall())
        attempt(cur.execute, 'SELECT 1 /* \\x00 */')
        out(conn.get_transaction_status())
        cur.execute('SELECT 1')
        out(cur.fetchall())
        '''),
    ('unencodable_characters', '''
        for enc, text in (('LATIN1', 'ab\\u20ac\\u20acx'), ('LATIN1', '\\u20ac'),
                          ('WIN1252', '\\u0400\\u0401 x \\u0402'), ('SQL_ASCII', 'caf\\u00e9'),
                          ('ISO_8859_5', '\\u00e9'), ('EUC_JP', '\\u00e0\\u00e0'),
                          ('UTF8', 'a\\ud800b')):
            conn.set_client_encoding(enc)
            attempt(mogrified, text)
            attempt(mogrified, ["it's", text])
            attempt(cur.execute, "SELECT '%s'" % text)
            attempt(cur.execute, 'SELECT %s', (text,))
            cur.execute('SELECT 1')
            out(enc, cur.fetchall())
        conn.set_client_encoding('UTF8')
        '''),
    ('bytes_parameters', '''
        for v in (b'', b"it's", b'\\\\', b'\\xff\\xfe', bytearray(b'ab'), memoryview(b'cd')):
            out(mogrified(v))
            cur.execute('SELECT %s', (v,))
            out(cur.fetchall())
        '''),
    ('nested_lists', '''
        for v in ([[1, 2], [3, 4]], [[1, 2], [3]], [[1, 2], 3], [1, [2]], [[None], [None, None]],
                  [None, [None]], [[], [1]], [[[1]], [[2]]], [['a'], ['b', 'c']]):
            attempt(mogrified, v)
            try:
                cur.execute('SELECT %s', (v,))
                out(cur.fetchall())
            except psycopg2.Error as e:
                out(type(e).__name__, e.pgcode, str(e).splitlines()[0])
                conn.rollback()
        '''),
    ('sql_in_tuples', '''
        cur.execute('SELECT 2 IN %s, 5 IN %s', ((1, 2, 3), (1, 'a')[:1]))
        out(cur.fetchall())
        attempt(mogrified, ())
        attempt(cur.execute, 'SELECT 1 IN %s', ((),))
        conn.rollback()
        out(mogrified(((1, (2, 3)), [(4,)])))
        '''),
]


@generated
class AdaptApiDifferentialTests(_DifferentialTestCase):
    SNIPPETS = [(name, PRELUDE + textwrap.dedent(code)) for name, code in SNIPPETS]


class AdaptApiTests(ConnectingTestCase):
    """What a transcript can't show: identities, calls, the connection's state."""

    def setUp(self):
        super().setUp()
        saved = dict(ext.adapters)
        self.addCleanup(lambda: (ext.adapters.clear(), ext.adapters.update(saved)))

    def test_prepare_receives_the_connection(self):
        conn = self.connect()
        seen = []

        class Thing(object):
            pass

        class ThingAdapter(object):
            def __init__(self, obj):
                self.obj = obj

            def prepare(self, c):
                seen.append(c)

            def getquoted(self):
                return b'1'
        ext.register_adapter(Thing, ThingAdapter)
        conn.cursor().mogrify('%s %s', (Thing(), [Thing()]))
        self.assertEqual(len(seen), 2)
        self.assertTrue(all(c is conn for c in seen))

    def test_register_adapter_fills_the_adapters_dict(self):
        class Thing(object):
            pass
        factory = ext.AsIs
        ext.register_adapter(Thing, factory)
        self.assertIs(ext.adapters[(Thing, ext.ISQLQuote)], factory)
        self.assertIsInstance(ext.adapt(Thing()), ext.AsIs)

    def test_adapters_dict_edits_take_effect(self):
        class Thing(object):
            pass
        ext.adapters[(Thing, ext.ISQLQuote)] = lambda v: ext.AsIs('edited')
        self.assertEqual(self.connect().cursor().mogrify('%s', (Thing(),)), b'edited')
        del ext.adapters[(Thing, ext.ISQLQuote)]
        with self.assertRaises(psycopg2.ProgrammingError):
            ext.adapt(Thing())

    def test_connection_usable_after_bad_parameters(self):
        conn = self.connect()
        cur = conn.cursor()
        for bad in ('a\x00', object()):
            with self.assertRaises((ValueError, psycopg2.ProgrammingError)):
                cur.execute('SELECT %s', (bad,))
        conn.set_client_encoding('LATIN1')
        with self.assertRaises(UnicodeEncodeError):
            cur.execute('SELECT %s', ('\u20ac',))
        cur.execute('SELECT %s', ('caf\u00e9',))
        self.assertEqual(cur.fetchone(), ('caf\u00e9',))
        conn.commit()

    def test_adapt_returns_conform_result_itself(self):
        marker = ext.AsIs('x')

        class Conforms(object):
            def __conform__(self, proto):
                return marker
        self.assertIs(ext.adapt(Conforms()), marker)


if __name__ == '__main__':
    unittest.main()
