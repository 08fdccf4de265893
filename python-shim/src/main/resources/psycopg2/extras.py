"""psycopg2.extras: range types, dict and named-tuple cursors, execute_batch and execute_values."""

from psycopg2._range import (  # noqa: F401
    Range, NumericRange, DateRange, DateTimeRange, DateTimeTZRange,
    RangeAdapter, RangeCaster, register_range)

import re as _re
from collections import OrderedDict as _OrderedDict, namedtuple as _namedtuple
from functools import lru_cache as _lru_cache

import psycopg2  # noqa: F401
from psycopg2 import extensions as _ext
from psycopg2.extensions import cursor as _cursor, connection as _connection
from psycopg2.extensions import quote_ident  # noqa: F401

# names psycopg2.extras has as module attributes, for scripts that take them from here
OrderedDict = _OrderedDict
namedtuple = _namedtuple
lru_cache = _lru_cache


# -- rows as dicts and named tuples ------------------------------------------

class DictCursorBase(_cursor):
    """A cursor whose rows are made by row_factory (a class taking the cursor).

    The plain cursor's fetch methods make the rows with row_factory; the
    column map is built at the first fetch after an execute (for a named
    cursor the description only exists then).
    """

    def __init__(self, *args, **kwargs):
        if 'row_factory' not in kwargs:
            raise NotImplementedError(
                "DictCursorBase can't be instantiated without a row factory.")
        row_factory = kwargs.pop('row_factory')
        super().__init__(*args, **kwargs)
        self.row_factory = row_factory
        self._query_executed = False

    def _build_index(self):
        raise NotImplementedError

    def _rows_of(self, rows):
        if self._query_executed and self.description:
            self._build_index()
            self._query_executed = False
        return rows

    def _build_row(self, values):
        if self.row_factory is not DictRow:
            return super()._build_row(values)
        row = DictRow(self)
        row[:] = values
        return row

    def execute(self, query, vars=None):
        self._query_executed = True
        return super().execute(query, vars)

    def callproc(self, procname, vars=None):
        self._query_executed = True
        return super().callproc(procname, vars)

    def fetchone(self):
        row = super().fetchone()
        if row is None:
            return None
        return self._rows_of((row,))[0]

    def fetchmany(self, size=None):
        return self._rows_of(super().fetchmany(size))

    def fetchall(self):
        return self._rows_of(super().fetchall())

    def __iter__(self):
        # a generator, as psycopg2's, that builds the column map first
        while True:
            try:
                row = _cursor.__next__(self)
            except StopIteration:
                return
            yield self._rows_of((row,))[0]

    # next(cursor) itself makes the row with the column map as it stands:
    # psycopg2's DictCursor then has no names before the first fetch


class DictCursor(DictCursorBase):
    """Rows are DictRow: lists also indexed by column name."""

    def __init__(self, *args, **kwargs):
        kwargs['row_factory'] = DictRow
        super().__init__(*args, **kwargs)
        self._prefetch = True  # psycopg2's flag (its rows are made after the fetch)
        self.index = _OrderedDict()

    def execute(self, query, vars=None):
        self.index = _OrderedDict()
        return super().execute(query, vars)

    def callproc(self, procname, vars=None):
        self.index = _OrderedDict()
        return super().callproc(procname, vars)

    def _build_index(self):
        for i, column in enumerate(self.description):
            self.index[column[0]] = i


class DictRow(list):
    """A row as a list, whose items can also be read by column name."""

    __slots__ = ('_index',)

    def __init__(self, cursor):
        self._index = cursor.index
        self[:] = [None] * len(cursor.description)

    def __getitem__(self, x):
        if not isinstance(x, (int, slice)):
            x = self._index[x]
        return super().__getitem__(x)

    def __setitem__(self, x, v):
        if not isinstance(x, (int, slice)):
            x = self._index[x]
        super().__setitem__(x, v)

    def __add__(self, other):
        # a list, as CPython's list.__add__ gives for subclasses (GraalPy's keeps the subclass)
        return list(self) + other

    def items(self):
        item = super().__getitem__
        return ((name, item(i)) for name, i in self._index.items())

    def keys(self):
        return iter(self._index)

    def values(self):
        item = super().__getitem__
        return (item(i) for i in self._index.values())

    def get(self, x, default=None):
        try:
            return self[x]
        except Exception:
            return default

    def copy(self):
        return _OrderedDict(self.items())

    def __contains__(self, x):
        return x in self._index

    def __reduce__(self):
        return self.__class__.__new__, (self.__class__,), self.__getstate__()

    def __getstate__(self):
        return self[:], self._index.copy()

    def __setstate__(self, data):
        self[:] = data[0]
        self._index = data[1]


class DictConnection(_connection):
    """A connection whose cursors are DictCursor unless told otherwise."""

    def cursor(self, *args, **kwargs):
        kwargs.setdefault('cursor_factory', self.cursor_factory or DictCursor)
        return super().cursor(*args, **kwargs)


class RealDictCursor(DictCursorBase):
    """Rows are RealDictRow: real dicts, column name to value."""

    def __init__(self, *args, **kwargs):
        kwargs['row_factory'] = RealDictRow
        super().__init__(*args, **kwargs)
        self._prefetch = False
        self.column_mapping = []

    def execute(self, query, vars=None):
        self.column_mapping = []
        return super().execute(query, vars)

    def callproc(self, procname, vars=None):
        self.column_mapping = []
        return super().callproc(procname, vars)

    def _build_index(self):
        self.column_mapping = [column[0] for column in self.description]

    def _build_row(self, values):
        if self.row_factory is not RealDictRow:
            return super()._build_row(values)
        if not self.column_mapping and self.description:
            self._build_index()
        return RealDictRow(zip(self.column_mapping, values))


class RealDictRow(_OrderedDict):
    """A row as an ordered dict of column name to value."""

    def __init__(self, *args, **kwargs):
        if args and isinstance(args[0], _cursor):
            args = args[1:]  # built by a cursor: the values come next
        super().__init__(*args, **kwargs)

    def __repr__(self):
        # psycopg2 2.9.5 on CPython 3.11 shows the items as a list of pairs
        # (OrderedDict's repr; 3.12 changed it to a dict display)
        if not self:
            return '%s()' % self.__class__.__name__
        return '%s(%r)' % (self.__class__.__name__, list(self.items()))


class RealDictConnection(_connection):
    """A connection whose cursors are RealDictCursor unless told otherwise."""

    def cursor(self, *args, **kwargs):
        kwargs.setdefault('cursor_factory', self.cursor_factory or RealDictCursor)
        return super().cursor(*args, **kwargs)


class NamedTupleCursor(_cursor):
    """Rows are named tuples of a class named Record, one class per column list."""

    Record = None
    MAX_CACHE = 1024

    def execute(self, query, vars=None):
        self.Record = None
        return super().execute(query, vars)

    def executemany(self, query, vars):
        self.Record = None
        return super().executemany(query, vars)

    def callproc(self, procname, vars=None):
        self.Record = None
        return super().callproc(procname, vars)

    def _record(self):
        record = self.Record
        if record is None:
            record = self.Record = self._make_nt()
        return record

    def _make_nt(self):
        """The Record class for the columns of the last result (what subclasses override)."""
        return self._cached_make_nt(tuple(column[0] for column in self.description or ()))

    @classmethod
    def _cached_make_nt(cls, key):
        return _record_class(key)

    def fetchone(self):
        row = super().fetchone()
        if row is None:
            return None
        return self._record()._make(row)

    def fetchmany(self, size=None):
        rows = super().fetchmany(size)
        make = self._record()._make
        return [make(row) for row in rows]

    def fetchall(self):
        rows = super().fetchall()
        make = self._record()._make
        return [make(row) for row in rows]

    def __iter__(self):
        # a generator, as psycopg2's: next(cursor) itself still gives plain tuples
        rows = super().__iter__()
        try:
            first = next(rows)
        except StopIteration:
            return
        make = self._record()._make
        yield make(first)
        while True:  # not `for row in rows`: rows is the cursor, whose iter() is this again
            try:
                row = next(rows)
            except StopIteration:
                return
            yield make(row)


@_lru_cache(512)
def _record_class(names):
    fields = []
    for name in names:
        # column names become identifiers: other characters to '_', and no
        # leading '_' or digit (namedtuple refuses them)
        field = _re.sub(r'\W', '_', name)
        if field[:1] == '_' or field[:1].isdigit():
            field = 'f' + field
        fields.append(field)
    return _namedtuple('Record', fields, module=__name__)


class NamedTupleConnection(_connection):
    """A connection whose cursors are NamedTupleCursor unless told otherwise."""

    def cursor(self, *args, **kwargs):
        kwargs.setdefault('cursor_factory', self.cursor_factory or NamedTupleCursor)
        return super().cursor(*args, **kwargs)


# -- fast execution helpers ----------------------------------------------------

def _pages(seq, page_size):
    if page_size <= 0:
        # psycopg2 then takes no item into a page, for ever: its callers fail on an empty page
        while True:
            yield []
    page = []
    for item in seq:
        page.append(item)
        if len(page) >= page_size:
            yield page
            page = []
    if page:
        yield page


def execute_batch(cur, sql, argslist, page_size=100):
    """Run sql once per item of argslist, page_size statements per round trip."""
    for page in _pages(argslist, page_size):
        statements = [cur.mogrify(sql, args) for args in page]
        cur.execute(b';'.join(statements))


def _split_values_query(sql):
    """The bytes before and after the one %s of an execute_values query."""
    before, after = [], []
    part = before
    for token in _re.split(br'(%.)', sql):
        if len(token) != 2 or token[:1] != b'%':
            part.append(token)
        elif token == b'%s':
            if part is after:
                raise ValueError("the query contains more than one '%s' placeholder")
            part = after
        elif token == b'%%':
            part.append(b'%')
        else:
            raise ValueError("unsupported format character: '%s'"
                             % token[1:].decode('ascii', 'replace'))
    if part is before:
        raise ValueError("the query doesn't contain any '%s' placeholder")
    return before, after


def _row_text(cur, query, template, args, codec):
    """One row of execute_values as str: what the cursor's mogrify gives, decoded."""
    text = cur._build_text(query, args)
    return text if text is not None else cur.mogrify(template, args).decode(codec)


def execute_values(cur, sql, argslist, template=None, page_size=100, fetch=False):
    """Run sql with its %s replaced by a VALUES list, page_size rows at a time."""
    from psycopg2.sql import Composable
    if isinstance(sql, Composable):
        sql = sql.as_string(cur)
    if not isinstance(sql, bytes):
        sql = sql.encode(_ext.encodings[cur.connection.encoding])
    before, after = _split_values_query(sql)
    result = [] if fetch else None
    # With the cursor's own mogrify the page is built as str: the same statement, without
    # encoding each row on its own (GraalPy's str.encode costs ~0.5 us a call)
    as_text = type(cur).mogrify is _cursor.mogrify
    if as_text:
        codec = cur.connection._py_encoding
        before = [b.decode(codec) for b in before]
        after = [b.decode(codec) for b in after]
    comma, empty = (',', '') if as_text else (b',', b'')
    # The cursor's own execute, run in two halves: each page is sent, and the next one
    # built while the server runs it. Its answer is read before the next page is sent, so
    # what runs, fails and is left on the cursor is what page-by-page execute gives.
    overlap = (as_text and not fetch and cur.name is None
               and type(cur).execute is _cursor.execute)
    if overlap:
        cur.connection._lock.acquire()  # no other thread's statement between the halves
    sent = False
    try:
        for page in _pages(argslist, page_size):
            if template is None:
                template = b'(' + b','.join([b'%s'] * len(page[0])) + b')'
            try:
                if as_text:
                    query = cur._text_query(template)
                    rows = [_row_text(cur, query, template, args, codec) for args in page]
                else:
                    rows = [cur.mogrify(template, args) for args in page]
                # an empty page (page_size <= 0) drops the last piece before %s, as psycopg2's
                statement = empty.join(before + [comma.join(rows)] + after if rows else before[:-1] + after)
            finally:
                if sent:
                    # the page before failing on the server comes first, as page by page
                    sent = False
                    cur._receive_sent()
            if overlap:
                cur._send(statement)
                sent = True
            else:
                cur.execute(statement)
                if fetch:
                    result.extend(cur.fetchall())
    finally:
        try:
            if sent:
                cur._receive_sent()
        finally:
            if overlap:
                cur.connection._lock.release()
    return result


def wait_select(conn):
    """A wait callback for set_wait_callback (and a way to wait on any connection):
    poll the connection until it is done, sleeping in select() while it waits for the
    server; Ctrl-C cancels the running query and goes on waiting for the error."""
    import select
    from psycopg2.extensions import POLL_OK, POLL_READ, POLL_WRITE
    while True:
        try:
            state = conn.poll()
            if state == POLL_OK:
                return
            if state == POLL_READ:
                select.select([conn.fileno()], [], [])
            elif state == POLL_WRITE:
                select.select([], [conn.fileno()], [])
            else:
                raise conn.OperationalError('bad state from poll: %s' % state)
        except KeyboardInterrupt:
            conn.cancel()


# --- logging connections ---------------------------------------------------

import logging as _logging  # noqa: E402
import os as _os  # noqa: E402
import time as _time  # noqa: E402

from psycopg2._exceptions import ProgrammingError as _ProgrammingError  # noqa: E402


class LoggingConnection(_connection):
    """A connection whose cursors log every query they run, to a file-like
    object or a logging.Logger given to initialize()."""

    def initialize(self, logobj):
        """Start logging to `logobj` (a logger, or anything with write())."""
        self._logobj = logobj

    def filter(self, msg, curs):
        """The text to log for query `msg` (bytes) run by `curs`; override to
        change or drop it (return None)."""
        return msg

    def log(self, msg, curs):
        msg = self.filter(msg, curs)
        if not msg:
            return
        if isinstance(self._logobj, (_logging.Logger, _logging.LoggerAdapter)):
            self._logobj.debug(msg)
            return
        if isinstance(msg, bytes):
            msg = msg.decode(_ext.encodings[self.encoding], 'replace')
        self._logobj.write(msg + _os.linesep)

    def _check(self):
        if not hasattr(self, '_logobj'):
            raise _ProgrammingError("LoggingConnection object has not been initialize()d")

    def cursor(self, *args, **kwargs):
        self._check()
        kwargs.setdefault('cursor_factory', self.cursor_factory or LoggingCursor)
        return super().cursor(*args, **kwargs)


class LoggingCursor(_cursor):
    """A cursor that logs its queries through its LoggingConnection, failed
    ones too. (executemany is not logged, as in psycopg2.)"""

    def execute(self, query, vars=None):
        try:
            return super().execute(query, vars)
        finally:
            self.connection.log(self.query, self)

    # callproc runs through execute(), so it is logged once, there


class MinTimeLoggingConnection(LoggingConnection):
    """Logs only the queries that took longer than `mintime` milliseconds,
    with their execution time."""

    def initialize(self, logobj, mintime=0):
        LoggingConnection.initialize(self, logobj)
        self._mintime = mintime

    def filter(self, msg, curs):
        elapsed = (_time.time() - curs.timestamp) * 1000
        if elapsed <= self._mintime:
            return None
        if isinstance(msg, bytes):
            msg = msg.decode(_ext.encodings[self.encoding], 'replace')
        return msg + _os.linesep + '  (execution time: %s ms)' % elapsed

    def cursor(self, *args, **kwargs):
        kwargs.setdefault('cursor_factory', self.cursor_factory or MinTimeLoggingCursor)
        return LoggingConnection.cursor(self, *args, **kwargs)


class MinTimeLoggingCursor(LoggingCursor):
    """The cursor of MinTimeLoggingConnection: notes when each query starts."""

    def execute(self, query, vars=None):
        self.timestamp = _time.time()
        return super().execute(query, vars)


# --- JSON, UUID and network types -----------------------------------------

import json  # noqa: E402,F401  (psycopg2.extras.json is the json module)

from psycopg2._json import (  # noqa: E402,F401
    Json, register_json, register_default_json, register_default_jsonb)
from psycopg2._uuid import UUID_adapter, register_uuid  # noqa: E402,F401
from psycopg2._inet import Inet, register_inet  # noqa: E402,F401
from psycopg2._ipaddress import register_ipaddress  # noqa: E402,F401
from psycopg2._hstore import HstoreAdapter, register_hstore  # noqa: E402,F401
from psycopg2._composite import CompositeCaster, register_composite  # noqa: E402,F401


# -- replication -----------------------------------------------------------------
# The replication protocol is not implemented yet. Its names are here so that scripts which
# import them (most only to offer the feature) load; opening a replication connection raises
# NotSupportedError, as an asynchronous connection does.

REPLICATION_PHYSICAL = 12345678
REPLICATION_LOGICAL = 87654321


class StopReplication(Exception):
    """Raised by a consume_stream() callback to end the stream."""


class _ReplicationConnection(_connection):
    __module__ = 'psycopg2.extensions'

    def __init__(self, *args, **kwargs):
        raise self.NotSupportedError('replication connections are not supported yet')


class LogicalReplicationConnection(_ReplicationConnection):
    pass


class PhysicalReplicationConnection(_ReplicationConnection):
    pass


class _ReplicationCursor(_cursor):
    __module__ = 'psycopg2.extensions'


class ReplicationCursor(_ReplicationCursor):
    """The cursor of a replication connection (which cannot be opened yet)."""


# psycopg2's own names for the bases, which live in its C module
_ReplicationConnection.__name__ = _ReplicationConnection.__qualname__ = 'ReplicationConnection'
_ReplicationCursor.__name__ = _ReplicationCursor.__qualname__ = 'ReplicationCursor'


class ReplicationMessage(object):
    """A message of a replication stream (none can arrive yet)."""
    __module__ = 'psycopg2.extensions'
