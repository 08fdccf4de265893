package io.psycopg2jvm.graalpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction of a Python package from class-path resources; no Python involved. */
class PythonPackageCacheTest {
    @TempDir
    Path temp;
    private Path cache;
    private String previousCacheDir;

    @BeforeEach
    void privateCacheRoot() {
        cache = temp.resolve("cache");
        previousCacheDir = System.getProperty(PythonPackageCache.CACHE_DIR_PROPERTY);
        System.setProperty(PythonPackageCache.CACHE_DIR_PROPERTY, cache.toString());
    }

    @AfterEach
    void restoreCacheRoot() {
        if (previousCacheDir == null) {
            System.clearProperty(PythonPackageCache.CACHE_DIR_PROPERTY);
        } else {
            System.setProperty(PythonPackageCache.CACHE_DIR_PROPERTY, previousCacheDir);
        }
    }

    @Test
    void jarAndDirectoryWithTheSameFilesShareOneExtractedCopy() throws IOException {
        Map<String, String> files = Map.of("pkgx/__init__.py", "from pkgx.sub import x\n", "pkgx/sub.py", "x = 1\n");
        Path fromJar = PythonPackageCache.pathEntryFor("pkgx", loaderFor(jar("a.jar", files)));
        Path fromDir = PythonPackageCache.pathEntryFor("pkgx", loaderFor(directory("classes", files)));

        assertEquals(fromJar, fromDir);
        assertEquals(cache, fromJar.getParent());
        assertEquals("x = 1\n", Files.readString(fromJar.resolve("pkgx/sub.py")));
        try (var entries = Files.list(fromJar)) {
            assertEquals(1, entries.filter(Files::isDirectory).count(), "only the package next to the marker");
        }
    }

    @Test
    void changedContentGetsItsOwnDirectoryAndCompiledFilesAreIgnored() throws IOException {
        Path first = PythonPackageCache.pathEntryFor("pkgx",
                loaderFor(directory("v1", Map.of("pkgx/__init__.py", "VERSION = 1\n"))));
        Path second = PythonPackageCache.pathEntryFor("pkgx", loaderFor(directory("v2", Map.of(
                "pkgx/__init__.py", "VERSION = 2\n",
                "pkgx/__pycache__/__init__.graalpy250-312.pyc", "stale"))));

        assertNotEquals(first, second);
        assertEquals("VERSION = 1\n", Files.readString(first.resolve("pkgx/__init__.py")));
        assertFalse(Files.exists(second.resolve("pkgx/__pycache__")));
    }

    @Test
    void missingPackageIsReportedByName() throws IOException {
        URLClassLoader empty = loaderFor(directory("empty", Map.of("other/__init__.py", "")));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PythonPackageCache.pathEntryFor("pkgx", empty));
        assertTrue(e.getMessage().contains("pkgx/__init__.py"), e.getMessage());
    }

    private Path jar(String name, Map<String, String> files) throws IOException {
        Path jar = temp.resolve(name);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                zip.putNextEntry(new JarEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return jar;
    }

    private Path directory(String name, Map<String, String> files) throws IOException {
        Path root = temp.resolve(name);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return root;
    }

    private static URLClassLoader loaderFor(Path jarOrDirectory) throws IOException {
        // No parent: the test's own class path must not supply the package.
        return new URLClassLoader(new URL[] {jarOrDirectory.toUri().toURL()}, null);
    }
}
