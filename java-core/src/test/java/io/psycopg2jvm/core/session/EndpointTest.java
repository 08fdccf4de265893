package io.psycopg2jvm.core.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void aHostNameIsTriedAtEachOfItsAddresses() throws Exception {
        Endpoint name = new Endpoint("localhost", 5432);
        List<Endpoint> each = name.addresses();
        assertEquals(InetAddress.getAllByName("localhost").length, each.size());
        for (Endpoint e : each) {
            assertNotNull(e.resolved());
            assertEquals("localhost", e.host(), "the name stays, for TLS checks and messages");
            assertTrue(e.failurePrefix().startsWith("connection to server at \"localhost\" ("), e.failurePrefix());
        }
        assertEquals(List.of(each.get(0)), each.get(0).addresses(), "an address is not looked up again");
    }

    @Test
    void anAddressLiteralIsNamedAlone() {
        List<Endpoint> each = new Endpoint("127.0.0.1", 5432).addresses();
        assertEquals(1, each.size());
        assertEquals("connection to server at \"127.0.0.1\", port 5432 failed: ", each.get(0).failurePrefix());
    }

    @Test
    void socketsHostaddrsAndUnknownNamesAreTriedAsGiven() {
        Endpoint socket = new Endpoint("/tmp", 5432);
        assertSame(socket, socket.addresses().get(0));
        Endpoint hostaddr = new Endpoint("db.example", "127.0.0.1", 5432, 0, null);
        assertSame(hostaddr, hostaddr.addresses().get(0));
        Endpoint unknown = new Endpoint("no-such-host.invalid", 5432);
        assertSame(unknown, unknown.addresses().get(0));
        assertFalse(unknown.failurePrefix().contains("("), unknown.failurePrefix());
    }

    @Test
    void aHostaddrIsANumericAddressOrNothing() {
        for (String ok : new String[] {"127.0.0.1", "127.1", "10.65535", "16777217", "::1", "fe80::1%eth0", "::ffff:1.2.3.4"}) {
            assertTrue(Endpoint.isNumericAddress(ok), ok);
        }
        for (String bad : new String[] {"", "localhost", "nothost", "999.1.1.1", "1.2.3.256", "1.2.65536", "1.2.3.4.5", "1..2"}) {
            assertFalse(Endpoint.isNumericAddress(bad), bad);
        }
    }
}
