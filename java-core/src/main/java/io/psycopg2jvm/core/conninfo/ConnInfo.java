package io.psycopg2jvm.core.conninfo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed libpq connection string: the keywords it sets, in the order it first sets them, each
 * with its last value. Both libpq syntaxes are accepted: {@code host=h port=5432 dbname='my db'}
 * and {@code postgresql://user:secret@h:5432/db?sslmode=require}. Nothing is looked up here;
 * {@link #resolve(Map)} adds the environment, service and password files and the defaults.
 */
public final class ConnInfo {
    /** What psycopg2 shows instead of a password. */
    public static final String HIDDEN_PASSWORD = "xxx";

    private final String text;
    private final Map<String, String> parameters;

    private ConnInfo(String text, Map<String, String> parameters) {
        this.text = text;
        this.parameters = Collections.unmodifiableMap(parameters);
    }

    /**
     * Parses a keyword/value string or a {@code postgresql://} / {@code postgres://} URI, as
     * libpq's {@code PQconninfoParse} does (an empty string sets nothing).
     *
     * @throws InvalidConnInfoException with libpq's message when libpq would reject the string
     */
    public static ConnInfo parse(String dsn) {
        Objects.requireNonNull(dsn, "dsn");
        Map<String, String> parameters = new LinkedHashMap<>();
        if (isUri(dsn)) {
            UriParser.parseInto(dsn, parameters);
        } else {
            KeywordValueParser.parseInto(dsn, parameters);
        }
        return new ConnInfo(dsn, parameters);
    }

    /** Whether {@code dsn} starts with a URI scheme designator libpq knows (case-sensitive). */
    public static boolean isUri(String dsn) {
        return UriParser.schemeLength(dsn) > 0;
    }

    /**
     * psycopg2's {@code make_dsn(dsn, **kwargs)}, byte for byte. Without arguments the string is
     * only checked and returned unchanged; otherwise the string's parameters (in libpq's keyword
     * order) are updated with the arguments (in the map's iteration order, so pass a
     * {@link LinkedHashMap}) and written back as a keyword/value string. {@code database} is an
     * alias of {@code dbname} that moves it to the end; null values are dropped after that.
     *
     * @param dsn a connection string, or null
     * @param arguments keyword arguments, may contain null values; null means none
     * @throws InvalidConnInfoException when the string or the result is not a valid connection string
     * @throws IllegalArgumentException with psycopg2's TypeError text when both {@code database}
     *     and {@code dbname} are given
     */
    public static String make(String dsn, Map<String, String> arguments) {
        if (arguments == null || arguments.isEmpty()) {
            if (dsn == null) {
                return "";
            }
            parse(dsn);
            return dsn;
        }
        Map<String, String> overrides = new LinkedHashMap<>(arguments);
        if (overrides.containsKey("database")) {
            if (overrides.containsKey(ConnOption.DBNAME.keyword())) {
                throw new IllegalArgumentException("you can't specify both 'database' and 'dbname' arguments");
            }
            overrides.put(ConnOption.DBNAME.keyword(), overrides.remove("database"));
        }
        overrides.values().removeIf(Objects::isNull);

        Map<String, String> merged = new LinkedHashMap<>();
        if (dsn != null) {
            merged.putAll(parse(dsn).parametersInLibpqOrder());
        }
        merged.putAll(overrides);
        String made = join(merged, false);
        parse(made);
        return made;
    }

    /** The value the string gives {@code keyword}, or null when it gives none. */
    public String get(String keyword) {
        return parameters.get(keyword);
    }

    public String get(ConnOption option) {
        return parameters.get(option.keyword());
    }

    /** The parameters in the order the string first sets them (read-only). */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** The parameters in libpq's keyword order: the order of psycopg2's {@code parse_dsn} dict. */
    public Map<String, String> parametersInLibpqOrder() {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (ConnOption option : ConnOption.values()) {
            String value = parameters.get(option.keyword());
            if (value != null) {
                ordered.put(option.keyword(), value);
            }
        }
        return ordered;
    }

    /** The string this was parsed from. */
    public String text() {
        return text;
    }

    /** A keyword/value string with the same parameters, in {@link #parameters()} order. */
    public String toDsn() {
        return join(parameters, false);
    }

    /** As {@link #toDsn()}, with the password (if any) written as {@value #HIDDEN_PASSWORD}. */
    public String toDsn(boolean hidePassword) {
        return join(parameters, hidePassword);
    }

    /**
     * What psycopg2's {@code connection.dsn} shows for a connection made with this string: the
     * string unchanged when it has no password, otherwise the parameters rewritten in libpq's
     * order with {@code password=xxx}.
     */
    public String connectionDsn() {
        if (!parameters.containsKey(ConnOption.PASSWORD.keyword())) {
            return text;
        }
        return join(parametersInLibpqOrder(), true);
    }

    /** Effective settings: this string, then the service file, PG* variables, defaults. */
    public ConnSettings resolve(Map<String, String> environment) {
        return new ConnSettingsResolver(environment, LocalDefaults.system()).resolve(this);
    }

    /**
     * The connection options in effect, as libpq's PQconninfo lists them (psycopg2's
     * get_dsn_parameters): each option's value from this string, else its PG* variable, else
     * its built-in default, in libpq's order, options with no value left out, and never the
     * password.
     */
    public Map<String, String> effectiveParameters(Map<String, String> environment) {
        ConnSettings settings = resolve(environment);
        Map<String, String> out = new LinkedHashMap<>();
        for (ConnOption option : ConnOption.values()) {
            if (option == ConnOption.PASSWORD) {
                continue;
            }
            String value = parameters.get(option.keyword());
            if (value == null && option.environmentVariable() != null) {
                value = environment.get(option.environmentVariable());
            }
            if (value == null) {
                value = option.builtInDefault();
            }
            if (option == ConnOption.USER) {
                value = settings.user();
            } else if (option == ConnOption.DBNAME) {
                value = settings.dbname();
            } else if (option == ConnOption.PASSFILE && (settings.password() == null || settings.password().isEmpty())) {
                value = settings.passfile(); // libpq fills in ~/.pgpass only when it needs a password
            } else if (option == ConnOption.CLIENT_ENCODING && value != null) {
                value = settings.clientEncoding(); // "auto" shows as the encoding it stands for
            }
            if (value != null) {
                out.put(option.keyword(), value);
            }
        }
        return out;
    }

    /** {@link #resolve(Map)} with {@link Environment#current()}. */
    public ConnSettings resolve() {
        return resolve(Environment.current());
    }

    /**
     * A value as psycopg2 writes it into a connection string: {@code ''} when empty, backslashes
     * and single quotes escaped with a backslash, and single quotes around it only when it
     * contains whitespace (by Python's definition, which includes Unicode spaces).
     */
    public static String quote(String value) {
        if (value.isEmpty()) {
            return "''";
        }
        StringBuilder escaped = new StringBuilder(value.length() + 2);
        boolean hasSpace = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\'') {
                escaped.append('\\');
            }
            hasSpace |= isPythonWhitespace(c);
            escaped.append(c);
        }
        return hasSpace ? "'" + escaped + "'" : escaped.toString();
    }

    /** Python's {@code str.isspace()} for one BMP character (every such character is in the BMP). */
    static boolean isPythonWhitespace(char c) {
        return (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= ' ') || c == '\u0085' || c == '\u00a0'
                || c == '\u1680' || (c >= '\u2000' && c <= '\u200a') || c == '\u2028' || c == '\u2029'
                || c == '\u202f' || c == '\u205f' || c == '\u3000';
    }

    private static String join(Map<String, String> parameters, boolean hidePassword) {
        StringBuilder dsn = new StringBuilder();
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (dsn.length() > 0) {
                dsn.append(' ');
            }
            boolean hide = hidePassword && e.getKey().equals(ConnOption.PASSWORD.keyword());
            dsn.append(e.getKey()).append('=').append(quote(hide ? HIDDEN_PASSWORD : e.getValue()));
        }
        return dsn.toString();
    }

    /**
     * Records one setting as libpq does: the keyword must be known, a repeated keyword keeps its
     * first position and takes the new value, and the obsolete {@code requiressl} becomes
     * {@code sslmode} ({@code require} when the value starts with 1, else {@code prefer}).
     */
    static void store(Map<String, String> into, String keyword, String value, String unknownKeywordFormat) {
        if (keyword.equals("requiressl")) {
            into.put(ConnOption.SSLMODE.keyword(), value.startsWith("1") ? "require" : "prefer");
            return;
        }
        if (ConnOption.byKeyword(keyword) == null) {
            throw new InvalidConnInfoException(String.format(unknownKeywordFormat, keyword));
        }
        into.put(keyword, value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConnInfo other && parameters.equals(other.parameters);
    }

    @Override
    public int hashCode() {
        return parameters.hashCode();
    }

    /** The parameters with the password hidden: safe to log. */
    @Override
    public String toString() {
        return toDsn(true);
    }
}
