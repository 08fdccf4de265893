"""Benchmark workloads, run unchanged on psycopg2-jvm (bin/pgpython) and on CPython's psycopg2.

    python workloads.py --list
    python workloads.py WORKLOAD [--rounds N] [--warmup SECONDS]

Connects with psycopg2.connect("") (the PG* environment variables), runs the workload once cold,
then again until SECONDS have passed since (warm-up, default 0), then N more times, and prints
one JSON line per round on stdout:

    {"event": "runtime", "version": "<sys.version>", "implementation": "...", "psycopg2": "..."}
    {"event": "round", "workload": "select1", "round": 0, "seconds": 1.234}
    {"event": "warmup", "workload": "select1", "rounds": 12, "seconds": 10.2}

Round 0 is the cold round: the first time this fresh process runs the workload (no JIT
warm-up, caches empty). bin/benchmark takes the best of rounds 1..N as the warm figure: with a
JIT (GraalPy), code is compiled in the background for seconds after start, on a core the
rounds would otherwise have, so rounds 1..N come after the warm-up.
Setup (connecting, creating tables) is outside the timed section unless it is the workload.
"""

import io
import json
import platform
import sys
import time

import psycopg2


def emit(**fields):
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


class Workload(object):
    """One timed operation; setup(), check() and teardown() run outside the timing."""

    description = ""

    def setup(self):
        self.conn = psycopg2.connect("")

    def before_round(self):
        pass

    def run(self):
        raise NotImplementedError

    def check(self):
        """Asserts what the round just did, untimed: it is not the driver's work."""
        pass

    def teardown(self):
        self.conn.close()


class Connect(Workload):
    description = "connect() + close()"

    def setup(self):
        pass

    def run(self):
        conn = psycopg2.connect("")
        conn.close()

    def teardown(self):
        pass


class SelectOne(Workload):
    description = "5000 x execute('SELECT 1') + fetchone()"
    count = 5000

    def run(self):
        cur = self.conn.cursor()
        for _ in range(self.count):
            cur.execute("SELECT 1")
            cur.fetchone()
        cur.close()
        self.conn.rollback()


class FetchAll(Workload):
    query = None
    rows = 0

    def run(self):
        cur = self.conn.cursor()
        cur.execute(self.query)
        got = cur.fetchall()
        if len(got) != self.rows:
            raise AssertionError("expected %d rows, got %d" % (self.rows, len(got)))
        cur.close()
        self.conn.rollback()


class FetchMixed(FetchAll):
    description = "fetchall 500k rows (int4, text, float8, timestamptz)"
    rows = 500000
    query = ("SELECT i, 'row number ' || i, i * 0.25::float8,"
             " timestamptz '2024-01-01 00:00:00+00' + i * interval '1 second'"
             " FROM generate_series(1, %d) AS i" % rows)


class FetchNumericDateBool(FetchAll):
    description = "fetchall 200k rows (numeric, date, bool)"
    rows = 200000
    query = ("SELECT (i / 7.0)::numeric(14, 4), date '2000-01-01' + (i %% 10000), i %% 3 = 0"
             " FROM generate_series(1, %d) AS i" % rows)


class ExecuteMany(Workload):
    description = "executemany INSERT 10k rows (int4, text, float8) + commit"
    count = 10000

    def setup(self):
        Workload.setup(self)
        self.data = [(i, "item %d" % i, i * 1.5) for i in range(self.count)]
        cur = self.conn.cursor()
        cur.execute("DROP TABLE IF EXISTS bench_executemany")
        cur.execute("CREATE TABLE bench_executemany (id integer, label text, amount float8)")
        self.conn.commit()
        cur.close()

    def before_round(self):
        cur = self.conn.cursor()
        cur.execute("TRUNCATE bench_executemany")
        self.conn.commit()
        cur.close()

    def run(self):
        cur = self.conn.cursor()
        cur.executemany("INSERT INTO bench_executemany (id, label, amount) VALUES (%s, %s, %s)", self.data)
        self.conn.commit()
        if cur.rowcount != self.count:
            raise AssertionError("expected rowcount %d, got %d" % (self.count, cur.rowcount))
        cur.close()

    def teardown(self):
        cur = self.conn.cursor()
        cur.execute("DROP TABLE bench_executemany")
        self.conn.commit()
        Workload.teardown(self)


class CopyFrom(Workload):
    description = "copy_from 500k rows (int4, text, float8) from an io.StringIO + commit"
    rows = 500000

    def setup(self):
        Workload.setup(self)
        self.text = "".join("%d\titem %d\t%s\n" % (i, i, i * 1.5) for i in range(self.rows))
        cur = self.conn.cursor()
        cur.execute("DROP TABLE IF EXISTS bench_copyfrom")
        cur.execute("CREATE TABLE bench_copyfrom (id integer, label text, amount float8)")
        self.conn.commit()
        cur.close()

    def before_round(self):
        cur = self.conn.cursor()
        cur.execute("TRUNCATE bench_copyfrom")
        self.conn.commit()
        cur.close()
        self.file = io.StringIO(self.text)

    def run(self):
        cur = self.conn.cursor()
        cur.copy_from(self.file, "bench_copyfrom", columns=("id", "label", "amount"))
        self.conn.commit()
        if cur.rowcount != self.rows:
            raise AssertionError("expected rowcount %d, got %d" % (self.rows, cur.rowcount))
        cur.close()

    def teardown(self):
        cur = self.conn.cursor()
        cur.execute("DROP TABLE bench_copyfrom")
        self.conn.commit()
        Workload.teardown(self)


class CopyTo(Workload):
    description = "copy_to 500k rows (int4, text, float8) into an io.StringIO"
    rows = 500000

    def setup(self):
        Workload.setup(self)
        cur = self.conn.cursor()
        cur.execute("DROP TABLE IF EXISTS bench_copyto")
        cur.execute("CREATE TABLE bench_copyto AS SELECT i AS id, 'item ' || i AS label, i * 1.5::float8 AS amount"
                    " FROM generate_series(1, %d) AS i" % self.rows)
        self.conn.commit()
        cur.close()

    def run(self):
        cur = self.conn.cursor()
        self.file = io.StringIO()
        cur.copy_to(self.file, "bench_copyto")
        self.conn.rollback()
        self.rowcount = cur.rowcount
        cur.close()

    def check(self):
        # counting lines in a 14 MB str takes GraalPy ~0.1 s: not part of the COPY
        if self.rowcount != self.rows or self.file.getvalue().count("\n") != self.rows:
            raise AssertionError("expected %d rows, got rowcount %d" % (self.rows, self.rowcount))

    def teardown(self):
        cur = self.conn.cursor()
        cur.execute("DROP TABLE bench_copyto")
        self.conn.commit()
        Workload.teardown(self)


class NamedCursorStream(Workload):
    description = "iterate 500k rows (int4, text, float8) through a named cursor, itersize 2000"
    rows = 500000

    def run(self):
        cur = self.conn.cursor("bench_stream")
        cur.itersize = 2000
        cur.execute("SELECT i, 'item ' || i, i * 1.5::float8 FROM generate_series(1, %d) AS i" % self.rows)
        n = 0
        for _ in cur:
            n += 1
        cur.close()
        self.conn.rollback()
        if n != self.rows:
            raise AssertionError("expected %d rows, got %d" % (self.rows, n))


class ExecuteValues(Workload):
    description = "execute_values INSERT 100k rows (int4, text, float8) + commit"
    count = 100000

    def setup(self):
        Workload.setup(self)
        self.data = [(i, "item %d" % i, i * 1.5) for i in range(self.count)]
        cur = self.conn.cursor()
        cur.execute("DROP TABLE IF EXISTS bench_values")
        cur.execute("CREATE TABLE bench_values (id integer, label text, amount float8)")
        self.conn.commit()
        cur.close()

    def before_round(self):
        cur = self.conn.cursor()
        cur.execute("TRUNCATE bench_values")
        self.conn.commit()
        cur.close()

    def run(self):
        from psycopg2.extras import execute_values
        cur = self.conn.cursor()
        execute_values(cur, "INSERT INTO bench_values (id, label, amount) VALUES %s", self.data, page_size=1000)
        self.conn.commit()
        cur.execute("SELECT count(*) FROM bench_values")
        if cur.fetchone()[0] != self.count:
            raise AssertionError("expected %d rows" % self.count)
        cur.close()

    def teardown(self):
        cur = self.conn.cursor()
        cur.execute("DROP TABLE bench_values")
        self.conn.commit()
        Workload.teardown(self)


WORKLOADS = {
    "connect": Connect,
    "select1": SelectOne,
    "fetch500k": FetchMixed,
    "fetch200k": FetchNumericDateBool,
    "executemany10k": ExecuteMany,
    "copyfrom500k": CopyFrom,
    "copyto500k": CopyTo,
    "namedcursor500k": NamedCursorStream,
    "executevalues100k": ExecuteValues,
}


def main(argv):
    if argv[1:] == ["--list"]:
        for name, cls in WORKLOADS.items():
            print("%s\t%s" % (name, cls.description))
        return 0
    args = argv[1:]
    rounds = 5
    warmup = 0.0
    if "--rounds" in args:
        at = args.index("--rounds")
        rounds = int(args[at + 1])
        del args[at:at + 2]
    if "--warmup" in args:
        at = args.index("--warmup")
        warmup = float(args[at + 1])
        del args[at:at + 2]
    if len(args) != 1 or args[0] not in WORKLOADS:
        sys.stderr.write("usage: workloads.py WORKLOAD [--rounds N] [--warmup SECONDS]; workloads: %s\n"
                         % ", ".join(WORKLOADS))
        return 2
    name = args[0]
    emit(event="runtime", version=sys.version.replace("\n", " "),
         implementation=platform.python_implementation(), psycopg2=psycopg2.__version__)
    workload = WORKLOADS[name]()
    workload.setup()
    try:
        emit(event="round", workload=name, round=0, seconds=round(timed_round(workload), 6))
        started = time.perf_counter()
        count = 0
        while time.perf_counter() - started < warmup:
            timed_round(workload)
            count += 1
        if warmup:
            emit(event="warmup", workload=name, rounds=count, seconds=round(time.perf_counter() - started, 3))
        for n in range(1, rounds + 1):
            emit(event="round", workload=name, round=n, seconds=round(timed_round(workload), 6))
    finally:
        workload.teardown()
    return 0


def timed_round(workload):
    """Runs one round; returns the seconds of its timed part."""
    workload.before_round()
    start = time.perf_counter()
    workload.run()
    elapsed = time.perf_counter() - start
    workload.check()
    return elapsed


if __name__ == "__main__":
    sys.exit(main(sys.argv))
