package io.psycopg2jvm.core.conninfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A libpq password file ({@code ~/.pgpass}): lines {@code hostname:port:database:username:password},
 * {@code *} matching any value in the first four fields, {@code \} escaping the next character,
 * {@code #} starting a comment line. The first matching line wins.
 */
final class PassFile {
    private static final Set<PosixFilePermission> GROUP_OR_WORLD = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final List<String[]> entries;

    private PassFile(List<String[]> entries) {
        this.entries = entries;
    }

    /**
     * Reads {@code file}. As libpq, a missing file means no passwords, and a file that is not a
     * plain file or that others may read is ignored with a warning.
     */
    static PassFile load(Path file, Consumer<String> warnings) {
        if (!Files.exists(file)) {
            return new PassFile(List.of());
        }
        if (!Files.isRegularFile(file)) {
            warnings.accept("WARNING: password file \"" + file + "\" is not a plain file");
            return new PassFile(List.of());
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(GROUP_OR_WORLD::contains)) {
                warnings.accept("WARNING: password file \"" + file
                        + "\" has group or world access; permissions should be u=rw (0600) or less");
                return new PassFile(List.of());
            }
        } catch (UnsupportedOperationException notPosix) {
            // No permission bits to check (libpq does not check on Windows either).
        } catch (IOException e) {
            return new PassFile(List.of());
        }
        try {
            return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new PassFile(List.of());
        }
    }

    static PassFile parse(String content) {
        List<String[]> entries = new ArrayList<>();
        for (String line : content.split("\n", -1)) {
            line = stripLineEnd(line);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = fields(line);
            if (fields != null) {
                entries.add(fields);
            }
        }
        return new PassFile(entries);
    }

    /**
     * The password of the first line matching these connection values, or null. A matching line
     * with an empty password ends the search too: libpq then has no password.
     *
     * @param host the host as given, or the hostaddr when the host is empty; libpq's "localhost"
     *     stands for no host and for the default Unix socket directory
     * @param port the port as given (compared as text), or "5432"
     */
    String find(String host, String port, String dbname, String user) {
        if (host == null || host.isEmpty() || host.equals(LocalDefaults.DEFAULT_SOCKET_DIRECTORY)) {
            host = LocalDefaults.DEFAULT_HOST;
        }
        String[] wanted = {host, port, dbname, user};
        for (String[] entry : entries) {
            if (matches(entry, wanted)) {
                return entry[4].isEmpty() ? null : entry[4];
            }
        }
        return null;
    }

    private static boolean matches(String[] entry, String[] wanted) {
        for (int i = 0; i < wanted.length; i++) {
            // A field is a wildcard only when it is an unescaped lone '*' (marked as null).
            if (entry[i] != null && !entry[i].equals(wanted[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * The five fields of a line, unescaped, with null for a {@code *} wildcard in the first four;
     * null for a line with fewer than five fields. Text after an unescaped colon following the
     * password is ignored.
     */
    private static String[] fields(String line) {
        String[] fields = new String[5];
        StringBuilder field = new StringBuilder();
        boolean escapedAnything = false;
        int n = 0;
        for (int i = 0; i <= line.length(); i++) {
            char c = i < line.length() ? line.charAt(i) : ':';
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
                escapedAnything = true;
            } else if (c == ':') {
                boolean wildcard = n < 4 && !escapedAnything && field.toString().equals("*");
                fields[n++] = wildcard ? null : field.toString();
                if (n == 5) {
                    return fields;
                }
                field.setLength(0);
                escapedAnything = false;
            } else if (c != '\\') {
                field.append(c);
            }
        }
        return null;
    }

    private static String stripLineEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == '\n')) {
            end--;
        }
        return line.substring(0, end);
    }
}
