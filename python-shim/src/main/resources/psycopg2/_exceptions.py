"""DB-API exception classes, the psycopg2 extensions to them, and Diagnostics.

Pure Python, no Java interop: the session layer builds exceptions through
:func:`make_error` (or :func:`psycopg2.errors.error_from_server`), which is the
only way to set the read-only ``pgerror``/``pgcode``/``cursor`` attributes.

Class ``__module__`` values are the ones psycopg2 2.9 shows in tracebacks:
``psycopg2`` for the DB-API classes, ``psycopg2.extensions`` for
``QueryCanceledError``, ``TransactionRollbackError`` and ``Diagnostics``.
"""

__all__ = [
    'Warning', 'Error', 'InterfaceError', 'DatabaseError', 'DataError',
    'OperationalError', 'IntegrityError', 'InternalError', 'ProgrammingError',
    'NotSupportedError', 'QueryCanceledError', 'TransactionRollbackError',
    'Diagnostics', 'make_error', 'base_exception_for_sqlstate',
]

from psycopg2._attributes import readonly


class Warning(Exception):
    """Important warning from the database, e.g. a data truncation."""
    __module__ = 'psycopg2'


class Error(Exception):
    """Base of the exceptions raised by psycopg2 (warnings excluded).

    ``pgerror``, ``pgcode`` and ``cursor`` are read-only; ``diag`` gives the
    fields of the server's error report.
    """
    __module__ = 'psycopg2'
    # Slots keep vars(exc) empty, as psycopg2's C attributes do.
    __slots__ = ('_pgerror', '_pgcode', '_cursor', '_diag_fields', '_diag')

    def __init__(self, *args):
        Exception.__init__(self, *args)
        self._pgerror = None
        self._pgcode = None
        self._cursor = None
        self._diag_fields = None
        self._diag = None

    pgerror = readonly('_pgerror', 'The error message sent by the backend, or None.')
    pgcode = readonly('_pgcode', 'The SQLSTATE sent by the backend, or None.')
    cursor = readonly('_cursor', 'The cursor the exception was raised from, or None.')

    @property
    def diag(self):
        """A Diagnostics object with the fields of the error report."""
        d = getattr(self, '_diag', None)
        if d is None:
            d = self._diag = Diagnostics(self)
        return d

    def __reduce__(self):
        # cursor and diagnostics don't survive pickling (as in psycopg2): the
        # message, pgerror and pgcode do.
        state = dict(getattr(self, '__dict__', None) or {})
        if self.pgerror is not None or self.pgcode is not None:
            state['pgerror'] = self.pgerror
            state['pgcode'] = self.pgcode
        return (type(self), self.args, state)

    def __setstate__(self, state):
        if not state:
            return
        state = dict(state)
        self._pgerror = state.pop('pgerror', None)
        self._pgcode = state.pop('pgcode', None)
        for k, v in state.items():
            setattr(self, k, v)


class InterfaceError(Error):
    """Error of the database interface rather than of the database."""
    __module__ = 'psycopg2'
    __slots__ = ()


class DatabaseError(Error):
    """Error related to the database."""
    __module__ = 'psycopg2'
    __slots__ = ()


class DataError(DatabaseError):
    """Error in the processed data: division by zero, value out of range..."""
    __module__ = 'psycopg2'
    __slots__ = ()


class OperationalError(DatabaseError):
    """Error in the database operation, often not under the program's control."""
    __module__ = 'psycopg2'
    __slots__ = ()


class IntegrityError(DatabaseError):
    """The relational integrity of the database was affected."""
    __module__ = 'psycopg2'
    __slots__ = ()


class InternalError(DatabaseError):
    """The database found an internal error."""
    __module__ = 'psycopg2'
    __slots__ = ()


class ProgrammingError(DatabaseError):
    """Programming error: bad SQL, missing table, wrong parameters..."""
    __module__ = 'psycopg2'
    __slots__ = ()


class NotSupportedError(DatabaseError):
    """A method or database API was used that the database does not support."""
    __module__ = 'psycopg2'
    __slots__ = ()


class QueryCanceledError(OperationalError):
    """The query was canceled (e.g. statement_timeout or cancel())."""
    __module__ = 'psycopg2.extensions'
    __slots__ = ()


class TransactionRollbackError(OperationalError):
    """The transaction was rolled back (deadlock, serialization failure...)."""
    __module__ = 'psycopg2.extensions'
    __slots__ = ()


# Attribute name -> PostgreSQL error field code (protocol ErrorResponse).
_DIAG_FIELDS = (
    ('column_name', 'c'),
    ('constraint_name', 'n'),
    ('context', 'W'),
    ('datatype_name', 'd'),
    ('internal_position', 'p'),
    ('internal_query', 'q'),
    ('message_detail', 'D'),
    ('message_hint', 'H'),
    ('message_primary', 'M'),
    ('schema_name', 's'),
    ('severity', 'S'),
    ('severity_nonlocalized', 'V'),
    ('source_file', 'F'),
    ('source_function', 'R'),
    ('source_line', 'L'),
    ('sqlstate', 'C'),
    ('statement_position', 'P'),
    ('table_name', 't'),
)


class Diagnostics(object):
    """The fields of a server error report, from an :class:`Error`.

    Each attribute is a string, or None when the server did not send it.
    """
    __module__ = 'psycopg2.extensions'
    __slots__ = ('_fields',)

    def __init__(self, exc):
        if not isinstance(exc, Error):
            raise TypeError('The argument must be a psycopg2.Error')
        self._fields = getattr(exc, '_diag_fields', None) or {}


def _diag_property(code):
    return property(lambda self: self._fields.get(code))


for _name, _code in _DIAG_FIELDS:
    setattr(Diagnostics, _name, _diag_property(_code))
del _name, _code


def make_error(cls, message=None, pgerror=None, pgcode=None, cursor=None,
               fields=None):
    """Build an instance of the Error subclass `cls` with its psycopg2 state.

    `fields` maps single-character PostgreSQL error field codes ('S', 'C',
    'M', ...) to strings; it backs the ``diag`` attribute.
    """
    exc = cls(message) if message is not None else cls()
    exc._pgerror = pgerror
    exc._pgcode = pgcode
    exc._cursor = cursor
    exc._diag_fields = dict(fields) if fields else None
    return exc


# SQLSTATE class (2 chars) -> DB-API class, for codes with no specific class.
# Verified against psycopg2 2.9.5 raising every class '00'..'ZZ' from a server.
_CLASS_BASES = {
    '08': OperationalError,
    '0A': NotSupportedError,
    '20': ProgrammingError, '21': ProgrammingError,
    '22': DataError,
    '23': IntegrityError,
    '24': InternalError, '25': InternalError,
    '26': OperationalError, '27': OperationalError, '28': OperationalError,
    '2B': InternalError, '2D': InternalError, '2F': InternalError,
    '34': OperationalError,
    '38': InternalError, '39': InternalError, '3B': InternalError,
    '3D': ProgrammingError, '3F': ProgrammingError,
    '40': TransactionRollbackError,
    '42': ProgrammingError, '44': ProgrammingError,
}

# Whole families keyed on the first character only.
_FAMILY_BASES = {
    '5': OperationalError,
    'F': InternalError,
    'H': OperationalError,
    'P': InternalError,
    'X': InternalError,
}


def base_exception_for_sqlstate(code):
    """The DB-API class psycopg2 raises for a SQLSTATE it has no class for.

    ``57014`` (query_canceled) is QueryCanceledError; otherwise the choice
    depends on the SQLSTATE class only, DatabaseError when nothing matches
    (including a missing code).
    """
    if not code:
        return DatabaseError
    if code == '57014':
        return QueryCanceledError
    cls = _CLASS_BASES.get(code[:2])
    if cls is not None:
        return cls
    return _FAMILY_BASES.get(code[:1], DatabaseError)
