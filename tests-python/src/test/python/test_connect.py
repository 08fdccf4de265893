"""psycopg2.connect(): the ways to name a server, authentication, TLS."""

import os
import unittest

import psycopg2
import psycopg2.extensions

from _support import (ConnectingTestCase, DSN, HOST, PORT, USER, DATABASE, SSL,
                      needs_auth_users, needs_ssl)


class _Environment(object):
    """Sets environment variables for the duration of a with block."""

    def __init__(self, **values):
        self._values = values
        self._saved = {}

    def __enter__(self):
        for name, value in self._values.items():
            self._saved[name] = os.environ.get(name)
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        return self

    def __exit__(self, *exc):
        for name, value in self._saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        return False


class ConnectionStringTests(ConnectingTestCase):

    def current(self, conn):
        cur = conn.cursor()
        cur.execute('SELECT current_database(), current_user')
        return cur.fetchone()

    def test_keyword_value_dsn(self):
        conn = self.connect('host=%s port=%s dbname=%s user=%s' % (HOST, PORT, DATABASE, USER))
        self.assertEqual(self.current(conn), (DATABASE, USER))

    def test_keyword_value_dsn_with_quoted_value(self):
        conn = self.connect("host=%s port=%s dbname='%s' application_name='a b\\'c'"
                            % (HOST, PORT, DATABASE))
        self.assertEqual(self.scalar(conn, 'SHOW application_name'), "a b'c")

    def test_uri(self):
        conn = self.connect('postgresql://%s@%s:%s/%s' % (USER, HOST, PORT, DATABASE))
        self.assertEqual(self.current(conn), (DATABASE, USER))

    def test_uri_with_query_parameters(self):
        conn = self.connect('postgres://%s:%s/%s?application_name=from_uri' % (HOST, PORT, DATABASE))
        self.assertEqual(self.scalar(conn, 'SHOW application_name'), 'from_uri')

    def test_keyword_arguments(self):
        conn = self.connect(host=HOST, port=PORT, dbname=DATABASE, user=USER)
        self.assertEqual(self.current(conn), (DATABASE, USER))

    def test_port_keyword_may_be_an_int(self):
        conn = self.connect(host=HOST, port=int(PORT), dbname=DATABASE)
        self.assertEqual(self.current(conn)[0], DATABASE)

    def test_database_keyword_is_an_alias_of_dbname(self):
        conn = self.connect(host=HOST, port=PORT, database=DATABASE)
        self.assertEqual(self.current(conn)[0], DATABASE)

    def test_keyword_arguments_override_the_dsn(self):
        conn = self.connect(DSN, dbname='postgres')
        self.assertEqual(self.current(conn)[0], 'postgres')

    def test_keyword_arguments_set_to_none_are_ignored(self):
        conn = self.connect(DSN, application_name=None, connect_timeout=None)
        self.assertEqual(self.current(conn)[0], DATABASE)

    def test_environment_variables_fill_in_an_empty_dsn(self):
        conn = self.connect('')
        self.assertEqual(self.current(conn), (DATABASE, USER))

    def test_no_arguments_at_all_uses_the_environment(self):
        conn = psycopg2.connect()
        self._connections.append(conn)
        self.assertEqual(self.current(conn), (DATABASE, USER))

    def test_environment_changed_by_the_script_is_seen(self):
        with _Environment(PGAPPNAME='set_by_script'):
            conn = self.connect('')
        self.assertEqual(self.scalar(conn, 'SHOW application_name'), 'set_by_script')

    def test_pgdatabase_from_the_environment(self):
        with _Environment(PGDATABASE='postgres'):
            conn = self.connect('')
        self.assertEqual(self.current(conn)[0], 'postgres')

    def test_dsn_keyword_wins_over_the_environment(self):
        with _Environment(PGAPPNAME='from_env'):
            conn = self.connect('application_name=from_dsn')
        self.assertEqual(self.scalar(conn, 'SHOW application_name'), 'from_dsn')

    def test_dsn_attribute_is_the_dsn_given(self):
        dsn = 'host=%s port=%s dbname=%s' % (HOST, PORT, DATABASE)
        conn = self.connect(dsn)
        self.assertEqual(conn.dsn, dsn)

    def test_dsn_attribute_of_keyword_arguments_keeps_their_order(self):
        conn = psycopg2.connect(host=HOST, port=PORT, database=DATABASE)
        self._connections.append(conn)
        self.assertEqual(conn.dsn, 'host=%s port=%s dbname=%s' % (HOST, PORT, DATABASE))

    def test_connection_factory_is_used(self):
        class MyConnection(psycopg2.extensions.connection):
            pass
        conn = self.connect(DSN, connection_factory=MyConnection)
        self.assertIsInstance(conn, MyConnection)
        self.assertEqual(self.current(conn)[0], DATABASE)

    def test_invalid_dsn_raises_programming_error(self):
        with self.assertRaises(psycopg2.ProgrammingError) as cm:
            psycopg2.connect('this is not a dsn')
        self.assertIn('invalid dsn', str(cm.exception))

    def test_unknown_keyword_raises_programming_error(self):
        with self.assertRaises(psycopg2.ProgrammingError) as cm:
            psycopg2.connect(DSN, no_such_option='1')
        self.assertIn('invalid connection option "no_such_option"', str(cm.exception))


class ConnectionFailureTests(ConnectingTestCase):

    def assertConnectFails(self, *args, **kwargs):
        with self.assertRaises(psycopg2.OperationalError) as cm:
            psycopg2.connect(*args, **kwargs)
        return str(cm.exception)

    def test_missing_database_reports_the_server_message(self):
        message = self.assertConnectFails(DSN, dbname='no_such_database_x')
        self.assertIn('FATAL:  database "no_such_database_x" does not exist', message)

    def test_unknown_user_is_refused_by_the_server(self):
        message = self.assertConnectFails(DSN, user='no_such_user_x')
        self.assertIn('FATAL:  ', message)
        self.assertIn('"no_such_user_x"', message)

    def test_failed_connection_error_has_no_pgcode(self):
        with self.assertRaises(psycopg2.OperationalError) as cm:
            psycopg2.connect(DSN, dbname='no_such_database_x')
        self.assertIsNone(cm.exception.pgcode)
        self.assertIsNone(cm.exception.pgerror)

    def test_nothing_listening_raises_operational_error(self):
        message = self.assertConnectFails(host='127.0.0.1', port='1', dbname=DATABASE)
        self.assertIn('127.0.0.1', message)

    def test_operational_error_is_a_database_error(self):
        self.assertTrue(issubclass(psycopg2.OperationalError, psycopg2.DatabaseError))


@needs_auth_users
class AuthenticationTests(ConnectingTestCase):

    def login(self, user, password=None, **kwargs):
        kwargs.update(host=HOST, port=PORT, dbname=DATABASE, user=user)
        if password is not None:
            kwargs['password'] = password
        with _Environment(PGPASSWORD=None):
            return self.connect(**kwargs)

    def assertLoginFails(self, user, password=None):
        with self.assertRaises(psycopg2.OperationalError) as cm:
            self.login(user, password)
        return str(cm.exception)

    def test_trust_needs_no_password(self):
        conn = self.login('pg_trust')
        self.assertEqual(self.scalar(conn, 'SELECT current_user'), 'pg_trust')

    def test_cleartext_password(self):
        conn = self.login('pg_password', 'secret-password')
        self.assertEqual(self.scalar(conn, 'SELECT current_user'), 'pg_password')

    def test_md5_password(self):
        conn = self.login('pg_md5', 'secret-md5')
        self.assertEqual(self.scalar(conn, 'SELECT current_user'), 'pg_md5')

    def test_scram_sha_256_password(self):
        conn = self.login('pg_scram', 'secret-scram')
        self.assertEqual(self.scalar(conn, 'SELECT current_user'), 'pg_scram')

    def _with_secret(self, role, password, algorithm):
        """Store encrypt_password's secret for `password` as `role`'s password (in
        the catalog: ALTER ROLE refuses pg_ names), log in with it, put the
        stored password back."""
        admin = self.connect(DSN)
        admin.autocommit = True
        secret = psycopg2.extensions.encrypt_password(password, role, admin, algorithm)
        cur = admin.cursor()
        cur.execute('SELECT rolpassword FROM pg_catalog.pg_authid WHERE rolname = %s', (role,))
        stored = cur.fetchone()[0]
        update = 'UPDATE pg_catalog.pg_authid SET rolpassword = %s WHERE rolname = %s'
        try:
            cur.execute(update, (secret, role))
            conn = self.login(role, password)
            self.assertEqual(self.scalar(conn, 'SELECT current_user'), role)
        finally:
            cur.execute(update, (stored, role))
        return secret

    def test_encrypt_password_scram_secret_logs_in(self):
        secret = self._with_secret('pg_scram', 'n\u00e9w pass\u2163', 'scram-sha-256')
        self.assertTrue(secret.startswith('SCRAM-SHA-256$4096:'), secret)

    def test_encrypt_password_md5_secret_logs_in(self):
        secret = self._with_secret('pg_md5', 'n\u00e9w-md5', 'md5')
        self.assertEqual(len(secret), 35)

    def test_password_from_pgpassword(self):
        with _Environment(PGPASSWORD='secret-scram'):
            conn = self.connect(host=HOST, port=PORT, dbname=DATABASE, user='pg_scram')
        self.assertEqual(self.scalar(conn, 'SELECT current_user'), 'pg_scram')

    def test_password_in_uri(self):
        with _Environment(PGPASSWORD=None):
            conn = self.connect('postgresql://pg_md5:secret-md5@%s:%s/%s' % (HOST, PORT, DATABASE))
        self.assertEqual(self.scalar(conn, 'SELECT current_user'), 'pg_md5')

    def test_wrong_cleartext_password(self):
        message = self.assertLoginFails('pg_password', 'wrong')
        self.assertIn('FATAL:  password authentication failed for user "pg_password"', message)

    def test_wrong_md5_password(self):
        message = self.assertLoginFails('pg_md5', 'wrong')
        self.assertIn('FATAL:  password authentication failed for user "pg_md5"', message)

    def test_wrong_scram_password(self):
        message = self.assertLoginFails('pg_scram', 'wrong')
        self.assertIn('FATAL:  password authentication failed for user "pg_scram"', message)

    def test_missing_password(self):
        message = self.assertLoginFails('pg_scram')
        self.assertIn('no password supplied', message)

    def test_dsn_attribute_hides_the_password(self):
        conn = self.login('pg_password', 'secret-password')
        self.assertNotIn('secret-password', conn.dsn)
        self.assertIn('password=xxx', conn.dsn)

    def test_dsn_attribute_with_a_password_is_rewritten_in_libpq_keyword_order(self):
        # libpq parses the string and psycopg2 writes it back, password masked
        with _Environment(PGPASSWORD=None):
            conn = self.connect('host=%s port=%s dbname=%s user=pg_md5 password=secret-md5'
                                % (HOST, PORT, DATABASE))
        self.assertEqual(conn.dsn, 'user=pg_md5 password=xxx dbname=%s host=%s port=%s'
                         % (DATABASE, HOST, PORT))


@needs_auth_users
class SslModeTests(ConnectingTestCase):

    def login(self, user, sslmode):
        with _Environment(PGSSLMODE=None):
            return self.connect(host=HOST, port=PORT, dbname=DATABASE, user=user, sslmode=sslmode)

    def uses_tls(self, conn):
        return self.scalar(conn, 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')

    def assertLoginFails(self, user, sslmode):
        with self.assertRaises(psycopg2.OperationalError) as cm:
            self.login(user, sslmode)
        return str(cm.exception)

    @needs_ssl
    def test_require_connects_with_tls(self):
        self.assertIs(self.uses_tls(self.login('pg_sslonly', 'require')), True)

    @needs_ssl
    def test_prefer_connects_with_tls(self):
        self.assertIs(self.uses_tls(self.login('pg_sslonly', 'prefer')), True)

    @needs_ssl
    def test_allow_retries_with_tls_when_plain_is_refused(self):
        self.assertIs(self.uses_tls(self.login('pg_sslonly', 'allow')), True)

    @needs_ssl
    def test_disable_is_refused_for_a_tls_only_role(self):
        message = self.assertLoginFails('pg_sslonly', 'disable')
        self.assertIn('no pg_hba.conf entry', message)

    @needs_ssl
    def test_require_is_refused_for_a_plain_only_role(self):
        message = self.assertLoginFails('pg_nossl', 'require')
        self.assertIn('no pg_hba.conf entry', message)

    @needs_ssl
    def test_prefer_falls_back_to_plain(self):
        self.assertIs(self.uses_tls(self.login('pg_nossl', 'prefer')), False)

    def test_allow_connects_plain(self):
        self.assertIs(self.uses_tls(self.login('pg_nossl', 'allow')), False)

    def test_disable_connects_plain(self):
        self.assertIs(self.uses_tls(self.login('pg_nossl', 'disable')), False)

    @needs_ssl
    def test_default_sslmode_is_prefer(self):
        self.assertIs(self.uses_tls(self.login('pg_trust', None)), True)

    @unittest.skipIf(SSL, 'the server offers TLS')
    def test_require_fails_when_the_server_has_no_tls(self):
        message = self.assertLoginFails('pg_trust', 'require')
        self.assertIn('server does not support SSL, but SSL was required', message)


if __name__ == '__main__':
    unittest.main()
