package io.psycopg2jvm.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.psycopg2jvm.launcher.CommandLine.Mode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CPython's command-line grammar, without starting Python. */
class CommandLineTest {

    @Test
    void scriptArgumentsAfterTheScriptAreNotOptions() throws Exception {
        CommandLine line = CommandLine.parse("-u", "job.py", "-c", "--with-postgres");
        assertEquals(Mode.SCRIPT, line.mode);
        assertEquals("job.py", line.target);
        assertEquals(List.of("job.py", "-c", "--with-postgres"), line.argv);
        assertFalse(line.withPostgres);
        assertEquals("true", line.graalPyOptions(Map.of()).get("python.UnbufferedIO"));
    }

    @Test
    void dashCTakesTheCodeAttachedOrNextAndEndsTheOptions() throws Exception {
        CommandLine next = CommandLine.parse("-c", "print(1)", "-u", "x");
        assertEquals(Mode.COMMAND, next.mode);
        assertEquals("print(1)", next.target);
        assertEquals(List.of("-c", "-u", "x"), next.argv);
        assertFalse(next.graalPyOptions(Map.of()).containsKey("python.UnbufferedIO"));

        CommandLine attached = CommandLine.parse("-Bcpass");
        assertEquals("pass", attached.target);
        assertEquals(List.of("-c"), attached.argv);
        assertEquals("true", attached.graalPyOptions(Map.of()).get("python.DontWriteBytecodeFlag"));
        assertEquals("false", next.graalPyOptions(Map.of()).get("python.DontWriteBytecodeFlag"), "CPython writes them");
    }

    @Test
    void dashMLeavesArgv0ForRunpyToFillIn() throws Exception {
        CommandLine line = CommandLine.parse("--with-postgres", "-m", "pkg.tool", "a");
        assertEquals(Mode.MODULE, line.mode);
        assertEquals("pkg.tool", line.target);
        assertEquals(List.of("-m", "a"), line.argv);
        assertTrue(line.withPostgres);
    }

    @Test
    void stdinIsTheProgramWithoutArgumentsOrWithADash() throws Exception {
        assertEquals(Mode.STDIN, CommandLine.parse().mode);
        assertEquals(List.of(""), CommandLine.parse().argv);
        CommandLine dash = CommandLine.parse("-", "a");
        assertEquals(Mode.STDIN, dash.mode);
        assertEquals(List.of("-", "a"), dash.argv);
        assertEquals(List.of("--x"), CommandLine.parse("--", "--x").argv);
    }

    @Test
    void pythonPathAndVariablesAreReadUnlessIgnored() throws Exception {
        Map<String, String> env = Map.of("PYTHONPATH", "/a::/b", "PYTHONUNBUFFERED", "0",
                "PYTHONDONTWRITEBYTECODE", "yes", "PYTHONWARNINGS", "ignore");
        CommandLine plain = CommandLine.parse("-W", "error", "x.py");
        assertEquals(List.of("/a", "/b"), plain.pythonPath(env));
        Map<String, String> options = plain.graalPyOptions(env);
        assertFalse(options.containsKey("python.UnbufferedIO"), "PYTHONUNBUFFERED=0 is off, as in CPython");
        assertEquals("true", options.get("python.DontWriteBytecodeFlag"));
        assertEquals("ignore,error", options.get("python.WarnOptions"));

        for (String flag : List.of("-E", "-I")) {
            CommandLine ignoring = CommandLine.parse(flag, "x.py");
            assertEquals(List.of(), ignoring.pythonPath(env), flag);
            // the variable is ignored: bytecode caches are written, CPython's default
            assertEquals("false", ignoring.graalPyOptions(env).get("python.DontWriteBytecodeFlag"), flag);
        }
        assertEquals("true", CommandLine.parse("-I", "x.py").graalPyOptions(env).get("python.SafePathFlag"));
    }

    @Test
    void xOptionsAreKeptInOrderAndDevModeAddsTheDefaultWarningFilterFirst() throws Exception {
        CommandLine line = CommandLine.parse("-X", "dev", "-Xfoo=bar", "-W", "error", "x.py");
        assertEquals(List.of("dev", "foo=bar"), line.xOptions);
        assertEquals("default,error", line.graalPyOptions(Map.of()).get("python.WarnOptions"));
        assertTrue(CommandLine.parse("x.py").devMode(Map.of("PYTHONDEVMODE", "1")));
        assertFalse(CommandLine.parse("-E", "x.py").devMode(Map.of("PYTHONDEVMODE", "1")));
        assertFalse(CommandLine.parse("x.py").graalPyOptions(Map.of()).containsKey("python.WarnOptions"));
    }

    @Test
    void optimizeLevelIsTheLargerOfTheDashOCountAndPythonOptimize() throws Exception {
        assertEquals(0, CommandLine.parse("x.py").optimizeLevel(Map.of()));
        assertEquals(2, CommandLine.parse("-OO", "x.py").optimizeLevel(Map.of("PYTHONOPTIMIZE", "1")));
        assertEquals(2, CommandLine.parse("-O", "x.py").optimizeLevel(Map.of("PYTHONOPTIMIZE", "2")));
        assertEquals(1, CommandLine.parse("x.py").optimizeLevel(Map.of("PYTHONOPTIMIZE", "yes")));
        assertEquals(0, CommandLine.parse("-E", "x.py").optimizeLevel(Map.of("PYTHONOPTIMIZE", "2")));
        assertEquals("true", CommandLine.parse("-O", "x.py").graalPyOptions(Map.of()).get("python.PythonOptimizeFlag"));
    }

    @Test
    void siteIsImportedUnlessDashS() throws Exception {
        assertEquals("true", CommandLine.parse("x.py").graalPyOptions(Map.of()).get("python.ForceImportSite"));
        assertEquals("false", CommandLine.parse("-S", "x.py").graalPyOptions(Map.of()).get("python.ForceImportSite"));
    }

    @Test
    void versionAndHelpWinOverTheProgram() throws Exception {
        assertEquals(Mode.VERSION, CommandLine.parse("-V", "x.py").mode);
        assertEquals(2, CommandLine.parse("-VV").versionLevel);
        assertEquals(Mode.HELP, CommandLine.parse("--help").mode);
    }

    @Test
    void badCommandLinesGetCPythonsMessagesAndStatusTwo() {
        assertEquals("Unknown option: -z",
                assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("-z")).getMessage());
        assertEquals("Argument expected for the -c option",
                assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("-c")).getMessage());
        assertEquals("unknown option --frobnicate",
                assertThrows(CommandLine.UsageException.class, () -> CommandLine.parse("--frobnicate")).getMessage());

        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, PgPython.run(new String[] {"-z"}));
        } finally {
            System.setErr(stderr);
        }
        assertTrue(captured.toString(StandardCharsets.UTF_8).startsWith("Unknown option: -z\nusage: pgpython [option] ..."),
                captured.toString(StandardCharsets.UTF_8));
    }
}
