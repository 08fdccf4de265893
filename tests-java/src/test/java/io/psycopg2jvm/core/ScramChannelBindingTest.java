package io.psycopg2jvm.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.psycopg2jvm.core.auth.ScramAuthentication;
import io.psycopg2jvm.core.conninfo.ConnInfo;
import io.psycopg2jvm.core.conninfo.ConnSettings;
import io.psycopg2jvm.core.net.SslMode;
import io.psycopg2jvm.core.net.TlsConfig;
import io.psycopg2jvm.core.net.Transport;
import io.psycopg2jvm.core.protocol.MessageReader;
import io.psycopg2jvm.core.protocol.MessageWriter;
import io.psycopg2jvm.core.protocol.backend.Authentication;
import io.psycopg2jvm.core.protocol.backend.BackendMessage;
import io.psycopg2jvm.core.protocol.backend.ErrorResponse;
import io.psycopg2jvm.core.session.PgSession;
import io.psycopg2jvm.core.session.QueryResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SCRAM-SHA-256 over TLS binds the exchange to the server certificate (SCRAM-SHA-256-PLUS,
 * tls-server-end-point). PgSession does not say which mechanism it used, so the exchange is
 * also run step by step on java-core's own pieces: the server checks the binding data, so
 * finishing with AuthenticationOk proves it right.
 */
class ScramChannelBindingTest {
    private static final String PLUS = "SCRAM-SHA-256-PLUS";

    @BeforeEach
    void needsTlsAndRoles() {
        assumeTrue(ServerDsn.db().sslEnabled(), "the test server has no TLS");
        assumeTrue(ServerDsn.db().authUsersAvailable(), "the test server has no authentication test roles");
    }

    @Test
    void scramOverTlsLogsIn() {
        try (PgSession s = PgSession.open(ServerDsn.with(ServerDsn.role("pg_scram"), "sslmode", "require"))) {
            assertTrue(s.isTls());
            QueryResult r = s.execute("SELECT current_user, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
            Object[] row = r.rows(0, 1, r.defaultModes())[0];
            assertEquals("pg_scram", row[0]);
            assertEquals(Boolean.TRUE, row[1]);
        }
    }

    @Test
    void tlsExchangeUsesScramSha256PlusAndTheServerAcceptsTheBinding() throws Exception {
        List<String> offered = new ArrayList<>();
        String mechanism = handshake(true, "secret-scram", offered);
        assertTrue(offered.contains(PLUS), "server offered " + offered);
        assertEquals(PLUS, mechanism);
    }

    @Test
    void plainExchangeUsesScramSha256() throws Exception {
        List<String> offered = new ArrayList<>();
        String mechanism = handshake(false, "secret-scram", offered);
        assertFalse(offered.contains(PLUS), "server offered " + offered + " without TLS");
        assertEquals("SCRAM-SHA-256", mechanism);
    }

    /**
     * Runs startup and the SASL exchange as pg_scram; returns the mechanism once the server sent
     * AuthenticationOk, fails the test on anything else.
     */
    private static String handshake(boolean tls, String password, List<String> offered) throws Exception {
        ConnSettings conn = ConnInfo.parse(ServerDsn.role("pg_scram")).resolve();
        ConnSettings.Endpoint endpoint = conn.endpoints().get(0);
        try (Transport transport = Transport.tcp(endpoint.address(), endpoint.port(), 10_000)) {
            if (tls) {
                MessageWriter w = new MessageWriter(transport.out());
                w.sslRequest();
                w.flush();
                assertEquals('S', new MessageReader(transport.in()).readSslAnswer());
                transport.startTls(new TlsConfig(SslMode.REQUIRE, null), endpoint.host(), endpoint.port());
            }
            MessageWriter writer = new MessageWriter(transport.out());
            MessageReader reader = new MessageReader(transport.in());
            Map<String, String> startup = new LinkedHashMap<>();
            startup.put("user", "pg_scram");
            startup.put("database", conn.dbname());
            writer.startup(startup);
            writer.flush();

            Authentication sasl = authentication(reader);
            assertEquals(Authentication.SASL, sasl.code());
            offered.addAll(sasl.saslMechanisms());
            ScramAuthentication scram = new ScramAuthentication(offered, password, transport.tlsSocket());
            writer.saslInitialResponse(scram.mechanism(), scram.clientFirstMessage());
            writer.flush();

            Authentication serverFirst = authentication(reader);
            assertEquals(Authentication.SASL_CONTINUE, serverFirst.code());
            writer.saslResponse(scram.clientFinalMessage(serverFirst.data()));
            writer.flush();

            Authentication serverFinal = authentication(reader);
            assertEquals(Authentication.SASL_FINAL, serverFinal.code());
            scram.verifyServerFinal(serverFinal.data());
            assertEquals(Authentication.OK, authentication(reader).code());
            return scram.mechanism();
        }
    }

    private static Authentication authentication(MessageReader reader) throws Exception {
        reader.next();
        BackendMessage m = reader.decode();
        if (m instanceof ErrorResponse) {
            throw new AssertionError("server refused: " + ((ErrorResponse) m).fields());
        }
        return assertInstanceOf(Authentication.class, m);
    }
}
