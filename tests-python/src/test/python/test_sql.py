"""psycopg2.sql: reprs, as_string output and errors, each as psycopg2 2.9.5 gives it.

The expected values were collected from Debian's psycopg2 2.9.5 on CPython,
with a UTF8 connection; as_string is checked with a connection and with a cursor.
"""

import datetime
import decimal
import unittest

import psycopg2
import psycopg2.extensions as ext
from psycopg2 import sql

from _support import ConnectingTestCase

# (expression, repr of its value)
REPRS = [
    ("sql.SQL('select 1')", "SQL('select 1')"),
    ("sql.Identifier('a')", "Identifier('a')"),
    ('sql.Identifier(\'schema\', \'ta"ble\')', 'Identifier(\'schema\', \'ta"ble\')'),
    ("sql.Literal('x')", "Literal('x')"),
    ('sql.Literal(None)', 'Literal(None)'),
    ("sql.Literal([1, 'a'])", "Literal([1, 'a'])"),
    ('sql.Placeholder()', 'Placeholder()'),
    ("sql.Placeholder('name')", "Placeholder('name')"),
    ("sql.Composed([sql.SQL('a'), sql.Identifier('b'), sql.Literal(3)])", "Composed([SQL('a'), Identifier('b'), Literal(3)])"),
    ("sql.SQL('a') + sql.SQL('b')", "Composed([SQL('a'), SQL('b')])"),
    ("sql.SQL('a') + sql.Composed([sql.SQL('b')])", "Composed([SQL('a'), SQL('b')])"),
    ("sql.Composed([sql.SQL('a')]) + sql.Literal(1)", "Composed([SQL('a'), Literal(1)])"),
    ("sql.Composed([sql.SQL('a')]) + sql.Composed([sql.SQL('b')])", "Composed([SQL('a'), SQL('b')])"),
    ('sql.Placeholder() * 3', 'Composed([Placeholder(), Placeholder(), Placeholder()])'),
    ("sql.SQL(', ').join([sql.Identifier('a'), sql.Identifier('b')])", "Composed([Identifier('a'), SQL(', '), Identifier('b')])"),
    ("sql.SQL(', ').join([])", 'Composed([])'),
    ("sql.SQL(', ').join(iter([sql.Placeholder()]))", 'Composed([Placeholder()])'),
    ("sql.Composed([sql.Literal(1), sql.Literal(2)]).join(', ')", "Composed([Literal(1), SQL(', '), Literal(2)])"),
    ("sql.Composed([sql.Literal(1), sql.Literal(2)]).join(sql.SQL('-'))", "Composed([Literal(1), SQL('-'), Literal(2)])"),
    ("sql.SQL('select {} from {}').format(sql.Identifier('a'), sql.Identifier('t'))", "Composed([SQL('select '), Identifier('a'), SQL(' from '), Identifier('t')])"),
    ("sql.SQL('{1}{0}{1}').format(sql.SQL('x'), sql.SQL('y'))", "Composed([SQL('y'), SQL('x'), SQL('y')])"),
    ("sql.SQL('{a} and {b}').format(a=sql.Literal(1), b=sql.Placeholder('b'))", "Composed([Literal(1), SQL(' and '), Placeholder('b')])"),
    ("sql.SQL('{{}} {}').format(sql.Literal('z'))", "Composed([SQL('{'), SQL('}'), SQL(' '), Literal('z')])"),
    ("sql.SQL('no fields')", "SQL('no fields')"),
    ("sql.SQL('no fields').format()", "Composed([SQL('no fields')])"),
    ("sql.SQL('{}').format(sql.Composed([sql.SQL('q')]))", "Composed([Composed([SQL('q')])])"),
    ('sql.NULL', "SQL('NULL')"),
    ('sql.DEFAULT', "SQL('DEFAULT')"),
    ("sql.SQL('a') == sql.SQL('a')", 'True'),
    ("sql.SQL('a') == sql.SQL('b')", 'False'),
    ("sql.SQL('a') == sql.Literal('a')", 'False'),
    ("sql.SQL('a') != sql.Literal('a')", 'True'),
    ("sql.Identifier('a', 'b') == sql.Identifier('a', 'b')", 'True'),
    ("sql.Composed([sql.SQL('a')]) == sql.Composed([sql.SQL('a')])", 'True'),
    ('sql.Placeholder() == sql.Placeholder(None)', 'True'),
    ("sql.SQL('x').string", "'x'"),
    ("sql.Identifier('x').string", "'x'"),
    ("sql.Identifier('x', 'y').strings", "('x', 'y')"),
    ('sql.Literal(5).wrapped', '5'),
    ("sql.Placeholder('p').name", "'p'"),
    ('sql.Placeholder().name', 'None'),
    ("sql.Composed([sql.SQL('a'), sql.SQL('b')]).seq", "[SQL('a'), SQL('b')]"),
    ("list(sql.Composed([sql.SQL('a'), sql.SQL('b')]))", "[SQL('a'), SQL('b')]"),
]

# (expression, its as_string(connection))
STRINGS = [
    ("sql.SQL('select 1')", 'select 1'),
    ("sql.Identifier('a')", '"a"'),
    ("sql.Identifier('Mixed Case')", '"Mixed Case"'),
    ('sql.Identifier(\'schema\', \'ta"ble\')', '"schema"."ta""ble"'),
    ("sql.Identifier('è')", '"è"'),
    ("sql.Literal('x')", "'x'"),
    ('sql.Literal("it\'s")', "'it''s'"),
    ("sql.Literal('è€')", "'è€'"),
    ('sql.Literal(None)', 'NULL'),
    ('sql.Literal(42)', '42'),
    ('sql.Literal(1.5)', '1.5'),
    ('sql.Literal(True)', 'true'),
    ("sql.Literal(decimal.Decimal('1.10'))", '1.10'),
    ("sql.Literal([1, 'a', None])", "ARRAY[1,'a',NULL]"),
    ('sql.Literal(datetime.date(2020, 1, 2))', "'2020-01-02'::date"),
    ("sql.Literal(b'\\x00\\xff')", "'\\x00ff'::bytea"),
    ("sql.Literal('back\\\\slash')", "'back\\slash'"),
    ('sql.Placeholder()', '%s'),
    ("sql.Placeholder('name')", '%(name)s'),
    ("sql.Composed([sql.SQL('insert into '), sql.Identifier('t'), sql.SQL(' values ('), sql.Literal('v'), sql.SQL(')')])", 'insert into "t" values (\'v\')'),
    ("sql.SQL('select {} from {}').format(sql.SQL(', ').join([sql.Identifier('a'), sql.Identifier('b')]), sql.Identifier('s', 't'))", 'select "a", "b" from "s"."t"'),
    ("sql.SQL('{{}} {}').format(sql.Literal('z'))", "{} 'z'"),
    ("sql.SQL('insert into t values ({})').format(sql.SQL(', ').join(sql.Placeholder() * 3))", 'insert into t values (%s, %s, %s)'),
    ("sql.SQL('insert into t values ({})').format(sql.SQL(', ').join(map(sql.Placeholder, ['a', 'b'])))", 'insert into t values (%(a)s, %(b)s)'),
    ("sql.NULL + sql.SQL(' ') + sql.DEFAULT", 'NULL DEFAULT'),
]

# (expression, exception type, message); CONN is a connection
ERRORS = [
    ('sql.SQL(1)', 'TypeError', 'SQL values must be strings'),
    ("sql.SQL(b'x')", 'TypeError', 'SQL values must be strings'),
    ('sql.Identifier()', 'TypeError', 'Identifier cannot be empty'),
    ("sql.Identifier('a', 1)", 'TypeError', 'SQL identifier parts must be strings'),
    ("sql.Identifier('a', 'b').string", 'AttributeError', 'the Identifier wraps more than one than one string'),
    ('sql.Composed([1])', 'TypeError', 'Composed elements must be Composable, got 1 instead'),
    ("sql.Composed(['a'])", 'TypeError', "Composed elements must be Composable, got 'a' instead"),
    ("sql.Placeholder('a)')", 'ValueError', "invalid name: 'a)'"),
    ('sql.Placeholder(1)', 'TypeError', 'expected string or None as name, got 1'),
    ("sql.SQL('{}{1}').format(sql.SQL('a'), sql.SQL('b'))", 'ValueError', 'cannot switch from automatic field numbering to manual'),
    ("sql.SQL('{0}{}').format(sql.SQL('a'), sql.SQL('b'))", 'ValueError', 'cannot switch from manual field numbering to automatic'),
    ("sql.SQL('{!r}').format(sql.SQL('a'))", 'ValueError', 'no format conversion supported by SQL'),
    ("sql.SQL('{:>3}').format(sql.SQL('a'))", 'ValueError', 'no format specification supported by SQL'),
    ("sql.SQL('{}').format()", 'IndexError', 'tuple index out of range'),
    ("sql.SQL('{a}').format()", 'KeyError', "'a'"),
    ("sql.SQL('{}').format(1)", 'TypeError', 'Composed elements must be Composable, got 1 instead'),
    ("sql.SQL('{').format()", 'ValueError', "Single '{' encountered in format string"),
    ('sql.Composed([]).join(1)', 'TypeError', 'Composed.join() argument must be a string or an SQL'),
    ("sql.SQL('a').join([1])", 'TypeError', 'Composed elements must be Composable, got 1 instead'),
    ("sql.SQL('x') + 1", 'TypeError', "unsupported operand type(s) for +: 'SQL' and 'int'"),
    ("sql.SQL('x') + 'y'", 'TypeError', "unsupported operand type(s) for +: 'SQL' and 'str'"),
    ('sql.Literal(1).as_string(None)', 'TypeError', 'context must be a connection or a cursor'),
    ("sql.Identifier('a').as_string(None)", 'TypeError', 'argument 2 must be a connection or a cursor'),
    ('sql.Composable(1).as_string(None)', 'NotImplementedError', ''),
    ('ext.quote_ident(1, CONN)', 'TypeError', 'Expected bytes or unicode string, got int instead'),
    ("ext.quote_ident('a', 1)", 'TypeError', 'argument 2 must be a connection or a cursor'),
]

# (name, quote_ident(name, conn))
QUOTE_IDENT = [
    ('a', '"a"'),
    ('a"b', '"a""b"'),
    ('Mixed', '"Mixed"'),
    ('', '""'),
    ('a\x00b', '"a"'),
    (b'bytes', '"bytes"'),
    ('è', '"è"'),
]



def _eval(expr, conn=None):
    return eval(expr, {'sql': sql, 'ext': ext, 'datetime': datetime, 'decimal': decimal,
                       'CONN': conn})


class ReprTests(unittest.TestCase):

    def test_reprs_and_attributes_match_psycopg2(self):
        for expr, expected in REPRS:
            with self.subTest(expr=expr):
                self.assertEqual(repr(_eval(expr)), expected)

    def test_errors_without_a_connection_match_psycopg2(self):
        for expr, name, message in ERRORS:
            if 'CONN' in expr:
                continue
            with self.subTest(expr=expr):
                with self.assertRaises(Exception) as cm:
                    _eval(expr)
                self.assertEqual(type(cm.exception).__name__, name)
                if name == 'KeyError':
                    self.assertEqual(repr(cm.exception.args[0]), message)
                elif name != 'IndexError' and not message.startswith('Single'):
                    # (those two messages are the runtime's own: GraalPy's string.Formatter
                    # names the wrong brace)
                    self.assertEqual(str(cm.exception), message)

    def test_composable_is_the_base_of_every_piece(self):
        for cls in (sql.SQL, sql.Identifier, sql.Literal, sql.Placeholder, sql.Composed):
            self.assertTrue(issubclass(cls, sql.Composable))


class AsStringTests(ConnectingTestCase):

    def setUp(self):
        super().setUp()
        self.conn = self.connect()

    def test_as_string_with_a_connection_matches_psycopg2(self):
        for expr, expected in STRINGS:
            with self.subTest(expr=expr):
                self.assertEqual(_eval(expr).as_string(self.conn), expected)

    def test_as_string_with_a_cursor_matches_psycopg2(self):
        cur = self.conn.cursor()
        for expr, expected in STRINGS:
            with self.subTest(expr=expr):
                self.assertEqual(_eval(expr).as_string(cur), expected)

    def test_errors_with_a_connection_match_psycopg2(self):
        for expr, name, message in ERRORS:
            if 'CONN' not in expr:
                continue
            with self.subTest(expr=expr):
                with self.assertRaises(Exception) as cm:
                    _eval(expr, self.conn)
                self.assertEqual(type(cm.exception).__name__, name)
                self.assertEqual(str(cm.exception), message)

    def test_quote_ident_matches_psycopg2(self):
        cur = self.conn.cursor()
        for name, expected in QUOTE_IDENT:
            with self.subTest(name=name):
                self.assertEqual(ext.quote_ident(name, self.conn), expected)
                self.assertEqual(ext.quote_ident(name, cur), expected)

    def test_execute_takes_a_composed_query(self):
        cur = self.conn.cursor()
        query = sql.SQL('SELECT {}, {} AS {}').format(
            sql.Literal('it\'s'), sql.Placeholder(), sql.Identifier('Col'))
        cur.execute(query, (42,))
        self.assertEqual(cur.fetchone(), ("it's", 42))
        self.assertEqual(cur.description[1].name, 'Col')
        self.assertEqual(cur.query, b"SELECT 'it''s', 42 AS \"Col\"")

    def test_mogrify_takes_named_placeholders(self):
        cur = self.conn.cursor()
        query = sql.SQL('SELECT {a}, {b}').format(a=sql.Placeholder('x'), b=sql.Literal(None))
        self.assertEqual(cur.mogrify(query, {'x': 'v'}), b"SELECT 'v', NULL")

    def test_literal_uses_the_connection_encoding(self):
        self.conn.set_client_encoding('LATIN1')
        self.assertEqual(sql.Literal('\u00e8').as_string(self.conn), "'\u00e8'")
        cur = self.conn.cursor()
        cur.execute(sql.SQL('SELECT {}').format(sql.Literal('\u00e8')))
        self.assertEqual(cur.fetchone(), ('\u00e8',))


if __name__ == '__main__':
    unittest.main()
