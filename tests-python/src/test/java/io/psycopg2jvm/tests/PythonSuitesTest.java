package io.psycopg2jvm.tests;

import static org.junit.jupiter.api.Assertions.fail;

import io.psycopg2jvm.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every Python unittest suite in {@code src/test/python} (files {@code test_*.py}) in one
 * {@code bin/pgpython} process and reports each Python test as a JUnit test named by its id,
 * e.g. {@code test_connection.ConnectionTests.test_autocommit}.
 *
 * <p>One process, because a GraalPy start costs seconds. The Python side ({@code _runner.py})
 * writes one JSON line per test to a results file; a process that writes no results at all
 * fails the whole factory with its stderr, and one that dies half-way adds a failing test.
 *
 * <p>System properties: {@code python.tests} (space-separated module/class/test ids, to run a
 * subset), {@code python.suites.timeout} (seconds for the whole process, default 1500),
 * {@code psycopg2jvm.root} (the repository root; found by walking up from user.dir otherwise),
 * {@code python.suites.workdir} (where the results file and the process output go).
 */
class PythonSuitesTest {

    private static final int STDERR_TAIL_LINES = 80;

    @TestFactory
    @DisplayName("python")
    List<DynamicTest> pythonSuites() throws Exception {
        Path root = repositoryRoot();
        Path suites = root.resolve("tests-python/src/test/python");
        Path work = Paths.get(System.getProperty("python.suites.workdir",
                root.resolve("tests-python/target/python-suites").toString()));
        Files.createDirectories(work);
        Path results = work.resolve("results.jsonl");
        Path stdout = work.resolve("stdout.txt");
        Path stderr = work.resolve("stderr.txt");
        Files.deleteIfExists(results);

        List<String> command = new ArrayList<>();
        command.add(root.resolve("bin/pgpython").toString());
        command.add("_runner.py");
        command.add(results.toString());
        String selection = System.getProperty("python.tests", "").trim();
        if (!selection.isEmpty()) {
            command.addAll(Arrays.asList(selection.split("\\s+")));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(suites.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Paths.get("/dev/null").toFile()))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Map<String, String> environment = TestDatabase.get().environment();
        builder.environment().putAll(environment);

        Duration timeout = Duration.ofSeconds(Long.getLong("python.suites.timeout", 1500));
        Process process = builder.start();
        boolean finished = process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        int exitCode = finished ? process.exitValue() : -1;

        List<ResultLine> lines = readResults(results);
        boolean complete = lines.stream().anyMatch(ResultLine::isDone);
        List<DynamicTest> tests = new ArrayList<>();
        for (ResultLine line : lines) {
            if (!line.isDone()) {
                tests.add(DynamicTest.dynamicTest(line.string("id"), () -> report(line)));
            }
        }
        String processReport = describeProcess(command, exitCode, finished, timeout, stdout, stderr);
        if (tests.isEmpty() && !complete) {
            fail("the Python suites produced no results\n" + processReport);
        }
        if (!complete || exitCode != 0) {
            tests.add(DynamicTest.dynamicTest("pgpython process", () -> fail(
                    "the Python suites did not finish cleanly\n" + processReport)));
        }
        return tests;
    }

    private static void report(ResultLine line) {
        String outcome = line.string("outcome");
        String traceback = line.string("traceback");
        switch (outcome) {
            case "pass":
                return;
            case "skip":
                Assumptions.abort(traceback);
                return;
            case "fail":
            case "error":
                fail(outcome + " (" + line.string("duration") + " s)\n" + traceback);
                return;
            default:
                fail("unknown outcome " + outcome + "\n" + traceback);
        }
    }

    private static List<ResultLine> readResults(Path results) throws IOException {
        List<ResultLine> lines = new ArrayList<>();
        if (!Files.exists(results)) {
            return lines;
        }
        for (String text : Files.readAllLines(results, StandardCharsets.UTF_8)) {
            if (text.isBlank()) {
                continue;
            }
            try {
                lines.add(ResultLine.parse(text));
            } catch (IllegalArgumentException e) {
                // the process died while writing: the rest is reported through the exit status
                break;
            }
        }
        return lines;
    }

    private static String describeProcess(List<String> command, int exitCode, boolean finished,
                                          Duration timeout, Path stdout, Path stderr) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("command: ").append(String.join(" ", command)).append('\n');
        text.append(finished ? "exit status: " + exitCode : "killed after " + timeout.toSeconds() + " s")
                .append('\n');
        text.append("stdout: ").append(stdout).append('\n');
        text.append("stderr (").append(stderr).append("), last lines:\n");
        List<String> errLines = Files.exists(stderr)
                ? Files.readAllLines(stderr, StandardCharsets.UTF_8) : List.of();
        int from = Math.max(0, errLines.size() - STDERR_TAIL_LINES);
        for (String line : errLines.subList(from, errLines.size())) {
            text.append("  ").append(line).append('\n');
        }
        return text.toString();
    }

    /** The repository root: the directory holding bin/pgpython. */
    static Path repositoryRoot() {
        String explicit = System.getProperty("psycopg2jvm.root", "");
        if (!explicit.isEmpty() && Files.exists(Paths.get(explicit, "bin", "pgpython"))) {
            return Paths.get(explicit).toAbsolutePath();
        }
        for (Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); dir != null;
                dir = dir.getParent()) {
            if (Files.exists(dir.resolve("bin/pgpython"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no bin/pgpython above " + System.getProperty("user.dir"));
    }
}
