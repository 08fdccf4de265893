package io.psycopg2jvm.core.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TextValueDecoderTest {

    private static double parse(String text) {
        byte[] b = ("x" + text + "y").getBytes(StandardCharsets.US_ASCII);
        return TextValueDecoder.doubleValue(b, 1, b.length - 2);
    }

    private static void assertParsesAsJava(String text) {
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)), Double.doubleToRawLongBits(parse(text)),
                text);
    }

    @Test
    void floatTextAsPostgresWritesIt() {
        for (String text : new String[] {"0", "-0", "1.5", "-749999.5", "0.1", "0.30000000000000004",
            "1e+22", "1e-22", "9007199254740993", "1.2345678901234567e+15", "1.7976931348623157e+308",
            "5e-324", "2.2250738585072014e-308", "123456789012345678901234", "0.000000000000000000000001",
            "1e+23", "4.35", "100", "-1.25e-05"}) {
            assertParsesAsJava(text);
        }
        assertTrue(Double.isNaN(parse("NaN")));
        assertEquals(Double.POSITIVE_INFINITY, parse("Infinity"));
        assertEquals(Double.NEGATIVE_INFINITY, parse("-Infinity"));
    }

    @Test
    void theFastPathRoundsAsParseDoubleOnRandomDecimals() {
        SplittableRandom random = new SplittableRandom(20261127);
        for (int n = 0; n < 200_000; n++) {
            StringBuilder text = new StringBuilder();
            if (random.nextBoolean()) {
                text.append('-');
            }
            int whole = random.nextInt(1, 18);
            for (int i = 0; i < whole; i++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
            if (random.nextBoolean()) {
                text.append('.');
                int fraction = random.nextInt(0, 18);
                for (int i = 0; i < fraction; i++) {
                    text.append((char) ('0' + random.nextInt(10)));
                }
            }
            if (random.nextInt(4) == 0) {
                text.append('e').append(random.nextBoolean() ? "-" : "+").append(random.nextInt(0, 40));
            }
            assertParsesAsJava(text.toString());
        }
        for (int n = 0; n < 200_000; n++) {
            // the shortest texts of random doubles, as PostgreSQL 12+ writes float8
            assertParsesAsJava(Double.toString(Double.longBitsToDouble(random.nextLong())).replace("E", "e")
                    .replace("Infinity", "1").replace("NaN", "2"));
            assertParsesAsJava(Double.toString(random.nextDouble() * Math.pow(10, random.nextInt(-10, 16))));
        }
    }
}
