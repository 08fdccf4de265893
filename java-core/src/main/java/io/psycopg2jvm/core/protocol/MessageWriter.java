package io.psycopg2jvm.core.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Encodes every frontend message this client sends, into one buffer that {@link #flush} writes
 * out in a single system call (several messages can be queued before a flush).
 */
public final class MessageWriter {
    private static final int PROTOCOL_3_0 = 196608;
    private static final int SSL_REQUEST_CODE = 80877103;
    private static final int CANCEL_REQUEST_CODE = 80877102;

    private final OutputStream out;
    private byte[] buf = new byte[8192];
    private int pos;
    private int lengthAt = -1;

    public MessageWriter(OutputStream out) {
        this.out = out;
    }

    public void startup(Map<String, String> parameters) {
        beginUntyped();
        int32(PROTOCOL_3_0);
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            cstring(p.getKey(), StandardCharsets.UTF_8);
            cstring(p.getValue(), StandardCharsets.UTF_8);
        }
        byte1(0);
        end();
    }

    public void sslRequest() {
        beginUntyped();
        int32(SSL_REQUEST_CODE);
        end();
    }

    public void cancelRequest(int processId, int secretKey) {
        beginUntyped();
        int32(CANCEL_REQUEST_CODE);
        int32(processId);
        int32(secretKey);
        end();
    }

    public void password(byte[] password) {
        begin('p');
        bytes(password, 0, password.length);
        byte1(0);
        end();
    }

    public void saslInitialResponse(String mechanism, byte[] data) {
        begin('p');
        cstring(mechanism, StandardCharsets.UTF_8);
        int32(data.length);
        bytes(data, 0, data.length);
        end();
    }

    public void saslResponse(byte[] data) {
        begin('p');
        bytes(data, 0, data.length);
        end();
    }

    public void query(String sql, Charset charset) {
        query(cstringBytes(sql, charset)); // checked before anything is buffered
    }

    /** A Query message with the text's bytes as they are (no NUL among them). */
    public void query(byte[] text) {
        begin('Q');
        bytes(text, 0, text.length);
        byte1(0);
        end();
    }

    /** Parse of the unnamed statement, no parameter types: {@code sql} must hold no NUL. */
    public void parse(String sql, Charset charset) {
        byte[] text = cstringBytes(sql, charset); // checked before anything is buffered
        begin('P');
        byte1(0);
        bytes(text, 0, text.length);
        byte1(0);
        int16(0);
        end();
    }

    /** Bind of the unnamed statement to the unnamed portal: no parameters, results in text. */
    public void bindNoParameters() {
        begin('B');
        byte1(0);
        byte1(0);
        int16(0);
        int16(0);
        int16(0);
        end();
    }

    /** Execute of the unnamed portal, every row. */
    public void execute() {
        begin('E');
        byte1(0);
        int32(0);
        end();
    }

    public void sync() {
        begin('S');
        end();
    }

    public void copyData(byte[] data, int offset, int length) {
        begin('d');
        bytes(data, offset, length);
        end();
    }

    public void copyDone() {
        begin('c');
        end();
    }

    /** A CopyFail with the reason in the client encoding, cut at a NUL as libpq's C string is. */
    public void copyFail(String reason, Charset charset) {
        int nul = reason.indexOf('\0');
        byte[] text = cstringBytes(nul < 0 ? reason : reason.substring(0, nul), charset);
        begin('f');
        bytes(text, 0, text.length);
        byte1(0);
        end();
    }

    public void terminate() {
        begin('X');
        end();
    }

    public void flush() throws IOException {
        out.write(buf, 0, pos);
        out.flush();
        pos = 0;
    }

    /** Bytes queued and not yet flushed. */
    public int pending() {
        return pos;
    }

    /** Drops what was queued after {@code mark} (a {@link #pending()} value): messages not to be sent. */
    public void discard(int mark) {
        pos = mark;
        lengthAt = -1;
    }

    private void begin(char type) {
        byte1(type);
        beginUntyped();
    }

    private void beginUntyped() {
        lengthAt = pos;
        int32(0);
    }

    private void end() {
        int length = pos - lengthAt;
        buf[lengthAt] = (byte) (length >>> 24);
        buf[lengthAt + 1] = (byte) (length >>> 16);
        buf[lengthAt + 2] = (byte) (length >>> 8);
        buf[lengthAt + 3] = (byte) length;
        lengthAt = -1;
    }

    private void cstring(String s, Charset charset) {
        byte[] b = cstringBytes(s, charset);
        bytes(b, 0, b.length);
        byte1(0);
    }

    /** The bytes of a NUL-terminated string field; a NUL inside cannot be sent. */
    private static byte[] cstringBytes(String s, Charset charset) {
        byte[] b = s.getBytes(charset);
        for (byte x : b) {
            if (x == 0) {
                throw new IllegalArgumentException("A string literal cannot contain NUL (0x00) characters.");
            }
        }
        return b;
    }

    private void int16(int v) {
        ensure(2);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void int32(int v) {
        ensure(4);
        buf[pos++] = (byte) (v >>> 24);
        buf[pos++] = (byte) (v >>> 16);
        buf[pos++] = (byte) (v >>> 8);
        buf[pos++] = (byte) v;
    }

    private void byte1(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    private void bytes(byte[] b, int offset, int length) {
        ensure(length);
        System.arraycopy(b, offset, buf, pos, length);
        pos += length;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
        }
    }
}
