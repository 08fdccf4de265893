"""COPY FROM STDIN / TO STDOUT for cursor.copy_from, copy_to and copy_expert.

Data streams through java-core's session a chunk at a time (file.read(size) for COPY FROM,
about 64 KB of whole rows per file.write() for COPY TO), so a COPY never holds all its data.
"""

import functools
import io
import operator

from psycopg2 import _adapt
from psycopg2 import _jvm
from psycopg2 import _client_encoding
from psycopg2._connection import as_sent

_NOT_A_FILE = ('file must be a readable file-like object for COPY FROM; '
               'a writable file-like object for COPY TO.')


def copy_from(cur, file, table, sep, null, size, columns):
    _check_str(table, 2)
    _check_str(sep, 3)
    _check_str(null, 4)
    size = operator.index(size)
    if not hasattr(file, 'read'):
        raise TypeError('argument 1 must have a .read() method')
    sql = 'COPY %s%s FROM stdin WITH DELIMITER AS %s NULL AS %s' % (
        _quote_ident(table), _column_list(columns), _literal(cur, sep), _literal(cur, null))
    _run(cur, sql.encode(cur._conn._py_encoding), file, size)


def copy_to(cur, file, table, sep, null, columns):
    _check_str(table, 2)
    _check_str(sep, 3)
    _check_str(null, 4)
    if not hasattr(file, 'write'):
        raise TypeError('argument 1 must have a .write() method')
    sql = 'COPY %s%s TO stdout WITH DELIMITER AS %s NULL AS %s' % (
        _quote_ident(table), _column_list(columns), _literal(cur, sep), _literal(cur, null))
    _run(cur, sql.encode(cur._conn._py_encoding), file, 8192)


def copy_expert(cur, sql, file, size):
    if sql is None:
        raise cur._error("can't execute an empty query")
    size = operator.index(size)
    if not hasattr(file, 'read') and not hasattr(file, 'write'):
        raise TypeError(_NOT_A_FILE)
    _run(cur, cur._build(sql, None), file, size)


def _check_str(value, position):
    if not isinstance(value, str):
        raise TypeError('argument %d must be str, not %s'
                        % (position, 'None' if value is None else type(value).__name__))


def _quote_ident(name):
    _check_no_nul(name)
    return '"%s"' % name.replace('"', '""')


def _check_no_nul(value):
    if '\x00' in value:
        raise ValueError('embedded null character')


def _column_name(column):
    """A column of copy_from/copy_to as psycopg2 takes it: str or bytes, cut at a NUL."""
    if isinstance(column, bytes):
        column = column.decode('utf-8')
    elif not isinstance(column, str):
        raise TypeError('Expected bytes or unicode string, got %s instead' % type(column).__name__)
    return column.split('\x00', 1)[0]


def _column_list(columns):
    if columns is None:
        return ''
    names = ','.join(_quote_ident(_column_name(c)) for c in columns)
    # psycopg2 drops the opening parenthesis of an empty list (a syntax error either way)
    return '(%s)' % names if names else ')'


def _literal(cur, value):
    """Quoted as libpq's PQescapeStringConn does (backslashes doubled only without
    standard_conforming_strings)."""
    _check_no_nul(value)
    if not cur._conn._standard_conforming_strings:
        value = value.replace('\\', '\\\\')
    return "'%s'" % value.replace("'", "''")


def _run(cur, sql, file, size):
    cur._check_open()
    conn = cur._conn
    with conn._lock:
        cur._begin_statement(sql)
        # psycopg2 shows the COPY's opening status, which has no tag, whatever follows
        cur._statusmessage = ''
        session = conn._session
        conn._error_message = None  # libpq clears it when a query starts
        start = _call(cur, session.startCopy, as_sent(sql.decode(conn._py_encoding)))
        if start.isCopyIn():
            try:
                file.read
            except AttributeError:
                # psycopg2 raises this one; the COPY is ended so that the session goes on
                try:
                    session.copyFail('error in .read() call')
                except _jvm.ForeignException:
                    conn._after_error()
                raise
            _copy_in(cur, file, size)
        elif start.isCopyOut():
            try:
                file.write
            except AttributeError:
                _call(cur, session.copyEnd)
                raise
            _copy_out(cur, file, start.binary())
        else:
            result = start.result()
            cur._take((result, conn._described(result, True)))


_STRINGIO_READ = 1 << 26
# chars of a StringIO's text Java encodes and sends at a time (rounded to psycopg2's read size)
_STRINGIO_PIECE = 1 << 16
# bytes of rows gathered for one io.StringIO write: few writes (GraalPy's cost ~0.2 ms each),
# and a short last piece, as the rows before it are decoded and written while the server sends
# more (500k rows: 1 MB pieces 108-112 ms warm, 8 MB 113-118, psycopg2 109-111)
_STRINGIO_WRITE = 1 << 20


def _copy_in(cur, file, size):
    conn = cur._conn
    session = conn._session
    read = file.read
    encoding = conn._py_encoding
    # a str crosses into Java faster than bytes; Java's UTF-8 encoder is Python's (but for lone
    # surrogates, which Java replaces with '?' where Python raises)
    text_in_java = conn._encoding == 'UTF8'
    chunk = size  # what psycopg2 reads at a time
    if text_in_java and type(file) is io.StringIO and size > 0:  # read(0) is the end, as for psycopg2
        # No one sees how an io.StringIO is read, and GraalPy copies every slice of its text (~7
        # ns a char): read from the start, a StringIO up to 64M chars comes whole and uncopied,
        # and Java encodes and sends it a piece at a time.
        size = max(size, _STRINGIO_READ)
    whole = size != chunk
    # Java encodes and sends `pieces` chars at a time: whole chunks, so that a failure can be
    # reported as psycopg2's, after the chunks before it
    pieces = chunk * max(1, _STRINGIO_PIECE // chunk) if chunk > 0 else _STRINGIO_PIECE
    while True:
        start = file.tell() if whole else None
        try:
            data = read(size)
        except BaseException as e:  # KeyboardInterrupt too, as psycopg2
            _fail(cur, _read_error(e))
        if isinstance(data, str):
            if not data:
                break
            if text_in_java:
                sent = _call(cur, session.copyWriteText, data, pieces)
                if sent < 0:
                    continue
                if whole:
                    # failing as psycopg2 fails reading `chunk` chars at a time: the chunks
                    # before the one holding the bad character go out, the error is that
                    # chunk's, the file stands after it
                    first, end = _chunk_at_fault(data, encoding, chunk)
                    if sent < first:
                        _call(cur, session.copyWriteText, data[sent:first])
                    file.seek(start + end)
                    data = data[first:end]
            elif data.isascii():
                # the same bytes in every client encoding (isascii is constant-time in GraalPy,
                # but for what an io.StringIO gives: there 20 ms for 13M chars, hence not for UTF-8)
                _call(cur, session.copyWriteAscii, data)
                continue
            # refused (pieces before the bad character may have gone): the codec's error fails the COPY
            try:
                data = _adapt.encode_text(data, encoding)
            except UnicodeEncodeError as e:
                _fail(cur, _read_error(e))
        elif isinstance(data, (bytes, bytearray, memoryview)):
            if not data:
                break
            data = bytes(data)
        else:
            _fail(cur, 'error in .read() call')
        _call(cur, session.copyWrite, data)
    cur._rowcount = _call(cur, session.copyEnd).rowcount()


def _chunk_at_fault(data, encoding, chunk):
    """(start, end) in `data` of the `chunk`-sized piece holding the first character `encoding`
    cannot take."""
    try:
        data.encode(encoding)
    except UnicodeEncodeError as e:
        first = e.start - e.start % chunk
        return first, min(len(data), first + chunk)
    return 0, len(data)


# The io module's own files: how many write() calls they get cannot be seen from outside, so
# they take ~64 KB of rows a call. Any other object gets one call a row, as psycopg2 makes them.
_CHUNKED_FILES = (io.StringIO, io.BytesIO, io.TextIOWrapper, io.BufferedWriter, io.BufferedRandom)


def _copy_out(cur, file, binary):
    conn = cur._conn
    session = conn._session
    write = file.write
    text = isinstance(file, io.TextIOBase)
    chunked = type(file) in _CHUNKED_FILES
    if text and not binary:
        if type(file) is io.StringIO:
            # GraalPy's io.StringIO pays per write call far more than per char
            read = functools.partial(session.copyReadTextJoined, _STRINGIO_WRITE)
        else:
            read = session.copyReadText if chunked else session.copyReadRows
        convert = None
    else:
        read = session.copyReadLatin1 if chunked else session.copyReadRowsLatin1
        encoding = conn._py_encoding
        if text:
            # psycopg2 decodes binary COPY data for text files too, and fails the same way
            def convert(data):
                raw = data.encode('latin-1')
                try:
                    return raw.decode(encoding)
                except UnicodeDecodeError:
                    raise _client_encoding.undecodable(raw, encoding) from None  # CPython's words
        else:
            def convert(data):
                return data.encode('latin-1')
    while True:
        try:
            data = read()
        except _jvm.ForeignException as e:
            bad = _jvm.undecodable_bytes(e)
            if bad is None:
                raise conn._failure(e, cur) from None
            # a row the client encoding cannot read: the rows before it are written; its
            # codec's error is raised, as psycopg2 raises it, and the connection stays usable
            try:
                session.copyEnd()
            except _jvm.ForeignException:
                pass  # the server's own error after that row: the codec's came first
            raise _client_encoding.undecodable(bad, conn._py_encoding) from None
        if data is None:
            break
        try:
            if chunked:
                write(data if convert is None else convert(data))
            elif convert is None:
                for row in data:
                    write(row)
            else:
                for row in data:
                    write(convert(row))
        except BaseException:
            _call(cur, session.copyEnd)  # drain the rest: the connection stays usable
            raise
    cur._rowcount = _call(cur, session.copyEnd).rowcount()


def _read_error(e):
    """The reason psycopg2 gives the server for a failed read(): in a 1024-byte buffer."""
    reason = 'error in .read() call: %s %s' % (type(e).__name__, e)
    return reason.encode('utf-8', 'surrogatepass')[:1023].decode('utf-8', 'ignore')


def _fail(cur, reason):
    """Abort a COPY FROM: the server's "COPY from stdin failed" error is what psycopg2 raises."""
    _call(cur, cur._conn._session.copyFail, reason)


def _call(cur, method, *args):
    try:
        return method(*args)
    except _jvm.ForeignException as e:
        raise cur._conn._failure(e, cur) from None



