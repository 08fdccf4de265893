"""connection.info: details about the connection, as libpq reports them."""


class ConnectionInfo(object):
    """Details about the native PostgreSQL connection."""

    __module__ = 'psycopg2.extensions'

    def __init__(self, connection):
        self._conn = connection

    def _session(self):
        """The live session, or None once the connection is closed."""
        return None if self._conn.closed else self._conn._session

    def _get(self, getter, closed=None):
        """getter(session), or `closed` (libpq's answer without a connection) once closed."""
        s = self._session()
        return closed if s is None else getter(s)

    @property
    def dbname(self):
        return self._get(lambda s: str(s.database()))

    @property
    def user(self):
        return self._get(lambda s: str(s.user()))

    @property
    def password(self):
        return self._get(lambda s: str(s.password()))

    @property
    def host(self):
        return self._get(lambda s: str(s.host()))

    @property
    def port(self):
        return self._get(lambda s: int(s.port()))

    @property
    def options(self):
        return self._get(lambda s: str(s.options()))

    @property
    def dsn_parameters(self):
        return self._conn.get_dsn_parameters()

    @property
    def status(self):
        return 1 if self._session() is None else 0  # CONNECTION_BAD / CONNECTION_OK

    @property
    def transaction_status(self):
        return self._conn.get_transaction_status()

    def parameter_status(self, name):
        return self._get(lambda s: _str_or_none(s.parameterStatus(name)))

    @property
    def protocol_version(self):
        return 0 if self._session() is None else 3

    @property
    def server_version(self):
        return self._get(lambda s: int(s.serverVersion()), 0)

    @property
    def error_message(self):
        """The last failed operation's message (None after one that succeeded)."""
        if self._conn.closed == 1:
            return 'connection pointer is NULL\n'  # what libpq says of a closed connection
        return self._conn._error_message

    @property
    def socket(self):
        return self._get(lambda s: int(s.fileno()), -1)

    @property
    def backend_pid(self):
        return self._get(lambda s: int(s.backendPid()), 0)

    @property
    def needs_password(self):
        return self._get(lambda s: bool(s.passwordUsed()) and not s.password(), False)

    @property
    def used_password(self):
        return self._get(lambda s: bool(s.passwordUsed()), False)

    @property
    def ssl_in_use(self):
        return self._get(lambda s: bool(s.isTls()), False)

    def ssl_attribute(self, name):
        # libpq names its library even without a connection
        return self._get(lambda s: _str_or_none(s.tlsAttribute(name)),
                         'OpenSSL' if name == 'library' else None)

    @property
    def ssl_attribute_names(self):
        return ['library', 'key_bits', 'cipher', 'compression', 'protocol']


def _str_or_none(value):
    return None if value is None else str(value)
