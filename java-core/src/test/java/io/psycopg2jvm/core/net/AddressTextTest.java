package io.psycopg2jvm.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressTextTest {

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 127.0.0.1",
        "0:0:0:0:0:0:0:1, ::1",
        "0:0:0:0:0:0:0:0, ::",
        "fe80:0:0:0:1:0:0:2, fe80::1:0:0:2",      // the first of two equal runs
        "2001:db8:0:1:0:0:0:1, 2001:db8:0:1::1",  // the longest run
        "2001:db8:1:2:3:4:5:0, 2001:db8:1:2:3:4:5:0", // a single zero group stays
        "1:0:0:0:0:0:0:0, 1::",
        "2001:DB8:0:0:8:800:200C:417A, 2001:db8::8:800:200c:417a",
    })
    void writesAddressesAsInetNtop(String literal, String expected) throws Exception {
        assertEquals(expected, AddressText.of(InetAddress.getByName(literal)));
    }
}
