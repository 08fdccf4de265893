package io.psycopg2jvm.core.session;

/** The outcome of {@link PgSession#executePipelined}: summed row count, last statement's tag. */
public record PipelineResult(long rowcount, String statusMessage) {
}
