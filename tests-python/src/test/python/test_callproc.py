"""cursor.callproc and nextset, with the values psycopg2 2.9.5 gives."""

import unittest

import psycopg2


class CallprocTests(unittest.TestCase):
    def setUp(self):
        self.conn = psycopg2.connect('')
        self.cur = self.conn.cursor()
        self.cur.execute('CREATE FUNCTION pg_temp.f(a int, b int DEFAULT 2) RETURNS int'
                         ' LANGUAGE sql AS $$ SELECT a * 10 + b $$')

    def tearDown(self):
        self.conn.close()

    def test_positional_arguments_are_returned_and_sent_in_order(self):
        self.assertEqual(self.cur.callproc('pg_temp.f', (1,)), (1,))
        self.assertEqual(self.cur.query, b'SELECT * FROM pg_temp.f(1)')
        self.assertEqual(self.cur.fetchall(), [(12,)])

    def test_named_arguments_use_quoted_names_and_return_none(self):
        self.assertIsNone(self.cur.callproc('pg_temp.f', {'a': 3, 'b': 4}))
        self.assertEqual(self.cur.query, b'SELECT * FROM pg_temp.f("a":=3,"b":=4)')
        self.assertEqual(self.cur.fetchall(), [(34,)])

    def test_named_cursors_refuse_callproc(self):
        with self.assertRaises(psycopg2.ProgrammingError) as cm:
            self.conn.cursor('nc').callproc('now')
        self.assertEqual(str(cm.exception), "can't call .callproc() on named cursors")

    def test_nextset_is_not_supported(self):
        with self.assertRaises(psycopg2.NotSupportedError) as cm:
            self.cur.nextset()
        self.assertEqual(str(cm.exception), 'not supported by PostgreSQL')


if __name__ == '__main__':
    unittest.main()
