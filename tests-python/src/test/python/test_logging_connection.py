"""extras.LoggingConnection and MinTimeLoggingConnection, with the output
psycopg2 2.9.5 gives for the same calls."""

import io
import logging
import os
import unittest

import psycopg2
import psycopg2.extras as extras


def connect(factory):
    return psycopg2.connect('', connection_factory=factory)


class LoggingConnectionTests(unittest.TestCase):
    def test_cursor_before_initialize_is_refused(self):
        conn = connect(extras.LoggingConnection)
        try:
            with self.assertRaises(psycopg2.ProgrammingError) as cm:
                conn.cursor()
            self.assertEqual(str(cm.exception), 'LoggingConnection object has not been initialize()d')
        finally:
            conn.close()

    def test_queries_are_logged_to_a_file_once_each_failed_ones_too(self):
        conn = connect(extras.LoggingConnection)
        out = io.StringIO()
        conn.initialize(out)
        cur = conn.cursor()
        self.assertIsInstance(cur, extras.LoggingCursor)
        cur.execute('select %s', (1,))
        cur.callproc('now')
        with self.assertRaises(psycopg2.Error):
            cur.execute('select nosuch')
        conn.rollback()
        cur.executemany('select %s', [(1,)])  # not logged, as psycopg2
        self.assertEqual(out.getvalue(), 'select 1\nSELECT * FROM now()\nselect nosuch\n'.replace('\n', os.linesep))
        self.assertIsInstance(conn.cursor('named'), extras.LoggingCursor)
        conn.close()

    def test_a_logger_gets_the_query_bytes_at_debug_level(self):
        logger = logging.getLogger('psycopg2jvm.test.logging')
        stream = io.StringIO()
        handler = logging.StreamHandler(stream)
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
        try:
            conn = connect(extras.LoggingConnection)
            conn.initialize(logger)
            conn.cursor().execute("select 'é'")
            conn.close()
            self.assertEqual(stream.getvalue(), 'b"select \'\\xc3\\xa9\'"\n')
        finally:
            logger.removeHandler(handler)

    def test_min_time_logging_adds_the_time_or_drops_fast_queries(self):
        conn = connect(extras.MinTimeLoggingConnection)
        out = io.StringIO()
        conn.initialize(out, mintime=0)
        cur = conn.cursor()
        self.assertIsInstance(cur, extras.MinTimeLoggingCursor)
        cur.execute('select pg_sleep(0.01)')
        first, second = out.getvalue().split(os.linesep)[:2]
        self.assertEqual(first, 'select pg_sleep(0.01)')
        self.assertTrue(second.startswith('  (execution time: ') and second.endswith(' ms)'), second)
        conn.initialize(out, mintime=100000)
        before = out.getvalue()
        cur.execute('select 3')
        self.assertEqual(out.getvalue(), before)
        conn.close()


if __name__ == '__main__':
    unittest.main()
