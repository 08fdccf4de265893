package io.psycopg2jvm.server;

import java.io.File;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the PostgreSQL command-line programs. PostgreSQL refuses to run as root, so when this JVM
 * is root the server-side programs run as {@code nobody} (through {@code setpriv} or
 * {@code runuser}), and the files they own are handed over to that user first.
 */
final class CommandRunner {

    /** What a finished command left: its exit code and its merged stdout/stderr. */
    record Result(List<String> command, int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }

        String describe() {
            return String.join(" ", command) + " exited with " + exitCode
                    + (output.isBlank() ? "" : ":\n" + output.strip());
        }
    }

    private static final String UNPRIVILEGED_USER = "nobody";

    private final List<String> unprivilegedPrefix;
    private final String user;
    private final String group;

    private CommandRunner(List<String> unprivilegedPrefix, String user, String group) {
        this.unprivilegedPrefix = unprivilegedPrefix;
        this.user = user;
        this.group = group;
    }

    /** A runner for this process: it drops privileges only when this JVM runs as root. */
    static CommandRunner forThisProcess() {
        if (!isRoot()) {
            return new CommandRunner(List.of(), null, null);
        }
        String group = groupExists("nogroup") ? "nogroup" : UNPRIVILEGED_USER;
        Optional<Path> setpriv = Executables.onPath("setpriv");
        if (setpriv.isPresent()) {
            return new CommandRunner(List.of(setpriv.get().toString(), "--reuid=" + UNPRIVILEGED_USER,
                    "--regid=" + group, "--clear-groups", "--"), UNPRIVILEGED_USER, group);
        }
        Optional<Path> runuser = Executables.onPath("runuser");
        if (runuser.isPresent()) {
            return new CommandRunner(List.of(runuser.get().toString(), "-u", UNPRIVILEGED_USER,
                    "-g", group, "--"), UNPRIVILEGED_USER, group);
        }
        throw new IllegalStateException("PostgreSQL cannot run as root and neither setpriv nor runuser"
                + " is on PATH to run it as " + UNPRIVILEGED_USER);
    }

    static boolean isRoot() {
        if ("root".equals(System.getProperty("user.name"))) {
            return true;
        }
        try {
            // /proc/self belongs to the process's effective uid.
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean groupExists(String name) {
        try (Stream<String> lines = Files.lines(Path.of("/etc/group"))) {
            return lines.anyMatch(line -> line.startsWith(name + ":"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether server-side commands run as another (unprivileged) user. */
    boolean dropsPrivileges() {
        return user != null;
    }

    /** Makes a directory tree owned by the user server-side commands run as. */
    void handOver(Path root) throws IOException {
        if (!dropsPrivileges()) {
            return;
        }
        UserPrincipalLookupService lookup = root.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal owner = lookup.lookupPrincipalByName(user);
        GroupPrincipal ownerGroup = lookup.lookupPrincipalByGroupName(group);
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
                view.setOwner(owner);
                view.setGroup(ownerGroup);
            }
        }
    }

    /** Runs a server-side program (initdb, pg_ctl, postgres, openssl) as the unprivileged user. */
    Result runServerSide(List<String> command, Path workDir, Duration timeout, Path stdin) throws IOException {
        List<String> full = new ArrayList<>(unprivilegedPrefix);
        full.addAll(command);
        return run(full, workDir, timeout, stdin, Map.of());
    }

    /** Runs a program (a client such as psql, or tar) as the current user. */
    static Result runAsCurrentUser(List<String> command, Path workDir, Duration timeout,
                                   Map<String, String> env) throws IOException {
        return run(command, workDir, timeout, null, env);
    }

    private static Result run(List<String> command, Path workDir, Duration timeout, Path stdin,
                              Map<String, String> extraEnv) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        // Stray PG* variables (PGDATA, PGOPTIONS, PGSSLMODE...) would change what the tools do.
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        builder.environment().putAll(extraEnv);
        // Output goes to a file: pg_ctl's server may keep an inherited pipe open forever.
        File output = File.createTempFile("psycopg2-jvm-cmd", ".out");
        try {
            builder.redirectErrorStream(true).redirectOutput(output);
            builder.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null"))
                    : ProcessBuilder.Redirect.from(stdin.toFile()));
            Process process = builder.start();
            boolean finished;
            try {
                finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                destroyTree(process);
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while running " + String.join(" ", command), e);
            }
            if (!finished) {
                destroyTree(process);
                String text = readText(output.toPath());
                throw new IOException(String.join(" ", command) + " did not finish within "
                        + timeout.toSeconds() + "s" + (text.isBlank() ? "" : ":\n" + text.strip()));
            }
            return new Result(command, process.exitValue(), readText(output.toPath()));
        } finally {
            Files.deleteIfExists(output.toPath());
        }
    }

    private static String readText(Path file) throws IOException {
        // Lenient decoding: a tool's message in another locale must not hide its exit code.
        return new String(Files.readAllBytes(file), Charset.defaultCharset());
    }

    private static void destroyTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
