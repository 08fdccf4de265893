"""Runs the unittest suites of this folder and writes one JSON line per test.

    pgpython _runner.py RESULTS_FILE [NAME ...]

Without NAMEs every ``test_*.py`` here is discovered; a NAME is a module, class
or test id (``test_cursor``, ``test_cursor.FetchTests.test_fetchone``). Each
line of RESULTS_FILE is ``{"id", "outcome", "traceback", "duration"}`` with
outcome one of pass/fail/error/skip; the last line is ``{"done": true, ...}``,
so a reader can tell a complete run from a process that died half-way. Lines
are flushed as they are written: what ran before a crash is kept.

PGTEST_TEST_TIMEOUT (seconds, default 120) bounds one test: a test that hangs
is recorded as an error with every thread's stack, and the process exits 3.
"""

import json
import os
import sys
import threading
import time
import traceback
import unittest

_RANK = {'pass': 0, 'skip': 1, 'fail': 2, 'error': 3}


class JsonLinesResult(unittest.TestResult):
    """Collects each test's outcome (subtests included) and writes it at stopTest."""

    def __init__(self, out, timeout):
        super().__init__()
        self._out = out
        self._timeout = timeout
        self._current = None
        self._watchdog = None
        self._lock = threading.Lock()

    # -- per-test record -------------------------------------------------

    def startTest(self, test):
        super().startTest(test)
        self._current = {'id': test.id(), 'outcome': 'pass', 'traceback': '',
                         'start': time.perf_counter()}
        sys.stderr.write('[runner] %s\n' % test.id())
        sys.stderr.flush()
        if self._timeout > 0:
            self._watchdog = threading.Timer(self._timeout, self._timed_out, (test.id(),))
            self._watchdog.daemon = True
            self._watchdog.start()

    def stopTest(self, test):
        super().stopTest(test)
        if self._watchdog is not None:
            self._watchdog.cancel()
            self._watchdog = None
        record, self._current = self._current, None
        if record is not None:
            self._write(record)

    def _note(self, test, outcome, text):
        record = self._current
        if record is None or record['id'] != test.id():
            # setUpClass/setUpModule failures come without startTest
            self._write({'id': test.id(), 'outcome': outcome, 'traceback': text,
                         'start': time.perf_counter()})
            return
        if _RANK[outcome] > _RANK[record['outcome']]:
            record['outcome'] = outcome
        if text:
            record['traceback'] += text if not record['traceback'] else '\n' + text

    def _write(self, record):
        line = {'id': record['id'], 'outcome': record['outcome'],
                'traceback': record['traceback'],
                'duration': round(time.perf_counter() - record['start'], 6)}
        with self._lock:
            self._out.write(json.dumps(line) + '\n')
            self._out.flush()

    # -- unittest's hooks ------------------------------------------------

    def addError(self, test, err):
        super().addError(test, err)
        self._note(test, 'error', self._exc_info_to_string(err, test))

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._note(test, 'fail', self._exc_info_to_string(err, test))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._note(test, 'skip', reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._note(test, 'fail', 'unexpected success of a test marked expectedFailure')

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is None:
            return
        outcome = 'fail' if issubclass(err[0], test.failureException) else 'error'
        text = '%s\n%s' % (subtest.id(), self._exc_info_to_string(err, test))
        self._note(test, outcome, text)

    # -- a test that never ends ------------------------------------------

    def _timed_out(self, test_id):
        stacks = []
        frames = getattr(sys, '_current_frames', lambda: {})()
        for ident, frame in frames.items():
            stacks.append('Thread %s:\n%s' % (ident, ''.join(traceback.format_stack(frame))))
        record = self._current or {'id': test_id, 'start': time.perf_counter()}
        record = dict(record, outcome='error', traceback='timed out after %s s\n%s'
                      % (self._timeout, '\n'.join(stacks)))
        self._write(record)
        sys.stderr.write('[runner] %s timed out; exiting\n' % test_id)
        sys.stderr.flush()
        os._exit(3)


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    here = os.path.dirname(os.path.abspath(__file__))
    if here not in sys.path:
        sys.path.insert(0, here)
    loader = unittest.TestLoader()
    names = argv[2:]
    if names:
        suite = loader.loadTestsFromNames(names)
    else:
        suite = loader.discover(start_dir=here, pattern='test_*.py', top_level_dir=here)
    timeout = float(os.environ.get('PGTEST_TEST_TIMEOUT', '120'))
    with open(argv[1], 'w', encoding='utf-8') as out:
        result = JsonLinesResult(out, timeout)
        started = time.perf_counter()
        suite.run(result)
        # module-level teardown errors arrive after the last stopTest
        out.write(json.dumps({'done': True, 'tests': result.testsRun,
                              'duration': round(time.perf_counter() - started, 3)}) + '\n')
    sys.stderr.write('[runner] %d tests, %d failures, %d errors, %d skipped\n' % (
        result.testsRun, len(result.failures), len(result.errors), len(result.skipped)))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
