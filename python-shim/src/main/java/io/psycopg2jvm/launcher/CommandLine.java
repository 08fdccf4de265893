package io.psycopg2jvm.launcher;

import java.io.File;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pgpython command line, parsed as CPython 3.12 parses
 * {@code python [option] ... [-c cmd | -m mod | file | -] [arg] ...}, plus the launcher's own
 * {@code --with-postgres}. Also maps the flags and the {@code PYTHON*} environment variables
 * (unless {@code -E}/{@code -I}) to GraalPy options.
 */
final class CommandLine {
    /** What the command line asks for. */
    enum Mode {
        /** Run a file, directory or zip file; {@link #target} is its path. */
        SCRIPT,
        /** {@code -c}: {@link #target} is the code. */
        COMMAND,
        /** {@code -m}: {@link #target} is the module name. */
        MODULE,
        /** No program argument, or {@code -}: the program is read from stdin (a REPL on a terminal). */
        STDIN,
        /** {@code -V}, {@code --version}. */
        VERSION,
        /** {@code -h}, {@code -?}, {@code --help}. */
        HELP
    }

    /** CPython's usage line, for {@code String.format} with the program name. */
    static final String USAGE = "usage: %s [option] ... [-c cmd | -m mod | file | -] [arg] ...";

    final Mode mode;
    /** The script path, the code for {@code -c} or the module name for {@code -m}; null otherwise. */
    final String target;
    /** {@code sys.argv} as CPython sets it before the program runs. */
    final List<String> argv;
    /** 1 for {@code -V}, 2 for {@code -VV}. */
    final int versionLevel;
    final boolean withPostgres;
    final boolean inspect;
    final boolean skipFirstLine;
    /** How many {@code -O} were given. */
    private final int optimizeCount;
    /** CPython flags given on the command line that GraalPy has options for, as GraalPy options. */
    private final Map<String, String> flagOptions;
    private final boolean ignoreEnvironment;
    private final boolean noSite;
    private final List<String> warnOptions;
    /** The {@code -X} options as given, for {@code sys._xoptions}. */
    final List<String> xOptions;

    private CommandLine(Parser p) {
        this.mode = p.mode;
        this.target = p.target;
        this.argv = List.copyOf(p.argv);
        this.versionLevel = p.versionLevel;
        this.withPostgres = p.withPostgres;
        this.inspect = p.inspect;
        this.skipFirstLine = p.skipFirstLine;
        this.optimizeCount = p.optimizeCount;
        this.flagOptions = Map.copyOf(p.flagOptions);
        this.ignoreEnvironment = p.ignoreEnvironment;
        this.noSite = p.noSite;
        this.warnOptions = List.copyOf(p.warnOptions);
        this.xOptions = List.copyOf(p.xOptions);
    }

    /** Thrown for a command line CPython would reject; the message is CPython's. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static CommandLine parse(String... args) throws UsageException {
        Parser p = new Parser();
        p.parse(args);
        return new CommandLine(p);
    }

    /**
     * The GraalPy options for the flags and, unless {@code -E} or {@code -I}, the
     * {@code PYTHON*} variables of {@code env} (command-line flags win, as in CPython).
     */
    Map<String, String> graalPyOptions(Map<String, String> env) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("python.ForceImportSite", Boolean.toString(!noSite));
        options.put("python.InstallSignalHandlers", "true");
        // CPython writes bytecode caches unless told not to (-B, PYTHONDONTWRITEBYTECODE)
        options.put("python.DontWriteBytecodeFlag", "false");
        List<String> warnings = new ArrayList<>();
        if (!ignoreEnvironment) {
            environmentFlag(env, "PYTHONUNBUFFERED", options, "python.UnbufferedIO");
            environmentFlag(env, "PYTHONDONTWRITEBYTECODE", options, "python.DontWriteBytecodeFlag");
            environmentFlag(env, "PYTHONNOUSERSITE", options, "python.NoUserSiteFlag");
            environmentFlag(env, "PYTHONSAFEPATH", options, "python.SafePathFlag");
            environmentFlag(env, "PYTHONOPTIMIZE", options, "python.PythonOptimizeFlag");
            environmentFlag(env, "PYTHONVERBOSE", options, "python.VerboseFlag");
            environmentFlag(env, "PYTHONWARNDEFAULTENCODING", options, "python.WarnDefaultEncodingFlag");
            environmentValue(env, "PYTHONIOENCODING", options, "python.StandardStreamEncoding");
            environmentValue(env, "PYTHONHASHSEED", options, "python.HashSeed");
            environmentValue(env, "PYTHONPYCACHEPREFIX", options, "python.PyCachePrefix");
            environmentValue(env, "PYTHONINTMAXSTRDIGITS", options, "python.IntMaxStrDigits");
            String fromEnv = env.get("PYTHONWARNINGS");
            if (fromEnv != null && !fromEnv.isEmpty()) {
                warnings.add(fromEnv);
            }
        }
        warnings.addAll(warnOptions);
        if (devMode(env)) {
            warnings.add(0, "default"); // CPython's development mode shows every warning once a place, -W still wins
        }
        if (!warnings.isEmpty()) {
            options.put("python.WarnOptions", String.join(",", warnings));
        }
        if ("random".equals(options.get("python.HashSeed"))) {
            options.remove("python.HashSeed");
        }
        options.putAll(flagOptions);
        return options;
    }

    /** The {@code PYTHONPATH} entries, or none under {@code -E}/{@code -I}. */
    List<String> pythonPath(Map<String, String> env) {
        String value = ignoreEnvironment ? null : env.get("PYTHONPATH");
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        List<String> entries = new ArrayList<>();
        for (String entry : value.split(File.pathSeparator, -1)) {
            if (!entry.isEmpty()) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** Whether {@code PYTHONINSPECT} asks for the REPL after the program (CPython honours it too). */
    boolean inspect(Map<String, String> env) {
        return inspect || (!ignoreEnvironment && !env.getOrDefault("PYTHONINSPECT", "").isEmpty());
    }

    /** {@code -X dev} or {@code PYTHONDEVMODE}: CPython's development mode. */
    boolean devMode(Map<String, String> env) {
        return xOptions.contains("dev") || (!ignoreEnvironment && !env.getOrDefault("PYTHONDEVMODE", "").isEmpty());
    }

    /**
     * CPython's optimization level: 1 drops asserts, 2 docstrings too. The larger of the {@code -O}
     * count and {@code PYTHONOPTIMIZE}; GraalPy's own flag only says whether it is above 0.
     */
    int optimizeLevel(Map<String, String> env) {
        String value = ignoreEnvironment ? null : env.get("PYTHONOPTIMIZE");
        int fromEnv = 0;
        if (value != null && !value.isEmpty()) {
            try {
                fromEnv = Math.max(0, Integer.parseInt(value.trim()));
            } catch (NumberFormatException e) {
                fromEnv = 1;
            }
        }
        return Math.max(optimizeCount, fromEnv);
    }

    /** CPython's rule for flag variables: a number greater than 0, or any other non-empty value. */
    private static void environmentFlag(Map<String, String> env, String name, Map<String, String> options, String option) {
        String value = env.get(name);
        if (value == null || value.isEmpty()) {
            return;
        }
        boolean on;
        try {
            on = Integer.parseInt(value.trim()) > 0;
        } catch (NumberFormatException e) {
            on = true;
        }
        if (on) {
            options.put(option, "true");
        }
    }

    private static void environmentValue(Map<String, String> env, String name, Map<String, String> options, String option) {
        String value = env.get(name);
        if (value != null && !value.isEmpty()) {
            options.put(option, value);
        }
    }

    private static final class Parser {
        Mode mode = Mode.STDIN;
        String target;
        final List<String> argv = new ArrayList<>();
        int versionLevel;
        boolean withPostgres;
        boolean inspect;
        boolean skipFirstLine;
        int optimizeCount;
        boolean ignoreEnvironment;
        boolean noSite;
        final Map<String, String> flagOptions = new LinkedHashMap<>();
        final List<String> warnOptions = new ArrayList<>();
        final List<String> xOptions = new ArrayList<>();
        private boolean help;

        void parse(String[] args) throws UsageException {
            int i = 0;
            while (i < args.length) {
                String arg = args[i];
                if (arg.equals("--")) {
                    i++;
                    break;
                }
                if (!arg.startsWith("-") || arg.equals("-")) {
                    break;
                }
                if (arg.startsWith("--")) {
                    i = longOption(args, i);
                } else {
                    i = shortOptions(args, i);
                }
                if (mode == Mode.COMMAND || mode == Mode.MODULE) {
                    argv.add(mode == Mode.COMMAND ? "-c" : "-m");
                    argv.addAll(Arrays.asList(args).subList(i, args.length));
                    return;
                }
            }
            if (help) {
                mode = Mode.HELP;
            } else if (versionLevel > 0) {
                mode = Mode.VERSION;
            } else if (i < args.length && !args[i].equals("-")) {
                mode = Mode.SCRIPT;
                target = args[i];
                argv.addAll(Arrays.asList(args).subList(i, args.length));
            } else {
                mode = Mode.STDIN;
                if (i < args.length) {
                    argv.addAll(Arrays.asList(args).subList(i, args.length));
                } else {
                    argv.add("");
                }
            }
        }

        /** Returns the index of the next argument. */
        private int longOption(String[] args, int i) throws UsageException {
            String arg = args[i];
            switch (arg) {
                case "--version":
                    versionLevel++;
                    return i + 1;
                case "--help":
                case "--help-env":
                case "--help-xoptions":
                case "--help-all":
                    help = true;
                    return i + 1;
                case "--with-postgres":
                    withPostgres = true;
                    return i + 1;
                case "--check-hash-based-pycs":
                    if (i + 1 >= args.length) {
                        throw new UsageException("Argument expected for the --check-hash-based-pycs option");
                    }
                    flagOptions.put("python.CheckHashPycsMode", args[i + 1]);
                    return i + 2;
                default:
                    throw new UsageException("unknown option " + arg);
            }
        }

        /** A cluster such as {@code -uB}, {@code -c code}, {@code -ccode} or {@code -Wignore}. */
        private int shortOptions(String[] args, int i) throws UsageException {
            String arg = args[i];
            for (int k = 1; k < arg.length(); k++) {
                char c = arg.charAt(k);
                switch (c) {
                    case 'c':
                    case 'm':
                    case 'W':
                    case 'X': {
                        String value;
                        int next = i + 1;
                        if (k + 1 < arg.length()) {
                            value = arg.substring(k + 1);
                        } else if (next < args.length) {
                            value = args[next];
                            next++;
                        } else {
                            throw new UsageException("Argument expected for the -" + c + " option");
                        }
                        if (c == 'c') {
                            mode = Mode.COMMAND;
                            target = value;
                        } else if (c == 'm') {
                            mode = Mode.MODULE;
                            target = value;
                        } else if (c == 'W') {
                            warnOptions.add(value);
                        } else {
                            xOption(value);
                        }
                        return next;
                    }
                    case 'B':
                        flagOptions.put("python.DontWriteBytecodeFlag", "true");
                        break;
                    case 'E':
                        ignoreEnvironment = true;
                        flagOptions.put("python.IgnoreEnvironmentFlag", "true");
                        break;
                    case 'I':
                        ignoreEnvironment = true;
                        flagOptions.put("python.IsolateFlag", "true");
                        flagOptions.put("python.IgnoreEnvironmentFlag", "true");
                        flagOptions.put("python.NoUserSiteFlag", "true");
                        flagOptions.put("python.SafePathFlag", "true");
                        break;
                    case 'P':
                        flagOptions.put("python.SafePathFlag", "true");
                        break;
                    case 's':
                        flagOptions.put("python.NoUserSiteFlag", "true");
                        break;
                    case 'S':
                        noSite = true;
                        flagOptions.put("python.NoSiteFlag", "true");
                        break;
                    case 'u':
                        flagOptions.put("python.UnbufferedIO", "true");
                        break;
                    case 'O':
                        optimizeCount++;
                        flagOptions.put("python.PythonOptimizeFlag", "true");
                        break;
                    case 'q':
                        flagOptions.put("python.QuietFlag", "true");
                        break;
                    case 'v':
                        flagOptions.put("python.VerboseFlag", "true");
                        break;
                    case 'i':
                        inspect = true;
                        break;
                    case 'x':
                        skipFirstLine = true;
                        break;
                    case 'V':
                        versionLevel++;
                        break;
                    case 'h':
                    case '?':
                        help = true;
                        break;
                    case 'b':
                    case 'd':
                    case 'R':
                        // -b (bytes warnings), -d (parser debug), -R (hash randomisation, the default): no GraalPy equivalent.
                        break;
                    default:
                        throw new UsageException("Unknown option: -" + c);
                }
            }
            return i + 1;
        }

        private void xOption(String value) {
            xOptions.add(value);
            if (value.startsWith("int_max_str_digits=")) {
                flagOptions.put("python.IntMaxStrDigits", value.substring("int_max_str_digits=".length()));
            } else if (value.equals("warn_default_encoding")) {
                flagOptions.put("python.WarnDefaultEncodingFlag", "true");
            } else if (value.startsWith("pycache_prefix=")) {
                flagOptions.put("python.PyCachePrefix", value.substring("pycache_prefix=".length()));
            }
            // dev is read by devMode(); the others (utf8, importtime, ...) have no GraalPy equivalent:
            // they only show in sys._xoptions.
        }
    }
}
