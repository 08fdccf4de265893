package io.psycopg2jvm.core.conninfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Service file rules, as libpq 15 applied them to the same files through psycopg2.connect(). */
class ServiceFileTest {
    @TempDir
    Path home;

    private static final String FILE = String.join("\n",
            "# comment",
            "   # indented comment",
            "[good]",
            "host=db.example",
            "  port=6000   ",
            "user=admin",
            "",
            "[quoted]",
            "dbname='shop'",
            "user= spaced",
            "[spaced]",
            "port = 6000",
            "[nokeyword]",
            "host",
            "[unknown]",
            "foo=bar",
            "[nested]",
            "service=good",
            "[dup] trailing text",
            "port=1",
            "port=2",
            "[ Padded ]",
            "host=padded",
            "[requiressl]",
            "requiressl=1",
            "");

    private Path serviceFile() throws IOException {
        Path file = home.resolve(".pg_service.conf");
        Files.writeString(file, FILE);
        return file;
    }

    private ConnSettings resolve(String dsn, Map<String, String> environment) throws IOException {
        serviceFile();
        return new ConnSettingsResolver(environment, new LocalDefaults("osuser", home, false, home.resolve("etc"), "SQL_ASCII"))
                .resolve(ConnInfo.parse(dsn));
    }

    private String error(String dsn) throws IOException {
        serviceFile();
        return assertThrows(InvalidConnSettingsException.class, () -> resolve(dsn, Map.of())).getMessage();
    }

    @Test
    void serviceSettingsFillTheConnection() throws IOException {
        ConnSettings s = resolve("service=good", Map.of());
        assertEquals(List.of("db.example"), s.hosts());
        assertEquals(List.of(6000), s.ports());
        assertEquals("admin", s.user());
        assertEquals("admin", s.dbname());
        assertEquals("good", s.service());
    }

    @Test
    void theStringBeatsTheServiceWhichBeatsTheEnvironment() throws IOException {
        ConnSettings s = resolve("service=good port=7000", Map.of("PGHOST", "envhost", "PGUSER", "envuser",
                "PGDATABASE", "envdb"));
        assertEquals(List.of(7000), s.ports());
        assertEquals(List.of("db.example"), s.hosts());
        assertEquals("admin", s.user());
        assertEquals("envdb", s.dbname());
    }

    @Test
    void pgserviceNamesTheService() throws IOException {
        assertEquals(List.of("db.example"), resolve("", Map.of("PGSERVICE", "good")).hosts());
        assertEquals(List.of("padded"), resolve("service=' Padded '", Map.of("PGSERVICE", "good")).hosts());
    }

    @Test
    void valuesAreTakenLiterally() throws IOException {
        ConnSettings s = resolve("service=quoted", Map.of());
        assertEquals("'shop'", s.dbname());
        assertEquals(" spaced", s.user());
    }

    @Test
    void theFirstValueOfAKeywordCounts() throws IOException {
        assertEquals(List.of(1), resolve("service=dup", Map.of()).ports());
    }

    @Test
    void serviceNamesAreExactAndCaseSensitive() throws IOException {
        assertEquals("definition of service \"GOOD\" not found", error("service=GOOD"));
        assertEquals("definition of service \"Padded\" not found", error("service=Padded"));
    }

    @Test
    void malformedLinesAreReportedWithTheirLineNumber() throws IOException {
        Path file = home.resolve(".pg_service.conf");
        assertEquals("syntax error in service file \"" + file + "\", line 12", error("service=spaced"));
        assertEquals("syntax error in service file \"" + file + "\", line 14", error("service=nokeyword"));
        assertEquals("syntax error in service file \"" + file + "\", line 16", error("service=unknown"));
        assertEquals("syntax error in service file \"" + file + "\", line 25", error("service=requiressl"));
        assertEquals("nested service specifications not supported in service file \"" + file + "\", line 18",
                error("service=nested"));
    }

    @Test
    void pgservicefileAndPgsysconfdirNameTheFiles() throws IOException {
        Path userFile = home.resolve("my-services");
        Files.writeString(userFile, "[mine]\nhost=mine\n");
        Path sysconf = Files.createDirectory(home.resolve("sys"));
        Files.writeString(sysconf.resolve("pg_service.conf"), "[mine]\nhost=system\n[sys]\nhost=sys\n");
        Map<String, String> env = Map.of("PGSERVICEFILE", userFile.toString(), "PGSYSCONFDIR", sysconf.toString());
        assertEquals(List.of("mine"), resolve("service=mine", env).hosts());
        assertEquals(List.of("sys"), resolve("service=sys", env).hosts());
    }

    @Test
    void missingFilesMeanAnUndefinedService() {
        ConnSettingsResolver resolver =
                new ConnSettingsResolver(Map.of(), new LocalDefaults("osuser", home, false, home.resolve("etc"), "SQL_ASCII"));
        assertEquals("definition of service \"x\" not found", assertThrows(InvalidConnSettingsException.class,
                () -> resolver.resolve(ConnInfo.parse("service=x"))).getMessage());
    }
}
