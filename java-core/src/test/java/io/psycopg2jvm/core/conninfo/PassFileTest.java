package io.psycopg2jvm.core.conninfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Password file rules. The matching details (escapes, a colon ending the password, comments only
 * in column one, a first match with an empty password, port compared as text, permissions) were
 * checked against libpq 15 with a password-authenticated live server.
 */
class PassFileTest {
    @TempDir
    Path home;

    private static final String PASSWORD_LINE = "127.0.0.1:55439:postgres:pw:se\\:c\\\\ret";

    private static String find(String content, String host, String port, String dbname, String user) {
        return PassFile.parse(content).find(host, port, dbname, user);
    }

    private static String find127(String content) {
        return find(content, "127.0.0.1", "55439", "postgres", "pw");
    }

    @Test
    void escapedColonAndBackslashInThePassword() {
        assertEquals("se:c\\ret", find127(PASSWORD_LINE + "\n"));
    }

    @Test
    void lastLineNeedsNoNewlineAndCarriageReturnsAreDropped() {
        assertEquals("se:c\\ret", find127(PASSWORD_LINE));
        assertEquals("se:c\\ret", find127(PASSWORD_LINE + "\r\n"));
    }

    @Test
    void anUnescapedColonEndsThePassword() {
        assertEquals("se", find127("127.0.0.1:55439:postgres:pw:se:c\n"));
    }

    @Test
    void aBackslashEscapesAnyCharacter() {
        assertEquals("se:cret", find127("127.0.0.1:55439:postgres:pw:se\\:c\\ret\n"));
        assertEquals("x", find127("127.0.0.1:55439:postgres:\\pw:x\n"));
    }

    @Test
    void starMatchesAnythingButOnlyAsAWholeField() {
        assertEquals("x", find127("*:*:*:*:x\n"));
        assertEquals("x", find127("127.0.0.1:55439:*:*:x\n"));
        assertNull(find127("127.0.0.1:55439:post*:pw:x\n"));
        assertNull(find127("127.0.0.1:55439:\\*:pw:x\n"));
        assertEquals("x", find("h:1:\\*:u:x\n", "h", "1", "*", "u"));
    }

    @Test
    void commentsStartInColumnOne() {
        assertNull(find127("#" + PASSWORD_LINE + "\n"));
        assertEquals("se:c\\ret", find127(" #x\n" + PASSWORD_LINE + "\n"));
        assertNull(find127(" " + PASSWORD_LINE + "\n"));
    }

    @Test
    void firstMatchingLineWins() {
        assertEquals("first", find127("x:55439:postgres:pw:bad\n127.0.0.1:55439:postgres:pw:first\n*:*:*:*:second\n"));
    }

    @Test
    void linesWithFewerThanFiveFieldsAreSkipped() {
        assertEquals("x", find127("127.0.0.1:55439:postgres:pw\n127.0.0.1:55439:postgres:pw:x\n"));
    }

    @Test
    void aMatchWithAnEmptyPasswordMeansNoPassword() {
        assertNull(find127("127.0.0.1:55439:postgres:pw:\n127.0.0.1:55439:postgres:pw:x\n"));
    }

    @Test
    void valuesAreComparedExactly() {
        assertNull(find127("127.0.0.1:055439:postgres:pw:x\n"));
        assertNull(find127("127.0.0.1:55439:postgres:PW:x\n"));
        assertNull(find127("localhost:55439:postgres:pw:x\n"));
    }

    @Test
    void localhostStandsForNoHostAndForTheDefaultSocketDirectory() {
        String line = "localhost:5432:d:u:x\n";
        assertEquals("x", find(line, "", "5432", "d", "u"));
        assertEquals("x", find(line, null, "5432", "d", "u"));
        assertEquals("x", find(line, "/var/run/postgresql", "5432", "d", "u"));
        assertNull(find(line, "/tmp", "5432", "d", "u"));
        assertEquals("y", find("/tmp:5432:d:u:y\n", "/tmp", "5432", "d", "u"));
    }

    // Through resolve(): which host and port text are looked up, and when the file is read.

    private Path passfile(String content, String permissions) throws IOException {
        Path file = home.resolve("pgpass");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    private ConnSettings resolve(String dsn, Map<String, String> environment) {
        return new ConnSettingsResolver(environment, new LocalDefaults("osuser", home, false, home, "SQL_ASCII"))
                .resolve(ConnInfo.parse(dsn));
    }

    @Test
    void passwordComesFromTheFileWhenNoneIsGiven() throws IOException {
        Path file = passfile(PASSWORD_LINE + "\n", "rw-------");
        ConnSettings s = resolve("host=127.0.0.1 port=55439 dbname=postgres user=pw passfile=" + file, Map.of());
        assertNull(s.password());
        assertEquals("se:c\\ret", s.passwordFor(0));
        assertTrue(s.endpoints().get(0).passwordFromPassfile());
        assertEquals("se:c\\ret", s.endpoints().get(0).password());
    }

    @Test
    void defaultFileIsPgpassInTheHomeDirectory() throws IOException {
        Files.writeString(home.resolve(".pgpass"), "*:*:*:*:fromhome\n");
        Files.setPosixFilePermissions(home.resolve(".pgpass"), PosixFilePermissions.fromString("rw-------"));
        assertEquals("fromhome", resolve("", Map.of()).passwordFor(0));
    }

    @Test
    void pgpassfileNamesTheFile() throws IOException {
        Path file = passfile("*:*:*:*:fromenv\n", "r--------");
        assertEquals("fromenv", resolve("", Map.of("PGPASSFILE", file.toString())).passwordFor(0));
    }

    @Test
    void eachHostGetsItsOwnPassword() throws IOException {
        Path file = passfile("a:5432:*:*:pa\nb:6000:*:*:pb\n", "rw-------");
        ConnSettings s = resolve("host=a,b,c port=,6000,1 passfile=" + file, Map.of());
        assertEquals("pa", s.passwordFor(0));
        assertEquals("pb", s.passwordFor(1));
        assertNull(s.passwordFor(2));
        assertFalse(s.endpoints().get(2).passwordFromPassfile());
    }

    @Test
    void portIsLookedUpAsWritten() throws IOException {
        Path file = passfile("h:055439:*:*:x\n", "rw-------");
        assertEquals("x", resolve("host=h port=055439 passfile=" + file, Map.of()).passwordFor(0));
        assertNull(resolve("host=h port=55439 passfile=" + file, Map.of()).passwordFor(0));
    }

    @Test
    void hostaddrIsLookedUpWhenNoHostIsGiven() throws IOException {
        Path file = passfile("127.0.0.1:5432:*:*:byaddr\nlocalhost:5432:*:*:bylocalhost\n", "rw-------");
        assertEquals("byaddr", resolve("hostaddr=127.0.0.1 passfile=" + file, Map.of()).passwordFor(0));
        assertEquals("bylocalhost",
                resolve("host=localhost hostaddr=127.0.0.1 passfile=" + file, Map.of()).passwordFor(0));
    }

    @Test
    void userAndDatabaseAreTheResolvedOnes() throws IOException {
        Path file = passfile("localhost:5432:osuser:osuser:defaults\nlocalhost:5432:shop:alice:alice\n", "rw-------");
        assertEquals("defaults", resolve("passfile=" + file, Map.of()).passwordFor(0));
        assertEquals("alice",
                resolve("passfile=" + file, Map.of("PGUSER", "alice", "PGDATABASE", "shop")).passwordFor(0));
    }

    @Test
    void aGivenPasswordEvenEmptyMeansTheFileIsNotRead() throws IOException {
        Path file = passfile("*:*:*:*:fromfile\n", "rw-------");
        assertEquals("", resolve("password='' passfile=" + file, Map.of()).passwordFor(0));
        assertEquals("env", resolve("passfile=" + file, Map.of("PGPASSWORD", "env")).passwordFor(0));
    }

    @Test
    void aFileOthersCanReadIsIgnoredWithLibpqsWarning() throws IOException {
        for (String permissions : List.of("rw-r--r--", "rw-r-----", "rw------x")) {
            Path file = passfile("*:*:*:*:x\n", permissions);
            ConnSettings s = resolve("passfile=" + file, Map.of());
            assertNull(s.passwordFor(0), permissions);
            assertEquals(List.of("WARNING: password file \"" + file
                    + "\" has group or world access; permissions should be u=rw (0600) or less"), s.warnings());
        }
    }

    @Test
    void ownerOnlyPermissionsAreFine() throws IOException {
        for (String permissions : List.of("rw-------", "r--------", "rwx------")) {
            Path file = passfile("*:*:*:*:x\n", permissions);
            assertEquals("x", resolve("passfile=" + file, Map.of()).passwordFor(0), permissions);
        }
    }

    @Test
    void aMissingFileIsNoError() {
        ConnSettings s = resolve("passfile=" + home.resolve("absent"), Map.of());
        assertNull(s.passwordFor(0));
        assertTrue(s.warnings().isEmpty());
    }

    @Test
    void aDirectoryIsIgnoredWithAWarning() {
        List<String> warnings = new ArrayList<>();
        PassFile.load(home, warnings::add);
        assertEquals(List.of("WARNING: password file \"" + home + "\" is not a plain file"), warnings);
    }
}
