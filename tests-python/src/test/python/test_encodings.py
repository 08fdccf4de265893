"""Client encodings as psycopg2 2.9.5 has them: the ``encodings`` table, connection.encoding,
set_client_encoding, and text sent and received in every encoding PostgreSQL and Python share.

Differential snippets run on the reference too; each sets the encoding it needs first, as the
harness keeps one connection for all of them.
"""

import os
import unittest

import psycopg2
import psycopg2.extensions

from _support import ConnectingTestCase, unique_name
from test_differential import _DifferentialTestCase, generated


# An encoding as PostgreSQL names it, and text that only some encodings hold. JOHAB is left
# out: PostgreSQL's JOHAB and Python's johab codec disagree, and libpq's escaping rewrites
# what it finds invalid.
_SAMPLES = [
    ('UTF8', 'caf\u00e9 \u20ac \u65e5\u672c \U0001f600'),
    ('UNICODE', '\u0141\u00f3d\u017a \u20ac'),
    ('SQL_ASCII', 'plain ascii ~'),
    ('LATIN1', '\u00e0\u00e9\u00ee\u00f5\u00fc \u00df\u00ff\u00bf'),
    ('LATIN2', '\u0141\u00f3d\u017a \u015a\u0106\u0158'),
    ('LATIN3', '\u0126\u011d\u010a\u017c\u015d'),
    ('LATIN4', '\u0100\u0112\u0136\u0156\u0167'),
    ('LATIN5', '\u011e\u0130\u015e\u011f\u0131\u015f'),
    ('LATIN6', '\u0100\u0112\u0122\u012a\u0128\u0136\u014a\u2015'),
    ('LATIN7', '\u0104\u012e\u0100\u0106 \u2019\u201c'),
    ('LATIN8', '\u1e02\u1e03\u010a\u010b\u0174\u0177\u1ef2'),
    ('LATIN9', '\u20ac\u0160\u0161\u017d\u017e\u0152\u0153\u0178'),
    ('LATIN10', '\u0218\u0219\u021a\u021b\u20ac'),
    ('ISO_8859_5', '\u041f\u0440\u0438\u0432\u0435\u0442 \u2116'),
    ('ISO_8859_6', '\u0645\u0631\u062d\u0628\u0627 \u061f'),
    ('ISO_8859_7', '\u039a\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1'),
    ('ISO_8859_8', '\u05e9\u05dc\u05d5\u05dd \u00d7'),
    ('WIN866', '\u041f\u0440\u0438\u0432\u0435\u0442 \u2591\u2592\u2593'),
    ('WIN874', '\u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35 \u201c\u2026\u201d \u20ac'),
    ('WIN1250', '\u0141\u00f3d\u017a \u201e\u2030\u201d'),
    ('WIN1251', '\u041f\u0440\u0438\u0432\u0435\u0442 \u20ac \u0402'),
    ('WIN1252', 'caf\u00e9 \u20ac\u201a\u0192\u201e'),
    ('WIN1253', '\u039a\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1 \u0385'),
    ('WIN1254', '\u011e\u0130\u015f \u20ac'),
    ('WIN1255', '\u05e9\u05dc\u05d5\u05dd \u20aa'),
    ('WIN1256', '\u0645\u0631\u062d\u0628\u0627 \u06af'),
    ('WIN1257', '\u0104\u010d \u017e \u20ac'),
    ('WIN1258', '\u0110\u00e0 \u20ab'),
    ('KOI8R', '\u041f\u0440\u0438\u0432\u0435\u0442 \u2500'),
    ('KOI8U', '\u041f\u0440\u0438\u0432\u0456\u0442 \u0491'),
    ('EUC_JP', '\u65e5\u672c\u8a9e \u30ab\u30bf\u30ab\u30ca \uff76'),
    ('SJIS', '\u65e5\u672c\u8a9e \uff76\uff80\uff76\uff85'),
    ('EUC_KR', '\ud55c\uad6d\uc5b4'),
    ('UHC', '\ud55c\uad6d\uc5b4 \ub620'),
    ('EUC_CN', '\u4e2d\u6587'),
    ('GBK', '\u4e2d\u6587 \u7e41\u9ad4'),
    ('GB18030', '\u4e2d\u6587 \u7e41\u9ad4'),
    ('BIG5', '\u4e2d\u6587 \u7e41\u9ad4'),
    # JIS X 0213: a pair written as one code, a plane 2 character beyond the BMP, places
    # the two forms read differently (backslash, tilde, yen sign, overline)
    ('EUC_JIS_2004', '\u65e5\u672c \u304b\u309a \U00020089 \u2985 \uff76 \\~ \uff3c'),
    ('SHIFT_JIS_2004', '\u65e5\u672c \u304b\u309a \U00020089 \u2985 \uff76 \\~ \u00a5\u203e'),
]

_ROUND_TRIP = '''
conn.set_client_encoding(NAME)
out(conn.encoding, psycopg2.extensions.encodings[conn.encoding])
cur.execute('show client_encoding')
out(cur.fetchone())
out(cur.mogrify('select %s', (SAMPLE,)))
cur.execute('select %s, length(%s), convert_to(%s, current_setting(%s))::text',
            (SAMPLE, SAMPLE, SAMPLE, 'server_encoding'))
out(cur.fetchone())
cur.execute('select 1 as "' + SAMPLE + '"')
out(cur.description[0].name, cur.query)
try:
    cur.execute('select * from "' + SAMPLE + '"')
except psycopg2.Error as e:
    out(type(e).__name__, e.pgerror, e.diag.message_primary)
conn.rollback()
conn.set_client_encoding('UTF8')
'''


def _round_trip(name, sample):
    return _ROUND_TRIP.replace('NAME', repr(name)).replace('SAMPLE', repr(sample))


_ROUND_TRIPS = [('round_trip_' + name.lower(), _round_trip(name, sample))
                for name, sample in _SAMPLES]

_BEHAVIOUR = [
    ('table_is_psycopg2s', '''
        out(sorted(psycopg2.extensions.encodings.items()))
    '''),
    ('encoding_after_connect', '''
        out(conn.encoding)
    '''),
    ('aliases_are_cleaned_names', '''
        for name in ['latin1', 'utf-8', 'UNICODE', 'Latin-1', 'iso-8859-1', 'sql_ascii',
                     'ALT', 'WIN', 'KOI8', 'Mskanji', 'TCVN', 'latin 1', 'utf8 ',
                     'iso_8859_5', 'win1251', 'ShiftJIS', 'Windows949', 'EUC_KR']:
            conn.set_client_encoding(name)
            cur.execute('show client_encoding')
            out(name, conn.encoding, cur.fetchone()[0])
        conn.set_client_encoding('UTF8')
    '''),
    ('unknown_encodings', '''
        for name in ['foo', '', 'Windows-1251', 'EUC_TW', 'mule_internal']:
            try:
                conn.set_client_encoding(name)
            except Exception as e:
                out(name, type(e).__module__, type(e).__name__, str(e),
                    getattr(e, 'pgcode', None), conn.encoding, conn.status)
            conn.rollback()
            cur.execute('show client_encoding')
            out(cur.fetchone())
        conn.set_client_encoding('UTF8')
    '''),
    ('not_a_string', '''
        for value in [None, 1, b'latin1']:
            try:
                conn.set_client_encoding(value)
            except TypeError as e:
                out(repr(value), str(e))
    '''),
    ('inside_a_transaction_rolls_back', '''
        cur.execute('create temp table if not exists enc_tx (x int)')
        conn.commit()
        cur.execute('insert into enc_tx values (1)')
        conn.set_client_encoding('LATIN1')
        out(conn.status, conn.get_transaction_status(), conn.encoding)
        cur.execute('select count(*) from enc_tx')
        out(cur.fetchone())
        cur.execute('insert into enc_tx values (1)')
        conn.set_client_encoding('latin-1')  # the same name once cleaned: nothing happens
        out(conn.status, conn.get_transaction_status())
        cur.execute('select count(*) from enc_tx')
        out(cur.fetchone())
        conn.rollback()
        conn.set_client_encoding('UTF8')
    '''),
    ('autocommit', '''
        conn.autocommit = True
        conn.set_client_encoding('WIN1252')
        out(conn.encoding, conn.status, conn.get_transaction_status())
        conn.set_client_encoding('UTF8')
        conn.autocommit = False
    '''),
    ('set_run_as_a_query_keeps_the_codec', '''
        conn.set_client_encoding('UTF8')
        cur.execute("SET client_encoding TO 'LATIN1'")
        out(conn.encoding)
        cur.execute('select length(%s), %s', ('\\u00e9', '\\u00e9'))
        out(cur.fetchone())
        conn.rollback()
        conn.set_client_encoding('UTF8')
        cur.execute('show client_encoding')
        out(cur.fetchone())
    '''),
    ('unencodable_in_query_and_parameters', '''
        conn.set_client_encoding('LATIN1')
        cases = [("select '\\u20ac'", None), ('select %s', ('\\u20ac',)),
                 ('select %s', ('\\u00e9\\u20ac\\u20ac x',)), ('select %(a)s', {'a': 'x\\u0100'}),
                 ('select %s', (['ok', '\\u0101'],))]
        for query, params in cases:
            for run in (cur.execute, cur.mogrify):
                try:
                    run(query, params)
                except Exception as e:
                    out(type(e).__name__, str(e), e.start, e.end)
            out(conn.status, conn.get_transaction_status())
        cur.execute('select %s', ('\\u00e9',))
        out(cur.fetchone(), cur.query)
        conn.rollback()
        conn.set_client_encoding('UTF8')
    '''),
    ('unencodable_in_other_encodings', '''
        for name, text in [('SQL_ASCII', '\\u00e9'), ('WIN1251', 'a\\u00e9\\u00e8b'),
                           ('EUC_JP', 'x\\u0100'), ('EUC_CN', '\\u0100'), ('KOI8R', '\\u20ac'),
                           ('WIN874', '\\u0100'), ('UTF8', '\\ud800'),
                           ('SHIFT_JIS_2004', 'a\\uff3c'), ('EUC_JIS_2004', '\\u00a5'),
                           ('EUC_JIS_2004', '\\u304b\\u2014')]:
            conn.set_client_encoding(name)
            try:
                cur.execute('select %s', (text,))
            except Exception as e:
                out(name, type(e).__name__, str(e))
            try:
                cur.execute('select 1 as "' + text + '"')
            except Exception as e:
                out(name, type(e).__name__, str(e))
        conn.set_client_encoding('UTF8')
    '''),
    ('sql_ascii_high_bytes_in_rows', '''
        conn.set_client_encoding('SQL_ASCII')
        cur.execute("select x, x::varchar, 'ok' from (values ('a'), (chr(233)), ('b')) t(x)")
        out(cur.rowcount, cur.description[0].name)
        for _ in range(3):
            try:
                out(cur.fetchone())
            except Exception as e:
                out(type(e).__name__, str(e), conn.status, conn.get_transaction_status())
        out(cur.rownumber)
        cur.execute("select chr(233) || 'x'")
        try:
            cur.fetchall()
        except UnicodeDecodeError as e:
            out(str(e), e.start, e.end, e.object)
        cur.execute('select 1')
        out(cur.fetchone())
        conn.rollback()
        conn.set_client_encoding('UTF8')
    '''),
    ('sql_ascii_high_bytes_in_a_big_result', '''
        conn.set_client_encoding('SQL_ASCII')
        cur.execute("select i, case when i = 150 then chr(233) else 'v' || i end, i * 0.5"
                    " from generate_series(1, 300) i")
        out_fetch_past_failure(cur, 149)
        conn.rollback()
        conn.set_client_encoding('UTF8')
    '''),
    ('bytes_query_invalid_in_the_client_encoding', '''
        # psycopg2 sends a bytes query as it is; the server refuses what it cannot read
        for q, args in ((b"SELECT '\\xff'", None), (b"SELECT %s, '\\xff'", ('x',))):
            try:
                cur.execute(q, args)
            except psycopg2.Error as e:
                out(type(e).__name__, e.pgcode, str(e), cur.query, conn.get_transaction_status())
            conn.rollback()
        class Raw(object):
            def __init__(self, sql):
                self.sql = sql
            def __conform__(self, proto):
                return self
            def getquoted(self):
                return self.sql
        cur.execute('CREATE TEMP TABLE bq (a text)')
        conn.commit()
        for rows in ([('a',), ('b',)], [('ok',), (Raw(b"'\\xff'"),), ('c',)]):
            try:
                cur.executemany(b"INSERT INTO bq VALUES (%s || '\\xe9')"
                                if rows[0] == ('a',) else "INSERT INTO bq VALUES (%s)", rows)
            except psycopg2.Error as e:
                out(type(e).__name__, e.pgcode, str(e), cur.query, cur.rowcount)
            conn.rollback()
        conn.set_client_encoding('SQL_ASCII')
        cur.executemany("INSERT INTO bq VALUES (%s)", [('x',), (Raw(b"'\\xc3\\xa9'"),)])
        out(cur.rowcount, cur.query, cur.statusmessage)
        conn.commit()
        conn.set_client_encoding('UTF8')
        cur.execute('SELECT a FROM bq ORDER BY a')
        out(cur.fetchall())
        conn.commit()
        conn.autocommit = True
        try:
            cur.execute(b"SELECT 1 AS \\xe9")
        except psycopg2.Error as e:
            out(type(e).__name__, e.pgcode, str(e), conn.get_transaction_status())
        cur.execute("SELECT 1")
        out(cur.fetchone())
        conn.autocommit = False
        conn.set_client_encoding('LATIN1')
        cur.execute(b"SELECT '\\xe9'")
        out(cur.fetchone())
        conn.rollback()
        conn.set_client_encoding('UTF8')
    '''),
    ('sql_ascii_high_bytes_in_messages', '''
        conn.set_client_encoding('SQL_ASCII')
        cur.execute("do $$begin raise notice 'n%', chr(233); end$$")
        out(conn.notices)
        try:
            cur.execute("do $$begin raise exception 'e%', chr(233) || chr(8364); end$$")
        except psycopg2.Error as e:
            out(type(e).__name__, e.pgerror, e.diag.message_primary, str(e))
        conn.rollback()
        conn.set_client_encoding('UTF8')
    '''),
    ('sql_ascii_high_bytes_in_names_and_notifications', '''
        conn.set_client_encoding('UTF8')
        cur.execute('create temp view enc_view as select 1 as "\\u00e9t\\u00e9"')
        cur.execute('listen enc_channel')
        conn.commit()
        conn.set_client_encoding('SQL_ASCII')
        cur.execute('select * from enc_view')
        out(cur.description[0].name, cur.fetchall())
        cur.execute("select pg_notify('enc_channel', 'p' || chr(233))")
        conn.commit()
        cur.execute('select 1')  # psycopg2 has read the notification by then
        out([(n.channel, n.payload) for n in conn.notifies])
        cur.execute('unlisten enc_channel')
        conn.commit()
        conn.set_client_encoding('UTF8')
        cur.execute('drop view enc_view')
        conn.commit()
    '''),
    ('latin9_copy', '''
        import io
        conn.set_client_encoding('LATIN9')
        cur.execute('create temp table enc_copy (x text)')
        cur.copy_from(io.StringIO('\\u20ac\\u0160\\nabc\\n'), 'enc_copy')
        out(cur.rowcount)
        cur.execute('select x, length(x) from enc_copy order by x')
        out(cur.fetchall())
        buf = io.StringIO()
        cur.copy_to(buf, 'enc_copy')
        out(buf.getvalue())
        b = io.BytesIO()
        cur.copy_expert('copy enc_copy to stdout', b)
        out(b.getvalue())
        conn.rollback()
        conn.set_client_encoding('UTF8')
    '''),
    ('statusmessage_and_query_in_other_encoding', '''
        conn.set_client_encoding('WIN1251')
        cur.execute('select %s as "\\u0438\\u043c\\u044f"', ('\\u0434\\u0430',))
        out(cur.statusmessage, cur.query, cur.description[0].name, cur.fetchone())
        conn.rollback()
        conn.set_client_encoding('UTF8')
    '''),
    ('quoted_string_encoding', '''
        for name in ['UTF8', 'LATIN1', 'SQL_ASCII', 'WIN1251']:
            conn.set_client_encoding(name)
            q = psycopg2.extensions.QuotedString({'SQL_ASCII': 'e', 'WIN1251': '\\u0434'}.get(name, '\\u00e9'))
            q.prepare(conn)
            out(name, q.encoding, q.getquoted())
        conn.set_client_encoding('UTF8')
    '''),
    ('connect_with_client_encoding', '''
        import os
        dsn = os.environ.get('PGTEST_DSN', '')
        for value in ['latin1', 'iso-8859-1', 'alt', 'sql_ascii', 'WIN1251', 'EUC_TW', 'foo']:
            try:
                c = psycopg2.connect(dsn, client_encoding=value)
            except psycopg2.Error as e:
                out(value, type(e).__name__, str(e).split('FATAL:')[-1])
                continue
            k = c.cursor()
            k.execute('show client_encoding')
            out(value, c.encoding, k.fetchone(), c.get_dsn_parameters().get('client_encoding'))
            c.close()
    '''),
    ('reset_reads_the_encoding_again', '''
        conn.set_client_encoding('KOI8')
        out(conn.encoding)
        conn.reset()
        out(conn.encoding)
        cur.execute('select %s', ('\\u00e9',))
        out(cur.fetchone())
        conn.rollback()
    '''),
]


@generated
class EncodingDifferentialTests(_DifferentialTestCase):
    SNIPPETS = _ROUND_TRIPS + _BEHAVIOUR


class ClientEncodingTests(ConnectingTestCase):

    def test_pgclientencoding_sets_the_encoding(self):
        saved = os.environ.get('PGCLIENTENCODING')
        os.environ['PGCLIENTENCODING'] = 'win1252'
        try:
            conn = self.connect()
        finally:
            if saved is None:
                del os.environ['PGCLIENTENCODING']
            else:
                os.environ['PGCLIENTENCODING'] = saved
        self.assertEqual(conn.encoding, 'WIN1252')
        cur = conn.cursor()
        cur.execute('select %s, length(%s)', ('\u20ac\u201e', '\u20ac\u201e'))
        self.assertEqual(cur.fetchone(), ('\u20ac\u201e', 2))

    def test_closed_connection(self):
        conn = self.connect()
        conn.close()
        with self.assertRaises(psycopg2.InterfaceError):
            conn.set_client_encoding('LATIN1')

    def test_connection_stays_usable_after_an_unencodable_parameter(self):
        conn = self.connect()
        conn.set_client_encoding('LATIN1')
        cur = conn.cursor()
        with self.assertRaises(UnicodeEncodeError):
            cur.execute('select %s', ('\u20ac',))
        cur.execute('select %s', ('\u00e9',))
        self.assertEqual(cur.fetchone(), ('\u00e9',))


class OtherDatabaseEncodingTests(ConnectingTestCase):
    """Databases whose own encoding is not UTF8, created for the test."""

    def _database(self, encoding):
        admin = psycopg2.connect(os.environ.get('PGTEST_DSN', ''))
        admin.autocommit = True
        name = unique_name('enc_db')
        admin.cursor().execute(
            "CREATE DATABASE %s ENCODING '%s' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'"
            % (name, encoding))

        def drop():
            admin.cursor().execute('DROP DATABASE IF EXISTS %s' % name)
            admin.close()
        self.addCleanup(drop)
        return name

    def _connect_to(self, dbname, **kwargs):
        conn = psycopg2.connect(os.environ.get('PGTEST_DSN', ''), dbname=dbname, **kwargs)
        self.addCleanup(conn.close)
        return conn

    def test_latin1_database_follows_the_client_encoding(self):
        conn = self._connect_to(self._database('LATIN1'))
        self.assertEqual(conn.encoding, 'LATIN1')
        cur = conn.cursor()
        cur.execute('select %s, length(%s)', ('\u00e9\u00ff', '\u00e9\u00ff'))
        self.assertEqual(cur.fetchone(), ('\u00e9\u00ff', 2))
        with self.assertRaises(UnicodeEncodeError):
            cur.execute('select %s', ('\u20ac',))
        conn.rollback()
        conn.set_client_encoding('UTF8')
        cur.execute('select %s', ('\u00e9',))
        self.assertEqual(cur.fetchone(), ('\u00e9',))
        # the server cannot convert the euro sign to LATIN1
        with self.assertRaises(psycopg2.errors.UntranslatableCharacter):
            cur.execute('select %s', ('\u20ac',))

    def test_sql_ascii_database_sends_bytes_as_stored(self):
        dbname = self._database('SQL_ASCII')
        conn = self._connect_to(dbname, client_encoding='LATIN1')
        cur = conn.cursor()
        cur.execute('create table t (x text)')
        cur.execute('insert into t values (%s)', ('\u00e9',))  # stored as the byte 0xE9
        conn.commit()
        # nothing converts: the byte 0xE9 comes back as it is, no ASCII
        conn.set_client_encoding('SQL_ASCII')
        self.assertEqual(conn.encoding, 'SQLASCII')
        cur.execute('select x from t')
        with self.assertRaises(UnicodeDecodeError) as cm:
            cur.fetchone()
        self.assertEqual(str(cm.exception),
                         "'ascii' codec can't decode byte 0xe9 in position 0: "
                         "ordinal not in range(128)")
        conn.rollback()
        conn.set_client_encoding('LATIN1')
        cur.execute('select x from t')
        self.assertEqual(cur.fetchone(), ('\u00e9',))
        # the server checks what it sends against a multibyte client encoding
        conn.rollback()
        conn.set_client_encoding('SHIFT_JIS_2004')
        with self.assertRaises(psycopg2.errors.CharacterNotInRepertoire):
            cur.execute('select x from t')
        conn.rollback()
        cur.execute('select %s', ('ok',))
        self.assertEqual(cur.fetchone(), ('ok',))



# -- the JIS X 0213 codecs (GraalPy's are java-core's; CPython's are the reference) ----------

# Runs on both sides: every one-, two- and (0x8F) three-byte input decoded, every code point
# and pair encoded, with the handlers CPython's codec applies itself and with one of Python's;
# and the codec's other faces (incremental, streams, aliases, handlers' results).
_JIS_CODEC_RUN = r"""
import codecs, io

_PAIR_SECONDS = (0x300, 0x301, 0x2e5, 0x2e9, 0x309a)


def _record(error):
    mark = '<%d:%d:%s>' % (error.start, error.end, error.reason)
    if isinstance(error, UnicodeDecodeError):
        return mark, error.end
    return mark.encode('ascii'), error.end


codecs.register_error('jis_test_record', _record)
codecs.register_error('jis_test_bytes', lambda e: (b'<?>', e.end))
# resumes at the error's end counted from the input's end, as a negative position
codecs.register_error('jis_test_back', lambda e: (
    '[back]', e.end - len(e.object) if e.end < len(e.object) else e.end))


def _attempt(f):
    try:
        return repr(f())
    except Exception as e:
        return '%s: %s' % (type(e).__name__, e)


def sweeps(name):
    out = {}
    inputs = [bytes([a]) for a in range(256)]
    inputs += [bytes([a, b]) for a in range(0x80, 256) for b in range(256)]
    inputs += [bytes([0x8f, b, c]) for b in range(256) for c in range(256)]
    joined = b'\n'.join(inputs)
    for errors in ('replace', 'ignore', 'jis_test_record'):
        out['decode ' + errors] = joined.decode(name, errors).split('\n')
    out['decode alone'] = [_attempt(lambda: data.decode(name)) for data in inputs[:0x1100]]
    text = ''.join(chr(cp) for cp in range(0x110000) if not 0xd800 <= cp < 0xe000)
    for errors in ('replace', 'ignore'):
        out['encode ' + errors] = [text[i:i + 4096].encode(name, errors).hex()
                                   for i in range(0, len(text), 4096)]
    out['encode recorded'] = text[:0x10000].encode(name, 'jis_test_record').hex()
    pairs = '\n'.join(chr(cp) + chr(second) for cp in range(0x3200) for second in _PAIR_SECONDS)
    out['encode pairs'] = pairs.encode(name, 'replace').hex()
    return out


def behaviour(name):
    lines = []
    add = lines.append
    add(codecs.lookup(name).name)
    for alias in ('jisx0213', 'eucjis2004', 'EUC-JIS-2004', 'shiftjis2004', 'sjis_2004',
                  's_jis_2004', 'Shift_JIS_2004', 'SJIS 2004'):
        add(_attempt(lambda: codecs.lookup(alias).name))
    sample = '\u304b\u309a\u304b \u00e6\u0300\u02e9\u02e5\u02e5 \U00020089 \\~\u00a5\u203e\uff3c\uff5e \u2014 \ud800 x'
    for errors in ('strict', 'replace', 'ignore', 'backslashreplace', 'xmlcharrefreplace',
                   'namereplace', 'surrogateescape', 'surrogatepass', 'jis_test_bytes',
                   'jis_test_back', 'no_such_handler'):
        add(_attempt(lambda: sample.encode(name, errors)))
    good = '\u304b\u309a\u65e5 \U00020089 \u2985'.encode(name)
    bad = b'a\x80\xff\x8f\xa1\xa1\x82\xa9\x82'
    for errors in ('strict', 'replace', 'ignore', 'backslashreplace', 'surrogateescape',
                   'jis_test_back', 'no_such_handler'):
        add(_attempt(lambda: bad.decode(name, errors)))
    for data in (bytearray(good), memoryview(good), good[:-1], good + b'\x8f', good + b'\x8f\xa1'):
        add(_attempt(lambda: codecs.decode(data, name)))
        add(_attempt(lambda: str(data, name, 'replace')))
    encoder = codecs.getincrementalencoder(name)()
    add(repr([encoder.encode(part) for part in ('\u304b', '\u309a', '\u304b', '', 'x\u304b')]
             + [encoder.encode('', True)]))
    encoder.reset()
    add(repr([encoder.encode('\u02e9'), encoder.encode('\u02e5', True)]))
    decoder = codecs.getincrementaldecoder(name)()
    parts = [decoder.decode(good[i:i + 1]) for i in range(len(good))]
    add(repr(parts))
    add(repr(decoder.decode(good[:1])))
    add(_attempt(lambda: decoder.decode(b'', True)))
    buffer = io.BytesIO()
    writer = codecs.getwriter(name)(buffer)
    writer.write('\u304b')
    writer.write('\u309a\u304b')
    add(repr(buffer.getvalue()))
    writer.reset()
    add(repr(buffer.getvalue()))
    for size in (1, 2, 3, 4, -1):
        reader = codecs.getreader(name)(io.BytesIO(good * 3))
        add(repr([reader.read(size) for _ in range(8)]))
    reader = codecs.getreader(name)(io.BytesIO(good + b'\n' + good + b'\r\n' + good[:-1]))
    add(_attempt(lambda: [reader.readline(), reader.readline(3), reader.readlines()]))
    reader = codecs.getreader(name)(io.BytesIO(good + b'\n' + good))
    add(repr([line for line in reader]))
    with io.TextIOWrapper(io.BytesIO(good * 1000), encoding=name) as f:
        add(repr(f.read() == '\u304b\u309a\u65e5 \U00020089 \u2985' * 1000))
    return lines


def digests(results):
    # each result as the hashes of its pieces: the sweeps are megabytes
    import hashlib, json
    out = {}
    for key, value in results.items():
        step = 4096 if isinstance(value, list) else 65536
        out[key] = [hashlib.sha256(json.dumps(value[i:i + step]).encode('ascii')).hexdigest()
                    for i in range(0, len(value), step)]
    return out


def run_all():
    return {name: {'sweeps': digests(sweeps(name)), 'behaviour': behaviour(name)}
            for name in ('shift_jis_2004', 'euc_jis_2004')}
"""


class JisX0213CodecDifferentialTests(unittest.TestCase):
    """shift_jis_2004 and euc_jis_2004 (registered by psycopg2, java-core's tables) read
    and write what CPython's codecs do, input for input, error for error."""

    maxDiff = 4000

    @classmethod
    def setUpClass(cls):
        import json
        import subprocess
        from test_differential import REFERENCE_PYTHON
        if not os.path.exists(REFERENCE_PYTHON):
            raise unittest.SkipTest('no reference Python at %s' % REFERENCE_PYTHON)
        proc = subprocess.run(
            [REFERENCE_PYTHON, '-c', _JIS_CODEC_RUN
             + 'import json, sys\nsys.stdout.write(json.dumps(run_all()))\n'],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr.decode('utf-8', 'replace'))
        cls.reference = json.loads(proc.stdout.decode('ascii'))
        namespace = {}
        exec(_JIS_CODEC_RUN, namespace)
        # through JSON as the reference's came, so tuples and lists compare alike
        cls.here = json.loads(json.dumps(namespace['run_all']()))

    def _compare(self, name, part):
        here, reference = self.here[name][part], self.reference[name][part]
        if isinstance(here, dict):
            self.assertEqual(sorted(here), sorted(reference))
            for key in reference:
                for piece, (ours, theirs) in enumerate(zip(here[key], reference[key])):
                    if ours != theirs:
                        self.fail('%s, %s: piece %d differs; here it is %r' % (
                            name, key, piece, self._piece(name, key, piece)))
                self.assertEqual(len(here[key]), len(reference[key]), key)
        else:
            self.assertEqual(here, reference)

    def _piece(self, name, key, piece):
        namespace = {}
        exec(_JIS_CODEC_RUN, namespace)
        value = namespace['sweeps'](name)[key]
        step = 4096 if isinstance(value, list) else 65536
        return value[piece * step:(piece + 1) * step]

    def test_shift_jis_2004_every_input(self):
        self._compare('shift_jis_2004', 'sweeps')

    def test_euc_jis_2004_every_input(self):
        self._compare('euc_jis_2004', 'sweeps')

    def test_shift_jis_2004_behaviour(self):
        self._compare('shift_jis_2004', 'behaviour')

    def test_euc_jis_2004_behaviour(self):
        self._compare('euc_jis_2004', 'behaviour')


if __name__ == '__main__':
    unittest.main()
