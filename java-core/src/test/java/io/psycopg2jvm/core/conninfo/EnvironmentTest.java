package io.psycopg2jvm.core.conninfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

    @Test
    void propertiesOverrideAndExtendTheEnvironment() {
        Properties properties = new Properties();
        properties.setProperty("psycopg2jvm.env.PGHOST", "/tmp/throwaway");
        properties.setProperty("psycopg2jvm.env.PGPORT", "54321");
        properties.setProperty("psycopg2jvm.env.", "ignored");
        properties.setProperty("user.name", "not-an-env-var");
        Map<String, String> merged =
                Environment.merge(Map.of("PGHOST", "from-env", "PGUSER", "alice"), properties);
        assertEquals(Map.of("PGHOST", "/tmp/throwaway", "PGPORT", "54321", "PGUSER", "alice"), merged);
    }

    @Test
    void theResultIsReadOnly() {
        Map<String, String> merged = Environment.merge(Map.of(), new Properties());
        assertThrows(UnsupportedOperationException.class, () -> merged.put("PGHOST", "x"));
    }

    @Test
    void currentSeesSystemProperties() {
        String key = Environment.PROPERTY_PREFIX + "PSYCOPG2JVM_TEST_VARIABLE";
        System.setProperty(key, "on");
        try {
            assertEquals("on", Environment.current().get("PSYCOPG2JVM_TEST_VARIABLE"));
        } finally {
            System.clearProperty(key);
        }
        assertFalse(Environment.current().containsKey("PSYCOPG2JVM_TEST_VARIABLE"));
    }

    @Test
    void currentContainsTheProcessEnvironment() {
        System.getenv().forEach((name, value) -> {
            if (System.getProperty(Environment.PROPERTY_PREFIX + name) == null) {
                assertEquals(value, Environment.current().get(name), name);
            }
        });
    }
}
