"""Import the pure-Python modules of this tree's psycopg2 (test_pure_* suites).

On GraalPy (bin/pgpython) the package imports normally. On CPython the
package's __init__ needs the JVM, so the modules are loaded from a stand-in
package object pointing at python-shim/src/main/resources/psycopg2, which
also keeps an installed psycopg2 from being picked up:

    PYTHONPATH=python-shim/src/main/resources python3 -m unittest test_pure_adapt
"""

import importlib
import os
import sys
import types

_HERE = os.path.dirname(os.path.abspath(__file__))
_TREE_PKG = os.path.normpath(os.path.join(
    _HERE, '..', '..', '..', '..', 'python-shim', 'src', 'main', 'resources', 'psycopg2'))


def _ours(pkg):
    """True if the imported psycopg2 is this project's (it has _adapt)."""
    try:
        importlib.import_module('psycopg2._adapt')
        return True
    except ImportError:
        return False


def _stand_in():
    for mod in [m for m in sys.modules if m == 'psycopg2' or m.startswith('psycopg2.')]:
        del sys.modules[mod]
    path = _TREE_PKG
    for entry in sys.path:
        candidate = os.path.join(entry or '.', 'psycopg2', '_adapt.py')
        if os.path.exists(candidate):
            path = os.path.dirname(candidate)
            break
    pkg = types.ModuleType('psycopg2')
    pkg.__path__ = [path]
    sys.modules['psycopg2'] = pkg
    exc = importlib.import_module('psycopg2._exceptions')
    # Where __init__.py and extensions.py export the classes: pickle finds
    # them by their __module__.
    ext = types.ModuleType('psycopg2.extensions')
    sys.modules['psycopg2.extensions'] = pkg.extensions = ext
    for name in exc.__all__:
        obj = getattr(exc, name)
        setattr(sys.modules.get(getattr(obj, '__module__', ''), pkg), name, obj)
    return pkg


def _package():
    try:
        import psycopg2
        if _ours(psycopg2):
            return psycopg2
    except Exception:
        pass
    return _stand_in()


_package()


def load(name):
    """The module psycopg2.<name> of this tree."""
    return importlib.import_module('psycopg2.' + name)
