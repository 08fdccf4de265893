package io.psycopg2jvm.server;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finding programs on PATH. */
final class Executables {

    private Executables() {
    }

    /** The directories on PATH, in order. */
    static List<Path> pathDirectories() {
        List<Path> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path == null) {
            return dirs;
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (entry.isEmpty()) {
                continue;
            }
            try {
                dirs.add(Path.of(entry));
            } catch (InvalidPathException e) {
                // an unusable PATH entry is skipped, as a shell would
            }
        }
        return dirs;
    }

    /** The first executable file with this name on PATH. */
    static Optional<Path> onPath(String name) {
        for (Path dir : pathDirectories()) {
            Path candidate = dir.resolve(name);
            if (isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static boolean isExecutable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }
}
