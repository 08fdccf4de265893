package io.psycopg2jvm.core.conninfo;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the defaults depend on besides PG* variables: the OS user, the home directory (for
 * ~/.pgpass and ~/.pg_service.conf), whether the Unix socket directory exists, the directory
 * of the system-wide service file, and the encoding of the process's locale (what
 * client_encoding=auto stands for: the locale the process started with, as libpq reads it). A
 * separate value so that tests can pin them.
 */
record LocalDefaults(String osUser, Path home, boolean socketDirectoryExists, Path sysconfdir, String localeEncoding) {
    /** The socket directory of Debian's and Ubuntu's libpq; also what .pgpass calls localhost. */
    static final String DEFAULT_SOCKET_DIRECTORY = "/var/run/postgresql";
    static final String DEFAULT_HOST = "localhost";
    static final int DEFAULT_PORT = 5432;
    /** Where Debian's libpq looks for pg_service.conf unless PGSYSCONFDIR says otherwise. */
    static final Path DEFAULT_SYSCONFDIR = Path.of("/etc/postgresql-common");

    static LocalDefaults system() {
        return new LocalDefaults(System.getProperty("user.name"), Path.of(System.getProperty("user.home")),
                Files.isDirectory(Path.of(DEFAULT_SOCKET_DIRECTORY)), DEFAULT_SYSCONFDIR,
                LocaleEncoding.of(System.getenv()));
    }

    /**
     * The host used when none is given: the Unix socket directory if there is one, else
     * localhost. java-core speaks TCP only for now, but a socket path is kept as it is so that the
     * caller can say why it cannot connect.
     */
    String defaultHost() {
        return socketDirectoryExists ? DEFAULT_SOCKET_DIRECTORY : DEFAULT_HOST;
    }
}
