package io.psycopg2jvm.core.conninfo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocaleEncodingTest {

    @ParameterizedTest
    @CsvSource({
        "C.UTF-8, UTF8",
        "en_US.utf8, UTF8",
        "de_DE.ISO-8859-15@euro, LATIN9",
        "ru_RU.KOI8-R, KOI8R",
        "ja_JP.eucJP, EUC_JP",
        "ja_JP.SJIS, SJIS",
        "zh_CN.GB18030, GB18030",
        "C, SQL_ASCII",
        "POSIX, SQL_ASCII",
        "en_US, SQL_ASCII",
        "xx_XX.NOSUCHSET, ''",
    })
    void namesTheLocalesCharacterSetAsPostgresqlDoes(String locale, String encoding) {
        assertEquals(encoding, LocaleEncoding.of(Map.of("LANG", locale)));
    }

    @Test
    void lcAllWinsOverLcCtypeWhichWinsOverLang() {
        Map<String, String> env = new HashMap<>(Map.of("LANG", "C.UTF-8", "LC_CTYPE", "ru_RU.KOI8-R"));
        assertEquals("KOI8R", LocaleEncoding.of(env));
        env.put("LC_ALL", "C");
        assertEquals("SQL_ASCII", LocaleEncoding.of(env));
        assertEquals("SQL_ASCII", LocaleEncoding.of(Map.of()));
    }

    @Test
    void clientEncodingAutoIsTheLocalesEncodingInTheSettingsAndTheEffectiveParameters() {
        LocalDefaults local = new LocalDefaults("u", Path.of("/nonexistent"), false, Path.of("/nonexistent"), "UTF8");
        ConnSettingsResolver resolver = new ConnSettingsResolver(Map.of(), local);
        assertEquals("UTF8", resolver.resolve(ConnInfo.parse("client_encoding=auto host=h")).clientEncoding());
        assertEquals("LATIN1", resolver.resolve(ConnInfo.parse("client_encoding=LATIN1 host=h")).clientEncoding());
    }
}
