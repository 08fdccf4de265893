"""The cursor object: execute, fetch, metadata, and errors raised by the server."""

import unittest

import psycopg2
import psycopg2.errors
import psycopg2.extensions as ext

from _support import ConnectingTestCase, run_in_threads


class _CursorTestCase(ConnectingTestCase):

    def setUp(self):
        super().setUp()
        self.conn = self.connect()
        self.cur = self.conn.cursor()

    def three_rows(self):
        self.cur.execute('SELECT * FROM generate_series(1, 3)')


class ExecuteTests(_CursorTestCase):

    def test_execute_returns_none(self):
        self.assertIsNone(self.cur.execute('SELECT 1'))

    def test_several_statements_return_the_last_ones_rows(self):
        self.cur.execute('SELECT 1; SELECT 2, 3')
        self.assertEqual(self.cur.fetchall(), [(2, 3)])

    def test_several_statements_report_the_last_status(self):
        table = self.create_table(self.conn, 'id int')
        self.cur.execute('INSERT INTO %s VALUES (1); INSERT INTO %s VALUES (2), (3)' % (table, table))
        self.assertEqual(self.cur.statusmessage, 'INSERT 0 2')
        self.assertEqual(self.cur.rowcount, 2)

    def test_positional_parameters(self):
        self.cur.execute('SELECT %s, %s', (1, 'two'))
        self.assertEqual(self.cur.fetchone(), (1, 'two'))

    def test_named_parameters(self):
        self.cur.execute('SELECT %(a)s, %(b)s, %(a)s', {'a': 1, 'b': 'x'})
        self.assertEqual(self.cur.fetchone(), (1, 'x', 1))

    def test_percent_is_literal_without_parameters(self):
        self.cur.execute("SELECT '100%'")
        self.assertEqual(self.cur.fetchone(), ('100%',))

    def test_double_percent_with_parameters(self):
        self.cur.execute("SELECT '100%%', %s", (1,))
        self.assertEqual(self.cur.fetchone(), ('100%', 1))

    def test_parameters_may_be_a_list(self):
        self.cur.execute('SELECT %s', [5])
        self.assertEqual(self.cur.fetchone(), (5,))

    def test_missing_parameter_raises_index_error(self):
        with self.assertRaises(IndexError):
            self.cur.execute('SELECT %s, %s', (1,))

    def test_extra_parameter_raises_type_error(self):
        with self.assertRaises(TypeError):
            self.cur.execute('SELECT %s', (1, 2))

    def test_missing_named_parameter_raises_key_error(self):
        with self.assertRaises(KeyError):
            self.cur.execute('SELECT %(a)s', {'b': 1})

    def test_query_may_be_bytes(self):
        self.cur.execute(b'SELECT %s', ('b',))
        self.assertEqual(self.cur.fetchone(), ('b',))

    def test_query_attribute_holds_the_bytes_sent(self):
        self.cur.execute('SELECT %s, %s', (1, "it's"))
        self.assertEqual(self.cur.query, b"SELECT 1, 'it''s'")

    def test_query_attribute_is_none_before_execute(self):
        self.assertIsNone(self.cur.query)

    def test_empty_query_raises_programming_error(self):
        with self.assertRaises(psycopg2.ProgrammingError) as cm:
            self.cur.execute('')
        self.assertEqual(str(cm.exception), "can't execute an empty query")

    def test_connection_attribute(self):
        self.assertIs(self.cur.connection, self.conn)

    def test_name_of_a_client_cursor_is_none(self):
        self.assertIsNone(self.cur.name)

    def test_setinputsizes_and_setoutputsize_do_nothing(self):
        self.cur.setinputsizes([1])
        self.cur.setoutputsize(10)
        self.cur.setoutputsize(10, 0)


class ExecutemanyTests(_CursorTestCase):

    def test_executemany_inserts_every_row(self):
        table = self.create_table(self.conn, 'id int, name text')
        self.cur.executemany('INSERT INTO %s VALUES (%%s, %%s)' % table, [(1, 'a'), (2, 'b'), (3, 'c')])
        self.cur.execute('SELECT * FROM %s ORDER BY id' % table)
        self.assertEqual(self.cur.fetchall(), [(1, 'a'), (2, 'b'), (3, 'c')])

    def test_executemany_rowcount_is_the_total(self):
        table = self.create_table(self.conn, 'id int')
        self.cur.executemany('INSERT INTO %s VALUES (%%s)' % table, [(1,), (2,), (3,)])
        self.assertEqual(self.cur.rowcount, 3)

    def test_executemany_update_rowcount_sums_affected_rows(self):
        table = self.create_table(self.conn, 'id int')
        self.cur.execute('INSERT INTO %s SELECT generate_series(1, 10)' % table)
        self.cur.executemany('UPDATE %s SET id = id WHERE id <= %%s' % table, [(2,), (5,)])
        self.assertEqual(self.cur.rowcount, 7)

    def test_executemany_accepts_a_generator(self):
        table = self.create_table(self.conn, 'id int')
        self.cur.executemany('INSERT INTO %s VALUES (%%(id)s)' % table, ({'id': i} for i in range(4)))
        self.assertEqual(self.cur.rowcount, 4)

    def test_executemany_with_no_rows(self):
        table = self.create_table(self.conn, 'id int')
        self.cur.executemany('INSERT INTO %s VALUES (%%s)' % table, [])
        self.cur.execute('SELECT count(*) FROM %s' % table)
        self.assertEqual(self.cur.fetchone(), (0,))

    def test_executemany_leaves_no_result_to_fetch(self):
        table = self.create_table(self.conn, 'id int')
        self.cur.executemany('INSERT INTO %s VALUES (%%s)' % table, [(1,)])
        with self.assertRaises(psycopg2.ProgrammingError):
            self.cur.fetchone()

    def test_executemany_stops_at_the_first_error(self):
        table = self.create_table(self.conn, 'id int PRIMARY KEY')
        with self.assertRaises(psycopg2.errors.UniqueViolation):
            self.cur.executemany('INSERT INTO %s VALUES (%%s)' % table, [(1,), (1,), (2,)])


class FetchPlanTests(_CursorTestCase):
    """The functions that build rows are made once per cast plan (GraalPy then
    compiles them once), and their caches stay bounded."""

    QUERY = "SELECT 1::numeric, now(), 'x'::text"

    def setUp(self):
        super().setUp()
        try:
            from psycopg2 import _cursor
        except ImportError:
            self.skipTest("psycopg2-jvm's own fetch plan")
        self.impl = _cursor

    def test_same_plan_gives_the_same_row_function(self):
        self.cur.execute(self.QUERY)
        first = self.cur._make_row
        other = self.conn.cursor()
        other.execute(self.QUERY)
        self.assertIs(other._make_row, first)
        self.assertEqual(other.fetchone()[2], 'x')

    def test_caches_stay_bounded_with_casters_made_per_query(self):
        for i in range(self.impl._CACHE_LIMIT + 20):
            caster = ext.new_type((1700,), 'N%d' % i, lambda v, c: v)
            ext.register_type(caster, self.cur)
            self.cur.execute(self.QUERY)
            self.assertEqual(self.cur.fetchone()[0], '1')
        self.assertLessEqual(len(self.impl._row_makers), self.impl._CACHE_LIMIT)
        self.assertLessEqual(len(self.impl._fetch_casts), self.impl._CACHE_LIMIT)


class FetchTests(_CursorTestCase):

    def test_fetchone_returns_a_tuple(self):
        self.three_rows()
        row = self.cur.fetchone()
        self.assertIs(type(row), tuple)
        self.assertEqual(row, (1,))

    def test_fetchone_after_the_last_row_returns_none(self):
        self.three_rows()
        self.cur.fetchall()
        self.assertIsNone(self.cur.fetchone())

    def test_fetchmany_uses_arraysize_by_default(self):
        self.three_rows()
        self.assertEqual(self.cur.arraysize, 1)
        self.assertEqual(self.cur.fetchmany(), [(1,)])
        self.cur.arraysize = 2
        self.assertEqual(self.cur.fetchmany(), [(2,), (3,)])

    def test_fetchmany_with_size(self):
        self.three_rows()
        self.assertEqual(self.cur.fetchmany(2), [(1,), (2,)])
        self.assertEqual(self.cur.fetchmany(2), [(3,)])
        self.assertEqual(self.cur.fetchmany(2), [])

    def test_fetchmany_size_keyword(self):
        self.three_rows()
        self.assertEqual(self.cur.fetchmany(size=3), [(1,), (2,), (3,)])

    def test_fetchall_returns_the_remaining_rows(self):
        self.three_rows()
        self.cur.fetchone()
        self.assertEqual(self.cur.fetchall(), [(2,), (3,)])
        self.assertEqual(self.cur.fetchall(), [])

    def test_fetchall_returns_a_list(self):
        self.three_rows()
        self.assertIs(type(self.cur.fetchall()), list)

    def test_iteration_yields_the_rows(self):
        self.three_rows()
        self.assertEqual([row for row in self.cur], [(1,), (2,), (3,)])

    def test_iteration_continues_after_fetchone(self):
        self.three_rows()
        self.cur.fetchone()
        self.assertEqual(list(self.cur), [(2,), (3,)])

    def test_cursor_is_its_own_iterator(self):
        self.assertIs(iter(self.cur), self.cur)

    def test_fetch_before_execute_raises_programming_error(self):
        with self.assertRaises(psycopg2.ProgrammingError) as cm:
            self.cur.fetchone()
        self.assertEqual(str(cm.exception), 'no results to fetch')

    def test_fetch_after_a_statement_without_rows_raises_programming_error(self):
        self.cur.execute('SET TIME ZONE UTC')
        with self.assertRaises(psycopg2.ProgrammingError) as cm:
            self.cur.fetchall()
        self.assertEqual(str(cm.exception), 'no results to fetch')

    def test_empty_result(self):
        self.cur.execute('SELECT 1 WHERE false')
        self.assertEqual(self.cur.fetchall(), [])
        self.assertIsNone(self.cur.fetchone())

    def test_scroll_relative(self):
        self.cur.execute('SELECT * FROM generate_series(1, 5)')
        self.cur.scroll(2)
        self.assertEqual(self.cur.fetchone(), (3,))
        self.cur.scroll(-2)
        self.assertEqual(self.cur.fetchone(), (2,))

    def test_scroll_absolute(self):
        self.cur.execute('SELECT * FROM generate_series(1, 5)')
        self.cur.scroll(4, mode='absolute')
        self.assertEqual(self.cur.fetchone(), (5,))

    def test_scroll_out_of_range_raises_programming_error(self):
        self.three_rows()
        with self.assertRaises(psycopg2.ProgrammingError) as cm:
            self.cur.scroll(10)
        self.assertEqual(str(cm.exception), 'scroll destination out of bounds')

    def test_many_rows(self):
        self.cur.execute('SELECT i, i::text FROM generate_series(1, 5000) i')
        rows = self.cur.fetchall()
        self.assertEqual(len(rows), 5000)
        self.assertEqual(rows[4999], (5000, '5000'))


class DescriptionTests(_CursorTestCase):

    def test_description_is_none_before_execute(self):
        self.assertIsNone(self.cur.description)

    def test_description_has_one_column_per_field(self):
        self.cur.execute("SELECT 1 AS a, 'x'::text AS b, 2.5::numeric(10, 2) AS c")
        self.assertEqual([d.name for d in self.cur.description], ['a', 'b', 'c'])

    def test_column_is_a_sequence_of_seven(self):
        self.cur.execute('SELECT 1 AS a')
        column = self.cur.description[0]
        self.assertEqual(len(column), 7)
        self.assertEqual(column[0], 'a')
        self.assertEqual(tuple(column), ('a', 23, None, 4, None, None, None))

    def test_column_type(self):
        self.assertIs(type(self.cur.description), type(None))
        self.cur.execute('SELECT 1 AS a')
        self.assertIs(type(self.cur.description), tuple)
        self.assertIs(type(self.cur.description[0]), ext.Column)

    def test_column_attributes(self):
        self.cur.execute("SELECT 'x'::varchar(20) AS v")
        column = self.cur.description[0]
        self.assertEqual(column.name, 'v')
        self.assertEqual(column.type_code, 1043)
        self.assertIsNone(column.display_size)
        self.assertEqual(column.internal_size, 20)
        self.assertIsNone(column.null_ok)

    def test_internal_size_of_a_variable_length_type_is_minus_one(self):
        self.cur.execute("SELECT 'x'::text AS t")
        self.assertEqual(self.cur.description[0].internal_size, -1)

    def test_numeric_precision_and_scale(self):
        self.cur.execute('SELECT 2.5::numeric(10, 2) AS n')
        column = self.cur.description[0]
        self.assertEqual(column.type_code, 1700)
        self.assertEqual(column.precision, 10)
        self.assertEqual(column.scale, 2)

    def test_table_columns_report_table_oid_and_column(self):
        table = self.create_table(self.conn, 'id int, name text')
        self.cur.execute('SELECT name, id FROM %s' % table)
        oid = self.cur.description[0].table_oid
        self.cur.execute('SELECT %s::regclass::oid', (table,))
        self.assertEqual(oid, self.cur.fetchone()[0])

    def test_unnamed_expression_is_column_question_mark(self):
        self.cur.execute('SELECT 1 + 1')
        self.assertEqual(self.cur.description[0].name, '?column?')

    def test_description_of_a_statement_without_rows_is_none(self):
        self.cur.execute('SET TIME ZONE UTC')
        self.assertIsNone(self.cur.description)

    def test_description_of_an_empty_result_is_set(self):
        self.cur.execute('SELECT 1 AS a WHERE false')
        self.assertEqual(self.cur.description[0].name, 'a')


class CountsAndStatusTests(_CursorTestCase):

    def test_rowcount_is_minus_one_before_execute(self):
        self.assertEqual(self.cur.rowcount, -1)

    def test_rowcount_of_a_select_is_the_number_of_rows(self):
        self.three_rows()
        self.assertEqual(self.cur.rowcount, 3)

    def test_rowcount_of_dml(self):
        table = self.create_table(self.conn, 'id int')
        self.cur.execute('INSERT INTO %s SELECT generate_series(1, 4)' % table)
        self.assertEqual(self.cur.rowcount, 4)
        self.cur.execute('UPDATE %s SET id = id + 1 WHERE id > 2' % table)
        self.assertEqual(self.cur.rowcount, 2)
        self.cur.execute('DELETE FROM %s' % table)
        self.assertEqual(self.cur.rowcount, 4)

    def test_rowcount_of_a_statement_without_count_is_minus_one(self):
        self.cur.execute('SET TIME ZONE UTC')
        self.assertEqual(self.cur.rowcount, -1)

    def test_rownumber_is_zero_before_execute(self):
        self.assertEqual(self.cur.rownumber, 0)

    def test_rownumber_counts_fetched_rows(self):
        self.three_rows()
        self.assertEqual(self.cur.rownumber, 0)
        self.cur.fetchone()
        self.assertEqual(self.cur.rownumber, 1)
        self.cur.fetchmany(2)
        self.assertEqual(self.cur.rownumber, 3)

    def test_statusmessage(self):
        self.assertIsNone(self.cur.statusmessage)
        self.three_rows()
        self.assertEqual(self.cur.statusmessage, 'SELECT 3')
        table = self.create_table(self.conn, 'id int')
        self.cur.execute('INSERT INTO %s VALUES (1)' % table)
        self.assertEqual(self.cur.statusmessage, 'INSERT 0 1')
        self.cur.execute('UPDATE %s SET id = 2' % table)
        self.assertEqual(self.cur.statusmessage, 'UPDATE 1')
        self.cur.execute('SET TIME ZONE UTC')
        self.assertEqual(self.cur.statusmessage, 'SET')

    def test_lastrowid_of_a_table_without_oids_is_zero(self):
        table = self.create_table(self.conn, 'id int')
        self.cur.execute('INSERT INTO %s VALUES (1)' % table)
        self.assertEqual(self.cur.lastrowid, 0)

    def test_arraysize_is_writable(self):
        self.cur.arraysize = 10
        self.assertEqual(self.cur.arraysize, 10)


class MogrifyTests(_CursorTestCase):

    def test_mogrify_returns_bytes(self):
        self.assertEqual(self.cur.mogrify('SELECT %s', (1,)), b'SELECT 1')

    def test_mogrify_quotes_strings(self):
        self.assertEqual(self.cur.mogrify('SELECT %s', ("O'Reilly",)), b"SELECT 'O''Reilly'")

    def test_mogrify_named(self):
        self.assertEqual(self.cur.mogrify('%(x)s + %(x)s', {'x': 2}), b'2 + 2')

    def test_mogrify_without_parameters_keeps_percent(self):
        self.assertEqual(self.cur.mogrify('SELECT 10 % 3'), b'SELECT 10 % 3')

    def test_mogrify_does_not_execute(self):
        self.cur.mogrify('SELECT %s', (1,))
        self.assertEqual(self.conn.get_transaction_status(), ext.TRANSACTION_STATUS_IDLE)

    def test_mogrify_of_unadaptable_type_raises_programming_error(self):
        with self.assertRaises(psycopg2.ProgrammingError) as cm:
            self.cur.mogrify('SELECT %s', (object(),))
        self.assertIn("can't adapt type 'object'", str(cm.exception))


class CloseTests(_CursorTestCase):

    def test_new_cursor_is_open(self):
        self.assertIs(self.cur.closed, False)

    def test_close_sets_closed(self):
        self.cur.close()
        self.assertIs(self.cur.closed, True)

    def test_close_twice_is_harmless(self):
        self.cur.close()
        self.cur.close()

    def test_execute_after_close_raises_interface_error(self):
        self.cur.close()
        with self.assertRaises(psycopg2.InterfaceError) as cm:
            self.cur.execute('SELECT 1')
        self.assertEqual(str(cm.exception), 'cursor already closed')

    def test_fetch_after_close_raises_interface_error(self):
        self.three_rows()
        self.cur.close()
        with self.assertRaises(psycopg2.InterfaceError):
            self.cur.fetchone()

    def test_with_block_closes_the_cursor_only(self):
        with self.conn.cursor() as cur:
            cur.execute('SELECT 1')
            self.assertEqual(cur.fetchone(), (1,))
        self.assertIs(cur.closed, True)
        self.assertEqual(self.conn.closed, 0)

    def test_with_block_does_not_end_the_transaction(self):
        with self.conn.cursor() as cur:
            cur.execute('SELECT 1')
        self.assertEqual(self.conn.get_transaction_status(), ext.TRANSACTION_STATUS_INTRANS)

    def test_cursor_of_a_closed_connection_is_closed(self):
        self.conn.close()
        self.assertIs(self.cur.closed, True)


class ServerErrorTests(_CursorTestCase):

    def failing(self, query, args=None):
        try:
            self.cur.execute(query, args)
        except psycopg2.Error as e:
            return e
        self.fail('%r did not fail' % query)

    def test_undefined_table_pgcode_and_class(self):
        e = self.failing('SELECT * FROM no_such_table_x')
        self.assertEqual(e.pgcode, '42P01')
        self.assertIs(type(e), psycopg2.errors.UndefinedTable)
        self.assertIsInstance(e, psycopg2.ProgrammingError)

    def test_pgerror_is_the_full_server_report(self):
        e = self.failing('SELECT * FROM no_such_table_x')
        self.assertEqual(e.pgerror,
                         'ERROR:  relation "no_such_table_x" does not exist\n'
                         'LINE 1: SELECT * FROM no_such_table_x\n'
                         '                      ^\n')

    def test_str_of_an_error_is_pgerror_without_severity(self):
        e = self.failing('SELECT * FROM no_such_table_x')
        self.assertEqual(str(e), e.pgerror[len('ERROR:  '):])

    def test_error_cursor_attribute(self):
        e = self.failing('SELECT 1/0')
        self.assertIs(e.cursor, self.cur)

    def test_division_by_zero_is_a_data_error(self):
        e = self.failing('SELECT 1/0')
        self.assertEqual(e.pgcode, '22012')
        self.assertIs(type(e), psycopg2.errors.DivisionByZero)
        self.assertIsInstance(e, psycopg2.DataError)

    def test_unique_violation_is_an_integrity_error(self):
        table = self.create_table(self.conn, 'id int PRIMARY KEY')
        self.cur.execute('INSERT INTO %s VALUES (1)' % table)
        e = self.failing('INSERT INTO %s VALUES (1)' % table)
        self.assertIs(type(e), psycopg2.errors.UniqueViolation)
        self.assertIsInstance(e, psycopg2.IntegrityError)
        self.assertEqual(e.pgcode, '23505')

    def test_unique_violation_can_be_caught_by_its_class(self):
        table = self.create_table(self.conn, 'id int PRIMARY KEY')
        self.cur.execute('INSERT INTO %s VALUES (1)' % table)
        with self.assertRaises(psycopg2.errors.UniqueViolation):
            self.cur.execute('INSERT INTO %s VALUES (1)' % table)

    def test_lookup_maps_sqlstate_to_class(self):
        self.assertIs(psycopg2.errors.lookup('23505'), psycopg2.errors.UniqueViolation)

    def test_diag_of_a_unique_violation(self):
        table = self.create_table(self.conn, 'id int CONSTRAINT %s_pk PRIMARY KEY' % 'u')
        self.cur.execute('INSERT INTO %s VALUES (1)' % table)
        e = self.failing('INSERT INTO %s VALUES (1)' % table)
        self.assertEqual(e.diag.sqlstate, '23505')
        self.assertEqual(e.diag.severity, 'ERROR')
        self.assertEqual(e.diag.message_primary, 'duplicate key value violates unique constraint "u_pk"')
        self.assertEqual(e.diag.message_detail, 'Key (id)=(1) already exists.')
        self.assertEqual(e.diag.constraint_name, 'u_pk')
        self.assertEqual(e.diag.table_name, table)
        self.assertEqual(e.diag.schema_name, 'public')

    def test_diag_statement_position_of_a_syntax_error(self):
        e = self.failing('SELECT 1; SELEC 2')
        self.assertIs(type(e), psycopg2.errors.SyntaxError)
        self.assertEqual(e.pgcode, '42601')
        self.assertEqual(e.diag.statement_position, '11')
        self.assertIsNone(e.diag.message_detail)

    def test_diag_of_a_raised_exception_has_hint_and_detail(self):
        e = self.failing("DO $$BEGIN RAISE EXCEPTION 'boom' USING DETAIL = 'd', HINT = 'h', "
                         "ERRCODE = '22023'; END$$")
        self.assertIs(type(e), psycopg2.errors.InvalidParameterValue)
        self.assertEqual(e.diag.message_primary, 'boom')
        self.assertEqual(e.diag.message_detail, 'd')
        self.assertEqual(e.diag.message_hint, 'h')
        self.assertEqual(e.pgerror, 'ERROR:  boom\nDETAIL:  d\nHINT:  h\n'
                         'CONTEXT:  PL/pgSQL function inline_code_block line 1 at RAISE\n')

    def test_statements_in_a_failed_transaction_are_refused(self):
        self.failing('SELECT 1/0')
        e = self.failing('SELECT 1')
        self.assertIs(type(e), psycopg2.errors.InFailedSqlTransaction)
        self.assertEqual(e.pgcode, '25P02')

    def test_connection_is_usable_after_an_error_and_rollback(self):
        self.failing('SELECT 1/0')
        self.conn.rollback()
        self.cur.execute('SELECT 42')
        self.assertEqual(self.cur.fetchone(), (42,))

    def test_error_in_autocommit_needs_no_rollback(self):
        self.conn.autocommit = True
        self.failing('SELECT 1/0')
        self.cur.execute('SELECT 42')
        self.assertEqual(self.cur.fetchone(), (42,))

    def test_not_null_violation(self):
        table = self.create_table(self.conn, 'id int NOT NULL')
        e = self.failing('INSERT INTO %s VALUES (NULL)' % table)
        self.assertIs(type(e), psycopg2.errors.NotNullViolation)
        self.assertIsInstance(e, psycopg2.IntegrityError)
        self.assertEqual(e.diag.column_name, 'id')

    def test_errors_pickle_keeps_pgcode(self):
        import pickle
        e = self.failing('SELECT 1/0')
        copy = pickle.loads(pickle.dumps(e))
        self.assertIs(type(copy), psycopg2.errors.DivisionByZero)
        self.assertEqual(copy.pgcode, '22012')
        self.assertEqual(copy.pgerror, e.pgerror)



class SharedCursorTests(_CursorTestCase):
    """psycopg2 says cursors are not thread-safe, yet its GIL-held C code never hands a row out
    twice: neither does this one when threads share a cursor."""

    ROWS = 20000

    def shared(self, take):
        self.cur.execute('SELECT generate_series(1, %s)', (self.ROWS,))
        got = []
        def work():
            mine = []
            take(mine)
            got.extend(mine)
        run_in_threads(work)
        self.assertEqual(sorted(r[0] for r in got), list(range(1, self.ROWS + 1)))

    def test_threads_calling_fetchone_share_the_rows(self):
        def take(mine):
            row = self.cur.fetchone()
            while row is not None:
                mine.append(row)
                row = self.cur.fetchone()
        self.shared(take)

    def test_threads_iterating_share_the_rows(self):
        self.shared(lambda mine: mine.extend(self.cur))

    def test_threads_iterating_a_named_cursor_share_its_batches(self):
        cur = self.conn.cursor('shared_named')
        cur.itersize = 100
        cur.execute('SELECT generate_series(1, 5000)')
        got = []
        def work():
            mine = [row for row in cur]  # GraalPy's list.extend(iterator) is not atomic
            got.extend(mine)
        run_in_threads(work)
        self.assertEqual(sorted(r[0] for r in got), list(range(1, 5001)))


# Misuse and failure paths compared with psycopg2 (found by probing both with the same scripts).
_CURSOR_SNIPPETS = [
    ('refused_statements_keep_or_drop_the_last_result_as_psycopg2', """
        a = connect()
        k = a.cursor()
        def state(label):
            out(label, k.statusmessage, k.rowcount, k.query, k.description is not None)
        for query in ('', None, b'', '-- only a comment'):
            k.execute('SELECT generate_series(1, 3)')
            try:
                k.execute(query)
            except psycopg2.Error as e:
                out(repr(query), type(e).__name__, str(e), e.cursor is k)
            state(repr(query))
            attempt(k.fetchone)
            a.rollback()
        k.execute('SELECT generate_series(1, 3)')
        try:
            k.execute('SELECT %s', (object(),))
        except psycopg2.Error as e:
            out('bad parameter', type(e).__name__, str(e), e.cursor is k)
        state('bad parameter')
        attempt(k.fetchone)
        for query, params in (('SELECT %s, %(x)s', {'x': 1}), ('SELECT %(x', {'x': 1})):
            try:
                k.mogrify(query, params)
            except psycopg2.Error as e:
                out(query, type(e).__name__, str(e), e.cursor is k)
        k.execute('SELECT 1')
        try:
            k.scroll(5)
        except psycopg2.Error as e:
            out('scroll', str(e), e.cursor is k)
        a.autocommit = True
        n = a.cursor('outside')
        try:
            n.execute('SELECT 1')
        except psycopg2.Error as e:
            out('named', str(e), e.cursor is n)
    """),
    ('executemany_runs_the_statements_before_a_bad_parameter', """
        for autocommit in (False, True):
            a = connect()
            a.autocommit = autocommit
            k = a.cursor()
            k.execute('CREATE TEMP TABLE em (i int, t text)')
            k.execute('SELECT 1')
            try:
                k.executemany('INSERT INTO em VALUES (%s, %s)', [(1, 'a'), (2, 'b'), (3, object())])
            except psycopg2.Error as e:
                out(type(e).__name__, str(e), e.cursor is k)
            out(autocommit, a.status, a.get_transaction_status(), k.statusmessage, k.rowcount, k.query)
            try:
                k.executemany('INSERT INTO em VALUES (%s, %s)', [(4, object())])
            except psycopg2.Error as e:
                out(type(e).__name__, str(e))
            out(k.statusmessage, k.rowcount, k.query)
            try:
                k.executemany('INSERT INTO em VALUES (%s, %s)', [(5, 'e'), ('x', 'f')])
            except psycopg2.Error as e:
                out(type(e).__name__, e.pgcode)
            out(repr(k.statusmessage), k.rowcount)
            if not autocommit:
                a.commit()
            k.execute('SELECT i FROM em ORDER BY i')
            out(k.fetchall())
            k.execute('SELECT generate_series(1, 3)')
            k.executemany('SELECT %s', [])
            out('nothing to run', k.statusmessage, k.rowcount, k.query, k.description)
            attempt(k.fetchone)
            attempt(k.fetchall)
            out(list(k))
    """),
    ('executemany_with_parameters_that_fail_to_come', """
        a = connect()
        k = a.cursor()
        k.execute('CREATE TEMP TABLE eg (i int)')
        def rows(n):
            for i in range(n):
                yield (i,)
            raise ValueError('no more after %d' % n)
        for n in (2, 0):
            k.execute('SELECT 1')
            try:
                k.executemany('INSERT INTO eg VALUES (%s)', rows(n))
            except ValueError as e:
                out('raised', str(e))
            out(k.rowcount, k.statusmessage, k.query, k.description)
            attempt(k.fetchone)
            out(k.description)
        k.execute('SELECT count(*) FROM eg')
        out(k.fetchone())
        k.execute('SELECT 1, 2')
        try:
            k.execute('SELECT %s', (object(),))
        except psycopg2.Error as e:
            out(type(e).__name__)
        attempt(k.fetchone)
        out(k.description, k.rowcount)
        k.execute('SELECT generate_series(1, 5)')
        k.fetchmany(2)
        k.executemany('SELECT %s', [])
        out(k.rownumber, k.fetchall(), k.rownumber, k.fetchone(), list(k))
    """),
    # executemany hands its statements over as it merges them, a batch at a time: whatever
    # happens between two, each statement must look as if it had run before the next merge
    ('executemany_statements_run_before_the_next_merge', """
        from psycopg2.extensions import register_adapter
        a = connect()
        k = a.cursor()
        k.execute('CREATE TEMP TABLE es (i int, seen int)')
        a.commit()
        class Counted(object):
            # a parameter whose literal is the number of rows the table holds when it is merged
            def getquoted(self):
                c = a.cursor()
                c.execute('SELECT count(*) FROM es')
                return str(c.fetchone()[0]).encode()
        register_adapter(Counted, lambda o: o)
        k.executemany('INSERT INTO es VALUES (%s, %s)', [(i, Counted()) for i in range(250)])
        out(k.rowcount, k.statusmessage, k.query)
        k.execute('SELECT count(*) FROM es WHERE i <> seen')
        out('seen out of step', k.fetchone())
        a.rollback()
        class Refused(object):
            def getquoted(self):
                raise ValueError('not this one')
        register_adapter(Refused, lambda o: o)
        try:
            k.executemany('INSERT INTO es VALUES (%s, 0)', [(i,) for i in range(230)] + [(Refused(),), (7,)])
        except ValueError as e:
            out('refused', str(e))
        out(k.rowcount, k.statusmessage, k.query, a.get_transaction_status())
        k.execute('SELECT count(*), max(i) FROM es')
        out(k.fetchone())
        a.rollback()
        class Interrupt(BaseException):
            pass
        class Interrupting(object):
            def getquoted(self):
                raise Interrupt()
        register_adapter(Interrupting, lambda o: o)
        try:
            k.executemany('INSERT INTO es VALUES (%s, 0)', [(i,) for i in range(150)] + [(Interrupting(),)])
        except Interrupt:
            out('interrupted')
        k.execute('SELECT count(*) FROM es')
        out(k.fetchone(), a.get_transaction_status())
        a.rollback()
        rows = [(i,) for i in range(300)]
        rows[260] = (10 ** 12,)  # out of range for int, on the server
        try:
            k.executemany('INSERT INTO es VALUES (%s, 0)', rows)
        except psycopg2.Error as e:
            out(type(e).__name__, e.pgcode, str(e), k.query, k.rowcount, repr(k.statusmessage))
        out(a.get_transaction_status())
        a.rollback()
        k.execute("SET client_encoding TO 'UTF8'")
        class Raw(object):
            def getquoted(self):
                return b"'\\xff'"
        register_adapter(Raw, lambda o: o)
        rows = [(i, 'r%d' % i) for i in range(250)]
        rows[120] = (120, Raw())
        try:
            k.executemany('INSERT INTO es VALUES (%s, length(%s))', rows)
        except psycopg2.Error as e:
            out(type(e).__name__, e.pgcode, k.query, k.rowcount)
        a.rollback()
        rows[120] = (120, 'plain again')
        k.executemany('INSERT INTO es VALUES (%s, length(%s))', rows)
        out(k.rowcount, k.statusmessage, k.query)
        a.commit()
    """),
    # pipelined or not, executemany stops where psycopg2's statement-by-statement run stops
    ('executemany_stops_where_psycopg2_stops', """
        from psycopg2.extensions import AsIs
        from psycopg2.extras import execute_values
        a = connect()
        k = a.cursor()
        k.execute('CREATE TEMP TABLE st (id int PRIMARY KEY)')
        a.commit()
        def run(label, f):
            try:
                f()
                out(label, 'ok', k.rowcount, k.statusmessage, k.query)
            except psycopg2.Error as e:
                out(label, type(e).__name__, e.pgcode, str(e), k.query, k.statusmessage)
            out(label, a.get_transaction_status())
            a.rollback()
            k.execute("SELECT coalesce(array_agg(id ORDER BY id), '{}') FROM st")
            out(label, 'kept', k.fetchone())
            k.execute('TRUNCATE st')
            a.commit()
        run('empty template', lambda: k.executemany('-- nothing', [(), ()]))
        run('empty midway', lambda: k.executemany('%s', [(AsIs('INSERT INTO st VALUES (%d)' % i),) for i in range(60)]
                                                  + [(AsIs(''),)] + [(AsIs('INSERT INTO st VALUES (99)'),)]))
        run('commit after a failure', lambda: k.executemany('%s', [(AsIs(q),) for q in (
            'INSERT INTO st VALUES (41)', 'INSERT INTO st VALUES (41)', 'COMMIT', 'INSERT INTO st VALUES (42)')]))
        run('two commands each', lambda: k.executemany('INSERT INTO st VALUES (%s); COMMIT', [(1,), (2,), (1,), (3,)]))
        rows = [(i,) for i in range(200)]
        rows[50] = (AsIs('1) garbage (1'),)
        run('syntax error in a joined batch', lambda: k.executemany('INSERT INTO st VALUES (%s)', rows))
        run('savepoints', lambda: k.executemany('%s', [(AsIs(q),) for q in (
            'SAVEPOINT s', 'INSERT INTO st VALUES (31)', 'INSERT INTO st VALUES (31)', 'ROLLBACK TO s',
            'INSERT INTO st VALUES (32)')]))
        def committing():
            for i in range(200):
                if i == 150:
                    a.commit()
                yield (i,)
        run('transaction ended midway', lambda: k.executemany('INSERT INTO st VALUES (%s)', committing()))
        run('show counts no rows', lambda: k.executemany('SHOW DateStyle', [()] * 30))
        run('explain counts no rows', lambda: k.executemany('EXPLAIN SELECT %s', [(i,) for i in range(30)]))
        def reusing():
            for i in range(30):
                if i == 20:
                    k.execute('SELECT 42')
                yield (i,)
        run('the cursor used midway', lambda: k.executemany('INSERT INTO st VALUES (%s)', reusing()))
        out(k.description, k.rownumber)
        attempt(k.fetchall)
        for label, args in (('not iterable', ('INSERT INTO st VALUES (%s)', 5)), ('empty query', ('', [()]))):
            k.execute('SELECT generate_series(1, 10)')
            k.fetchmany(3)
            attempt(k.executemany, *args)
            attempt(k.fetchall)
            a.rollback()
        class Peeking(object):
            # an adapter running a query on the same connection while the pages go
            def __init__(self, v):
                self.v = v
            def __conform__(self, proto):
                return self
            def getquoted(self):
                c = a.cursor()
                c.execute('SELECT count(*) FROM st')
                return str(self.v * 1000 + c.fetchone()[0]).encode()
        execute_values(a.cursor(), 'INSERT INTO st VALUES %s', [(Peeking(i),) for i in range(7)], page_size=2)
        k.execute('SELECT array_agg(id ORDER BY id) FROM st')
        out('pages seen done', k.fetchone())
        a.rollback()
    """),
    # found by a probe: argument checks and edge cases of COPY, scroll, fetchmany, members
    ('copy_scroll_and_member_arguments_as_psycopg2', """
        import io
        import psycopg2.extras
        a = connect()
        k = a.cursor()
        k.execute('CREATE TEMP TABLE ca (a int, b text)')
        a.commit()
        class Reader(object):
            def __init__(self, error):
                self.error = error
            def read(self, size):
                raise self.error
        for error in (KeyboardInterrupt(), ValueError('x' * 3000)):
            try:
                k.copy_from(Reader(error), 'ca')
            except psycopg2.Error as e:
                out(type(e).__name__, len(e.diag.message_primary), e.diag.message_primary[:60])
            a.rollback()
        for columns in ([1], [None], [b'a'], ['a\\x00b']):
            try:
                k.copy_from(io.StringIO('1\\n'), 'ca', columns=columns)
                out(columns, k.query)
            except Exception as e:
                out(columns, type(e).__name__, str(e).split('\\n')[0])
            a.rollback()
        for kwargs in ({'null': 'a\\x00b'}, {'sep': '\\x00'}, {'table': 'ca\\x00x'}):
            args = dict({'file': io.StringIO('1\\n'), 'table': 'ca'}, **kwargs)
            attempt(lambda: k.copy_from(**args))
            a.rollback()
        attempt(k.copy_expert, None, io.StringIO())
        class OnlyRead(object):
            def read(self, size):
                return ''
        class OnlyWrite(object):
            def write(self, data):
                pass
        attempt(k.copy_expert, 'COPY ca TO STDOUT', OnlyRead())
        a.rollback()
        attempt(k.copy_expert, 'COPY ca FROM STDIN', OnlyWrite())
        a.rollback()
        k.execute("INSERT INTO ca VALUES (1, 'a')")
        binary = io.StringIO()
        attempt(k.copy_expert, 'COPY ca TO STDOUT (FORMAT binary)', binary)
        a.rollback()
        named = a.cursor('after_copy')
        named.copy_from(io.StringIO('2\tb\\n'), 'ca')
        attempt(named.execute, 'SELECT 1')
        a.rollback()
        k.execute('SELECT generate_series(1, 5)')
        for args in ((2 ** 31,), (-2 ** 31 - 1,), (2 ** 63,), (1, None), (1, b'absolute'), (1.5,)):
            attempt(k.scroll, *args)
        for size in (1.5, '1'):
            attempt(k.fetchmany, size)
        named = a.cursor('sizes')
        named.execute('SELECT generate_series(1, 5)')
        attempt(named.scroll, 2 ** 31)
        attempt(named.fetchmany, 2 ** 32 + 2)
        a.rollback()
        for value in ('x', 2 ** 70, None):
            try:
                k.arraysize = value
            except Exception as e:
                out(type(e).__name__, k.arraysize)
        attempt(delattr, k, 'itersize')
        class Mine(psycopg2.extras.NamedTupleCursor):
            def _make_nt(self):
                from collections import namedtuple
                return namedtuple('Mine', [d[0] for d in self.description])
        m = a.cursor(cursor_factory=Mine)
        m.execute('SELECT 1 AS a')
        out(m.fetchone(), a.cursor(cursor_factory=psycopg2.extras.DictCursor)._prefetch,
            a.cursor(cursor_factory=psycopg2.extras.RealDictCursor)._prefetch)
    """),
    # as deep as psycopg2 goes (its limit is Python's recursion limit, 1000)
    ('deeply_nested_parameters_and_compositions', """
        from psycopg2 import sql
        a = connect()
        k = a.cursor()
        v = [1]
        for _ in range(900):
            v = [v, None]
        q = k.mogrify('SELECT %s', (v,))
        out(len(q), q[:40], q[-40:])
        try:
            k.execute('SELECT %s', (v,))
        except psycopg2.Error as e:
            out(type(e).__name__, str(e))
        a.rollback()
        c = sql.SQL('x')
        for i in range(900):
            c = sql.Composed([c, sql.SQL('+'), sql.Literal(i)])
        text = c.as_string(a)
        out(len(text), text[:30], text[-30:])
        j = sql.Identifier('t')
        for i in range(900):
            j = sql.SQL('({})').format(j)
        out(len(j.as_string(a)))
    """),
    ('attributes_psycopg2_keeps_read_only', """
        a = connect()
        k = a.cursor()
        k.execute('SELECT 1')
        for name in ('rowcount', 'rownumber', 'lastrowid', 'statusmessage', 'query', 'description',
                     'closed', 'connection', 'name'):
            attempt(setattr, k, name, 3)
        out(k.rowcount, k.rownumber, k.statusmessage, k.query)
    """),
    ('reprs_and_exits', """
        import re
        import psycopg2.extras
        def shown(o):
            return re.sub('0x[0-9a-f]+', 'ADDRESS', repr(o))
        a = connect(application_name='repr test')
        b = connect(connection_factory=psycopg2.extras.DictConnection)
        k = a.cursor()
        n = a.cursor('nm')
        out(shown(a), shown(b), shown(k), shown(n), shown(b.cursor()), str(a) == repr(a))
        out(a.__enter__().__exit__(None, None, None), k.__exit__(None, None, None))
        out(shown(k))
        a.close()
        out(shown(a), shown(a.cursor) if False else '', shown(n))
    """),
    ('a_closed_cursor_or_connection', """
        import psycopg2.extensions as ext
        a = connect()
        k = a.cursor()
        k.close()
        b = connect()
        m = b.cursor()
        b.close()
        for c in (k, m):
            for f in (c.nextset, lambda: c.setinputsizes(1), lambda: c.setoutputsize(1),
                      lambda: ext.quote_ident('x', c), lambda: c.mogrify('SELECT %s', (1,)),
                      lambda: c.cast(23, '1'), lambda: c.callproc('f'), lambda: c.scroll(0)):
                attempt(f)
        attempt(ext.quote_ident, 'x', b)
        attempt(ext.encrypt_password, 'x', 'y', b)
        attempt(ext.encrypt_password, 'x', 'y', b, 'md5')
        attempt(a.get_parameter_status, None)
        attempt(b.get_parameter_status, 'TimeZone')
        attempt(psycopg2.connect, b'dbname=x')
        attempt(a.cursor().nextset)
    """),
    ('copy_through_execute_is_refused_and_the_connection_goes_on', """
        a = connect()
        k = a.cursor()
        k.execute('CREATE TEMP TABLE cr (i int)')
        k.execute('INSERT INTO cr VALUES (1), (2)')
        for q in ('COPY cr TO STDOUT', 'COPY cr FROM STDIN'):
            try:
                k.execute(q)
            except psycopg2.Error as e:
                out(type(e).__name__, str(e), e.cursor is k)
            out(repr(k.statusmessage), k.rowcount, k.query)
            attempt(lambda: k.execute('SELECT count(*) FROM cr') or k.fetchone())
            out(a.status, a.get_transaction_status())
    """),
    ('a_fetch_without_rows_forgets_the_rowcount', """
        a = connect()
        k = a.cursor()
        k.execute('CREATE TEMP TABLE fr (i int)')
        k.execute('INSERT INTO fr SELECT generate_series(1, 5)')
        attempt(k.scroll, 0)
        out(k.rowcount, k.rownumber)
        for f in (k.fetchone, k.fetchall, lambda: k.fetchmany(2), lambda: next(iter(k)), lambda: k.scroll(0)):
            attempt(f)
            out(k.rowcount, k.statusmessage, k.rownumber)
        k.executemany('INSERT INTO fr VALUES (%s)', [(1,), (2,), (3,)])
        out(k.rowcount)
        attempt(k.fetchone)
        out(k.rowcount)
    """),
    ('copy_expert_with_a_size_of_zero_reads_nothing', """
        import io
        a = connect()
        k = a.cursor()
        k.execute('CREATE TEMP TABLE cz (i int)')
        k.copy_expert('COPY cz FROM STDIN', io.StringIO('1\\n2\\n'), size=0)
        out(k.rowcount, repr(k.statusmessage))
        k.execute('SELECT count(*) FROM cz')
        out(k.fetchone())
    """),
]


from test_differential import (_DifferentialTestCase, generated,  # noqa: E402
                               SNIPPET_HELPERS, closing_snippet)


@generated
class CursorBehaviourDifferentialTests(_DifferentialTestCase):
    SNIPPETS = [(name, closing_snippet(SNIPPET_HELPERS, code)) for name, code in _CURSOR_SNIPPETS]


if __name__ == '__main__':
    unittest.main()
