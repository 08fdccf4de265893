package io.psycopg2jvm.core.conninfo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ConnInfo#make} against psycopg2 2.9.5: every expected value below is what
 * {@code psycopg2.extensions.make_dsn(dsn, **kwargs)} returned, or the libpq part of the
 * {@code ProgrammingError} / the {@code TypeError} it raised. kwargs are listed in call order;
 * a null value stands for None.
 */
class ReferenceMakeDsnTest {
    private static final int MADE = 0;
    private static final int INVALID = 1;
    private static final int TYPE_ERROR = 2;

    static Stream<Arguments> referenceCases() {
        return Stream.of(
                made("host=a dbname=x user=u",
                        "host=a", "dbname", "x", "user", "u"),
                made("host=a password=secret",
                        "host=a password=secret"),
                made("host=a  password=secret",
                        "host=a  password=secret"),
                invalid("missing \"=\" after \"foo\" in connection info string",
                        "foo"),
                made("",
                        null),
                made("",
                        null),
                made("host=a",
                        null, "host", "a"),
                made("host=a",
                        "", "host", "a"),
                made("user=u dbname=x host=a port=5432",
                        "dbname=x host=a user=u", "port", "5432"),
                made("user=u host=b",
                        "user=u host=a", "host", "b"),
                made("host=a dbname=d",
                        "host=a", "database", "d"),
                made("dbname=e",
                        "dbname=d", "database", "e"),
                made("host=a password=''",
                        "host=a", "password", ""),
                made("host=a password='a b'",
                        "host=a", "password", "a b"),
                made("host=a password=it\\'s",
                        "host=a", "password", "it's"),
                made("host=a password=back\\\\slash",
                        "host=a", "password", "back\\slash"),
                made("host=a password=\\'",
                        "host=a", "password", "'"),
                made("host=a password='a\tb'",
                        "host=a", "password", "a\tb"),
                made("host=a password='a\nb'",
                        "host=a", "password", "a\nb"),
                made("host=a password='a\u00a0b'",
                        "host=a", "password", "a\u00a0b"),
                made("host=a password='a\u2003b'",
                        "host=a", "password", "a\u2003b"),
                made("host=a password='a\u001cb'",
                        "host=a", "password", "a\u001cb"),
                made("host=a password='a\u0085b'",
                        "host=a", "password", "a\u0085b"),
                made("host=a password=a\u200bb",
                        "host=a", "password", "a\u200bb"),
                made("host=a application_name=x=y",
                        "host=a", "application_name", "x=y"),
                made("host=a options='-c search_path=foo'",
                        "host=a", "options", "-c search_path=foo"),
                invalid("invalid connection option \"foo\"",
                        "host=a", "foo", "bar"),
                made("host=a",
                        "host=a", "port", null),
                made("user=u password=p dbname=d host=h port=5 sslmode=require application_name=app",
                        "postgresql://u:p@h:5/d?sslmode=require", "application_name", "app"),
                made("dbname=d host=h1,h2 port=,5 user=x",
                        "postgresql://h1,h2:5/d", "user", "x"),
                made("password=it\\'s host='a b' port=5 user=u",
                        "host='a b' port=5 password='it\\'s'", "user", "u"),
                made("dbname='' host=a user=u",
                        "dbname='' host=a", "user", "u"),
                made("sslmode=require host=h",
                        "requiressl=1", "host", "h"),
                made("host=b",
                        "host=a", "host", "b", "user", null),
                invalid("missing \"=\" after \"a\" in connection info string",
                        "host=a", "a b", "c"),
                invalid("invalid connection option \"\"",
                        "host=a", "", "c"),
                made("host=a dbname=postgresql://x",
                        "host=a", "dbname", "postgresql://x"),
                made("password=secret",
                        "password=secret"),
                made("postgresql://u:p@h/d",
                        "postgresql://u:p@h/d"),
                invalid("missing \"=\" after \"not\" in connection info string",
                        "not valid"),
                made("host=a user=\u00e9",
                        "host=a", "user", "\u00e9"),
                made("service=s user=u password=pw passfile=p dbname=d host=h port=1 options=o application_name=x sslmode=disable target_session_attrs=any connect_timeout=10",
                        "service=s sslmode=disable target_session_attrs=any application_name=x options=o port=1 host=h dbname=d passfile=p password=pw user=u", "connect_timeout", "10"),
                invalid("invalid URI query parameter: \"foo\"",
                        "postgresql://h/d?foo=1", "user", "x"),
                made("password=a\\\\b user=u",
                        "password='a\\\\b'", "user", "u"),
                made("host=a",
                        "host=a", "sslmode", null),
                made("host=a",
                        "host=a", "database", null),
                made("host=a user=u dbname=d",
                        "host=a", "database", "d", "user", "u"),
                made("dbname=d host=a user=u",
                        "dbname=x host=a", "database", "d", "user", "u"),
                made("host=a port=1",
                        "host=a  port=1", "port", null),
                made("host=h dbname=d",
                        null, "database", "d", "host", "h"),
                made("host=b user=u dbname=d",
                        "host=a", "user", "u", "host", "b", "dbname", "d"),
                made("host=a application_name='O\\'Reilly \\\\ co'",
                        "host=a", "application_name", "O'Reilly \\ co"),
                made("host=a user='x y' password='p\\'q r\\\\s'",
                        "host=a", "user", "x y", "password", "p'q r\\s"),
                made("dbname=db host=::1 port=5432 application_name='my app' sslmode=disable",
                        "postgresql://[::1]:5432/db?application_name=my%20app", "sslmode", "disable"),
                made("host=a options=''",
                        "host=a", "options", ""),
                made("host=a port='' user=u",
                        "host=a port=''", "user", "u"),
                made("host=a password='tab\there'",
                        "host=a", "password", "tab\there"),
                made("host=b port=1 dbname=d user=u password=p sslmode=require connect_timeout=5",
                        "host=a", "host", "b", "port", "1", "dbname", "d", "user", "u", "password", "p", "sslmode", "require", "connect_timeout", "5"),
                made("host=a",
                        "   ", "host", "a"),
                typeError("you can't specify both 'database' and 'dbname' arguments",
                        "host=a", "database", "d", "dbname", "e"),
                typeError("you can't specify both 'database' and 'dbname' arguments",
                        "host=a", "dbname", null, "database", "x"));
    }

    @ParameterizedTest(name = "[{index}] {1} {2}")
    @MethodSource("referenceCases")
    void makesLikePsycopg2(int outcome, String dsn, Map<String, String> kwargs, String expected) {
        switch (outcome) {
            case MADE -> assertEquals(expected, ConnInfo.make(dsn, kwargs));
            case INVALID -> assertEquals(expected,
                    assertThrows(InvalidConnInfoException.class, () -> ConnInfo.make(dsn, kwargs)).getMessage());
            default -> assertEquals(expected,
                    assertThrows(IllegalArgumentException.class, () -> ConnInfo.make(dsn, kwargs)).getMessage());
        }
    }

    private static Arguments made(String expected, String dsn, String... kwargs) {
        return Arguments.of(MADE, dsn, kwargs(kwargs), expected);
    }

    private static Arguments invalid(String libpqMessage, String dsn, String... kwargs) {
        return Arguments.of(INVALID, dsn, kwargs(kwargs), libpqMessage);
    }

    private static Arguments typeError(String message, String dsn, String... kwargs) {
        return Arguments.of(TYPE_ERROR, dsn, kwargs(kwargs), message);
    }

    private static Map<String, String> kwargs(String... keyValues) {
        Map<String, String> kwargs = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            kwargs.put(keyValues[i], keyValues[i + 1]);
        }
        return kwargs;
    }
}
