package io.psycopg2jvm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/pgpython} as a user runs it: a separate process per test (a few seconds each),
 * checked against what CPython 3.12 does. Needs the python-shim build outputs ({@code mvn
 * package} or {@code verify} makes them before this module's tests run).
 */
class PgPythonLauncherTest {
    private static final long TIMEOUT_MINUTES = 5;
    private static Path launcher;

    @TempDir
    Path work;

    @BeforeAll
    static void findLauncher() {
        Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isExecutable(dir.resolve("bin/pgpython"))) {
            dir = dir.getParent();
        }
        assumeTrue(dir != null, "bin/pgpython not found above " + System.getProperty("user.dir"));
        launcher = dir.resolve("bin/pgpython");
        Path target = dir.resolve("python-shim/target");
        assumeTrue(Files.isDirectory(target.resolve("modules")) && Files.isDirectory(target.resolve("compiler")),
                "python-shim is not packaged; run mvn package (or verify) so the launcher does not build itself");
    }

    @BeforeEach
    void resolveSymlinks() throws IOException {
        // CPython reports real paths for sys.path[0] and os.getcwd(); compare like with like.
        work = work.toRealPath();
    }

    @Test
    void scriptGetsArgvPathsAndItsExitStatusAndCanRestartTheLauncher() throws Exception {
        Path lib = Files.createDirectories(work.resolve("lib"));
        Files.writeString(lib.resolve("helper_mod.py"), "NAME = 'helper'\n");
        Path script = Files.createDirectories(work.resolve("jobs")).resolve("job.py");
        Files.writeString(script, String.join("\n",
                "import subprocess, sys",
                "import helper_mod",
                "child = subprocess.run([sys.executable, '-c', 'print(6 * 7)'], capture_output=True, text=True)",
                "print('argv', sys.argv)",
                "print('path0', sys.path[0])",
                "print('file', __file__)",
                "print('helper', helper_mod.__file__)",
                "print('executable', sys.executable)",
                "print('child', child.returncode, child.stdout.strip(), child.stderr.strip())",
                "sys.exit(3)",
                ""));

        Run run = pgpython(Map.of("PYTHONPATH", lib.toString()), null, "jobs/job.py", "one", "--two");

        assertEquals(3, run.status, run.toString());
        assertEquals(List.of(
                "argv ['jobs/job.py', 'one', '--two']",
                "path0 " + script.getParent().toRealPath(),
                "file " + script,
                "helper " + lib.resolve("helper_mod.py"),
                "executable " + launcher,
                "child 0 42 "), run.stdoutLines(), run.toString());
        assertEquals("", run.stderr);
    }

    @Test
    void aFailingAtexitCallbackLeavesTheStatusAndStdinScriptsHaveAFile() throws Exception {
        Run run = pgpython(Map.of(), null, "-c", "import atexit\natexit.register(lambda: 1/0)\nprint('done')\n");
        assertEquals(0, run.status, run.toString()); // CPython: "Exception ignored in atexit callback"
        assertEquals(List.of("done"), run.stdoutLines());
        assertTrue(run.stderr.contains("ZeroDivisionError"), run.toString());
        assertFalse(run.stderr.contains("internal error"), run.toString());

        Run stdin = pgpython(Map.of(), "print(__file__)\n", "-");
        assertEquals(0, stdin.status, stdin.toString());
        assertEquals(List.of("<stdin>"), stdin.stdoutLines());
    }

    @Test
    void anUncaughtJavaExceptionIsReportedAsPythonReportsOneAndExitsOne() throws Exception {
        // a script calling Java itself: GraalPy gives such an exception no Python traceback
        String code = "import java\njava.type('java.lang.Integer').parseInt('x')\n";
        Run run = pgpython(Map.of(), null, "-c", code);

        assertEquals(1, run.status, run.toString());
        List<String> lines = run.stderrLines();
        assertEquals("polyglot.ForeignException: java.lang.NumberFormatException: For input string: \"x\"",
                lines.get(lines.size() - 1), run.toString());
        assertFalse(run.stderr.contains("internal error"), run.toString());
    }

    @Test
    void uncaughtExceptionPrintsAPythonTracebackAndExitsOne() throws Exception {
        String code = "import sys\nprint(sys.argv)\ndef fail():\n    raise ValueError('no such table')\nfail()\n";
        Run run = pgpython(Map.of(), null, "-c", code, "x");

        assertEquals(1, run.status, run.toString());
        assertEquals(List.of("['-c', 'x']"), run.stdoutLines());
        List<String> trace = run.stderrLines();
        assertEquals("Traceback (most recent call last):", trace.get(0), run.toString());
        assertEquals("  File \"<string>\", line 5, in <module>", trace.get(1), run.toString());
        assertTrue(run.stderr.contains("  File \"<string>\", line 4, in fail"), run.toString());
        assertEquals("ValueError: no such table", trace.get(trace.size() - 1), run.toString());
        assertFalse(run.stderr.contains("<pgpython>") || run.stderr.contains("at org.graalvm"), run.toString());
    }

    @Test
    void recursionReachesCPythonsDepthOnTheMainThreadAndInThreads() throws Exception {
        // CPython stops at sys.getrecursionlimit() (1000); interpreted GraalPy frames on the
        // JVM's default 1 MB stack stopped at ~150-500
        String code = String.join("\n",
                "import threading",
                "def down(n):",
                "    return down(n - 1) + 1 if n else 0",
                "nested = []",
                "for _ in range(950):",
                "    nested = [nested]",
                "print(down(980), len(repr(nested)))",
                "seen = []",
                "t = threading.Thread(target=lambda: seen.append(down(980)))",
                "t.start(); t.join()",
                "print(seen)",
                "");
        Run run = pgpython(Map.of(), null, "-c", code);
        assertEquals(0, run.status, run.toString());
        assertEquals(List.of("980 1902", "[980]"), run.stdoutLines(), run.toString());
    }

    @Test
    void moduleGetsItsFileAsArgv0AndAStringExitGoesToStderrWithStatusOne() throws Exception {
        Files.writeString(work.resolve("report_tool.py"), String.join("\n",
                "import sys",
                "print(sys.argv)",
                "print(sys.path[0])",
                "sys.exit('report failed: no rows')",
                ""));

        Run run = pgpython(Map.of(), null, "-m", "report_tool", "--verbose");

        assertEquals(1, run.status, run.toString());
        assertEquals(List.of("['" + work.resolve("report_tool.py") + "', '--verbose']", work.toString()),
                run.stdoutLines(), run.toString());
        assertEquals("report failed: no rows\n", run.stderr);
    }

    @Test
    void programOnStdinRunsWithDashAsArgv0() throws Exception {
        Run run = pgpython(Map.of(), "import sys\nprint(sys.argv, repr(sys.path[0]))\nraise SystemExit(None)\n", "-", "a");

        assertEquals(0, run.status, run.toString());
        assertEquals(List.of("['-', 'a'] ''"), run.stdoutLines(), run.toString());
    }

    @Test
    void withPostgresGivesTheScriptAServerThroughPgVariablesAndRemovesItAfterwards() throws Exception {
        String code = String.join("\n",
                "import os, sys, java, psycopg2",
                "print(os.environ['PGHOST'], os.environ['PGUSER'], os.environ['PGDATABASE'])",
                "print(java.type('java.lang.System').getProperty('psycopg2jvm.env.PGPORT') == os.environ['PGPORT'])",
                "conn = psycopg2.connect('')",
                "cur = conn.cursor()",
                "cur.execute('select current_database(), current_setting(%s)', ('data_directory',))",
                "database, data_directory = cur.fetchone()",
                "print(database)",
                "print(data_directory)",
                "conn.close()",
                "sys.exit(5)",
                "");
        Run run = pgpython(Map.of(), null, "--with-postgres", "-c", code);

        assertEquals(5, run.status, run.toString());
        List<String> lines = run.stdoutLines();
        assertEquals(List.of("127.0.0.1 postgres psycopg2_test", "True", "psycopg2_test"), lines.subList(0, 3), run.toString());
        Path dataDirectory = Paths.get(lines.get(3));
        assertTrue(dataDirectory.isAbsolute(), run.toString());
        assertFalse(Files.exists(dataDirectory), "the server's directory is left behind: " + dataDirectory);
    }

    @Test
    void withPostgresRemovesTheServerWhenTheLauncherIsTerminated() throws Exception {
        String code = String.join("\n",
                "import time, psycopg2",
                "conn = psycopg2.connect('')",
                "cur = conn.cursor()",
                "cur.execute('select current_setting(%s)', ('data_directory',))",
                "print(cur.fetchone()[0], flush=True)",
                "time.sleep(600)",
                "");
        Process process = new ProcessBuilder(launcher.toString(), "--with-postgres", "-c", code)
                .directory(work.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String dataDirectory = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)).readLine();
        process.destroy(); // SIGTERM
        assertTrue(process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES), "pgpython ignored SIGTERM");

        assertEquals(128 + 15, process.exitValue()); // Java's way of saying "killed by SIGTERM"
        assertTrue(dataDirectory != null && Paths.get(dataDirectory).isAbsolute(), String.valueOf(dataDirectory));
        assertFalse(Files.exists(Paths.get(dataDirectory)), "the server's directory is left behind: " + dataDirectory);
    }

    @Test
    void signalsAndKeyboardInterruptEndTheProcessAsTheyEndCPython() throws Exception {
        // Only a Python parent tells death by a signal (-15) from the status 128 + 15.
        String code = String.join("\n",
                "import subprocess, sys",
                "children = {",
                "    'keyboard interrupt': 'raise KeyboardInterrupt',",
                "    'sigterm': 'import os, signal, time; os.kill(os.getpid(), signal.SIGTERM); time.sleep(60)',",
                "    'sighup': 'import os, signal, time; os.kill(os.getpid(), signal.SIGHUP); time.sleep(60)',",
                "    'handled sigterm': 'import os, signal, sys, time\\n'",
                "        'signal.signal(signal.SIGTERM, lambda *a: sys.exit(7))\\n'",
                "        'os.kill(os.getpid(), signal.SIGTERM); time.sleep(60)',",
                "    'exit 130': 'raise SystemExit(130)',",
                "}",
                "running = {name: subprocess.Popen([sys.executable, '-c', child], stderr=subprocess.PIPE, text=True)",
                "           for name, child in children.items()}",
                "for name, child in running.items():",
                "    err = child.communicate()[1]",
                "    print(name, child.returncode, err.splitlines()[-1:])",
                "");
        Run run = pgpython(Map.of(), null, "-c", code);

        assertEquals(0, run.status, run.toString());
        assertEquals(List.of(
                "keyboard interrupt -2 ['KeyboardInterrupt']",
                "sigterm -15 []",
                "sighup -1 []",
                "handled sigterm 7 []",
                "exit 130 130 []"), run.stdoutLines(), run.toString());
    }

    @Test
    void filesLeftOpenKeepWhatWasWrittenToThem() throws Exception {
        // GraalPy flushes no file when it collects it or exits; CPython does both.
        String code = String.join("\n",
                "import gc, json, os",
                "def write(path, text):",
                "    open(path, 'w').write(text)",
                "for i in range(1200):  # past the number the launcher keeps open",
                "    write('out/%d.txt' % i, 'row %d' % i)",
                "gc.collect()",
                "json.dump({'rows': 1200}, open('summary.json', 'w'))",
                "print(json.load(open('summary.json')))",
                "log = open('job.log', 'a')",
                "log.write('started\\n')",
                "os.fdopen(os.open('raw.bin', os.O_WRONLY | os.O_CREAT), 'wb').write(b'bytes')",
                "import pickle",
                "class Job:",
                "    opener = open  # a built-in: no method binding",
                "print(Job().opener('job.log').mode, repr(open), pickle.loads(pickle.dumps(open)) is open)",
                "");
        Files.createDirectories(work.resolve("out"));
        Run run = pgpython(Map.of(), null, "-c", code);

        assertEquals(0, run.status, run.toString());
        assertEquals(List.of("{'rows': 1200}", "r <built-in function open> True"), run.stdoutLines(), run.toString());
        for (int i = 0; i < 1200; i++) {
            assertEquals("row " + i, Files.readString(work.resolve("out/" + i + ".txt")), "out/" + i + ".txt");
        }
        assertEquals("started\n", Files.readString(work.resolve("job.log")));
        assertEquals("bytes", Files.readString(work.resolve("raw.bin")));
    }

    @Test
    void optimizeFlagsDropAssertsAndDocstringsInTheProgramAndWhatItImports() throws Exception {
        Path lib = Files.createDirectories(work.resolve("lib"));
        Files.writeString(lib.resolve("checked.py"), String.join("\n",
                "def f():",
                "    'documented'",
                "    try:",
                "        assert False",
                "        return 'assert dropped'",
                "    except AssertionError:",
                "        return 'assert ran'",
                ""));
        String code = "import checked, sys\nassert False, 'main'\nprint(checked.f(), checked.f.__doc__, __debug__)\n";

        Run plain = pgpython(Map.of("PYTHONPATH", lib.toString()), null, "-c", code);
        Run optimized = pgpython(Map.of("PYTHONPATH", lib.toString()), null, "-O", "-c", code);
        Run docstringsToo = pgpython(Map.of("PYTHONPATH", lib.toString(), "PYTHONOPTIMIZE", "2"), null, "-c", code);

        assertEquals(1, plain.status, plain.toString());
        assertTrue(plain.stderr.endsWith("AssertionError: main\n"), plain.toString());
        assertEquals(List.of("assert dropped documented False"), optimized.stdoutLines(), optimized.toString());
        assertEquals(List.of("assert dropped None False"), docstringsToo.stdoutLines(), docstringsToo.toString());
    }

    @Test
    void xOptionsAreInSysAndDevModeShowsWarnings() throws Exception {
        String code = "import sys, warnings\nprint(sys._xoptions)\nprint(warnings.filters[0][:1])\n";
        Run run = pgpython(Map.of(), null, "-X", "dev", "-X", "importtime_not_really=1", "-c", code);

        assertEquals(0, run.status, run.toString());
        assertEquals(List.of("{'dev': True, 'importtime_not_really': '1'}", "('default',)"), run.stdoutLines(), run.toString());
    }

    @Test
    void aNegativeExitStatusIsWhatTheSystemKeepsAndOptimizeLevelsAboveTwoAreTwo() throws Exception {
        Run run = pgpython(Map.of(), null, "-OOO", "-c", "import os\nos._exit(-3)\n");
        assertEquals(253, run.status, run.toString());
        assertEquals("", run.stderr);
    }

    @Test
    void aStreamTheCallerClosedIsNone() throws Exception {
        String code = "import sys\nprint('lost')\nsys.stderr.write('%r %r\\n' % (sys.stdout, sys.__stdout__))\n";
        Process process = new ProcessBuilder("/bin/sh", "-c", "exec \"$0\" -c \"$1\" >&-", launcher.toString(), code)
                .directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES));

        assertEquals(0, process.exitValue(), output);
        assertEquals("None None\n", output);
    }

    @Test
    void theImportMachineryIsLeftToTheInterpreterUnlessTheUserSaysOtherwise() throws Exception {
        // compiled, importlib's functions cost seconds of a core's time each (and were
        // deoptimised and compiled again and again in a loop of fresh imports)
        String code = "import importlib, sys\nfor i in range(600):\n    sys.modules.pop('colorsys', None)\n"
                + "    importlib.import_module('colorsys')\nprint(sys.version)\n";
        String trace = "-Dpolyglot.engine.TraceCompilationDetails=true"; // "opt queued" lines on stderr
        Run ours = pgpython(Map.of("PGPYTHON_JAVA_OPTS", trace), null, "-c", code);
        assertEquals(0, ours.status, ours.toString());
        assumeTrue(ours.stdout.contains("GraalVM"), "Python runs interpreted on this JVM: nothing is compiled");
        assertTrue(ours.stderr.contains("opt queued"), ours.toString());
        assertFalse(ours.stderr.contains("_find_and_load"), ours.toString());

        Run theirs = pgpython(Map.of("PGPYTHON_JAVA_OPTS", trace + " -Dpolyglot.engine.CompileOnly=~colorsys"), null, "-c", code);
        assertEquals(0, theirs.status, theirs.toString());
        assertTrue(theirs.stderr.contains("_find_and_load"), theirs.toString());
    }

    @Test
    void versionIsThePythonLanguageVersion() throws Exception {
        Run run = pgpython(Map.of(), null, "--version");

        assertEquals(0, run.status, run.toString());
        assertTrue(run.stdout.matches("Python 3\\.\\d+\\.\\d+\n"), run.toString());
    }

    private Run pgpython(Map<String, String> env, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("PYTHON"));
        builder.environment().putAll(env);
        Path in = work.resolve("stdin.txt");
        Files.writeString(in, stdin == null ? "" : stdin);
        Path out = Files.createTempFile(work, "stdout", ".txt");
        Path err = Files.createTempFile(work, "stderr", ".txt");
        builder.redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("pgpython " + command + " did not finish in " + TIMEOUT_MINUTES + " minutes");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err), command);
    }

    private static final class Run {
        final int status;
        final String stdout;
        final String stderr;
        final List<String> command;

        Run(int status, String stdout, String stderr, List<String> command) {
            this.status = status;
            this.stdout = stdout;
            this.stderr = stderr;
            this.command = command;
        }

        List<String> stdoutLines() {
            return stdout.isEmpty() ? List.of() : Arrays.asList(stdout.split("\n"));
        }

        List<String> stderrLines() {
            return stderr.isEmpty() ? List.of() : Arrays.asList(stderr.split("\n"));
        }

        @Override
        public String toString() {
            return command + " exited " + status + "\n--- stdout:\n" + stdout + "--- stderr:\n" + stderr;
        }
    }
}
