"""Property makers for the attribute kinds psycopg2's C types have."""


def _refuse(self, value):
    raise AttributeError('readonly attribute')


def readonly(attr, doc=None):
    """An attribute read from `attr` (None while unset) that refuses assignment
    with psycopg2's words."""
    return property(lambda self: getattr(self, attr, None), _refuse, None, doc)


def settable(attr, doc=None):
    """A plain slot kept in `attr`: anything may be assigned, del leaves None."""
    return property(lambda self: getattr(self, attr),
                    lambda self, value: setattr(self, attr, value),
                    lambda self: setattr(self, attr, None), doc)
