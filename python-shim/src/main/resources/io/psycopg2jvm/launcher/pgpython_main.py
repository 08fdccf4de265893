# The Python half of the pgpython launcher (io.psycopg2jvm.launcher.PgPython): runs the
# program the way CPython's Modules/main.c does and turns its outcome into an exit status, so
# that Java only ever receives an int. Executed in a private module, never in __main__.

import sys

# Frames of this file are cut from tracebacks, which then start where CPython's would.
_THIS_FILE = "<pgpython>"
# The status for a program ended by an uncaught KeyboardInterrupt: CPython then dies by SIGINT,
# which PgPython does for a negative status (minus the signal's number).
_DIE_BY_SIGINT = -2


def run(mode, target, program_name, exports, inspect, skip_first_line, optimize, closed_streams,
        xoptions, dev_mode):
    """Runs the program and finalizes like Py_FinalizeEx; returns the exit status, or minus a
    signal's number for a program that must die by that signal.

    mode: "script" (target is a path), "command" (-c, target is the code), "module"
    (-m, target is the module name) or "stdin"; exports: names and values, alternating, to set
    in os.environ (and with it in the process environment, for child processes) first;
    optimize: CPython's optimization level (-O, -OO); closed_streams: "stdin,stdout,stderr," or
    part of it, the standard streams the caller had closed, which are None in sys as in CPython;
    xoptions: the -X options as given, for sys._xoptions; dev_mode: -X dev or PYTHONDEVMODE.
    """
    # GraalPy has no sys._xoptions; CPython's maps each -X name to its value, or True
    sys._xoptions = dict(o.split("=", 1) if "=" in o else (o, True) for o in xoptions)
    if dev_mode:
        _enable_faulthandler()
    for name in closed_streams.split(","):
        if name:
            setattr(sys, name, None)
            setattr(sys, "__%s__" % name, None)
    exports = list(exports)
    if exports:
        import os
        os.environ.update(zip(exports[0::2], exports[1::2]))
    _fix_path0(mode, target)
    _set_optimization(optimize)
    _hold_files_opened_for_writing()
    status = _run_main(mode, target, program_name, skip_first_line)
    if inspect and not _is_repl(mode):
        # -i: the REPL follows the program, whatever its outcome (CPython does not exit on
        # SystemExit either), and decides the status.
        status = _interact()
    return _finalize(0 if status is None else status)


def _fix_path0(mode, target):
    # GraalPy already put a guess at sys.path[0] from sys.argv[0], unless safe_path/isolated;
    # CPython's rules: the script's real directory, the cwd for -m, '' for -c and stdin.
    if sys.flags.safe_path or sys.flags.isolated or not sys.path:
        return
    import os
    if mode == "script":
        if os.path.isdir(target) or _is_zipfile(target):
            path0 = os.path.abspath(target)
        else:
            path0 = os.path.dirname(os.path.realpath(target))
    elif mode == "module":
        path0 = os.getcwd()
    else:
        path0 = ""
    sys.path[0] = path0


# -O and -OO: GraalPy sets __debug__ and sys.flags.optimize (to 1 at most) but compiles asserts
# and docstrings in; compile() and the import system's loaders are given the level instead.
_optimize = -1


def _set_optimization(level):
    global _optimize
    if level <= 0:
        return
    level = _optimize = min(level, 2)  # CPython compiles -OOO as -OO
    from importlib import _bootstrap_external
    loader = _bootstrap_external.SourceLoader
    source_to_code = loader.source_to_code
    cache_from_source = _bootstrap_external.cache_from_source

    def optimized_source_to_code(self, data, path, *, _optimize=-1):
        return source_to_code(self, data, path, _optimize=level if _optimize == -1 else _optimize)

    def optimized_cache_from_source(path, debug_override=None, *, optimization=None):
        # the level names the cached file (opt-1, opt-2), so -O and -OO never share a .pyc
        if optimization is None and debug_override is None:
            optimization = level
        return cache_from_source(path, debug_override, optimization=optimization)

    loader.source_to_code = optimized_source_to_code
    _bootstrap_external.cache_from_source = optimized_cache_from_source
    util = sys.modules.get("importlib.util")
    if util is not None:  # imported before us, with the unpatched function (py_compile uses it)
        util.cache_from_source = optimized_cache_from_source


def _enable_faulthandler():
    # what -X dev adds besides the warnings (which PgPython passes as a "default" filter)
    try:
        import faulthandler
        faulthandler.enable()
    except Exception:
        pass  # not available on this GraalPy: the tracebacks on a crash are all that is lost


def _is_repl(mode):
    return mode == "stdin" and sys.stdin is not None and sys.stdin.isatty()


def _is_zipfile(path):
    try:
        with open(path, "rb") as f:
            f.seek(-22, 2)
            return f.read(4) == b"PK\x05\x06"
    except OSError:
        return False


def _run_main(mode, target, program_name, skip_first_line):
    """Returns None on success, else the exit status after reporting the error."""
    try:
        if mode == "command":
            _exec(compile(target, "<string>", "exec", dont_inherit=True, optimize=_optimize))
        elif mode == "module":
            import runpy
            runpy._run_module_as_main(target)
        elif mode == "script":
            return _run_script(target, program_name, skip_first_line)
        elif mode == "stdin":
            if _is_repl(mode):
                return _interact(banner=not sys.flags.quiet)
            if sys.stdin is None:
                return None  # the caller closed stdin: an empty program, as for CPython
            sys.modules["__main__"].__dict__["__file__"] = "<stdin>"  # as CPython names it
            _exec(compile(sys.stdin.buffer.read(), "<stdin>", "exec", dont_inherit=True,
                          optimize=_optimize))
        else:
            raise ValueError("unknown mode " + mode)
    except SystemExit as e:
        return _exit_status(e)
    except BaseException as e:
        _print_exception(e)
        return _DIE_BY_SIGINT if isinstance(e, KeyboardInterrupt) else 1
    return None


def _run_script(path, program_name, skip_first_line):
    """Runs a file, a directory or a zip file; returns 2 if it cannot be read, else None."""
    import os
    if os.path.isdir(path) or _is_zipfile(path):
        # A directory or zip file with a __main__.py; _fix_path0 put it first on sys.path.
        import runpy
        runpy._run_module_as_main("__main__", alter_argv=False)
        return None
    try:
        with open(path, "rb") as f:
            source = f.read()
    except OSError as e:
        sys.stderr.write("%s: can't open file %r: [Errno %s] %s\n"
                         % (program_name, os.path.abspath(path), e.errno, e.strerror))
        return 2
    if skip_first_line:
        # -x: blank the first line rather than drop it, so line numbers stay right.
        newline = source.find(b"\n")
        source = b"" if newline < 0 else source[newline:]
    filename = os.path.abspath(path)
    main = sys.modules["__main__"].__dict__
    main["__file__"] = filename
    main["__cached__"] = None
    from importlib.machinery import SourceFileLoader
    main["__loader__"] = SourceFileLoader("__main__", filename)
    _exec(compile(source, filename, "exec", dont_inherit=True, optimize=_optimize))
    return None


def _exec(code):
    exec(code, sys.modules["__main__"].__dict__)


def _exit_status(exc):
    """CPython's handle_system_exit: None is 0, an int is itself, anything else is printed."""
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF  # what the operating system keeps of any status
    try:
        sys.stderr.write(str(code) + "\n")
        sys.stderr.flush()
    except Exception:
        pass
    return 1


def _print_exception(exc):
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename == _THIS_FILE:
        tb = tb.tb_next
    try:
        exc.__traceback__ = tb
    except AttributeError:
        pass  # a Java exception (polyglot.ForeignException): no Python traceback to set
    sys.last_exc = sys.last_value = exc
    sys.last_type = type(exc)
    sys.last_traceback = tb
    try:
        sys.excepthook(type(exc), exc, tb)
    except BaseException:
        import traceback
        traceback.print_exception(type(exc), exc, tb)
    try:
        sys.stderr.flush()
    except Exception:
        pass


def _interact(banner=False):
    import code
    text = ""  # None would make code.interact print its own banner
    if banner:
        text = 'Python %s on %s\nType "help", "copyright", "credits" or "license" for more information.' % (
            sys.version, sys.platform)
    try:
        code.interact(banner=text, local=sys.modules["__main__"].__dict__, exitmsg="")
    except SystemExit as e:
        return _exit_status(e)
    return 0


def _finalize(status):
    """What Py_FinalizeEx does before the interpreter goes: join non-daemon threads, run
    atexit callbacks, flush the standard streams (a failing stdout flush makes the status 120)."""
    threading = sys.modules.get("threading")
    if threading is not None:
        try:
            threading._shutdown()
        except BaseException as e:
            _print_exception(e)
    import atexit
    try:
        atexit._run_exitfuncs()
    except BaseException:
        # GraalPy has printed the callback's error and raises it again; CPython's
        # "Exception ignored" leaves the status alone
        pass
    _flush_held_files()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except Exception:
            if stream is sys.stdout:
                status = 120
    return status


# Files opened for writing and not closed: CPython flushes them when they are collected and at
# exit, GraalPy at neither (it runs no finalizer; the collected file's descriptor is closed with
# its buffered data unwritten), so open(path, "w").write(text) lost the text. The newest are held
# here, which keeps them from being collected; past _HOLD_LIMIT the oldest are flushed and only
# watched weakly, so a program that never closes what it writes does not keep every file open.
_HOLD_LIMIT = 512
_held_files = None


def _hold_files_opened_for_writing():
    import builtins
    import io
    global _held_files
    _held_files = _HeldFiles()
    # os.fdopen and pathlib open through io.open
    builtins.open = io.open = _OpenAndHold(io.open, io.RawIOBase, _held_files)


class _OpenAndHold:
    """io.open, holding what it opens for writing. A callable object rather than a function:
    like the built-in, it does not bind as a method when a class keeps it as an attribute."""

    def __init__(self, io_open, raw_type, held):
        self._io_open = io_open
        self._raw_type = raw_type
        self._held = held
        self.__name__ = self.__qualname__ = "open"
        self.__doc__ = io_open.__doc__
        self.__module__ = "builtins"  # where pickle finds it by name
        self.__text_signature__ = getattr(io_open, "__text_signature__", None)

    def __call__(self, file, mode="r", buffering=-1, encoding=None, errors=None, newline=None,
                 closefd=True, opener=None):
        self._held.flush_before_open(file)
        f = self._io_open(file, mode, buffering, encoding, errors, newline, closefd, opener)
        if isinstance(mode, str) and ("w" in mode or "a" in mode or "x" in mode or "+" in mode) \
                and not isinstance(f, self._raw_type):  # unbuffered: nothing to lose
            self._held.add(f)
        return f

    def __repr__(self):
        return "<built-in function open>"

    def __reduce__(self):
        return "open"


class _HeldFiles:
    """The files _OpenAndHold holds; safe to use from any thread."""

    def __init__(self):
        import threading
        import weakref
        self._lock = threading.Lock()
        self._held = []
        self._watched = weakref.WeakSet()

    def add(self, f):
        with self._lock:
            self._held.append(f)
            if len(self._held) <= _HOLD_LIMIT:
                return
            self._held[:] = [held for held in self._held if not _is_closed(held)]
            released = self._held[:max(0, len(self._held) - _HOLD_LIMIT // 2)]
            del self._held[:len(released)]
        for oldest in released:
            _flush(oldest)
            self._watched.add(oldest)

    def flush_before_open(self, file):
        # What CPython has written by now, for the patterns that read it back in the same run:
        # open(p, "w").write(s) (the last file opened) and opening a path written unclosed.
        with self._lock:
            while self._held and _is_closed(self._held[-1]):
                self._held.pop()  # closed by now, as most are (with open(...) as f)
            if not self._held:
                return
            due = [self._held[-1]]
            if isinstance(file, (str, bytes)):
                due += [held for held in self._held[:-1] if getattr(held, "name", None) == file]
        for f in due:
            _flush(f)

    def flush_all(self):
        with self._lock:
            files = list(self._held) + list(self._watched)
        for f in files:
            _flush(f)


def _is_closed(f):
    try:
        return f.closed
    except ValueError:
        return True  # detached from its buffer: whoever holds that buffer flushes it


def _flush(f):
    try:
        if not _is_closed(f):
            f.flush()
    except Exception:
        pass  # its own next write, flush or close reports the error; at exit, CPython ignores it


def _flush_held_files():
    if _held_files is not None:
        _held_files.flush_all()
