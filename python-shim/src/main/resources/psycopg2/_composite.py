"""Composite types (psycopg2.extras' composite API): CompositeCaster, which
casts the server's record text to named tuples (or whatever a subclass's
make() returns), and register_composite, which finds a type in the catalog.

Python tuples need nothing here: they adapt as parenthesized lists, which
PostgreSQL reads as row constructors.
"""

import re as _re
from collections import namedtuple as _namedtuple

from psycopg2._exceptions import DataError, ProgrammingError
from psycopg2._typecast import new_type, new_array_type
from psycopg2._catalog import lookup_scope, end_lookup_transaction
from psycopg2._hstore import _check_text

# One attribute of record text, with the '(' opening the record: empty (a
# NULL), double-quoted (quotes doubled inside) or bare; each ends with the
# ',' or ')' after it.
_ATTRIBUTE = _re.compile(r'''
      \(? ([,)])
    | \(? "((?:[^"]|"")*)" [,)]
    | \(? ([^",)]+) [,)]
''', _re.VERBOSE)


# What a Python identifier can't hold, in the name of the namedtuple class.
_NOT_IDENTIFIER = _re.compile(r'\W')

# The attributes of the composite type `typname` in schema `nspname`.
_EXACT_NAME_QUERY = """\
SELECT t.oid, t.typarray, a.attname, a.atttypid
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace ns ON ns.oid = t.typnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = t.typrelid
WHERE t.typname = %s AND ns.nspname = %s AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum"""

# The same for a name as PostgreSQL resolves it (search_path, quoting). A
# name the server refuses is reported on line 5 of the query, as psycopg2's
# own lookup has it: the error text quotes that line.
_RESOLVED_NAME_QUERY = """\
SELECT t.oid, t.typarray, a.attname, a.atttypid, t.typname, ns.nspname
FROM pg_catalog.pg_type t
JOIN pg_catalog.pg_namespace ns ON ns.oid = t.typnamespace
JOIN pg_catalog.pg_attribute a ON a.attrelid = t.typrelid
WHERE t.oid = %s::regtype
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum"""


def _undouble(text):
    # Inside quotes the server doubles quotes and backslashes; a run of
    # either is paired from its start, as a left-to-right scan would.
    if '"' in text:
        text = text.replace('""', '"')
    if '\\' in text:
        text = text.replace('\\\\', '\\')
    return text


def _tokenize_record(s):
    """The attributes of record text exactly as the server writes it:
    '(' attributes separated by ',' ')', each empty (NULL), bare, or
    double-quoted with quotes and backslashes doubled. None for any other
    text, which the _ATTRIBUTE regex then reads (for server text both give
    the same attributes; this is the fast way)."""
    n = len(s)
    if n < 2 or s[0] != '(':
        return None
    rv = []
    i = 1
    while True:
        c = s[i]
        if c == ',' or c == ')':
            rv.append(None)
            end = i
        elif c == '"':
            j = i + 1
            while True:
                j = s.find('"', j)
                if j < 0 or j + 1 >= n:
                    return None
                if s[j + 1] != '"':
                    break
                j += 2
            rv.append(_undouble(s[i + 1:j]))
            end = j + 1
        else:
            end = i
            while s[end] != ',' and s[end] != ')':
                if s[end] == '"' or s[end] == '(':
                    return None
                end += 1
                if end >= n:
                    return None
            rv.append(s[i:end])
        if end >= n:
            return None
        if s[end] == ')':
            return rv if end == n - 1 else None
        if s[end] != ',':
            return None
        i = end + 1
        if i >= n:
            return None


class CompositeCaster(object):
    """Cast a PostgreSQL composite type to a Python object.

    `attrs` lists the (name, type OID) of the attributes. The default
    object is a namedtuple `type`; subclasses change it by overriding
    make(values).
    """

    __module__ = 'psycopg2.extras'

    def __init__(self, name, oid, attrs, array_oid=None, schema=None):
        self.name = name
        self.schema = schema
        self.oid = oid
        self.array_oid = array_oid
        self.attnames = [a[0] for a in attrs]
        self.atttypes = [a[1] for a in attrs]
        self._create_type(name, self.attnames)
        self.typecaster = new_type((oid,), name, self.parse)
        if array_oid:
            self.array_typecaster = new_array_type(
                (array_oid,), '%sARRAY' % name, self.typecaster)
        else:
            self.array_typecaster = None

    def parse(self, s, curs):
        """The object for the record text `s` (None for NULL), its
        attributes cast with the casters `curs` sees."""
        if s is None:
            return None
        tokens = self.tokenize(s)
        if len(tokens) != len(self.atttypes):
            raise DataError(
                'expecting %d components for the type %s, %d found instead'
                % (len(self.atttypes), self.name, len(tokens)))
        values = [curs.cast(oid, token) for oid, token in zip(self.atttypes, tokens)]
        return self.make(values)

    def make(self, values):
        """The Python object for a record's cast attribute values."""
        return self._ctor(values)

    @classmethod
    def tokenize(cls, s):
        """The attribute texts of the record text `s` (None for NULLs),
        unquoted; what doesn't read as an attribute is skipped."""
        _check_text(s)
        if isinstance(s, str):
            rv = _tokenize_record(s)
            if rv is not None:
                return rv
        rv = []
        for m in _ATTRIBUTE.finditer(s):
            if m.group(1) is not None:
                rv.append(None)
            elif m.group(2) is not None:
                rv.append(_undouble(m.group(2)))
            else:
                rv.append(m.group(3))
        return rv

    def _create_type(self, name, attnames):
        # namedtuple refuses attribute names that aren't identifiers, as
        # psycopg2 lets it do; the class name is made one.
        self.type = _namedtuple(_NOT_IDENTIFIER.sub('_', name), attnames,
                                module='psycopg2.extras')
        self._ctor = self.type._make

    @classmethod
    def _from_db(cls, name, conn_or_curs):
        """A caster for the composite type `name`, read from the catalog.

        `name` is first taken literally, as "typname" in schema public or as
        "schema.typname"; failing that, as PostgreSQL resolves a type name.
        Raise ProgrammingError if neither finds a composite type.
        """
        conn, curs = lookup_scope(conn_or_curs)
        status_before = conn.status

        if '.' in name:
            schema, tname = name.split('.', 1)
        else:
            tname = name
            schema = 'public'

        curs.execute(_EXACT_NAME_QUERY, (tname, schema))
        recs = curs.fetchall()
        if not recs:
            recs = cls._resolve(name, conn, curs)
            if recs:
                tname, schema = recs[0][4], recs[0][5]

        end_lookup_transaction(conn, status_before)

        if not recs:
            raise ProgrammingError("PostgreSQL type '%s' not found" % name)
        return cls(tname, recs[0][0], [(r[2], r[3]) for r in recs],
                   array_oid=recs[0][1], schema=schema)

    @classmethod
    def _resolve(cls, name, conn, curs):
        """The rows of _RESOLVED_NAME_QUERY, empty if the server can't read
        `name` as a type; in a savepoint, so that the failure doesn't abort
        the caller's transaction."""
        in_transaction = not conn.autocommit
        if in_transaction:
            curs.execute('SAVEPOINT register_type')
        try:
            curs.execute(_RESOLVED_NAME_QUERY, (name,))
            return curs.fetchall()
        except ProgrammingError:
            return []
        finally:
            if in_transaction:
                curs.execute('ROLLBACK TO SAVEPOINT register_type')


def register_composite(name, conn_or_curs, globally=False, factory=None):
    """Register a caster for the composite type `name` (and its array) on
    `conn_or_curs`, or everywhere if `globally`; return the caster, made by
    `factory` (a CompositeCaster subclass) if given."""
    from psycopg2.extensions import register_type
    if factory is None:
        factory = CompositeCaster
    caster = factory._from_db(name, conn_or_curs)
    scope = None if globally else (conn_or_curs or None)
    register_type(caster.typecaster, scope)
    if caster.array_typecaster is not None:
        register_type(caster.array_typecaster, scope)
    return caster
