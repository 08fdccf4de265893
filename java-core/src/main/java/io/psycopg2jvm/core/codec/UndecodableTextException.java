package io.psycopg2jvm.core.codec;

/**
 * A text value whose bytes are not valid in the client encoding (possible with SQL_ASCII, or
 * when the server's conversion and the client's codec disagree). Carries the value's bytes so
 * that the caller can raise the error its own codec gives for them, as psycopg2 does on fetch.
 */
public final class UndecodableTextException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient byte[] bytes;

    public UndecodableTextException(byte[] bytes) {
        super("text not valid in the client encoding", null, false, false);
        this.bytes = bytes;
    }

    /** The value as the server sent it, one char per byte (ISO-8859-1), as Python takes bytes. */
    public String latin1() {
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** The value as the server sent it. */
    public byte[] bytes() {
        return bytes.clone();
    }
}
