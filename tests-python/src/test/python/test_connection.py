"""The connection object: transactions, session characteristics, attributes, cancel."""

import gc
import subprocess
import sys
import textwrap
import threading
import time
import unittest

import psycopg2
import psycopg2.errors
import psycopg2.extensions as ext

from _support import ConnectingTestCase, DSN, needs_ssl

LOST_CONNECTION = ('server closed the connection unexpectedly\n'
                   '\tThis probably means the server terminated abnormally\n'
                   '\tbefore or while processing the request.\n')


class TransactionTests(ConnectingTestCase):

    def setUp(self):
        super().setUp()
        self.conn = self.connect()
        self.table = self.create_table(self.conn, 'id int')

    def count_from_elsewhere(self):
        other = self.connect()
        count = self.scalar(other, 'SELECT count(*) FROM %s' % self.table)
        other.close()
        return count

    def test_commit_makes_changes_visible_to_other_connections(self):
        self.conn.cursor().execute('INSERT INTO %s VALUES (1)' % self.table)
        self.assertEqual(self.count_from_elsewhere(), 0)
        self.conn.commit()
        self.assertEqual(self.count_from_elsewhere(), 1)

    def test_rollback_discards_changes(self):
        cur = self.conn.cursor()
        cur.execute('INSERT INTO %s VALUES (1)' % self.table)
        self.conn.rollback()
        cur.execute('SELECT count(*) FROM %s' % self.table)
        self.assertEqual(cur.fetchone()[0], 0)

    def test_first_statement_opens_a_transaction(self):
        self.assertEqual(self.conn.get_transaction_status(), ext.TRANSACTION_STATUS_IDLE)
        self.conn.cursor().execute('SELECT 1')
        self.assertEqual(self.conn.get_transaction_status(), ext.TRANSACTION_STATUS_INTRANS)

    def test_implicit_begin_is_visible_in_pg_stat_activity(self):
        self.conn.cursor().execute('SELECT 1')
        other = self.connect()
        state = self.scalar(other, 'SELECT state FROM pg_stat_activity WHERE pid = %s',
                            (self.conn.get_backend_pid(),))
        self.assertEqual(state, 'idle in transaction')

    def test_commit_ends_the_transaction(self):
        self.conn.cursor().execute('SELECT 1')
        self.conn.commit()
        self.assertEqual(self.conn.get_transaction_status(), ext.TRANSACTION_STATUS_IDLE)
        self.assertEqual(self.conn.status, ext.STATUS_READY)

    def test_statements_share_one_transaction(self):
        cur = self.conn.cursor()
        cur.execute('SELECT txid_current()')
        first = cur.fetchone()[0]
        cur.execute('SELECT txid_current()')
        self.assertEqual(cur.fetchone()[0], first)

    def test_commit_without_transaction_is_harmless(self):
        self.conn.commit()
        self.conn.rollback()
        self.assertEqual(self.conn.get_transaction_status(), ext.TRANSACTION_STATUS_IDLE)

    def test_failed_statement_leaves_the_transaction_in_error(self):
        cur = self.conn.cursor()
        with self.assertRaises(psycopg2.DataError):
            cur.execute('SELECT 1/0')
        self.assertEqual(self.conn.get_transaction_status(), ext.TRANSACTION_STATUS_INERROR)
        with self.assertRaises(psycopg2.errors.InFailedSqlTransaction):
            cur.execute('SELECT 1')
        self.conn.rollback()
        self.assertEqual(self.conn.get_transaction_status(), ext.TRANSACTION_STATUS_IDLE)
        cur.execute('SELECT 2')
        self.assertEqual(cur.fetchone(), (2,))

    def test_with_block_commits_and_keeps_the_connection_open(self):
        with self.conn as conn:
            self.assertIs(conn, self.conn)
            conn.cursor().execute('INSERT INTO %s VALUES (1)' % self.table)
        self.assertEqual(self.conn.closed, 0)
        self.assertEqual(self.conn.get_transaction_status(), ext.TRANSACTION_STATUS_IDLE)
        self.assertEqual(self.count_from_elsewhere(), 1)

    def test_with_block_rolls_back_on_exception(self):
        with self.assertRaises(ZeroDivisionError):
            with self.conn:
                self.conn.cursor().execute('INSERT INTO %s VALUES (1)' % self.table)
                1 / 0
        self.assertEqual(self.conn.closed, 0)
        self.assertEqual(self.conn.get_transaction_status(), ext.TRANSACTION_STATUS_IDLE)
        self.assertEqual(self.count_from_elsewhere(), 0)

    def test_with_block_can_be_entered_again(self):
        for value in (1, 2):
            with self.conn:
                self.conn.cursor().execute('INSERT INTO %s VALUES (%%s)' % self.table, (value,))
        self.assertEqual(self.count_from_elsewhere(), 2)

    def test_with_block_on_a_closed_connection_raises_interface_error(self):
        self.conn.close()
        with self.assertRaises(psycopg2.InterfaceError):
            with self.conn:
                pass


class CloseTests(ConnectingTestCase):

    def test_new_connection_is_open(self):
        self.assertEqual(self.connect().closed, 0)

    def test_close_sets_closed_to_1(self):
        conn = self.connect()
        conn.close()
        self.assertEqual(conn.closed, 1)

    def test_close_twice_is_harmless(self):
        conn = self.connect()
        conn.close()
        conn.close()
        self.assertEqual(conn.closed, 1)

    def test_cursor_of_a_closed_connection_raises_interface_error(self):
        conn = self.connect()
        conn.close()
        with self.assertRaises(psycopg2.InterfaceError) as cm:
            conn.cursor()
        self.assertEqual(str(cm.exception), 'connection already closed')

    def test_commit_of_a_closed_connection_raises_interface_error(self):
        conn = self.connect()
        conn.close()
        self.assertRaises(psycopg2.InterfaceError, conn.commit)
        self.assertRaises(psycopg2.InterfaceError, conn.rollback)

    def test_execute_on_a_cursor_of_a_closed_connection_raises_interface_error(self):
        conn = self.connect()
        cur = conn.cursor()
        conn.close()
        with self.assertRaises(psycopg2.InterfaceError):
            cur.execute('SELECT 1')

    def test_close_ends_the_backend(self):
        conn = self.connect()
        pid = conn.get_backend_pid()
        conn.close()
        other = self.connect()
        other.autocommit = True
        for _ in range(50):
            if not self.scalar(other, 'SELECT count(*) FROM pg_stat_activity WHERE pid = %s', (pid,)):
                break
            time.sleep(0.1)
        else:
            self.fail('backend %s still alive after close()' % pid)

    def backend_ends(self, pid):
        other = self.connect()
        other.autocommit = True
        for _ in range(50):
            if not self.scalar(other, 'SELECT count(*) FROM pg_stat_activity WHERE pid = %s', (pid,)):
                return True
            time.sleep(0.1)
        return False

    def test_a_dropped_connection_is_closed_when_collected(self):
        # CPython closes it as its last reference goes; GraalPy, without reference counting,
        # when the garbage collector finds it
        conn = psycopg2.connect(DSN)
        pid = conn.get_backend_pid()
        del conn
        gc.collect()
        self.assertTrue(self.backend_ends(pid), 'backend %s still alive' % pid)

    def test_dropping_more_connections_than_the_server_takes_still_connects(self):
        # the server's slots may all be held by dropped connections not collected yet
        slots = int(self.scalar(self.connect(), 'SHOW max_connections'))
        for _ in range(slots + 10):
            conn = psycopg2.connect(DSN)
            conn.cursor().execute('SELECT 1')
        self.assertEqual(self.scalar(conn, 'SELECT 2'), 2)
        conn.close()

    def test_exit_handlers_may_still_use_a_connection(self):
        # atexit callbacks registered before the connection was made run after weakref's own
        code = textwrap.dedent("""\
            import atexit, psycopg2
            atexit.register(lambda: print(cur.execute('SELECT 7') or cur.fetchone()[0]))
            conn = psycopg2.connect(%r)
            cur = conn.cursor()
            """ % DSN)
        run = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True, timeout=300)
        self.assertEqual((run.returncode, run.stdout, run.stderr), (0, '7\n', ''))

    def test_transaction_status_of_a_closed_connection_is_unknown(self):
        conn = self.connect()
        conn.close()
        self.assertEqual(conn.get_transaction_status(), ext.TRANSACTION_STATUS_UNKNOWN)


class AutocommitTests(ConnectingTestCase):

    def test_autocommit_is_off_by_default(self):
        self.assertIs(self.connect().autocommit, False)

    def test_autocommit_runs_statements_outside_a_transaction(self):
        conn = self.connect()
        conn.autocommit = True
        conn.cursor().execute('SELECT 1')
        self.assertEqual(conn.get_transaction_status(), ext.TRANSACTION_STATUS_IDLE)
        self.assertEqual(conn.status, ext.STATUS_READY)

    def test_autocommit_allows_statements_that_refuse_a_transaction(self):
        conn = self.connect()
        conn.autocommit = True
        conn.cursor().execute('VACUUM pg_catalog.pg_class')

    def test_vacuum_inside_the_implicit_transaction_fails(self):
        conn = self.connect()
        with self.assertRaises(psycopg2.errors.ActiveSqlTransaction):
            conn.cursor().execute('VACUUM pg_catalog.pg_class')

    def test_setting_autocommit_inside_a_transaction_raises_programming_error(self):
        conn = self.connect()
        conn.cursor().execute('SELECT 1')
        with self.assertRaises(psycopg2.ProgrammingError) as cm:
            conn.autocommit = True
        self.assertEqual(str(cm.exception), 'set_session cannot be used inside a transaction')

    def test_autocommit_accepts_any_truth_value(self):
        conn = self.connect()
        conn.autocommit = 1
        self.assertIs(conn.autocommit, True)
        conn.autocommit = ''
        self.assertIs(conn.autocommit, False)


class IsolationLevelTests(ConnectingTestCase):

    def level_in_transaction(self, conn):
        cur = conn.cursor()
        cur.execute('SHOW transaction_isolation')
        level = cur.fetchone()[0]
        conn.rollback()
        return level

    def test_isolation_level_is_none_by_default(self):
        self.assertIsNone(self.connect().isolation_level)

    def test_isolation_level_by_constant(self):
        conn = self.connect()
        conn.isolation_level = ext.ISOLATION_LEVEL_SERIALIZABLE
        self.assertEqual(conn.isolation_level, ext.ISOLATION_LEVEL_SERIALIZABLE)
        self.assertEqual(self.level_in_transaction(conn), 'serializable')

    def test_isolation_level_by_name(self):
        conn = self.connect()
        conn.isolation_level = 'repeatable read'
        self.assertEqual(conn.isolation_level, ext.ISOLATION_LEVEL_REPEATABLE_READ)
        self.assertEqual(self.level_in_transaction(conn), 'repeatable read')

    def test_isolation_level_default_resets_it(self):
        conn = self.connect()
        conn.isolation_level = ext.ISOLATION_LEVEL_SERIALIZABLE
        conn.isolation_level = 'default'
        self.assertIsNone(conn.isolation_level)
        self.assertEqual(self.level_in_transaction(conn), 'read committed')

    def test_bad_isolation_level_raises_value_error(self):
        conn = self.connect()
        with self.assertRaises(ValueError):
            conn.isolation_level = 7
        with self.assertRaises(ValueError):
            conn.isolation_level = 'sometimes'

    def test_set_isolation_level_zero_turns_autocommit_on(self):
        conn = self.connect()
        conn.set_isolation_level(ext.ISOLATION_LEVEL_AUTOCOMMIT)
        self.assertIs(conn.autocommit, True)
        conn.cursor().execute('SELECT 1')
        self.assertEqual(conn.get_transaction_status(), ext.TRANSACTION_STATUS_IDLE)

    def test_set_isolation_level_turns_autocommit_off(self):
        conn = self.connect()
        conn.autocommit = True
        conn.set_isolation_level(ext.ISOLATION_LEVEL_REPEATABLE_READ)
        self.assertIs(conn.autocommit, False)
        self.assertEqual(conn.isolation_level, ext.ISOLATION_LEVEL_REPEATABLE_READ)
        self.assertEqual(self.level_in_transaction(conn), 'repeatable read')

    def test_set_isolation_level_rolls_back_the_current_transaction(self):
        conn = self.connect()
        table = self.create_table(conn, 'id int')
        conn.cursor().execute('INSERT INTO %s VALUES (1)' % table)
        conn.set_isolation_level(ext.ISOLATION_LEVEL_READ_COMMITTED)
        self.assertEqual(conn.get_transaction_status(), ext.TRANSACTION_STATUS_IDLE)
        self.assertEqual(self.scalar(conn, 'SELECT count(*) FROM %s' % table), 0)

    def test_set_isolation_level_out_of_range_raises_value_error(self):
        conn = self.connect()
        self.assertRaises(ValueError, conn.set_isolation_level, 5)
        self.assertRaises(ValueError, conn.set_isolation_level, -1)

    def test_isolation_level_inside_a_transaction_raises_programming_error(self):
        conn = self.connect()
        conn.cursor().execute('SELECT 1')
        with self.assertRaises(psycopg2.ProgrammingError):
            conn.isolation_level = ext.ISOLATION_LEVEL_SERIALIZABLE


class SetSessionTests(ConnectingTestCase):

    def show(self, conn, setting):
        value = self.scalar(conn, 'SHOW %s' % setting)
        conn.rollback()
        return value

    def test_set_session_isolation_level(self):
        conn = self.connect()
        conn.set_session(isolation_level='SERIALIZABLE')
        self.assertEqual(conn.isolation_level, ext.ISOLATION_LEVEL_SERIALIZABLE)
        self.assertEqual(self.show(conn, 'transaction_isolation'), 'serializable')

    def test_set_session_readonly(self):
        conn = self.connect()
        conn.set_session(readonly=True)
        self.assertIs(conn.readonly, True)
        self.assertEqual(self.show(conn, 'transaction_read_only'), 'on')

    def test_readonly_transaction_refuses_writes(self):
        conn = self.connect()
        conn.set_session(readonly=True)
        with self.assertRaises(psycopg2.errors.ReadOnlySqlTransaction) as cm:
            conn.cursor().execute('CREATE TEMPORARY TABLE never (id int)')
        self.assertEqual(cm.exception.pgcode, '25006')
        self.assertIsInstance(cm.exception, psycopg2.InternalError)

    def test_set_session_deferrable(self):
        conn = self.connect()
        conn.set_session(isolation_level='SERIALIZABLE', readonly=True, deferrable=True)
        self.assertIs(conn.deferrable, True)
        self.assertEqual(self.show(conn, 'transaction_deferrable'), 'on')

    def test_set_session_autocommit(self):
        conn = self.connect()
        conn.set_session(autocommit=True)
        self.assertIs(conn.autocommit, True)

    def test_set_session_leaves_unnamed_characteristics_alone(self):
        conn = self.connect()
        conn.set_session(readonly=True)
        conn.set_session(isolation_level='REPEATABLE READ')
        self.assertIs(conn.readonly, True)
        self.assertEqual(conn.isolation_level, ext.ISOLATION_LEVEL_REPEATABLE_READ)

    def test_set_session_default_resets(self):
        conn = self.connect()
        conn.set_session(readonly=True, deferrable=False)
        conn.set_session(readonly='DEFAULT', deferrable='DEFAULT')
        self.assertIsNone(conn.readonly)
        self.assertIsNone(conn.deferrable)
        self.assertEqual(self.show(conn, 'transaction_read_only'), 'off')

    def test_set_session_in_autocommit_sets_the_session_defaults(self):
        conn = self.connect()
        conn.autocommit = True
        conn.set_session(readonly=True, isolation_level='SERIALIZABLE')
        self.assertEqual(self.show(conn, 'default_transaction_read_only'), 'on')
        self.assertEqual(self.show(conn, 'default_transaction_isolation'), 'serializable')

    def test_set_session_inside_a_transaction_raises_programming_error(self):
        conn = self.connect()
        conn.cursor().execute('SELECT 1')
        with self.assertRaises(psycopg2.ProgrammingError) as cm:
            conn.set_session(readonly=True)
        self.assertEqual(str(cm.exception), 'set_session cannot be used inside a transaction')

    def test_readonly_and_deferrable_are_none_by_default(self):
        conn = self.connect()
        self.assertIsNone(conn.readonly)
        self.assertIsNone(conn.deferrable)

    def test_readonly_attribute_sets_transaction_read_only(self):
        conn = self.connect()
        conn.readonly = True
        self.assertEqual(self.show(conn, 'transaction_read_only'), 'on')
        conn.readonly = False
        self.assertIs(conn.readonly, False)
        self.assertEqual(self.show(conn, 'transaction_read_only'), 'off')

    def test_deferrable_attribute_sets_transaction_deferrable(self):
        conn = self.connect()
        conn.deferrable = True
        self.assertIs(conn.deferrable, True)
        self.assertEqual(self.show(conn, 'transaction_deferrable'), 'on')

    def test_readonly_rejects_other_strings(self):
        conn = self.connect()
        with self.assertRaises(ValueError):
            conn.readonly = 'yes'


class AttributeTests(ConnectingTestCase):

    def test_status_follows_the_transaction(self):
        conn = self.connect()
        self.assertEqual(conn.status, ext.STATUS_READY)
        conn.cursor().execute('SELECT 1')
        self.assertEqual(conn.status, ext.STATUS_BEGIN)
        conn.rollback()
        self.assertEqual(conn.status, ext.STATUS_READY)

    def test_encoding_is_the_client_encoding(self):
        conn = self.connect()
        self.assertEqual(conn.encoding, 'UTF8')

    def test_set_client_encoding_changes_encoding(self):
        conn = self.connect()
        conn.set_client_encoding('LATIN1')
        self.assertEqual(conn.encoding, 'LATIN1')
        self.assertEqual(self.scalar(conn, 'SHOW client_encoding'), 'LATIN1')

    def test_set_client_encoding_accepts_python_style_names(self):
        conn = self.connect()
        conn.set_client_encoding('latin-1')
        self.assertEqual(conn.encoding, 'LATIN1')

    def test_text_round_trips_in_latin1(self):
        conn = self.connect()
        conn.set_client_encoding('LATIN1')
        self.assertEqual(self.scalar(conn, 'SELECT %s', ('caf\xe9',)), 'caf\xe9')

    def test_server_version_is_server_version_num(self):
        conn = self.connect()
        self.assertIsInstance(conn.server_version, int)
        self.assertEqual(conn.server_version, int(self.scalar(conn, 'SHOW server_version_num')))

    def test_protocol_version_is_3(self):
        self.assertEqual(self.connect().protocol_version, 3)

    def test_get_backend_pid_is_the_server_pid(self):
        conn = self.connect()
        self.assertEqual(conn.get_backend_pid(), self.scalar(conn, 'SELECT pg_backend_pid()'))

    def test_get_parameter_status_reports_server_parameters(self):
        conn = self.connect()
        self.assertEqual(conn.get_parameter_status('server_encoding'), 'UTF8')
        self.assertEqual(conn.get_parameter_status('integer_datetimes'), 'on')
        self.assertEqual(conn.get_parameter_status('standard_conforming_strings'), 'on')

    def test_get_parameter_status_of_an_unknown_parameter_is_none(self):
        self.assertIsNone(self.connect().get_parameter_status('no_such_parameter'))

    def test_get_parameter_status_follows_set(self):
        conn = self.connect()
        conn.autocommit = True
        conn.cursor().execute("SET application_name TO 'renamed'")
        self.assertEqual(conn.get_parameter_status('application_name'), 'renamed')

    def test_datestyle_is_iso(self):
        conn = self.connect()
        self.assertTrue(conn.get_parameter_status('DateStyle').startswith('ISO'))

    def test_dbapi_exceptions_are_connection_attributes(self):
        conn = self.connect()
        self.assertIs(conn.Error, psycopg2.Error)
        self.assertIs(conn.ProgrammingError, psycopg2.ProgrammingError)
        self.assertIs(conn.OperationalError, psycopg2.OperationalError)

    def test_connection_class_lives_in_extensions(self):
        self.assertIs(type(self.connect()), ext.connection)


class NoticeTests(ConnectingTestCase):

    def test_raise_notice_is_appended_to_notices(self):
        conn = self.connect()
        conn.cursor().execute("DO $$BEGIN RAISE NOTICE 'hello %', 42; END$$")
        self.assertEqual(conn.notices, ['NOTICE:  hello 42\n'])

    def test_warnings_are_notices_too(self):
        conn = self.connect()
        conn.cursor().execute("DO $$BEGIN RAISE WARNING 'careful'; END$$")
        self.assertEqual(conn.notices, ['WARNING:  careful\n'])

    def test_notices_keep_their_order(self):
        conn = self.connect()
        conn.cursor().execute("DO $$BEGIN RAISE NOTICE 'one'; RAISE NOTICE 'two'; END$$")
        self.assertEqual(conn.notices, ['NOTICE:  one\n', 'NOTICE:  two\n'])

    def test_notices_are_capped_at_50(self):
        conn = self.connect()
        conn.cursor().execute(
            "DO $$BEGIN FOR i IN 1..60 LOOP RAISE NOTICE 'n%', i; END LOOP; END$$")
        self.assertEqual(len(conn.notices), 50)
        self.assertEqual(conn.notices[-1], 'NOTICE:  n60\n')
        self.assertEqual(conn.notices[0], 'NOTICE:  n11\n')

    def test_notices_may_be_replaced_by_any_appendable(self):
        conn = self.connect()
        received = []

        class Collector(object):
            def append(self, notice):
                received.append(notice)
        conn.notices = Collector()
        conn.cursor().execute("DO $$BEGIN RAISE NOTICE 'custom'; END$$")
        self.assertEqual(received, ['NOTICE:  custom\n'])


class CursorFactoryTests(ConnectingTestCase):

    class MyCursor(ext.cursor):
        pass

    def test_cursor_factory_is_none_by_default(self):
        self.assertIsNone(self.connect().cursor_factory)

    def test_cursor_factory_attribute_is_used_by_cursor(self):
        conn = self.connect()
        conn.cursor_factory = self.MyCursor
        self.assertIsInstance(conn.cursor(), self.MyCursor)

    def test_connect_cursor_factory_argument(self):
        conn = self.connect(cursor_factory=self.MyCursor)
        self.assertIs(conn.cursor_factory, self.MyCursor)
        self.assertIsInstance(conn.cursor(), self.MyCursor)

    def test_cursor_argument_wins_over_the_attribute(self):
        class Other(ext.cursor):
            pass
        conn = self.connect(cursor_factory=self.MyCursor)
        self.assertIsInstance(conn.cursor(cursor_factory=Other), Other)

    def test_custom_cursor_fetches(self):
        conn = self.connect(cursor_factory=self.MyCursor)
        cur = conn.cursor()
        cur.execute('SELECT 7')
        self.assertEqual(cur.fetchone(), (7,))


class CancelTests(ConnectingTestCase):

    def cancel_when_sleeping(self, conn):
        """A thread that cancels conn's query once the server shows it running."""
        pid = conn.get_backend_pid()
        watcher = self.connect()
        watcher.autocommit = True

        def watch():
            cur = watcher.cursor()
            for _ in range(200):
                cur.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s AND state = 'active' "
                            "AND query LIKE %s", (pid, '%pg_sleep%'))
                if cur.fetchone()[0]:
                    conn.cancel()
                    return
                time.sleep(0.05)
        thread = threading.Thread(target=watch)
        thread.start()
        return thread

    def sleep_and_get_cancelled(self, conn):
        cur = conn.cursor()
        thread = self.cancel_when_sleeping(conn)
        started = time.time()
        try:
            with self.assertRaises(psycopg2.extensions.QueryCanceledError) as cm:
                cur.execute('SELECT pg_sleep(30)')
        finally:
            thread.join()
        self.assertLess(time.time() - started, 20)
        return cm.exception

    def test_cancel_from_another_thread_interrupts_a_query(self):
        error = self.sleep_and_get_cancelled(self.connect())
        self.assertEqual(error.pgcode, '57014')
        self.assertEqual(str(error), 'canceling statement due to user request\n')
        self.assertIsInstance(error, psycopg2.errors.QueryCanceled)
        self.assertIsInstance(error, psycopg2.OperationalError)

    def test_connection_is_usable_after_a_cancel(self):
        conn = self.connect()
        self.sleep_and_get_cancelled(conn)
        self.assertEqual(conn.get_transaction_status(), ext.TRANSACTION_STATUS_INERROR)
        conn.rollback()
        cur = conn.cursor()
        cur.execute('SELECT 1')
        self.assertEqual(cur.fetchone(), (1,))

    def test_cancel_in_autocommit_leaves_the_connection_idle(self):
        conn = self.connect()
        conn.autocommit = True
        self.sleep_and_get_cancelled(conn)
        self.assertEqual(conn.get_transaction_status(), ext.TRANSACTION_STATUS_IDLE)

    def test_cancel_when_idle_is_harmless(self):
        conn = self.connect()
        conn.cancel()
        cur = conn.cursor()
        cur.execute('SELECT 1')
        self.assertEqual(cur.fetchone(), (1,))


class BrokenConnectionTests(ConnectingTestCase):
    """Plain connections: over TLS libpq reports only that the TLS connection closed."""

    def connect(self, *args, **kwargs):
        if args or kwargs:
            return super().connect(*args, **kwargs)
        return super().connect(DSN, sslmode='disable')

    def terminate(self, conn):
        other = self.connect()
        other.autocommit = True
        self.assertIs(self.scalar(other, 'SELECT pg_terminate_backend(%s)', (conn.get_backend_pid(),)),
                      True)

    def test_terminated_backend_raises_operational_error(self):
        conn = self.connect()
        self.terminate(conn)
        with self.assertRaises(psycopg2.OperationalError) as cm:
            conn.cursor().execute('SELECT 1')
        self.assertIs(type(cm.exception), psycopg2.OperationalError)
        self.assertEqual(str(cm.exception), LOST_CONNECTION)
        self.assertEqual(cm.exception.pgerror, LOST_CONNECTION)
        self.assertIsNone(cm.exception.pgcode)

    @needs_ssl
    def test_terminated_tls_backend_reports_the_closed_tls_connection(self):
        conn = self.connect(DSN, sslmode='require')
        self.terminate(conn)
        with self.assertRaises(psycopg2.OperationalError) as cm:
            conn.cursor().execute('SELECT 1')
        self.assertEqual(str(cm.exception), 'SSL connection has been closed unexpectedly\n')
        self.assertEqual(conn.closed, 2)

    def test_terminated_backend_marks_the_connection_closed_2(self):
        conn = self.connect()
        self.terminate(conn)
        with self.assertRaises(psycopg2.OperationalError):
            conn.cursor().execute('SELECT 1')
        self.assertEqual(conn.closed, 2)

    def test_broken_connection_can_be_closed(self):
        conn = self.connect()
        self.terminate(conn)
        with self.assertRaises(psycopg2.OperationalError):
            conn.cursor().execute('SELECT 1')
        conn.close()
        self.assertEqual(conn.closed, 1)

    def test_cursor_of_a_broken_connection_raises_interface_error(self):
        conn = self.connect()
        self.terminate(conn)
        with self.assertRaises(psycopg2.OperationalError):
            conn.cursor().execute('SELECT 1')
        with self.assertRaises(psycopg2.InterfaceError):
            conn.cursor()



# Each snippet opens its own connections (SNIPPET_HELPERS' connect), closed whatever happens.
_CONNECTION_SNIPPETS = [
    # psycopg2 takes notifications with a cursor's statement or poll(), not with commit()
    ('notifications_wait_for_a_cursor_statement', """
        a = connect()
        k = a.cursor()
        k.execute('LISTEN ch')
        a.commit()
        k.execute("NOTIFY ch, 'x'")
        a.commit()
        out('after commit', [n.payload for n in a.notifies])
        k.execute("NOTIFY ch, 'y'")
        a.rollback()
        a.set_client_encoding('LATIN1')
        out('after set_client_encoding', [n.payload for n in a.notifies])
        k.execute('SELECT 1')
        out('after execute', [n.payload for n in a.notifies])
        k.execute("NOTIFY ch, 'z'")
        a.commit()
        a.poll()
        out('after poll', [n.payload for n in a.notifies])
    """),
    # found by a probe: values psycopg2 takes, attributes it keeps, what its Notify is
    ('session_values_notify_and_closed_objects_as_psycopg2', """
        import pickle, time
        from psycopg2.extensions import Notify
        a = connect()
        def session(label, f):
            try:
                f()
                out(label, a.isolation_level, a.readonly, a.deferrable, a.autocommit)
            except Exception as e:
                out(label, type(e).__name__, str(e))
            a.rollback()
            a.set_session(isolation_level='DEFAULT', readonly='DEFAULT', deferrable='DEFAULT')
            a.autocommit = False
        for level in ('foo', 2.0, [], b'2', True, False, 3):
            session('set_isolation_level %r' % (level,), lambda: a.set_isolation_level(level))
        for level in (b'SERIALIZABLE', b'read committed', b'DEFAULT', b'xx', True, False, 2 ** 70, 2 ** 31):
            session('isolation_level %r' % (level,), lambda: a.set_session(isolation_level=level))
        for value in (b'default', b'x', b'', 'Default', 0, [1]):
            session('readonly %r' % (value,), lambda: a.set_session(readonly=value))
            session('deferrable %r' % (value,), lambda: setattr(a, 'deferrable', value))
        out(getattr(a, 'async'), a.async_)
        k = a.cursor()
        del a.notices
        del a.notifies
        out(a.notices, a.notifies)
        k.execute("DO $$BEGIN RAISE NOTICE 'dropped'; END$$")
        out(a.notices)
        a.notices = []
        n = Notify(10, 'ch', 'pl')
        out(n, len(n), n[0], n[1], n[-1], n[-3], list(n), n == (10, 'ch'), n == (10, 'ch', 'pl'),
            n == Notify(10, 'ch', 'pl'), n == Notify(10, 'ch', 'x'), n < (11, 'ch'), isinstance(n, tuple),
            hash(n) == hash((10, 'ch', 'pl')), hash(Notify(1, 'c')) == hash((1, 'c')))
        for f in (lambda: n[2], lambda: n[0:2], lambda: n['a'], lambda: setattr(n, 'pid', 5),
                  lambda: pickle.dumps(n), lambda: Notify(), lambda: Notify(1), lambda: Notify(1, 'c', 'p', 4),
                  lambda: Notify(pid=1, channel='c'), lambda: Notify(1, 'c', pid=2)):
            attempt(f)
        k.execute('SELECT generate_series(1, 3)')
        k.fetchone()
        k.close()
        attempt(iter, k)
        attempt(k.executemany, 'SELECT %s', [(1,)])
        out(k.rowcount)
        named = a.cursor('closing')
        named.execute('SELECT generate_series(1, 3)')
        named.fetchone()
        named.close()
        out(named.rowcount, named.rownumber, named.description, named.statusmessage)
        a.rollback()
        b = connect()
        b.cursor().execute('SELECT 1')
        other = connect()
        other.autocommit = True
        other.cursor().execute('SELECT pg_terminate_backend(%s)', (b.get_backend_pid(),))
        time.sleep(0.5)
        out('poll', b.poll(), b.notices, b.closed)
        attempt(b.rollback)
        out(b.status, b.closed)
    """),
    ('transaction_status_while_another_thread_waits_for_a_query', """
        import threading, time
        a = connect()
        for autocommit in (False, True):
            a.rollback()
            a.autocommit = autocommit
            t = threading.Thread(target=lambda: a.cursor().execute('SELECT pg_sleep(1.2)'))
            t.start()
            time.sleep(0.4)
            out(autocommit, a.get_transaction_status(), a.info.transaction_status)
            t.join()
            out(autocommit, a.get_transaction_status())
    """),
    ('connect_failure_messages', """
        for dsn in ('host=/nonexistent/dir', 'host=/nonexistent/dir,/other', 'connect_timeout=abc',
                    'keepalives_idle=x tcp_user_timeout=y', 'port=abc', 'connect_timeout=-5 keepalives=1x'):
            try:
                psycopg2.connect(dsn)
            except psycopg2.Error as e:
                out(type(e).__name__, str(e).replace(os.environ.get('PGPORT', ''), 'PORT'))
    """),
    ('with_conn_is_a_transaction_in_autocommit_too', """
        a = connect()
        a.autocommit = True
        k = a.cursor()
        k.execute('CREATE TEMP TABLE w (i int)')
        try:
            with a:
                k.execute('INSERT INTO w VALUES (1)')
                status(a)
                raise RuntimeError('undo')
        except RuntimeError as e:
            out('raised', str(e))
        status(a)
        k.execute('SELECT count(*) FROM w')
        out(k.fetchone(), a.autocommit)
        with a:
            k.execute('INSERT INTO w VALUES (2)')
        status(a)
        k.execute('SELECT count(*) FROM w')
        out(k.fetchone())
        with a:
            attempt(a.__enter__)
        status(a)
    """),
    ('reset_discards_the_session', """
        a = connect()
        k = a.cursor()
        k.execute('CREATE TEMP TABLE tt (i int)')
        k.execute('PREPARE pp AS SELECT 1')
        k.execute('SELECT pg_advisory_lock(4242)')
        h = a.cursor('held', withhold=True)
        h.execute('SELECT generate_series(1, 10)')
        a.commit()
        a.set_session(isolation_level='SERIALIZABLE', readonly=True, autocommit=True)
        a.reset()
        out(a.isolation_level, a.readonly, a.autocommit, a.status, a.get_transaction_status())
        for q in ('SELECT * FROM tt', 'EXECUTE pp',
                  "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"):
            try:
                k.execute(q)
                out(k.fetchall())
            except psycopg2.Error as e:
                out(type(e).__name__)
            a.rollback()
        try:
            h.fetchall()
        except psycopg2.Error as e:
            out(type(e).__name__)
        a.rollback()
        k.execute('BEGIN')
        a.reset()
        status(a)
    """),
    ('cursor_odds_and_ends', """
        from psycopg2.extensions import Notify
        a = connect()
        k = a.cursor()
        k.execute('SELECT generate_series(1, 5)')
        out(k.fetchmany(-1), k.rownumber, k.fetchone())
        k.execute('SELECT generate_series(1, 5)')
        attempt(k.scroll, 1.5)
        out(k.rownumber)
        k.execute('CREATE FUNCTION pg_temp.nothing() RETURNS void LANGUAGE sql AS $$ SELECT $$')
        out(k.callproc('pg_temp.nothing'), k.callproc('pg_temp.nothing', []), k.fetchall())
        out(hash(Notify(1, 'ch')) == hash((1, 'ch')), hash(Notify(1, 'ch', 'p')) == hash((1, 'ch', 'p')),
            Notify(1, 'ch', 'p') == (1, 'ch'))
        n = a.cursor('nn')
        n.execute('SELECT generate_series(1, 5)')
        out(n.fetchmany(-1), n.rownumber)  # the server refuses to go backwards
    """),
    ('cursor_sizes_and_scroll_bounds', """
        a = connect()
        k = a.cursor()
        for attr, value in [('itersize', '5'), ('itersize', 2.5), ('arraysize', None),
                            ('itersize', 2 ** 70), ('itersize', True), ('arraysize', -1)]:
            try:
                setattr(k, attr, value)
                out(attr, getattr(k, attr))
            except Exception as e:
                out(attr, type(e).__name__, str(e))
        attempt(k.scroll, 0)
        k.execute('CREATE TEMP TABLE sc (i int)')
        k.execute('INSERT INTO sc VALUES (1), (2), (3)')
        attempt(k.scroll, 2)
        out(k.rownumber)
        attempt(k.fetchone)
        attempt(k.scroll, 5)
    """),
    ('session_defaults_end_with_autocommit', """
        def show(conn, tag):
            c = conn.cursor()
            c.execute("SELECT current_setting('transaction_isolation'),"
                      " current_setting('default_transaction_isolation'),"
                      " current_setting('default_transaction_read_only'),"
                      " current_setting('transaction_read_only')")
            out(tag, c.fetchone(), conn.autocommit, conn.isolation_level, conn.readonly)
            conn.rollback()
        a = connect()
        a.autocommit = True
        a.set_session(isolation_level=3, autocommit=False)
        show(a, 'combined')
        a.autocommit = True
        show(a, 'autocommit again')
        a.set_session(readonly=True)
        show(a, 'read only in autocommit')
        a.set_isolation_level(1)
        show(a, 'set_isolation_level leaves autocommit')
        a.autocommit = True
        a.set_session(isolation_level='SERIALIZABLE')
        a.autocommit = False
        show(a, 'autocommit off')
        a.autocommit = True
        a.readonly = None
        a.cursor().execute('CREATE TEMP TABLE zz (a int)')
        show(a, 'writes again')
    """),
    ('named_cursor_made_in_an_ended_transaction', """
        a = connect()
        a.cursor().execute('SELECT 1')
        n = a.cursor('nm')
        a.commit()
        attempt(n.execute, 'SELECT 1')
        a.rollback()
        m = a.cursor('nm2')
        a.commit()
        m.execute('SELECT 1')
        out(m.fetchall())
        w = a.cursor('nm3', withhold=True)
        a.cursor().execute('SELECT 1')
        a.commit()
        w.execute('SELECT 2')
        out(w.fetchall())
    """),
    ('listen_loop_with_select_and_poll', """
        import select
        import psycopg2.extras
        a = connect()
        a.autocommit = True
        b = connect()
        b.autocommit = True
        a.cursor().execute('LISTEN ch1')
        out('idle poll', a.poll(), list(a.notifies))
        b.cursor().execute("NOTIFY ch1, 'hello'; NOTIFY ch1, 'world'")
        out('readable', select.select([a], [], [], 5)[0] == [a])
        out('poll', a.poll(), [(n.channel, n.payload) for n in a.notifies])
        del a.notifies[:]
        out('wait_select', psycopg2.extras.wait_select(a), list(a.notifies))
        b.cursor().execute('SELECT pg_terminate_backend(%s)', (a.get_backend_pid(),))
        out('readable', select.select([a], [], [], 5)[0] == [a])
        out('poll after the server ended it', a.poll(), a.closed)
    """),
    ('notices_and_notifies_targets_that_cannot_take_them', """
        class Refusing:
            def append(self, item):
                raise RuntimeError('no')
        class Notices(list):
            pass
        a = connect()
        a.autocommit = True
        k = a.cursor()
        for target in (Refusing(), None, 5, Notices()):
            a.notices = target
            a.notifies = target
            k.execute("LISTEN chn; NOTIFY chn, 'x'; "
                      "DO $$BEGIN FOR i IN 1..60 LOOP RAISE NOTICE 'n%', i; END LOOP; END$$")
            out(type(target).__name__, k.statusmessage, a.status,
                len(target) if isinstance(target, list) else None)
            a.poll()
        out(a.notices[:2] if isinstance(a.notices, list) else None)
    """),
    ('connect_failures_reported_before_any_attempt_and_dsn_parameters', """
        attempt(connect, hostaddr='nothost')
        attempt(connect, hostaddr='localhost')
        a = connect(password='unused')
        out(sorted(a.get_dsn_parameters()), 'passfile' in a.info.dsn_parameters)
        b = connect()
        out('passfile' in b.get_dsn_parameters())
    """),
    ('a_backend_ended_by_the_server_leaves_libpqs_error_message', """
        import time
        a = connect()
        b = connect()
        b.autocommit = True
        k = a.cursor()
        k.execute('SELECT 1')
        b.cursor().execute('SELECT pg_terminate_backend(%s)', (a.get_backend_pid(),))
        time.sleep(0.2)
        attempt(k.execute, 'SELECT 1')
        out(a.closed, a.status, a.info.error_message, a.info.transaction_status)
        attempt(a.rollback)
        out(a.closed, a.status, a.info.error_message)
        a.close()
        out(a.closed, a.info.error_message)
    """),
    ('a_closed_connection_still_answers', """
        a = connect()
        a.set_session(isolation_level='SERIALIZABLE', readonly=True)
        i = a.info
        a.close()
        out(a.isolation_level, a.readonly, a.deferrable, a.closed, a.status)
        for name in ('dbname', 'user', 'host', 'port', 'options', 'status', 'transaction_status',
                     'protocol_version', 'server_version', 'socket', 'backend_pid',
                     'needs_password', 'used_password', 'ssl_in_use', 'error_message'):
            attempt(getattr, i, name)
        out(i.parameter_status('TimeZone'), i.ssl_attribute('library'), i.ssl_attribute('cipher'))
    """),
]


from test_differential import (_DifferentialTestCase, generated,  # noqa: E402
                               SNIPPET_HELPERS, closing_snippet)


@generated
class ConnectionBehaviourDifferentialTests(_DifferentialTestCase):
    SNIPPETS = [(name, closing_snippet(SNIPPET_HELPERS, code)) for name, code in _CONNECTION_SNIPPETS]


if __name__ == '__main__':
    unittest.main()
