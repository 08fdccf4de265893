"""hstore (psycopg2.extras): HstoreAdapter, its parsers, register_hstore.

The differential snippets run on the reference psycopg2 2.9.5 and here; the
plain tests pin behaviour around them (scopes, transactions) and pass on both.
Needs the hstore extension in the test database (PGTEST_HSTORE=1).

register_hstore adapts dicts globally, and the suites share one process:
every test here puts the global adapters and casters back as it found them.
"""

import unittest
import uuid

import psycopg2
import psycopg2.extensions as ext
import psycopg2.extras as extras

from _support import ConnectingTestCase, HSTORE, save_registries
from test_differential import SNIPPET_HELPERS, _DifferentialTestCase, closing_snippet, generated

needs_hstore = unittest.skipUnless(HSTORE, 'the server has no hstore (PGTEST_HSTORE=0)')


# Snippets get `connect()` (a new connection, closed after the snippet by
# `closing`) besides the harness's conn, cur and out.
_PRELUDE = SNIPPET_HELPERS + '''\
import psycopg2.extras
def forget_global_hstore(oids):
    for oid in oids:
        psycopg2.extensions.string_types.pop(oid, None)
'''

def snippet(code):
    return closing_snippet(_PRELUDE, code)


_QUOTING = [
    "{}",
    "{'a': '1'}",
    "{'a': '1', 'b': None}",
    "{'a': None}",
    "{'a': None, 'b': None}",
    "{'': ''}",
    "{\"it's\": 'say \"hi\"'}",
    "{'back\\\\slash': 'two \\\\\\\\ slashes'}",
    "{'comma, =>': 'NULL'}",
    "{'caf\\u00e9 \\u20ac': '\\U0001f600'}",
    "{'k%d' % i: str(i) for i in range(5)}",
]

# Adapted as arrays of numbers: hstore(text[], numeric[]) doesn't exist.
_NOT_TEXT = "{'n': 1, 'f': 1.5}"


_PARSE_TEXTS = [
    '', '"a"=>"b"', '"a"=>NULL', '"a" => "b" ,  "c"=>NULL', '"a"=>"b",',
    '"a\\"b"=>"c\\\\d"', '"a"=>"x\\ny"', '"\\a"=>"\\\\"', '"a"=>"b"\n',
    'a=>b', '"a"=>"b" x', '"a"=>"b", x "c"=>"d"', '"a"=>"b",,"c"=>"d"',
    '"a"=>null', '"a"=>"b', ' "a"=>"b"', '"a"=>"b" ,', '"a"=>"b"\n,"c"=>"d"',
    '"a"=>"1", "a"=>"2"', '"k\\\n"=>"v"',
]


@generated
class HstoreDifferentialTests(_DifferentialTestCase):

    @classmethod
    def setUpClass(cls):
        if not HSTORE:
            raise unittest.SkipTest('the server has no hstore (PGTEST_HSTORE=0)')
        restore = save_registries()
        try:
            super().setUpClass()
        finally:
            restore()

    SNIPPETS = [
        ('adapt_before_register', snippet('''
            out(psycopg2.extensions.adapters.get((dict, psycopg2.extensions.ISQLQuote)))
            out(cur.mogrify('%s', ({'a': 'b'},)))
        ''')),
        ('adapt_dicts', snippet('''
            out(psycopg2.extras.register_hstore(conn))
            out(psycopg2.extensions.adapters[(dict, psycopg2.extensions.ISQLQuote)])
            for d in [%s]:
                out(cur.mogrify('%%s', (d,)))
        ''' % ', '.join(_QUOTING + [_NOT_TEXT]))),
        ('adapter_object', snippet('''
            a = psycopg2.extras.HstoreAdapter({'a': 'b', 'c': None})
            out(sorted(vars(a)))
            try:
                a.getquoted()
            except AttributeError as e:
                out('AttributeError', str(e))
            out(psycopg2.extras.HstoreAdapter({}).getquoted())
            a.prepare(conn)
            out(sorted(vars(a)), a.wrapped)
            out(a.getquoted())
            out(a._getquoted_9(), a._getquoted_8())
            out(psycopg2.extras.HstoreAdapter({})._getquoted_8())
            out(psycopg2.extras.HstoreAdapter.__module__)
        ''')),
        ('parse_texts', snippet('''
            for s in %r:
                try:
                    out(repr(s), psycopg2.extras.HstoreAdapter.parse(s, None))
                except Exception as e:
                    out(repr(s), type(e).__name__, str(e))
            out(psycopg2.extras.HstoreAdapter.parse(None, None))
            for bad in (12, b'"a"=>"b"'):
                try:
                    psycopg2.extras.HstoreAdapter.parse(bad, None)
                except Exception as e:
                    out(type(e).__name__, str(e))
        ''' % (_PARSE_TEXTS,))),
        ('parse_unicode', snippet('''
            P = psycopg2.extras.HstoreAdapter
            out(P.parse_unicode(None, cur), P.parse_unicode(None, None))
            out(P.parse_unicode('"\\u00e9"=>"x"'.encode('utf-8'), cur))
            for args in (('"a"=>"b"', cur), (b'"a"=>"b"', None), (b'"a', cur)):
                try:
                    out(P.parse_unicode(*args))
                except Exception as e:
                    out(type(e).__name__, str(e))
        ''')),
        ('cast_values', snippet(r'''
            psycopg2.extras.register_hstore(conn)
            cur.execute("SELECT 'a=>1, b=>NULL'::hstore, ''::hstore, NULL::hstore, "
                        "%s::hstore, %s::hstore",
                        ('"c d"=>"x\\"y", "" => ""', '"k\\\\"=>"v\\""'))
            out(cur.fetchone())
            cur.execute("SELECT hstore('caf\u00e9', '\U0001f600'), hstore('NULL', NULL), "
                        "hstore('=>,\"', ' spaced ')")
            out(cur.fetchone())
        ''')),
        ('cast_arrays', snippet('''
            psycopg2.extras.register_hstore(conn)
            cur.execute("""SELECT ARRAY['a=>1'::hstore, NULL, '', 'b=>NULL, "c,d"=>"{}"'],
                '{}'::hstore[], NULL::hstore[], ARRAY[ARRAY['x=>y'::hstore]]""")
            out(cur.fetchone())
        ''')),
        ('roundtrip_dicts', snippet('''
            psycopg2.extras.register_hstore(conn)
            for d in [%s]:
                cur.execute('SELECT %%s', (d,))
                out(cur.fetchone()[0] == {k: None if v is None else str(v) for k, v in d.items()})
            cur.execute('SELECT %%s::hstore[]', ([{'a': 'b'}, {}, {'c': None}],))
            out(cur.fetchone())
        ''' % ', '.join(_QUOTING))),
        ('cast_large_escaped', snippet(r'''
            psycopg2.extras.register_hstore(conn)
            d = {'k%d "q" \\ %d' % (i, i): (None if i % 7 == 0 else 'v\\"%d\n, "=>"' % i)
                 for i in range(3000)}
            cur.execute('SELECT %s, %s::text', (d, d))
            h, text = cur.fetchone()
            out(len(h), h == d, len(text))
            out(sorted(h.items())[:3])
            out(psycopg2.extras.HstoreAdapter.parse(text, None) == d)
        ''')),
        ('register_returns_and_casters', snippet('''
            c = connect()
            out(psycopg2.extras.register_hstore(c))
            cur.execute("SELECT 'hstore'::regtype::oid, '_hstore'::regtype::oid")
            oid, array_oid = cur.fetchone()
            out(sorted(c.string_types) == [oid, array_oid])
            out(c.string_types[oid].name, c.string_types[oid].values == (oid,))
            out(c.string_types[array_oid].name, c.string_types[array_oid].values == (array_oid,))
            out(psycopg2.extras.HstoreAdapter.get_oids(c) == ((oid,), (array_oid,)))
            out(psycopg2.extras.HstoreAdapter.get_oids(c.cursor()) == ((oid,), (array_oid,)))
        ''')),
        ('register_with_oids', snippet('''
            cur.execute("SELECT 'hstore'::regtype::oid, '_hstore'::regtype::oid")
            oid, array_oid = cur.fetchone()
            def casters(c):
                return sorted((c.string_types[k].name, c.string_types[k].values == (k,))
                              for k in c.string_types)
            for kwargs in [dict(oid=oid), dict(oid=oid, array_oid=array_oid),
                           dict(oid=(oid,), array_oid=[array_oid, 0]),
                           dict(oid=oid, array_oid=(0,)), dict(oid=[oid]),
                           dict(oid=oid, array_oid='x'), dict(oid=(oid, 0))]:
                c = connect()
                try:
                    out(psycopg2.extras.register_hstore(c, **kwargs), casters(c))
                    status(c)
                except Exception as e:
                    out(type(e).__name__, str(e))
            c = connect()
            psycopg2.extras.register_hstore(c, oid=oid)
            k = c.cursor()
            k.execute("SELECT 'a=>b'::hstore, '{\\"a=>b\\"}'::hstore[]")
            out(k.fetchone())
        ''')),
        ('register_unicode_flag', snippet('''
            c = connect()
            psycopg2.extras.register_hstore(c, unicode=True)
            k = c.cursor()
            k.execute("SELECT 'caf\\u00e9=>x'::hstore")
            out(k.fetchone())
        ''')),
        ('scope_cursor', snippet('''
            c = connect()
            k1 = c.cursor()
            psycopg2.extras.register_hstore(k1)
            out(len(k1.string_types), len(c.string_types))
            k2 = c.cursor()
            for k in (k1, k2):
                k.execute("SELECT 'a=>b'::hstore, ARRAY['a=>b'::hstore]")
                out(k.fetchone())
        ''')),
        ('scope_connection', snippet('''
            c1, c2 = connect(), connect()
            psycopg2.extras.register_hstore(c1)
            for c in (c1, c2):
                k = c.cursor()
                k.execute("SELECT 'a=>b'::hstore")
                out(k.fetchone())
        ''')),
        ('scope_global', snippet('''
            c1 = connect()
            oids = psycopg2.extras.HstoreAdapter.get_oids(c1)
            try:
                psycopg2.extras.register_hstore(c1, globally=True)
                out(len(c1.string_types))
                k = connect().cursor()
                k.execute("SELECT 'a=>b'::hstore, ARRAY['a=>b'::hstore]")
                out(k.fetchone())
            finally:
                forget_global_hstore(oids[0] + oids[1])
        ''')),
        ('transaction_idle_is_rolled_back', snippet('''
            c = connect()
            status(c)
            psycopg2.extras.register_hstore(c)
            status(c)
            psycopg2.extras.HstoreAdapter.get_oids(c)
            status(c)
        ''')),
        ('transaction_open_is_kept', snippet('''
            c = connect()
            k = c.cursor()
            k.execute('CREATE TEMP TABLE kept (x int)')
            k.execute('INSERT INTO kept VALUES (1)')
            psycopg2.extras.register_hstore(k)
            status(c)
            k.execute('SELECT x FROM kept')
            out(k.fetchall())
        ''')),
        ('transaction_autocommit', snippet('''
            c = connect()
            c.autocommit = True
            psycopg2.extras.register_hstore(c)
            status(c)
        ''')),
        ('transaction_readonly', snippet('''
            c = connect()
            c.set_session(readonly=True)
            psycopg2.extras.register_hstore(c)
            status(c)
        ''')),
        ('transaction_failed', snippet('''
            c = connect()
            k = c.cursor()
            try:
                k.execute('SELECT 1/0')
            except psycopg2.Error as e:
                out(type(e).__name__)
            try:
                psycopg2.extras.register_hstore(c)
            except psycopg2.Error as e:
                out(type(e).__name__, str(e))
            status(c)
            out(c.string_types)
            c.rollback()
            psycopg2.extras.register_hstore(c)
            out(len(c.string_types))
        ''')),
        ('register_on_bad_objects', snippet('''
            c = connect()
            c.close()
            for target in (None, c):
                try:
                    psycopg2.extras.register_hstore(target)
                except Exception as e:
                    out(type(e).__name__, str(e))
        ''')),
        ('hstore_not_installed', snippet('''
            admin = connect()
            admin.autocommit = True
            name = 'nohstore_' + os.urandom(6).hex()
            admin.cursor().execute('CREATE DATABASE ' + name)
            try:
                c = connect(dbname=name)
                try:
                    psycopg2.extras.register_hstore(c)
                except Exception as e:
                    out(type(e).__module__, type(e).__name__, str(e))
                status(c)
                out(psycopg2.extras.HstoreAdapter.get_oids(c))
                c.close()
            finally:
                admin.cursor().execute('DROP DATABASE ' + name)
        ''')),
    ]


@needs_hstore
class HstoreBehaviourTests(ConnectingTestCase):
    """What the transcripts can't show: which objects see the casters."""

    def setUp(self):
        super().setUp()
        self.addCleanup(save_registries())

    def fetch(self, cur, sql='SELECT \'a=>"1"\'::hstore'):
        cur.execute(sql)
        return cur.fetchone()[0]

    def test_dict_adapter_is_global_even_for_a_connection_scope(self):
        conn = self.connect()
        extras.register_hstore(conn)
        other = self.connect()
        self.assertEqual(other.cursor().mogrify('%s', ({'a': None},)),
                         b"hstore(ARRAY['a'], '{NULL}')")

    def test_cursor_scope_reaches_neither_the_connection_nor_other_cursors(self):
        conn = self.connect()
        cur = conn.cursor()
        extras.register_hstore(cur)
        self.assertEqual(self.fetch(cur), {'a': '1'})
        self.assertEqual(conn.string_types, {})
        self.assertEqual(self.fetch(conn.cursor()), '"a"=>"1"')

    def test_connection_scope_reaches_its_cursors_named_ones_too(self):
        conn = self.connect()
        extras.register_hstore(conn)
        self.assertEqual(self.fetch(conn.cursor()), {'a': '1'})
        named = conn.cursor('hstore_named')
        self.assertEqual(self.fetch(named), {'a': '1'})
        self.assertEqual(self.fetch(self.connect().cursor()), '"a"=>"1"')

    def test_global_scope_reaches_new_connections(self):
        conn = self.connect()
        extras.register_hstore(conn, globally=True)
        self.assertEqual(conn.string_types, {})
        self.assertEqual(self.fetch(self.connect().cursor()), {'a': '1'})

    def test_connection_factory_cursors_are_not_used_for_the_lookup(self):
        # The lookup runs on a plain cursor: a DictCursor connection still
        # gets its OIDs (and rows stay dict rows afterwards).
        conn = self.connect(connection_factory=extras.RealDictConnection)
        extras.register_hstore(conn)
        cur = conn.cursor()
        cur.execute("SELECT 'a=>b'::hstore AS h")
        self.assertEqual(cur.fetchone(), {'h': {'a': 'b'}})

    def test_connection_usable_after_a_parse_error(self):
        conn = self.connect()
        cur = conn.cursor()
        oid = self.scalar(conn, "SELECT 'hstore'::regtype::oid")
        # a caster that sees what the server never sends, to make it fail
        broken = ext.new_type((oid,), 'BROKEN', lambda s, c: extras.HstoreAdapter.parse(s + ' x', c))
        ext.register_type(broken, cur)
        with self.assertRaises(psycopg2.InterfaceError) as cm:
            self.fetch(cur)
        self.assertEqual(str(cm.exception), 'error parsing hstore: unparsed data after char 0')
        self.assertEqual(self.scalar(conn, 'SELECT 1'), 1)

    def test_hstore_not_found_in_a_schema_less_database(self):
        admin = self.connect()
        admin.autocommit = True
        name = 'nohstore_' + uuid.uuid4().hex[:12]
        admin.cursor().execute('CREATE DATABASE ' + name)
        try:
            conn = self.connect(dbname=name)
            with self.assertRaises(psycopg2.ProgrammingError) as cm:
                extras.register_hstore(conn)
            self.assertIn("hstore type not found in the database", str(cm.exception))
            self.assertEqual(conn.status, ext.STATUS_READY)
            self.assertEqual(self.scalar(conn, 'SELECT 1'), 1)
            conn.close()
        finally:
            admin.cursor().execute('DROP DATABASE ' + name)


if __name__ == '__main__':
    unittest.main()
