"""A small nightly ETL job, written as any psycopg2 user would write it.

Raw point-of-sale events are bulk-loaded into a staging table, folded into a daily sales
summary with an upsert (a second, late batch updates rows the first one created), reported,
and cleaned up. It shows the everyday psycopg2 API: connect() from the PG* environment
variables, ``with conn:`` transactions, cursors, executemany, fetchall, and catching an
expected error by its class (psycopg2.errors.UniqueViolation) before rolling back.

Run it against any server the PG* variables point at:

    bin/pgpython --with-postgres examples/etl_demo.py    # psycopg2-jvm on GraalPy
    PGHOST=... PGPORT=... python3 examples/etl_demo.py   # CPython with psycopg2

The output is the same on both: the data is generated deterministically and nothing printed
depends on the time or the process.
"""

import datetime
import decimal
import sys

import psycopg2
import psycopg2.errors
import psycopg2.extensions

STAGING = "etl_demo_sales_staging"
TARGET = "etl_demo_daily_sales"
PRODUCTS = "etl_demo_products"

REGIONS = ["north", "south", "east", "west"]
CATALOGUE = [
    ("SKU-100", "Espresso beans 1kg", decimal.Decimal("18.50")),
    ("SKU-200", "Milk frother", decimal.Decimal("34.99")),
    ("SKU-300", "Ceramic mug", decimal.Decimal("7.25")),
    ("SKU-400", "Paper filters x100", decimal.Decimal("3.10")),
    ("SKU-500", "Grinder", decimal.Decimal("129.00")),
]
FIRST_DAY = datetime.date(2024, 3, 1)
DAYS = 14


def generate_events(first_id, count, salt, first_day):
    """Deterministic pseudo-random sales events (no random module: the same on every runtime)."""
    events = []
    for i in range(count):
        n = (first_id + i) * 7919 + salt * 104729
        sku, _, list_price = CATALOGUE[n % len(CATALOGUE)]
        quantity = 1 + (n // 7) % 4
        # every 9th sale carries a 10% discount
        unit_price = list_price if n % 9 else (list_price * decimal.Decimal("0.90")).quantize(decimal.Decimal("0.01"))
        sold_on = first_day + datetime.timedelta(days=(n // 13) % DAYS)
        region = REGIONS[(n // 5) % len(REGIONS)]
        events.append((first_id + i, sold_on, region, sku, quantity, unit_price))
    return events


def create_tables(conn):
    with conn:
        with conn.cursor() as cur:
            cur.execute("DROP TABLE IF EXISTS %s, %s, %s" % (STAGING, TARGET, PRODUCTS))
            cur.execute("""
                CREATE TABLE %s (
                    sku text PRIMARY KEY,
                    name text NOT NULL
                )""" % PRODUCTS)
            cur.execute("""
                CREATE TABLE %s (
                    event_id integer PRIMARY KEY,
                    sold_on date NOT NULL,
                    region text NOT NULL,
                    sku text NOT NULL,
                    quantity integer NOT NULL,
                    unit_price numeric(10, 2) NOT NULL,
                    batch integer NOT NULL
                )""" % STAGING)
            cur.execute("""
                CREATE TABLE %s (
                    sold_on date NOT NULL,
                    region text NOT NULL,
                    sku text NOT NULL REFERENCES %s (sku),
                    units integer NOT NULL,
                    revenue numeric(12, 2) NOT NULL,
                    PRIMARY KEY (sold_on, region, sku)
                )""" % (TARGET, PRODUCTS))
            cur.executemany("INSERT INTO " + PRODUCTS + " (sku, name) VALUES (%s, %s)",
                            [(sku, name) for sku, name, _ in CATALOGUE])


def load_batch(conn, events, batch):
    with conn:
        with conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO " + STAGING + " (event_id, sold_on, region, sku, quantity, unit_price, batch)"
                " VALUES (%s, %s, %s, %s, %s, %s, %s)",
                [event + (batch,) for event in events])
            cur.execute("SELECT count(*), sum(quantity * unit_price) FROM " + STAGING + " WHERE batch = %s",
                        (batch,))
            rows, value = cur.fetchone()
    print("batch %d: loaded %d events worth %s" % (batch, rows, value))


def fold_into_summary(conn, batch):
    """Aggregates one staged batch and upserts it: new days insert, known days add up."""
    with conn:
        with conn.cursor() as cur:
            cur.execute("""
                INSERT INTO """ + TARGET + """ AS t (sold_on, region, sku, units, revenue)
                SELECT sold_on, region, sku, sum(quantity), sum(quantity * unit_price)
                  FROM """ + STAGING + """
                 WHERE batch = %(batch)s
                 GROUP BY sold_on, region, sku
                ON CONFLICT (sold_on, region, sku) DO UPDATE
                   SET units = t.units + EXCLUDED.units,
                       revenue = t.revenue + EXCLUDED.revenue
                RETURNING (xmax = 0) AS inserted""", {"batch": batch})
            outcome = [inserted for (inserted,) in cur.fetchall()]
    print("batch %d: upserted %d summary rows (%d new, %d updated)"
          % (batch, len(outcome), outcome.count(True), outcome.count(False)))


def report(conn):
    with conn.cursor() as cur:
        cur.execute("""
            SELECT s.region, p.name, sum(s.units) AS units, sum(s.revenue) AS revenue
              FROM """ + TARGET + """ s JOIN """ + PRODUCTS + """ p USING (sku)
             GROUP BY s.region, p.name
            HAVING sum(s.revenue) > %s
             ORDER BY revenue DESC, s.region, p.name
             LIMIT 8""", (decimal.Decimal("1000"),))
        headers = [column.name for column in cur.description]
        rows = cur.fetchall()
        print()
        print("Top sellers (%d rows)" % cur.rowcount)
        print("%-6s  %-20s  %6s  %12s" % tuple(headers))
        print("%s  %s  %s  %s" % ("-" * 6, "-" * 20, "-" * 6, "-" * 12))
        for region, name, units, revenue in rows:
            print("%-6s  %-20s  %6d  %12s" % (region, name, units, "{:,.2f}".format(revenue)))

        cur.execute("""
            SELECT sold_on, sum(units), sum(revenue)
              FROM """ + TARGET + """
             GROUP BY sold_on
             ORDER BY sum(revenue) DESC, sold_on
             LIMIT 3""")
        print()
        print("Best days")
        for sold_on, units, revenue in cur.fetchall():
            print("  %s (%s)  %5d units  %12s" % (sold_on.isoformat(), sold_on.strftime("%a"), units,
                                                   "{:,.2f}".format(revenue)))
        cur.execute("SELECT sum(units), sum(revenue), count(*) FROM " + TARGET)
        units, revenue, rows = cur.fetchone()
        print()
        print("Total: %d units, revenue %s over %d summary rows" % (units, "{:,.2f}".format(revenue), rows))


def add_duplicate_product(conn):
    """A product feed that repeats a known SKU: an expected error, handled and rolled back."""
    cur = conn.cursor()
    try:
        cur.execute("INSERT INTO " + PRODUCTS + " (sku, name) VALUES (%s, %s)", ("SKU-600", "Tamper"))
        cur.execute("INSERT INTO " + PRODUCTS + " (sku, name) VALUES (%s, %s)", ("SKU-300", "Mug, again"))
        conn.commit()
    except psycopg2.errors.UniqueViolation as e:
        print()
        print("duplicate product refused: %s (SQLSTATE %s)" % (e.diag.message_primary, e.pgcode))
        print("  %s" % e.diag.message_detail)
        print("  transaction status before rollback: %s"
              % ("in error" if conn.get_transaction_status() == psycopg2.extensions.TRANSACTION_STATUS_INERROR
                 else "unexpected"))
        conn.rollback()
    finally:
        cur.close()
    with conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM " + PRODUCTS + " WHERE sku = %s", ("SKU-600",))
        print("  after rollback, SKU-600 rows: %d" % cur.fetchone()[0])


def drop_tables(conn):
    with conn:
        with conn.cursor() as cur:
            cur.execute("DROP TABLE %s, %s, %s" % (TARGET, STAGING, PRODUCTS))


def main():
    conn = psycopg2.connect("")
    try:
        create_tables(conn)
        load_batch(conn, generate_events(1, 3000, 1, FIRST_DAY), batch=1)
        fold_into_summary(conn, batch=1)
        # the late batch overlaps the first one's last four days: those summary rows add up
        load_batch(conn, generate_events(3001, 1500, 2, FIRST_DAY + datetime.timedelta(days=DAYS - 4)), batch=2)
        fold_into_summary(conn, batch=2)
        report(conn)
        add_duplicate_product(conn)
        drop_tables(conn)
        print()
        print("done")
    finally:
        conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
