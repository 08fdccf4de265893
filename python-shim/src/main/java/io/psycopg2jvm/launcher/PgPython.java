package io.psycopg2jvm.launcher;

import io.psycopg2jvm.graalpy.PythonContextFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;

/**
 * {@code pgpython}: the {@code python} command, on GraalPy, with psycopg2 importable.
 *
 * <pre>
 * pgpython [option] ... [-c cmd | -m mod | file | -] [arg] ...
 * pgpython --with-postgres script.py     # with a throwaway PostgreSQL in PG* variables
 * </pre>
 *
 * <p>Behaves as CPython 3.12 does: {@code sys.argv} and {@code sys.path[0]} per mode, the
 * {@code PYTHONPATH} entries next on the path (after the psycopg2 directory), the exit status
 * from {@code SystemExit} (None: 0, an int: itself, anything else printed to stderr: 1), a
 * traceback on stderr and status 1 for an uncaught exception (death by SIGINT for KeyboardInterrupt,
 * by SIGTERM or SIGHUP for those signals unless the program handles them), status
 * 2 for a script that cannot be opened or a bad command line. The flags {@code -B -E -I -O -P -q
 * -s -S -u -v -W -X} map to GraalPy's equivalents, {@code -i} and {@code -x} are honoured,
 * {@code -b -d -R} accepted and ignored.
 *
 * <p>Normally started by {@code bin/pgpython}, which passes:
 * <ul>
 *   <li>{@value #EXECUTABLE_PROPERTY}: the absolute path of {@code bin/pgpython}, which becomes
 *       {@code sys.executable} so that {@code subprocess.run([sys.executable, ...])} works;</li>
 *   <li>{@value #PROGRAM_NAME_PROPERTY}: the command as the user typed it, for error messages;</li>
 *   <li>{@value #CLOSED_STREAMS_PROPERTY}: which of stdin, stdout and stderr the caller closed.</li>
 * </ul>
 *
 * <p>The Python half of the launcher is {@code pgpython_main.py} next to this class; it runs in
 * a private module, so {@code __main__} holds nothing but the program's names.
 */
public final class PgPython {
    /** System property: the value of {@code sys.executable}. */
    public static final String EXECUTABLE_PROPERTY = "psycopg2jvm.executable";
    /** System property: the launcher's name in error messages, default {@code pgpython}. */
    public static final String PROGRAM_NAME_PROPERTY = "psycopg2jvm.programName";
    /** System property: the standard streams the caller closed ({@code stdin,stdout,}), which become None. */
    public static final String CLOSED_STREAMS_PROPERTY = "psycopg2jvm.closedStreams";

    private static final String BOOTSTRAP_RESOURCE = "pgpython_main.py";
    /** Must match {@code _THIS_FILE} in the bootstrap: its frames are cut from tracebacks. */
    private static final String BOOTSTRAP_FILENAME = "<pgpython>";

    private PgPython() {
    }

    public static void main(String[] args) {
        int status = run(args);
        SignalDeath.awaitDeathIfDying();
        System.out.flush();
        System.err.flush();
        if (status < 0) {
            SignalDeath.die(SignalDeath.name(-status), 128 - status);
        }
        // Also ends threads the program left behind, as CPython's exit does.
        System.exit(status);
    }

    /** Runs one command line; returns the exit status, or minus the signal the process must die by. */
    static int run(String[] args) {
        String programName = System.getProperty(PROGRAM_NAME_PROPERTY, "pgpython");
        CommandLine commandLine;
        try {
            commandLine = CommandLine.parse(args);
        } catch (CommandLine.UsageException e) {
            System.err.println(e.getMessage());
            System.err.println(String.format(CommandLine.USAGE, programName));
            System.err.println("Try `pgpython -h' for more information.");
            return 2;
        }
        switch (commandLine.mode) {
            case HELP:
                System.out.print(help(programName));
                return 0;
            case VERSION:
                System.out.println(version(commandLine.versionLevel));
                return 0;
            default:
                return runProgram(commandLine, programName, System.getenv());
        }
    }

    private static int runProgram(CommandLine commandLine, String programName, Map<String, String> env) {
        ScriptPostgres postgres = commandLine.withPostgres ? ScriptPostgres.start() : null;
        try {
            PythonContextFactory.Builder builder = PythonContextFactory.builder()
                    .arguments(commandLine.argv.toArray(new String[0]))
                    .pythonPath(commandLine.pythonPath(env));
            String executable = System.getProperty(EXECUTABLE_PROPERTY);
            if (executable != null && !executable.isEmpty()) {
                builder.executable(executable);
            }
            commandLine.graalPyOptions(env).forEach(builder::option);
            Context context = builder.build();
            SignalDeath.onTerminationSignals(() -> {
                closeQuietly(context); // the program stops before its server goes
                if (postgres != null) {
                    postgres.close();
                }
            });
            try {
                Value bootstrap = loadBootstrap(context);
                String[] exports = new String[0];
                if (postgres != null) {
                    exports = flatten(postgres.awaitEnvironment());
                }
                Value status = bootstrap.getMember("run").execute(commandLine.mode.name().toLowerCase(Locale.ROOT),
                        commandLine.target, programName, exports, commandLine.inspect(env), commandLine.skipFirstLine,
                        commandLine.optimizeLevel(env), System.getProperty(CLOSED_STREAMS_PROPERTY, ""),
                        commandLine.xOptions.toArray(new String[0]), commandLine.devMode(env));
                return status.asInt();
            } catch (PolyglotException e) {
                SignalDeath.awaitDeathIfDying(); // cancelled by a termination signal's cleanup
                if (e.isExit()) {
                    // os._exit() or an exit from a thread the bootstrap does not watch; what the
                    // operating system keeps of it (never negative: that means a signal here)
                    return e.getExitStatus() & 0xFF;
                }
                System.err.println(programName + ": internal error: " + e.getMessage());
                if (e.isInternalError() || e.isHostException()) {
                    e.printStackTrace();
                }
                return 1;
            } finally {
                closeQuietly(context);
            }
        } catch (IllegalStateException | UncheckedIOException e) {
            // the throwaway server did not start, or psycopg2 could not be put on the path
            System.err.println(programName + ": " + e.getMessage());
            return 1;
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    /** The bootstrap module, in a module of its own so that {@code __main__} stays clean. */
    private static Value loadBootstrap(Context context) {
        String source;
        try (InputStream in = PgPython.class.getResourceAsStream(BOOTSTRAP_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + BOOTSTRAP_RESOURCE + " missing from the python-shim jar");
            }
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Value module = context.eval(PythonContextFactory.PYTHON, "__import__('types').ModuleType('_pgpython_main')");
        Value code = context.eval(PythonContextFactory.PYTHON, "compile").execute(source, BOOTSTRAP_FILENAME, "exec");
        context.eval(PythonContextFactory.PYTHON, "exec").execute(code, module.getMember("__dict__"));
        return module;
    }

    private static String[] flatten(Map<String, String> variables) {
        String[] flat = new String[variables.size() * 2];
        int i = 0;
        for (Map.Entry<String, String> variable : variables.entrySet()) {
            flat[i++] = variable.getKey();
            flat[i++] = variable.getValue();
        }
        return flat;
    }

    private static void closeQuietly(Context context) {
        try {
            // The bootstrap has already run atexit and joined non-daemon threads; daemon threads
            // still running are cancelled, as CPython abandons them at exit.
            context.close(true);
        } catch (RuntimeException e) {
            // the status is already decided; a failing teardown must not change it
        }
    }

    private static String version(int level) {
        try (Engine engine = PythonContextFactory.newEngine()) {
            String python = "Python " + engine.getLanguages().get(PythonContextFactory.PYTHON).getVersion();
            if (level < 2) {
                return python;
            }
            return python + " (psycopg2-jvm on GraalPy " + engine.getImplementationName() + ", Java "
                    + System.getProperty("java.vm.version") + " " + System.getProperty("java.vm.name") + ")";
        }
    }

    private static String help(String programName) {
        return String.format(CommandLine.USAGE, programName) + "\n"
                + "Options (a subset of CPython's; see `python -h`):\n"
                + "-c cmd : program passed in as string (terminates option list)\n"
                + "-m mod : run library module as a script (terminates option list)\n"
                + "file   : program read from script file (or a directory/zip with __main__.py)\n"
                + "-      : program read from stdin (default; interactive mode if a tty)\n"
                + "arg ...: arguments passed to program in sys.argv[1:]\n"
                + "-B     : don't write .pyc files on import\n"
                + "-E     : ignore PYTHON* environment variables (such as PYTHONPATH)\n"
                + "-i     : inspect interactively after running script\n"
                + "-I     : isolate Python from the user's environment (implies -E, -P and -s)\n"
                + "-O     : remove assert and __debug__-dependent statements\n"
                + "-OO    : do -O changes and also discard docstrings\n"
                + "-P     : don't prepend a potentially unsafe path to sys.path\n"
                + "-q     : don't print version and copyright messages on interactive startup\n"
                + "-s     : don't add user site directory to sys.path\n"
                + "-S     : don't imply 'import site' on initialization\n"
                + "-u     : force the stdout and stderr streams to be unbuffered\n"
                + "-v     : verbose (trace import statements)\n"
                + "-V     : print the Python version number and exit (also --version; -VV for more)\n"
                + "-W arg : warning control\n"
                + "-x     : skip first line of source\n"
                + "-X opt : set sys._xoptions; int_max_str_digits=N, warn_default_encoding, pycache_prefix=PATH\n"
                + "         and dev (warnings, faulthandler) take effect\n"
                + "-b, -d, -R : accepted and ignored\n"
                + "\n"
                + "pgpython options:\n"
                + "--with-postgres : start a throwaway PostgreSQL first, export PGHOST, PGPORT,\n"
                + "                  PGUSER and PGDATABASE for it, and remove it afterwards\n"
                + "\n"
                + "Environment: PYTHONPATH, PYTHONUNBUFFERED, PYTHONDONTWRITEBYTECODE, PYTHONWARNINGS,\n"
                + "PYTHONIOENCODING, PYTHONHASHSEED, PYTHONSAFEPATH, PYTHONNOUSERSITE, PYTHONOPTIMIZE,\n"
                + "PYTHONVERBOSE, PYTHONINSPECT, PYTHONPYCACHEPREFIX, PYTHONINTMAXSTRDIGITS as in CPython;\n"
                + "PGPYTHON_JAVA_HOME, PGPYTHON_JAVA_OPTS and PGPYTHON_JIT are read by bin/pgpython.\n";
    }
}
