"""psycopg2.extras: DictCursor, RealDictCursor, NamedTupleCursor, their connections,
execute_batch and execute_values, compared with psycopg2 2.9.5 snippet by snippet.
"""

import pickle
import unittest

import psycopg2
import psycopg2.extras as extras

from _support import ConnectingTestCase
from test_differential import _DifferentialTestCase, generated

_TABLE = "cur.execute('CREATE TEMP TABLE v (id int, s text)')\n"


@generated
class ExtrasDifferentialTests(_DifferentialTestCase):
    SNIPPETS = [
        ('dict_row_access',
         "import psycopg2.extras as ex\n"
         "c = conn.cursor(cursor_factory=ex.DictCursor)\n"
         "c.execute(\"SELECT 1 AS a, 'x' AS b, 3 AS a\")\n"
         "r = c.fetchone()\n"
         "out(repr(r), r['a'], r[0], r['b'], r[-1], r[1:], list(r.keys()), list(r.values()),"
         " list(r.items()), len(r))\n"
         "out(r == [1, 'x', 3], r == (1, 'x', 3), 'a' in r, 1 in r, r.get('zz'), r.get('b'),"
         " r.get(7, 'd'), dict(r), list(r.copy().items()), type(r).__name__, isinstance(r, list))\n"
         "out(list(c.index.items()), type(c).__name__, type(c).__module__)\n"
         "out(type(r + [9]).__name__, r + [9], type(r * 2).__name__, type(r[:]).__name__)\n"),
        ('dict_row_errors',
         "import psycopg2.extras as ex\n"
         "c = conn.cursor(cursor_factory=ex.DictCursor)\nc.execute('SELECT 1 AS a')\nr = c.fetchone()\n"
         "for f in (lambda: r['zz'], lambda: r[5], lambda: r.__setitem__('zz', 1)):\n"
         "    try:\n        f()\n    except Exception as e:\n        out(type(e).__name__, str(e))\n"),
        ('dict_row_assignment',
         "import psycopg2.extras as ex\n"
         "c = conn.cursor(cursor_factory=ex.DictCursor)\nc.execute('SELECT 1 AS a, 2 AS b')\n"
         "r = c.fetchone()\nr['a'] = 10\nr[1] = 20\nout(repr(r), r['b'])\n"),
        ('dict_row_pickle',
         "import pickle, psycopg2.extras as ex\n"
         "c = conn.cursor(cursor_factory=ex.DictCursor)\nc.execute(\"SELECT 1 AS a, 'x' AS b\")\n"
         "r = pickle.loads(pickle.dumps(c.fetchone()))\nout(repr(r), r['b'], type(r).__name__)\n"),
        ('dict_cursor_fetches',
         "import psycopg2.extras as ex\n"
         "c = conn.cursor(cursor_factory=ex.DictCursor)\n"
         "c.execute('SELECT generate_series(1, 4) AS n')\n"
         "out(repr(c.fetchone()), repr(c.fetchmany(2)), repr(c.fetchall()), repr(c.fetchall()), c.fetchone())\n"
         "c.execute('SELECT generate_series(1, 3) AS m')\nout([repr(x) for x in c], c.fetchone())\n"
         "c.execute('SELECT 1 AS a WHERE false')\nout(c.fetchone(), c.fetchall())\n"
         "c.execute('SELECT 5 AS z')\nout(repr(next(c)))\nc.execute('SELECT 6 AS y')\nout(next(c)['y'])\n"),
        ('real_dict_next',
         "import psycopg2.extras as ex\n"
         "c = conn.cursor(cursor_factory=ex.RealDictCursor)\nc.execute('SELECT 5 AS z')\nout(repr(next(c)))\n"),
        ('dict_cursor_no_results',
         "import psycopg2.extras as ex\n"
         "c = conn.cursor(cursor_factory=ex.DictCursor)\nc.execute('SET search_path TO public')\n"
         "c.fetchall()"),
        ('dict_cursor_named',
         "import psycopg2.extras as ex\n"
         "c = conn.cursor('dn', cursor_factory=ex.DictCursor)\nc.itersize = 2\n"
         "c.execute('SELECT generate_series(1, 5) AS n, 0 AS z')\n"
         "out(repr(c.fetchone()), [r['n'] for r in c], c.rownumber)\n"),
        ('dict_connection',
         "import psycopg2.extras as ex\n"
         "d = psycopg2.connect(conn.dsn, connection_factory=ex.DictConnection)\n"
         "out(type(d.cursor()).__name__, type(d.cursor('n')).__name__,"
         " type(d.cursor(cursor_factory=ex.RealDictCursor)).__name__, [c.__name__ for c in type(d).__mro__])\n"
         "cur2 = d.cursor()\ncur2.execute('SELECT 1 AS a')\nout(cur2.fetchone()['a'])\nd.close()\n"),
        ('real_dict_rows',
         "import psycopg2.extras as ex\n"
         "c = conn.cursor(cursor_factory=ex.RealDictCursor)\n"
         "c.execute(\"SELECT 1 AS a, 'x' AS b, 3 AS a\")\nr = c.fetchone()\n"
         "out(repr(r), r == {'a': 3, 'b': 'x'}, list(r), [k.__name__ for k in type(r).__mro__],"
         " c.column_mapping)\n"
         "try:\n    r[0]\nexcept KeyError as e:\n    out('KeyError', str(e))\n"
         "c.execute('SELECT generate_series(1, 3) AS n')\n"
         "out(repr(c.fetchone()), repr(c.fetchmany(1)), repr(c.fetchall()))\n"
         "c.execute('SELECT generate_series(1, 2) AS n')\nout([repr(x) for x in c])\n"
         "c.execute('SELECT 1 AS a WHERE false')\nout(c.fetchone(), c.fetchall())\n"),
        ('real_dict_row_constructor',
         "import psycopg2.extras as ex\n"
         "out(repr(ex.RealDictRow()), repr(ex.RealDictRow({'a': 1})),"
         " repr(ex.RealDictRow([('a', 1)], b=2)))\n"),
        ('real_dict_row_pickle',
         "import pickle, psycopg2.extras as ex\n"
         "c = conn.cursor(cursor_factory=ex.RealDictCursor)\nc.execute('SELECT 1 AS a, 2 AS b')\n"
         "r = pickle.loads(pickle.dumps(c.fetchall()))\nout(repr(r))\n"),
        ('real_dict_named',
         "import psycopg2.extras as ex\n"
         "c = conn.cursor('rn', cursor_factory=ex.RealDictCursor)\n"
         "c.execute('SELECT generate_series(1, 3) AS n')\nout(repr(c.fetchall()))\n"),
        ('real_dict_connection',
         "import psycopg2.extras as ex\n"
         "d = psycopg2.connect(conn.dsn, connection_factory=ex.RealDictConnection)\n"
         "cur2 = d.cursor()\ncur2.execute('SELECT 1 AS a')\nout(type(cur2).__name__, repr(cur2.fetchall()))\n"
         "d.close()\n"),
        ('named_tuple_rows',
         "import psycopg2.extras as ex\n"
         "c = conn.cursor(cursor_factory=ex.NamedTupleCursor)\nout(c.Record)\n"
         "c.execute(\"SELECT 1 AS a, 'x' AS \\\"b c\\\", 4 AS \\\"_x\\\", 6, 7 AS \\\"1a\\\", 8 AS \\\"a-b\\\"\")\n"
         "out(c.Record)\nr = c.fetchone()\n"
         "out(repr(r), r._fields, type(r).__name__, type(r).__module__, r.a, r[1], tuple(r))\n"
         "c.execute('SELECT generate_series(1, 3) AS n')\n"
         "out(repr(c.fetchone()), repr(c.fetchmany(1)), repr(c.fetchall()))\n"
         "c.execute('SELECT generate_series(1, 2) AS n')\nout([repr(x) for x in c])\n"
         "c.execute('SELECT 1 AS a WHERE false')\nout(c.fetchone(), c.fetchall(), c.fetchmany(2), list(c))\n"),
        ('named_tuple_same_class_for_same_columns',
         "import psycopg2.extras as ex\n"
         "c = conn.cursor(cursor_factory=ex.NamedTupleCursor)\n"
         "c.execute('SELECT 1 AS a')\nk1 = type(c.fetchone())\n"
         "c.execute('SELECT 2 AS a')\nk2 = type(c.fetchone())\n"
         "c.execute('SELECT 2 AS b')\nk3 = type(c.fetchone())\nout(k1 is k2, k1 is k3)\n"),
        ('named_tuple_bad_names',
         "import psycopg2.extras as ex\n"
         "c = conn.cursor(cursor_factory=ex.NamedTupleCursor)\n"
         "for q in ('SELECT 1 AS a, 2 AS a', 'SELECT 1 AS def'):\n"
         "    c.execute(q)\n"
         "    try:\n        c.fetchone()\n    except ValueError as e:\n        out(str(e))\n"),
        ('named_tuple_no_results',
         "import psycopg2.extras as ex\n"
         "c = conn.cursor(cursor_factory=ex.NamedTupleCursor)\nc.execute('SET search_path TO public')\n"
         "for f in (c.fetchall, c.fetchone, lambda: list(c)):\n"
         "    try:\n        f()\n    except psycopg2.Error as e:\n        out(type(e).__name__, str(e))\n"),
        ('named_tuple_named_cursor',
         "import psycopg2.extras as ex\n"
         "c = conn.cursor('nn', cursor_factory=ex.NamedTupleCursor)\nc.itersize = 2\n"
         "c.execute('SELECT generate_series(1, 5) AS n')\nout(repr(c.fetchone()), [repr(r) for r in c])\n"),
        ('named_tuple_iteration_of_many_rows',
         # each row nested one generator deeper before: RecursionError from about 1,000 rows
         "import psycopg2.extras as ex\n"
         "c = conn.cursor(cursor_factory=ex.NamedTupleCursor)\n"
         "c.execute('SELECT generate_series(1, 3000) AS n')\nrows = list(c)\n"
         "out(len(rows), repr(rows[0]), repr(rows[-1]))\n"
         "n = conn.cursor('many', cursor_factory=ex.NamedTupleCursor)\nn.itersize = 700\n"
         "n.execute('SELECT generate_series(1, 3000) AS n')\nrows = [r.n for r in n]\n"
         "out(len(rows), rows[-1], sum(rows))\n"),
        ('named_tuple_connection',
         "import psycopg2.extras as ex\n"
         "d = psycopg2.connect(conn.dsn, connection_factory=ex.NamedTupleConnection)\n"
         "cur2 = d.cursor()\ncur2.execute('SELECT 1 AS a')\nout(type(cur2).__name__, repr(cur2.fetchall()))\n"
         "d.close()\n"),
        ('execute_batch_pages',
         _TABLE +
         "import psycopg2.extras as ex\n"
         "ex.execute_batch(cur, 'INSERT INTO v VALUES (%s, %s)', [(1, 'a'), (2, 'b'), (3, 'c')], page_size=2)\n"
         "out(cur.query, cur.rowcount, cur.statusmessage)\n"
         "ex.execute_batch(cur, 'INSERT INTO v VALUES (%(a)s, %(b)s)', iter([{'a': 4, 'b': 'q'}]))\n"
         "out(cur.query)\n"
         "out(ex.execute_batch(cur, 'INSERT INTO v VALUES (%s, %s)', []), cur.query)\n"
         "from psycopg2 import sql\n"
         "ex.execute_batch(cur, sql.SQL('INSERT INTO {} VALUES (%s, %s)').format(sql.Identifier('v')),"
         " [(5, 'e'), (6, 'f')])\nout(cur.query)\n"
         "cur.execute('SELECT * FROM v ORDER BY id')\nout(cur.fetchall())\n"),
        ('execute_values_pages',
         _TABLE +
         "import psycopg2.extras as ex\n"
         "out(ex.execute_values(cur, 'INSERT INTO v VALUES %s', [(1, 'a'), (2, 'b'), (3, 'c')], page_size=2))\n"
         "out(cur.query, cur.rowcount, cur.statusmessage)\n"
         "out(ex.execute_values(cur, 'INSERT INTO v VALUES %s RETURNING id', [(4, 'd'), (5, 'e'), (6, 'f')],"
         " page_size=2, fetch=True), cur.query)\n"
         "ex.execute_values(cur, 'INSERT INTO v VALUES %s RETURNING id', [(7, 'g'), (8, 'h')], page_size=1)\n"
         "out(cur.fetchall())\n"
         "ex.execute_values(cur, 'INSERT INTO v VALUES %s', [{'i': 9, 's': 'x'}], template='(%(i)s, %(s)s)')\n"
         "out(cur.query)\n"
         "ex.execute_values(cur, b'INSERT INTO v VALUES %s', [(10, 'z')], template=b'(%s, %s)')\n"
         "out(cur.query)\n"
         "ex.execute_values(cur, 'INSERT INTO v VALUES %s', iter([(11, 'y'), (12, '\u00e9')]), page_size=1)\n"
         "out(cur.query)\n"
         "cur.execute('SELECT count(*) FROM v')\nout(cur.fetchone())\n"),
        ('execute_values_percent_and_composed',
         _TABLE +
         "import psycopg2.extras as ex\nfrom psycopg2 import sql\n"
         "ex.execute_values(cur, \"SELECT * FROM (VALUES %s) x WHERE '%%' = '%%'\", [(1,)])\n"
         "out(cur.query, cur.fetchall())\n"
         "ex.execute_values(cur, sql.SQL('INSERT INTO {} VALUES %s').format(sql.Identifier('v')), [(9, '\u00e9')])\n"
         "out(cur.query)\n"
         "out(ex.execute_values(cur, 'SELECT * FROM (VALUES %s) x', [], fetch=True))\n"),
        ('execute_values_errors',
         "import psycopg2.extras as ex\n"
         "for q in ('SELECT %s, %s', 'SELECT 1', 'SELECT %d %s', 'SELECT %(x)s'):\n"
         "    try:\n        ex.execute_values(cur, q, [(1,)])\n"
         "    except ValueError as e:\n        out(str(e))\n"),
        ('execute_values_failing_pages',
         # each page's answer is read before the next page goes: a server error stops there,
         # an adapter's error on a later page comes after the server's on the page before
         "import psycopg2.extras as ex\n"
         "cur.execute('CREATE TEMP TABLE vp (id int PRIMARY KEY, s text)')\n"
         "conn.commit()\n"
         "class Bad(object):\n    pass\n"
         "def gen():\n    yield (1, 'a')\n    yield (2, 'b')\n    raise KeyError('gone')\n"
         "cases = [([(1, 'a'), (2, 'b'), (1, 'dup'), (3, 'c'), (4, 'd')], 2),\n"
         "         ([(1, 'a'), (2, 'b'), (1, 'dup'), (3, 'c'), (4, Bad())], 2),\n"
         "         ([(1, 'a'), (2, 'b'), (3, Bad()), (4, 'd')], 2),\n"
         "         (gen, 1), ([(1, 'a'), (1, 'b')], 1), ([(1, 'a'), ('x', 'b')], 1)]\n"
         "for autocommit in (False, True):\n"
         "    conn.rollback()\n"
         "    conn.autocommit = autocommit\n"
         "    for rows, size in cases:\n"
         "        cur.execute('TRUNCATE vp')\n"
         "        conn.commit()\n"
         "        try:\n"
         "            ex.execute_values(cur, 'INSERT INTO vp VALUES %s', rows() if callable(rows) else rows,\n"
         "                              page_size=size)\n"
         "        except Exception as e:\n"
         "            out(type(e).__name__, str(e).split('\\n')[0], cur.query, cur.rowcount,\n"
         "                cur.statusmessage, conn.get_transaction_status())\n"
         "        conn.rollback()\n"
         "        cur.execute('SELECT id, s FROM vp ORDER BY id')\n"
         "        out(cur.fetchall())\n"
         "conn.autocommit = False\n"
         "cur.execute('DROP TABLE vp')\n"
         "conn.commit()\n"),
        ('execute_values_last_page_stays_on_the_cursor',
         _TABLE +
         "import psycopg2.extras as ex\n"
         "ex.execute_values(cur, 'INSERT INTO v VALUES %s RETURNING id, s', [(i, str(i)) for i in range(7)],"
         " page_size=3)\n"
         "out(cur.query, cur.rowcount, cur.statusmessage, cur.rownumber, cur.lastrowid,"
         " [d.name for d in cur.description])\n"
         "out(cur.fetchall())\n"
         "conn.notices[:] = []\n"
         "cur.execute(\"CREATE FUNCTION pg_temp.tell() RETURNS trigger LANGUAGE plpgsql AS "
         "$$BEGIN RAISE NOTICE 'row %', NEW.id; RETURN NEW; END$$\")\n"
         "cur.execute('CREATE TRIGGER t BEFORE INSERT ON v FOR EACH ROW EXECUTE FUNCTION pg_temp.tell()')\n"
         "ex.execute_values(cur, 'INSERT INTO v VALUES %s', [(i, 'n') for i in range(10, 15)], page_size=2)\n"
         "out(conn.notices, cur.rowcount)\n"),
        ('results_without_columns_on_every_cursor_kind',
         "import psycopg2.extras as ex\n"
         # RealDictCursor left out: psycopg2's RealDictRow keeps its internal marker key when
         # there are no columns to replace it (a bug not worth copying)
         "for factory in (None, ex.DictCursor, ex.NamedTupleCursor):\n"
         "    c = conn.cursor(cursor_factory=factory) if factory else conn.cursor()\n"
         "    c.execute('SELECT FROM generate_series(1, 2)')\n"
         "    out(repr(c.fetchall()), c.description, c.rowcount)\n"
         "    c.execute('SELECT')\n"
         "    out(repr(c.fetchone()))\n"
         "n = conn.cursor('no_columns')\n"
         "n.execute('SELECT FROM generate_series(1, 3)')\n"
         "out(list(n))\n"),
        ('batches_with_a_page_size_below_one',
         _TABLE +
         "import psycopg2.extras as ex\n"
         "for size in (0, -1):\n"
         "    for f in (lambda: ex.execute_batch(cur, 'INSERT INTO v VALUES (%s, %s)', [(1, 'a')], page_size=size),\n"
         "              lambda: ex.execute_values(cur, 'INSERT INTO v VALUES %s', [(1, 'a')], page_size=size),\n"
         "              lambda: ex.execute_values(cur, 'SELECT 1 %s', [(1,)], template='(%s)', page_size=size)):\n"
         "        try:\n"
         "            f()\n"
         "        except Exception as e:\n"
         "            out(type(e).__name__, str(e))\n"
         "        conn.rollback()\n"),
        ('sql_format_errors',
         "from psycopg2 import sql\n"
         "for text in ('{', 'a {', '{}{', '{0!r', '{0:', '{0', '}', 'x}', '{0}}'):\n"
         "    try:\n"
         "        out(sql.SQL(text).format(sql.Literal(1)).as_string(conn))\n"
         "    except Exception as e:\n"
         "        out(repr(text), type(e).__name__, str(e))\n"),
        ('execute_values_dict_cursor',
         "import psycopg2.extras as ex\n"
         "c = conn.cursor(cursor_factory=ex.RealDictCursor)\n"
         "out(repr(ex.execute_values(c, 'SELECT * FROM (VALUES %s) x(a)', [(1,), (2,)], fetch=True,"
         " page_size=1)))\n"),
    ]


class ReplicationNamesTests(ConnectingTestCase):
    """Replication is not implemented yet: its names import, connecting says so."""

    def test_the_names_import_and_a_replication_connection_is_refused(self):
        import psycopg2.extras as ex
        self.assertEqual((ex.REPLICATION_PHYSICAL, ex.REPLICATION_LOGICAL), (12345678, 87654321))
        self.assertEqual([c.__name__ for c in ex.LogicalReplicationConnection.__mro__],
                         ['LogicalReplicationConnection', 'ReplicationConnection', 'connection', 'object'])
        self.assertTrue(issubclass(ex.ReplicationCursor, psycopg2.extensions.cursor))
        self.assertTrue(issubclass(ex.StopReplication, Exception))
        for factory in (ex.LogicalReplicationConnection, ex.PhysicalReplicationConnection):
            with self.assertRaises(psycopg2.NotSupportedError):
                self.connect(connection_factory=factory)


class DictCursorBaseTests(unittest.TestCase):

    def test_needs_a_row_factory(self):
        with self.assertRaises(NotImplementedError) as cm:
            extras.DictCursorBase(None)
        self.assertEqual(str(cm.exception),
                         "DictCursorBase can't be instantiated without a row factory.")


class ExtrasOnServerTests(ConnectingTestCase):

    def test_real_dict_row_is_a_dict(self):
        conn = self.connect()
        cur = conn.cursor(cursor_factory=extras.RealDictCursor)
        cur.execute('SELECT 1 AS a, 2 AS b')
        row = cur.fetchone()
        self.assertIsInstance(row, dict)
        self.assertEqual(row, {'a': 1, 'b': 2})
        self.assertEqual(repr(row), "RealDictRow([('a', 1), ('b', 2)])")

    def test_dict_row_pickles(self):
        conn = self.connect()
        cur = conn.cursor(cursor_factory=extras.DictCursor)
        cur.execute("SELECT 1 AS a, 'x' AS b")
        row = pickle.loads(pickle.dumps(cur.fetchone()))
        self.assertEqual(row, [1, 'x'])
        self.assertEqual(row['b'], 'x')


if __name__ == '__main__':
    unittest.main()
