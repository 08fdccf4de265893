"""The one module that crosses into Java: java-core's session, and its errors.

Everything else in the package is plain Python. Each call here crosses the
polyglot boundary once; callers batch (rows come a batch at a time).
"""

import java
import polyglot

from psycopg2 import _exceptions
from psycopg2 import errors as _errors

PgSession = java.type("io.psycopg2jvm.core.session.PgSession")
ConnInfo = java.type("io.psycopg2jvm.core.conninfo.ConnInfo")
QueryResult = java.type("io.psycopg2jvm.core.session.QueryResult")
_PgServerException = java.type("io.psycopg2jvm.core.error.PgServerException")
_PgConnectionException = java.type("io.psycopg2jvm.core.error.PgConnectionException")

MODE_TEXT = QueryResult.MODE_TEXT
MODE_NATIVE = QueryResult.MODE_NATIVE

ForeignException = polyglot.ForeignException


def _java_class_name(exc):
    try:
        return exc.getClass().getName()
    except Exception:
        return ''


def _fields(server_exc):
    pairs = list(server_exc.fieldPairs())
    return dict(zip(pairs[0::2], pairs[1::2]))


def translate(exc, cursor=None, connecting=False):
    """The psycopg2 exception for a Java exception thrown by java-core."""
    name = _java_class_name(exc)
    if name.endswith('.PgServerException'):
        return _errors.error_from_server(
            _fields(exc), pgerror=str(exc.formatted()), cursor=cursor)
    if name.endswith('.PgConnectionException'):
        message = str(exc.getMessage())
        server = exc.serverError()
        if server is not None and not connecting:
            err = _errors.error_from_server(
                _fields(server), pgerror=str(server.formatted()), cursor=cursor)
            # libpq reports the server's last words, then the lost connection
            err.args = (str(server.getMessage()) + '\n' + message,)
            return err
        return _exceptions.make_error(
            _exceptions.OperationalError, message, cursor=cursor)
    if name.endswith('.InvalidConnInfoException'):
        return _exceptions.ProgrammingError(str(exc.psycopgMessage()))
    if name == 'java.lang.IllegalArgumentException':
        return ValueError(str(exc.getMessage()))
    message = exc.getMessage() if hasattr(exc, 'getMessage') else str(exc)
    return _exceptions.make_error(
        _exceptions.OperationalError, '%s: %s' % (name, message), cursor=cursor)


def dsn_parameters(dsn):
    """The effective connection parameters, as libpq's PQconninfo (password left out)."""
    info = ConnInfo.parse(dsn or '')
    params = info.parametersInLibpqOrder()
    return dict((str(k), str(params[k])) for k in params.keySet() if str(k) != 'password')


def open_session(dsn):
    try:
        return PgSession.open(dsn)
    except ForeignException as e:
        raise translate(e, connecting=True) from None
