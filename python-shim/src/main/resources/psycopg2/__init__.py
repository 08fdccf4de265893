"""psycopg2 on the JVM: the PostgreSQL adapter API of psycopg2 2.9 over java-core.

Scripts written for psycopg2 import this package unchanged; the protocol runs
in Java (java-core), reached through polyglot interop in ``_jvm``.
"""

from psycopg2._exceptions import (
    Warning, Error, InterfaceError, DatabaseError, DataError, OperationalError,
    IntegrityError, InternalError, ProgrammingError, NotSupportedError)
from psycopg2._adapt import (
    Binary, Date, Time, Timestamp, DateFromTicks, TimeFromTicks, TimestampFromTicks)
from psycopg2._typecast import BINARY, NUMBER, STRING, DATETIME, ROWID
from psycopg2 import extensions as _ext
from psycopg2 import errors  # noqa: F401  (psycopg2 imports it too)
# Casters and adapters of the built-in range types, registered at import as in psycopg2
from psycopg2 import _range  # noqa: F401

__version__ = '2.9.5 (dt dec pq3 ext lo64)'
# the libpq behaviour java-core reproduces (messages, defaults)
__libpq_version__ = 150000

apilevel = '2.0'
threadsafety = 2
paramstyle = 'pyformat'

__all__ = [
    'Warning', 'Error', 'InterfaceError', 'DatabaseError', 'DataError',
    'OperationalError', 'IntegrityError', 'InternalError', 'ProgrammingError',
    'NotSupportedError', 'Binary', 'Date', 'Time', 'Timestamp', 'DateFromTicks',
    'TimeFromTicks', 'TimestampFromTicks', 'BINARY', 'NUMBER', 'STRING',
    'DATETIME', 'ROWID', 'connect', 'apilevel', 'threadsafety', 'paramstyle',
]


def connect(dsn=None, connection_factory=None, cursor_factory=None, **kwargs):
    """Create a new database connection.

    The connection parameters can be given as a libpq connection string
    (``"dbname=test user=postgres"`` or a ``postgresql://`` URI), as keyword
    arguments, or both (keywords win); ``database`` is an alias of ``dbname``
    and the ``PG*`` environment variables fill in what is missing.
    """
    kwasync = {}
    if 'async' in kwargs:
        kwasync['async'] = kwargs.pop('async')
    if 'async_' in kwargs:
        kwasync['async_'] = kwargs.pop('async_')

    dsn = _ext.make_dsn(dsn, **kwargs)
    if connection_factory is None:
        connection_factory = _ext.connection
    conn = connection_factory(dsn, **kwasync)
    if not isinstance(conn, _ext.connection):
        raise TypeError('connection_factory must return a psycopg2 connection')
    if cursor_factory is not None:
        conn.cursor_factory = cursor_factory
    return conn
