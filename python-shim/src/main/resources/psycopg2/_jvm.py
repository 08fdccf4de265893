"""The one module that crosses into Java: java-core's session, and its errors.

Everything else in the package is plain Python. Each call here crosses the
polyglot boundary once; callers batch (rows come a batch at a time).
"""

import os
import time

import java
import polyglot

from psycopg2 import _exceptions
from psycopg2 import errors as _errors

PgSession = java.type("io.psycopg2jvm.core.session.PgSession")
ConnInfo = java.type("io.psycopg2jvm.core.conninfo.ConnInfo")
QueryResult = java.type("io.psycopg2jvm.core.session.QueryResult")
PasswordSecret = java.type("io.psycopg2jvm.core.auth.PasswordSecret")
JisX0213 = java.type("io.psycopg2jvm.core.codec.JisX0213")
_PgServerException = java.type("io.psycopg2jvm.core.error.PgServerException")
_PgConnectionException = java.type("io.psycopg2jvm.core.error.PgConnectionException")

MODE_TEXT = QueryResult.MODE_TEXT
MODE_NATIVE = QueryResult.MODE_NATIVE

ForeignException = polyglot.ForeignException


def _java_class_names(exc):
    """The exception's Java class and its superclasses, most specific first."""
    names = []
    try:
        cls = exc.getClass()
        while cls is not None:
            names.append(str(cls.getSimpleName()))
            cls = cls.getSuperclass()
    except Exception:
        pass
    return names


def _fields(server_exc):
    pairs = list(server_exc.fieldPairs())
    return dict(zip(pairs[0::2], pairs[1::2]))


def undecodable_bytes(exc):
    """The bytes of the text a java-core UndecodableTextException is about, or None
    for any other exception."""
    if 'UndecodableTextException' in _java_class_names(exc):
        return str(exc.latin1()).encode('latin-1')
    return None


def failed_statement(exc):
    """Which statement of a pipeline a java-core exception is about, or -1."""
    if 'PgServerException' in _java_class_names(exc):
        return int(exc.statement())
    return -1


def translate(exc, cursor=None, connecting=False):
    """The psycopg2 exception for a Java exception thrown by java-core."""
    names = _java_class_names(exc)
    if 'PgServerException' in names:
        return _errors.error_from_server(
            _fields(exc), pgerror=str(exc.formatted()), cursor=cursor)
    if 'InvalidConnInfoException' in names:
        return _exceptions.ProgrammingError(str(exc.psycopgMessage()))
    if 'InvalidConnSettingsException' in names:
        return _exceptions.OperationalError(str(exc.getMessage()) + '\n')
    if 'PgConnectionException' in names:
        message = str(exc.getMessage())
        # libpq's message is the pgerror of a connection lost mid-query, not of a failed connect
        return _exceptions.make_error(
            _exceptions.OperationalError, message,
            pgerror=None if connecting else message, cursor=cursor)
    if 'IllegalArgumentException' in names:
        return ValueError(str(exc.getMessage()))
    return _exceptions.make_error(
        _exceptions.OperationalError,
        '%s: %s' % (names[0] if names else 'Java error', exc.getMessage()), cursor=cursor)


def _pg_environment():
    """The PG* variables as the script sees them now, not as the JVM started."""
    data = getattr(os.environ, '_data', None)
    if type(data) is dict:
        # os.environ's raw bytes: picking the PG* ones there spares the decoding of every
        # variable through os.environ's Python-level mapping (milliseconds before warm-up)
        decode = os.fsdecode
        return dict((decode(k), decode(v)) for k, v in data.items() if k[:2] == b'PG')
    return dict((k, v) for k, v in os.environ.items() if k.startswith('PG'))


def dsn_parameters(dsn):
    """The connection options in effect, as libpq's PQconninfo lists them."""
    params = ConnInfo.parse(dsn or '').effectiveParameters(_pg_environment())
    return dict((str(k), str(params[k])) for k in params.keySet())


def open_session(dsn, reclaim=None):
    """A session for `dsn`. When the server has no connection slot left and `reclaim()`
    says it closed some (connections the script dropped), tries again while their server
    processes end, for up to a second."""
    tries = 0
    while True:
        try:
            return PgSession.open(dsn, _pg_environment())
        except ForeignException as e:
            if (reclaim is None or _refusal_sqlstate(e) != '53300' or tries == 20
                    or (tries == 0 and not reclaim())):
                raise translate(e, connecting=True) from None
        tries += 1
        time.sleep(0.05)


def _refusal_sqlstate(exc):
    """The SQLSTATE of the server's refusal a failed connect carries, or None."""
    if 'PgConnectionException' not in _java_class_names(exc):
        return None
    refusal = exc.serverError()
    return None if refusal is None else str(refusal.sqlstate())
