"""Array values keep no memory of the largest array fetched before them.

GraalPy pre-sizes each list a `[]` display or comprehension makes by the largest
list that same display has grown to (option python.OverallocateLiteralLists, which
PythonContextFactory turns off). With it, one 100k-item array left every later
array value, however small, holding an Object[] of ~100k+ slots: 300 fetched int[2]
values took hundreds of MB, and a nested composite-array fetch ended in MemoryError.
The heap is measured through Java, so the check runs on GraalPy only.
"""
import gc
import sys
import unittest

import psycopg2

from _support import DSN

try:
    import java
    _runtime = java.type('java.lang.Runtime').getRuntime()
except ImportError:
    _runtime = None


def heap_mb():
    for _ in range(2):
        gc.collect()
        _runtime.gc()
    return (_runtime.totalMemory() - _runtime.freeMemory()) >> 20


@unittest.skipIf(_runtime is None, 'measures the JVM heap')
class ArrayListSizingTest(unittest.TestCase):

    def setUp(self):
        self.conn = psycopg2.connect(DSN)
        self.cur = self.conn.cursor()

    def tearDown(self):
        self.conn.close()

    def fetch(self, query):
        self.cur.execute(query)
        return self.cur.fetchall()

    def check_small_after_big(self, big, small):
        self.fetch(big)        # trains whichever list sites cast it
        before = heap_mb()
        kept = self.fetch(small)
        grown = heap_mb() - before
        self.assertEqual(len(kept), 300)
        self.assertLess(grown, 50, '%d MB for 300 small arrays' % grown)

    def test_flat_plain_items(self):       # cast_array's flat fast path
        self.check_small_after_big(
            "select array_agg(i) from generate_series(1, 100000) i",
            "select array[i, i + 1] from generate_series(1, 300) i")

    def test_flat_item_cast(self):         # flat path with an item caster (bool)
        self.check_small_after_big(
            "select array_agg(i % 2 = 0) from generate_series(1, 100000) i",
            "select array[i % 2 = 0, true] from generate_series(1, 300) i")

    def test_parsed(self):                 # _parse_array: quoted items, nesting
        self.check_small_after_big(
            "select array_agg('x\"' || i) from generate_series(1, 100000) i",
            "select array[array['y\"' || i], array['z']] from generate_series(1, 300) i")

    def test_nested_alone(self):           # one 2-D array: its inner lists
        before = heap_mb()                 # grew with the outer one's estimate
        self.cur.execute("select array_agg(array[i, i]) from generate_series(1, 20000) i")
        value = self.cur.fetchone()[0]
        grown = heap_mb() - before
        self.assertEqual(value[-1], [20000, 20000])
        self.assertLess(grown, 50, '%d MB for an int[20000][2]' % grown)


if __name__ == '__main__':
    unittest.main()
