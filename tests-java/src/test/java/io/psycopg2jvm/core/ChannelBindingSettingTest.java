package io.psycopg2jvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.psycopg2jvm.core.error.PgConnectionException;
import io.psycopg2jvm.core.session.PgSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * channel_binding=require refuses every login that did not bind SCRAM to the TLS channel, with
 * libpq 15's messages; channel_binding=disable logs in with plain SCRAM even over TLS.
 */
class ChannelBindingSettingTest {

    @BeforeEach
    void needsTlsAndRoles() {
        assumeTrue(ServerDsn.db().sslEnabled(), "the test server has no TLS");
        assumeTrue(ServerDsn.db().authUsersAvailable(), "the test server has no authentication test roles");
    }

    @Test
    void requireAcceptsScramBoundToTls() {
        try (PgSession s = PgSession.open(dsn("pg_scram", "require", "require"))) {
            assertTrue(s.isTls());
        }
    }

    @Test
    void disableStillLogsInWithScramOverTls() {
        try (PgSession s = PgSession.open(dsn("pg_scram", "require", "disable"))) {
            assertTrue(s.isTls());
        }
    }

    @Test
    void requireRefusesScramWithoutTls() {
        assertRefused("pg_scram", "disable", "channel binding required, but SSL not in use\n");
    }

    @Test
    void requireRefusesAPasswordRequest() {
        assertRefused("pg_md5", "require",
                "channel binding required but not supported by server's authentication request\n");
    }

    @Test
    void requireRefusesALoginWithoutAuthentication() {
        assertRefused("pg_trust", "require",
                "channel binding required, but server authenticated client without channel binding\n");
    }

    @Test
    void preferDoesNotRetryWithoutTlsAfterARefusal() {
        // the refusal is the client's own: no second try in plain text that could succeed
        assertRefused("pg_trust", "prefer",
                "channel binding required, but server authenticated client without channel binding\n");
    }

    private static void assertRefused(String role, String sslmode, String reason) {
        PgConnectionException e = assertThrows(PgConnectionException.class,
                () -> PgSession.open(dsn(role, sslmode, "require")).close());
        assertTrue(e.getMessage().startsWith("connection to server at "), e.getMessage());
        assertEquals(reason, e.getMessage().substring(e.getMessage().indexOf(" failed: ") + 9));
    }

    private static String dsn(String role, String sslmode, String channelBinding) {
        return ServerDsn.with(ServerDsn.role(role), "sslmode", sslmode, "channel_binding", channelBinding);
    }
}
