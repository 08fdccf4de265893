# The Python half of the pgpython launcher (io.psycopg2jvm.launcher.PgPython): runs the
# program the way CPython's Modules/main.c does and turns its outcome into an exit status, so
# that Java only ever receives an int. Executed in a private module, never in __main__.

import sys

# Frames of this file are cut from tracebacks, which then start where CPython's would.
_THIS_FILE = "<pgpython>"
# CPython's status for a program killed by SIGINT, as the shell reports it (128 + 2).
_SIGINT_STATUS = 130


def run(mode, target, program_name, exports, inspect, skip_first_line):
    """Runs the program and finalizes like Py_FinalizeEx; returns the exit status.

    mode: "script" (target is a path), "command" (-c, target is the code), "module"
    (-m, target is the module name) or "stdin"; exports: names and values, alternating, to set
    in os.environ (and with it in the process environment, for child processes) first.
    """
    exports = list(exports)
    if exports:
        import os
        os.environ.update(zip(exports[0::2], exports[1::2]))
    _fix_path0(mode, target)
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
            _exec(compile(target, "<string>", "exec", dont_inherit=True))
        elif mode == "module":
            import runpy
            runpy._run_module_as_main(target)
        elif mode == "script":
            return _run_script(target, program_name, skip_first_line)
        elif mode == "stdin":
            if _is_repl(mode):
                return _interact(banner=not sys.flags.quiet)
            sys.modules["__main__"].__dict__["__file__"] = "<stdin>"  # as CPython names it
            _exec(compile(sys.stdin.buffer.read(), "<stdin>", "exec", dont_inherit=True))
        else:
            raise ValueError("unknown mode " + mode)
    except SystemExit as e:
        return _exit_status(e)
    except BaseException as e:
        _print_exception(e)
        return _SIGINT_STATUS if isinstance(e, KeyboardInterrupt) else 1
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
    _exec(compile(source, filename, "exec", dont_inherit=True))
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
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except Exception:
            if stream is sys.stdout:
                status = 120
    return status
