package io.psycopg2jvm.graalpy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Copies a Python package shipped as class-path resources (in a jar or a classes directory) to
 * a directory GraalPy can import from: {@code <cache>/<content hash>/<package>/}.
 *
 * <p>The directory name is a hash of the package's files, so a rebuilt jar gets a fresh
 * directory, an unchanged one is reused (with the {@code __pycache__} GraalPy wrote there on an
 * earlier run), and concurrent processes never see a half-written package: each extracts to a
 * private temporary directory and renames it into place. The cache root is
 * {@code $XDG_CACHE_HOME/psycopg2-jvm/python} (default {@code ~/.cache/psycopg2-jvm/python}), or
 * {@code psycopg2-jvm-python-<user>} under {@code java.io.tmpdir} when the home cache is not writable;
 * the system property {@value #CACHE_DIR_PROPERTY} overrides both.
 *
 * <p>The hash directory holds only the package, so putting it first on {@code sys.path} shadows
 * nothing but that package.
 */
final class PythonPackageCache {
    /** System property naming the cache root explicitly. */
    static final String CACHE_DIR_PROPERTY = "psycopg2jvm.pythonCache";

    private static final String COMPLETE_MARKER = ".complete";

    private PythonPackageCache() {
    }

    /**
     * Returns the directory to put on the Python path so that {@code import <packageName>} finds
     * the package shipped under {@code /<packageName>/} on the class path of {@code loader}.
     */
    static Path pathEntryFor(String packageName, ClassLoader loader) {
        Map<String, byte[]> files = readPackage(packageName, loader);
        String hash = contentHash(files);
        IOException homeFailure = null;
        for (Path root : cacheRoots()) {
            try {
                return materialize(root.resolve(hash), packageName, files);
            } catch (IOException e) {
                if (homeFailure == null) {
                    homeFailure = e;
                } else {
                    homeFailure.addSuppressed(e);
                }
            }
        }
        throw new UncheckedIOException("cannot extract Python package " + packageName, homeFailure);
    }

    private static Iterable<Path> cacheRoots() {
        String explicit = System.getProperty(CACHE_DIR_PROPERTY);
        if (explicit != null && !explicit.isEmpty()) {
            return List.of(Paths.get(explicit));
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path userCache = xdg != null && !xdg.isEmpty()
                ? Paths.get(xdg)
                : Paths.get(System.getProperty("user.home"), ".cache");
        return List.of(
                userCache.resolve("psycopg2-jvm").resolve("python"),
                Paths.get(System.getProperty("java.io.tmpdir"), "psycopg2-jvm-python-" + System.getProperty("user.name")));
    }

    /** Relative path (with the package name as first segment) to content, sorted by path. */
    private static Map<String, byte[]> readPackage(String packageName, ClassLoader loader) {
        String anchor = packageName + "/__init__.py";
        URL url = loader.getResource(anchor);
        if (url == null) {
            throw new IllegalStateException("Python package " + packageName
                    + " not found on the class path (no resource " + anchor + ")");
        }
        try {
            switch (url.getProtocol()) {
                case "jar":
                    return readFromJar((JarURLConnection) url.openConnection(), packageName);
                case "file":
                    Path packageDir = Paths.get(url.toURI()).getParent();
                    return readFromDirectory(packageDir, packageName);
                default:
                    throw new IllegalStateException("cannot list Python package " + packageName
                            + " inside " + url + ": only jar files and directories are supported");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Python package " + packageName + " from " + url, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, byte[]> readFromJar(JarURLConnection connection, String packageName)
            throws IOException {
        connection.setUseCaches(false);
        Map<String, byte[]> files = new TreeMap<>();
        String prefix = packageName + "/";
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(prefix) && isPackageFile(entry.getName())) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        files.put(entry.getName(), in.readAllBytes());
                    }
                }
            }
        }
        return files;
    }

    private static Map<String, byte[]> readFromDirectory(Path packageDir, String packageName)
            throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(packageDir)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String relative = packageName + "/"
                        + packageDir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                if (isPackageFile(relative)) {
                    files.put(relative, Files.readAllBytes(file));
                }
            }
        }
        return files;
    }

    /** Compiled bytecode from a developer's run in the source tree is not part of the package. */
    private static boolean isPackageFile(String relativePath) {
        return !relativePath.contains("/__pycache__/") && !relativePath.endsWith(".pyc");
    }

    private static String contentHash(Map<String, byte[]> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                byte[] name = file.getKey().getBytes(StandardCharsets.UTF_8);
                digest.update(name);
                digest.update((byte) 0);
                digest.update(Long.toString(file.getValue().length).getBytes(StandardCharsets.US_ASCII));
                digest.update((byte) 0);
                digest.update(file.getValue());
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path materialize(Path target, String packageName, Map<String, byte[]> files)
            throws IOException {
        if (Files.isRegularFile(target.resolve(COMPLETE_MARKER))
                && Files.isRegularFile(target.resolve(packageName).resolve("__init__.py"))) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path staging = Files.createTempDirectory(target.getParent(), target.getFileName() + ".tmp");
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path out = staging.resolve(file.getKey());
                Files.createDirectories(out.getParent());
                Files.write(out, file.getValue());
            }
            Files.createFile(staging.resolve(COMPLETE_MARKER));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
                // Another process won the race (or left an incomplete directory behind).
                if (!Files.isRegularFile(target.resolve(COMPLETE_MARKER))) {
                    throw new IOException("incomplete package cache directory " + target
                            + " is in the way; delete it", e);
                }
            }
            return target;
        } finally {
            deleteRecursively(staging);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
