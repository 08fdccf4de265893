"""Named (server-side) cursors: the cursor methods when cursor.name is set.

execute() declares the cursor on the server (DECLARE); each fetch is a
FETCH whose result replaces the previous one in the cursor, through the
same casting path as client-side results, so only the last batch is held.
rowcount and rownumber then describe that last FETCH, as in psycopg2.
"""

import operator

from psycopg2._exceptions import ProgrammingError


def _quoted_name(cur):
    return '"' + cur._name.replace('"', '""') + '"'


def _check_mark(cur):
    """A cursor without hold dies with the transaction that declared it."""
    if not cur._withhold and cur._mark != cur._conn._mark:
        raise ProgrammingError("named cursor isn't valid anymore")


def _run(cur, sql):
    """One statement on the cursor's behalf; with hold, no transaction is opened."""
    conn = cur._conn
    with conn._lock:
        cur._reset_result()
        # a failed statement leaves an empty status, as in psycopg2
        cur._statusmessage = ''
        if not cur._withhold:
            conn._begin_if_needed()
        cur._take(conn._run(sql, cur))


def execute(cur, query, vars):
    if cur._declared or cur._query is not None:  # psycopg2 counts a COPY run on it too
        raise ProgrammingError("can't call .execute() on named cursors more than once")
    cur._check_open()
    conn = cur._conn
    if conn._autocommit and not cur._withhold:
        raise cur._error("can't use a named cursor outside of transactions")
    # made in a transaction that has ended since: psycopg2 ties the cursor to it
    _check_mark(cur)
    sql = cur._build(query, vars)
    if not sql:
        raise ProgrammingError("can't execute an empty query")
    nul = sql.find(b'\x00')
    if nul >= 0:
        sql = sql[:nul]  # psycopg2 formats the DECLARE as a C string: the query ends there
    if cur._scrollable is None:
        scroll = ''
    else:
        scroll = 'SCROLL ' if cur._scrollable else 'NO SCROLL '
    declare = ('DECLARE %s %sCURSOR %s HOLD FOR '
               % (_quoted_name(cur), scroll, 'WITH' if cur._withhold else 'WITHOUT')
               ).encode(conn._py_encoding) + sql
    with conn._lock:
        cur._reset()
        cur._query = declare
        cur._mark = conn._mark
        cur._statusmessage = ''
        cur._declared = True  # even if the server refuses it, as psycopg2 counts
        conn._begin_if_needed()
        cur._take(conn._run(declare.decode(conn._py_encoding), cur))


def fetch(cur, count):
    """FETCH count rows (an int, or 'ALL') into the cursor."""
    cur._check_open()
    _check_mark(cur)
    _run(cur, 'FETCH FORWARD %s FROM %s' % (count, _quoted_name(cur)))


def next_row(cur):
    """Iteration: rows of the held batch, then the next itersize batch. Under the connection's
    lock, so that threads sharing the cursor fetch each batch once."""
    cur._check_open()
    with cur._conn._lock:
        fetched = False
        if not cur._has_rows:
            fetch(cur, cur.itersize)
            fetched = True
        row = cur._next_held()
        # the batch is used up (by this thread or others): the next one, until one is empty
        # (a call after the end fetches again, as psycopg2's does)
        while row is None and not (fetched and not cur._rows_total):
            cur._cast_all()
            fetch(cur, cur.itersize)
            fetched = True
            row = cur._next_held()
    if row is None:
        raise StopIteration
    return row


def scroll(cur, value, mode):
    cur._check_open()
    value = operator.index(value)
    _check_mark(cur)
    # psycopg2 takes any mode other than 'absolute' as relative here
    how = 'ABSOLUTE ' if mode == 'absolute' else ''
    _run(cur, 'MOVE %s%d FROM %s' % (how, value, _quoted_name(cur)))
    cur._rowcount = -1


def close(cur):
    if cur._closed:
        return
    conn = cur._conn
    if conn.closed:
        cur._closed = True
        return
    with conn._lock:
        if conn.get_transaction_status() in (3, 4):  # in error, unknown
            # the server would refuse CLOSE; the cursor goes with the transaction
            cur._closed = True
            return
        if not cur._declared:
            # a cursor DECLAREd by hand under this name is closed too, if it exists
            cur._reset_result()
            cur._take(conn._run(
                "SELECT 1 FROM pg_catalog.pg_cursors WHERE name = %s"
                % _quote_text(cur._name), cur))
            if not cur._rows_total:
                cur._closed = True
                return
        _check_mark(cur)
        cur._reset_result()  # psycopg2 keeps CLOSE's result alone: no description, row 0
        cur._take(conn._run('CLOSE %s' % _quoted_name(cur), cur))
        cur._closed = True


def _quote_text(s):
    return "'" + s.replace("'", "''") + "'"
