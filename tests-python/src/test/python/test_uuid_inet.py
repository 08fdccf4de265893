"""UUID and network types in psycopg2.extras: UUID_adapter and register_uuid,
Inet and register_inet, register_ipaddress.

Values, reprs, mogrify bytes and error messages are compared with psycopg2
2.9.5 by differential snippets (each run with its registrations undone, see
test_json.isolated); the plain tests pin the registration scopes.
"""

import ipaddress
import textwrap
import unittest
import uuid
import warnings

import psycopg2.extensions as ext
import psycopg2.extras as extras

from _support import ConnectingTestCase
from test_differential import _DifferentialTestCase, generated
from test_json import GlobalRegistrations, isolated

_U1 = '12345678-1234-5678-1234-567812345678'
_U2 = 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'
_UUID_QUERY = ("SELECT '%s'::uuid, '{%s,NULL,%s}'::uuid[], NULL::uuid, '{}'::uuid[], "
               "'{{%s},{NULL}}'::uuid[], ARRAY[NULL]::uuid[]" % (_U1, _U1, _U2, _U2))
_NET_QUERY = ("SELECT '1.2.3.4'::inet, '192.168.0.1/24'::inet, '::1'::inet, "
              "'::ffff:1.2.3.4/120'::inet, '10.0.0.0/8'::cidr, '2001:db8::/32'::cidr, "
              "NULL::inet, NULL::cidr, '{1.2.3.4/24,NULL,\"::1\"}'::inet[], "
              "'{10.0.0.0/8,NULL}'::cidr[], '{}'::inet[]")


def without_uuid_adapter(code):
    """`code` run after removing a uuid.UUID adapter an earlier registration
    (of any suite: they share a process) left."""
    return ('import uuid\n'
            'psycopg2.extensions.adapters.pop((uuid.UUID, psycopg2.extensions.ISQLQuote), None)\n'
            + textwrap.dedent(code))


@generated
class UuidInetDifferentialTests(_DifferentialTestCase):
    SNIPPETS = [(name, isolated(code)) for name, code in [
        ('module_names', '''
            import psycopg2.extras, psycopg2._ipaddress
            out(psycopg2.extras.UUID_adapter.__module__, psycopg2.extras.Inet.__module__)
            for n in ('UUID_adapter', 'register_uuid', 'Inet', 'register_inet', 'register_ipaddress'):
                out(n, callable(getattr(psycopg2.extras, n)))
            out(psycopg2.extras.register_ipaddress is psycopg2._ipaddress.register_ipaddress)
            for n in ('cast_interface', 'cast_network', 'adapt_ipaddress', 'register_ipaddress'):
                out(n, callable(getattr(psycopg2._ipaddress, n)))
        '''),

        # -- UUID --------------------------------------------------------------
        ('uuid_adapter', '''
            import uuid
            from psycopg2.extras import UUID_adapter
            from psycopg2.extensions import ISQLQuote
            a = UUID_adapter(uuid.UUID(%r))
            out(a.getquoted(), str(a), a.__conform__(ISQLQuote) is a, a.__conform__(object))
            out(sorted(vars(a)), UUID_adapter('not-a-uuid').getquoted(), UUID_adapter(None).getquoted())
            out(cur.mogrify('%%s', [a]))
        ''' % _U1),
        ('uuid_not_adapted_before_registration', without_uuid_adapter('''
            cur.mogrify('%%s', [uuid.UUID(%r)])
        ''' % _U1)),
        ('uuid_not_cast_before_registration', '''
            cur.execute(%r)
            out(cur.fetchone())
        ''' % _UUID_QUERY),
        ('register_uuid_global', without_uuid_adapter('''
            from psycopg2.extras import register_uuid
            import psycopg2.extensions as e
            out(hasattr(e, 'UUID'))
            c = register_uuid()
            out(c is e.UUID, c.name, c.values, e.UUIDARRAY.name, e.UUIDARRAY.values)
            out(e.string_types[2950] is c, e.string_types[2951] is e.UUIDARRAY)
            u = uuid.UUID(%r)
            out(cur.mogrify('%%s, %%s, %%s', [u, [u, None], (u,)]))
            cur.execute(%r)
            out(cur.fetchone())
            cur.execute('SELECT %%s, %%s', [u, [u, None]])
            out(cur.fetchone(), [d.type_code for d in cur.description])
        ''' % (_U1, _UUID_QUERY))),
        ('uuid_casters_called_directly', '''
            from psycopg2.extras import register_uuid
            import psycopg2.extensions as e
            c = register_uuid(conn_or_curs=conn)
            out(c(%r, None), c(None, None), c('', None))
            out(e.UUIDARRAY('{%s,NULL}', None), e.UUIDARRAY(None, None))
            c('nope', None)
        ''' % (_U1, _U1)),
        ('register_uuid_on_connection', '''
            from psycopg2.extras import register_uuid
            import psycopg2.extensions as e
            c = register_uuid(None, conn)
            out(sorted(conn.string_types), 2950 in e.string_types)
            cur.execute(%r)
            out(cur.fetchone())
            other = psycopg2.connect(conn.dsn)
            k = other.cursor()
            k.execute(%r)
            out(k.fetchone())
            other.close()
        ''' % (_UUID_QUERY, _UUID_QUERY)),
        ('register_uuid_on_cursor', '''
            from psycopg2.extras import register_uuid
            register_uuid(conn_or_curs=cur)
            out(sorted(cur.string_types), sorted(conn.string_types))
            cur.execute(%r)
            out(cur.fetchone())
            k = conn.cursor()
            k.execute(%r)
            out(k.fetchone())
        ''' % (_UUID_QUERY, _UUID_QUERY)),
        ('register_uuid_oids', '''
            from psycopg2.extras import register_uuid
            import psycopg2.extensions as e
            for oids in ((2950, 2951), [2950, 2951], 2950, 0, (), None, 'x'):
                c = register_uuid(oids, conn)
                out(repr(oids), c.values, e.UUIDARRAY.values, e.UUIDARRAY.name)
            out(sorted(conn.string_types, key=str))
        '''),
        ('register_uuid_oids_bad_length', '''
            from psycopg2.extras import register_uuid
            for oids in ((1, 2, 3), (1,)):
                try:
                    register_uuid(oids, conn)
                except ValueError as e:
                    out(type(e), str(e).split(',')[0].split(')')[0])
        '''),
        ('register_uuid_named_cursor', '''
            from psycopg2.extras import register_uuid
            register_uuid(conn_or_curs=conn)
            k = conn.cursor('uuid_named')
            k.execute("SELECT gen_random_uuid() IS NOT NULL, %%s::uuid, ARRAY[%%s::uuid] FROM generate_series(1, 3)",
                      [%r, %r])
            out(k.fetchmany(2), k.fetchall())
            k.close()
        ''' % (_U1, _U2)),

        # -- Inet ---------------------------------------------------------------
        ('inet_adapter', '''
            from psycopg2.extras import Inet
            from psycopg2.extensions import ISQLQuote
            i = Inet('127.0.0.1')
            out(repr(i), str(i), i.addr, i.__conform__(ISQLQuote) is i, i.__conform__(object), vars(i))
            out(repr(Inet(None)), str(Inet(42)), repr(Inet(b'x')))
            out(cur.mogrify('%s %s %s %s', [i, Inet(None), Inet(42), Inet("it's")]))
            out(cur.mogrify('%s', [[Inet('1.2.3.4'), Inet('::1/128')]]))
            i.prepare(conn)
            out(i.getquoted(), sorted(vars(i)))
            class MyInet(Inet):
                pass
            out(repr(MyInet('x')))
        '''),
        ('inet_getquoted_before_prepare', '''
            from psycopg2.extras import Inet
            Inet('1.2.3.4').getquoted()
        '''),
        ('inet_unadaptable_address', '''
            from psycopg2.extras import Inet
            cur.mogrify('%s', [Inet(object)])
        '''),
        ('inet_round_trip', '''
            from psycopg2.extras import Inet
            cur.execute('SELECT %s, %s', [Inet('10.1.2.3/16'), Inet('::1')])
            out(cur.fetchone(), [d.type_code for d in cur.description])
        '''),
        ('not_cast_before_registration', '''
            cur.execute(%r)
            out(cur.fetchone())
        ''' % _NET_QUERY),
        ('register_inet', '''
            import warnings
            from psycopg2.extras import register_inet, Inet
            import psycopg2.extensions as e
            with warnings.catch_warnings(record=True) as w:
                warnings.simplefilter('always')
                c = register_inet()
            out([(x.category, str(x.message)) for x in w])
            out(c is e.INET, c.name, c.values, e.INETARRAY.name, e.INETARRAY.values)
            out(e.string_types[869] is c, e.string_types[1041] is e.INETARRAY)
            cur.execute(%r)
            out(cur.fetchone())
            out(c('1.2.3.4', None), c('', None), c(None, None))
        ''' % _NET_QUERY),
        ('register_inet_on_connection_and_oids', '''
            import warnings
            from psycopg2.extras import register_inet
            import psycopg2.extensions as e
            warnings.simplefilter('ignore', DeprecationWarning)
            try:
                for oid in ((869, 1041), [869, 1041], 869, None, 0):
                    c = register_inet(oid, conn)
                    out(repr(oid), c.values, e.INETARRAY.values)
                out(sorted(conn.string_types), 869 in e.string_types)
                cur.execute("SELECT '1.2.3.4'::inet, '{::1}'::inet[]")
                out(cur.fetchone())
                k = psycopg2.connect(conn.dsn)
                kc = k.cursor()
                kc.execute("SELECT '1.2.3.4'::inet, '{::1}'::inet[]")
                out(kc.fetchone())
                k.close()
                register_inet((1, 2, 3), conn)
            finally:
                warnings.resetwarnings()
        '''),

        # -- ipaddress ----------------------------------------------------------
        ('register_ipaddress_global', '''
            import ipaddress
            from psycopg2.extras import register_ipaddress
            import psycopg2.extensions as e
            out(register_ipaddress())
            out([(e.string_types[o].name, e.string_types[o].values) for o in (869, 1041, 650, 651)])
            cur.execute(%r)
            out(cur.fetchone())
        ''' % _NET_QUERY),
        ('register_ipaddress_casters_shared', '''
            from psycopg2.extras import register_ipaddress
            import psycopg2._ipaddress as m
            import psycopg2.extensions as e
            register_ipaddress(conn)
            first = [conn.string_types[o] for o in (869, 1041, 650, 651)]
            register_ipaddress()
            out([c.name for c in m._casters], first == m._casters,
                all(e.string_types[c.values[0]] is c for c in m._casters))
        '''),
        ('register_ipaddress_on_connection', '''
            from psycopg2.extras import register_ipaddress
            import psycopg2.extensions as e
            register_ipaddress(conn)
            out(sorted(conn.string_types), 869 in e.string_types)
            cur.execute(%r)
            out(cur.fetchone())
            k = psycopg2.connect(conn.dsn)
            kc = k.cursor()
            kc.execute(%r)
            out(kc.fetchone())
            k.close()
        ''' % (_NET_QUERY, _NET_QUERY)),
        ('register_ipaddress_on_cursor', '''
            from psycopg2.extras import register_ipaddress
            register_ipaddress(cur)
            cur.execute("SELECT '1.2.3.4/30'::inet, '1.2.3.0/30'::cidr")
            out(cur.fetchone(), sorted(cur.string_types), sorted(conn.string_types))
            k = conn.cursor()
            k.execute("SELECT '1.2.3.4/30'::inet, '1.2.3.0/30'::cidr")
            out(k.fetchone())
        '''),
        ('ipaddress_adaptation', '''
            import ipaddress
            from psycopg2.extras import register_ipaddress
            register_ipaddress(conn)
            for o in (ipaddress.ip_interface('1.2.3.4/24'), ipaddress.ip_interface('::1'),
                      ipaddress.ip_network('10.0.0.0/8'), ipaddress.ip_network('::/0'),
                      [ipaddress.ip_interface('1.2.3.4'), None]):
                out(cur.mogrify('%s', [o]))
            cur.execute('SELECT %s, %s', [ipaddress.ip_interface('1.2.3.4/24'),
                                          ipaddress.ip_network('10.0.0.0/8')])
            out(cur.fetchone(), [d.type_code for d in cur.description])
            from psycopg2._ipaddress import adapt_ipaddress
            a = adapt_ipaddress(ipaddress.ip_network('10.0.0.0/8'))
            out(type(a), a.getquoted())
        '''),
        ('ipaddress_address_not_adapted', '''
            import ipaddress
            from psycopg2.extras import register_ipaddress
            register_ipaddress()
            cur.mogrify('%s', [ipaddress.ip_address('1.2.3.4')])
        '''),
        ('ipaddress_casters_directly', '''
            from psycopg2._ipaddress import cast_interface, cast_network
            out(cast_interface('1.2.3.4'), cast_interface(None), cast_network('10.0.0.0/8', None),
                cast_network(None))
            cast_network('10.0.0.1/8')
        '''),
        ('ipaddress_named_cursor', '''
            from psycopg2.extras import register_ipaddress
            k = conn.cursor('ip_named')
            register_ipaddress(k)
            k.execute("SELECT '1.2.3.4'::inet, ARRAY['10.0.0.0/8'::cidr] FROM generate_series(1, 2)")
            out(k.fetchall())
            k.close()
        '''),
    ]]


class UuidInetRegistrationScopeTests(GlobalRegistrations, ConnectingTestCase):
    """Per-connection registrations stay on their connection; adapters are global."""

    def fetch(self, conn, query):
        cur = conn.cursor()
        cur.execute(query)
        return cur.fetchone()

    def test_register_uuid_on_connection_casts_there_only_but_adapts_everywhere(self):
        conn, other = self.connect(), self.connect()
        extras.register_uuid(conn_or_curs=conn)
        u = uuid.UUID(_U1)
        self.assertEqual(self.fetch(conn, "SELECT '%s'::uuid" % _U1), (u,))
        self.assertEqual(self.fetch(other, "SELECT '%s'::uuid" % _U1), (_U1,))
        self.assertNotIn(2950, ext.string_types)
        # the adapter is global: the other connection sends UUIDs too
        self.assertEqual(other.cursor().mogrify('%s', [u]), ("'%s'::uuid" % _U1).encode())

    def test_register_uuid_many_rows(self):
        conn = self.connect()
        extras.register_uuid(conn_or_curs=conn)
        rows = self.connect().cursor()
        cur = conn.cursor()
        cur.execute("SELECT md5(i::text)::uuid, ARRAY[md5(i::text)::uuid, NULL] "
                    "FROM generate_series(1, 2500) i")
        got = cur.fetchall()
        rows.execute("SELECT md5(i::text) FROM generate_series(1, 2500) i")
        expected = [(uuid.UUID(h), [uuid.UUID(h), None]) for (h,) in rows.fetchall()]
        self.assertEqual(got, expected)

    def test_register_inet_warns_and_sets_extensions_attributes(self):
        conn = self.connect()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter('always')
            caster = extras.register_inet(conn_or_curs=conn)
        self.assertEqual([w.category for w in caught], [DeprecationWarning])
        self.assertIs(ext.INET, caster)
        value = self.fetch(conn, "SELECT '1.2.3.4/8'::inet")[0]
        self.assertIsInstance(value, extras.Inet)
        self.assertEqual(value.addr, '1.2.3.4/8')
        self.assertEqual(self.fetch(self.connect(), "SELECT '1.2.3.4/8'::inet"), ('1.2.3.4/8',))

    def test_register_ipaddress_on_connection_only(self):
        conn, other = self.connect(), self.connect()
        extras.register_ipaddress(conn)
        query = "SELECT '1.2.3.4'::inet, '10.0.0.0/8'::cidr"
        self.assertEqual(self.fetch(conn, query), (ipaddress.ip_interface('1.2.3.4'),
                                                   ipaddress.ip_network('10.0.0.0/8')))
        self.assertEqual(self.fetch(other, query), ('1.2.3.4', '10.0.0.0/8'))
        self.assertNotIn(869, ext.string_types)
        self.assertNotIn(650, ext.string_types)

    def test_ipaddress_round_trip(self):
        conn = self.connect()
        extras.register_ipaddress(conn)
        values = [ipaddress.ip_interface('192.168.1.5/24'), ipaddress.ip_interface('fe80::1/64'),
                  ipaddress.ip_network('172.16.0.0/12'), ipaddress.ip_network('2001:db8::/48')]
        cur = conn.cursor()
        cur.execute('SELECT %s::inet, %s::inet, %s::cidr, %s::cidr, ARRAY[%s::inet]', values + values[:1])
        self.assertEqual(cur.fetchone(), tuple(values) + ([values[0]],))


if __name__ == '__main__':
    unittest.main()
