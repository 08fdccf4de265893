package io.psycopg2jvm.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConninfoStringTest {

    @Test
    void keywordValuePairsKeepTheirOrderAndUnquote() {
        Map<String, String> params = ConninfoString.parse(" host=db.example port = 5433 password='it\\'s a secret'"
                + " options=-c\\ x=1");
        assertEquals(Map.of("host", "db.example", "port", "5433", "password", "it's a secret",
                "options", "-c x=1"), params);
        assertEquals("[host, port, password, options]", params.keySet().toString());
    }

    @Test
    void uriBecomesKeywords() {
        Map<String, String> params = ConninfoString.parse(
                "postgresql://us%40er:p%3Ass@[::1]:5433/my%20db?sslmode=require&application_name=a+b");
        assertEquals("us@er", params.get("user"));
        assertEquals("p:ss", params.get("password"));
        assertEquals("::1", params.get("host"));
        assertEquals("5433", params.get("port"));
        assertEquals("my db", params.get("dbname"));
        assertEquals("require", params.get("sslmode"));
        assertEquals("a+b", params.get("application_name"));
    }

    @Test
    void uriWithSeveralHostsKeepsThemAsLists() {
        Map<String, String> params = ConninfoString.parse("postgres://h1:1,h2/db");
        assertEquals("h1,h2", params.get("host"));
        assertEquals("1,", params.get("port"));
    }

    @Test
    void formatQuotesOnlyWhatLibpqWouldMisread() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("host", "127.0.0.1");
        params.put("password", "a b'c\\");
        params.put("options", "");
        String dsn = ConninfoString.format(params);
        assertEquals("host=127.0.0.1 password='a b\\'c\\\\' options=''", dsn);
        assertEquals(params, ConninfoString.parse(dsn));
    }

    @Test
    void missingEqualsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> ConninfoString.parse("host"));
        assertThrows(IllegalArgumentException.class, () -> ConninfoString.parse("password='open"));
    }
}
