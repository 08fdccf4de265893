"""psycopg2's connection class, over a java-core PgSession."""

# _thread, not threading: the lock is all we need, and threading's imports
# (traceback, linecache, tokenize) cost a quarter of a second of start-up on GraalPy
import _thread
import sys as _sys
import gc as _gc
import weakref as _weakref

from psycopg2 import _jvm
from psycopg2 import _adapt
from psycopg2 import _client_encoding
from psycopg2._attributes import c_long, readonly
from psycopg2._exceptions import (
    Warning, Error, InterfaceError, DatabaseError, DataError, OperationalError,
    IntegrityError, InternalError, ProgrammingError, NotSupportedError)

ISOLATION_LEVEL_AUTOCOMMIT = 0
ISOLATION_LEVEL_READ_UNCOMMITTED = 4
ISOLATION_LEVEL_READ_COMMITTED = 1
ISOLATION_LEVEL_REPEATABLE_READ = 2
ISOLATION_LEVEL_SERIALIZABLE = 3
ISOLATION_LEVEL_DEFAULT = None

STATUS_SETUP = 0
STATUS_READY = 1
STATUS_BEGIN = 2
STATUS_IN_TRANSACTION = STATUS_BEGIN
STATUS_PREPARED = 5

TRANSACTION_STATUS_IDLE = 0
TRANSACTION_STATUS_ACTIVE = 1
TRANSACTION_STATUS_INTRANS = 2
TRANSACTION_STATUS_INERROR = 3
TRANSACTION_STATUS_UNKNOWN = 4

_TRANSACTION_STATUS = {
    'I': TRANSACTION_STATUS_IDLE, 'T': TRANSACTION_STATUS_INTRANS,
    'E': TRANSACTION_STATUS_INERROR, 'U': TRANSACTION_STATUS_UNKNOWN,
    'A': TRANSACTION_STATUS_ACTIVE,  # a COPY is in progress (seen from another thread)
}

_ISOLATION_NAMES = {
    ISOLATION_LEVEL_READ_UNCOMMITTED: 'READ UNCOMMITTED',
    ISOLATION_LEVEL_READ_COMMITTED: 'READ COMMITTED',
    ISOLATION_LEVEL_REPEATABLE_READ: 'REPEATABLE READ',
    ISOLATION_LEVEL_SERIALIZABLE: 'SERIALIZABLE',
}
_ISOLATION_BY_NAME = dict((v, k) for k, v in _ISOLATION_NAMES.items())

# A marker for "leave unchanged" in set_session, distinct from None (= default)
_UNCHANGED = object()

_MAX_NOTICES = 50


def _clean_encoding(name):
    """psycopg2's spelling of an encoding: ASCII letters and digits only, upper case
    ('sql_ascii' -> 'SQLASCII', 'Latin-1' -> 'LATIN1')."""
    return ''.join([c for c in name if c < '\x80' and c.isalnum()]).upper()


def _isolation_value(value):
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode('latin-1')  # psycopg2 reads bytes as the text they spell
    if isinstance(value, str):
        name = value.upper()
        if name == 'DEFAULT':
            return None
        if name in _ISOLATION_BY_NAME:
            return _ISOLATION_BY_NAME[name]
        raise ValueError("bad value for isolation_level: '%s'" % value)
    if not isinstance(value, int):
        raise TypeError('Expected bytes or unicode string, got %s instead' % type(value).__name__)
    c_long(value)
    if value < 1 or value > 4:
        raise ValueError('isolation_level must be between 1 and 4')
    return int(value)  # True is 1


def _tristate_value(name, value):
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode('latin-1')
    if isinstance(value, str):
        if value.upper() == 'DEFAULT':
            return None
        raise ValueError("the only string accepted is 'default'; got %s" % value)
    return bool(value)


# How many sessions of dropped connections the garbage collector has closed so far.
_dropped_closed = 0


def _close_dropped(session):
    """Closes the session of a connection the garbage collector found unreachable: CPython
    closes a dropped connection as soon as its last reference goes; GraalPy counts no
    references and calls no __del__ of Python objects, so this runs from a weakref.finalize."""
    global _dropped_closed
    _dropped_closed += 1
    try:
        session.close()
    except Exception:
        pass


def _reclaim_dropped():
    """Collects garbage, closing the connections the script dropped; whether any was
    closed. For a server out of connection slots: where CPython would have closed them
    long before, they may be what holds its slots."""
    before = _dropped_closed
    _gc.collect()
    return _dropped_closed != before


class PipelinedRun(object):
    """executemany's statements in a transaction block, handed to java-core one at a time
    as they are merged (PgSession.startMany/addMany): it sends them in batches, so the
    server runs one batch while the next is made, and runs whatever else the session is
    asked in between as if each statement had run on its own. add() says when a statement
    must run alone instead (the caller runs it, everything before it done) and when one
    has failed; finish() gives what the pipelined ones add up to, or raises the first
    failure with the cursor's query set to the statement that failed, as psycopg2 (which
    runs them one by one) leaves it. Every run ends with finish() or abandon()."""

    QUEUED = _jvm.PgSession.MANY_QUEUED
    FAILED = _jvm.PgSession.MANY_FAILED
    ALONE = _jvm.PgSession.MANY_ALONE

    def __init__(self, conn, cursor):
        self._conn = conn
        self._cursor = cursor
        self._queued = 0
        self._with_nul = {}  # index -> a statement holding a NUL (sent cut there, as libpq does)
        try:
            conn._session.startMany(conn._timeout_per_statement())
        except _jvm.ForeignException as e:
            raise conn._failure(e, cursor) from None

    def add(self, sql):
        """Offers one statement (str): QUEUED, FAILED (one sent before has failed: stop and
        finish()) or ALONE (the caller runs it on its own, then goes on)."""
        sent = as_sent(sql)
        try:
            outcome = self._conn._session.addMany(sent)
        except _jvm.ForeignException as e:
            raise self._failure(e) from None
        if outcome == PipelinedRun.QUEUED:
            if sent is not sql:
                self._with_nul[self._queued] = sql
            self._queued += 1
        return outcome

    def settle(self):
        """Sends what is queued and waits for every answer: False when a statement failed."""
        try:
            return self._conn._session.settleMany()
        except _jvm.ForeignException as e:
            raise self._failure(e) from None

    def finish(self):
        """(summed rowcount, last tag, last statement's rowcount) of the statements queued;
        (0, None, -1) for none. Ends the run."""
        try:
            outcome = self._conn._session.finishMany()
        except _jvm.ForeignException as e:
            raise self._failure(e) from None
        self._conn._drain_events()
        return outcome.rowcount(), outcome.statusMessage(), outcome.lastRowcount()

    def abandon(self):
        """Ends the run on the way out of an exception of the caller's: the statements
        queued are sent and answered, so the session is ready for the next; their outcome
        is lost."""
        try:
            self._conn._session.finishMany()
        except _jvm.ForeignException:
            pass

    def _failure(self, e):
        failed = _jvm.failed_statement(e)
        if failed >= 0:
            sql = self._with_nul.get(failed)
            if sql is None:
                sql = str(e.query())
            self._cursor._query = sql.encode(self._conn._py_encoding)
        return self._conn._failure(e, self._cursor)


def as_sent(sql):
    """The statement as the server receives it from libpq, which reads the query
    as a C string: it ends at the first NUL."""
    nul = sql.find('\x00')
    return sql if nul < 0 else sql[:nul]


class connection(object):
    """A connection to a PostgreSQL database."""

    __module__ = 'psycopg2.extensions'

    Warning = Warning
    Error = Error
    InterfaceError = InterfaceError
    DatabaseError = DatabaseError
    DataError = DataError
    OperationalError = OperationalError
    IntegrityError = IntegrityError
    InternalError = InternalError
    ProgrammingError = ProgrammingError
    NotSupportedError = NotSupportedError

    def __init__(self, dsn, async_=0, **kwargs):
        if 'async' in kwargs:
            async_ = kwargs.pop('async')
        if kwargs:
            raise TypeError("'%s' is an invalid keyword argument for this function"
                            % next(iter(kwargs)))
        if not isinstance(dsn, str):
            raise TypeError('argument 1 must be str, not %s' % _adapt._arg_type_name(dsn))
        if async_:
            raise NotSupportedError('asynchronous connections are not supported yet')
        self._lock = _thread.RLock()
        self._closed = 0
        self._session = None
        self._dsn_given = dsn
        self._autocommit = False
        self._entered = False  # inside `with conn:`, which is a transaction even in autocommit
        self._isolation_level = None
        self._readonly = None
        self._deferrable = None
        self._status = STATUS_SETUP
        # bumped when a transaction ends: a named cursor declared under an
        # older mark (and without hold) no longer exists on the server
        self._mark = 0
        self._notices = []
        self._notifies = []
        self._held_notifies = []  # see _events
        self.cursor_factory = None
        self._string_types = {}
        self._binary_types = {}
        self._error_message = None  # the last failed operation's message, as libpq keeps it
        self._session = _jvm.open_session(dsn, _reclaim_dropped)
        # notices of the startup itself (an application_name cut short) come before psycopg2
        # takes notices: libpq's default prints them on stderr
        for notice in self._session.drainNotices():
            _sys.stderr.write(str(notice))
        self._finalizer = _weakref.finalize(self, _close_dropped, self._session)
        # not at exit: atexit callbacks registered before this connect run after weakref's
        # and may still use it (the process's end closes the socket anyway)
        self._finalizer.atexit = False
        self._dsn = str(_jvm.ConnInfo.parse(dsn).connectionDsn())
        self._setup()

    def _setup(self):
        s = self._session
        try:
            self._take_server_encoding()
        except OperationalError:
            self.close()
            raise
        scs = s.parameterStatus('standard_conforming_strings')
        self._standard_conforming_strings = scs is not None and str(scs) == 'on'
        if self._status == STATUS_SETUP:
            # psycopg2 decides the E'' prefix once, when the connection is made
            self._equote = not self._standard_conforming_strings
        _adapt.note_standard_conforming_strings(self._standard_conforming_strings)
        datestyle = s.parameterStatus('DateStyle')
        if datestyle is None or not str(datestyle).startswith('ISO'):
            self._run("SET DATESTYLE TO 'ISO'")
        self._status = STATUS_READY

    # -- client encoding -------------------------------------------------

    def _take_server_encoding(self):
        """The client encoding the server reports, as psycopg2 reads it when it
        connects (and after a reset)."""
        self._use_encoding(_clean_encoding(str(self._session.clientEncoding())))

    def _use_encoding(self, name):
        """Encode and decode with psycopg2's codec for `name`, a cleaned encoding
        name, on both sides of the JVM boundary."""
        table_codec = _adapt.encodings.get(name)
        codec = _client_encoding.codec_for(table_codec) if table_codec else None
        if codec is None:
            raise OperationalError("no Python encoding for PostgreSQL encoding '%s'" % name)
        try:
            self._session.useClientCodec(table_codec)
        except _jvm.ForeignException:
            raise OperationalError("no Java charset for PostgreSQL encoding '%s'" % name) from None
        self._encoding = name
        self._py_encoding = codec

    def set_client_encoding(self, encoding):
        if not isinstance(encoding, str):
            raise TypeError('argument 1 must be str, not %s' % _adapt._arg_type_name(encoding))
        with self._lock:
            self._check_open()
            name = _clean_encoding(encoding)
            if name == self._encoding:
                return
            if self._status == STATUS_BEGIN:
                self.rollback()
            # the server judges the name first: a bad one raises its InvalidParameterValue;
            # one it takes that has no Python codec leaves psycopg2 on the old codec
            self._run("SET client_encoding TO '%s'" % name)
            self._use_encoding(name)

    # -- internal API used by cursors ------------------------------------

    def _check_open(self):
        if self._closed:
            raise InterfaceError('connection already closed')

    def _run(self, sql, cursor=None, as_bytes=False):
        """Send one query as is; return java-core's QueryResult and its description
        (QueryResult.describe(): everything about it in one interop call). With
        `as_bytes`, `sql` holds the query's bytes one char each (latin-1): bytes
        invalid in the client encoding go out all the same, as libpq sends them."""
        self._error_message = None  # libpq clears it when a query starts
        try:
            if as_bytes:
                result = self._session.executeBytes(as_sent(sql))
            else:
                result = self._session.execute(as_sent(sql))
        except _jvm.ForeignException as e:
            raise self._failure(e, cursor) from None
        return result, self._described(result, cursor is not None)

    def _send(self, text, cursor):
        """Send one query and return at once: _receive reads its answer, and nothing
        else may run on the session in between (the caller holds the lock)."""
        self._error_message = None
        try:
            self._session.send(as_sent(text))
        except _jvm.ForeignException as e:
            raise self._failure(e, cursor) from None

    def _receive(self, cursor):
        """The answer to what _send sent, as _run gives it."""
        try:
            result = self._session.receive()
        except _jvm.ForeignException as e:
            raise self._failure(e, cursor) from None
        return result, self._described(result, True)

    def _described(self, result, for_cursor):
        """QueryResult.describe(), its notices, notifications and reported
        settings taken in (notifications as _events says)."""
        summary = result.describe()
        notices, notifies = summary[13], summary[14]
        if len(notices) or len(notifies) or (for_cursor and self._held_notifies):
            self._events(notices, notifies, for_cursor)
        if summary[16] is not None:
            self._reported(summary[16])
        return summary

    def _timeout_per_statement(self):
        """Whether joined statements each get statement_timeout to themselves:
        PostgreSQL 13 and later time each statement of a message; before, the
        whole message, so there only while the timeout is off."""
        return self.server_version >= 130000 or self._show('statement_timeout') == '0'

    def _show(self, setting):
        """A setting's value, asked of the server outside psycopg2's transaction
        handling, as libpq asks for what it needs."""
        result = self._run('SHOW ' + setting)[0]
        return str(result.rows(0, 1, result.defaultModes())[0][0])

    def _failure(self, e, cursor=None):
        """The psycopg2 exception for java-core's `e`, the session's state taken
        in and its message kept for info.error_message."""
        error = _jvm.translate(e, cursor=cursor)
        self._error_message = getattr(error, 'pgerror', None)
        self._after_error(cursor is not None)
        return error

    def _after_error(self, for_cursor=True):
        if self._session.isBroken():
            self._closed = 2
            lost = self._session.lostMessage()
            if lost is not None:
                self._error_message = str(lost)  # libpq's: the server's FATAL error, then the loss
        self._drain_events(for_cursor)

    def _drain_events(self, for_cursor=True):
        """Notices, notifications and reported settings that came outside a result."""
        self._events(self._session.drainNotices(), self._session.drainNotifications(), for_cursor)
        self._reported(self._session.drainReportedParameters())

    def _reported(self, pairs):
        """Settings the server reported changed (name, value pairs): quoting
        follows standard_conforming_strings as libpq does, on this connection
        and for adapters used without one."""
        for i in range(0, len(pairs), 2):
            if str(pairs[i]) == 'standard_conforming_strings':
                self._standard_conforming_strings = str(pairs[i + 1]) == 'on'
                _adapt.note_standard_conforming_strings(self._standard_conforming_strings)

    def _events(self, notices, notifies, for_cursor=True):
        """Takes in notices, and notifications as psycopg2 takes them: with a cursor's
        statement or poll(); those that come with the connection's own commands (commit,
        rollback, set_client_encoding) wait for the next."""
        if not for_cursor:
            if len(notifies):
                self._held_notifies.extend(notifies)
            notifies = ()
        elif self._held_notifies:
            notifies = self._held_notifies + list(notifies)
            self._held_notifies = []
        # notifications first, as psycopg2 takes them (it matters when one object gets both)
        if len(notifies):
            from psycopg2.extensions import Notify
            target = self.notifies
            for pid, channel, payload in notifies:
                try:
                    target.append(Notify(int(pid), str(channel), str(payload)))
                except Exception:
                    pass  # as for notices
        # users may replace the list with any object that has append(); psycopg2 ignores
        # one that cannot take them, and keeps only the last ones in any list
        target = self.notices
        for notice in notices:
            try:
                target.append(str(notice))
            except Exception:
                pass
        if isinstance(target, list) and len(target) > _MAX_NOTICES:
            list.__delitem__(target, slice(0, len(target) - _MAX_NOTICES))

    def _begin_if_needed(self):
        """psycopg2 opens a transaction block before the first statement (in
        autocommit too inside `with conn:`, as psycopg2 2.9 does). Its failure (a
        lost connection, found by the BEGIN) names no cursor, as psycopg2's."""
        if (self._autocommit and not self._entered) or self._status != STATUS_READY:
            return
        sql = 'BEGIN'
        if self._isolation_level is not None:
            sql += ' ISOLATION LEVEL ' + _ISOLATION_NAMES[self._isolation_level]
        if self._readonly is not None:
            sql += ' READ ONLY' if self._readonly else ' READ WRITE'
        if self._deferrable is not None:
            sql += ' DEFERRABLE' if self._deferrable else ' NOT DEFERRABLE'
        self._run(sql)
        self._status = STATUS_BEGIN

    def _encode(self, text):
        return text.encode(self._py_encoding)

    def _decode(self, data):
        return data.decode(self._py_encoding)

    # -- DB-API ----------------------------------------------------------

    def cursor(self, name=None, cursor_factory=None, withhold=False, scrollable=None):
        self._check_open()
        factory = cursor_factory or self.cursor_factory
        if factory is None:
            from psycopg2._cursor import cursor as factory
        cur = factory(self, name)
        if withhold:
            cur.withhold = True
        if scrollable is not None:
            cur.scrollable = scrollable
        return cur

    def commit(self):
        with self._lock:
            self._check_open()
            if self._status == STATUS_BEGIN:
                self._mark += 1
                try:
                    self._run('COMMIT')
                finally:
                    self._status = STATUS_READY

    def rollback(self):
        with self._lock:
            self._check_open()
            if self._status == STATUS_BEGIN:
                self._mark += 1
                self._run('ROLLBACK')
                self._status = STATUS_READY  # as psycopg2: a failed ROLLBACK leaves it BEGIN

    def close(self):
        with self._lock:
            if self._closed == 1:
                return
            if self._session is not None:
                self._finalizer.detach()
                self._session.close()
            self._closed = 1

    def __enter__(self):
        self._check_open()
        if self._entered:
            raise ProgrammingError('the connection cannot be re-entered recursively')
        self._entered = True
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self._entered = False
        if exc_type is None:
            self.commit()
        else:
            self.rollback()

    def __repr__(self):
        return "<connection object at %#x; dsn: '%s', closed: %d>" % (id(self), self._dsn, self._closed)

    # -- attributes ------------------------------------------------------

    @property
    def closed(self):
        return self._closed

    # lists a script may replace with any object that has append(), or delete (psycopg2
    # then reads None there, and drops what would go in)
    notices = property(lambda self: self._notices, lambda self, value: setattr(self, '_notices', value),
                       lambda self: setattr(self, '_notices', None))
    notifies = property(lambda self: self._notifies, lambda self, value: setattr(self, '_notifies', value),
                        lambda self: setattr(self, '_notifies', None))

    # the registers are mutable dicts behind read-only attributes
    string_types = readonly('_string_types')
    binary_types = readonly('_binary_types')

    @property
    def info(self):
        from psycopg2._info import ConnectionInfo
        return ConnectionInfo(self)

    @property
    def dsn(self):
        return self._dsn

    @property
    def status(self):
        return self._status

    @property
    def encoding(self):
        return self._encoding

    @property
    def server_version(self):
        return int(self._session.serverVersion())

    @property
    def protocol_version(self):
        return 3

    @property
    def async_(self):
        return 0

    # psycopg2 keeps the name from before `async` was a keyword
    locals()['async'] = async_

    def poll(self):
        """On a connection that is not asynchronous, as psycopg2's: take the
        notifications (and notices) the server sent since the last query, without
        waiting for more; POLL_OK. The LISTEN loop select()s on the connection,
        then polls and reads conn.notifies."""
        with self._lock:
            self._check_open()
            try:
                self._session.consumeInput()
            except _jvm.ForeignException as e:
                raise self._failure(e) from None
            self._drain_events()
        return 0  # POLL_OK

    def fileno(self):
        self._check_open()
        fd = int(self._session.fileno())
        if fd < 0:
            raise OperationalError(
                'the socket file descriptor is not reachable: start the JVM with '
                '--add-opens java.base/sun.nio.ch=ALL-UNNAMED')
        return fd

    def isexecuting(self):
        return False

    def get_backend_pid(self):
        self._check_open()
        return int(self._session.backendPid())

    def get_transaction_status(self):
        if self._closed:
            return TRANSACTION_STATUS_UNKNOWN
        return _TRANSACTION_STATUS[str(self._session.transactionStatus())]

    def get_parameter_status(self, parameter):
        if not isinstance(parameter, str):
            raise TypeError('argument 1 must be str, not %s' % _adapt._arg_type_name(parameter))
        self._check_open()
        value = self._session.parameterStatus(parameter)
        return None if value is None else str(value)

    def get_dsn_parameters(self):
        self._check_open()
        return _jvm.dsn_parameters(self._dsn_given)

    def cancel(self):
        self._check_open()
        try:
            self._session.cancel()
        except _jvm.ForeignException as e:
            raise _jvm.translate(e) from None

    def reset(self):
        """Back to a fresh session: no transaction, server settings and the
        session's characteristics at their defaults."""
        with self._lock:
            self._check_open()
            self._mark += 1  # DISCARD ALL closes every cursor, held ones too
            if self._status == STATUS_BEGIN:
                self._run('ABORT')
                self._status = STATUS_READY
            self._run('DISCARD ALL')
            self._take_server_encoding()  # RESET ALL may have changed it
            self._status = STATUS_READY
            self._isolation_level = self._readonly = self._deferrable = None
            self._autocommit = False


    # -- transaction characteristics -------------------------------------

    def _check_not_in_transaction(self):
        self._check_open()
        if self._status != STATUS_READY:
            # psycopg2 names set_session whichever attribute was set
            raise ProgrammingError('set_session cannot be used inside a transaction')

    @property
    def autocommit(self):
        return self._autocommit

    @autocommit.setter
    def autocommit(self, value):
        self._check_not_in_transaction()
        self._set_autocommit(bool(value))

    def _set_autocommit(self, value):
        """Leaving autocommit, the server defaults the characteristics were set as
        go back to DEFAULT, as psycopg2 resets them (then BEGIN carries them)."""
        if self._autocommit and not value:
            for guc, current in (('default_transaction_isolation', self._isolation_level),
                                 ('default_transaction_read_only', self._readonly),
                                 ('default_transaction_deferrable', self._deferrable)):
                if current is not None:
                    self._set_default(guc, None)
        self._autocommit = value

    @property
    def isolation_level(self):
        return self._isolation_level  # a closed connection still tells, as psycopg2's does

    @isolation_level.setter
    def isolation_level(self, value):
        self._check_not_in_transaction()
        self._set_characteristics(isolation_level=value)

    @property
    def readonly(self):
        return self._readonly  # a closed connection still tells, as psycopg2's does

    @readonly.setter
    def readonly(self, value):
        self._check_not_in_transaction()
        self._set_characteristics(readonly=value)

    @property
    def deferrable(self):
        return self._deferrable  # a closed connection still tells, as psycopg2's does

    @deferrable.setter
    def deferrable(self, value):
        self._check_not_in_transaction()
        self._set_characteristics(deferrable=value)

    def set_session(self, isolation_level=_UNCHANGED, readonly=_UNCHANGED,
                    deferrable=_UNCHANGED, autocommit=_UNCHANGED):
        self._check_not_in_transaction()
        # autocommit first: the characteristics become server defaults only in autocommit
        if autocommit is not _UNCHANGED and autocommit is not None:
            self._set_autocommit(bool(autocommit))
        # None means "unchanged" here, unlike the properties where it means default
        self._set_characteristics(
            isolation_level=_UNCHANGED if isolation_level is None else isolation_level,
            readonly=_UNCHANGED if readonly is None else readonly,
            deferrable=_UNCHANGED if deferrable is None else deferrable)

    def _set_characteristics(self, isolation_level=_UNCHANGED, readonly=_UNCHANGED,
                             deferrable=_UNCHANGED):
        if isolation_level is not _UNCHANGED:
            self._isolation_level = _isolation_value(isolation_level)
            if self._autocommit:
                self._set_default('default_transaction_isolation',
                                  _ISOLATION_NAMES.get(self._isolation_level))
        if readonly is not _UNCHANGED:
            self._readonly = _tristate_value('readonly', readonly)
            if self._autocommit:
                self._set_default('default_transaction_read_only', self._readonly)
        if deferrable is not _UNCHANGED:
            self._deferrable = _tristate_value('deferrable', deferrable)
            if self._autocommit:
                self._set_default('default_transaction_deferrable', self._deferrable)

    def _set_default(self, guc, value):
        """In autocommit mode the server applies the characteristics itself."""
        if value is None:
            literal = 'DEFAULT'
        elif value is True:
            literal = "'on'"
        elif value is False:
            literal = "'off'"
        else:
            literal = "'%s'" % value.lower()
        self._run('SET %s TO %s' % (guc, literal))

    def set_isolation_level(self, level):
        with self._lock:
            self._check_open()
            if level is not None:
                # psycopg2 takes anything but None or an int as READ COMMITTED, and True as 1
                level = int(level) if isinstance(level, int) else 1
            if level is not None and (level < 0 or level > 4):
                raise ValueError('isolation level must be between 0 and 4')
            if self._status == STATUS_BEGIN:
                self.rollback()
            if level == ISOLATION_LEVEL_AUTOCOMMIT:
                self._set_autocommit(True)
            else:
                self._set_autocommit(False)
                self._isolation_level = level
