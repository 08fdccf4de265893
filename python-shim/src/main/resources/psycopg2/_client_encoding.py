"""The Python codec a connection uses for its client encoding, and CPython's decode errors.

psycopg2 encodes queries and decodes results with the codec its ``encodings`` table
gives for the client encoding. GraalPy's codecs are JVM charsets underneath: they
read and write the bytes CPython's do for every single-byte encoding but cp874
(GraalPy's is IBM's table, without the curly quotes, the ellipsis and the no-break
space of Windows' one). For cp874 a connection uses a codec registered here from the
table of CPython's own ``encodings.cp874`` module; for the others, the codec itself.

Text that the JVM could not decode (a value not valid in the client encoding, as a
SQL_ASCII server sends) fails on fetch with the UnicodeDecodeError CPython's codec
gives: `undecodable` words it so.
"""

import codecs

# Codecs whose GraalPy version writes other bytes than CPython's: the connection uses
# CPython's table (a charmap) under this prefix instead.
_TABLE_PREFIX = 'psycopg2_table_'
_FROM_TABLE = frozenset(['cp874'])

# CJK codecs: the name CPython's multibyte codec gives in its errors.
_MULTIBYTE_ERROR_NAMES = {
    'big5': 'big5', 'cp932': 'cp932', 'cp949': 'cp949', 'cp950': 'cp950',
    'euc_jp': 'euc_jp', 'euc_kr': 'euc_kr', 'euccn': 'gb2312', 'gb18030': 'gb18030',
    'gbk': 'gbk', 'johab': 'johab', 'euc_jis_2004': 'euc_jis_2004',
    'shift_jis_2004': 'shift_jis_2004',
}


def codec_for(python_codec):
    """The codec a connection encodes and decodes with, for a codec of psycopg2's
    ``encodings`` table; None when this Python has no such codec (GraalPy has no
    JIS X 0213: no euc_jis_2004 nor shift_jis_2004)."""
    if python_codec in _FROM_TABLE:
        return _TABLE_PREFIX + python_codec
    try:
        codecs.lookup(python_codec)
    except LookupError:
        return None
    return python_codec


def table_codec(name):
    """The codec of psycopg2's table behind a name `codec_for` gave."""
    return name[len(_TABLE_PREFIX):] if name.startswith(_TABLE_PREFIX) else name


def undecodable(data, codec):
    """The UnicodeDecodeError CPython's codec gives for `data`, bytes the JVM could
    not decode as the client encoding."""
    try:
        data.decode(codec)
    except UnicodeDecodeError as e:
        return _cpython_decode_error(data, table_codec(codec), e)
    # the JVM's charset and GraalPy's codec disagree on these bytes
    return UnicodeDecodeError(table_codec(codec), data, 0, len(data),
                              'not valid in the client encoding')


def _cpython_decode_error(data, codec, error):
    start, end = error.start, error.end
    name = codec.replace('-', '_').lower()
    if name in ('utf_8', 'utf8'):
        lead = data[start]
        if lead < 0xC2 or lead > 0xF4:
            reason = 'invalid start byte'
        elif end >= len(data):
            reason = 'unexpected end of data'
        else:
            reason = 'invalid continuation byte'
        return UnicodeDecodeError('utf-8', data, start, end, reason)
    if name == 'ascii':
        return UnicodeDecodeError('ascii', data, start, start + 1, 'ordinal not in range(128)')
    if name in _MULTIBYTE_ERROR_NAMES:
        name = _MULTIBYTE_ERROR_NAMES[name]
        if end >= len(data):
            return UnicodeDecodeError(name, data, start, len(data),
                                      'incomplete multibyte sequence')
        return UnicodeDecodeError(name, data, start, start + 1, 'illegal multibyte sequence')
    # single-byte codecs other than Latin-1 (which decodes every byte) are charmaps
    return UnicodeDecodeError('charmap', data, start, start + 1, 'character maps to <undefined>')


def _search(name):
    if not name.startswith(_TABLE_PREFIX) or table_codec(name) not in _FROM_TABLE:
        return None
    decoding_table = __import__('encodings.' + table_codec(name),
                                fromlist=['decoding_table']).decoding_table
    encoding_table = codecs.charmap_build(decoding_table)

    def encode(text, errors='strict'):
        return codecs.charmap_encode(text, errors, encoding_table)

    def decode(data, errors='strict'):
        return codecs.charmap_decode(data, errors, decoding_table)

    return codecs.CodecInfo(encode, decode, name=name)


codecs.register(_search)
