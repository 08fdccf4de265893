package io.psycopg2jvm.core;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.psycopg2jvm.core.conninfo.ConnInfo;
import io.psycopg2jvm.core.session.PgSession;
import io.psycopg2jvm.testsupport.TestDatabase;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connection strings for the java-core tests: the shared test server's, as the superuser or a
 * test role, with keywords overridden through java-core's own make_dsn (so URIs work too).
 */
final class ServerDsn {
    private ServerDsn() {
    }

    static TestDatabase db() {
        return TestDatabase.get();
    }

    static String superuser() {
        return db().dsn();
    }

    /** The DSN of a test role (pg_md5, pg_scram...); skips the test when the server has none. */
    static String role(String role) {
        assumeTrue(db().authUsersAvailable(), "the test server has no authentication test roles");
        return db().dsnFor(role);
    }

    /** {@code dsn} with keywords set (pairs of keyword, value; a null value removes it). */
    static String with(String dsn, String... keywordValues) {
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 0; i < keywordValues.length; i += 2) {
            overrides.put(keywordValues[i], keywordValues[i + 1]);
        }
        Map<String, String> params = new LinkedHashMap<>(ConnInfo.parse(dsn).parameters());
        params.putAll(overrides);
        params.values().removeIf(v -> v == null);
        return ConnInfo.make("", params);
    }

    static PgSession open() {
        return PgSession.open(superuser());
    }
}
