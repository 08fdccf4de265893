"""Catalog lookups behind type registration (register_hstore, register_composite,
register_json): a plain cursor on the connection whatever its cursor factory, and
the transaction a lookup began on an idle connection ended after it, so that
registering a type leaves the connection as it found it (as psycopg2 does)."""

from psycopg2._exceptions import ProgrammingError


def lookup_scope(conn_or_curs):
    """(connection, new plain cursor) for a connection or a cursor."""
    from psycopg2._cursor import cursor as plain_cursor
    if conn_or_curs is None:
        raise ProgrammingError('no connection or cursor provided')
    if hasattr(conn_or_curs, 'execute'):
        conn = conn_or_curs.connection
    else:
        conn = conn_or_curs
    return conn, conn.cursor(cursor_factory=plain_cursor)


def end_lookup_transaction(conn, status_before):
    """Roll back the transaction the lookup began (a transaction the caller had
    open, or autocommit, is left alone)."""
    from psycopg2._connection import STATUS_IN_TRANSACTION
    if status_before != STATUS_IN_TRANSACTION and not conn.autocommit:
        conn.rollback()
