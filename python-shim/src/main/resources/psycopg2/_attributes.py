"""Property makers for the attribute kinds psycopg2's C types have."""

import operator


def _refuse(self, value):
    raise AttributeError('readonly attribute')


def readonly(attr, doc=None):
    """An attribute read from `attr` (None while unset) that refuses assignment
    with psycopg2's words."""
    return property(lambda self: getattr(self, attr, None), _refuse, None, doc)


def computed(getter, name, type_name, doc=None):
    """A computed attribute that refuses assignment as a C getset without setter does."""
    def refuse(self, value):
        raise AttributeError("attribute '%s' of '%s' objects is not writable" % (name, type_name))
    return property(getter, refuse, None, doc)


def settable(attr, doc=None):
    """A plain slot kept in `attr`: anything may be assigned, del leaves None."""
    return property(lambda self: getattr(self, attr),
                    lambda self, value: setattr(self, attr, value),
                    lambda self: setattr(self, attr, None), doc)


def c_long(value):
    """What a C long member takes: an integer that fits."""
    value = operator.index(value)
    if not -2 ** 63 <= value < 2 ** 63:
        raise OverflowError('Python int too large to convert to C long')
    return value


def c_int(value):
    """What psycopg2's C int arguments take ("i"): an integer that fits, with CPython's errors."""
    value = c_long(value)
    if value > 2 ** 31 - 1:
        raise OverflowError('signed integer is greater than maximum')
    if value < -2 ** 31:
        raise OverflowError('signed integer is less than minimum')
    return value


def long_member(attr, doc=None):
    """An int kept in `attr` that takes what psycopg2's C long members take: CPython's member
    setter leaves -1 behind a value it refuses, and refuses deletion."""
    def set_value(self, value):
        try:
            value = c_long(value)
        except (TypeError, OverflowError):
            setattr(self, attr, -1)
            raise
        setattr(self, attr, value)

    def delete(self):
        raise TypeError("can't delete numeric/char attribute")
    return property(lambda self: getattr(self, attr), set_value, delete, doc)
