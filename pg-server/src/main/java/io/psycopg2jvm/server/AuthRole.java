package io.psycopg2jvm.server;

/**
 * The login roles every test server has, one per way of authenticating, so a test can pick the
 * authentication path it wants to exercise by picking the user.
 *
 * <p>Each role's password is {@code secret-<suffix>} where the suffix is the role name without
 * its {@code pg_} prefix: {@code pg_md5} logs in with {@code secret-md5}. The TLS roles have
 * passwords too, although their method is {@code trust}: what they pin is the connection type.
 */
public enum AuthRole {
    /** Trusted on TCP: no password exchange at all. */
    TRUST("pg_trust", "trust", "host", "scram-sha-256"),
    /** Cleartext password (AuthenticationCleartextPassword). */
    PASSWORD("pg_password", "password", "host", "scram-sha-256"),
    /** MD5 challenge; the password is stored as an MD5 hash, which the md5 method requires. */
    MD5("pg_md5", "md5", "host", "md5"),
    /** SCRAM-SHA-256 (SASL). */
    SCRAM("pg_scram", "scram-sha-256", "host", "scram-sha-256"),
    /** Trusted, but only over TLS: a plain connection is rejected by pg_hba.conf. */
    SSL_ONLY("pg_sslonly", "trust", "hostssl", "scram-sha-256"),
    /** Trusted, but only without TLS: a TLS connection is rejected by pg_hba.conf. */
    NO_SSL("pg_nossl", "trust", "hostnossl", "scram-sha-256");

    private final String user;
    private final String hbaMethod;
    private final String hbaConnectionType;
    private final String passwordEncryption;

    AuthRole(String user, String hbaMethod, String hbaConnectionType, String passwordEncryption) {
        this.user = user;
        this.hbaMethod = hbaMethod;
        this.hbaConnectionType = hbaConnectionType;
        this.passwordEncryption = passwordEncryption;
    }

    /** The role (user) name, e.g. {@code pg_md5}. */
    public String user() {
        return user;
    }

    /** The role's password, e.g. {@code secret-md5}. */
    public String password() {
        return "secret-" + user.substring("pg_".length());
    }

    /** The pg_hba.conf method, e.g. {@code md5} or {@code scram-sha-256}. */
    public String hbaMethod() {
        return hbaMethod;
    }

    /** The pg_hba.conf connection type: {@code host}, {@code hostssl} or {@code hostnossl}. */
    public String hbaConnectionType() {
        return hbaConnectionType;
    }

    /** The {@code password_encryption} in force when the role's password is set. */
    public String passwordEncryption() {
        return passwordEncryption;
    }

    /** The role with this user name. */
    public static AuthRole forUser(String user) {
        for (AuthRole role : values()) {
            if (role.user.equals(user)) {
                return role;
            }
        }
        throw new IllegalArgumentException("no test role named " + user);
    }
}
