package io.psycopg2jvm.core.conninfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.psycopg2jvm.core.error.PgException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConnInfoTest {

    @Test
    void keepsTheOrderOfTheStringWithTheLastValueOfARepeatedKeyword() {
        ConnInfo info = ConnInfo.parse("port=1 host=a dbname=d host=b");
        assertEquals(List.of("port", "host", "dbname"), List.copyOf(info.parameters().keySet()));
        assertEquals("b", info.get("host"));
        assertEquals("b", info.get(ConnOption.HOST));
        assertEquals(List.of("dbname", "host", "port"), List.copyOf(info.parametersInLibpqOrder().keySet()));
    }

    @Test
    void uriPartsComeInTheOrderTheyAreWritten() {
        ConnInfo info = ConnInfo.parse("postgresql://u:pw@h:5/d?sslmode=require&application_name=x");
        assertEquals(List.of("user", "password", "host", "port", "dbname", "sslmode", "application_name"),
                List.copyOf(info.parameters().keySet()));
    }

    @Test
    void parametersAreReadOnly() {
        Map<String, String> parameters = ConnInfo.parse("host=a").parameters();
        assertThrows(UnsupportedOperationException.class, () -> parameters.put("port", "1"));
    }

    @Test
    void emptyStringSetsNothing() {
        assertTrue(ConnInfo.parse("").parameters().isEmpty());
        assertEquals("", ConnInfo.parse("").toDsn());
    }

    @Test
    void absentKeywordIsNull() {
        assertNull(ConnInfo.parse("host=a").get("port"));
    }

    @Test
    void uriSchemeIsRecognisedCaseSensitively() {
        assertTrue(ConnInfo.isUri("postgresql://h"));
        assertTrue(ConnInfo.isUri("postgres://"));
        assertFalse(ConnInfo.isUri("POSTGRESQL://h"));
        assertFalse(ConnInfo.isUri("postgresql:/h"));
        assertFalse(ConnInfo.isUri(" postgresql://h"));
    }

    @Test
    void toDsnQuotesOnlyWhatNeedsIt() {
        ConnInfo info = ConnInfo.parse("host=a dbname='my db' password='it\\'s' user='' options='a\\\\b'");
        assertEquals("host=a dbname='my db' password=it\\'s user='' options=a\\\\b", info.toDsn());
    }

    @Test
    void toDsnHidesThePasswordOnRequest() {
        ConnInfo info = ConnInfo.parse("host=a password='s e c r e t' port=5");
        assertEquals("host=a password=xxx port=5", info.toDsn(true));
        assertEquals("host=a password='s e c r e t' port=5", info.toDsn(false));
        assertEquals("host=a password=xxx port=5", info.toString());
    }

    @Test
    void toDsnOfUriIsAKeywordValueString() {
        ConnInfo info = ConnInfo.parse("postgresql://u@[::1]:5/my%20db?application_name=a%27b");
        assertEquals("user=u host=::1 port=5 dbname='my db' application_name=a\\'b", info.toDsn());
    }

    @Test
    void toDsnParsesBackToTheSameParameters() {
        ConnInfo info = ConnInfo.parse("postgresql://u:p%20'%5C@h/d?options=-c%20x%3D1&application_name=%09");
        assertEquals(info.parameters(), ConnInfo.parse(info.toDsn()).parameters());
    }

    /** Expected values: psycopg2's {@code connection.dsn} on a live server after {@code connect(made)}. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "host=127.0.0.1  port=55439 user=postgres dbname=postgres"
                    + "|host=127.0.0.1  port=55439 user=postgres dbname=postgres",
            "host=127.0.0.1  port=55439 user=postgres dbname=postgres password=secret"
                    + "|user=postgres password=xxx dbname=postgres host=127.0.0.1 port=55439",
            "port=55439 host=127.0.0.1 user=postgres dbname=postgres password='a b'"
                    + "|user=postgres password=xxx dbname=postgres host=127.0.0.1 port=55439",
            "user=postgres host=127.0.0.1 port=55439 password=x dbname=postgres"
                    + "|user=postgres password=xxx dbname=postgres host=127.0.0.1 port=55439",
            "postgresql://postgres:pw@127.0.0.1:55439/postgres"
                    + "|user=postgres password=xxx dbname=postgres host=127.0.0.1 port=55439",
            "postgresql://postgres@127.0.0.1:55439/postgres|postgresql://postgres@127.0.0.1:55439/postgres",
            "port=55439 host=127.0.0.1 user=postgres dbname=postgres password=''"
                    + "|user=postgres password=xxx dbname=postgres host=127.0.0.1 port=55439",
            "application_name='my app' port=55439 host=127.0.0.1 user=postgres dbname=postgres password=it\\'s"
                    + "|user=postgres password=xxx dbname=postgres host=127.0.0.1 port=55439 application_name='my app'",
            "postgresql://postgres:pw@127.0.0.1:55439/postgres?application_name=a%20b&connect_timeout=5"
                    + "|user=postgres password=xxx connect_timeout=5 dbname=postgres host=127.0.0.1 port=55439"
                    + " application_name='a b'",
    })
    void connectionDsnIsWhatPsycopg2Shows(String dsn, String expected) {
        assertEquals(expected, ConnInfo.parse(dsn).connectionDsn());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "abc|abc",
            "''|''",
            "a b|'a b'",
            "it's|it\\'s",
            "a\\b|a\\\\b",
            "'|\\'",
            "x=y|x=y",
            "é|é",
    })
    void quoteWritesValuesAsPsycopg2Does(String value, String expected) {
        assertEquals(expected, ConnInfo.quote(value.equals("''") ? "" : value));
    }

    @Test
    void quoteTreatsPythonWhitespaceAsSpace() {
        assertEquals("'a\tb'", ConnInfo.quote("a\tb"));
        assertEquals("'a\u00a0b'", ConnInfo.quote("a\u00a0b"));
        assertEquals("'a\u3000b'", ConnInfo.quote("a\u3000b"));
        assertEquals("'a\u001fb'", ConnInfo.quote("a\u001fb"));
        assertEquals("a\u200bb", ConnInfo.quote("a\u200bb")); // zero-width space is not whitespace
    }

    @Test
    void makeWithoutArgumentsReturnsTheStringUntouched() {
        assertEquals("host=a   port=1", ConnInfo.make("host=a   port=1", Map.of()));
        assertEquals("host=a   port=1", ConnInfo.make("host=a   port=1", null));
        assertEquals("", ConnInfo.make(null, null));
    }

    @Test
    void percentEncodedBytesThatAreNotUtf8AreRejected() {
        // libpq would pass the bytes on; psycopg2's parse_dsn fails with a UnicodeDecodeError.
        InvalidConnInfoException e = assertThrows(InvalidConnInfoException.class,
                () -> ConnInfo.parse("postgresql://h/d?application_name=%ff"));
        assertEquals("invalid UTF-8 in percent-encoded value: \"%ff\"", e.getMessage());
    }

    @Test
    void bytesThatAreNotUtf8FailOnlyWhenNothingElseIsWrongAndTheyAreKept() {
        // psycopg2: the libpq error wins; values libpq drops or replaces never reach the dict.
        assertEquals("invalid URI query parameter: \"foo\"", assertThrows(InvalidConnInfoException.class,
                () -> ConnInfo.parse("postgresql://h/%ff?foo=1")).getMessage());
        assertEquals("prefer", ConnInfo.parse("postgresql://h?requiressl=%ff").get("sslmode"));
        assertEquals("x", ConnInfo.parse("postgresql://h?host=%ff&host=x").get("host"));
    }

    @Test
    void unexpectedNonAsciiCharacterIsShownAsPsycopg2ShowsLibpqsSingleByte() {
        // psycopg2: unexpected character "\ufffd" at position 19 in URI ...
        assertEquals("unexpected character \"\ufffd\" at position 19 in URI (expected \":\" or \"/\"):"
                + " \"postgresql://[::1]\u00e9\"", assertThrows(InvalidConnInfoException.class,
                        () -> ConnInfo.parse("postgresql://[::1]\u00e9")).getMessage());
    }

    @Test
    void percentDecodingReadsUtf8AcrossLiteralAndEncodedCharacters() {
        assertEquals("é€x", ConnInfo.parse("postgresql://h/é%E2%82%ACx").get("dbname"));
        assertEquals("\u00ff", ConnInfo.parse("postgresql://h/%c3%bf").get("dbname"));
    }

    @Test
    void hexDigitsOfPercentEncodingAreAsciiOnly() {
        // U+0663 is a digit for Character.digit but not for libpq.
        assertThrows(InvalidConnInfoException.class, () -> ConnInfo.parse("postgresql://h/%\u06633"));
    }

    @Test
    void syntaxErrorsArePgExceptionsWithPsycopg2Text() {
        PgException e = assertThrows(PgException.class, () -> ConnInfo.parse("foo=bar"));
        assertEquals("invalid connection option \"foo\"", e.getMessage());
        assertEquals("invalid dsn: invalid connection option \"foo\"\n",
                ((InvalidConnInfoException) e).psycopgMessage());
    }

    @Test
    void equalityIsByParameters() {
        assertEquals(ConnInfo.parse("host=a port=1"), ConnInfo.parse("port=1  host='a'"));
        assertEquals(ConnInfo.parse("host=a port=1").hashCode(), ConnInfo.parse("port=1 host=a").hashCode());
        assertFalse(ConnInfo.parse("host=a").equals(ConnInfo.parse("host=b")));
    }

    @Test
    void textIsTheOriginalString() {
        assertEquals("host = a", ConnInfo.parse("host = a").text());
    }

    @Test
    void thePasswordFileIsListedOnlyWhereLibpqWouldReadIt() {
        assertTrue(ConnInfo.parse("dbname=x").effectiveParameters(Map.of()).containsKey("passfile"));
        assertFalse(ConnInfo.parse("dbname=x password=s").effectiveParameters(Map.of()).containsKey("passfile"));
        assertFalse(ConnInfo.parse("dbname=x").effectiveParameters(Map.of("PGPASSWORD", "s")).containsKey("passfile"));
        assertEquals("/etc/pw", ConnInfo.parse("password=s passfile=/etc/pw").effectiveParameters(Map.of()).get("passfile"));
    }

    @Test
    void everyKeywordOfLibpq15IsKnownInLibpqOrder() {
        // The order of PQconndefaults() in libpq 15.
        assertEquals(List.of("service", "user", "password", "passfile", "channel_binding", "connect_timeout",
                "dbname", "host", "hostaddr", "port", "client_encoding", "options", "application_name",
                "fallback_application_name", "keepalives", "keepalives_idle", "keepalives_interval",
                "keepalives_count", "tcp_user_timeout", "sslmode", "sslcompression", "sslcert", "sslkey",
                "sslpassword", "sslrootcert", "sslcrl", "sslcrldir", "sslsni", "requirepeer",
                "ssl_min_protocol_version", "ssl_max_protocol_version", "gssencmode", "krbsrvname", "gsslib",
                "replication", "target_session_attrs"),
                java.util.Arrays.stream(ConnOption.values()).map(ConnOption::keyword).toList());
        assertNull(ConnOption.byKeyword("HOST"));
        assertEquals(ConnOption.SSL_MIN_PROTOCOL_VERSION, ConnOption.byKeyword("ssl_min_protocol_version"));
        assertEquals("PGAPPNAME", ConnOption.APPLICATION_NAME.environmentVariable());
    }
}
