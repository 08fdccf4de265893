package io.psycopg2jvm.core.session;

/**
 * The outcome of {@link PgSession#executePipelined}: summed row count, last statement's tag and
 * its own row count (what psycopg2 shows when executemany stops after that statement).
 */
public record PipelineResult(long rowcount, String statusMessage, long lastRowcount) {
}
