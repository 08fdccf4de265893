"""The hstore extension type (psycopg2.extras' hstore API): dicts adapted to
hstore values, hstore text cast back to dicts, register_hstore.

Pure Python, nothing registered at import: register_hstore() installs the
dict adapter (always globally) and the casters (on a connection, a cursor or
globally), as psycopg2 does.
"""

import re as _re

from psycopg2._catalog import lookup_scope, end_lookup_transaction
from psycopg2._exceptions import InterfaceError, ProgrammingError
from psycopg2._adapt import adapt, encodings, register_adapter
from psycopg2._typecast import new_type, new_array_type


def _check_text(s):
    """Refuse what re can't search, with CPython 3.11's words (GraalPy's
    differ)."""
    if not isinstance(s, (str, bytes, bytearray, memoryview)):
        raise TypeError("expected string or bytes-like object, got '%s'"
                        % type(s).__name__)


# One "key" => "value" pair of the text the server writes for an hstore: both
# double-quoted with backslash escapes, or the value NULL; pairs end with a
# comma (spaces around it allowed) or at the end of the text.
_QUOTED = r'"((?:[^"\\]|\\.)*)"'
_PAIR = _re.compile(_QUOTED + r'\s*=>\s*(?:NULL|' + _QUOTED + r')(?:\s*,\s*|$)')


def _unescape(text):
    """`text` with each backslash replaced by the character it escapes (a
    newline is not escaped: the pair stays, as psycopg2's reading leaves it)."""
    if '\\' not in text:
        return text
    out = []
    i = 0
    n = len(text)
    while True:
        j = text.find('\\', i)
        if j < 0 or j + 1 >= n:
            out.append(text[i:])
            return ''.join(out)
        if text[j + 1] == '\n':
            out.append(text[i:j + 2])
        else:
            out.append(text[i:j])
            out.append(text[j + 1])
        i = j + 2


def _quoted_end(s, i):
    """Index of the quote closing the quoted string opened at s[i], or -1
    if there is none or it holds an escaped newline (which the pair regex
    doesn't read as an escape)."""
    j = i + 1
    while True:
        q = s.find('"', j)
        if q < 0:
            return -1
        b = s.find('\\', j, q)
        if b < 0:
            return q
        if b + 1 >= len(s) or s[b + 1] == '\n':
            return -1
        j = b + 2


def _parse_server_text(s):
    """The dict for hstore text exactly as the server writes it
    (``"k"=>"v", "k2"=>NULL``, quotes and backslashes escaped), or None for
    any other text: the pair regex then reads it (the same result for the
    server's text, but regex calls are slow on GraalPy, and searching a long
    text from an offset costs its whole length each time)."""
    rv = {}
    n = len(s)
    i = 0
    while i < n:
        if s[i] != '"':
            return None
        k = _quoted_end(s, i)
        if k < 0 or not s.startswith('=>', k + 1):
            return None
        key = _unescape(s[i + 1:k])
        v = k + 3
        if s.startswith('NULL', v):
            rv[key] = None
            i = v + 4
        elif s.startswith('"', v):
            e = _quoted_end(s, v)
            if e < 0:
                return None
            rv[key] = _unescape(s[v + 1:e])
            i = e + 1
        else:
            return None
        if i == n:
            break
        if not s.startswith(', "', i):
            return None
        i += 2
    return rv


class HstoreAdapter(object):
    """Adapt a Python dict to the hstore type: ``hstore(keys[], values[])``
    (on servers before 9.0, a concatenation of ``key => value`` pairs)."""

    __module__ = 'psycopg2.extras'

    def __init__(self, wrapped):
        self.wrapped = wrapped

    def prepare(self, conn):
        self.conn = conn
        # hstore(text[], text[]) exists since PostgreSQL 9.0.
        if conn.info.server_version < 90000:
            self.getquoted = self._getquoted_8

    def _quoted(self, obj):
        a = adapt(obj)
        a.prepare(self.conn)
        return a.getquoted()

    def _getquoted_8(self):
        """The pre-9.0 form: ``(('k' => 'v')||('k2' => NULL))``."""
        if not self.wrapped:
            return b"''::hstore"
        pairs = []
        for key, value in self.wrapped.items():
            quoted_value = b'NULL' if value is None else self._quoted(value)
            pairs.append(b'(' + self._quoted(key) + b' => ' + quoted_value + b')')
        return b'(' + b'||'.join(pairs) + b')'

    def _getquoted_9(self):
        """``hstore(ARRAY[keys], ARRAY[values])``, the arrays as lists adapt."""
        if not self.wrapped:
            return b"''::hstore"
        keys = self._quoted(list(self.wrapped.keys()))
        values = self._quoted(list(self.wrapped.values()))
        return b'hstore(' + keys + b', ' + values + b')'

    getquoted = _getquoted_9

    @classmethod
    def parse(cls, s, cur):
        """The dict for the hstore text `s` (None for NULL).

        Raise InterfaceError naming the offset where the text stops being a
        sequence of pairs.
        """
        if s is None:
            return None
        _check_text(s)
        if isinstance(s, str):
            rv = _parse_server_text(s)
            if rv is not None:
                return rv
        rv = {}
        pos = 0
        while True:
            m = _PAIR.search(s, pos)
            if m is None:
                break
            if m.start() != pos:
                raise InterfaceError('error parsing hstore pair at char %d' % pos)
            value = m.group(2)
            if value is not None:
                value = _unescape(value)
            rv[_unescape(m.group(1))] = value
            pos = m.end()
        if pos < len(s):
            raise InterfaceError(
                'error parsing hstore: unparsed data after char %d' % pos)
        return rv

    @classmethod
    def parse_unicode(cls, s, cur):
        """Parse hstore bytes, decoded with the cursor's connection encoding."""
        if s is None:
            return None
        s = s.decode(encodings[cur.connection.encoding])
        return cls.parse(s, cur)

    @classmethod
    def get_oids(cls, conn_or_curs):
        """(OIDs of the hstore types, OIDs of their arrays): every type named
        hstore in the database, whatever its schema."""
        conn, curs = lookup_scope(conn_or_curs)
        status_before = conn.status
        curs.execute(
            "SELECT t.oid, t.typarray FROM pg_catalog.pg_type t "
            "WHERE t.typname = 'hstore' ORDER BY t.oid")
        rows = curs.fetchall()
        end_lookup_transaction(conn, status_before)
        return tuple(r[0] for r in rows), tuple(r[1] for r in rows)


def register_hstore(conn_or_curs, globally=False, unicode=False,
                    oid=None, array_oid=None):
    """Cast hstore values (and hstore arrays) to dicts on `conn_or_curs`, or
    everywhere if `globally`; adapt dicts to hstore (always globally).

    The OIDs are looked up in the database unless `oid` (an int or a tuple)
    is given; `array_oid` is then used as given. `unicode` only mattered on
    Python 2: strings are always str.
    """
    from psycopg2.extensions import register_type
    if oid is None:
        oid = HstoreAdapter.get_oids(conn_or_curs)
        if oid is None or not oid[0]:
            raise ProgrammingError(
                "hstore type not found in the database. "
                "please install it from your 'contrib/hstore.sql' file")
        oid, array_oid = oid

    if isinstance(oid, int):
        oid = (oid,)
    if array_oid is not None:
        if isinstance(array_oid, int):
            array_oid = (array_oid,)
        else:
            array_oid = tuple(x for x in array_oid if x)

    scope = None if globally else (conn_or_curs or None)
    hstore_caster = new_type(oid, 'HSTORE', HstoreAdapter.parse)
    register_type(hstore_caster, scope)
    register_adapter(dict, HstoreAdapter)
    if array_oid:
        register_type(new_array_type(array_oid, 'HSTOREARRAY', hstore_caster), scope)
