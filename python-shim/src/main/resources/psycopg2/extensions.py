"""psycopg2.extensions: the connection and cursor classes, adaptation and
typecasting registries, and psycopg2's constants."""

import operator as _operator

from psycopg2._exceptions import (  # noqa: F401
    QueryCanceledError, TransactionRollbackError, Diagnostics)
from psycopg2._exceptions import InterfaceError as _InterfaceError
from psycopg2._exceptions import NotSupportedError as _NotSupportedError
from psycopg2._exceptions import ProgrammingError as _ProgrammingError
from psycopg2._connection import (  # noqa: F401
    connection,
    ISOLATION_LEVEL_AUTOCOMMIT, ISOLATION_LEVEL_READ_UNCOMMITTED,
    ISOLATION_LEVEL_READ_COMMITTED, ISOLATION_LEVEL_REPEATABLE_READ,
    ISOLATION_LEVEL_SERIALIZABLE, ISOLATION_LEVEL_DEFAULT,
    STATUS_SETUP, STATUS_READY, STATUS_BEGIN, STATUS_IN_TRANSACTION, STATUS_PREPARED,
    TRANSACTION_STATUS_IDLE, TRANSACTION_STATUS_ACTIVE, TRANSACTION_STATUS_INTRANS,
    TRANSACTION_STATUS_INERROR, TRANSACTION_STATUS_UNKNOWN)
from psycopg2._cursor import cursor, Column  # noqa: F401
from psycopg2._info import ConnectionInfo  # noqa: F401
from psycopg2._adapt import (  # noqa: F401
    ISQLQuote, AsIs, QuotedString, Binary, Boolean, Float, Int, SQL_IN, NoneAdapter,
    DateFromPy, TimeFromPy, TimestampFromPy, IntervalFromPy,
    adapt, adapters, register_adapter, encodings)
from psycopg2._typecast import *  # noqa: F401,F403
from psycopg2._typecast import new_type, new_array_type, string_types, binary_types  # noqa: F401
from psycopg2._adapt import _arg_type_name
from decimal import Decimal as _Decimal
from psycopg2 import _jvm

# psycopg2 registers the tuple, None and Decimal adapters after the range
# types' (its adapters dict lists them in that order)
from psycopg2 import _range  # noqa: E402,F401
for _key in [k for k in adapters if k[0] in (tuple, type(None), _Decimal)]:
    adapters[_key] = adapters.pop(_key)
del _key

STATUS_SYNC = 3
STATUS_ASYNC = 4

POLL_OK = 0
POLL_READ = 1
POLL_WRITE = 2
POLL_ERROR = 3

libpq_version = 150000


def register_type(*args):
    """register_type(obj, scope=None): register a typecaster globally, or on
    a connection or cursor (scope)."""
    from psycopg2._typecast import Typecaster
    if not 1 <= len(args) <= 2:
        raise TypeError('function takes %s (%d given)' % (
            'at least 1 argument' if not args else 'at most 2 arguments', len(args)))
    obj = args[0]
    scope = args[1] if len(args) > 1 else None
    if not isinstance(obj, Typecaster):
        raise TypeError('argument 1 must be psycopg2._psycopg.type, not %s'
                        % _arg_type_name(obj))
    if scope is None:
        target = string_types
    elif isinstance(scope, connection):
        target = scope.string_types
    elif isinstance(scope, cursor):
        target = scope.string_types
        if type(target) is not dict:
            # a cursor's register exists once something is registered in it
            target = scope.string_types = {}
    else:
        raise TypeError('argument 2 must be a connection, cursor or None')
    for oid in obj.values:
        target[oid] = obj


_NOTIFY_ARGUMENTS = ('pid', 'channel', 'payload')


def _comparison(op):
    """A Notify's comparison: as (pid, channel), or with the payload against another Notify."""
    def compare(notify, other):
        if isinstance(other, Notify):
            return op(notify.__data__, other.__data__)
        return op(notify.__data__[:2], other)
    return compare


class Notify(object):
    """A notification received from the backend. As psycopg2's C type: read-only pid,
    channel and payload; a sequence of two items (pid, channel), indexed by integers only,
    that compares as a tuple (of three items against another Notify); not picklable."""

    __module__ = 'psycopg2.extensions'
    __slots__ = ('__data__',)

    def __new__(cls, *args, **kwargs):
        given = len(args) + len(kwargs)
        if given > 3:
            raise TypeError('function takes at most 3 arguments (%d given)' % given)
        values = list(args) + [None] * (3 - len(args))
        for name, value in kwargs.items():
            if name not in _NOTIFY_ARGUMENTS:
                raise TypeError("'%s' is an invalid keyword argument for this function" % name)
            at = _NOTIFY_ARGUMENTS.index(name)
            if at < len(args):
                raise TypeError("argument for function given by name ('%s') and position (%d)"
                                % (name, at + 1))
            values[at] = value
        for at in (0, 1):
            if at >= len(args) and _NOTIFY_ARGUMENTS[at] not in kwargs:
                raise TypeError("function missing required argument '%s' (pos %d)"
                                % (_NOTIFY_ARGUMENTS[at], at + 1))
        if len(args) < 3 and 'payload' not in kwargs:
            values[2] = ''
        self = object.__new__(cls)
        object.__setattr__(self, '__data__', tuple(values))
        return self

    pid = property(lambda self: self.__data__[0])
    channel = property(lambda self: self.__data__[1])
    payload = property(lambda self: self.__data__[2])

    def __setattr__(self, name, value):
        if name in _NOTIFY_ARGUMENTS:
            raise AttributeError('readonly attribute')
        raise AttributeError("'psycopg2.extensions.Notify' object has no attribute '%s'" % name)

    __delattr__ = __setattr__

    def __len__(self):
        return 2

    def __getitem__(self, index):
        if not isinstance(index, int):
            raise TypeError('sequence index must be integer, not %r' % type(index).__name__)
        # Python's sequence protocol adds the length to a negative index, and psycopg2's
        # item function adds it again
        if index < 0:
            index += 2
        if index < 0:
            index += 2
        if index == 0:
            return self.__data__[0]
        if index == 1:
            return self.__data__[1]
        raise IndexError('index out of range')

    __eq__ = _comparison(_operator.eq)
    __ne__ = _comparison(_operator.ne)
    __lt__ = _comparison(_operator.lt)
    __le__ = _comparison(_operator.le)
    __gt__ = _comparison(_operator.gt)
    __ge__ = _comparison(_operator.ge)

    def __hash__(self):
        # psycopg2's: the payload counts only when there is one
        return hash(self.__data__ if self.__data__[2] else self.__data__[:2])

    def __reduce_ex__(self, protocol):
        raise TypeError("cannot pickle 'psycopg2.extensions.Notify' object")

    def __repr__(self):
        return 'Notify(%r, %r, %r)' % self.__data__


def _conninfo_call(fn, *args):
    try:
        return fn(*args)
    except _jvm.ForeignException as e:
        raise _jvm.translate(e) from None


def parse_dsn(dsn):
    """Parse a connection string into a dict of its parameters."""
    if isinstance(dsn, bytes):
        dsn = dsn.decode('utf-8')
    if not isinstance(dsn, str):
        raise TypeError('Expected bytes or unicode string, got %s instead' % type(dsn).__name__)
    info = _conninfo_call(_jvm.ConnInfo.parse, dsn)
    params = info.parametersInLibpqOrder()
    return {str(k): str(params[k]) for k in params.keySet()}


def make_dsn(dsn=None, **kwargs):
    """Convert a set of keywords into a connection string."""
    if dsn is None and not kwargs:
        return ''
    if not kwargs:
        parse_dsn(dsn)  # validates, as psycopg2 does
        return dsn
    if 'database' in kwargs:
        if 'dbname' in kwargs:
            raise TypeError("you can't specify both 'database' and 'dbname' arguments")
        kwargs['dbname'] = kwargs.pop('database')
    kwargs = {k: str(v) for k, v in kwargs.items() if v is not None}
    if dsn is None:
        dsn = ''
    return str(_conninfo_call(_jvm.ConnInfo.make, dsn, kwargs))


def quote_ident(ident, scope):
    """Quote an SQL identifier, doubling the quotes it holds."""
    if hasattr(scope, 'connection'):
        scope = scope.connection
    if not isinstance(scope, connection):
        raise TypeError('argument 2 must be a connection or a cursor')
    if scope.closed:
        raise _InterfaceError('connection not valid')  # psycopg2 needs libpq's connection here
    if isinstance(ident, bytes):
        ident = ident.decode(scope._py_encoding)
    elif not isinstance(ident, str):
        raise TypeError('Expected bytes or unicode string, got %s instead' % type(ident).__name__)
    # libpq reads the name as a C string: it ends at a NUL
    ident = ident.split('\x00', 1)[0]
    return '"' + ident.replace('"', '""') + '"'


def _password_bytes(value):
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode('utf-8')
    raise TypeError('Expected bytes or unicode string, got %s instead' % type(value).__name__)


_REQUIRED = object()


def encrypt_password(password=_REQUIRED, user=_REQUIRED, scope=None, algorithm=None):
    """The secret the server stores for `password` of role `user` (for ALTER
    ROLE ... PASSWORD): 'md5' anywhere; otherwise, or without an algorithm,
    with the scope's connection, whose password_encryption is the default."""
    for position, (name, value) in enumerate((('password', password), ('user', user)), 1):
        if value is _REQUIRED:
            # the words of psycopg2's C function
            raise TypeError("function missing required argument '%s' (pos %d)" % (name, position))
    password = _password_bytes(password)
    user = _password_bytes(user)
    if scope is None:
        conn = None
    elif isinstance(scope, cursor):
        conn = scope.connection
    elif isinstance(scope, connection):
        conn = scope
    else:
        raise TypeError('the scope must be a connection or a cursor')
    if conn is None and algorithm != 'md5':
        raise _ProgrammingError(
            "password encryption (other than 'md5' algorithm) requires a connection or cursor")
    if conn is not None and conn.closed and algorithm != 'md5':
        raise _ProgrammingError('password encryption failed: connection pointer is NULL\n')
    if algorithm is None:
        # as libpq: the server's setting, read outside any transaction of the connection's
        algorithm = conn._show('password_encryption')
        if algorithm in ('on', 'off'):
            algorithm = 'md5'  # what servers before 14 meant by them
    if algorithm == 'md5':
        return str(_jvm.PasswordSecret.md5(password, user))
    if algorithm == 'scram-sha-256':
        return str(_jvm.PasswordSecret.scramSha256(password))
    raise _ProgrammingError('password encryption failed: unrecognized password encryption '
                           'algorithm "%s"\n' % algorithm)


def get_wait_callback():
    return None


def set_wait_callback(f):
    if f is not None:
        raise _NotSupportedError('wait callbacks are not supported yet')
