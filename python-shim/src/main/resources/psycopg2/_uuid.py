"""UUID support of psycopg2.extras: uuid.UUID objects to and from the uuid type.

The uuid module is imported by register_uuid, not with extras: it pulls in
platform and subprocess, a second of start-up on GraalPy (psycopg2 defers it too).
"""

from psycopg2._adapt import ISQLQuote, register_adapter
from psycopg2._typecast import new_type, new_array_type

_UUID_OID = 2950
_UUIDARRAY_OID = 2951


class UUID_adapter(object):
    """Adapter making a uuid.UUID a uuid literal."""
    __module__ = 'psycopg2.extras'

    def __init__(self, uuid):
        self._uuid = uuid

    def __conform__(self, proto):
        if proto is ISQLQuote:
            return self
        return None

    def getquoted(self):
        return str(self).encode('utf8')

    def __str__(self):
        return "'%s'::uuid" % (self._uuid,)


def _cast_uuid(value, cursor):
    # NULL and the empty string are both None
    if not value:
        return None
    import uuid
    return uuid.UUID(value)


def register_uuid(oids=None, conn_or_curs=None):
    """Make uuid values uuid.UUID objects and adapt uuid.UUID objects.

    `oids` is the uuid OID, or the pair (uuid OID, uuid[] OID); PostgreSQL's
    OIDs by default. The typecasters (also set as psycopg2.extensions.UUID
    and UUIDARRAY) are registered on `conn_or_curs`, globally without it;
    the adapter is always global. Return the uuid typecaster.
    """
    import uuid
    from psycopg2 import extensions
    if not oids:
        oid, array_oid = _UUID_OID, _UUIDARRAY_OID
    elif isinstance(oids, (list, tuple)):
        oid, array_oid = oids
    else:
        oid, array_oid = oids, _UUIDARRAY_OID

    extensions.UUID = new_type((oid,), 'UUID', _cast_uuid)
    extensions.UUIDARRAY = new_array_type((array_oid,), 'UUID[]', extensions.UUID)
    extensions.register_type(extensions.UUID, conn_or_curs)
    extensions.register_type(extensions.UUIDARRAY, conn_or_curs)
    register_adapter(uuid.UUID, UUID_adapter)
    return extensions.UUID
