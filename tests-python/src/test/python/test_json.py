"""JSON in psycopg2.extras: the Json adapter, register_json,
register_default_json and register_default_jsonb, and the default json/jsonb
typecasters of psycopg2.extensions.

Values, reprs, mogrify bytes and error messages are compared with psycopg2
2.9.5 by differential snippets; the plain tests pin what a transcript can't
show (registration scopes across connections and cursors).
"""

import json
import textwrap
import unittest

import psycopg2
import psycopg2.extensions as ext
import psycopg2.extras as extras

from _support import ConnectingTestCase
from test_differential import _DifferentialTestCase, generated

_GLOBAL_ATTRIBUTES = ('UUID', 'UUIDARRAY', 'INET', 'INETARRAY')


def isolated(code):
    """`code` run so that its registrations (global typecasters and adapters,
    the extensions attributes register_uuid/register_inet set, typecasters of
    the harness's connection) are undone after it: every suite shares one
    process, every snippet of a class one connection."""
    body = textwrap.indent(textwrap.dedent(code), '    ')
    return (
        'import psycopg2.extensions as _ext\n'
        '_saved = (dict(_ext.string_types), dict(_ext.adapters),\n'
        '          dict((n, getattr(_ext, n)) for n in %r if hasattr(_ext, n)),\n'
        '          dict(conn.string_types))\n'
        'try:\n' % (_GLOBAL_ATTRIBUTES,)
        + body +
        'finally:\n'
        '    conn.string_types.clear()\n'
        '    conn.string_types.update(_saved[3])\n'
        '    _ext.string_types.clear()\n'
        '    _ext.string_types.update(_saved[0])\n'
        '    _ext.adapters.clear()\n'
        '    _ext.adapters.update(_saved[1])\n'
        '    for _n in %r:\n'
        '        if _n in _saved[2]:\n'
        '            setattr(_ext, _n, _saved[2][_n])\n'
        '        elif hasattr(_ext, _n):\n'
        '            delattr(_ext, _n)\n' % (_GLOBAL_ATTRIBUTES,))


class GlobalRegistrations(object):
    """Mixin for plain tests: undo global registrations after each test."""

    def setUp(self):
        super().setUp()
        saved = (dict(ext.string_types), dict(ext.adapters),
                 dict((n, getattr(ext, n)) for n in _GLOBAL_ATTRIBUTES if hasattr(ext, n)))
        self.addCleanup(self._restore, saved)

    @staticmethod
    def _restore(saved):
        ext.string_types.clear()
        ext.string_types.update(saved[0])
        ext.adapters.clear()
        ext.adapters.update(saved[1])
        for name in _GLOBAL_ATTRIBUTES:
            if name in saved[2]:
                setattr(ext, name, saved[2][name])
            elif hasattr(ext, name):
                delattr(ext, name)


_JSON_QUERY = ("SELECT '{\"a\": [1, null]}'::json, ARRAY['{}'::json, NULL, '2'], "
               "NULL::json, '{{\"[1]\",NULL},{\"3\",\"{}\"}}'::json[]")
_JSONB_QUERY = ("SELECT '{\"b\": true}'::jsonb, ARRAY['[]'::jsonb, NULL], NULL::jsonb, "
                "'{}'::jsonb[]")


@generated
class JsonDifferentialTests(_DifferentialTestCase):
    SNIPPETS = [(name, isolated(code)) for name, code in [
        # -- the module ------------------------------------------------------
        ('module_names', '''
            import psycopg2.extras, psycopg2._json, json
            out(psycopg2.extras.json is json, psycopg2._json.json is json)
            out(psycopg2.extras.Json is psycopg2._json.Json, psycopg2.extras.Json.__module__)
            out(psycopg2._json.JSON_OID, psycopg2._json.JSONARRAY_OID,
                psycopg2._json.JSONB_OID, psycopg2._json.JSONBARRAY_OID)
            for n in ('Json', 'register_json', 'register_default_json', 'register_default_jsonb'):
                out(n, getattr(psycopg2.extras, n) is getattr(psycopg2._json, n))
        '''),

        # -- the Json adapter -------------------------------------------------
        ('json_getquoted', '''
            from psycopg2.extras import Json
            from psycopg2.extensions import ISQLQuote
            j = Json({'a': [1, 'caf\\u00e9', None, 1.5, True]})
            out(j.getquoted(), str(j), j.adapted)
            out(j.__conform__(ISQLQuote) is j, j.__conform__(object))
            out(Json(None).getquoted(), Json('x').getquoted(), Json([]).getquoted(),
                Json(0).getquoted(), Json('').getquoted())
        '''),
        ('json_quotes_and_backslashes', '''
            from psycopg2.extras import Json
            v = {"it's": 'a\\\\b "c"'}
            out(Json(v).getquoted())
            out(cur.mogrify('%s', [Json(v)]))
            out(cur.mogrify('%(j)s::jsonb', {'j': Json(v)}))
        '''),
        ('json_dumps_argument', '''
            import functools, json
            from psycopg2.extras import Json
            out(Json([1, 2], dumps=lambda o: 'X').getquoted())
            out(cur.mogrify('%s', [Json({'b': 1, 'a': 2}, dumps=functools.partial(json.dumps, sort_keys=True))]))
            out(Json({'a': 1}, dumps=None).getquoted())
        '''),
        ('json_dumps_method_override', '''
            from psycopg2.extras import Json
            class MyJson(Json):
                def dumps(self, obj):
                    return 'custom:%r' % (obj,)
            out(cur.mogrify('%s, %s', [MyJson(1), MyJson([None])]))
            out(str(MyJson('x')))
        '''),
        ('json_unicode_dumps', '''
            import json
            from psycopg2.extras import Json
            dumps = lambda o: json.dumps(o, ensure_ascii=False)
            out(cur.mogrify('%s', [Json('caf\\u00e9 \\u20ac', dumps=dumps)]))
            j = Json('caf\\u00e9 \\u20ac', dumps=dumps)
            j.prepare(conn)
            out(j.getquoted(), str(j))
        '''),
        ('json_unicode_without_connection_fails', '''
            import json
            from psycopg2.extras import Json
            try:
                Json('\\u20ac', dumps=lambda o: json.dumps(o, ensure_ascii=False)).getquoted()
            except UnicodeEncodeError as e:
                out(type(e), e.object, e.start, e.end)
        '''),
        ('json_not_serializable', '''
            from psycopg2.extras import Json
            cur.mogrify('%s', [Json(object())])
        '''),
        ('json_dumps_returns_non_string', '''
            from psycopg2.extras import Json
            Json(1, dumps=lambda o: o).getquoted()
        '''),
        ('json_dumps_returns_bytes', '''
            from psycopg2.extras import Json
            out(cur.mogrify('%s', [Json(1, dumps=lambda o: b"{'x'}")]))
        '''),
        ('json_in_list_and_tuple', '''
            from psycopg2.extras import Json
            out(cur.mogrify('%s', [[Json({'a': 1}), Json(None), None]]))
            out(cur.mogrify('%s', [(Json(1), Json('2'))]))
        '''),
        ('json_round_trip', '''
            from psycopg2.extras import Json
            v = {'a': [1, 2.5, None, 'x\\'y'], 'b': {'c': True}}
            cur.execute('SELECT %s::json, %s::jsonb, %s', [Json(v), Json(v), Json(v)])
            out(cur.fetchone())
            out(cur.description[0].type_code, cur.description[1].type_code,
                cur.description[2].type_code)
        '''),
        ('json_repr_has_no_custom_form', '''
            from psycopg2.extras import Json
            import re
            out(re.sub('0x[0-9a-fA-F]+', 'ADDR', repr(Json(1))))
            out(Json.__mro__[1:], sorted(vars(Json(1))))
        '''),

        # -- default casters ---------------------------------------------------
        ('default_casters', '''
            import psycopg2.extensions as e
            for c in (e.JSON, e.JSONARRAY, e.JSONB, e.JSONBARRAY):
                out(c.name, c.values, e.string_types[c.values[0]] is c)
            out(e.JSON('{"a": [1]}', None), e.JSON(None, None), e.JSONB('2', None))
            out(e.JSONARRAY('{"{\\\\"a\\\\": 1}",NULL,"[]"}', None), e.JSONBARRAY('{}', None))
            out(e.JSON(b'[1]', None))
        '''),
        ('default_fetch', '''
            cur.execute(%r)
            out(cur.fetchone())
            cur.execute(%r)
            out(cur.fetchone())
        ''' % (_JSON_QUERY, _JSONB_QUERY)),
        ('default_cast_bad_json', '''
            cur.execute("SELECT '1'::json, ARRAY['1'::json]")
            out(cur.fetchone())
            out(psycopg2.extensions.JSON('{bad', None))
        '''),

        # -- register_json ------------------------------------------------------
        ('register_json_on_connection', '''
            from psycopg2.extras import register_json
            casters = register_json(conn, loads=lambda s: ('loaded', s))
            out([(c.name, c.values) for c in casters])
            out(conn.string_types[114] is casters[0], conn.string_types[199] is casters[1])
            out(psycopg2.extensions.string_types[114] is psycopg2.extensions.JSON)
            cur.execute(%r)
            out(cur.fetchone())
            out(conn.status)
        ''' % _JSON_QUERY),
        ('register_json_default_loads', '''
            from psycopg2.extras import register_json
            casters = register_json(conn)
            cur.execute(%r)
            out(cur.fetchone())
        ''' % _JSON_QUERY),
        ('register_json_on_cursor', '''
            from psycopg2.extras import register_json
            casters = register_json(cur, loads=lambda s: 'L' + s)
            out(sorted(cur.string_types), sorted(conn.string_types))
            cur.execute(%r)
            out(cur.fetchone())
            other = conn.cursor()
            other.execute(%r)
            out(other.fetchone())
        ''' % (_JSON_QUERY, _JSON_QUERY)),
        ('register_json_jsonb_by_name', '''
            from psycopg2.extras import register_json
            casters = register_json(conn, name='jsonb', loads=lambda s: s.upper())
            out([(c.name, c.values) for c in casters])
            cur.execute(%r)
            out(cur.fetchone())
        ''' % _JSONB_QUERY),
        ('register_json_name_is_upper_cased', '''
            from psycopg2.extras import register_json
            out([(c.name, c.values) for c in register_json(conn, name='JSON', oid=114, array_oid=199)])
            out([c and (c.name, c.values) for c in register_json(conn, name='my_json', oid=114)])
            out(register_json(conn, oid=114, array_oid=None)[1])
        '''),
        ('register_json_custom_type_name', '''
            from psycopg2.extras import register_json
            cur.execute('CREATE SCHEMA json_diff_schema')
            cur.execute('CREATE DOMAIN json_diff_schema.my_json AS json')
            casters = register_json(conn, name='my_json')
            cur.execute("SELECT oid, typarray FROM pg_type WHERE typname = 'my_json'")
            oid, typarray = cur.fetchone()
            out([c.name for c in casters], casters[0].values == (oid,),
                casters[1].values == (typarray,), conn.status)
        '''),
        ('register_json_schema_qualified_name_not_found', '''
            from psycopg2.extras import register_json
            register_json(conn, name='pg_catalog.json')
        '''),
        ('register_json_type_not_found', '''
            from psycopg2.extras import register_json
            try:
                register_json(conn, name='no_such_json')
            except psycopg2.ProgrammingError as e:
                out(type(e), e, e.pgcode, conn.status, conn.info.transaction_status)
        '''),
        ('register_json_not_found_in_transaction', '''
            from psycopg2.extras import register_json
            cur.execute('CREATE TEMP TABLE json_diff_t (x int)')
            try:
                register_json(cur, name='no_such_json')
            except psycopg2.ProgrammingError as e:
                out(e, conn.status)
            cur.execute('SELECT count(*) FROM json_diff_t')
            out(cur.fetchone())
        '''),
        ('register_json_lookup_leaves_connection_idle', '''
            from psycopg2.extras import register_json
            out(conn.status, conn.info.transaction_status)
            register_json(conn)
            out(conn.status, conn.info.transaction_status)
            cur.execute('SELECT 1')
            register_json(conn)
            out(conn.status, conn.info.transaction_status)
        '''),
        ('register_json_autocommit', '''
            from psycopg2.extras import register_json
            conn.autocommit = True
            try:
                casters = register_json(conn, loads=len)
                out(conn.status, conn.info.transaction_status)
                cur.execute(%r)
                out(cur.fetchone())
            finally:
                conn.autocommit = False
        ''' % _JSON_QUERY),
        ('register_json_without_connection', '''
            from psycopg2.extras import register_json
            for args in ((), (None,)):
                try:
                    register_json(*args)
                except Exception as e:
                    out(type(e), e)
        '''),
        ('register_json_on_closed_connection', '''
            from psycopg2.extras import register_json
            c = psycopg2.connect(conn.dsn)
            c.close()
            register_json(c)
        '''),
        ('register_json_oid_without_connection_is_global', ('''
            from psycopg2.extras import register_json
            casters = register_json(oid=114, array_oid=199, loads=lambda s: 'global')
            out(psycopg2.extensions.string_types[114] is casters[0],
                psycopg2.extensions.string_types[199] is casters[1])
            c = psycopg2.connect(conn.dsn)
            k = c.cursor()
            k.execute(%r)
            out(k.fetchone())
            c.close()
        ''' % _JSON_QUERY)),
        ('register_json_globally', ('''
            from psycopg2.extras import register_json
            casters = register_json(conn, globally=True, loads=lambda s: 'G')
            out(114 in conn.string_types, psycopg2.extensions.string_types[114] is casters[0])
            c = psycopg2.connect(conn.dsn)
            k = c.cursor()
            k.execute(%r)
            out(k.fetchone())
            c.close()
        ''' % _JSON_QUERY)),

        # -- register_default_json / register_default_jsonb ----------------------
        ('register_default_json_on_connection', '''
            from psycopg2.extras import register_default_json
            casters = register_default_json(conn, loads=lambda s: ('d', s))
            out([(c.name, c.values) for c in casters])
            cur.execute(%r)
            out(cur.fetchone())
            cur.execute(%r)
            out(cur.fetchone())
        ''' % (_JSON_QUERY, _JSONB_QUERY)),
        ('register_default_jsonb_on_connection', '''
            from psycopg2.extras import register_default_jsonb
            casters = register_default_jsonb(conn, loads=lambda s: ('b', s))
            out([(c.name, c.values) for c in casters])
            cur.execute(%r)
            out(cur.fetchone())
            cur.execute(%r)
            out(cur.fetchone())
        ''' % (_JSON_QUERY, _JSONB_QUERY)),
        ('register_default_jsonb_on_cursor', '''
            from psycopg2.extras import register_default_jsonb
            register_default_jsonb(cur, loads=lambda s: 'C')
            cur.execute(%r)
            out(cur.fetchone())
            k = conn.cursor()
            k.execute(%r)
            out(k.fetchone())
        ''' % (_JSONB_QUERY, _JSONB_QUERY)),
        ('register_default_json_without_scope_is_global', ('''
            from psycopg2.extras import register_default_json, register_default_jsonb
            a = register_default_json(loads=lambda s: 'J')
            b = register_default_jsonb(loads=lambda s: 'B')
            out([c.name for c in a + b])
            out(psycopg2.extensions.string_types[3807] is b[1])
            cur.execute(%r)
            out(cur.fetchone())
            cur.execute(%r)
            out(cur.fetchone())
        ''' % (_JSON_QUERY, _JSONB_QUERY))),
        ('register_default_json_globally_with_connection', ('''
            from psycopg2.extras import register_default_jsonb
            register_default_jsonb(conn, globally=True, loads=lambda s: 'glob')
            out(sorted(conn.string_types))
            c = psycopg2.connect(conn.dsn)
            k = c.cursor()
            k.execute(%r)
            out(k.fetchone())
            c.close()
        ''' % _JSONB_QUERY)),
        ('register_default_json_does_not_query', '''
            from psycopg2.extras import register_default_json
            register_default_json(conn)
            out(conn.status, conn.info.transaction_status)
        '''),
        ('loads_error_propagates', '''
            from psycopg2.extras import register_default_json
            def loads(s):
                raise ValueError('bad ' + s)
            register_default_json(conn, loads=loads)
            cur.execute("SELECT '[1]'::json")
            cur.fetchone()
        '''),
        ('casters_called_directly', '''
            from psycopg2.extras import register_default_json
            j, ja = register_default_json(conn, loads=lambda s: ('x', s))
            out(j('{}', None), j(None, None), ja('{"[1]",NULL}', None), ja(None, None))
        '''),

        # -- named cursors -------------------------------------------------------
        ('named_cursor_uses_connection_casters', '''
            from psycopg2.extras import register_default_json
            register_default_json(conn, loads=lambda s: 'N' + s)
            k = conn.cursor('json_named')
            k.execute("SELECT '[1]'::json, ARRAY['{}'::json] FROM generate_series(1, 3)")
            out(k.fetchone(), k.fetchall())
            k.close()
        '''),
        ('named_cursor_own_casters', '''
            from psycopg2.extras import register_default_jsonb
            k = conn.cursor('jsonb_named')
            register_default_jsonb(k, loads=lambda s: 'K' + s)
            k.execute("SELECT '[1]'::jsonb, NULL::jsonb")
            out(k.fetchall())
            k.close()
            cur.execute("SELECT '[1]'::jsonb")
            out(cur.fetchall())
        '''),
    ]]


class JsonRegistrationScopeTests(GlobalRegistrations, ConnectingTestCase):
    """A per-connection registration stays on its connection."""

    def fetch(self, conn, query="SELECT '{\"a\": 1}'::json, '[2]'::jsonb"):
        cur = conn.cursor()
        cur.execute(query)
        return cur.fetchone()

    def test_connection_registration_does_not_reach_other_connections(self):
        conn, other = self.connect(), self.connect()
        extras.register_default_json(conn, loads=lambda s: 'mine')
        extras.register_default_jsonb(conn, loads=lambda s: 'mine too')
        self.assertEqual(self.fetch(conn), ('mine', 'mine too'))
        self.assertEqual(self.fetch(other), ({'a': 1}, [2]))
        self.assertEqual(self.fetch(self.connect()), ({'a': 1}, [2]))
        self.assertIs(ext.string_types[114], ext.JSON)
        self.assertIs(ext.string_types[3802], ext.JSONB)

    def test_register_json_lookup_on_cursor_registers_on_cursor_only(self):
        conn = self.connect()
        cur = conn.cursor()
        json_caster, array_caster = extras.register_json(cur, loads=lambda s: 0)
        self.assertEqual(cur.string_types, {114: json_caster, 199: array_caster})
        self.assertEqual(conn.string_types, {})
        self.assertEqual(self.fetch(conn), ({'a': 1}, [2]))

    def test_global_registration_reaches_existing_and_new_connections(self):
        conn = self.connect()
        casters = extras.register_default_json(globally=True, loads=lambda s: 'global')
        self.assertIs(ext.string_types[114], casters[0])
        self.assertEqual(self.fetch(conn)[0], 'global')
        self.assertEqual(self.fetch(self.connect())[0], 'global')

    def test_connection_registration_wins_over_global(self):
        conn = self.connect()
        extras.register_default_json(globally=True, loads=lambda s: 'global')
        extras.register_default_json(conn, loads=lambda s: 'local')
        self.assertEqual(self.fetch(conn)[0], 'local')
        self.assertEqual(self.fetch(self.connect())[0], 'global')

    def test_loads_receives_the_text_the_server_sent(self):
        conn = self.connect()
        seen = []
        extras.register_default_jsonb(conn, loads=lambda s: seen.append(s) or len(seen))
        cur = conn.cursor()
        cur.execute("SELECT '{\"b\":1,  \"a\":[1,2]}'::jsonb, ARRAY['\"x\"'::jsonb, NULL]")
        self.assertEqual(cur.fetchone(), (1, [2, None]))
        self.assertEqual(seen, ['{"a": [1, 2], "b": 1}', '"x"'])

    def test_many_rows_through_a_custom_loads(self):
        conn = self.connect()
        extras.register_default_json(conn, loads=json.loads)
        cur = conn.cursor()
        cur.execute("SELECT json_build_object('i', i) FROM generate_series(1, 2500) i")
        self.assertEqual(cur.fetchall(), [({'i': i},) for i in range(1, 2501)])

    def test_json_adapter_prepared_with_the_connection_encoding(self):
        conn = self.connect()
        conn.set_client_encoding('LATIN1')
        cur = conn.cursor()
        j = extras.Json('caf\u00e9', dumps=lambda o: json.dumps(o, ensure_ascii=False))
        self.assertEqual(cur.mogrify('%s', [j]), b'\'"caf\xe9"\'')
        cur.execute('SELECT %s::json', [j])
        self.assertEqual(cur.fetchone(), ('caf\u00e9',))


if __name__ == '__main__':
    unittest.main()
