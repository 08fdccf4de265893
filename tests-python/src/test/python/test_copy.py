"""COPY through cursor.copy_from, copy_to and copy_expert, as psycopg2 2.9 documents them."""

import io
import textwrap
import unittest

import psycopg2
import psycopg2.errors
import psycopg2.extensions as ext

from _support import ConnectingTestCase
from test_differential import _DifferentialTestCase, generated


class _GeneratedReader(object):
    """A file whose read(size) makes rows on the fly: big COPYs without the data in memory."""

    def __init__(self, rows, width=60):
        self._rows = iter(range(rows))
        self._pad = 'x' * width
        self._pending = ''
        self.bytes_given = 0
        self.largest_read = 0

    def read(self, size=-1):
        while len(self._pending) < size:
            i = next(self._rows, None)
            if i is None:
                break
            self._pending += '%d\t%s\n' % (i, self._pad)
        data, self._pending = self._pending[:size], self._pending[size:]
        self.bytes_given += len(data)
        self.largest_read = max(self.largest_read, len(data))
        return data


class _CountingWriter(object):
    """A binary file that keeps only the size of what it was given."""

    def __init__(self):
        self.size = 0
        self.newlines = 0
        self.largest_write = 0

    def write(self, data):
        self.size += len(data)
        self.newlines += data.count(b'\n')
        self.largest_write = max(self.largest_write, len(data))


class _CopyTestCase(ConnectingTestCase):

    def setUp(self):
        super().setUp()
        self.conn = self.connect()
        self.cur = self.conn.cursor()
        self.cur.execute('CREATE TEMP TABLE c (id int, name text, note text)')

    def rows(self):
        self.cur.execute('SELECT id, name, note FROM c ORDER BY id')
        return self.cur.fetchall()


class CopyFromTests(_CopyTestCase):

    def test_round_trip_with_nulls(self):
        self.cur.copy_from(io.StringIO('1\tone\t\\N\n2\t\\N\tsecond\n'), 'c')
        self.assertEqual(self.cur.rowcount, 2)
        self.assertEqual(self.rows(), [(1, 'one', None), (2, None, 'second')])

    def test_query_text_quotes_table_and_columns(self):
        self.cur.copy_from(io.StringIO('1|a\n'), 'c', sep='|', null='NUL', columns=('id', 'name'))
        self.assertEqual(self.cur.query,
                         b'COPY "c"("id","name") FROM stdin WITH DELIMITER AS \'|\' NULL AS \'NUL\'')
        self.assertEqual(self.rows(), [(1, 'a', None)])

    def test_custom_separator_and_null(self):
        self.cur.copy_from(io.StringIO('1,x,NULL\n2,NULL,y\n'), 'c', sep=',', null='NULL')
        self.assertEqual(self.rows(), [(1, 'x', None), (2, None, 'y')])

    def test_quote_in_null_is_doubled(self):
        self.cur.copy_from(io.StringIO("1\tit's\tz\n"), 'c', null="it's")
        self.assertIn(b"NULL AS 'it''s'", self.cur.query)
        self.assertEqual(self.rows(), [(1, None, 'z')])

    def test_binary_file_and_non_ascii_text(self):
        self.cur.copy_from(io.BytesIO('1\tcafé €\tx\n'.encode('utf-8')), 'c')
        self.cur.copy_from(io.StringIO('2\tnaïve\ty\n'), 'c')
        self.assertEqual(self.rows(), [(1, 'café €', 'x'), (2, 'naïve', 'y')])

    def test_text_is_encoded_with_the_connection_encoding(self):
        self.conn.commit()  # set_client_encoding ends the transaction
        self.conn.set_client_encoding('LATIN1')
        self.cur.copy_from(io.StringIO('1\tcafé\tx\n'), 'c')
        self.cur.copy_from(io.BytesIO('2\tnaïve\ty\n'.encode('latin-1')), 'c')
        f = io.StringIO()
        self.cur.copy_to(f, 'c')
        self.assertEqual(f.getvalue(), '1\tcafé\tx\n2\tnaïve\ty\n')
        b = io.BytesIO()
        self.cur.copy_to(b, 'c', columns=['name'])
        self.assertEqual(b.getvalue(), 'café\nnaïve\n'.encode('latin-1'))
        self.conn.commit()
        self.conn.set_client_encoding('UTF8')
        self.assertEqual(self.rows(), [(1, 'café', 'x'), (2, 'naïve', 'y')])

    def test_stringio_copies_from_its_position_to_its_end(self):
        # an io.StringIO is read in one piece (no one sees how it is read): from where it stands
        f = io.StringIO('skip me\n' + ''.join('%d\tn%d\t\U0001f600\n' % (i, i) for i in range(3000)))
        f.readline()
        self.cur.copy_from(f, 'c', size=100)
        self.assertEqual(self.cur.rowcount, 3000)
        self.assertEqual(f.read(), '')
        rows = self.rows()
        self.assertEqual((len(rows), rows[0], rows[-1]), (3000, (0, 'n0', '\U0001f600'), (2999, 'n2999', '\U0001f600')))

    def test_reads_with_the_given_size(self):
        sizes = []

        class Reader(object):
            def __init__(self):
                self.data = io.StringIO('1\ta\tb\n' * 10)

            def read(self, size):
                sizes.append(size)
                return self.data.read(size)

        self.cur.copy_from(Reader(), 'c', size=7)
        self.assertEqual(self.cur.rowcount, 10)
        self.assertEqual(set(sizes), {7})

    def test_transaction_status_is_active_during_the_copy(self):
        seen = []
        conn = self.conn

        class Reader(object):
            def read(self, size):
                seen.append(conn.info.transaction_status)
                return ''

        self.cur.copy_from(Reader(), 'c')
        self.assertEqual(seen, [ext.TRANSACTION_STATUS_ACTIVE])

    def test_statusmessage_and_description(self):
        self.cur.copy_from(io.StringIO('1\ta\tb\n'), 'c')
        self.assertIsNone(self.cur.description)
        self.assertEqual(self.cur.statusmessage, '')

    def test_file_without_read(self):
        with self.assertRaises(TypeError) as cm:
            self.cur.copy_from(object(), 'c')
        self.assertEqual(str(cm.exception), 'argument 1 must have a .read() method')

    def test_bad_argument_types(self):
        with self.assertRaises(TypeError):
            self.cur.copy_from(io.StringIO(''), b'c')
        with self.assertRaises(TypeError):
            self.cur.copy_from(io.StringIO(''), 'c', sep=1)
        with self.assertRaises(TypeError):
            self.cur.copy_from(io.StringIO(''), 'c', size='x')

    def test_big_data_is_streamed(self):
        reader = _GeneratedReader(800000)  # ~56 MB of text
        self.cur.copy_from(reader, 'c', columns=('id', 'name'))
        self.assertEqual(self.cur.rowcount, 800000)
        self.assertGreater(reader.bytes_given, 50 * 1024 * 1024)
        self.assertLessEqual(reader.largest_read, 8192)
        self.cur.execute('SELECT count(*), sum(length(name)) FROM c')
        self.assertEqual(self.cur.fetchone(), (800000, 800000 * 60))


class CopyFromFailureTests(_CopyTestCase):

    def test_bad_data_raises_the_sqlstate_class_and_loads_nothing(self):
        with self.assertRaises(psycopg2.errors.InvalidTextRepresentation) as cm:
            self.cur.copy_from(io.StringIO('1\ta\tb\nx\ty\tz\n'), 'c')
        self.assertEqual(cm.exception.pgcode, '22P02')
        self.assertIn('COPY c, line 2', cm.exception.pgerror)
        self.assertEqual(self.conn.info.transaction_status, ext.TRANSACTION_STATUS_INERROR)
        self.conn.rollback()
        self.cur.execute('CREATE TEMP TABLE IF NOT EXISTS c (id int, name text, note text)')
        self.assertEqual(self.rows(), [])

    def test_bad_data_in_autocommit_leaves_the_connection_usable(self):
        self.conn.commit()
        self.conn.autocommit = True
        with self.assertRaises(psycopg2.errors.InvalidTextRepresentation):
            self.cur.copy_from(io.StringIO('1\ta\tb\nx\ty\tz\n'), 'c')
        self.assertEqual(self.conn.info.transaction_status, ext.TRANSACTION_STATUS_IDLE)
        self.assertEqual(self.rows(), [])

    def test_read_raising_aborts_the_copy_with_query_canceled(self):
        class Broken(object):
            def read(self, size):
                raise ZeroDivisionError('boom')

        with self.assertRaises(psycopg2.errors.QueryCanceled) as cm:
            self.cur.copy_from(Broken(), 'c')
        self.assertIn('COPY from stdin failed: error in .read() call: ZeroDivisionError boom',
                      str(cm.exception))
        self.assertEqual(self.conn.info.transaction_status, ext.TRANSACTION_STATUS_INERROR)
        self.conn.rollback()
        self.cur.execute('SELECT 1')
        self.assertEqual(self.cur.fetchone(), (1,))

    def test_read_raising_after_some_data_loads_nothing(self):
        class BrokenLater(object):
            calls = 0

            def read(self, size):
                self.calls += 1
                if self.calls > 3:
                    raise ValueError('late')
                return '%d\ta\tb\n' % self.calls

        self.conn.commit()
        self.conn.autocommit = True
        with self.assertRaises(psycopg2.errors.QueryCanceled):
            self.cur.copy_from(BrokenLater(), 'c')
        self.assertEqual(self.rows(), [])

    def test_read_returning_no_string(self):
        class Odd(object):
            def read(self, size):
                return 42

        with self.assertRaises(psycopg2.errors.QueryCanceled) as cm:
            self.cur.copy_from(Odd(), 'c')
        self.assertIn('COPY from stdin failed: error in .read() call\n', str(cm.exception))

    def test_missing_table(self):
        with self.assertRaises(psycopg2.errors.UndefinedTable):
            self.cur.copy_from(io.StringIO(''), 'no_such_table')


class CopyToTests(_CopyTestCase):

    def setUp(self):
        super().setUp()
        self.cur.execute("INSERT INTO c VALUES (1, 'é', NULL), (2, NULL, 'y')")

    def test_text_file_gets_str(self):
        f = io.StringIO()
        self.cur.copy_to(f, 'c')
        self.assertEqual(f.getvalue(), '1\té\t\\N\n2\t\\N\ty\n')
        self.assertEqual(self.cur.rowcount, 2)
        self.assertEqual(self.cur.query, b'COPY "c" TO stdout WITH DELIMITER AS \'\t\' NULL AS \'\\N\'')

    def test_binary_file_gets_bytes(self):
        f = io.BytesIO()
        self.cur.copy_to(f, 'c', sep='|', null='x', columns=['id', 'name'])
        self.assertEqual(f.getvalue(), '1|é\n2|x\n'.encode('utf-8'))
        self.assertEqual(self.cur.query,
                         b'COPY "c"("id","name") TO stdout WITH DELIMITER AS \'|\' NULL AS \'x\'')

    def test_object_with_write_gets_bytes(self):
        written = []

        class Writer(object):
            def write(self, data):
                written.append(data)

        self.cur.copy_to(Writer(), 'c')
        self.assertTrue(all(isinstance(x, bytes) for x in written))
        self.assertEqual(b''.join(written), '1\té\t\\N\n2\t\\N\ty\n'.encode('utf-8'))

    def test_file_without_write(self):
        with self.assertRaises(TypeError) as cm:
            self.cur.copy_to(object(), 'c')
        self.assertEqual(str(cm.exception), 'argument 1 must have a .write() method')

    def test_write_raising_propagates_and_the_connection_stays_usable(self):
        class Broken(object):
            def write(self, data):
                raise ValueError('wboom')

        with self.assertRaises(ValueError):
            self.cur.copy_to(Broken(), 'c')
        self.cur.execute('SELECT count(*) FROM c')
        self.assertEqual(self.cur.fetchone(), (2,))

    def test_big_data_is_streamed(self):
        self.cur.execute("INSERT INTO c SELECT i, repeat('x', 60) FROM generate_series(3, 800000) i")
        out = _CountingWriter()
        self.cur.copy_to(out, 'c', columns=['id', 'name'])
        self.assertEqual(self.cur.rowcount, 800000)
        self.assertEqual(out.newlines, 800000)
        self.assertGreater(out.size, 50 * 1024 * 1024)
        self.assertLess(out.largest_write, 1024 * 1024)


class CopyExpertTests(_CopyTestCase):

    def test_from_and_to_with_options(self):
        self.cur.copy_expert("COPY c FROM STDIN WITH (FORMAT csv, HEADER)",
                             io.StringIO('id,name,note\n1,"a,b",\n'))
        self.assertEqual(self.cur.rowcount, 1)
        self.assertEqual(self.cur.query, b'COPY c FROM STDIN WITH (FORMAT csv, HEADER)')
        f = io.StringIO()
        self.cur.copy_expert('COPY c TO STDOUT WITH (FORMAT csv)', f)
        self.assertEqual(f.getvalue(), '1,"a,b",\n')

    def test_binary_format_round_trip(self):
        self.cur.execute("INSERT INTO c VALUES (1, 'a', NULL)")
        f = io.BytesIO()
        self.cur.copy_expert('COPY c TO STDOUT (FORMAT binary)', f)
        self.assertTrue(f.getvalue().startswith(b'PGCOPY\n\xff\r\n\x00'))
        f.seek(0)
        self.cur.copy_expert('COPY c FROM STDIN (FORMAT binary)', f)
        self.assertEqual(self.cur.rowcount, 1)
        self.assertEqual(self.rows(), [(1, 'a', None), (1, 'a', None)])

    def test_binary_format_into_a_text_file_fails_to_decode(self):
        self.cur.execute("INSERT INTO c VALUES (1, 'a', NULL)")
        with self.assertRaises(UnicodeDecodeError):
            self.cur.copy_expert('COPY c TO STDOUT (FORMAT binary)', io.StringIO())

    def test_bytes_and_composable_sql(self):
        from psycopg2 import sql
        f = io.StringIO()
        self.cur.copy_expert(b'COPY (SELECT 1) TO STDOUT', f)
        self.cur.copy_expert(sql.SQL('COPY (SELECT {}) TO STDOUT').format(sql.Literal(2)), f)
        self.assertEqual(f.getvalue(), '1\n2\n')
        self.assertEqual(self.cur.query, b'COPY (SELECT 2) TO STDOUT')

    def test_not_a_copy_runs_as_execute(self):
        self.cur.copy_expert('SELECT 7', io.StringIO())
        self.assertEqual(self.cur.fetchone(), (7,))

    def test_file_neither_readable_nor_writable(self):
        with self.assertRaises(TypeError) as cm:
            self.cur.copy_expert('COPY c FROM STDIN', object())
        self.assertIn('file must be a readable file-like object for COPY FROM', str(cm.exception))

    def test_server_error_during_copy_to(self):
        self.conn.commit()
        self.conn.autocommit = True
        with self.assertRaises(psycopg2.errors.DivisionByZero):
            self.cur.copy_expert('COPY (SELECT 1 / (3 - i) FROM generate_series(1, 5) i) TO STDOUT',
                                 io.StringIO())
        self.cur.execute('SELECT 1')
        self.assertEqual(self.cur.fetchone(), (1,))

    def test_execute_still_refuses_copy(self):
        with self.assertRaises(psycopg2.ProgrammingError) as cm:
            self.cur.execute('COPY c FROM STDIN')
        self.assertEqual(str(cm.exception), "can't execute COPY FROM: use the copy_from() method instead")

    def test_closed_cursor(self):
        self.cur.close()
        with self.assertRaises(psycopg2.InterfaceError):
            self.cur.copy_expert('COPY c TO STDOUT', io.StringIO())


_SETUP = 'CREATE TEMP TABLE IF NOT EXISTS diff_c (id int, "Name" text)'


@generated
class CopyDifferentialTests(_DifferentialTestCase):
    SETUP = _SETUP
    SNIPPETS = [
        ('copy_from_query', "import io\ncur.copy_from(io.StringIO('1\\tx\\n'), 'diff_c', columns=['id', 'Name'])\n"
                            "out(cur.query, cur.rowcount, cur.statusmessage, cur.description)"),
        ('copy_to_query', "import io\nf = io.StringIO()\ncur.copy_to(f, 'diff_c', sep=',', null='')\n"
                          "out(cur.query, cur.rowcount, f.getvalue())"),
        ('copy_from_odd_names', "import io\ncur.copy_from(io.StringIO(''), 'a\"b', columns=['c\"d'])"),
        ('copy_from_empty_columns', "import io\ncur.copy_from(io.StringIO(''), 'diff_c', columns=[])"),
        ('copy_from_bad_data', "import io\ncur.copy_from(io.StringIO('1\\tx\\nq\\ty\\n'), 'diff_c')"),
        ('copy_from_a_noisy_trigger', textwrap.dedent('''\
            # 40 MB of notices for 10 MB of rows: neither side may stall; psycopg2 shows the
            # notices after the next statement
            import io
            cur.execute("CREATE TEMP TABLE noisy (x int, pad text)")
            cur.execute("CREATE FUNCTION pg_temp.tell() RETURNS trigger LANGUAGE plpgsql AS"
                        " $$BEGIN RAISE NOTICE '%', repeat('n', 8000); RETURN NEW; END$$")
            cur.execute("CREATE TRIGGER tell BEFORE INSERT ON noisy FOR EACH ROW"
                        " EXECUTE FUNCTION pg_temp.tell()")
            del conn.notices[:]
            cur.copy_from(io.StringIO(('1\\t' + 'p' * 2000 + '\\n') * 5000), 'noisy')
            out(cur.rowcount, len(conn.notices))
            cur.execute('SELECT count(*) FROM noisy')
            out(cur.fetchone(), len(conn.notices))
            ''')),
        ('copy_to_a_row_the_encoding_cannot_read', textwrap.dedent('''\
            # rows before it are written, then the codec's error for that row
            import io
            conn.set_client_encoding('SQL_ASCII')
            class Rows(io.StringIO):  # not io's own: a write() per row
                pass
            query = "COPY (SELECT x FROM (VALUES ('ok'), (chr(233) || 'x'), ('after')) v(x)) TO STDOUT"
            for f in (io.StringIO(), Rows()):
                try:
                    cur.copy_expert(query, f)
                except UnicodeDecodeError as e:
                    out(type(e).__name__, str(e), e.object, e.start, e.end)
                out(repr(f.getvalue()), cur.rowcount, conn.status)
                cur.execute('SELECT 1')
                out(cur.fetchone())
            f = io.BytesIO()
            cur.copy_expert(query, f)
            out(f.getvalue(), cur.rowcount)
            conn.rollback()
            conn.set_client_encoding('UTF8')
            ''')),
        ('copy_to_ended_by_a_server_error', textwrap.dedent('''\
            # the rows before the error are written, then it is raised
            import io
            class Rows(object):
                def __init__(self):
                    self.rows = []
                def write(self, data):
                    self.rows.append(data)
            query = "COPY (SELECT 10 / (i - 1000) FROM generate_series(1, 2000) i) TO STDOUT"
            for f in (io.StringIO(), Rows(), io.BytesIO()):
                try:
                    cur.copy_expert(query, f)
                except psycopg2.Error as e:
                    out(type(e).__name__, e.pgcode, cur.rowcount, conn.get_transaction_status())
                written = f.rows if isinstance(f, Rows) else f.getvalue().splitlines()
                out(len(written), written[:2], written[-1:])
                conn.rollback()
            ''')),
        ('executemany_refuses_copy', textwrap.dedent('''\
            for autocommit in (False, True):
                conn.autocommit = autocommit
                for q in ('COPY diff_c FROM STDIN', 'COPY diff_c TO STDOUT'):
                    try:
                        cur.executemany(q, [(), (), ()])
                    except Exception as e:
                        out(type(e).__name__, str(e), cur.query, conn.closed)
                    conn.rollback()
                    cur.execute('SELECT 1')
                    out(cur.fetchone())
                    conn.rollback()
            conn.autocommit = False
            ''')),
        ('copy_from_read_raises', textwrap.dedent('''\
            class R(object):
                def read(self, size):
                    raise KeyError('k')
            try:
                cur.copy_expert('COPY diff_c FROM STDIN', R())
            finally:
                out(conn.info.transaction_status, cur.rowcount)''')),
        ('copy_expert_not_copy', "import io\ncur.copy_expert('SELECT 1 AS a', io.StringIO())\n"
                                 "out(cur.fetchall(), cur.rowcount, cur.statusmessage)"),
        ('copy_to_backslash_sep', "import io\ncur.copy_to(io.StringIO(), 'diff_c', sep='\\\\')"),
        # each row reaches write() on its own, in text, CSV (a newline inside a value) and binary
        ('copy_to_one_write_a_row', textwrap.dedent('''\
            class Rows(object):
                def __init__(self):
                    self.writes = []
                def write(self, data):
                    self.writes.append(data)
            cur.execute("INSERT INTO diff_c VALUES (1, 'a'), (2, E'two\\nlines'), (3, NULL), (4, 'caf\u00e9')")
            for sql in ('COPY diff_c TO STDOUT', 'COPY diff_c TO STDOUT (FORMAT csv)',
                        'COPY diff_c TO STDOUT (FORMAT binary)'):
                f = Rows()
                cur.copy_expert(sql, f)
                out(sql, f.writes, cur.rowcount)
            import io
            f = io.StringIO()
            cur.copy_expert('COPY diff_c TO STDOUT (FORMAT csv)', f)
            out(f.getvalue())''')),
        # text the client encoding cannot hold fails the COPY as a read error, nothing half-sent
        ('copy_from_unencodable_text', textwrap.dedent('''\
            import io
            for options, data in ((' client_encoding=LATIN1', 'ok\\n\u20ac\\n'), ('', 'x\\ud800y\\n')):
                c = psycopg2.connect(conn.dsn + options)
                k = c.cursor()
                k.execute('CREATE TEMP TABLE enc_t (a text)')
                try:
                    k.copy_from(io.StringIO(data), 'enc_t')
                except psycopg2.Error as e:
                    out(type(e).__name__, str(e), c.info.transaction_status)
                c.rollback()
                k.execute('SELECT 1')
                out(k.fetchone())
                c.close()''')),
        # an io.StringIO is read whole here, 8192 chars at a time by psycopg2: a failure is still
        # reported from the chunk that holds the bad character, the chunks before it reach the
        # server (its CONTEXT line counts them), and the file stands after it
        ('copy_from_stringio_failure_reported_per_chunk', textwrap.dedent('''\
            import io
            cur.execute('CREATE TEMP TABLE chunked (a text)')
            conn.commit()
            row = 'x' * 999 + '\\n'
            for at, size in ((10, 8192), (8191, 8192), (8192, 8192), (150000, 8192), (150000, 1000),
                             (199990, 8192), (70000, 65536), (70000, 100000)):
                text = row * 200
                text = text[:at] + '\\ud800' + text[at + 1:]
                f = io.StringIO(text)
                f.seek(7)
                try:
                    cur.copy_expert('COPY chunked FROM STDIN', f, size)
                except psycopg2.Error as e:
                    out(at, size, type(e).__name__, str(e), f.tell())  # CONTEXT: what the server got
                conn.rollback()
            cur.execute('SELECT count(*) FROM chunked')
            out(cur.fetchone())''')),
        ('copy_arg_errors', textwrap.dedent('''\
            import io
            for call in (lambda: cur.copy_from(io.StringIO(''), 'diff_c', null=None),
                         lambda: cur.copy_to(io.StringIO(), 1),
                         lambda: cur.copy_expert(42, io.StringIO()),
                         lambda: cur.copy_expert('COPY diff_c TO STDOUT', 1)):
                try:
                    call()
                except TypeError as e:
                    out(str(e))''')),
    ]


if __name__ == '__main__':
    unittest.main()
