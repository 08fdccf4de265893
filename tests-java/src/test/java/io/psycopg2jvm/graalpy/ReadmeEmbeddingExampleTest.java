package io.psycopg2jvm.graalpy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.psycopg2jvm.core.session.PgSession;
import io.psycopg2jvm.testsupport.TestDatabase;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

/** The embedding example of the README, as written there, against the test server. */
class ReadmeEmbeddingExampleTest {

    @Test
    void readmeExampleFetchesRowsIntoJava() {
        String dsn = TestDatabase.get().dsn();
        try (PgSession setup = PgSession.open(dsn)) {
            setup.execute("DROP TABLE IF EXISTS customers;"
                    + "CREATE TABLE customers (id int PRIMARY KEY, name text, active bool);"
                    + "INSERT INTO customers VALUES (1, 'Ada', true), (2, 'Brian', false), (3, 'Cleo', true)");
        }

        // --- from README.md, "Embedding in a Java application" ---
        try (Context python = PythonContextFactory.builder().build()) {
            Value bindings = python.getBindings("python");
            bindings.putMember("dsn", dsn);
            python.eval("python", """
                    import psycopg2
                    conn = psycopg2.connect(dsn)
                    with conn, conn.cursor() as cur:
                        cur.execute("SELECT id, name FROM customers WHERE active = %s ORDER BY id", (True,))
                        customers = cur.fetchall()
                    conn.close()
                    """);
            Value customers = bindings.getMember("customers");
            System.out.println(customers.getArraySize() + " active customers");
            // --- end of the README example ---

            assertEquals(2, customers.getArraySize());
            assertEquals("Ada", customers.getArrayElement(0).getArrayElement(1).asString());
            assertEquals(3, customers.getArrayElement(1).getArrayElement(0).asInt());
        }
    }
}
