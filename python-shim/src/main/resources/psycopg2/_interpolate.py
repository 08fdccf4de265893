"""Client-side parameter interpolation, as psycopg2's cursor.execute/mogrify.

psycopg2 works in two passes over the query, encoded to bytes first:

1. placeholders are scanned and the parameters they use are quoted (each
   mapping key once, however many times it appears);
2. the query is formatted with the quoted values, with the rules of the
   ``%`` operator restricted to ``%s``, ``%(name)s`` and ``%%``.

The errors of the first pass come first, so both passes are kept to raise
what psycopg2 raises. Messages, as psycopg2 2.9.5 raises them through
cursor.mogrify:

pass 1
    ProgrammingError "argument formats can't be mixed"
    ProgrammingError "incomplete placeholder: '%(' without ')'"
    IndexError 'tuple index out of range' (too few parameters; the
    sequence's own message)
    KeyError 'name' (missing key; the mapping's own exception)
    TypeError 'dict is not a sequence' / "'int' object does not support
    indexing" (%s with a non-sequence)
    TypeError 'tuple indices must be integers or slices, not str'
    (%(name)s with a sequence; the sequence's own message)
    ProgrammingError "can't adapt type 'X'" (from adaptation)
pass 2
    ValueError "unsupported format character 'd' (0x64) at index 8"
    ValueError 'incomplete format'
    ValueError 'incomplete format key'
    ValueError 'only bytes values expected, got int' (an adapter's
    getquoted() returned neither bytes nor str)
    TypeError 'not all arguments converted during string formatting'
    (too many parameters in a sequence)

With ``params=None`` the query is returned untouched (``%%`` included).
"""

import types as _types

from psycopg2._exceptions import ProgrammingError
from psycopg2._adapt import _type_name

__all__ = ['interpolate', 'interpolate_text']

_MIXED = "argument formats can't be mixed"
_INCOMPLETE = "incomplete placeholder: '%(' without ')'"
# the messages of the query's own faults (psycopg2 sets the cursor on these errors)
PLACEHOLDER_ERRORS = (_MIXED, _INCOMPLETE)


def _seq_item(params, i):
    """params[i] with the errors of the C sequence protocol.

    Python's ``params[i]`` on a dict would raise KeyError; psycopg2 goes
    through the sequence protocol, which refuses mappings and non-indexables.
    """
    t = type(params)
    if t is tuple or t is list:
        return params[i]
    if isinstance(params, dict):
        if t.__getitem__ is dict.__getitem__:
            raise TypeError('%s is not a sequence' % _type_name(t))
    elif isinstance(params, _types.MappingProxyType):
        raise TypeError('%s is not a sequence' % _type_name(t))
    elif getattr(t, '__getitem__', None) is None:
        raise TypeError("'%s' object does not support indexing" % _type_name(t))
    return params[i]


def _quote_params(query, params, quote):
    """First pass: return the quoted values, as a list or a dict, or None."""
    seq = None
    mapping = None
    find = query.find
    pos = find(b'%')
    while pos >= 0:
        nxt = query[pos + 1:pos + 2]
        if nxt == b'%':
            pos = find(b'%', pos + 2)
        elif nxt == b'(':
            if seq is not None:
                raise ProgrammingError(_MIXED)
            end = find(b')', pos + 2)
            pct = find(b'%', pos + 2)
            if end < 0 or 0 <= pct < end:
                raise ProgrammingError(_INCOMPLETE)
            key = query[pos + 2:end].decode("utf-8")
            if mapping is None:
                value = params[key]
                mapping = {}
                mapping[key] = quote(value)
            elif key not in mapping:
                mapping[key] = quote(params[key])
            pos = find(b'%', end + 1)
        else:
            if mapping is not None:
                raise ProgrammingError(_MIXED)
            if seq is None:
                seq = []
            seq.append(quote(_seq_item(params, len(seq))))
            pos = find(b'%', pos + 1)
    if mapping is not None:
        return mapping
    return seq


def _check_value(value):
    if type(value) is not bytes:
        raise ValueError('only bytes values expected, got %s' % type(value).__name__)
    return value


def _bad_conversion(query, i):
    # i: index of the conversion character.
    if i >= len(query):
        return ValueError('incomplete format')
    c = query[i]
    return ValueError("unsupported format character '%s' (0x%x) at index %d" % (
        chr(c) if 32 <= c < 127 else '?', c, i))


def _format(query, values, nvalues, encoding):
    """Second pass: the query with its placeholders replaced."""
    parts = []
    append = parts.append
    find = query.find
    n = len(query)
    start = 0
    argidx = 0
    pos = find(b'%')
    while pos >= 0:
        append(query[start:pos])
        i = pos + 1
        if query[i:i + 1] == b'%':
            append(b'%')
            start = i + 1
            pos = find(b'%', start)
            continue
        if query[i:i + 1] == b'(':
            if not isinstance(values, dict):
                raise TypeError('format requires a mapping')
            depth = 1
            j = i + 1
            while depth and j < n:
                c = query[j]
                if c == 0x28:
                    depth += 1
                elif c == 0x29:
                    depth -= 1
                j += 1
            if depth:
                raise ValueError('incomplete format key')
            value = values[query[i + 1:j - 1].decode("utf-8")]
            i = j
        else:
            if isinstance(values, dict):
                raise TypeError('format requires a mapping')
            if argidx >= nvalues:
                raise TypeError('not enough arguments for format string')
            value = values[argidx]
            argidx += 1
        if query[i:i + 1] != b's':
            raise _bad_conversion(query, i)
        append(_check_value(value))
        start = i + 1
        pos = find(b'%', start)
    if argidx < nvalues:
        raise TypeError('not all arguments converted during string formatting')
    append(query[start:])
    return b''.join(parts)


_pieces_cache = {}


def _positional_pieces(query):
    """The query (bytes or str) split at its placeholders when they are all plain
    '%s' (no '%%', no '%(name)s', no other conversion), else None. Cached: the
    same query comes back for every executemany row."""
    try:
        return _pieces_cache[query]
    except KeyError:
        pass
    percent, placeholder = (b'%', b'%s') if type(query) is bytes else ('%', '%s')
    if query.count(percent) == query.count(placeholder) and percent * 2 not in query:
        pieces = query.split(placeholder)
    else:
        pieces = None
    if len(_pieces_cache) >= 512:
        _pieces_cache.clear()
    _pieces_cache[query] = pieces
    return pieces


def _merge_positional(pieces, params, quote):
    # Same results and errors as the two passes for this simple shape.
    values = [quote(p) for p in params]
    out = [pieces[0]]
    for value, piece in zip(values, pieces[1:]):
        out.append(_check_value(value))
        out.append(piece)
    return b''.join(out)


def interpolate_text(query, params, literal, conn):
    """The statement as str, when `query` (a str) has only plain '%s' placeholders, one per
    item of `params` (a tuple or list), and ``literal(item, conn)`` gives each item's SQL as str;
    else None, for interpolate() to do it exactly. No bytes are made per value: GraalPy's
    str.encode costs about half a microsecond a call, more than the rest of the quoting."""
    t = type(params)
    if t is not tuple and t is not list:
        return None
    pieces = _positional_pieces(query)
    if pieces is None or len(pieces) != len(params) + 1:
        return None
    out = [pieces[0]]
    append = out.append
    i = 1
    for param in params:
        sql = literal(param, conn)
        if sql is None:
            return None
        append(sql)
        append(pieces[i])
        i += 1
    return ''.join(out)


def interpolate(query, params, quote, encoding='utf-8'):
    """Merge `params` into `query` as psycopg2 does; return bytes.

    `query` is str (encoded with `encoding`, the connection's Python codec)
    or bytes; `params` a sequence, a mapping or None; ``quote(obj)`` returns
    the SQL bytes of one parameter (see psycopg2._adapt.getquoted). Mapping
    keys are read from the query as UTF-8 whatever `encoding`, as psycopg2
    does.
    """
    if isinstance(query, str):
        query = query.encode(encoding)
    elif not isinstance(query, bytes):
        raise TypeError('argument 1 must be a string or unicode object: got %s instead'
                        % type(query).__name__)
    if params is None:
        return query
    if b'%' not in query:
        return query
    t = type(params)
    if t is tuple or t is list:
        pieces = _positional_pieces(query)
        if pieces is not None and len(pieces) == len(params) + 1:
            return _merge_positional(pieces, params, quote)
    values = _quote_params(query, params, quote)
    if values is None:
        values = ()
        nvalues = 0
    elif isinstance(values, dict):
        nvalues = 0
    else:
        # Parameters past the ones used count, for the "not all arguments
        # converted" check.
        nvalues = len(params)
        if nvalues > len(values):
            values = values + [None] * (nvalues - len(values))
    return _format(query, values, nvalues, encoding)
