package io.psycopg2jvm.graalpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contexts from {@link PythonContextFactory}. Python's stdout is the JVM's descriptor 1 (native
 * POSIX backend), which surefire reads, so these tests return values instead of printing.
 */
class PythonContextFactoryTest {
    private static final String PYTHON = PythonContextFactory.PYTHON;
    private static Engine engine;

    @BeforeAll
    static void shareOneEngine() {
        engine = PythonContextFactory.newEngine();
    }

    @AfterAll
    static void closeEngine() {
        engine.close();
    }

    @Test
    void moduleOnTheGivenPythonPathImportsRightAfterThePsycopg2Directory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("factory_probe.py"), "ANSWER = 6 * 7\n");
        try (Context python = PythonContextFactory.builder().engine(engine).pythonPath(List.of(dir.toString())).build()) {
            assertEquals(42, python.eval(PYTHON, "import factory_probe; factory_probe.ANSWER").asInt());
            Value path = python.eval(PYTHON, "import sys; sys.path");
            List<String> entries = path.as(List.class);
            // Without arguments(): CPython's embedded defaults, nothing in front of psycopg2.
            assertEquals(0, entries.indexOf(PythonContextFactory.psycopg2PathEntry().toString()), "sys.path = " + entries);
            assertEquals(1, entries.indexOf(dir.toString()), "sys.path = " + entries);
            assertEquals(List.of(""), python.eval(PYTHON, "sys.argv").as(List.class));
        }
    }

    @Test
    void zoneinfoFindsTheSystemsZones() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/share/zoneinfo")),
                "no system time zone database here");
        try (Context python = PythonContextFactory.builder().engine(engine).build()) {
            assertEquals("-1 day, 20:00:00", python.eval(PYTHON, "import datetime, zoneinfo\n"
                    + "str(datetime.datetime(2024, 7, 1, 12, tzinfo=zoneinfo.ZoneInfo('America/New_York')).utcoffset())")
                    .asString());
        }
    }

    @Test
    void psycopg2ImportsFromTheExtractedPackageInAStandaloneContext() {
        try (Context python = PythonContextFactory.builder().build()) {
            String file = python.eval(PYTHON, "import psycopg2; psycopg2.__file__").asString();
            assertEquals(PythonContextFactory.psycopg2PathEntry().resolve("psycopg2").resolve("__init__.py").toString(), file);
        }
    }

    @Test
    void argumentsEnvironmentAndExecutableReachPython() {
        try (Context python = PythonContextFactory.builder().engine(engine)
                .arguments("/srv/jobs/nightly.py", "--since", "monday")
                .environment(Map.of("PSYCOPG2JVM_FACTORY_TEST", "yes"))
                .executable("/opt/psycopg2-jvm/bin/pgpython")
                .build()) {
            Value seen = python.eval(PYTHON,
                    "import os, sys; [sys.argv, os.environ.get('PSYCOPG2JVM_FACTORY_TEST'), sys.executable]");
            assertEquals(List.of("/srv/jobs/nightly.py", "--since", "monday"), seen.getArrayElement(0).as(List.class));
            assertEquals("yes", seen.getArrayElement(1).asString());
            assertEquals("/opt/psycopg2-jvm/bin/pgpython", seen.getArrayElement(2).asString());
        }
    }

    @Test
    void pythonReachesJavaClassesAndRealFileDescriptors() {
        try (Context python = PythonContextFactory.builder().engine(engine).build()) {
            assertEquals(Integer.MAX_VALUE, python.eval(PYTHON, "import java; java.type('java.lang.Integer').MAX_VALUE").asInt());
            // The native POSIX backend: a pipe is a pair of real descriptors select() understands.
            Value ready = python.eval(PYTHON, "import os, select\n"
                    + "r, w = os.pipe()\n"
                    + "os.write(w, b'x')\n"
                    + "ready = select.select([r], [], [], 5)[0] == [r]\n"
                    + "os.close(r); os.close(w)\n"
                    + "ready");
            assertTrue(ready.asBoolean());
        }
    }
}
