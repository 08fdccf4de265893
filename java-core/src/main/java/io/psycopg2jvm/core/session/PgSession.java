package io.psycopg2jvm.core.session;

import io.psycopg2jvm.core.auth.ChannelBinding;
import io.psycopg2jvm.core.auth.Md5Password;
import io.psycopg2jvm.core.auth.ScramAuthentication;
import io.psycopg2jvm.core.codec.Latin1Ascii;
import io.psycopg2jvm.core.codec.PgEncodings;
import io.psycopg2jvm.core.codec.TextValueDecoder;
import io.psycopg2jvm.core.codec.UndecodableTextException;
import io.psycopg2jvm.core.conninfo.ConnInfo;
import io.psycopg2jvm.core.conninfo.Environment;
import io.psycopg2jvm.core.conninfo.InvalidConnSettingsException;
import io.psycopg2jvm.core.error.PgConnectionException;
import io.psycopg2jvm.core.error.PgException;
import io.psycopg2jvm.core.error.PgServerException;
import io.psycopg2jvm.core.error.ServerMessageFormat;
import io.psycopg2jvm.core.net.Transport;
import io.psycopg2jvm.core.protocol.MessageReader;
import io.psycopg2jvm.core.protocol.MessageWriter;
import io.psycopg2jvm.core.protocol.backend.Authentication;
import io.psycopg2jvm.core.protocol.backend.BackendKeyData;
import io.psycopg2jvm.core.protocol.backend.BackendMessage;
import io.psycopg2jvm.core.protocol.backend.CommandComplete;
import io.psycopg2jvm.core.protocol.backend.CopyDone;
import io.psycopg2jvm.core.protocol.backend.CopyInResponse;
import io.psycopg2jvm.core.protocol.backend.CopyOutResponse;
import io.psycopg2jvm.core.protocol.backend.EmptyQueryResponse;
import io.psycopg2jvm.core.protocol.backend.ErrorResponse;
import io.psycopg2jvm.core.protocol.backend.NoticeResponse;
import io.psycopg2jvm.core.protocol.backend.NotificationResponse;
import io.psycopg2jvm.core.protocol.backend.ParameterStatus;
import io.psycopg2jvm.core.protocol.backend.ReadyForQuery;
import io.psycopg2jvm.core.protocol.backend.RowDescription;
import com.ongres.scram.common.exception.ScramException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLSocket;

/**
 * One PostgreSQL session over protocol v3: the state machine that owns the socket. Public
 * methods are synchronized, so one session may be shared between threads (psycopg2's
 * threadsafety level 2); {@link #cancel()} is the exception, it runs while a query does.
 */
public final class PgSession implements AutoCloseable {
    private static final String CONNECTION_LOST = "server closed the connection unexpectedly\n"
            + "\tThis probably means the server terminated abnormally\n"
            + "\tbefore or while processing the request.\n";

    private static final String TLS_CONNECTION_LOST = "SSL connection has been closed unexpectedly\n";

    private final Transport transport;
    private final MessageReader reader;
    private final MessageWriter writer;
    private final Endpoint endpoint;
    private final Map<String, String> parameters = new HashMap<>();
    private final List<String> notices = new ArrayList<>();
    private final List<NotificationResponse> notifications = new ArrayList<>();
    /** ParameterStatus reports after startup, as name, value pairs (a SET of a reported setting). */
    private final List<String> reported = new ArrayList<>();
    /** The last FATAL (or PANIC) error the server sent, as libpq formats it, for lostMessage(). */
    private String lastFatal;
    private String lostMessage;
    private Charset charset = StandardCharsets.UTF_8;
    private int processId;
    private int secretKey;
    private volatile char transactionStatus = 'I';
    private volatile State state = State.STARTING;
    /** While a thread waits for a statement's answer: libpq's PQTRANS_ACTIVE. */
    private volatile boolean awaitingAnswer;
    /** The statement {@link #send} sent whose answer {@link #receive} has yet to read, or null. */
    private String sent;
    /** The answer to what {@link #send} sent, read because another call came first: for {@link #receive}. */
    private QueryResult received;
    private RuntimeException receivedFailure;
    /** The executemany {@link #startMany} began and {@link #finishMany} has yet to end, or null. */
    private StatementRun many;

    private enum State { STARTING, READY, COPY_IN, COPY_OUT, CLOSED, BROKEN }

    /** CopyData is flushed to the socket once this much is queued. */
    private static final int COPY_FLUSH_BYTES = 64 * 1024;
    /** Chars of COPY text encoded at a time. */
    private static final int COPY_TEXT_PIECE = 64 * 1024;
    /** Bytes of COPY data in one CopyData message at most. */
    private static final int COPY_DATA_BYTES = 64 * 1024;

    /** copyRead() and copyReadRows() hand over CopyData in chunks of about this size (one interop call each). */
    private static final int COPY_CHUNK_BYTES = 64 * 1024;
    /** How much copyReadText and its kin gather at a time: COPY_CHUNK_BYTES, or what the caller asked. */
    private int copyChunkLimit = COPY_CHUNK_BYTES;

    private String copySql;
    /** The server's error that ended a COPY TO STDOUT, for the read after its last rows to throw. */
    private PgServerException copyOutFailure;
    /** A COPY TO STDOUT row not valid in the client encoding, for the next text read to throw. */
    private byte[] copyUndecodable;
    /** While in COPY FROM STDIN: the server's answer, read as it comes. */
    private CopyInAnswer copyInAnswer;
    private QueryResult copyResult;
    private BackendMessage copyResponse;
    private byte[] copyChunk; // allocated by the first COPY TO STDOUT
    private int copyChunkSize;
    private int[] copyRowEnds = new int[256]; // where each CopyData message of the chunk ends
    private int copyRows;

    private StartupSettings settings;
    private boolean passwordUsed;

    private PgSession(Transport transport, Endpoint endpoint) {
        this.transport = transport;
        this.endpoint = endpoint;
        this.reader = new MessageReader(transport.in());
        this.writer = new MessageWriter(transport.out());
    }

    /**
     * Connects with a libpq connection string or URI, completed from the PG* environment
     * variables and the password file as libpq does.
     */
    public static PgSession open(String conninfo) {
        return open(conninfo, Environment.current());
    }

    /**
     * As {@link #open(String)}, with the PG* variables taken from {@code environment}: Python
     * passes its own os.environ, which a script may have changed since the JVM started.
     */
    public static PgSession open(String conninfo, Map<String, String> environment) {
        ConnInfo info = ConnInfo.parse(conninfo == null ? "" : conninfo);
        return connect(StartupSettings.from(info.resolve(new HashMap<>(environment))));
    }

    /** Connects, authenticates and waits for the first ReadyForQuery, trying each host in turn. */
    public static PgSession connect(StartupSettings settings) {
        PgConnectionException last = null;
        StringBuilder messages = new StringBuilder();
        int attempts = 0;
        for (Endpoint host : settings.endpoints()) {
            for (Endpoint endpoint : host.addresses()) {
                attempts++;
                try {
                    return Connector.connect(settings, endpoint);
                } catch (InvalidConnSettingsException e) {
                    throw e; // a setting the first attempt found invalid: no other host is tried
                } catch (PgConnectionException e) {
                    last = e;
                    messages.append(e.getMessage());
                }
            }
        }
        if (last == null) {
            throw new PgConnectionException("no host to connect to");
        }
        if (attempts == 1) {
            throw last;
        }
        throw new PgConnectionException(messages.toString(), last.serverError(), last.getCause());
    }

    /** Runs the startup exchange on a freshly opened transport; called by {@link Connector}. */
    static PgSession start(Transport transport, Endpoint endpoint, StartupSettings settings) throws IOException {
        PgSession session = new PgSession(transport, endpoint);
        session.startup(settings);
        return session;
    }

    private void startup(StartupSettings settings) throws IOException {
        this.settings = settings;
        writer.startup(settings.startupParameters());
        writer.flush();
        ScramAuthentication scram = null;
        boolean authenticated = false;
        while (true) {
            char type = reader.next();
            BackendMessage m = reader.decode();
            if (m instanceof Authentication) {
                scram = authenticate((Authentication) m, settings, scram);
                authenticated = ((Authentication) m).code() == Authentication.OK;
            } else if (m instanceof ErrorResponse) {
                PgServerException error = new PgServerException(((ErrorResponse) m).fields(), null);
                String message = endpoint.failurePrefix() + error.formatted();
                throw authenticated ? new PgConnectionException(message, error, null)
                        : new AuthenticationRefused(message, error);
            } else if (m instanceof ParameterStatus) {
                parameterStatus((ParameterStatus) m);
            } else if (m instanceof BackendKeyData) {
                processId = ((BackendKeyData) m).processId();
                secretKey = ((BackendKeyData) m).secretKey();
            } else if (m instanceof NoticeResponse) {
                notices.add(ServerMessageFormat.formatNotice(((NoticeResponse) m).fields()));
            } else if (m instanceof ReadyForQuery) {
                transactionStatus = ((ReadyForQuery) m).transactionStatus();
                state = State.READY;
                return;
            } else if (type != 'v') {
                // NegotiateProtocolVersion ('v') is harmless; anything else is a protocol violation
                throw new IOException("unexpected message type '" + type + "' during startup");
            }
        }
    }

    private ScramAuthentication authenticate(Authentication auth, StartupSettings settings, ScramAuthentication scram)
            throws IOException {
        if (settings.channelBinding() == ChannelBinding.REQUIRE) {
            requireChannelBinding(auth.code(), scram);
        }
        switch (auth.code()) {
            case Authentication.OK:
                return scram;
            case Authentication.CLEARTEXT_PASSWORD:
                writer.password(requirePassword().getBytes(charset));
                writer.flush();
                return scram;
            case Authentication.MD5_PASSWORD:
                writer.password(Md5Password.encode(settings.user(), requirePassword(), auth.data()));
                writer.flush();
                return scram;
            case Authentication.SASL: {
                List<String> mechanisms = auth.saslMechanisms();
                SSLSocket bindTo = settings.channelBinding() == ChannelBinding.DISABLE ? null : transport.tlsSocket();
                ScramAuthentication s = new ScramAuthentication(mechanisms, requirePassword(), bindTo);
                if (settings.channelBinding() == ChannelBinding.REQUIRE && !s.channelBound()) {
                    throw new PgConnectionException(endpoint.failurePrefix() + "channel binding is required, but server"
                            + " did not offer an authentication method that supports channel binding\n");
                }
                writer.saslInitialResponse(s.mechanism(), s.clientFirstMessage());
                writer.flush();
                return s;
            }
            case Authentication.SASL_CONTINUE:
                try {
                    writer.saslResponse(scram.clientFinalMessage(auth.data()));
                } catch (ScramException e) {
                    throw new PgConnectionException(endpoint.failurePrefix() + "SCRAM exchange failed: " + e.getMessage()
                            + "\n", e);
                }
                writer.flush();
                return scram;
            case Authentication.SASL_FINAL:
                try {
                    scram.verifyServerFinal(auth.data());
                } catch (ScramException e) {
                    throw new PgConnectionException(endpoint.failurePrefix()
                            + "invalid SCRAM server signature: " + e.getMessage() + "\n", e);
                }
                return scram;
            default:
                throw new PgConnectionException(endpoint.failurePrefix() + "authentication method requested by the server"
                        + " is not supported (code " + auth.code() + ")\n");
        }
    }

    /**
     * Under channel_binding=require, refuses (as libpq does) any request that is not SCRAM over
     * TLS, and an AuthenticationOk that did not come after a channel-bound exchange.
     */
    private void requireChannelBinding(int code, ScramAuthentication scram) {
        String problem = null;
        if (code == Authentication.OK) {
            if (scram == null || !scram.channelBound()) {
                problem = "channel binding required, but server authenticated client without channel binding";
            }
        } else if (code == Authentication.SASL) {
            if (transport.tlsSocket() == null) {
                problem = "channel binding required, but SSL not in use";
            }
        } else if (code != Authentication.SASL_CONTINUE && code != Authentication.SASL_FINAL) {
            problem = "channel binding required but not supported by server's authentication request";
        }
        if (problem != null) {
            throw new PgConnectionException(endpoint.failurePrefix() + problem + "\n");
        }
    }

    private String requirePassword() {
        passwordUsed = true;
        if (endpoint.password() == null || endpoint.password().isEmpty()) {
            throw new PgConnectionException(endpoint.failurePrefix() + "fe_sendauth: no password supplied\n");
        }
        return endpoint.password();
    }

    /**
     * Runs {@code sql} with the simple query protocol. The SQL may hold several statements; the
     * result describes the last one, as libpq's PQexec does. A server error is thrown after the
     * session is ready again, so the connection stays usable.
     */
    public synchronized QueryResult execute(String sql) {
        ensureOpen();
        try {
            writer.query(sql, charset);
            writer.flush();
            return readResults(sql, true, false);
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /**
     * Sends {@code sql} as {@link #execute} does and returns at once: {@link #receive} reads the
     * answer, and nothing else may run on the session before it. The caller prepares its next
     * statement while the server runs this one (execute_values builds page after page so).
     */
    public synchronized void send(String sql) {
        ensureOpen();
        if (received != null || receivedFailure != null) {
            throw new IllegalStateException("the answer to the statement sent before was not received: receive() first");
        }
        try {
            writer.query(sql, charset);
            writer.flush();
        } catch (IOException e) {
            throw lost(e);
        }
        sent = sql;
    }

    /** The answer to the statement {@link #send} sent, as {@link #execute} gives it. */
    public synchronized QueryResult receive() {
        if (received != null || receivedFailure != null) {
            QueryResult result = received;
            RuntimeException failure = receivedFailure;
            received = null;
            receivedFailure = null;
            if (failure != null) {
                throw failure;
            }
            return result;
        }
        if (sent == null) {
            ensureConnected(); // lost while reading the answer for another call: say so
            throw new IllegalStateException("no statement was sent to receive the answer of");
        }
        String sql = sent;
        sent = null;
        ensureConnected();
        try {
            return readResults(sql, true, false);
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /**
     * As {@link #execute}, for a query held as bytes that need not be valid in the client
     * encoding, one char per byte (ISO-8859-1; NUL cut by the caller): they go out as they are,
     * as libpq sends what psycopg2 gives it, and the server judges them.
     */
    public synchronized QueryResult executeBytes(String latin1Sql) {
        ensureOpen();
        byte[] text = latin1Sql.getBytes(StandardCharsets.ISO_8859_1);
        try {
            writer.query(text);
            writer.flush();
            // error positions are counted in the text as the client encoding reads it
            return readResults(new String(text, charset), true, false);
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /**
     * Runs {@code sql} and, when the server answers with COPY FROM STDIN or COPY TO STDOUT, leaves
     * the session in that copy mode: then only {@link #copyWrite}/{@link #copyEnd}/{@link #copyFail}
     * (copy-in) or {@link #copyRead}/{@link #copyEnd} (copy-out) may follow. A statement that is no
     * COPY runs as with {@link #execute}.
     */
    public synchronized CopyStart startCopy(String sql) {
        ensureOpen();
        try {
            writer.query(sql, charset);
            writer.flush();
            copyResponse = null;
            copyResult = null;
            copyUndecodable = null;
            copyOutFailure = null;
            if (copyChunk != null && copyChunk.length > 4 * COPY_CHUNK_BYTES) {
                copyChunk = null; // a huge row or chunk of the last COPY grew it: let that go
            }
            QueryResult result = readResults(sql, true, true);
            if (copyResponse instanceof CopyInResponse) {
                CopyInResponse in = (CopyInResponse) copyResponse;
                copySql = sql;
                state = State.COPY_IN;
                copyInAnswer = new CopyInAnswer();
                return new CopyStart('i', in.binary(), in.columns(), null);
            }
            if (copyResponse instanceof CopyOutResponse) {
                CopyOutResponse out = (CopyOutResponse) copyResponse;
                copySql = sql;
                state = State.COPY_OUT;
                return new CopyStart('o', out.binary(), out.columns(), null);
            }
            return new CopyStart((char) 0, false, 0, result);
        } catch (IOException e) {
            throw lost(e);
        } finally {
            copyResponse = null;
        }
    }

    /** Sends one chunk of COPY FROM STDIN data (any split: rows may span chunks). */
    public synchronized void copyWrite(byte[] data) {
        copyWrite(data, 0, data.length);
    }

    /**
     * Sends text encoded with the client encoding (a Python str crosses into Java faster than bytes
     * do; in UTF-8, ASCII pieces go out as they are, found at memory speed). False when the
     * encoding cannot hold some of it (a lone surrogate, a character outside the charset): the
     * caller must then fail the COPY with its own error, as some of the text may have gone out
     * already (long text is encoded and sent a piece at a time, so that the server parses while
     * the rest is encoded).
     */
    public synchronized boolean copyWriteText(String text) {
        return copyWriteText(text, COPY_TEXT_PIECE) < 0;
    }

    /**
     * As {@link #copyWriteText(String)}, in pieces of {@code pieceChars} chars (a surrogate pair
     * kept whole). Returns -1 when all of it went out; else where the piece that was refused
     * starts, in code points (Python's str indices): the pieces before it went out, nothing of
     * it did. With pieces a multiple of psycopg2's read size, the caller can send what psycopg2
     * would have sent before failing.
     */
    public synchronized int copyWriteText(String text, int pieceChars) {
        requireState(State.COPY_IN, "copyWriteText");
        if (!StandardCharsets.UTF_8.equals(charset)) {
            ByteBuffer data;
            try {
                data = charset.newEncoder().encode(CharBuffer.wrap(text));
            } catch (CharacterCodingException e) {
                return 0;
            }
            copyWrite(data.array(), data.arrayOffset() + data.position(), data.remaining());
            return -1;
        }
        for (int at = 0, n = text.length(); at < n; ) {
            int end = Math.min(n, at + Math.max(2, pieceChars));
            if (end < n && Character.isHighSurrogate(text.charAt(end - 1))) {
                end--; // a surrogate pair stays in one piece
            }
            String piece = text.substring(at, end);
            byte[] data = piece.getBytes(StandardCharsets.ISO_8859_1);
            if (!Latin1Ascii.isPlainAscii(data)) {
                // String.getBytes is faster than a CharsetEncoder, but writes '?' for a lone
                // surrogate, the only text UTF-8 cannot hold: looked for where a '?' came out
                data = piece.getBytes(StandardCharsets.UTF_8);
                if (Latin1Ascii.hasQuestionMark(data) && hasLoneSurrogate(piece)) {
                    return text.codePointCount(0, at);
                }
            }
            copyWrite(data, 0, data.length);
            at = end;
        }
        return -1;
    }

    /**
     * Sends text the caller knows to be ASCII (Python's {@code str.isascii}), which is the same
     * bytes in every client encoding: copied out without encoding or checking.
     */
    public synchronized void copyWriteAscii(String text) {
        requireState(State.COPY_IN, "copyWriteAscii");
        for (int at = 0, n = text.length(); at < n; at += COPY_TEXT_PIECE) {
            byte[] data = text.substring(at, Math.min(n, at + COPY_TEXT_PIECE)).getBytes(StandardCharsets.ISO_8859_1);
            copyWrite(data, 0, data.length);
        }
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    public synchronized void copyWrite(byte[] data, int offset, int length) {
        requireState(State.COPY_IN, "copyWrite");
        if (length == 0 || copyInAnswer.arrived()) {
            return; // the server ended the COPY with an error: it drops what follows, copyEnd tells
        }
        try {
            // a CopyData message per 64 KB at most: the server refuses messages of 1 GB, and the
            // writer's buffer need not grow to the caller's chunk
            for (int at = offset, end = offset + length; at < end; at += COPY_DATA_BYTES) {
                writer.copyData(data, at, Math.min(COPY_DATA_BYTES, end - at));
                if (writer.pending() >= COPY_FLUSH_BYTES) {
                    writer.flush();
                }
            }
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /**
     * Ends the COPY: for copy-in sends CopyDone; for copy-out reads (and drops) whatever data is
     * left. Returns the COPY's result (rowcount, tag); a server error (bad data) is thrown once the
     * session is ready again.
     */
    public synchronized QueryResult copyEnd() {
        try {
            if (state == State.COPY_IN) {
                if (!copyInAnswer.arrived()) {
                    writer.copyDone();
                    writer.flush();
                }
                return copyInEnded();
            }
            copyUndecodable = null;
            throwCopyOutFailure();
            if (state == State.COPY_OUT) {
                while (readCopyChunk()) {
                    // drained a chunk at a time
                }
            }
            if (copyResult == null) {
                requireState(State.COPY_OUT, "copyEnd");
            }
            QueryResult result = copyResult;
            copyResult = null;
            return result;
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /**
     * Aborts a COPY FROM STDIN with {@code reason}; the server's answer ("COPY from stdin failed:
     * reason", SQLSTATE 57014) is thrown once the session is ready again.
     */
    public synchronized void copyFail(String reason) {
        requireState(State.COPY_IN, "copyFail");
        try {
            if (!copyInAnswer.arrived()) {
                writer.copyFail(reason, charset);
                writer.flush();
            }
            copyInEnded(); // throws the server's error: 57014 for the CopyFail, or the earlier one
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /** The server's answer to a COPY FROM STDIN, once it has come. */
    private QueryResult copyInEnded() throws IOException {
        CopyInAnswer answer = copyInAnswer;
        copyInAnswer = null;
        answer.await();
        if (answer.broken != null) {
            throw answer.broken;
        }
        state = State.READY;
        if (answer.failure != null) {
            throw answer.failure;
        }
        return answer.result;
    }

    /**
     * Reads the server's answer to a COPY FROM STDIN on a thread of its own while the data goes
     * out: a trigger's notices (or an early error) would otherwise fill the socket buffers while
     * the client only writes, the server would stop reading, and both would wait for ever (libpq
     * reads while it sends). The answer comes after CopyDone or CopyFail, or at once after an
     * error, when the server drops the rest of the data. Notices and notifications are kept for
     * the next statement's result, which is when psycopg2 shows a COPY's notices.
     */
    private final class CopyInAnswer implements Runnable {
        private final Thread thread = new Thread(this, "psycopg2-jvm COPY FROM STDIN answer");
        private volatile boolean done;
        private QueryResult result;
        private PgServerException failure;
        private IOException broken;

        CopyInAnswer() {
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            try {
                result = readResults(copySql, false, false);
            } catch (PgServerException e) {
                failure = e;
            } catch (IOException e) {
                broken = e;
            } catch (RuntimeException | Error e) {
                broken = new IOException("reading the answer to COPY FROM STDIN failed", e);
            } finally {
                done = true;
            }
        }

        /** Whether the server has answered (with an error, while data is still being sent). */
        boolean arrived() {
            return done;
        }

        void await() throws IOException {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted waiting for the end of COPY FROM STDIN");
            }
        }
    }

    /**
     * The next COPY TO STDOUT data: whole rows, about 64 KB at a time, or null when the server
     * has sent them all (then {@link #copyEnd} gives the result).
     */
    public synchronized byte[] copyRead() {
        return readCopyChunk() ? Arrays.copyOf(copyChunk, copyChunkSize) : null;
    }

    /**
     * As {@link #copyRead}, decoded with the client encoding (chunks end at row ends). A row not
     * valid in the encoding ends the chunk before it, and the next call throws {@link
     * UndecodableTextException} with its bytes: psycopg2 writes the rows before it, then raises
     * the codec's error for that row.
     */
    public synchronized String copyReadText() {
        throwUndecodableRow();
        if (!readCopyChunk()) {
            return null;
        }
        String text = new String(copyChunk, 0, copyChunkSize, charset);
        if (text.indexOf('\uFFFD') < 0) {
            return text; // the lenient decoding marks what it replaced: nothing was
        }
        int valid = validRows(0);
        return valid == copyRows ? text : new String(copyChunk, 0, rowStart(valid), charset);
    }

    /**
     * As {@link #copyReadText}, with rows read until the chunk holds at least {@code minBytes} (or
     * the rows are over): for a caller whose writes cost more per call than per char (GraalPy's
     * io.StringIO takes one 14 MB write 20 times faster than 215 of 64 KB).
     */
    public synchronized String copyReadTextJoined(int minBytes) {
        copyChunkLimit = minBytes;
        try {
            return copyReadText();
        } finally {
            copyChunkLimit = COPY_CHUNK_BYTES;
            if (copyChunk != null && copyChunk.length > 4 * COPY_CHUNK_BYTES) {
                copyChunk = null; // decoded: the big buffer is not kept for the next read
            }
        }
    }

    /**
     * As {@link #copyRead}, each byte as one char (ISO-8859-1): Python turns such a string into
     * bytes with {@code .encode('latin-1')} many times faster than it converts a byte[].
     */
    public synchronized String copyReadLatin1() {
        return readCopyChunk() ? new String(copyChunk, 0, copyChunkSize, StandardCharsets.ISO_8859_1) : null;
    }

    /**
     * As {@link #copyReadText}, one string per row (per CopyData message): psycopg2 hands each
     * row to the file's write() on its own, and scripts with their own file objects count on it.
     */
    public synchronized String[] copyReadRows() {
        throwUndecodableRow();
        if (!readCopyChunk()) {
            return null;
        }
        String[] rows = rowStrings(charset);
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].indexOf('\uFFFD') >= 0) {
                int valid = validRows(i);
                if (valid < rows.length) {
                    return Arrays.copyOf(rows, valid);
                }
                break;
            }
        }
        return rows;
    }

    /**
     * How many rows of the chunk, checked strictly from {@code from} on, are valid in the client
     * encoding; the first invalid one is kept for the next read to throw (thrown now if it is the
     * chunk's first).
     */
    private int validRows(int from) {
        for (int i = from; i < copyRows; i++) {
            int start = rowStart(i);
            try {
                TextValueDecoder.text(copyChunk, start, copyRowEnds[i] - start, charset);
            } catch (UndecodableTextException e) {
                if (i == 0) {
                    throw e;
                }
                copyUndecodable = e.bytes();
                return i;
            }
        }
        return copyRows;
    }

    private int rowStart(int row) {
        return row == 0 ? 0 : copyRowEnds[row - 1];
    }

    /** The server's error that ended a COPY TO STDOUT after the rows already handed over. */
    private void throwCopyOutFailure() {
        if (copyOutFailure != null) {
            PgServerException failure = copyOutFailure;
            copyOutFailure = null;
            throw failure;
        }
    }

    private void throwUndecodableRow() {
        if (copyUndecodable != null) {
            byte[] row = copyUndecodable;
            copyUndecodable = null;
            throw new UndecodableTextException(row);
        }
    }

    /** As {@link #copyReadRows}, each byte as one char (ISO-8859-1), as {@link #copyReadLatin1}. */
    public synchronized String[] copyReadRowsLatin1() {
        return readCopyChunk() ? rowStrings(StandardCharsets.ISO_8859_1) : null;
    }

    private String[] rowStrings(Charset rowCharset) {
        String[] rows = new String[copyRows];
        int start = 0;
        for (int i = 0; i < copyRows; i++) {
            rows[i] = new String(copyChunk, start, copyRowEnds[i] - start, rowCharset);
            start = copyRowEnds[i];
        }
        return rows;
    }

    private boolean readCopyChunk() {
        try {
            return readCopyOut();
        } catch (IOException e) {
            throw lost(e);
        } catch (PgServerException | IllegalStateException e) {
            throw e; // the COPY's error, read through to ReadyForQuery; or no COPY TO going on
        } catch (RuntimeException | Error e) {
            breakOff();
            throw e;
        }
    }

    /**
     * Fills {@link #copyChunk} with whole CopyData rows, straight from the receive buffer, up to
     * about {@link #copyChunkLimit}; false once the COPY is over and nothing is left.
     */
    private boolean readCopyOut() throws IOException {
        copyChunkSize = 0;
        copyRows = 0;
        throwCopyOutFailure();
        if (state != State.COPY_OUT) {
            if (copyResult != null) {
                return false;
            }
            requireState(State.COPY_OUT, "copyRead");
        }
        if (copyChunk == null) {
            copyChunk = new byte[COPY_CHUNK_BYTES + 1024];
        }
        while (true) {
            char type = reader.next();
            if (type == MessageReader.COPY_DATA) {
                int length = reader.length();
                if (copyChunkSize + length > copyChunk.length) {
                    copyChunk = Arrays.copyOf(copyChunk, Math.max(copyChunk.length * 2, copyChunkSize + length));
                }
                reader.payloadInto(copyChunk, copyChunkSize);
                copyChunkSize += length;
                if (copyRows == copyRowEnds.length) {
                    copyRowEnds = Arrays.copyOf(copyRowEnds, copyRows * 2);
                }
                copyRowEnds[copyRows++] = copyChunkSize;
                if (copyChunkSize >= copyChunkLimit) {
                    return true;
                }
                continue;
            }
            BackendMessage m = reader.decode();
            if (m instanceof CopyDone || m instanceof ErrorResponse) {
                state = State.READY;
                PgServerException error = m instanceof ErrorResponse
                        ? new PgServerException(((ErrorResponse) m).fields(), copySql) : null;
                QueryResult after;
                try {
                    after = readResults(copySql, true, false);
                } catch (PgServerException e) {
                    if (error == null) {
                        throw e;
                    }
                    after = null;
                }
                if (error != null) {
                    if (copyChunkSize == 0) {
                        throw error;
                    }
                    // the rows that came before the error first, as psycopg2 writes them; then it
                    copyOutFailure = error;
                    return true;
                }
                copyResult = after;
                return copyChunkSize > 0; // the last rows are still to be read from copyChunk
            }
            asynchronous(m);
        }
    }

    private void requireState(State wanted, String call) {
        ensureConnected();
        if (state != wanted) {
            throw new IllegalStateException(call + "() called while the session is not in "
                    + (wanted == State.COPY_IN ? "COPY FROM STDIN" : "COPY TO STDOUT") + " mode");
        }
    }

    /**
     * Reads one query's answers up to ReadyForQuery. With {@code handOverEvents}, notices and
     * notifications go with the result; otherwise they stay for drainNotices/drainNotifications
     * (executePipelined drops its per-statement results).
     */
    private QueryResult readResults(String sql, boolean handOverEvents, boolean entersCopy) throws IOException {
        awaitingAnswer = true;
        try {
            return readResultsOf(sql, handOverEvents, entersCopy);
        } catch (PgServerException e) {
            throw e; // thrown once ReadyForQuery is read: the session is in step
        } catch (RuntimeException | Error e) {
            breakOff();
            throw e;
        } finally {
            awaitingAnswer = false;
        }
    }

    /**
     * A failure in the middle of reading the server's answer (out of memory for a huge result,
     * a message that does not decode): the rest of the answer is still on the wire, so the
     * session can no longer tell answers apart. It is closed as broken, as a lost connection is.
     */
    private void breakOff() {
        state = State.BROKEN;
        transport.close();
    }

    private QueryResult readResultsOf(String sql, boolean handOverEvents, boolean entersCopy) throws IOException {
        RowDescription.Column[] columns = null;
        List<byte[]> rows = new ArrayList<>();
        String tag = null;
        boolean empty = false;
        boolean previousDone = false; // the next message starts another statement
        char refusedCopy = 0;
        PgServerException error = null;
        while (true) {
            char type = reader.next();
            if (type == MessageReader.DATA_ROW) {
                rows.add(reader.payload());
                continue;
            }
            if (type == MessageReader.COPY_DATA) {
                reader.payload(); // a COPY TO STDOUT run through execute(): drained and refused
                continue;
            }
            BackendMessage m = reader.decode();
            if (m instanceof RowDescription) {
                columns = ((RowDescription) m).columns();
                rows = new ArrayList<>();
                tag = null;
                empty = false;
                previousDone = false;
            } else if (m instanceof CommandComplete) {
                if (previousDone) {
                    columns = null;
                    rows = new ArrayList<>();
                }
                tag = ((CommandComplete) m).tag();
                empty = false;
                previousDone = true;
            } else if (m instanceof EmptyQueryResponse) {
                columns = null;
                rows = new ArrayList<>();
                tag = null;
                empty = true;
                previousDone = true;
            } else if (entersCopy && error == null
                    && (m instanceof CopyInResponse || m instanceof CopyOutResponse)) {
                copyResponse = m;
                return null; // the caller drives the COPY; ReadyForQuery comes after it
            } else if (m instanceof CopyInResponse) {
                refusedCopy = 'i';
                writer.copyFail("COPY FROM STDIN is not supported through execute()", charset);
                writer.flush();
            } else if (m instanceof CopyOutResponse) {
                refusedCopy = 'o';
            } else if (m instanceof ErrorResponse) {
                if (refusedCopy == 'i' && error == null && "57014".equals(((ErrorResponse) m).fields().get('C'))) {
                    continue; // the server's answer to our CopyFail
                }
                error = new PgServerException(((ErrorResponse) m).fields(), sql);
                String severity = error.field('V');
                if ("FATAL".equals(severity) || "PANIC".equals(severity)) {
                    lastFatal = error.formatted(); // the server ends the session: libpq keeps this
                }
            } else if (m instanceof ReadyForQuery) {
                transactionStatus = ((ReadyForQuery) m).transactionStatus();
                if (error != null) {
                    throw error;
                }
                if (refusedCopy != 0) {
                    columns = null;
                    rows = new ArrayList<>();
                }
                QueryResult result = new QueryResult(tag, columns, rows, charset, empty, refusedCopy);
                if (handOverEvents && (!notices.isEmpty() || !notifications.isEmpty() || !reported.isEmpty())) {
                    result.events(drainNotices(), drainNotifications(), drainReportedParameters());
                }
                return result;
            } else {
                asynchronous(m);
            }
        }
    }

    /**
     * Runs statements back to back without waiting for each answer, for executemany inside a
     * transaction block: each a single statement, sent with the extended protocol (Parse, Bind,
     * Execute) in batches of up to {@value #PIPELINED_PER_BATCH} that end in one Sync, so that
     * after a failure the server skips the rest of its batch, and the batches after it fail in
     * the aborted transaction. Outside a transaction block, each batch is one implicit
     * transaction: a failure undoes the statements sent with it. Returns the summed row count
     * (-1 if a statement reports none) and the last tag; throws the first server error once
     * every answer has been read.
     */
    public synchronized PipelineResult executePipelined(String[] statements) {
        return runMany(statements, false);
    }

    /**
     * As {@link #executePipelined}, for statements the caller knows to be one plain statement
     * each that cannot run into the next (see {@link #joinable}): they go
     * {@value #JOINED_PER_QUERY} to a Query message, joined by ';', which the server runs faster
     * than as many Parse, Bind and Execute messages. Results and errors are those of the
     * statements on their own: row counts summed from each CommandComplete, and an error
     * reported against the statement that failed with its position counted in that statement.
     * PostgreSQL 13 and later apply statement_timeout to each statement of a message (older
     * servers to the whole message: the caller checks); statement_timestamp() is the message's.
     */
    public synchronized PipelineResult executeJoined(String[] statements) {
        return runMany(statements, true);
    }

    private PipelineResult runMany(String[] statements, boolean joined) {
        startMany(false);
        StatementRun run = many;
        int perBatch = joined ? JOINED_PER_QUERY : PIPELINED_PER_BATCH;
        for (int start = 0; start < statements.length && run.error == null; start += perBatch) {
            sendBatch(run, Arrays.copyOfRange(statements, start, Math.min(start + perBatch, statements.length)), joined);
        }
        return finishMany();
    }

    /** {@link #addMany}: the statement is queued (sent, maybe). */
    public static final int MANY_QUEUED = 1;
    /** {@link #addMany}: a statement sent before has failed; nothing more is taken, finishMany throws its error. */
    public static final int MANY_FAILED = 0;
    /**
     * {@link #addMany}: the statement cannot be pipelined (see {@link #pipelinable}) or the
     * session is not in a transaction block; every statement before it is sent and answered
     * without failure, and the caller runs it on its own before adding the next.
     */
    public static final int MANY_ALONE = -1;

    /**
     * Starts an executemany in a transaction block whose statements come one at a time as the
     * caller merges them ({@link #addMany}): they go out in batches without waiting for their
     * answers (joined in Query messages where {@code mayJoin} and the batch allow, else as in
     * {@link #executePipelined}), so the server runs one batch while the caller makes the next.
     * {@link #finishMany} sends the rest and gives the outcome. Any other call on the session
     * first sends what is queued and reads every answer due: it sees the statements before it
     * done, as if each had run on its own, and nothing is ever read in another's place.
     */
    public synchronized void startMany(boolean mayJoin) {
        ensureOpen();
        if (many != null) {
            throw new IllegalStateException("statements added with addMany() are unfinished: finishMany() first");
        }
        many = new StatementRun(mayJoin);
    }

    /** Queues one statement of the run {@link #startMany} began: {@link #MANY_QUEUED}, {@link #MANY_FAILED} or {@link #MANY_ALONE}. */
    public synchronized int addMany(String sql) {
        ensureReady();
        StatementRun run = startedRun();
        if (run.error != null) {
            return MANY_FAILED;
        }
        if (transactionStatus != 'T' || !pipelinable(sql, standardConformingStrings())) {
            settleRun(run);
            return run.error == null ? MANY_ALONE : MANY_FAILED;
        }
        run.queued[run.queuedCount++] = sql;
        run.queuedChars += sql.length();
        if (run.queuedCount == run.queued.length || run.queuedChars >= BATCH_CHARS) {
            sendQueued(run);
        }
        return run.error == null ? MANY_QUEUED : MANY_FAILED;
    }

    /** Sends what the run has queued and reads every answer due; false when a statement has failed. */
    public synchronized boolean settleMany() {
        ensureReady();
        StatementRun run = startedRun();
        settleRun(run);
        return run.error == null;
    }

    /**
     * The outcome of the run's statements once every one is sent and answered: summed row count
     * (from each tag: -1 if one reports none), the last tag and that statement's own count; or
     * the first server error, thrown. Ends the run; with none started, gives no rows.
     */
    public synchronized PipelineResult finishMany() {
        ensureOpen();
        StatementRun run = many;
        if (run == null) {
            return new PipelineResult(0, null, -1);
        }
        many = null;
        if (run.error != null) {
            throw run.error;
        }
        return new PipelineResult(run.total, run.lastTag, run.lastCount);
    }

    private StatementRun startedRun() {
        if (many == null) {
            throw new IllegalStateException("no executemany started: startMany() first");
        }
        return many;
    }

    private boolean standardConformingStrings() {
        return !"off".equals(parameters.get("standard_conforming_strings"));
    }

    /** Sends the run's queued statements (none once one has failed), then reads every answer due. */
    private void settleRun(StatementRun run) {
        if (run.queuedCount > 0 && run.error == null) {
            sendQueued(run);
        }
        run.queuedCount = 0;
        run.queuedChars = 0;
        try {
            while (!run.inFlight.isEmpty()) {
                readBatch(run, run.inFlight.poll());
            }
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private void sendQueued(StatementRun run) {
        String[] statements = Arrays.copyOf(run.queued, run.queuedCount);
        run.queuedCount = 0;
        run.queuedChars = 0;
        sendBatch(run, statements, run.mayJoin && joinable(statements));
    }

    /**
     * Sends one batch of a run, reading earlier answers first. A joined batch may go out before
     * the answer to the last is read, if answered briefly (no RETURNING) and short: then neither
     * side can block writing to a full socket while the other does too; joined statements are
     * INSERT, UPDATE and DELETE, which fail in the aborted transaction that follows a failure.
     * Nothing more goes out once one has failed. A statement that cannot be sent ends the run:
     * the answers due are read, and the first server error among them is thrown, or else what
     * stopped the statement.
     */
    private void sendBatch(StatementRun run, String[] statements, boolean joined) {
        try {
            int mark = writer.pending();
            SentBatch batch;
            try {
                batch = queueBatch(statements, run.sent, joined);
            } catch (RuntimeException | Error e) {
                writer.discard(mark); // none of this batch goes out with a later query
                throw e;
            }
            boolean ahead = joined && writer.pending() - mark <= SEND_AHEAD_BYTES && !anyReturning(statements);
            while (run.inFlight.size() > (ahead ? 1 : 0)) {
                readBatch(run, run.inFlight.poll());
            }
            if (run.error != null) {
                writer.discard(mark);
                return;
            }
            writer.flush();
            run.inFlight.add(batch);
            run.sent += statements.length;
        } catch (IOException e) {
            throw lost(e);
        } catch (RuntimeException | Error e) {
            many = null;
            run.queuedCount = 0;
            settleRun(run);
            if (run.error != null) {
                throw run.error;
            }
            throw e;
        }
    }

    /** Statements sent with the extended protocol before a Sync. */
    private static final int PIPELINED_PER_BATCH = 64;
    /** How many statements executeJoined() sends in one Query message. */
    private static final int JOINED_PER_QUERY = 100;
    /** A run's batch goes out once its statements hold this many chars, however few they are. */
    private static final int BATCH_CHARS = 32 * 1024;
    /** A joined batch at most this long goes out before the answer to the one before is read. */
    private static final int SEND_AHEAD_BYTES = 32 * 1024;
    /** Fewer statements than this gain too little from joining to pay for its check. */
    private static final int JOIN_AT_LEAST = 20;

    /** An executemany's statements since startMany: those queued, the batches not yet answered, the answers so far. */
    private static final class StatementRun {
        final boolean mayJoin;
        final String[] queued = new String[JOINED_PER_QUERY];
        int queuedCount;
        int queuedChars;
        final ArrayDeque<SentBatch> inFlight = new ArrayDeque<>();
        int sent; // statements sent so far: the index of the next one
        long total;
        String lastTag;
        long lastCount = -1;
        PgServerException error; // the first

        StatementRun(boolean mayJoin) {
            this.mayJoin = mayJoin;
        }
    }

    /**
     * Whether statements can go several to a Query message (see {@link #executeJoined}): enough
     * of them, each an INSERT, UPDATE or DELETE holding nothing that could run into the next
     * (';', a comment, a dollar quote, a backslash escape) and whose quotes and parentheses
     * close (a statement that does not parse would make the server refuse the whole message).
     */
    static boolean joinable(String[] statements) {
        if (statements.length < JOIN_AT_LEAST) {
            return false;
        }
        for (String sql : statements) {
            int at = 0;
            while (at < sql.length() && Character.isWhitespace(sql.charAt(at))) {
                at++;
            }
            if (!(sql.regionMatches(true, at, "INSERT", 0, 6) || sql.regionMatches(true, at, "UPDATE", 0, 6)
                    || sql.regionMatches(true, at, "DELETE", 0, 6))) {
                return false;
            }
            char quote = 0; // the quote we are inside, if any
            int depth = 0;
            char previous = 0;
            for (int i = at; i < sql.length(); i++) {
                char c = sql.charAt(i);
                if (c == ';' || c == '$' || c == '\\') {
                    return false;
                }
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0; // a doubled quote closes and opens again
                    }
                } else if (c == '\'' || c == '"') {
                    quote = c;
                } else if ((c == '-' && previous == '-') || (c == '*' && previous == '/')) {
                    return false; // "--" or "/*"
                } else if (c == '(') {
                    depth++;
                } else if (c == ')' && --depth < 0) {
                    return false;
                }
                previous = c;
            }
            if (quote != 0 || depth != 0) {
                return false;
            }
        }
        return true;
    }

    /** Statements that end, open or mark a transaction, or leave the query protocol: each runs alone. */
    private static final Set<String> ALONE_COMMANDS = Set.of(
            "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE", "PREPARE", "COPY");

    /**
     * Whether a statement may go in an extended-protocol pipeline: exactly one command (a
     * ';' outside literals, quoted names and comments only at its end), not empty, and not
     * one that changes the transaction or starts a COPY. Literals are read as the server reads
     * them: {@code ''} inside quotes, backslash escapes in E'' strings (and in plain ones while
     * standard_conforming_strings is off), dollar quotes, nested comments. Anything unfinished
     * makes it "no": the statement then runs alone, as psycopg2 runs each.
     */
    static boolean pipelinable(String sql, boolean standardStrings) {
        int n = sql.length();
        int first = -1; // where the first command word starts
        boolean ended = false; // a ';' came: nothing but blanks and comments may follow
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                while (i < n && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int depth = 1;
                i += 2;
                while (depth > 0) {
                    if (i + 1 >= n) {
                        return false; // unfinished comment
                    }
                    if (sql.charAt(i) == '/' && sql.charAt(i + 1) == '*') {
                        depth++;
                        i += 2;
                    } else if (sql.charAt(i) == '*' && sql.charAt(i + 1) == '/') {
                        depth--;
                        i += 2;
                    } else {
                        i++;
                    }
                }
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000b') {
                i++;
                continue;
            }
            if (ended) {
                return false; // a second command
            }
            if (c == ';') {
                ended = true;
                i++;
                continue;
            }
            if (first < 0) {
                first = i;
            }
            if (c == '\'') {
                boolean escapes = !standardStrings || (i > 0 && (sql.charAt(i - 1) | 0x20) == 'e'
                        && (i < 2 || !isIdentifierChar(sql.charAt(i - 2))));
                i = afterQuoted(sql, i, '\'', escapes);
            } else if (c == '"') {
                i = afterQuoted(sql, i, '"', false);
            } else if (c == '$' && (i == 0 || !isIdentifierChar(sql.charAt(i - 1)))) {
                i = afterDollarQuoted(sql, i);
            } else {
                i++;
            }
            if (i < 0) {
                return false; // unfinished literal
            }
        }
        if (first < 0) {
            return false; // empty: psycopg2 refuses it, alone
        }
        int end = first;
        while (end < n && Character.isLetter(sql.charAt(end))) {
            end++;
        }
        return !ALONE_COMMANDS.contains(sql.substring(first, end).toUpperCase(Locale.ROOT));
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c >= 0x80;
    }

    /** Where a quoted literal or name opening at {@code open} ends (just after it); -1 if it does not. */
    private static int afterQuoted(String sql, int open, char quote, boolean backslashEscapes) {
        int i = open + 1;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\\' && backslashEscapes) {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2; // doubled: part of the literal
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return -1;
    }

    /**
     * Where a dollar-quoted literal opening at {@code open} ends; {@code open + 1} when the '$'
     * opens none (a parameter such as $1); -1 if it never ends.
     */
    private static int afterDollarQuoted(String sql, int open) {
        int i = open + 1;
        while (i < sql.length() && sql.charAt(i) != '$') {
            char c = sql.charAt(i);
            boolean tagChar = Character.isLetter(c) || c == '_' || c >= 0x80 || (i > open + 1 && Character.isDigit(c));
            if (!tagChar) {
                return open + 1;
            }
            i++;
        }
        if (i >= sql.length()) {
            return open + 1;
        }
        String tag = sql.substring(open, i + 1);
        int close = sql.indexOf(tag, i + 1);
        return close < 0 ? -1 : close + tag.length();
    }

    /**
     * Statements that went out together, the first of them numbered {@code first} in their run:
     * with the extended protocol before one Sync, or joined in one Query message
     * ({@code offsets}: where each starts in it, in characters).
     */
    private record SentBatch(String[] statements, int first, int[] offsets) {
    }

    /** Whether some statement may answer with rows (holds RETURNING, in any case). */
    private static boolean anyReturning(String[] statements) {
        for (String sql : statements) {
            for (int i = sql.length() - "RETURNING".length(); i >= 0; i--) {
                if ((sql.charAt(i) | 0x20) == 'r' && sql.regionMatches(true, i, "RETURNING", 0, "RETURNING".length())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Queues a batch in the writer, without flushing. */
    private SentBatch queueBatch(String[] statements, int first, boolean joined) {
        if (!joined) {
            for (String sql : statements) {
                writer.parse(sql, charset);
                writer.bindNoParameters();
                writer.execute();
            }
            writer.sync();
            return new SentBatch(statements, first, null);
        }
        StringBuilder sql = new StringBuilder();
        int[] offsets = new int[statements.length];
        int position = 0;
        for (int i = 0; i < statements.length; i++) {
            if (i > 0) {
                sql.append(';');
                position++;
            }
            offsets[i] = position;
            sql.append(statements[i]);
            position += statements[i].codePointCount(0, statements[i].length());
        }
        writer.query(sql.toString(), charset);
        return new SentBatch(statements, first, offsets);
    }

    /** Reads the answers to one batch into its run, keeping the first error. */
    private void readBatch(StatementRun run, SentBatch batch) throws IOException {
        int completed = 0;
        while (true) {
            char type = reader.next();
            if (type == MessageReader.DATA_ROW) {
                reader.payload(); // executemany keeps only the counts
                continue;
            }
            BackendMessage m = reader.decode();
            if (m instanceof CommandComplete) {
                String tag = ((CommandComplete) m).tag();
                count(run, tag, QueryResult.tagRowcount(tag));
                completed++;
            } else if (m instanceof EmptyQueryResponse) {
                count(run, null, -1);
                completed++;
            } else if (m instanceof ErrorResponse) {
                Map<Character, String> fields = ((ErrorResponse) m).fields();
                int failed = Math.min(completed, batch.statements.length - 1);
                PgServerException error;
                if (batch.offsets == null) {
                    error = new PgServerException(fields, batch.statements[failed]);
                } else {
                    failed = statementAt(batch.offsets, fields.get('P'), failed);
                    error = errorInStatement(fields, batch.statements[failed], batch.offsets[failed]);
                }
                if (run.error == null) {
                    run.error = error.atStatement(batch.first + failed);
                }
            } else if (m instanceof ReadyForQuery) {
                transactionStatus = ((ReadyForQuery) m).transactionStatus();
                return;
            } else {
                asynchronous(m); // ParseComplete, BindComplete: nothing to keep
            }
        }
    }

    /**
     * Which statement of a joined query an error position (1-based, in characters) falls in; an
     * error the server found parsing the message comes before any statement ran. Without a
     * position, the statement after the last one completed.
     */
    private static int statementAt(int[] offsets, String position, int otherwise) {
        if (position == null) {
            return otherwise;
        }
        int at;
        try {
            at = Integer.parseInt(position) - 1;
        } catch (NumberFormatException e) {
            return otherwise;
        }
        int k = 0;
        while (k + 1 < offsets.length && offsets[k + 1] <= at) {
            k++;
        }
        return k;
    }

    private static void count(StatementRun run, String tag, long count) {
        if (run.error != null) {
            return; // statements after a failure fail too: their answers change nothing
        }
        run.total = (run.total < 0 || count < 0) ? -1 : run.total + count;
        run.lastTag = tag;
        run.lastCount = count;
    }

    /** A server error in a joined query, told as if the statement had been sent alone. */
    private static PgServerException errorInStatement(Map<Character, String> fields, String statement, int offset) {
        Map<Character, String> own = new HashMap<>(fields);
        String position = own.get('P');
        if (position != null) {
            try {
                own.put('P', Integer.toString(Integer.parseInt(position) - offset));
            } catch (NumberFormatException e) {
                // not a number: kept as the server sent it
            }
        }
        return new PgServerException(own, statement);
    }

    /** Messages that may arrive at any time. */
    private void asynchronous(BackendMessage m) {
        if (m instanceof NoticeResponse) {
            notices.add(ServerMessageFormat.formatNotice(((NoticeResponse) m).fields()));
        } else if (m instanceof NotificationResponse) {
            notifications.add((NotificationResponse) m);
        } else if (m instanceof ParameterStatus) {
            parameterStatus((ParameterStatus) m);
        }
    }

    private void parameterStatus(ParameterStatus p) {
        parameters.put(p.name(), p.value());
        if (state != State.STARTING) {
            reported.add(p.name());
            reported.add(p.value());
        }
        // psycopg2 takes the encoding the server reports when it connects, then changes it only
        // in set_client_encoding: a SET client_encoding run as a query leaves it as it was
        if (p.name().equals("client_encoding") && state == State.STARTING) {
            Charset reported = PgEncodings.forPythonCodec(PgEncodings.pythonCodec(p.value()));
            if (reported != null) {
                useCharset(reported);
            }
        }
    }

    private void useCharset(Charset c) {
        charset = c;
        reader.charset(c);
    }

    /**
     * From now on, text goes to and comes from the server as the named Python codec writes and
     * reads it (psycopg2's set_client_encoding, after the server accepted the encoding).
     *
     * @throws IllegalArgumentException when the JVM has no charset for that codec
     */
    public synchronized void useClientCodec(String pythonCodec) {
        Charset c = PgEncodings.forPythonCodec(pythonCodec);
        if (c == null) {
            throw new IllegalArgumentException("no charset for the Python codec " + pythonCodec);
        }
        useCharset(c);
    }

    private PgException lost(IOException cause) {
        state = State.BROKEN;
        many = null;
        boolean tls = transport.isTls();
        transport.close();
        // libpq words it by the layer that saw the end of the stream
        String message = tls ? TLS_CONNECTION_LOST : CONNECTION_LOST;
        lostMessage = (lastFatal == null ? "" : lastFatal) + message;
        return new PgConnectionException(message, cause);
    }

    /**
     * For a session the server ended or lost, what libpq's PQerrorMessage says of it: the
     * server's FATAL error if one came, then how the connection ended; null otherwise.
     */
    public synchronized String lostMessage() {
        return lostMessage;
    }

    /** As {@link #ensureReady}, with an executemany's statements all sent and answered (see {@link #startMany}). */
    private void ensureOpen() {
        ensureReady();
        if (many != null) {
            settleRun(many);
        }
    }

    /**
     * Open and not in a COPY; the answer to a statement {@link #send} sent is read first (and
     * kept for {@link #receive}): a call that comes between the two sees it done.
     */
    private void ensureReady() {
        ensureConnected();
        if (state == State.COPY_IN || state == State.COPY_OUT) {
            throw new IllegalStateException("the session is in COPY "
                    + (state == State.COPY_IN ? "FROM STDIN" : "TO STDOUT") + " mode: end the COPY first");
        }
        if (sent != null) {
            String sql = sent;
            sent = null;
            try {
                received = readResults(sql, true, false);
            } catch (PgServerException e) {
                receivedFailure = e;
            } catch (IOException e) {
                throw lost(e);
            }
        }
    }

    private void ensureConnected() {
        if (state == State.CLOSED) {
            throw new PgConnectionException("connection already closed");
        }
        if (state == State.BROKEN) {
            throw new PgConnectionException(CONNECTION_LOST);
        }
    }

    /**
     * psycopg2's poll() on a connection that is not asynchronous: takes the notifications, notices
     * and setting changes the server sent while no query ran, without waiting for more (after a
     * select() on {@link #fileno()}). A server ending the session (a FATAL error, then the end of
     * the stream) is left for the next query to find, as libpq leaves it; its error is a notice.
     */
    public synchronized void consumeInput() {
        ensureOpen();
        try {
            while (reader.hasBuffered() || transport.hasInput()) {
                reader.next();
                BackendMessage m = reader.decode();
                if (m instanceof ErrorResponse) {
                    // libpq hands an error that comes while idle to the notice processor
                    Map<Character, String> fields = ((ErrorResponse) m).fields();
                    notices.add(ServerMessageFormat.formatNotice(fields));
                    String severity = fields.get('V');
                    if ("FATAL".equals(severity) || "PANIC".equals(severity)) {
                        lastFatal = new PgServerException(fields, null).formatted();
                    }
                    return;
                }
                asynchronous(m);
            }
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /**
     * The settings the server reported changed since the last call (name, value, name, value...):
     * psycopg2 follows standard_conforming_strings as libpq learns it.
     */
    public synchronized String[] drainReportedParameters() {
        String[] out = reported.toArray(new String[0]);
        reported.clear();
        return out;
    }

    /** Notices received since the last call, formatted as libpq does ("NOTICE:  ...\n"). */
    public synchronized String[] drainNotices() {
        String[] out = notices.toArray(new String[0]);
        notices.clear();
        return out;
    }

    /** Notifications received since the last call, each as {pid, channel, payload}. */
    public synchronized Object[][] drainNotifications() {
        Object[][] out = new Object[notifications.size()][];
        for (int i = 0; i < out.length; i++) {
            NotificationResponse n = notifications.get(i);
            out[i] = new Object[] {n.processId(), n.channel(), n.payload()};
        }
        notifications.clear();
        return out;
    }

    /**
     * 'I' idle, 'T' in a transaction, 'E' in a failed transaction, 'A' while a statement runs (as
     * another thread sees it) or in a COPY, 'U' closed or broken. Not synchronized: it answers
     * while another thread waits for the server.
     */
    public char transactionStatus() {
        if (awaitingAnswer || state == State.COPY_IN || state == State.COPY_OUT) {
            return 'A'; // a command is in progress, as libpq's PQTRANS_ACTIVE
        }
        return state == State.READY ? transactionStatus : 'U';
    }

    public String parameterStatus(String name) {
        return parameters.get(name);
    }

    /** The server version as libpq's PQserverVersion gives it, e.g. 150018 for "15.18". */
    public int serverVersion() {
        return ServerVersion.parse(parameters.get("server_version"));
    }

    public int backendPid() {
        return processId;
    }

    public String clientEncoding() {
        return parameters.getOrDefault("client_encoding", "UTF8");
    }

    public boolean isTls() {
        return transport.isTls();
    }

    /** The host (or socket directory) this session is connected to, as given. */
    public String host() {
        return endpoint.host();
    }

    public int port() {
        return endpoint.port();
    }

    public String user() {
        return settings.user();
    }

    public String database() {
        return settings.startupParameters().get("database");
    }

    public String options() {
        return settings.startupParameters().getOrDefault("options", "");
    }

    /** The password offered for this endpoint ("" when none). */
    public String password() {
        return endpoint.password() == null ? "" : endpoint.password();
    }

    /** Whether the server asked for the password. */
    public boolean passwordUsed() {
        return passwordUsed;
    }

    /** TLS details as libpq's PQsslAttribute names them ("protocol", "cipher", "key_bits"...), or null. */
    public String tlsAttribute(String name) {
        javax.net.ssl.SSLSocket tls = transport.tlsSocket();
        if (tls == null) {
            return null;
        }
        javax.net.ssl.SSLSession session = tls.getSession();
        switch (name) {
            case "library":
                return "JSSE"; // the TLS implementation in use: the JDK's, not OpenSSL
            case "protocol":
                return session.getProtocol();
            case "cipher":
                return session.getCipherSuite();
            case "compression":
                return "off";
            case "key_bits":
                String suite = session.getCipherSuite();
                return suite.contains("256") ? "256" : suite.contains("128") ? "128" : null;
            default:
                return null;
        }
    }

    /** The socket's OS file descriptor for select(), or -1 when it is not reachable. */
    public int fileno() {
        return transport.fileno();
    }

    public boolean isClosed() {
        return state == State.CLOSED || state == State.BROKEN;
    }

    public boolean isBroken() {
        return state == State.BROKEN;
    }

    /** Asks the server, over a second connection, to cancel the query this session runs. */
    public void cancel() {
        if (isClosed()) {
            throw new PgConnectionException("connection already closed");
        }
        try (Transport side = endpoint.open(0)) {
            MessageWriter w = new MessageWriter(side.out());
            w.cancelRequest(processId, secretKey);
            w.flush();
            side.in().read(); // the server closes the socket when it has read the request
        } catch (IOException e) {
            throw new PgConnectionException("could not send cancel request: " + e.getMessage(), e);
        }
    }

    /** Sends Terminate and closes the socket; closing twice is harmless. */
    @Override
    public synchronized void close() {
        if (state == State.READY || state == State.STARTING) {
            try {
                writer.terminate();
                writer.flush();
            } catch (IOException ignored) {
                // the server is gone already: nothing to tell it
            }
        }
        if (state != State.BROKEN) {
            state = State.CLOSED;
        }
        transport.close();
    }
}
