"""inet and cidr values as objects of the ipaddress module
(psycopg2.extras.register_ipaddress).

The ipaddress module is imported at the first use, not with extras (a third of a
second of start-up on GraalPy; psycopg2 defers it too).
"""

from psycopg2._adapt import QuotedString, register_adapter
from psycopg2._typecast import new_type, new_array_type


def cast_interface(s, cur=None):
    """An inet value as an IPv4Interface or IPv6Interface."""
    if s is None:
        return None
    import ipaddress
    return ipaddress.ip_interface(str(s))


def cast_network(s, cur=None):
    """A cidr value as an IPv4Network or IPv6Network."""
    if s is None:
        return None
    import ipaddress
    return ipaddress.ip_network(str(s))


def adapt_ipaddress(obj):
    """Interfaces and networks are written as their string literal."""
    return QuotedString(str(obj))


# Made at the first registration, then shared by every later one.
_casters = []


def _make_casters():
    inet = new_type((869,), 'INET', cast_interface)
    cidr = new_type((650,), 'CIDR', cast_network)
    return [inet, new_array_type((1041,), 'INET[]', inet),
            cidr, new_array_type((651,), 'CIDR[]', cidr)]


def register_ipaddress(conn_or_curs=None):
    """Make inet and cidr values (and their arrays) ipaddress interfaces and
    networks, on `conn_or_curs` or globally, and adapt the interface and
    network classes (globally). Addresses (IPv4Address...) are not adapted,
    as in psycopg2."""
    import ipaddress
    if not _casters:
        _casters.extend(_make_casters())
    from psycopg2.extensions import register_type
    for caster in _casters:
        register_type(caster, conn_or_curs)
    for cls in (ipaddress.IPv4Interface, ipaddress.IPv6Interface,
                ipaddress.IPv4Network, ipaddress.IPv6Network):
        register_adapter(cls, adapt_ipaddress)
