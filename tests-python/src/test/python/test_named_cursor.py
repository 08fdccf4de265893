"""Named (server-side) cursors: DECLARE / FETCH / MOVE / CLOSE as psycopg2 2.9.5 runs them.

The differential tests run each snippet on the reference psycopg2 and here and
compare the transcripts: rows, rowcount, rownumber, statusmessage, query text
and errors after each step.
"""

import unittest

import psycopg2

from _support import ConnectingTestCase
from test_differential import _DifferentialTestCase, generated


def state(name):
    return "out(%s.rowcount, %s.rownumber, %s.statusmessage, %s.description)\n" % ((name,) * 4)


@generated
class NamedCursorDifferentialTests(_DifferentialTestCase):
    SNIPPETS = [
        # libpq sends the query as a C string: it ends at a NUL, the rest is never seen
        ('nul_in_query_ends_it',
         "c = conn.cursor('nc')\n"
         "c.execute('SELECT 1 AS a\\x00 garbage')\n"
         "out(c.query, c.fetchall())\n"
         "k = conn.cursor()\n"
         "k.execute('SELECT 2\\x00; SELECT 3')\n"
         "out(k.query, k.fetchall())\n" + state('c')),
        ('attributes_before_execute',
         "c = conn.cursor('nc')\n"
         "out(c.name, c.scrollable, c.withhold, c.itersize, c.query, c.closed)\n" + state('c')),
        ('declare_text_and_state',
         "c = conn.cursor('nc')\n"
         "c.execute('SELECT generate_series(1, 5) AS g, %s AS x', ('a',))\n"
         "out(c.query)\n" + state('c')),
        ('declare_scroll_variants',
         "for i, (s, w) in enumerate([(True, False), (False, False), (None, True), (True, True)]):\n"
         "    c = conn.cursor('v%d' % i, scrollable=s, withhold=w)\n"
         "    c.execute('SELECT %s', (i,))\n"
         "    out(c.query, c.scrollable, c.withhold)\n"
         "    c.close()\n"),
        ('quoted_and_bytes_names',
         "c = conn.cursor('a\"b')\nc.execute('SELECT 1')\nout(c.query, c.fetchall())\n"
         "c = conn.cursor(b'bn')\nout(c.name)\n"),
        ('bad_name_type', "conn.cursor(1)"),
        ('fetch_one_many_all',
         "c = conn.cursor('nc')\nc.execute('SELECT generate_series(1, 5) AS g')\n"
         "out(c.fetchone())\n" + state('c') +
         "out(c.fetchmany(2))\n" + state('c') +
         "out(c.fetchall())\n" + state('c') +
         "out(c.fetchall(), c.fetchone(), c.fetchmany(3))\n" + state('c')),
        ('fetchmany_uses_arraysize',
         "c = conn.cursor('nc')\nc.arraysize = 3\nc.execute('SELECT generate_series(1, 10)')\n"
         "out(c.fetchmany())\n" + state('c')),
        ('empty_result',
         "c = conn.cursor('nc')\nc.execute('SELECT 1 AS a WHERE false')\n"
         "out(c.fetchall())\n" + state('c') + "out(c.fetchone())\n"),
        ('iteration_in_itersize_batches',
         "c = conn.cursor('nc')\nc.itersize = 2\nc.execute('SELECT generate_series(1, 5)')\n"
         "for r in c:\n    out(r, c.rowcount, c.rownumber, c.statusmessage)\n" + state('c')),
        ('iteration_after_fetchone',
         "c = conn.cursor('nc')\nc.itersize = 3\nc.execute('SELECT generate_series(1, 7)')\n"
         "out(c.fetchone(), list(c), c.rownumber, c.rowcount)\n"),
        ('scroll_scrollable',
         "c = conn.cursor('sc', scrollable=True)\nc.execute('SELECT generate_series(1, 5)')\n"
         "for args in [(2,), (-2,), (1, 'absolute'), (10,), (-100,), (100, 'absolute'), (1, 'foo'),"
         " (-1, 'absolute'), (0, 'absolute')]:\n"
         "    c.scroll(*args)\n"
         "    out(args, c.fetchone())\n" + state('c')),
        ('scroll_state_after_move',
         "c = conn.cursor('sc', scrollable=True)\nc.execute('SELECT generate_series(1, 5)')\n"
         "c.scroll(2)\n" + state('c')),
        ('scroll_backward_without_scroll',
         "c = conn.cursor('nc')\nc.execute('SELECT generate_series(1, 5)')\nc.fetchmany(2)\n"
         "try:\n    c.scroll(-1)\nexcept psycopg2.Error as e:\n    out_error(e)\n" + state('c')),
        ('scroll_needs_an_int',
         "c = conn.cursor('sc', scrollable=True)\nc.execute('SELECT 1')\nc.scroll('1')"),
        ('execute_twice', "c = conn.cursor('nc')\nc.execute('SELECT 1')\nc.execute('SELECT 2')"),
        ('execute_empty',
         "c = conn.cursor('nc')\ntry:\n    c.execute('')\nexcept psycopg2.Error as e:\n    out(e)\n"
         "out(c.query)"),
        ('execute_not_a_select', "c = conn.cursor('nc')\nc.execute('CREATE TABLE zz (a int)')"),
        ('execute_after_a_refused_declare',
         "c = conn.cursor('nc')\ntry:\n    c.execute('SELEC 1')\nexcept psycopg2.Error as e:\n"
         "    out(type(e).__name__)\nout(c.query)\n" + state('c') +
         "conn.rollback()\nc.execute('SELECT 1')"),
        ('executemany_refused', "c = conn.cursor('nc')\nc.executemany('SELECT 1', [()])"),
        ('callproc_refused', "c = conn.cursor('nc')\nc.callproc('now')"),
        ('mogrify_is_client_side', "c = conn.cursor('nc')\nout(c.mogrify('SELECT %s', (1,)))"),
        ('autocommit_without_hold',
         "conn.autocommit = True\ntry:\n    conn.cursor('nc').execute('SELECT 1')\n"
         "finally:\n    conn.autocommit = False\n"),
        ('autocommit_with_hold',
         "conn.autocommit = True\ntry:\n"
         "    c = conn.cursor('wh', withhold=True)\n    c.execute('SELECT 1')\n"
         "    out(c.fetchall(), conn.get_transaction_status())\n    c.close()\n"
         "    out(conn.get_transaction_status(), c.closed)\n"
         "finally:\n    conn.autocommit = False\n"),
        ('withhold_survives_commit',
         "c = conn.cursor('wh', withhold=True)\nc.execute('SELECT generate_series(1, 3)')\n"
         "out(conn.get_transaction_status())\nconn.commit()\n"
         "out(c.fetchone(), conn.get_transaction_status())\nout(c.fetchall())\n" + state('c') +
         "c.close()\nout(conn.get_transaction_status(), c.closed)\n"),
        ('without_hold_dies_with_commit',
         "c = conn.cursor('nc')\nc.execute('SELECT 1')\nconn.commit()\n"
         "for f in (c.fetchone, c.fetchall, lambda: c.fetchmany(2), lambda: list(c),"
         " lambda: c.scroll(1), c.close):\n"
         "    try:\n        f()\n    except psycopg2.Error as e:\n        out(type(e).__name__, e)\n"
         "out(c.closed)\n"),
        ('without_hold_dies_with_rollback',
         "c = conn.cursor('nc')\nc.execute('SELECT 1')\nconn.rollback()\nc.fetchone()"),
        ('fetch_before_execute',
         "c = conn.cursor('nc')\ntry:\n    c.fetchone()\nexcept psycopg2.Error as e:\n    out_error(e)\n"),
        ('close_not_executed',
         "c = conn.cursor('nc')\nc.close()\nout(c.closed, conn.get_transaction_status())\n"),
        ('close_hand_declared',
         "conn.cursor().execute('DECLARE foo CURSOR FOR SELECT 1')\n"
         "c = conn.cursor('foo')\nout(c.fetchone())\nc.close()\n"
         "cur.execute(\"SELECT count(*) FROM pg_cursors WHERE name = 'foo'\")\nout(cur.fetchone())\n"),
        ('close_in_failed_transaction',
         "c = conn.cursor('nc')\nc.execute('SELECT 1')\n"
         "try:\n    cur.execute('SELECT 1/0')\nexcept psycopg2.Error:\n    pass\n"
         "c.close()\nout(c.closed)\n"),
        ('closed_cursor_refuses',
         "c = conn.cursor('nc')\nc.execute('SELECT 1')\nc.close()\n"
         "for f in (c.fetchone, lambda: c.execute('SELECT 1'), lambda: c.scroll(0)):\n"
         "    try:\n        f()\n    except psycopg2.Error as e:\n        out(type(e).__name__, e)\n"),
        ('context_manager_closes',
         "with conn.cursor('nc') as c:\n    c.execute('SELECT 1')\n    out(c.fetchone())\n"
         "out(c.closed)\n"),
        ('withhold_scrollable_setters',
         "u = conn.cursor()\n"
         "for attr in ('withhold', 'scrollable'):\n"
         "    try:\n        setattr(u, attr, True)\n    except psycopg2.Error as e:\n"
         "        out(type(e).__name__, e)\n"
         "for kw in ({'withhold': True}, {'scrollable': True}):\n"
         "    try:\n        conn.cursor(**kw)\n    except psycopg2.Error as e:\n"
         "        out(type(e).__name__, e)\n"
         "n = conn.cursor('n')\nn.scrollable = 'x'\nn.withhold = 'x'\nout(n.scrollable, n.withhold)\n"
         "n.scrollable = None\nout(n.scrollable)\n"),
        ('typecasting_through_fetch',
         "c = conn.cursor('nc')\n"
         "c.execute(\"SELECT 1.5::numeric, '2020-01-02'::date, NULL::int, '{1,2}'::int[], 'x'::bytea\")\n"
         "out(c.fetchone())\nout([d.name for d in c.description])\n"),
        ('composed_query',
         "from psycopg2 import sql\nc = conn.cursor('nc')\n"
         "c.execute(sql.SQL('SELECT {} AS {}').format(sql.Literal('v'), sql.Identifier('Col')))\n"
         "out(c.query, c.fetchall(), c.description[0].name)\n"),
    ]


class NamedCursorMemoryTests(ConnectingTestCase):

    def test_iteration_holds_one_itersize_batch(self):
        conn = self.connect()
        cur = conn.cursor('big')
        cur.itersize = 100
        cur.execute('SELECT generate_series(1, 1050)')
        seen = 0
        largest = 0
        for row in cur:
            seen += 1
            self.assertEqual(row, (seen,))
            largest = max(largest, len(cur._rows))
        self.assertEqual(seen, 1050)
        self.assertEqual(largest, 100)

    def test_each_fetch_replaces_the_previous_rows(self):
        conn = self.connect()
        cur = conn.cursor('big')
        cur.execute('SELECT generate_series(1, 500)')
        self.assertEqual(len(cur.fetchmany(300)), 300)
        self.assertEqual(cur.fetchmany(300)[0], (301,))
        self.assertEqual(len(cur._rows), 200)


if __name__ == '__main__':
    unittest.main()
