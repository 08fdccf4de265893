"""What every suite shares: the test server's coordinates and a TestCase that cleans up.

The Java runner hands the server over in the environment (see TestDatabase):
PGHOST, PGPORT, PGUSER, PGDATABASE (and PGPASSWORD when the superuser needs
one), PGTEST_DSN, and the capability flags PGTEST_SSL, PGTEST_HSTORE and
PGTEST_AUTH_USERS. The same suites run on CPython with the reference psycopg2
when those variables point at a server.
"""

import os
import threading
import unittest
import uuid

import psycopg2

DSN = os.environ.get('PGTEST_DSN', '')
HOST = os.environ.get('PGHOST', 'localhost')
PORT = os.environ.get('PGPORT', '5432')
USER = os.environ.get('PGUSER', '')
DATABASE = os.environ.get('PGDATABASE', '')


def _flag(name):
    return os.environ.get(name, '0') == '1'


SSL = _flag('PGTEST_SSL')
HSTORE = _flag('PGTEST_HSTORE')
AUTH_USERS = _flag('PGTEST_AUTH_USERS')

needs_auth_users = unittest.skipUnless(AUTH_USERS, 'the server has no test roles (PGTEST_AUTH_USERS=0)')
needs_ssl = unittest.skipUnless(SSL, 'the server does not offer TLS (PGTEST_SSL=0)')


def save_registries():
    """A function putting the global adapters and typecasters back as they are
    now: every suite runs in one process, so a test's registrations must not
    outlive it."""
    import psycopg2.extensions as ext
    adapters = dict(ext.adapters)
    casters = dict(ext.string_types)

    def restore():
        ext.adapters.clear()
        ext.adapters.update(adapters)
        ext.string_types.clear()
        ext.string_types.update(casters)
    return restore


def run_in_threads(target, count=4):
    """Runs target in count threads at once and waits for them all."""
    threads = [threading.Thread(target=target) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def unique_name(prefix):
    """A table name no other test (or earlier run) uses."""
    return '%s_%s' % (prefix, uuid.uuid4().hex[:12])


class ConnectingTestCase(unittest.TestCase):
    """Connections made with self.connect() are closed after each test."""

    def setUp(self):
        self._connections = []
        self._tables = []

    def tearDown(self):
        # close first: an open transaction would hold locks that DROP TABLE waits for
        for conn in self._connections:
            try:
                conn.close()
            except Exception:
                pass
        if self._tables:
            try:
                conn = self.connect()
                conn.autocommit = True
                cur = conn.cursor()
                for table in self._tables:
                    cur.execute('DROP TABLE IF EXISTS %s' % table)
                conn.close()
            except psycopg2.Error:
                pass

    def connect(self, *args, **kwargs):
        """Connects to the test database unless told otherwise."""
        if not args and 'dsn' not in kwargs:
            args = (DSN,)
        conn = psycopg2.connect(*args, **kwargs)
        self._connections.append(conn)
        return conn

    def create_table(self, conn, columns, prefix='t'):
        """Creates and commits a table dropped after the test; returns its name."""
        name = unique_name(prefix)
        cur = conn.cursor()
        cur.execute('CREATE TABLE %s (%s)' % (name, columns))
        conn.commit()
        self._tables.append(name)
        return name

    def scalar(self, conn, query, args=None):
        cur = conn.cursor()
        cur.execute(query, args)
        return cur.fetchone()[0]
