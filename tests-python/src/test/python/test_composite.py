"""Composite types (psycopg2.extras): CompositeCaster, register_composite.

The differential snippets run on the reference psycopg2 2.9.5 and here; the
plain tests pin behaviour around them and pass on both. Most snippets create
their types in the harness connection's transaction (rolled back after each
one); SETUP commits one schema for the tests that need an idle connection.

register_composite(globally=True) changes the global casters, and the
suites share one process: the tests here put them back as they found them.
"""

import textwrap
import unittest

import psycopg2
import psycopg2.extensions as ext
import psycopg2.extras as extras

from _support import ConnectingTestCase, save_registries, unique_name
from test_differential import SNIPPET_HELPERS, _DifferentialTestCase, closing_snippet, generated

SCHEMA = 'psycopg2_composite_diff'


# Snippets get `connect()` (a new connection, closed after the snippet),
# `status(c)`, `attempt(f, *args)` (the result or the error, printed) and
# `card(c)` (creates pg_temp.card on c in its transaction) besides the
# harness's conn, cur and out.
_PRELUDE = SNIPPET_HELPERS + '''\
import psycopg2.extras
from psycopg2.extras import register_composite, CompositeCaster
def attempt(f, *args, **kwargs):
    try:
        return f(*args, **kwargs)
    except Exception as e:
        out(type(e).__module__, type(e).__name__, str(e))
def describe(c):
    out(c.name, c.schema, c.attnames, c.type.__name__, c.type._fields,
        c.typecaster.name, c.array_typecaster and c.array_typecaster.name)
def card(k):
    k.execute("CREATE TYPE pg_temp.card AS (value int, suit text)")
    return register_composite('card', k)
'''

def snippet(code):
    return closing_snippet(_PRELUDE, code)


_TOKENIZE_TEXTS = [
    '(1,2)', '()', '', '(,)', '(,,)', '("a""b",c)', '(a b,"c\\\\d")', 'garbage',
    '(1,2', '("x)', '(1)extra', '((1,2),3)', '(1,"(1,\\"x\\")")', '( a , b )',
    '("",)', 'x,y)z)', '(1,"a\\"b")', '("a,b","c)d")', '(\u00e9,\U0001f600)',
    '(1,"2")trailing,(3)', '(NULL,null)',
]

_SUITS = ['hearts', '', ' spaced ', 'a"b', 'back\\slash', 'comma,paren)(', 'NULL',
          'caf\u00e9 \U0001f600', 'new\nline', '{braces}', "it's"]


@generated
class CompositeDifferentialTests(_DifferentialTestCase):

    SETUP = textwrap.dedent('''\
        DROP SCHEMA IF EXISTS {0} CASCADE;
        CREATE SCHEMA {0};
        CREATE TYPE {0}.card AS (value int, suit text);
        CREATE TABLE {0}.kept (x int);
    ''').format(SCHEMA)

    @classmethod
    def setUpClass(cls):
        restore = save_registries()
        try:
            super().setUpClass()
        finally:
            restore()

    @classmethod
    def tearDownClass(cls):
        try:
            conn = psycopg2.connect('')
            conn.autocommit = True
            conn.cursor().execute('DROP SCHEMA IF EXISTS %s CASCADE' % SCHEMA)
            conn.close()
        except psycopg2.Error:
            pass
        super().tearDownClass()

    SNIPPETS = [
        ('caster_attributes', snippet('''
            c = card(cur)
            out(type(c), list(vars(c)))
            describe(c)
            out(c.atttypes, c.type, c.type.__module__)
            cur.execute("SELECT t.oid, t.typarray FROM pg_type t WHERE t.oid = 'card'::regtype")
            out((c.oid, c.array_oid) == cur.fetchone())
            out(c.typecaster.values == (c.oid,), c.array_typecaster.values == (c.array_oid,))
            out(c._ctor == c.type._make)
            out(sorted(cur.string_types) == sorted([c.oid, c.array_oid]), conn.string_types)
        ''')),
        ('cast_values', snippet('''
            card(cur)
            for suit in %r:
                cur.execute("SELECT ROW(7, %%s)::card", (suit,))
                out(cur.fetchone())
            cur.execute("SELECT (8, 'x')::card, NULL::card, (NULL, NULL)::card, ROW(NULL, '')::card")
            out(cur.fetchone())
        ''' % (_SUITS,))),
        ('cast_many_rows', snippet(r'''
            c = card(cur)
            suits = %r
            cur.execute("SELECT (i, CASE WHEN i %%%% 13 = 0 THEN NULL ELSE (%%s::text[])[1 + i %%%% %d] END)::card,"
                        " ((i, 'x')::card)::text FROM generate_series(0, 999) i", (suits,))
            rows = cur.fetchall()
            out(len(rows), rows[:3])
            out(all(r[0] == c.type(i, None if i %% 13 == 0 else suits[i %% len(suits)])
                    for i, r in enumerate(rows)))
        ''' % (_SUITS, len(_SUITS)))),
        ('cast_arrays', snippet('''
            card(cur)
            cur.execute("""SELECT ARRAY[(1, 'a')::card, NULL, (NULL, NULL)::card, (2, %s)::card, (3, %s)::card],
                '{}'::card[], NULL::card[], ARRAY[ARRAY[(4, 'x')::card], ARRAY[(5, 'y')::card]]""",
                ('x"y\\\\z', '{,}'))
            out(cur.fetchone())
        ''')),
        ('cast_attribute_types', snippet('''
            cur.execute("""CREATE TYPE pg_temp.mixed AS (d date, n numeric, b bool, f float8,
                i interval, bin bytea, ts text[], j json, big int8)""")
            register_composite('mixed', cur)
            cur.execute("""SELECT ROW('2020-01-02', 1.50, true, 0.5, '1 day', '\\\\x00ff',
                ARRAY['a', NULL, 'b c'], '{"k": [1]}', 10000000000)::mixed""")
            row = cur.fetchone()[0]
            out(type(row).__name__, list(row))
        ''')),
        ('cast_nested', snippet('''
            c = card(cur)
            cur.execute("CREATE TYPE pg_temp.hand AS (owner text, best card, cards card[], n int)")
            cur.execute("""SELECT ROW('me', (1, 'a"b'), ARRAY[(2, 'c,d'), NULL]::card[], 3)::hand""")
            out(cur.fetchone())
            h = register_composite('hand', cur)
            describe(h)
            cur.execute("""SELECT ROW('me', (1, 'a"b'), ARRAY[(2, 'c,d'), NULL]::card[], 3)::hand,
                ROW(NULL, NULL, NULL, NULL)::hand, ARRAY[ROW('x', (9, '\\\\'), '{}', 0)::hand]""")
            out(cur.fetchone())
        ''')),
        ('cast_outer_only', snippet('''
            cur.execute("CREATE TYPE pg_temp.inner_t AS (a int, b text)")
            cur.execute("CREATE TYPE pg_temp.outer_t AS (i inner_t, l inner_t[])")
            register_composite('outer_t', cur)
            cur.execute("SELECT ROW(ROW(1, 'x y'), ARRAY[ROW(2, 'z')::inner_t])::outer_t")
            out(cur.fetchone())
        ''')),
        ('names_schema_qualified', snippet('''
            cur.execute("CREATE SCHEMA diff_s; CREATE TYPE diff_s.pt AS (x int, y int)")
            describe(register_composite('diff_s.pt', cur))
            attempt(register_composite, 'pt', cur)
            cur.execute("SET LOCAL search_path = diff_s, public")
            describe(register_composite('pt', cur))
            describe(register_composite('diff_s.pt', cur))
            cur.execute("SELECT (1, 2)::pt")
            out(cur.fetchone())
        ''')),
        ('names_public_default', snippet('''
            cur.execute("CREATE TYPE public.pub_t AS (a int)")
            cur.execute("CREATE SCHEMA diff_first; CREATE TYPE diff_first.pub_t AS (b int)")
            cur.execute("SET LOCAL search_path = diff_first, public")
            # the type in public wins over the one the search path finds first
            describe(register_composite('pub_t', cur))
            describe(register_composite('diff_first.pub_t', cur))
        ''')),
        ('names_quoted_and_mixed_case', snippet('''
            cur.execute(\'\'\'CREATE TYPE public."MyType" AS (a int);
                CREATE TYPE public."dot.ty" AS (a int);
                CREATE TYPE public."typ\\u00e9 1$x-y" AS ("\\u00dcn\\u00ef" int, "B" text)\'\'\')
            for name in ['MyType', '"MyType"', 'mytype', 'public.MyType', 'public."MyType"',
                         'dot.ty', 'public.dot.ty', '"dot.ty"', 'typ\\u00e9 1$x-y',
                         '"typ\\u00e9 1$x-y"']:
                out(name)
                c = attempt(register_composite, name, cur)
                if c is not None:
                    describe(c)
        ''')),
        ('names_not_composite_or_missing', snippet('''
            for name in ['nope', 'int4', 'pg_catalog.int4', 'int4[]', '1bad name(', '',
                         'a.b.c', '.', 'pg_temp.nope', "it's"]:
                attempt(register_composite, name, cur)
            status(conn)
        ''')),
        ('names_relation_row_types', snippet('''
            cur.execute("CREATE TEMP TABLE tt (a int, b text, c date)")
            describe(register_composite('tt', cur))
            cur.execute("INSERT INTO tt VALUES (1, 'x', '2020-01-01')")
            cur.execute("SELECT t FROM tt t")
            out(cur.fetchall())
            c = register_composite('pg_catalog.pg_namespace', cur)
            out(c.name, c.schema, c.attnames[:2])
        ''')),
        ('namedtuple_refusals', snippet('''
            for i, attrs in enumerate(['"a b" int', '"def" int', '_x int', '"1a" int',
                                       '"select" int, "Ok" int', 'async int']):
                cur.execute("CREATE TYPE pg_temp.nt%d AS (%s)" % (i, attrs))
                c = attempt(register_composite, 'nt%d' % i, cur)
                if c is not None:
                    describe(c)
            cur.execute('CREATE TYPE public."1abc" AS (a int)')
            attempt(register_composite, '1abc', cur)
        ''')),
        ('dropped_attributes', snippet('''
            cur.execute("CREATE TYPE pg_temp.u AS (a int, b text, c int)")
            cur.execute("ALTER TYPE pg_temp.u DROP ATTRIBUTE b")
            c = register_composite('u', cur)
            out(c.attnames, c.atttypes)
            cur.execute("SELECT ROW(1, 2)::u")
            out(cur.fetchone())
            cur.execute("CREATE TYPE pg_temp.empty_t AS (a int)")
            cur.execute("ALTER TYPE pg_temp.empty_t DROP ATTRIBUTE a")
            attempt(register_composite, 'empty_t', cur)
        ''')),
        ('factory_make_dicts', snippet('''
            class DictComposite(CompositeCaster):
                def make(self, values):
                    return dict(zip(self.attnames, values))
            cur.execute("CREATE TYPE pg_temp.card AS (value int, suit text)")
            c = register_composite('card', cur, factory=DictComposite)
            out(type(c).__name__, isinstance(c, CompositeCaster), c.name)
            cur.execute("SELECT (1, 'a')::card, ARRAY[(2, 'b')::card, NULL], NULL::card")
            out(cur.fetchone())
            out(c.parse('(3,c)', cur), c.make([4, 'd']))
        ''')),
        ('factory_other_class', snippet('''
            class Upper(CompositeCaster):
                def parse(self, s, curs):
                    return None if s is None else s.upper()
            cur.execute("CREATE TYPE pg_temp.card AS (value int, suit text)")
            c = register_composite('card', cur, factory=Upper)
            cur.execute("SELECT (1, 'a')::card, ARRAY[(2, 'b')::card]")
            out(cur.fetchone())
        ''')),
        ('tokenize', snippet('''
            for s in %r:
                out(repr(s), CompositeCaster.tokenize(s))
            attempt(CompositeCaster.tokenize, None)
            attempt(CompositeCaster.tokenize, 12)
            attempt(CompositeCaster.tokenize, b'(1,2)')
        ''' % (_TOKENIZE_TEXTS,))),
        ('parse_and_make', snippet('''
            c = card(cur)
            for s in ['(1,2,3)', '(1)', '', '(,)', '(1,x)', '(x,y)', None]:
                out(repr(s), attempt(c.parse, s, cur))
            attempt(c.parse, '(1,x)', None)
            out(c.make([1, 2]), c.make((1, 2)), c.make(iter([3, 4])))
            attempt(c.make, [1])
        ''')),
        ('manual_casters', snippet('''
            for kwargs in [{}, {'array_oid': 0}, {'array_oid': 1235, 'schema': 's'}]:
                c = CompositeCaster('foo.bar', 1234, [('a', 23), ('b', 25)], **kwargs)
                out(kwargs, [(k, v) for k, v in vars(c).items()
                             if k not in ('type', '_ctor', 'typecaster', 'array_typecaster')])
                describe(c)
                out(c.typecaster.values, c.array_typecaster and c.array_typecaster.values)
            c = CompositeCaster('r', 1, [('a', 23), ('b', 1082)])
            out(c.parse('(1,2020-01-02)', cur), c.typecaster('(2,)', cur))
            attempt(CompositeCaster, 'x', 1, [('a', 23)], 2, 's', 3)
            attempt(CompositeCaster, b'x', 1, [('a', 23)])
            attempt(CompositeCaster, 'x', 'oid', [('a', 23)])
        ''')),
        ('adaptation_of_tuples', snippet('''
            c = card(cur)
            out(cur.mogrify('%s', (c.type(1, 'a'),)))
            out(cur.mogrify('%s, %s, %s', ((1, None, 'x', (2, 3)), (), [(1, 'a'), (2, None)])))
            cur.execute('SELECT %s::card, %s::card[], %s', ((1, "it's"), [(2, 'b'), (3, None)], (4, 'c')))
            out(cur.fetchone())
            cur.execute('SELECT %s::card = ANY(%s::card[])', (c.type(2, 'b'), [(2, 'b')]))
            out(cur.fetchone())
        ''')),
        ('savepoint_left_after_a_resolved_name', snippet('''
            cur.execute("CREATE SCHEMA diff_sp; CREATE TYPE diff_sp.spt AS (a int)")
            cur.execute("SET LOCAL search_path = diff_sp, public")
            register_composite('spt', cur)
            status(conn)
            attempt(cur.execute, 'RELEASE SAVEPOINT register_type')
            out(cur.statusmessage)
        ''')),
        ('transaction_idle_found_exactly', snippet('''
            c = connect()
            describe(register_composite('%(schema)s.card', c))
            status(c)
        ''' % {'schema': SCHEMA})),
        ('transaction_idle_found_through_search_path', snippet('''
            c = connect(options='-c search_path=%(schema)s')
            c.autocommit = True
            describe(register_composite('card', c))
            status(c)
            c.autocommit = False
            describe(register_composite('card', c))
            status(c)
        ''' % {'schema': SCHEMA})),
        ('transaction_idle_not_found', snippet('''
            c = connect()
            attempt(register_composite, 'nope', c)
            status(c)
            c.autocommit = True
            attempt(register_composite, 'nope', c)
            attempt(register_composite, '1bad name(', c)
            status(c)
        ''')),
        ('transaction_open_is_kept', snippet('''
            c = connect()
            k = c.cursor()
            k.execute('INSERT INTO %(schema)s.kept VALUES (1)')
            describe(register_composite('%(schema)s.card', k))
            status(c)
            attempt(register_composite, 'nope', k)
            attempt(register_composite, '1bad name(', k)
            status(c)
            k.execute('SELECT x FROM %(schema)s.kept')
            out(k.fetchall())
            c.rollback()
        ''' % {'schema': SCHEMA})),
        ('transaction_failed', snippet('''
            c = connect()
            k = c.cursor()
            attempt(k.execute, 'SELECT 1/0')
            attempt(register_composite, '%(schema)s.card', c)
            status(c)
            out(c.string_types)
        ''' % {'schema': SCHEMA})),
        ('scope_cursor', snippet('''
            c = card(cur)
            other = conn.cursor()
            for k in (cur, other):
                k.execute("SELECT (1, 'a')::card, ARRAY[(2, 'b')::card]")
                out(k.fetchone())
            out(len(cur.string_types), len(conn.string_types))
        ''')),
        ('scope_connection_and_global', snippet('''
            c1, c2 = connect(), connect()
            name = '%(schema)s.card'
            register_composite(name, c1)
            for c in (c1, c2):
                k = c.cursor()
                k.execute("SELECT (1, 'a')::" + name)
                out(k.fetchone())
            g = register_composite(name, c1, globally=True)
            try:
                k = connect().cursor()
                k.execute("SELECT (1, 'a')::" + name)
                out(k.fetchone())
                out(len(c1.string_types))
            finally:
                psycopg2.extensions.string_types.pop(g.oid)
                psycopg2.extensions.string_types.pop(g.array_oid)
        ''' % {'schema': SCHEMA})),
        ('register_on_bad_objects', snippet('''
            attempt(register_composite, None, cur)
            attempt(register_composite, b'card', cur)
            attempt(register_composite, 'card', None)
            c = connect()
            c.close()
            attempt(register_composite, 'card', c)
        ''')),
    ]


class CompositeBehaviourTests(ConnectingTestCase):
    """What the transcripts can't show."""

    def setUp(self):
        super().setUp()
        self.addCleanup(save_registries())
        self.conn = self.connect()
        self.schema = unique_name('composite')
        cur = self.conn.cursor()
        cur.execute('CREATE SCHEMA %s; CREATE TYPE %s.card AS (value int, suit text)'
                    % (self.schema, self.schema))
        self.conn.commit()

    def tearDown(self):
        super().tearDown()
        conn = psycopg2.connect('')
        conn.autocommit = True
        conn.cursor().execute('DROP SCHEMA IF EXISTS %s CASCADE' % self.schema)
        conn.close()

    def test_named_cursor_rows_are_cast(self):
        caster = extras.register_composite(self.schema + '.card', self.conn)
        cur = self.conn.cursor('composite_named')
        cur.execute("SELECT (i, 's' || i)::%s.card FROM generate_series(1, 3) i" % self.schema)
        self.assertEqual(cur.fetchall(), [(caster.type(i, 's%d' % i),) for i in (1, 2, 3)])

    def test_dict_cursor_rows_hold_the_composites(self):
        extras.register_composite(self.schema + '.card', self.conn)
        cur = self.conn.cursor(cursor_factory=extras.DictCursor)
        cur.execute("SELECT (1, 'a')::%s.card AS c" % self.schema)
        self.assertEqual(cur.fetchone()['c'].suit, 'a')

    def test_caster_follows_the_registration_on_the_connection(self):
        extras.register_composite(self.schema + '.card', self.conn)

        class DictComposite(extras.CompositeCaster):
            def make(self, values):
                return dict(zip(self.attnames, values))

        extras.register_composite(self.schema + '.card', self.conn, factory=DictComposite)
        cur = self.conn.cursor()
        cur.execute("SELECT (1, 'a')::%s.card" % self.schema)
        self.assertEqual(cur.fetchone()[0], {'value': 1, 'suit': 'a'})

    def test_many_rows_with_nulls(self):
        caster = extras.register_composite(self.schema + '.card', self.conn)
        cur = self.conn.cursor()
        cur.execute("SELECT CASE WHEN i %% 3 = 0 THEN NULL ELSE (i, NULLIF('x', 'x' || (i %% 2)))"
                    "::%s.card END FROM generate_series(1, 2500) i" % self.schema)
        rows = cur.fetchall()
        self.assertEqual(len(rows), 2500)
        self.assertIsNone(rows[2][0])
        self.assertEqual(rows[0][0], caster.type(1, 'x'))
        self.assertEqual(rows[1][0], caster.type(2, 'x'))
        self.assertEqual(rows[3][0], caster.type(4, 'x'))

    def test_type_altered_after_registration_fails_to_parse(self):
        extras.register_composite(self.schema + '.card', self.conn)
        self.conn.autocommit = True
        cur = self.conn.cursor()
        cur.execute('ALTER TYPE %s.card ADD ATTRIBUTE extra int' % self.schema)
        with self.assertRaises(psycopg2.DataError) as cm:
            cur.execute("SELECT (1, 'a', 2)::%s.card" % self.schema)
            cur.fetchone()
        self.assertEqual(str(cm.exception),
                         'expecting 2 components for the type card, 3 found instead')
        cur.execute('SELECT 1')
        self.assertEqual(cur.fetchone(), (1,))


if __name__ == '__main__':
    unittest.main()
