package io.psycopg2jvm.core.protocol.backend;

/**
 * A message from the server. DataRow and CopyData are not here on purpose: they carry the volume
 * and are read straight into result buffers by the session (see MessageReader).
 */
public sealed interface BackendMessage permits Authentication, BackendKeyData, CommandComplete,
        CopyDone, CopyInResponse, CopyOutResponse, EmptyQueryResponse, ErrorResponse, NoticeResponse,
        NotificationResponse, ParameterStatus, ReadyForQuery, RowDescription, Ignored {
}
