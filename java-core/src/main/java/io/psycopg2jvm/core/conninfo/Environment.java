package io.psycopg2jvm.core.conninfo;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where PG* variables come from. Resolution takes the environment as a plain map so that tests
 * and embedders can supply their own; {@link #current()} is the process environment overlaid with
 * JVM system properties {@code psycopg2jvm.env.NAME}, which is how the launcher hands a
 * throwaway server's coordinates (PGHOST, PGPORT...) to java-core without touching the real
 * environment of the JVM.
 */
public final class Environment {
    /** System properties named {@code psycopg2jvm.env.PGHOST} etc. override the variable PGHOST. */
    public static final String PROPERTY_PREFIX = "psycopg2jvm.env.";

    private Environment() {
    }

    /** A snapshot of {@code System.getenv()} overlaid with the {@value #PROPERTY_PREFIX}* properties. */
    public static Map<String, String> current() {
        return merge(System.getenv(), System.getProperties());
    }

    static Map<String, String> merge(Map<String, String> environment, Properties properties) {
        Map<String, String> merged = new HashMap<>(environment);
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(PROPERTY_PREFIX) && name.length() > PROPERTY_PREFIX.length()) {
                merged.put(name.substring(PROPERTY_PREFIX.length()), properties.getProperty(name));
            }
        }
        return Collections.unmodifiableMap(merged);
    }
}
