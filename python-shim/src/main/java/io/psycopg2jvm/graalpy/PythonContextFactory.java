package io.psycopg2jvm.graalpy;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;

/**
 * The one place that knows how to make a GraalPy {@link Context} in which {@code import psycopg2}
 * works, for the {@code pgpython} launcher and for Java applications that embed Python.
 *
 * <pre>{@code
 * try (Context python = PythonContextFactory.builder().arguments("report.py", "--since", "monday").build()) {
 *     python.eval("python", "import psycopg2; print(psycopg2.__version__)");
 * }
 * }</pre>
 *
 * <p>What every context gets:
 * <ul>
 *   <li>The {@code psycopg2} package, shipped as resources under {@code /psycopg2/} in the
 *       python-shim jar, copied once to a cache directory keyed by its content hash (see
 *       {@link #psycopg2PathEntry()}) and put first on {@code sys.path} via
 *       {@code python.PythonPath}, followed by the entries given to {@link Builder#pythonPath}.</li>
 *   <li>All access a CPython program has: host access and class lookup (psycopg2 calls java-core
 *       through {@code java.type(...)}), file system, native access, processes, threads and the
 *       inherited environment. A psycopg2 script is a trusted program, not a sandboxed guest.</li>
 *   <li>{@code python.PosixModuleBackend=native}: {@code os}, {@code select} and {@code socket}
 *       use real file descriptors, so {@code select.select([conn], [], [])} works on the
 *       descriptor of the connection's socket and child processes inherit the real process
 *       environment. Consequence: Python's standard streams are file descriptors 0, 1 and 2 of
 *       the JVM; {@code Context.Builder.out()} would be bypassed and is not offered. GraalPy's
 *       warning about exactly that is dropped; other guest log records go to {@code System.err}.</li>
 *   <li>{@code PYTHONTZPATH} set to CPython's time zone directories when the environment has
 *       none, so that {@code zoneinfo} finds the system's zones (GraalPy's build names none).</li>
 *   <li>Bytecode caches ({@code __pycache__}) written as CPython writes them, so that later
 *       starts do not compile psycopg2 and the standard modules again (GraalPy's embedded
 *       default is not to write them); {@code option("python.DontWriteBytecodeFlag", "true")}
 *       turns that off.</li>
 *   <li>No "interpreter only" warning on JVMs without the Graal JIT (JDK 17, or JDK 21+ without
 *       the compiler on the upgrade module path): Python still runs, only slower.</li>
 *   <li>Lists sized as CPython sizes them ({@code python.OverallocateLiteralLists=false}):
 *       GraalPy's default gives every list a {@code []} makes the size of the largest list made
 *       there before, which after one large array fetched made each small one hold as much.</li>
 *   <li>With the JIT, importlib's import machinery left to the interpreter: compiling it cost
 *       seconds of background CPU per process for code that is hot only at start-up (see
 *       {@link #engineOptions}).</li>
 * </ul>
 *
 * <p>Start-up: the first context of a JVM costs about 3 to 4 seconds (the Python core is
 * initialised); later contexts on the same {@link Engine} cost a fraction of that because
 * parsed core modules are shared. Applications that create several contexts should build one
 * engine with {@link #newEngine()} and pass it to {@link Builder#engine(Engine)}.
 *
 * <p>Speed: Python is JIT-compiled only on JDK 21+ with GraalPy on the module path and the
 * Graal compiler replacing the JDK's: {@code -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI
 * --upgrade-module-path=<compiler, truffle-compiler, word, collections jars>
 * --module-path=<python-shim/target/modules/*.jar> --add-modules org.graalvm.polyglot}, this
 * factory's own jars staying on the class path ({@code bin/pgpython} shows the whole command).
 * Anywhere else it is interpreted. {@code PgSession.fileno()} additionally needs
 * {@code --add-opens java.base/sun.nio.ch=ALL-UNNAMED}.
 *
 * <p>Recursion: interpreted Python frames sit on the Java thread's stack, several KB each; on
 * the JVM's default 1 MB stack recursion stops at about 150 levels, where CPython reaches its
 * limit of 1000. Give the JVM {@code -Xss16m} (as {@code bin/pgpython} does), or evaluate on a
 * thread made with a 16 MB stack.
 *
 * <p>Thread safety: the factory is stateless apart from the once-extracted package directory;
 * builders are not thread-safe, the contexts they build follow GraalPy's rules (one thread at a
 * time per context unless Python threads are used).
 */
public final class PythonContextFactory {
    /** The GraalPy language id. */
    public static final String PYTHON = "python";

    private static final String BUNDLED_PACKAGE = "psycopg2";
    private static final String COMPILE_ONLY = "engine.CompileOnly";
    private static volatile Path psycopg2PathEntry;

    private PythonContextFactory() {
    }

    /** A builder for one context; see the class comment for what every context gets. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An engine to share between contexts built by this factory, configured as those contexts
     * expect (no interpreter-only warning, guest log records filtered to {@code System.err}).
     * Close it after the last context that uses it.
     */
    public static Engine newEngine() {
        try {
            return engineBuilder(true).build();
        } catch (IllegalArgumentException e) {
            return engineBuilder(false).build(); // see engineOptions
        }
    }

    private static Engine.Builder engineBuilder(boolean compilerOptions) {
        Engine.Builder engine = Engine.newBuilder(PYTHON).logHandler(new GuestLogHandler(System.err));
        engineOptions(compilerOptions).forEach(engine::option);
        return engine;
    }

    /**
     * The engine options of every context. With the JIT, Python's import machinery is left to
     * the interpreter (names containing these, as the option matches them): it runs hot only while
     * a program starts, and compiling it took 7 of the 12 CPU seconds that a benchmark process
     * spent compiling, in the background on a core the program or the database wanted (Graal
     * itself runs C1-compiled, see bin/pgpython). {@code -Dpolyglot.engine.CompileOnly=...}
     * overrides. The option exists only with the optimizing runtime, told here by the boot layer
     * holding JVMCI and the Graal compiler; {@code compilerOptions=false} leaves it out should a
     * build still refuse it.
     */
    static Map<String, String> engineOptions(boolean compilerOptions) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("engine.WarnInterpreterOnly", "false");
        if (compilerOptions && System.getProperty("polyglot." + COMPILE_ONLY) == null
                && ModuleLayer.boot().findModule("jdk.internal.vm.ci").isPresent()
                && ModuleLayer.boot().findModule("jdk.graal.compiler").isPresent()) {
            options.put(COMPILE_ONLY, "~_find_and_load,~find_spec,~_handle_fromlist");
        }
        return options;
    }

    /**
     * The directory holding the extracted {@code psycopg2} package, which every context has
     * first on its Python path: {@code ~/.cache/psycopg2-jvm/python/<hash>} (see
     * {@link PythonPackageCache} for the fallbacks). Extracted once per JVM.
     *
     * @throws IllegalStateException if the package is not on the class path
     */
    public static Path psycopg2PathEntry() {
        Path entry = psycopg2PathEntry;
        if (entry == null) {
            synchronized (PythonContextFactory.class) {
                entry = psycopg2PathEntry;
                if (entry == null) {
                    entry = PythonPackageCache.pathEntryFor(BUNDLED_PACKAGE, PythonContextFactory.class.getClassLoader());
                    psycopg2PathEntry = entry;
                }
            }
        }
        return entry;
    }

    /** Collects what differs between contexts: argv, environment, executable, paths, engine. */
    public static final class Builder {
        private static final String TZPATH_VARIABLE = "PYTHONTZPATH";
        private static final String CPYTHON_TZPATH =
                "/usr/share/zoneinfo:/usr/lib/zoneinfo:/usr/share/lib/zoneinfo:/etc/zoneinfo";

        private String[] arguments;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private String executable;
        private final List<String> pythonPath = new ArrayList<>();
        private final Map<String, String> options = new LinkedHashMap<>();
        private Engine engine;

        private Builder() {
        }

        /**
         * {@code sys.argv}, verbatim: {@code argv[0]} is the script name as CPython would set it
         * ({@code "-c"}, the script path, ...), and as in CPython its directory becomes
         * {@code sys.path[0]} ({@code ''}, the working directory, for a bare file name).
         * Default, as for CPython embedded in an application: {@code sys.argv == ['']} and
         * nothing prepended to {@code sys.path} ({@code sys.flags.safe_path} is set).
         */
        public Builder arguments(String... argv) {
            this.arguments = argv.clone();
            return this;
        }

        /**
         * Variables added to (or replacing) the inherited process environment, as
         * {@code os.environ} shows it. They are not exported to the JVM process itself, so a
         * child process started with the default {@code env=None} does not see them unless the
         * script assigns them to {@code os.environ} (which, as in CPython, calls putenv).
         */
        public Builder environment(Map<String, String> variables) {
            this.environment.putAll(variables);
            return this;
        }

        /**
         * {@code sys.executable} (and {@code sys._base_executable}): a command that starts
         * this Python again, such as the absolute path of {@code bin/pgpython}, so that
         * {@code subprocess.run([sys.executable, ...])} works.
         */
        public Builder executable(String path) {
            this.executable = Objects.requireNonNull(path, "path");
            return this;
        }

        /** Directories (or zip files) put on {@code sys.path} after the psycopg2 directory, in order. */
        public Builder pythonPath(List<String> entries) {
            for (String entry : entries) {
                this.pythonPath.add(Objects.requireNonNull(entry, "entry"));
            }
            return this;
        }

        /**
         * Shares {@code engine} (from {@link #newEngine()}) with other contexts: their core
         * modules are parsed once, which makes every context after the first start much faster.
         */
        public Builder engine(Engine engine) {
            this.engine = Objects.requireNonNull(engine, "engine");
            return this;
        }

        /**
         * Sets a GraalPy language option such as {@code python.UnbufferedIO} or
         * {@code python.ForceImportSite}; the launcher maps CPython's command-line flags to these.
         * Options this factory sets itself ({@code python.PythonPath}, {@code python.Executable},
         * {@code python.PosixModuleBackend}) are overridden by the value given here.
         */
        public Builder option(String key, String value) {
            this.options.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Builds the context; the caller closes it. */
        public Context build() {
            try {
                return contextBuilder(true).build();
            } catch (IllegalArgumentException e) {
                if (engine != null || !engineOptions(true).containsKey(COMPILE_ONLY)) {
                    throw e;
                }
                return contextBuilder(false).build(); // see engineOptions
            }
        }

        private Context.Builder contextBuilder(boolean compilerOptions) {
            Map<String, String> env = new LinkedHashMap<>(environment);
            if (!env.containsKey(TZPATH_VARIABLE) && System.getenv(TZPATH_VARIABLE) == null) {
                // GraalPy's build names no time zone directories, so zoneinfo found no zone at
                // all; CPython's on Linux and macOS looks in these
                env.put(TZPATH_VARIABLE, CPYTHON_TZPATH);
            }
            Context.Builder context = Context.newBuilder(PYTHON)
                    .allowAllAccess(true)
                    .arguments(PYTHON, arguments != null ? arguments : new String[] {""})
                    .environment(env)
                    .option("python.PosixModuleBackend", "native")
                    // bytecode caches, as CPython writes them: without, every start recompiles
                    // psycopg2 and the standard modules it imports (seconds on GraalPy)
                    .option("python.DontWriteBytecodeFlag", "false")
                    // GraalPy pre-sizes each list a [] or comprehension makes by the largest one
                    // that same place has made: after one 100k-item array was fetched, every
                    // small array value held 100k slots (GBs, then MemoryError); CPython's lists
                    // grow as they fill, and so do these without it
                    .option("python.OverallocateLiteralLists", "false")
                    .option("python.PythonPath", joinPath());
            if (arguments == null) {
                // GraalPy would otherwise put '' (the working directory) first on sys.path.
                context.option("python.SafePathFlag", "true");
            }
            if (executable != null) {
                context.option("python.Executable", executable)
                        .option("python.BaseExecutable", executable);
            }
            if (engine != null) {
                context.engine(engine);
            } else {
                context.logHandler(new GuestLogHandler(System.err));
                engineOptions(compilerOptions).forEach(context::option);
            }
            options.forEach(context::option);
            return context;
        }

        private String joinPath() {
            List<String> entries = new ArrayList<>();
            entries.add(psycopg2PathEntry().toString());
            entries.addAll(pythonPath);
            return String.join(File.pathSeparator, entries);
        }
    }
}
