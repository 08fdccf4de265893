"""psycopg2.pool: simple connection pools kept in the client."""

import threading as _threading

import psycopg2
from psycopg2 import extensions as _ext


class PoolError(psycopg2.Error):
    __module__ = 'psycopg2.pool'


class AbstractConnectionPool(object):
    """Key-based pooling: at least `minconn` connections are opened up front,
    about `maxconn` at most; `args`/`kwargs` go to psycopg2.connect()."""

    def __init__(self, minconn, maxconn, *args, **kwargs):
        self.minconn = int(minconn)
        self.maxconn = int(maxconn)
        self.closed = False
        self._args = args
        self._kwargs = kwargs
        self._pool = []      # idle connections
        self._used = {}      # key -> connection handed out
        self._rused = {}     # id(connection) -> key
        self._keys = 0
        for _ in range(self.minconn):
            self._connect()

    def _connect(self, key=None):
        conn = psycopg2.connect(*self._args, **self._kwargs)
        if key is None:
            self._pool.append(conn)
        else:
            self._used[key] = conn
            self._rused[id(conn)] = key
        return conn

    def _getkey(self):
        self._keys += 1
        return self._keys

    def _getconn(self, key=None):
        if self.closed:
            raise PoolError('connection pool is closed')
        if key is None:
            key = self._getkey()
        if key in self._used:
            return self._used[key]
        if self._pool:
            conn = self._pool.pop()
            self._used[key] = conn
            self._rused[id(conn)] = key
            return conn
        if len(self._used) == self.maxconn:
            raise PoolError('connection pool exhausted')
        return self._connect(key)

    def _putconn(self, conn, key=None, close=False):
        if self.closed:
            raise PoolError('connection pool is closed')
        if key is None:
            key = self._rused.get(id(conn))
            if key is None:
                raise PoolError('trying to put unkeyed connection')
        if len(self._pool) < self.minconn and not close and not conn.closed:
            # kept clean: a connection never goes back to the pool inside a transaction
            status = conn.get_transaction_status()
            if status == _ext.TRANSACTION_STATUS_UNKNOWN:
                conn.close()  # broken: not worth keeping
            else:
                if status != _ext.TRANSACTION_STATUS_IDLE:
                    conn.rollback()
                self._pool.append(conn)
        else:
            conn.close()
        del self._used[key]
        del self._rused[id(conn)]

    def _closeall(self):
        if self.closed:
            raise PoolError('connection pool is closed')
        for conn in self._pool + list(self._used.values()):
            try:
                conn.close()
            except Exception:
                pass
        self.closed = True


class SimpleConnectionPool(AbstractConnectionPool):
    """A connection pool that can't be shared across different threads."""

    getconn = AbstractConnectionPool._getconn
    putconn = AbstractConnectionPool._putconn
    closeall = AbstractConnectionPool._closeall


class ThreadedConnectionPool(AbstractConnectionPool):
    """A connection pool that works with the threading module."""

    def __init__(self, minconn, maxconn, *args, **kwargs):
        AbstractConnectionPool.__init__(self, minconn, maxconn, *args, **kwargs)
        self._lock = _threading.Lock()

    def getconn(self, key=None):
        with self._lock:
            return self._getconn(key)

    def putconn(self, conn=None, key=None, close=False):
        with self._lock:
            self._putconn(conn, key, close)

    def closeall(self):
        with self._lock:
            self._closeall()
