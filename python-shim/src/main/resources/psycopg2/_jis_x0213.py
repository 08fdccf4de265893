"""CPython's shift_jis_2004 and euc_jis_2004 codecs, which GraalPy lacks, on
java-core's JisX0213: PostgreSQL's SHIFT_JIS_2004 and EUC_JIS_2004 client
encodings need them, and so may the script itself once psycopg2 is imported.

Java reads and writes up to the first bad sequence, applying "ignore" and
"replace" itself as CPython's multibyte codecs do; other error handlers are called
here with CPython's error, and a str one returns is written with the codec itself.
Bytes cross as latin-1 text, one char per byte.
"""

import codecs
import sys
import types


def _codec_info(name, jis, form):
    def decode(data, errors='strict', final=True):
        data = bytes(data)
        decoding = jis.Decoding(form, data.decode('latin-1'), errors)
        parts = []
        pos = 0
        while True:
            text, stop, end, reason = decoding.step(pos, final)
            parts.append(text)
            if reason is None:
                return ''.join(parts), stop
            replacement, pos = codecs.lookup_error(errors)(
                UnicodeDecodeError(name, data, stop, end, reason))
            parts.append(replacement)
            if pos < 0:
                pos += len(data)

    def encode(text, errors='strict', final=True):
        encoding = jis.Encoding(form, text, errors)
        parts = []
        pos = 0
        while True:
            data, stop, end, reason = encoding.step(pos, final)
            parts.append(data.encode('latin-1'))
            if reason is None:
                return b''.join(parts), stop
            replacement, pos = codecs.lookup_error(errors)(
                UnicodeEncodeError(name, text, stop, end, reason))
            parts.append(replacement if isinstance(replacement, bytes)
                         else encode(replacement)[0])
            if pos < 0:
                pos += len(text)

    class IncrementalEncoder(codecs.BufferedIncrementalEncoder):
        def _buffer_encode(self, text, errors, final):
            return encode(text, errors, final)

    class IncrementalDecoder(codecs.BufferedIncrementalDecoder):
        def _buffer_decode(self, data, errors, final):
            return decode(data, errors, final)

    class StreamWriter(codecs.StreamWriter):
        """Holds back a character that may start a pair until the next write or reset()."""

        def __init__(self, stream, errors='strict'):
            codecs.StreamWriter.__init__(self, stream, errors)
            self._encoder = IncrementalEncoder(errors)

        def encode(self, text, errors='strict'):
            self._encoder.errors = errors
            return self._encoder.encode(text), len(text)

        def reset(self):
            pending = self._encoder.encode('', True)
            if pending:
                self.stream.write(pending)
            self._encoder.reset()

    class StreamReader(codecs.StreamReader):
        """Sizes count bytes, as in CPython's multibyte codecs: a read returns what the
        bytes read decode to, reading on a byte at a time while that is nothing; a
        sequence the read cuts waits for the next one."""

        def __init__(self, stream, errors='strict'):
            codecs.StreamReader.__init__(self, stream, errors)
            self._pending = b''

        def _read(self, read, size):
            while True:
                data = read() if size is None or size < 0 else read(size)
                last = not data or size is None or size < 0
                text, used = decode(self._pending + data, self.errors, last)
                self._pending = (self._pending + data)[used:]
                if text or last:
                    return text
                size = 1

        def read(self, size=-1, chars=-1, firstline=False):
            return self._read(self.stream.read, size)

        def readline(self, size=None, keepends=True):
            line = self._read(self.stream.readline, size)
            return line if keepends else line.splitlines()[0] if line else line

        def readlines(self, sizehint=None, keepends=True):
            return self._read(self.stream.read, sizehint).splitlines(keepends)

        def reset(self):
            self._pending = b''

    def whole(convert, verb):
        def call(value, errors='strict'):
            try:
                return convert(value, errors)[0], len(value)
            except LookupError as e:
                # str.encode and bytes.decode word an unknown handler so in CPython
                raise LookupError('%s with %r codec failed (LookupError: %s)'
                                  % (verb, name, e)) from None
        return call

    return codecs.CodecInfo(
        name=name, encode=whole(encode, 'encoding'), decode=whole(decode, 'decoding'),
        incrementalencoder=IncrementalEncoder, incrementaldecoder=IncrementalDecoder,
        streamwriter=StreamWriter, streamreader=StreamReader)


def _install(name, form):
    """Puts the codec where `encodings` looks for it: GraalPy's own module for it
    imports a C codec it does not have and fails the lookup."""
    def getregentry():
        from psycopg2 import _jvm  # not at import: psycopg2 is still being imported then
        if not _jvm.JisX0213.available():
            raise LookupError('no JIS X 0213 tables in this JVM (module jdk.charsets)')
        return _codec_info(name, _jvm.JisX0213, getattr(_jvm.JisX0213.Form, form))

    module = types.ModuleType('encodings.' + name, __doc__)
    module.getregentry = getregentry
    sys.modules[module.__name__] = module


for _name, _form in (('shift_jis_2004', 'SHIFT_JIS'), ('euc_jis_2004', 'EUC')):
    try:
        codecs.lookup(_name)
    except LookupError:
        _install(_name, _form)
