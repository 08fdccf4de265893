"""psycopg2.errors, errorcodes and the exception classes (pure Python, no server).

Expected values were taken from psycopg2 2.9.5 (python-shim/tools/diff_pure.py
diffs the whole tables against it).
"""

import pickle
import unittest

import _pure

exc = _pure.load('_exceptions')
errors = _pure.load('errors')
errorcodes = _pure.load('errorcodes')


class HierarchyTests(unittest.TestCase):

    def test_dbapi_classes_have_the_documented_bases(self):
        self.assertTrue(issubclass(exc.Warning, Exception))
        self.assertFalse(issubclass(exc.Warning, exc.Error))
        for cls in (exc.InterfaceError, exc.DatabaseError):
            self.assertIs(cls.__bases__[0], exc.Error)
        for cls in (exc.DataError, exc.OperationalError, exc.IntegrityError,
                    exc.InternalError, exc.ProgrammingError, exc.NotSupportedError):
            self.assertIs(cls.__bases__[0], exc.DatabaseError)
        self.assertIs(exc.QueryCanceledError.__bases__[0], exc.OperationalError)
        self.assertIs(exc.TransactionRollbackError.__bases__[0], exc.OperationalError)

    def test_classes_show_psycopg2_module_names(self):
        self.assertEqual(exc.Error.__module__, 'psycopg2')
        self.assertEqual(exc.QueryCanceledError.__module__, 'psycopg2.extensions')
        self.assertEqual(errors.UniqueViolation.__module__, 'psycopg2.errors')


class ErrorAttributesTests(unittest.TestCase):

    def test_plain_error_has_no_server_details(self):
        e = exc.Error('a', 'b')
        self.assertEqual(e.args, ('a', 'b'))
        self.assertIsNone(e.pgerror)
        self.assertIsNone(e.pgcode)
        self.assertIsNone(e.cursor)
        self.assertIsNone(e.diag.sqlstate)

    def test_attributes_are_read_only(self):
        e = exc.Error('x')
        for name in ('pgerror', 'pgcode', 'cursor'):
            with self.assertRaisesRegex(AttributeError, 'readonly attribute'):
                setattr(e, name, 'y')

    def test_make_error_sets_the_server_details(self):
        cur = object()
        e = exc.make_error(exc.DataError, 'msg', pgerror='ERROR:  msg\n', pgcode='22012',
                           cursor=cur, fields={'C': '22012', 'M': 'msg', 'S': 'ERROR'})
        self.assertEqual(str(e), 'msg')
        self.assertEqual(e.pgcode, '22012')
        self.assertIs(e.cursor, cur)
        self.assertEqual(e.diag.message_primary, 'msg')
        self.assertEqual(e.diag.severity, 'ERROR')
        self.assertIsNone(e.diag.table_name)

    def test_diag_maps_every_field_code(self):
        codes = dict(column_name='c', constraint_name='n', context='W', datatype_name='d',
                     internal_position='p', internal_query='q', message_detail='D',
                     message_hint='H', message_primary='M', schema_name='s', severity='S',
                     severity_nonlocalized='V', source_file='F', source_function='R',
                     source_line='L', sqlstate='C', statement_position='P', table_name='t')
        e = exc.make_error(exc.Error, 'x', fields={c: 'v_' + c for c in codes.values()})
        for attr, code in codes.items():
            self.assertEqual(getattr(e.diag, attr), 'v_' + code, attr)

    def test_diagnostics_needs_an_error(self):
        with self.assertRaisesRegex(TypeError, 'The argument must be a psycopg2.Error'):
            exc.Diagnostics(1)

    def test_pickle_keeps_pgerror_and_pgcode_but_not_cursor(self):
        e = errors.error_from_server({'C': '23505', 'M': 'dup', 'S': 'ERROR'},
                                     'ERROR:  dup\nDETAIL:  x\n', cursor=object())
        p = pickle.loads(pickle.dumps(e))
        self.assertIs(type(p), errors.UniqueViolation)
        self.assertEqual(p.args, e.args)
        self.assertEqual(p.pgerror, 'ERROR:  dup\nDETAIL:  x\n')
        self.assertEqual(p.pgcode, '23505')
        self.assertIsNone(p.cursor)
        self.assertIsNone(p.diag.sqlstate)


class ErrorsModuleTests(unittest.TestCase):

    def test_classes_and_bases(self):
        self.assertIs(errors.UniqueViolation.__bases__[0], exc.IntegrityError)
        self.assertIs(errors.UndefinedTable.__bases__[0], exc.ProgrammingError)
        self.assertIs(errors.QueryCanceled.__bases__[0], exc.QueryCanceledError)
        self.assertIs(errors.SerializationFailure.__bases__[0], exc.TransactionRollbackError)
        self.assertIs(errors.DivisionByZero.__bases__[0], exc.DataError)
        self.assertIs(errors.FeatureNotSupported.__bases__[0], exc.NotSupportedError)
        self.assertIs(errors.RaiseException.__bases__[0], exc.InternalError)

    def test_duplicate_condition_names(self):
        self.assertIs(errors.lookup('22004'), errors.NullValueNotAllowed)
        self.assertIs(errors.lookup('39004'), errors.NullValueNotAllowedExt)
        self.assertIs(errors.lookup('XX000'), errors.InternalError_)

    def test_lookup(self):
        self.assertIs(errors.lookup('55P03'), errors.LockNotAvailable)
        with self.assertRaises(KeyError):
            errors.lookup('XXXXX')
        # warnings and the pre-9.1 codes have no class
        for code in ('01000', '00000', '22020'):
            with self.assertRaises(KeyError):
                errors.lookup(code)

    def test_dbapi_classes_are_reexported(self):
        self.assertIs(errors.Error, exc.Error)
        self.assertIs(errors.QueryCanceledError, exc.QueryCanceledError)

    def test_unknown_codes_map_by_class(self):
        cases = {
            '22Q9Z': exc.DataError, '23Q9Z': exc.IntegrityError, '08Q9Z': exc.OperationalError,
            '0AQ9Z': exc.NotSupportedError, '40Q9Z': exc.TransactionRollbackError,
            '42Q9Z': exc.ProgrammingError, '56Q9Z': exc.OperationalError, '5ZQ9Z': exc.OperationalError,
            'F1Q9Z': exc.InternalError, 'HWQ9Z': exc.OperationalError, 'P1Q9Z': exc.InternalError,
            'XYQ9Z': exc.InternalError, '01Q9Z': exc.DatabaseError, '2CQ9Z': exc.DatabaseError,
            '72Q9Z': exc.DatabaseError, 'ZZQ9Z': exc.DatabaseError, None: exc.DatabaseError,
            '22020': exc.DataError, '01004': exc.DatabaseError,
        }
        for code, cls in cases.items():
            self.assertIs(errors.exception_for_sqlstate(code), cls, code)
        self.assertIs(errors.exception_for_sqlstate('57014'), errors.QueryCanceled)
        self.assertIs(errors.exception_for_sqlstate('23505'), errors.UniqueViolation)

    def test_error_from_server_strips_the_severity(self):
        pgerror = 'ERROR:  relation "barf" does not exist\nLINE 1: select * from barf\n'
        e = errors.error_from_server({'S': 'ERROR', 'C': '42P01',
                                      'M': 'relation "barf" does not exist'}, pgerror)
        self.assertIsInstance(e, errors.UndefinedTable)
        self.assertEqual(e.args, ('relation "barf" does not exist\nLINE 1: select * from barf\n',))
        self.assertEqual(e.pgerror, pgerror)
        self.assertEqual(e.pgcode, '42P01')
        self.assertEqual(e.diag.message_primary, 'relation "barf" does not exist')


class ErrorcodesTests(unittest.TestCase):

    def test_constants(self):
        self.assertEqual(errorcodes.UNIQUE_VIOLATION, '23505')
        self.assertEqual(errorcodes.CLASS_INTEGRITY_CONSTRAINT_VIOLATION, '23')
        self.assertEqual(errorcodes.CLASS_SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION, '42')
        self.assertEqual(errorcodes.STRING_DATA_RIGHT_TRUNCATION_, '01004')
        self.assertEqual(errorcodes.STRING_DATA_RIGHT_TRUNCATION, '22001')
        self.assertEqual(errorcodes.INVALID_LIMIT_VALUE, '22020')
        self.assertEqual(errorcodes.ARRAY_SUBSCRIPT_ERROR, '2202E')

    def test_lookup(self):
        self.assertEqual(errorcodes.lookup('42P01'), 'UNDEFINED_TABLE')
        self.assertEqual(errorcodes.lookup('42'), 'CLASS_SYNTAX_ERROR_OR_ACCESS_RULE_VIOLATION')
        self.assertEqual(errorcodes.lookup('01004'), 'STRING_DATA_RIGHT_TRUNCATION')
        with self.assertRaises(KeyError):
            errorcodes.lookup('XXXXX')

    def test_lookup_caches_every_code(self):
        errorcodes.lookup('00')
        cache = errorcodes.lookup.__defaults__[0]
        self.assertEqual(len(cache), 304)  # 44 classes, 260 codes
        self.assertEqual(list(cache)[:2], ['00', '01'])


if __name__ == '__main__':
    unittest.main()
