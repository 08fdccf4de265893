package io.psycopg2jvm.core.protocol;

import io.psycopg2jvm.core.protocol.backend.Authentication;
import io.psycopg2jvm.core.protocol.backend.BackendKeyData;
import io.psycopg2jvm.core.protocol.backend.BackendMessage;
import io.psycopg2jvm.core.protocol.backend.CommandComplete;
import io.psycopg2jvm.core.protocol.backend.CopyDone;
import io.psycopg2jvm.core.protocol.backend.CopyInResponse;
import io.psycopg2jvm.core.protocol.backend.CopyOutResponse;
import io.psycopg2jvm.core.protocol.backend.EmptyQueryResponse;
import io.psycopg2jvm.core.protocol.backend.ErrorResponse;
import io.psycopg2jvm.core.protocol.backend.Ignored;
import io.psycopg2jvm.core.protocol.backend.NoticeResponse;
import io.psycopg2jvm.core.protocol.backend.NotificationResponse;
import io.psycopg2jvm.core.protocol.backend.ParameterStatus;
import io.psycopg2jvm.core.protocol.backend.ReadyForQuery;
import io.psycopg2jvm.core.protocol.backend.RowDescription;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads backend messages from a buffered stream. {@link #next()} reads a message header; the
 * caller then takes DataRow ('D') and CopyData ('d') payloads raw with {@link #payload()} (the
 * hot path, no message object) and everything else decoded with {@link #decode()}.
 */
public final class MessageReader {
    public static final char DATA_ROW = 'D';
    public static final char COPY_DATA = 'd';

    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private char type;
    private int length;
    private Charset charset = StandardCharsets.UTF_8;

    public MessageReader(InputStream in) {
        this.in = in;
    }

    /** Strings inside messages (names, error texts, tags) are in the client encoding. */
    public void charset(Charset charset) {
        this.charset = charset;
    }

    /** Reads the next message header and returns its type byte. */
    public char next() throws IOException {
        fill(5);
        type = (char) (buf[pos] & 0xff);
        length = readInt(pos + 1) - 4;
        pos += 5;
        if (length < 0) {
            throw new IOException("invalid message length " + length + " for message type '" + type + "'");
        }
        return type;
    }

    /** Whether bytes already read from the stream wait here to be taken. */
    public boolean hasBuffered() {
        return limit > pos;
    }

    /** Reads the one-byte answer to an SSLRequest ('S' or 'N'). */
    public char readSslAnswer() throws IOException {
        fill(1);
        return (char) (buf[pos++] & 0xff);
    }

    /** The current message's payload length in bytes. */
    public int length() {
        return length;
    }

    /** Copies the current message's payload into {@code dst} at {@code offset} (room is the caller's). */
    public void payloadInto(byte[] dst, int offset) throws IOException {
        int have = Math.min(limit - pos, length);
        System.arraycopy(buf, pos, dst, offset, have);
        pos += have;
        int off = offset + have;
        int end = offset + length;
        while (off < end) {
            int n = in.read(dst, off, end - off);
            if (n < 0) {
                throw new EOFException();
            }
            off += n;
        }
    }

    /** The current message's payload, copied out raw. */
    public byte[] payload() throws IOException {
        byte[] out = new byte[length];
        int have = Math.min(limit - pos, length);
        System.arraycopy(buf, pos, out, 0, have);
        pos += have;
        int off = have;
        while (off < length) {
            int n = in.read(out, off, length - off);
            if (n < 0) {
                throw new EOFException();
            }
            off += n;
        }
        return out;
    }

    /** Decodes the current message; DataRow and CopyData must be taken with {@link #payload()}. */
    public BackendMessage decode() throws IOException {
        byte[] p = payload();
        Cursor c = new Cursor(p);
        switch (type) {
            case 'R': {
                int code = c.int32();
                return new Authentication(code, c.rest());
            }
            case 'S':
                return new ParameterStatus(c.cstring(), c.cstring());
            case 'K':
                return new BackendKeyData(c.int32(), c.int32());
            case 'Z':
                return new ReadyForQuery((char) p[0]);
            case 'T':
                return rowDescription(c);
            case 'C':
                return new CommandComplete(c.cstring());
            case 'I':
                return new EmptyQueryResponse();
            case 'E':
                return new ErrorResponse(fields(c));
            case 'N':
                return new NoticeResponse(fields(c));
            case 'A':
                return new NotificationResponse(c.int32(), c.cstring(), c.cstring());
            case 'G':
                return new CopyInResponse(p[0] != 0, c.skip(1).int16());
            case 'H':
                return new CopyOutResponse(p[0] != 0, c.skip(1).int16());
            case 'c':
                return new CopyDone();
            default:
                return new Ignored(type);
        }
    }

    private RowDescription rowDescription(Cursor c) {
        int n = c.int16();
        RowDescription.Column[] cols = new RowDescription.Column[n];
        for (int i = 0; i < n; i++) {
            cols[i] = new RowDescription.Column(c.cstring(), c.int32(), c.int16(), c.int32(), c.int16(), c.int32(),
                    c.int16());
        }
        return new RowDescription(cols);
    }

    private Map<Character, String> fields(Cursor c) {
        Map<Character, String> fields = new LinkedHashMap<>();
        while (true) {
            char code = (char) c.byte1();
            if (code == 0) {
                return fields;
            }
            fields.put(code, c.cstring());
        }
    }

    private int readInt(int at) {
        return ((buf[at] & 0xff) << 24) | ((buf[at + 1] & 0xff) << 16) | ((buf[at + 2] & 0xff) << 8)
                | (buf[at + 3] & 0xff);
    }

    private void fill(int need) throws IOException {
        if (limit - pos >= need) {
            return;
        }
        System.arraycopy(buf, pos, buf, 0, limit - pos);
        limit -= pos;
        pos = 0;
        while (limit < need) {
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) {
                throw new EOFException();
            }
            limit += n;
        }
    }

    /** Walks a payload. */
    private final class Cursor {
        private final byte[] p;
        private int at;

        Cursor(byte[] p) {
            this.p = p;
        }

        int byte1() {
            return p[at++] & 0xff;
        }

        int int16() {
            int v = (short) (((p[at] & 0xff) << 8) | (p[at + 1] & 0xff));
            at += 2;
            return v;
        }

        int int32() {
            int v = ((p[at] & 0xff) << 24) | ((p[at + 1] & 0xff) << 16) | ((p[at + 2] & 0xff) << 8) | (p[at + 3] & 0xff);
            at += 4;
            return v;
        }

        Cursor skip(int n) {
            at += n;
            return this;
        }

        String cstring() {
            int end = at;
            while (p[end] != 0) {
                end++;
            }
            String s = new String(p, at, end - at, charset);
            at = end + 1;
            return s;
        }

        byte[] rest() {
            byte[] out = new byte[p.length - at];
            System.arraycopy(p, at, out, 0, out.length);
            at = p.length;
            return out;
        }
    }
}
