"""psycopg2.pool against the test server, with psycopg2 2.9.5's observed behaviour."""

import unittest

import psycopg2
import psycopg2.pool as pool
from psycopg2 import extensions as ext

from _support import run_in_threads


class SimplePoolTests(unittest.TestCase):
    def test_pool_error_is_a_psycopg2_error_of_the_pool_module(self):
        self.assertTrue(issubclass(pool.PoolError, psycopg2.Error))
        self.assertEqual(pool.PoolError.__module__, 'psycopg2.pool')

    def test_exhausted_pool_refuses_more_connections(self):
        p = pool.SimpleConnectionPool(1, 2, '')
        try:
            p.getconn()
            p.getconn()
            with self.assertRaises(pool.PoolError) as cm:
                p.getconn()
            self.assertEqual(str(cm.exception), 'connection pool exhausted')
        finally:
            p.closeall()

    def test_foreign_connection_is_refused(self):
        p = pool.SimpleConnectionPool(1, 2, '')
        other = psycopg2.connect('')
        try:
            with self.assertRaises(pool.PoolError) as cm:
                p.putconn(other)
            self.assertEqual(str(cm.exception), 'trying to put unkeyed connection')
        finally:
            other.close()
            p.closeall()

    def test_returned_connection_is_rolled_back_and_kept_up_to_minconn(self):
        p = pool.SimpleConnectionPool(1, 2, '')
        try:
            a = p.getconn()
            b = p.getconn()
            a.cursor().execute('SELECT 1')
            self.assertEqual(a.get_transaction_status(), ext.TRANSACTION_STATUS_INTRANS)
            p.putconn(a)
            self.assertEqual((a.closed, a.get_transaction_status()), (0, ext.TRANSACTION_STATUS_IDLE))
            p.putconn(b)  # beyond minconn idle: closed
            self.assertEqual(b.closed, 1)
            self.assertIs(p.getconn(), a)
        finally:
            p.closeall()

    def test_keyed_connections_and_close_flag(self):
        p = pool.SimpleConnectionPool(0, 2, '')
        try:
            k = p.getconn('k')
            self.assertIs(p.getconn('k'), k)
            p.putconn(k, 'k', close=True)
            self.assertEqual(k.closed, 1)
        finally:
            p.closeall()

    def test_closed_pool_refuses_everything(self):
        p = pool.SimpleConnectionPool(1, 2, '')
        a = p.getconn()
        p.closeall()
        self.assertTrue(p.closed)
        self.assertEqual(a.closed, 1)
        for call in (p.getconn, lambda: p.putconn(a), p.closeall):
            with self.assertRaises(pool.PoolError) as cm:
                call()
            self.assertEqual(str(cm.exception), 'connection pool is closed')


class ThreadedPoolTests(unittest.TestCase):
    def test_threads_share_the_pool(self):
        p = pool.ThreadedConnectionPool(0, 4, '')
        results = []

        def work():
            conn = p.getconn()
            try:
                cur = conn.cursor()
                cur.execute('SELECT pg_backend_pid()')
                results.append(cur.fetchone()[0])
                conn.rollback()
            finally:
                p.putconn(conn)

        run_in_threads(work)
        p.closeall()
        self.assertEqual(len(results), 4)


if __name__ == '__main__':
    unittest.main()
