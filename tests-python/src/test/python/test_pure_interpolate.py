"""psycopg2._interpolate: client-side parameter merging (pure Python, no server).

Results and messages are psycopg2 2.9.5's cursor.mogrify (diffed again by
python-shim/tools/diff_pure.py).
"""

import collections
import unittest

import _pure

exc = _pure.load('_exceptions')
A = _pure.load('_adapt')
I = _pure.load('_interpolate')


class Conn(object):
    encoding = 'UTF8'
    server_version = 150002
    _standard_conforming_strings = True
    _equote = False


CONN = Conn()


def mogrify(query, params):
    return I.interpolate(query, params, lambda o: A.getquoted(o, CONN), 'utf_8')


class InterpolateTests(unittest.TestCase):

    def check(self, query, params, expected):
        self.assertEqual(mogrify(query, params), expected)

    def raises(self, query, params, cls, message):
        with self.assertRaises(cls) as cm:
            mogrify(query, params)
        self.assertEqual(str(cm.exception), message)

    def test_positional(self):
        self.check('select %s, %s', (1, 'a'), b"select 1, 'a'")
        self.check('select %s', [None], b'select NULL')
        self.check('%s%s', (1, 2), b'12')

    def test_named_values_are_adapted_once(self):
        calls = []

        class Counted(object):
            def __conform__(self, proto):
                calls.append(1)
                return A.AsIs('c%d' % len(calls))
        self.check('%(a)s %(a)s %(b)s', {'a': Counted(), 'b': Counted()}, b'c1 c1 c2')
        self.check('%(a)s', {'a': 1, 'unused': object()}, b'1')

    def test_percent_escapes(self):
        self.check('select %s %%', (1,), b'select 1 %')
        self.check('select %%', (), b'select %')
        self.check('select %%', {}, b'select %')
        self.check('select %%(a)s', {'a': 1}, b'select %(a)s')

    def test_none_leaves_the_query_alone(self):
        self.check('select %% %s %(a)s %', None, b'select %% %s %(a)s %')

    def test_no_placeholder_ignores_the_parameters(self):
        self.check('select 1', (1, 2), b'select 1')
        self.check('select 1', 5, b'select 1')

    def test_str_query_is_encoded(self):
        self.check('select \u20ac %s', ('\u20ac',), b"select \xe2\x82\xac '\xe2\x82\xac'")
        self.check(b'select %s', (1,), b'select 1')

    def test_quoted_values_are_not_rescanned(self):
        self.check('a %s b %s', ('%s', 1), b"a '%s' b 1")
        self.check('%(a)s', {'a': '%(a)s'}, b"'%(a)s'")

    def test_sequence_protocol(self):
        class Seq(object):
            def __len__(self):
                return 1

            def __getitem__(self, i):
                if i == 0:
                    return 5
                raise IndexError(i)
        self.check('select %s', Seq(), b'select 5')
        self.check('select %s', range(1), b'select 0')

    def test_mapping_protocol(self):
        class Map(object):
            def __getitem__(self, key):
                return 'v_' + key
        self.check('select %(a)s', Map(), b"select 'v_a'")

    def test_errors_of_the_first_pass(self):
        self.raises('select %s, %s', (1,), IndexError, 'tuple index out of range')
        self.raises('select %s', [], IndexError, 'list index out of range')
        self.raises('select %(a)s', {'b': 1}, KeyError, "'a'")
        self.raises('select %(a)s %s', {'a': 1}, exc.ProgrammingError, "argument formats can't be mixed")
        self.raises('select %s %(a)s', (1,), exc.ProgrammingError, "argument formats can't be mixed")
        self.raises('%(a)s%', {'a': 1}, exc.ProgrammingError, "argument formats can't be mixed")
        self.raises('select %(a', {'a': 1}, exc.ProgrammingError, "incomplete placeholder: '%(' without ')'")
        self.raises('select %(a%b)s', {'a%b': 1}, exc.ProgrammingError,
                    "incomplete placeholder: '%(' without ')'")
        self.raises('select %s', 1, TypeError, "'int' object does not support indexing")
        self.raises('select %s', {}, TypeError, 'dict is not a sequence')
        self.raises('select %s', collections.OrderedDict(), TypeError, 'collections.OrderedDict is not a sequence')
        self.raises('select %s', {1}, TypeError, "'set' object does not support indexing")
        self.raises('select %(a)s', (1,), TypeError, 'tuple indices must be integers or slices, not str')
        self.raises('select %s', (object(),), exc.ProgrammingError, "can't adapt type 'object'")
        self.raises('select %s', ('\x00',), ValueError, 'A string literal cannot contain NUL (0x00) characters.')

    def test_errors_of_the_second_pass(self):
        self.raises('select %s', (1, 2), TypeError, 'not all arguments converted during string formatting')
        self.raises('select %s', 'ab', TypeError, 'not all arguments converted during string formatting')
        self.raises('select %d', (1,), ValueError, "unsupported format character 'd' (0x64) at index 8")
        self.raises('select %(a)d', {'a': 1}, ValueError, "unsupported format character 'd' (0x64) at index 11")
        self.raises('select %5s', (1,), ValueError, "unsupported format character '5' (0x35) at index 8")
        self.raises('select %', (1,), ValueError, 'incomplete format')
        self.raises('%(a)', {'a': 1}, ValueError, 'incomplete format')
        self.raises('%(a(b)s', {'a(b': 1}, ValueError, 'incomplete format key')

    def test_first_pass_errors_win(self):
        self.raises('select %s %', (1,), IndexError, 'tuple index out of range')
        self.raises('%d %s', (1,), IndexError, 'tuple index out of range')

    def test_adapters_must_return_bytes(self):
        class Bad(object):
            def __conform__(self, proto):
                return self

            def getquoted(self):
                return 42
        self.raises('%s', (Bad(),), ValueError, 'only bytes values expected, got int')

    def test_query_type(self):
        self.raises(1, (1,), TypeError, 'argument 1 must be a string or unicode object: got int instead')

    def test_keys_are_utf8(self):
        self.check('%(\u00e8)s', {'\u00e8': 1}, b'1')
        with self.assertRaises(UnicodeDecodeError):
            I.interpolate('%(\u00e8)s', {'\u00e8': 1}, lambda o: b'1', 'latin1')


if __name__ == '__main__':
    unittest.main()
