"""JSON support of psycopg2.extras: the Json adapter and the typecasters of
the json and jsonb types (with a custom loads, globally or per connection
or cursor).

The default global json/jsonb casters are those of psycopg2._typecast (as
psycopg2.extensions.JSON...); register_default_json(globally=True)
replaces them in the global register with equivalent ones.
"""

import json

from psycopg2._adapt import ISQLQuote, QuotedString
from psycopg2._catalog import lookup_scope, end_lookup_transaction
from psycopg2._typecast import new_type, new_array_type
from psycopg2.extensions import register_type

# The OIDs PostgreSQL gives its built-in json types (fixed since 9.2 / 9.4).
JSON_OID = 114
JSONARRAY_OID = 199
JSONB_OID = 3802
JSONBARRAY_OID = 3807


class Json(object):
    """Adapter making a Python object a json literal.

    The object is serialized by the `dumps` method, which calls the `dumps`
    function given to the constructor (json.dumps by default); subclasses
    may override the method instead.
    """

    def __init__(self, adapted, dumps=None):
        self.adapted = adapted
        self._conn = None
        self._dumps = dumps or json.dumps

    def __conform__(self, proto):
        if proto is ISQLQuote:
            return self
        return None

    def dumps(self, obj):
        """The JSON text of `obj`."""
        return self._dumps(obj)

    def prepare(self, conn):
        self._conn = conn

    def getquoted(self):
        # The JSON text is quoted as a string, in the connection's encoding
        # once prepared.
        literal = QuotedString(self.dumps(self.adapted))
        if self._conn is not None:
            literal.prepare(self._conn)
        return literal.getquoted()

    def __str__(self):
        return self.getquoted().decode('ascii', 'replace')


def _lookup_json_oids(conn_or_curs, name):
    """(oid, array oid) of the type named `name` (the bare type name, in any
    schema)."""
    conn, curs = lookup_scope(conn_or_curs)
    status_before = conn.status
    curs.execute('SELECT t.oid, t.typarray FROM pg_catalog.pg_type t '
                 'WHERE t.typname = %s', (name,))
    row = curs.fetchone()
    end_lookup_transaction(conn, status_before)
    if not row:
        raise conn.ProgrammingError('%s data type not found' % name)
    return row


def _json_typecasters(oid, array_oid, loads, name):
    """The typecaster of the json type `oid` and, when `array_oid` is not
    None, of its arrays ('<name>ARRAY')."""
    if loads is None:
        loads = json.loads

    def cast_json(value, cursor):
        if value is None:
            return None
        return loads(value)

    caster = new_type((oid,), name, cast_json)
    if array_oid is None:
        return caster, None
    return caster, new_array_type((array_oid,), name + 'ARRAY', caster)


def register_json(conn_or_curs=None, globally=False, loads=None,
                  oid=None, array_oid=None, name='json'):
    """Make the values of a json type (and of its arrays) Python objects.

    Without `oid` the OIDs of the type called `name` are read from the
    server through `conn_or_curs`. The typecasters are registered on
    `conn_or_curs` unless `globally` (or without `conn_or_curs`); return
    them, the array one None when there is none.
    """
    if oid is None:
        oid, array_oid = _lookup_json_oids(conn_or_curs, name)
    caster, array_caster = _json_typecasters(oid, array_oid, loads, name.upper())
    scope = None if globally else (conn_or_curs or None)
    register_type(caster, scope)
    if array_caster is not None:
        register_type(array_caster, scope)
    return caster, array_caster


def register_default_json(conn_or_curs=None, globally=False, loads=None):
    """register_json for PostgreSQL's json type, without asking the server."""
    return register_json(conn_or_curs=conn_or_curs, globally=globally, loads=loads,
                         oid=JSON_OID, array_oid=JSONARRAY_OID)


def register_default_jsonb(conn_or_curs=None, globally=False, loads=None):
    """register_json for PostgreSQL's jsonb type, without asking the server."""
    return register_json(conn_or_curs=conn_or_curs, globally=globally, loads=loads,
                         oid=JSONB_OID, array_oid=JSONBARRAY_OID, name='jsonb')
