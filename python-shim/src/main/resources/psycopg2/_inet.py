"""The Inet wrapper of psycopg2.extras (deprecated in psycopg2, kept for
compatibility): inet values as Inet objects holding the address text."""

import warnings

from psycopg2._adapt import ISQLQuote, adapt
from psycopg2._typecast import new_type, new_array_type

_INET_OID = 869
_INETARRAY_OID = 1041


class Inet(object):
    """An inet value: `addr` (whatever object) adapted and cast to inet."""
    __module__ = 'psycopg2.extras'

    def __init__(self, addr):
        self.addr = addr

    def __repr__(self):
        return '%s(%r)' % (self.__class__.__name__, self.addr)

    def prepare(self, conn):
        self._conn = conn

    def getquoted(self):
        # _conn exists only once prepared: psycopg2 fails the same way
        # (AttributeError) when getquoted comes first.
        conn = self._conn
        inner = adapt(self.addr)
        if hasattr(inner, 'prepare'):
            inner.prepare(conn)
        return inner.getquoted() + b'::inet'

    def __conform__(self, proto):
        if proto is ISQLQuote:
            return self
        return None

    def __str__(self):
        return str(self.addr)


def _cast_inet(value, cursor):
    return Inet(value) if value else None


def register_inet(oid=None, conn_or_curs=None):
    """Make inet values Inet objects (deprecated). `oid` is the inet OID or
    the pair (inet OID, inet[] OID). Return the inet typecaster, also set as
    psycopg2.extensions.INET (and INETARRAY)."""
    from psycopg2 import extensions
    warnings.warn("the inet adapter is deprecated, it's not very useful",
                  DeprecationWarning)
    if not oid:
        oid, array_oid = _INET_OID, _INETARRAY_OID
    elif isinstance(oid, (list, tuple)):
        oid, array_oid = oid
    else:
        array_oid = _INETARRAY_OID

    extensions.INET = new_type((oid,), 'INET', _cast_inet)
    extensions.INETARRAY = new_array_type((array_oid,), 'INETARRAY', extensions.INET)
    extensions.register_type(extensions.INET, conn_or_curs)
    extensions.register_type(extensions.INETARRAY, conn_or_curs)
    return extensions.INET
