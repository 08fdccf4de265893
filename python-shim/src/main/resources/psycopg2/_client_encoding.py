"""The Python codec a connection uses for its client encoding, and CPython's
encode and decode errors.

psycopg2 encodes queries and decodes results with the codec its ``encodings`` table
gives for the client encoding. GraalPy's codecs are JVM charsets underneath: they
read and write the bytes CPython's do for every single-byte encoding but cp874
(GraalPy's is IBM's table, without the curly quotes, the ellipsis and the no-break
space of Windows' one). For cp874 a connection uses a codec registered here from the
table of CPython's own ``encodings.cp874`` module; for the others, the codec itself.

Text that the JVM could not decode (a value not valid in the client encoding, as a
SQL_ASCII server sends) fails on fetch with the UnicodeDecodeError CPython's codec
gives: `undecodable` words it so; `encode_text` does the same for text the client
encoding cannot hold.
"""

import codecs

from psycopg2 import _jis_x0213  # noqa: F401 (registers the JIS X 0213 codecs GraalPy lacks)

# Codecs whose GraalPy version writes other bytes than CPython's: the connection uses
# CPython's table (a charmap) under this prefix instead.
_TABLE_PREFIX = 'psycopg2_table_'
_FROM_TABLE = frozenset(['cp874'])



# CPython's codecs word their errors differently from GraalPy's; psycopg2 users
# see CPython's. The names below are the codec aliases; CJK codecs map to the name
# CPython's multibyte codec gives in its errors.
_LATIN1_NAMES = frozenset(('latin_1', 'latin1', 'iso8859_1', 'iso_8859_1', 'l1', 'latin',
                           'cp819', '8859', 'iso_ir_100', 'csisolatin1'))
_ASCII_NAMES = frozenset(('ascii', 'us_ascii', '646', 'us'))
_UTF8_NAMES = frozenset(('utf_8', 'utf8', 'u8', 'utf', 'cp65001'))
_MULTIBYTE_ERROR_NAMES = {
    'euccn': 'gb2312', 'euc_cn': 'gb2312', 'gb2312': 'gb2312', 'gbk': 'gbk',
    'gb18030': 'gb18030', 'big5': 'big5', 'big5hkscs': 'big5hkscs', 'cp932': 'cp932',
    'cp949': 'cp949', 'cp950': 'cp950', 'euc_jp': 'euc_jp', 'euc_jis_2004': 'euc_jis_2004',
    'euc_jisx0213': 'euc_jisx0213', 'euc_kr': 'euc_kr', 'johab': 'johab',
    'shift_jis': 'shift_jis', 'shift_jis_2004': 'shift_jis_2004',
    'shift_jisx0213': 'shift_jisx0213', 'hz': 'hz', 'uhc': 'cp949', 'ms932': 'cp932',
}


def _cpython_encode_error(text, codec, error):
    """The UnicodeEncodeError CPython raises for text.encode(codec)."""
    name = codec.replace('-', '_').lower()
    start = error.start
    if name in _LATIN1_NAMES:
        encoding, reason = 'latin-1', 'ordinal not in range(256)'
        fails = lambda c: ord(c) >= 256  # noqa: E731
    elif name in _ASCII_NAMES:
        encoding, reason = 'ascii', 'ordinal not in range(128)'
        fails = lambda c: ord(c) >= 128  # noqa: E731
    elif name in _UTF8_NAMES:
        encoding, reason = 'utf-8', 'surrogates not allowed'
        fails = lambda c: 0xd800 <= ord(c) <= 0xdfff  # noqa: E731
    elif name in _MULTIBYTE_ERROR_NAMES:
        # the CJK codecs report one character at a time
        return UnicodeEncodeError(_MULTIBYTE_ERROR_NAMES[name], text, start, start + 1,
                                  'illegal multibyte sequence')
    else:
        encoding, reason = 'charmap', 'character maps to <undefined>'

        def fails(c):
            try:
                c.encode(codec)
            except UnicodeEncodeError:
                return True
            return False
    end = start + 1
    while end < len(text) and fails(text[end]):
        end += 1
    return UnicodeEncodeError(encoding, text, start, end, reason)


def encode_text(text, codec):
    """text.encode(codec), failing with CPython's UnicodeEncodeError (or
    LookupError for an unknown codec)."""
    try:
        return text.encode(codec)
    except UnicodeEncodeError as e:
        raise _cpython_encode_error(text, codec, e) from None
    except LookupError:
        raise LookupError('unknown encoding: %s' % codec) from None


def codec_for(python_codec):
    """The codec a connection encodes and decodes with, for a codec of psycopg2's
    ``encodings`` table; None when this Python has no such codec."""
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
    if name in _UTF8_NAMES:
        lead = data[start]
        if lead < 0xC2 or lead > 0xF4:
            reason = 'invalid start byte'
        elif end >= len(data):
            reason = 'unexpected end of data'
        else:
            reason = 'invalid continuation byte'
        return UnicodeDecodeError('utf-8', data, start, end, reason)
    if name in _ASCII_NAMES:
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
