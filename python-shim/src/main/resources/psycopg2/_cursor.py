"""psycopg2's client-side cursor: execute, fetch, description, mogrify."""

from psycopg2 import _jvm
from psycopg2 import _adapt
from psycopg2 import _typecast
from psycopg2 import _server_cursor
from psycopg2._attributes import c_long, c_int, computed, long_member, readonly, settable
from psycopg2._interpolate import interpolate, interpolate_text, PLACEHOLDER_ERRORS
from psycopg2._exceptions import InterfaceError, ProgrammingError, NotSupportedError, make_error
from psycopg2._connection import PipelinedRun, STATUS_READY

import datetime as _datetime
import itertools
import operator

# Rows cross from Java in batches of this many: one interop call per batch
_BATCH = 1000

# The built-in casters whose result java-core produces itself (ints, floats,
# bools, strings): while one of these is in effect for a column, values
# arrive final and Python does nothing per value.
_NATIVE_OIDS = (16, 20, 21, 23, 26, 700, 701, 18, 19, 25, 1042, 1043, 705)
_NATIVE_DEFAULTS = dict(
    (oid, _typecast.string_types[oid]) for oid in _NATIVE_OIDS if oid in _typecast.string_types)
_BUILTIN_CASTERS = frozenset(id(c) for c in _typecast.string_types.values())


def _copy_refused(direction):
    """What psycopg2 raises for a COPY run through execute() ('FROM' or 'TO')."""
    return ProgrammingError("can't execute COPY %s: use the copy_%s() method instead"
                            % (direction, 'from' if direction == 'FROM' else 'to'))


def _summed(total, count):
    """executemany's rowcount: the statements' counts added up, -1 once one has none."""
    return -1 if (total < 0 or count < 0) else total + count


class _MergedStatements(object):
    """executemany's statements, merged one at a time as psycopg2 merges them, each as
    (sql, as_bytes): the text, or with as_bytes the bytes one char each (latin-1), for
    bytes the client encoding cannot read. psycopg2 runs each statement before merging
    the next one's parameters, so a parameter that cannot be merged ends them, kept in
    `failure` (the statements before it run), as does vars_list's own error, kept in
    `source_failure`; the first statement's failure is raised."""

    def __init__(self, cursor, query, vars_list):
        self._cursor = cursor
        self._query = query
        self._text_query = cursor._text_query(query)  # once, not per row
        self._rows = iter(vars_list)
        self._merged = 0
        self.failure = None
        self.source_failure = None

    def __iter__(self):
        return self

    def __next__(self):
        if self.failure is not None or self.source_failure is not None:
            raise StopIteration
        try:
            vars = next(self._rows)
        except StopIteration:
            raise
        except Exception as e:
            self.source_failure = e
            raise StopIteration
        cursor = self._cursor
        try:
            if not self._query:
                raise cursor._error("can't execute an empty query")
            as_bytes = False
            text = cursor._build_text(self._text_query, vars)
            if text is None:
                # the first statement's execute forgets the last result
                sql = cursor._build(self._query, vars, None if self._merged else cursor._forget_query)
                try:
                    text = sql.decode(cursor._conn._py_encoding)
                except UnicodeDecodeError:
                    as_bytes = True
                    text = sql.decode('latin-1')
        except Exception as e:
            if not self._merged:
                raise
            self.failure = e
            raise StopIteration
        self._merged += 1
        return text, as_bytes


class Column(tuple):
    """One entry of cursor.description: a 7-item sequence with named fields."""

    __module__ = 'psycopg2.extensions'
    _fields = ('name', 'type_code', 'display_size', 'internal_size',
               'precision', 'scale', 'null_ok')

    def __new__(cls, name=None, type_code=None, display_size=None, internal_size=None,
                precision=None, scale=None, null_ok=None, table_oid=None, table_column=None):
        self = tuple.__new__(cls, (name, type_code, display_size, internal_size,
                                   precision, scale, null_ok))
        self.table_oid = table_oid
        self.table_column = table_column
        return self

    def __getnewargs__(self):
        return tuple(self) + (self.table_oid, self.table_column)

    name = property(lambda self: self[0])
    type_code = property(lambda self: self[1])
    display_size = property(lambda self: self[2])
    internal_size = property(lambda self: self[3])
    precision = property(lambda self: self[4])
    scale = property(lambda self: self[5])
    null_ok = property(lambda self: self[6])

    def __repr__(self):
        return 'Column(name=%r, type_code=%r)' % (self[0], self[1])


def _columns(names, oids, sizes, mods, tables, numbers):
    out = []
    for name, oid, size, mod, table, number in zip(names, oids, sizes, mods, tables, numbers):
        if mod > 0:
            mod -= 4  # the modifier counts its own 4-byte header
        precision = scale = None
        if oid == 1700:
            precision = (mod >> 16) & 0xffff
            scale = mod & 0xffff
        if size == -1:
            # variable length: the declared maximum, numeric's precision, or -1
            internal = precision if oid == 1700 and mod >= 0 else mod
        else:
            internal = size
        out.append(Column(name, oid, None, internal, precision, scale, None,
                          table or None, number if table else None))
    return tuple(out)


# Both caches give the same function objects back for the same casters, so
# GraalPy compiles a fetch loop once and not again on every execute (a fresh
# closure per execute meant fresh code, compiled anew, each time). Bounded:
# per-connection casters (register_json, register_hstore...) come and go.
_CACHE_LIMIT = 512
_row_makers = {}
_fetch_casts = {}


def _fetch_cast(caster):
    """How the fetch loop calls a typecaster: (function, skip_null). The same
    objects for the same caster (the entry keeps the caster, so its id stays
    its own)."""
    entry = _fetch_casts.get(id(caster))
    if entry is None:
        if id(caster) in _BUILTIN_CASTERS:
            entry = (caster, caster._cast, True)  # a built-in parser: NULL stays None
        elif isinstance(caster, _typecast.Typecaster):
            entry = (caster, _user_cast(caster), False)  # user functions see NULL
        else:
            entry = (caster, caster, True)
        if len(_fetch_casts) >= _CACHE_LIMIT:
            _fetch_casts.clear()
        _fetch_casts[id(caster)] = entry
    return entry[1], entry[2]


def _row_maker(casts):
    """A function building one row tuple from a Java row, casting where asked.

    `casts` holds per column None (the value arrives final) or a pair from
    _fetch_cast. Generated per cast plan: reading Java array items by constant
    index and building the tuple in one expression is what GraalPy compiles
    best (a generic tuple(java_row) costs several times more per row).
    """
    key = tuple(None if c is None else (id(c[0]), c[1]) for c in casts)
    make = _row_makers.get(key)
    if make is None:
        lines = []
        items = []
        env = {}
        for i, c in enumerate(casts):
            if c is None:
                items.append('x[%d]' % i)
                continue
            env['c%d' % i] = c[0]
            if c[1]:
                lines.append('    v%d = x[%d]\n' % (i, i))
                items.append('None if v%d is None else c%d(v%d, cur)' % (i, i, i))
            else:
                items.append('c%d(x[%d], cur)' % (i, i))
        # (a, b, ) or (): a result may have no columns (SELECT FROM t)
        src = 'def make(x, cur):\n%s    return (%s)\n' % (''.join(lines), ''.join(i + ', ' for i in items))
        exec(src, env)
        if len(_row_makers) >= _CACHE_LIMIT:
            _row_makers.clear()
        make = _row_makers[key] = env['make']
    return make


def _user_cast(caster):
    """A registered typecaster as the fetch loop calls it: NULL as the real
    None (Java's reads as a foreign one), cursor.typecaster naming it."""
    cast = caster._cast

    def cast_for_user(value, cursor):
        if value is None:
            value = None
        previous = cursor._typecaster
        cursor._typecaster = caster
        try:
            return cast(value, cursor)
        finally:
            cursor._typecaster = previous
    return cast_for_user


class cursor(object):
    """A cursor to run queries and fetch their results."""

    __module__ = 'psycopg2.extensions'

    def __init__(self, conn, name=None):
        if isinstance(name, bytes):
            name = name.decode(conn._py_encoding)
        elif name is not None and not isinstance(name, str):
            raise TypeError('Expected bytes or unicode string, got %s instead'
                            % type(name).__name__)
        self._conn = conn
        self._name = name  # set: a server-side cursor (see _server_cursor)
        self._withhold = False
        self._scrollable = None
        self._declared = False
        self._mark = conn._mark
        self._closed = False
        self.arraysize = 1
        self.itersize = 2000
        # per-cursor registers are made on first register_type, as in psycopg2
        self._string_types = None
        self._binary_types = None
        self._row_factory = None
        self._typecaster = None  # the typecaster running, while one runs
        self.tzinfo_factory = _datetime.timezone
        self._reset()

    def _reset(self):
        self._reset_result()
        self._query = None

    def _reset_result(self):
        self._has_rows = False     # the last statement returned rows
        self._java_rows = None     # java-core's QueryResult, until every row is cast
        self._rows = None          # rows fetched from Java so far, already cast
        self._rows_total = 0       # rows in the result
        self._pos = 0              # next row to return
        # positions handed out one at a time (next() of a count is atomic under GraalPy's
        # lock too): threads sharing the cursor never get one row twice, or skip one
        self._claims = itertools.count(0)
        self._description = None
        self._rowcount = -1
        self._statusmessage = None
        self._lastrowid = 0
        self._make_row = None
        self._casts = None
        self._modes = None
        self._first_batch = None
        self._cast_failures = {}   # row index -> the exception its cast raised

    # -- state -----------------------------------------------------------

    # read-only, as psycopg2's C members: assigning raises AttributeError
    connection = readonly('_conn')
    name = readonly('_name')
    query = readonly('_query')
    rownumber = readonly('_pos')
    description = readonly('_description')
    rowcount = readonly('_rowcount')
    statusmessage = readonly('_statusmessage')
    lastrowid = readonly('_lastrowid')
    closed = computed(lambda self: self._closed or bool(self._conn.closed), 'closed',
                      'psycopg2.extensions.cursor')

    @property
    def scrollable(self):
        return self._scrollable

    @scrollable.setter
    def scrollable(self, value):
        if self._name is None:
            raise ProgrammingError('trying to set .scrollable on unnamed cursor')
        self._scrollable = None if value is None else bool(value)

    arraysize = long_member('_arraysize', 'Rows fetchmany() returns when given no size.')
    itersize = long_member('_itersize', 'Rows a named cursor fetches at a time while iterated.')

    # string_types, binary_types and row_factory are plain settable slots
    # in psycopg2: anything goes, del leaves None.
    string_types = settable('_string_types')
    binary_types = settable('_binary_types')
    row_factory = settable(
        '_row_factory', 'Called with the cursor to make each row, filled by index; None for tuples.')
    typecaster = readonly(
        '_typecaster', 'The typecaster whose cast function is running (None otherwise).')

    @property
    def withhold(self):
        return self._withhold

    @withhold.setter
    def withhold(self, value):
        if self._name is None:
            raise ProgrammingError('trying to set .withhold on unnamed cursor')
        self._withhold = bool(value)

    def _check_open(self):
        if self._closed:
            raise InterfaceError('cursor already closed')
        if self._conn.closed:
            raise InterfaceError('cursor already closed')

    def close(self):
        if self._name is not None:
            _server_cursor.close(self)
            return
        self._closed = True

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, traceback):
        self.close()

    def __repr__(self):
        # psycopg2's C flag, which is -1 once closed (and 0 when only the connection is)
        return '<cursor object at %#x; closed: %d>' % (id(self), -1 if self._closed else 0)

    # -- building queries ------------------------------------------------

    def _quote(self, obj):
        return _adapt.getquoted(obj, self._conn)

    def _build(self, query, vars, before_params=None):
        """The statement as bytes, as psycopg2 makes it: the query encoded, then
        `before_params` called (execute forgets its last query there, as psycopg2
        does), then the parameters merged."""
        conn = self._conn
        if hasattr(query, 'as_string') and not isinstance(query, (str, bytes)):
            query = query.as_string(self)
        if isinstance(query, str):
            query = _adapt.encode_text(query, conn._py_encoding)
        elif not isinstance(query, (bytes, bytearray)):
            raise TypeError(
                'argument 1 must be a string or unicode object: got %s instead'
                % type(query).__name__)
        if before_params is not None:
            before_params()
        if vars is None:
            return bytes(query)
        try:
            return interpolate(bytes(query), vars, self._quote)
        except ProgrammingError as e:
            if e.args and e.args[0] in PLACEHOLDER_ERRORS:
                e._cursor = self  # psycopg2 names the cursor for these, not for adapters' errors
            raise

    def _error(self, message):
        """A ProgrammingError naming this cursor, as psycopg2 raises its own checks'."""
        return make_error(ProgrammingError, message, cursor=self)

    def _forget_query(self):
        """What execute drops before merging the parameters, as psycopg2: the last query
        and the result's rows (the status, rowcount and description stay)."""
        self._query = None
        self._has_rows = False
        self._java_rows = None
        self._rows = None
        self._rows_total = 0

    def _text_query(self, query):
        """The query as _build_text takes it: a str as it is, bytes decoded with
        the connection's codec; None for anything else or unreadable bytes."""
        if type(query) is str:
            return query
        if type(query) is bytes:
            try:
                return query.decode(self._conn._py_encoding)
            except UnicodeDecodeError:
                return None
        return None

    def _build_text(self, query, vars):
        """The statement as str, encodable with the connection's codec, when the
        query (from _text_query) is there and the parameters are plain values
        (see interpolate_text); else None, for _build, which gives the same
        statement as bytes and raises psycopg2's errors."""
        if vars is None or query is None:
            return None
        conn = self._conn
        text = interpolate_text(query, vars, _adapt.plain_literal, conn)
        if text is not None and not text.isascii():
            try:
                text.encode(conn._py_encoding)
            except UnicodeEncodeError:
                return None
        return text

    def mogrify(self, query, vars=None):
        text = self._build_text(self._text_query(query), vars)
        if text is not None:
            return text.encode(self._conn._py_encoding)
        return self._build(query, vars)

    # -- executing -------------------------------------------------------

    def execute(self, query, vars=None):
        if self._name is not None:
            _server_cursor.execute(self, query, vars)
            return
        self._check_open()
        if not query:
            # checked before anything is reset: the last result stays
            raise self._error("can't execute an empty query")
        conn = self._conn
        text = self._build_text(self._text_query(query), vars)
        if text is not None:
            sql = text.encode(conn._py_encoding)
        else:
            sql = self._build(query, vars, self._forget_query)
            try:
                text = sql.decode(conn._py_encoding)
            except UnicodeDecodeError:
                # bytes the client encoding cannot read (a bytes query, an adapter's bytes):
                # psycopg2 sends them as they are and the server refuses them
                text = None
        with conn._lock:
            self._begin_statement(sql)
            try:
                if text is None:
                    result = conn._run(sql.decode('latin-1'), self, as_bytes=True)
                else:
                    result = conn._run(text, self)
            except Exception:
                self._statusmessage = ''  # what psycopg2 shows after a failed statement
                raise
            self._take(result)

    def _send(self, text):
        """execute(text) in two halves, this one sending: the caller prepares its next
        statement while the server runs this one, then takes the answer with
        _receive_sent (holding the connection's lock from one to the other)."""
        self._check_open()
        conn = self._conn
        sql = text.encode(conn._py_encoding)
        self._begin_statement(sql)
        try:
            conn._send(text, self)
        except Exception:
            self._statusmessage = ''
            raise

    def _receive_sent(self):
        try:
            result = self._conn._receive(self)
        except Exception:
            self._statusmessage = ''  # what psycopg2 shows after a failed statement
            raise
        self._take(result)

    def _begin_statement(self, sql):
        """What every statement sent through this cursor starts with: a clean
        state, the query recorded, psycopg2's implicit BEGIN."""
        self._reset()
        self._query = sql
        if not sql:
            raise self._error("can't execute an empty query")
        self._conn._begin_if_needed()

    def _take(self, run):
        result, d = run
        (tag, rowcount, held, has_rows, empty, refused,
         names, oids, sizes, mods, tables, numbers, modes) = d[:13]
        if empty:
            self._statusmessage = ''
            raise ProgrammingError("can't execute an empty query")  # the server's verdict: no cursor
        if refused is not None:
            self._statusmessage = ''  # the COPY's opening status, which has no tag
            raise _copy_refused(refused)
        self._statusmessage = tag
        self._rowcount = rowcount
        if tag is not None and tag.startswith('INSERT '):
            parts = tag.split()
            self._lastrowid = int(parts[1]) if len(parts) == 3 and parts[2] == '1' else 0
        if has_rows:
            oids = list(oids)
            self._description = _columns(list(names), oids, list(sizes), list(mods),
                                        list(tables), list(numbers))
            self._has_rows = True
            self._java_rows = result
            self._rows_total = held
            self._rows = []
            self._plan_casts(oids)
            first = d[15]
            if first is not None and self._modes == list(modes):
                # a small result came whole with its description, decoded as planned
                self._first_batch = first

    def executemany(self, query, vars_list):
        self._rowcount = -1  # psycopg2's, from here on, whatever happens next
        self._check_open()
        if self._name is not None:
            raise ProgrammingError("can't call .executemany() on named cursors")
        conn = self._conn
        with conn._lock:
            try:
                statements = _MergedStatements(self, query, vars_list)
                first = next(statements, None)
            except Exception:
                self._stop_fetches_here()  # at psycopg2's rowcount of -1
                raise
            if first is None:
                # the last statement's status, query and description stay, as in psycopg2,
                # whose fetches then stop at this rowcount of 0, where they are
                self._rowcount = 0
                self._stop_fetches_here()
                if statements.source_failure is not None:
                    raise statements.source_failure
                return
            self._reset()
            try:
                last_count = self._run_statements(first, statements)
            except Exception:
                self._statusmessage = ''  # what psycopg2 shows after a failed statement
                raise
            if statements.failure is not None:
                # the failing statement's execute had dropped the query; the rowcount is the
                # last statement's, not the sum
                self._query = None
                self._rowcount = last_count
                raise statements.failure
            if statements.source_failure is not None:
                raise statements.source_failure  # after the statements it gave, their sum counted

    def _stop_fetches_here(self):
        """psycopg2's fetches stop at its rowcount: when executemany runs nothing, the rows
        of the last result not fetched yet are no longer there."""
        if self._has_rows:
            del self._rows[self._pos:]
            self._rows_total = self._pos

    def _run_statements(self, first, more):
        """executemany's statements, each sent once merged: `first`, then what `more` gives
        (both as _MergedStatements gives them), pipelined where psycopg2's results allow.
        Sets the summed rowcount, the last tag and query; returns the last statement's own
        rowcount."""
        conn = self._conn
        conn._begin_if_needed()
        # The first alone: a COPY or an empty statement is refused there, as psycopg2
        # refuses it; the others have the same text but for the parameters' literals.
        total = last_count = self._run_alone(*first)
        last = first
        if conn._autocommit and not conn._entered:
            # each statement its own transaction, stopping at the first failure
            for last in more:
                last_count = self._run_alone(*last)
                total = _summed(total, last_count)
        else:
            run = PipelinedRun(conn, self)
            pipelined_last = False  # whether the last statement went through the pipeline
            try:
                for sql, as_bytes in more:
                    last = (sql, as_bytes)
                    if conn._status == STATUS_READY:
                        # the transaction ended while vars_list was read (a commit() of the
                        # script's): psycopg2 opens another for the next statement
                        if not run.settle():
                            break
                        conn._begin_if_needed()
                    if as_bytes:
                        # bytes the client encoding cannot read go alone, as libpq sends them
                        outcome = PipelinedRun.ALONE if run.settle() else PipelinedRun.FAILED
                    else:
                        outcome = run.add(sql)
                    if outcome == PipelinedRun.QUEUED:
                        pipelined_last = True
                        continue
                    if outcome == PipelinedRun.FAILED:
                        break  # finish() raises the error
                    last_count = self._run_alone(sql, as_bytes)
                    total = _summed(total, last_count)
                    pipelined_last = False
                count, tag, own_count = run.finish()
            except BaseException:
                run.abandon()
                raise
            total = _summed(total, count)  # 0 when nothing went through the pipeline
            if pipelined_last:
                last_count = own_count
                self._statusmessage = tag
        # psycopg2 executes each statement for no result: none is left to fetch, even when
        # vars_list ran a query on this cursor meanwhile
        tag = self._statusmessage
        self._reset_result()
        self._statusmessage = tag
        self._rowcount = total
        self._query = last[0].encode('latin-1' if last[1] else conn._py_encoding)
        return last_count

    def _run_alone(self, sql, as_bytes):
        """One of executemany's statements, on its own (see _MergedStatements); returns its
        rowcount, the tag's own (psycopg2 counts no rows a SELECT or SHOW returns there)."""
        self._query = sql.encode('latin-1' if as_bytes else self._conn._py_encoding)
        summary = self._conn._run(sql, self, as_bytes)[1]
        if summary[4]:
            raise ProgrammingError("can't execute an empty query")  # the server's verdict: no cursor
        if summary[5] is not None:
            raise _copy_refused(summary[5])
        self._statusmessage = summary[0]
        return summary[17]

    # -- casting ---------------------------------------------------------

    def _caster_for(self, oid):
        """The typecaster for an OID: the cursor's, the connection's, the
        global one, in this order (None when no one has it)."""
        own = self._string_types
        if type(own) is dict:
            caster = own.get(oid)
            if caster is not None:
                return caster
        caster = self._conn.string_types.get(oid)
        if caster is None:
            caster = _typecast.string_types.get(oid)
        return caster

    def _plan_casts(self, oids):
        """Per column: let Java decode (fast path) or cast the text in Python."""
        casts = []
        modes = []
        columnwise = True  # built-in casters only: no user code sees the order of calls
        for oid in oids:
            caster = self._caster_for(oid)
            if caster is None:
                casts.append(None)  # unknown types come back as str
                modes.append(_jvm.MODE_TEXT)
            elif _NATIVE_DEFAULTS.get(oid) is caster:
                casts.append(None)
                modes.append(_jvm.MODE_NATIVE)
            else:
                casts.append(_fetch_cast(caster))
                modes.append(_jvm.MODE_TEXT)
                if id(caster) not in _BUILTIN_CASTERS:
                    columnwise = False
        self._modes = modes
        self._casts = casts if columnwise else None
        self._make_row = _row_maker(casts)

    def _load(self, upto):
        """Bring rows [len(self._rows), upto) across from Java, cast.

        Stops after a row whose cast raises: the exception is kept for the
        fetch that reaches that row (psycopg2 casts a row when fetching it,
        so the rows before it are still returned, and those after it too).
        """
        rows = self._rows
        result = self._java_rows
        while len(rows) < upto:
            start = len(rows)
            stop = min(upto, start + _BATCH)
            batch, self._first_batch = self._first_batch, None
            new = None
            if batch is None and self._casts is not None:
                new, failure = self._columns_batch(result, start, stop)
            if new is None:
                # row by row: a small result that came whole, user casters (called in
                # psycopg2's order), or a built-in cast that raised (to know at which row)
                if batch is None:
                    batch = result.batch(start, stop, self._modes)
                new, failure = self._row_batch(batch)
            if failure is not None:
                self._cast_failures[start + len(new)] = failure
                new.append(None)  # the failed row's place
            rows.extend(new)
            if failure is not None:
                break
        if len(rows) == self._rows_total:
            self._java_rows = None  # all cast: the raw rows in Java can go

    def _columns_batch(self, result, start, stop):
        """(rows, failure) for rows [start, stop), built a column at a time: a
        packed int, float or bool column becomes a list in one cast, text is split
        in one call, casters run over a column, zip makes the tuples. failure:
        see _undecodable_error. (None, None) when a cast raises: the caller
        redoes the batch row by row."""
        columns, nulls, undecodable, n, kinds = result.columns(start, stop, self._modes)
        if not n:
            return [], self._undecodable_error(undecodable)
        built = []
        cur = self
        try:
            for values, null_rows, cast, kind in zip(columns, nulls, self._casts, kinds):
                if kind == 't':
                    values = values.split('\0')
                else:
                    values = memoryview(values.encode('latin-1')).cast(kind).tolist()
                for i in null_rows:
                    values[i] = None
                if cast is not None:
                    fn = cast[0]
                    if cast[1]:
                        values = [None if v is None else fn(v, cur) for v in values]
                    else:
                        values = [fn(v, cur) for v in values]
                built.append(values)
        except Exception:
            return None, None
        rows = list(zip(*built)) if built else [()] * n  # no columns: n empty rows
        return rows, self._undecodable_error(undecodable)

    def _row_batch(self, batch):
        """(rows, failure) from a row-wise Java batch {rows, rowsWithNulls,
        undecodable}: the rows up to the first whose cast raised, and that
        exception (or the undecodable value's error, or None)."""
        java_rows, with_nulls, undecodable = batch
        make = self._make_row
        new = []
        append = new.append
        try:
            for x in java_rows:
                append(make(x, self))
        except Exception as e:
            failure = e
        else:
            failure = self._undecodable_error(undecodable)
        # Java's null reads as a foreign None: make it the real one
        done = len(new)
        for i in with_nulls:
            if i < done:
                new[i] = tuple([None if v is None else v for v in new[i]])
        return new, failure

    def _undecodable_error(self, undecodable):
        """The codec's error for the value a batch stopped before, invalid in
        the client encoding (its bytes one char each; None: no such value): the
        fetch reaching its row raises it, as psycopg2's does."""
        if undecodable is None:
            return None
        from psycopg2._client_encoding import undecodable as error
        return error(undecodable.encode('latin-1'), self._conn._py_encoding)

    def _deliver(self, end):
        """The rows [rownumber, end) as fetched, rownumber moved to `end`.

        A row whose cast (or row_factory) raised raises here, when fetched,
        and rownumber is left just past it: later fetches go on from there.
        """
        start = self._pos
        if end > len(self._rows):
            self._load(end)
        failures = self._cast_failures
        if failures:
            for i in range(start, end):
                if i in failures:
                    self._move(i + 1)
                    raise failures[i]
        rows = self._rows[start:end]
        factory = self._row_factory
        if factory is not None:
            made = []
            for i, values in enumerate(rows):
                try:
                    made.append(self._build_row(values))
                except BaseException:
                    self._move(start + i + 1)
                    raise
            rows = made
        self._move(end)
        return rows

    def _move(self, pos):
        """rownumber set to pos, and the next claim with it."""
        self._pos = pos
        self._claims = itertools.count(pos)

    def _build_row(self, values):
        """A row from row_factory: called with the cursor, then filled item
        by item (row[i] = value), as psycopg2 fills it."""
        row = self._row_factory(self)
        for i, value in enumerate(values):
            row[i] = value
        return row

    def cast(self, *args):
        """cast(oid, s): `s` converted by the typecaster the cursor would use."""
        if len(args) != 2:
            raise TypeError('function takes exactly 2 arguments (%d given)' % len(args))
        oid, s = args
        caster = self._caster_for(oid)
        if caster is None:
            caster = _typecast.UNKNOWN  # psycopg2's default: the text as str
        return caster(s, self)

    # -- fetching --------------------------------------------------------

    def _check_result(self):
        self._check_open()
        if not self._has_rows:
            # psycopg2 forgets the count and the description as it finds there are no rows
            self._rowcount = -1
            self._description = None
            raise ProgrammingError('no results to fetch')

    def fetchone(self):
        if self._name is not None:
            with self._conn._lock:  # its own FETCH and the row it brought, whatever other threads do
                _server_cursor.fetch(self, 1)
                self._check_result()
                return self._next_held()
        self._check_result()
        return self._next_held()

    def _next_held(self):
        if self._cast_failures or self._row_factory is not None:
            with self._conn._lock:
                pos = self._pos
                if pos >= self._rows_total:
                    return None
                if pos >= len(self._rows):
                    self._load(min(self._rows_total, pos + _BATCH))
                return self._deliver(pos + 1)[0]
        # the common case, one row at a time: a claimed position, no slicing
        pos = next(self._claims)
        if pos >= self._rows_total:
            return None
        rows = self._rows
        if pos < len(rows):
            self._pos = pos + 1
            return rows[pos]
        with self._conn._lock:
            return self._row_at(pos)

    def _cast_all(self):
        """Every row of the result cast: before a named cursor's next batch replaces it, for the
        threads still holding a claim in it."""
        if self._rows is not None:
            while len(self._rows) < self._rows_total:
                self._load(self._rows_total)

    def _row_at(self, pos):
        """Row pos (< rows_total), cast now if it is not yet; rownumber moves past it. Under the
        connection's lock: casting extends the rows."""
        while pos >= len(self._rows):
            self._load(min(self._rows_total, pos + _BATCH))
        self._pos = pos + 1
        failure = self._cast_failures.get(pos)
        if failure is not None:
            raise failure
        return self._rows[pos]

    def fetchmany(self, size=None):
        if size is None:
            size = self.arraysize
        else:
            size = c_long(size)
        if self._name is not None:
            # FETCH FORWARD takes psycopg2's C long as a C int: the low 32 bits
            _server_cursor.fetch(self, (size + 2 ** 31) % 2 ** 32 - 2 ** 31)
        self._check_result()
        # a negative size takes what is left, as psycopg2 does
        return self._deliver(self._rows_total if size < 0 else min(self._rows_total, self._pos + size))

    def fetchall(self):
        if self._name is not None:
            _server_cursor.fetch(self, 'ALL')
        self._check_result()
        return self._deliver(self._rows_total)

    def __iter__(self):
        self._check_open()  # psycopg2's iter() says at once that the cursor is closed
        return self

    def __next__(self):
        # the common case first, for client and named cursors alike: a row already cast
        # and held, no row factory (what _next_held does, without its calls). The claims are
        # read before the rows: a named cursor's next batch replaces both.
        claims = self._claims
        rows = self._rows
        if (rows is not None and not self._closed and not self._cast_failures
                and self._row_factory is None and not self._conn.closed):
            pos = next(claims)
            if pos < len(rows):
                self._pos = pos + 1
                return rows[pos]
            return self._next_claimed(pos, claims, rows)
        if self._name is not None:
            return _server_cursor.next_row(self)
        # not self.fetchone(): as in psycopg2, iteration ignores a subclass's fetchone
        self._check_result()
        row = self._next_held()
        if row is None:
            raise StopIteration
        return row

    def _next_claimed(self, pos, claims, rows):
        """__next__ for a position claimed in `rows` past the rows cast so far."""
        with self._conn._lock:
            if claims is not self._claims:
                if pos < len(rows):
                    # claimed in a named cursor's batch that another thread has since cast whole
                    # and replaced: the row is still this thread's
                    self._pos = pos + 1
                    return rows[pos]
                return self.__next__()  # the cursor moved since (a scroll): claim again
            if pos < self._rows_total:
                return self._row_at(pos)
            if self._name is None:
                raise StopIteration
            return _server_cursor.next_row(self)  # a named cursor's batch is used up

    def scroll(self, value, mode='relative'):
        value = c_int(value)  # psycopg2's arguments: a C int and a str
        if not isinstance(mode, str):
            raise TypeError('argument 2 must be str, not %s'
                            % ('None' if mode is None else type(mode).__name__))
        if self._name is not None:
            _server_cursor.scroll(self, value, mode)
            return
        self._check_open()
        if mode == 'relative':
            pos = self._pos + value
        elif mode == 'absolute':
            pos = value
        else:
            raise ProgrammingError("scroll mode must be 'relative' or 'absolute'")
        # psycopg2 checks the destination against rowcount alone (-1 before any execute)
        if pos < 0 or pos >= self._rowcount:
            raise self._error('scroll destination out of bounds')
        self._move(pos)

    def setinputsizes(self, sizes):
        self._check_open()

    def setoutputsize(self, size, column=None):
        self._check_open()

    def nextset(self):
        self._check_open()
        raise NotSupportedError('not supported by PostgreSQL')

    # -- COPY (the work is in _copy) ---------------------------------------

    def copy_from(self, file, table, sep='\t', null='\\N', size=8192, columns=None):
        from psycopg2 import _copy
        _copy.copy_from(self, file, table, sep, null, size, columns)

    def copy_to(self, file, table, sep='\t', null='\\N', columns=None):
        from psycopg2 import _copy
        _copy.copy_to(self, file, table, sep, null, columns)

    def copy_expert(self, sql, file, size=8192):
        from psycopg2 import _copy
        _copy.copy_expert(self, sql, file, size)

    def callproc(self, procname, parameters=None):
        self._check_open()
        if self._name is not None:
            raise ProgrammingError("can't call .callproc() on named cursors")
        given = parameters
        if parameters is None:
            parameters = ()
        if isinstance(parameters, dict):
            # named arguments: "name":=value, names quoted as identifiers
            args = ','.join('"%s":=%%(%s)s' % (k.replace('"', '""'), k) for k in parameters)
            self.execute('SELECT * FROM %s(%s)' % (procname, args), parameters)
            return None
        args = ','.join(['%s'] * len(parameters))
        self.execute('SELECT * FROM %s(%s)' % (procname, args), parameters)
        return given
