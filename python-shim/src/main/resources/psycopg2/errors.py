"""One exception class per PostgreSQL SQLSTATE, as psycopg2.errors.

The classes (names and bases) come from ``_errors_table``, generated from
PostgreSQL's errcodes.txt by python-shim/tools/gen_errcodes.py. Each is a
subclass of the DB-API class psycopg2 raised for that code before 2.8, so
``except IntegrityError`` still catches ``UniqueViolation``.
"""

from psycopg2 import _exceptions
from psycopg2._exceptions import (  # noqa: F401 (re-exported, as psycopg2.errors does)
    Warning, Error, InterfaceError, DatabaseError, DataError, OperationalError,
    IntegrityError, InternalError, ProgrammingError, NotSupportedError,
    QueryCanceledError, TransactionRollbackError,
)
from psycopg2._errors_table import ERRORS as _ERRORS

_by_sqlstate = {}


def _define_classes():
    g = globals()
    for sqlstate, name, base_name in _ERRORS:
        base = getattr(_exceptions, base_name)
        cls = type(name, (base,), {'__module__': __name__, '__slots__': ()})
        g[name] = cls
        _by_sqlstate[sqlstate] = cls


_define_classes()
del _define_classes


def lookup(code):
    """Return the exception class for a SQLSTATE code.

    Raise `KeyError` if the code has no class.
    """
    return _by_sqlstate[code]


def exception_for_sqlstate(code):
    """The class to raise for an error the server reported with `code`.

    The specific class when the code is known (e.g. ``UniqueViolation`` for
    23505), else the DB-API class of its SQLSTATE class (any ``22xxx`` is a
    DataError, ``5xxxx`` an OperationalError...), else DatabaseError.
    """
    cls = _by_sqlstate.get(code)
    if cls is None:
        cls = _exceptions.base_exception_for_sqlstate(code)
    return cls


def _strip_severity(pgerror):
    # "ERROR:  message\nLINE 1..." -> "message\nLINE 1...": the message of a
    # server exception is the libpq text without its (localized) severity.
    if not pgerror:
        return pgerror
    first_line = pgerror.split('\n', 1)[0]
    pos = first_line.find(':  ')
    if pos < 0:
        return pgerror
    return pgerror[pos + 3:]


def error_from_server(fields, pgerror=None, cursor=None):
    """Build the exception for a server ErrorResponse.

    `fields` maps PostgreSQL error field codes ('S', 'C', 'M', ...) to str;
    `pgerror` is the libpq-formatted text ("ERROR:  ...\\n"), built from the
    fields when omitted.
    """
    fields = fields or {}
    code = fields.get('C')
    if pgerror is None:
        severity = fields.get('S') or 'ERROR'
        pgerror = '%s:  %s\n' % (severity, fields.get('M', ''))
    cls = exception_for_sqlstate(code)
    return _exceptions.make_error(
        cls, _strip_severity(pgerror), pgerror=pgerror, pgcode=code,
        cursor=cursor, fields=fields)
