package io.psycopg2jvm.core.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * sslmode=verify-full's check that the server certificate names the host we meant, with libpq's
 * rules and messages: subjectAltName DNS names (a leading "*." matches one label) and IP
 * addresses; the Common Name only when no subjectAltName of the host's kind is present.
 */
final class ServerNameCheck {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private ServerNameCheck() {
    }

    /** Null when {@code cert} names {@code host}, else libpq's message saying why not. */
    static String mismatch(X509Certificate cert, String host) {
        if (host == null || host.isEmpty()) {
            return "host name must be specified for a verified SSL connection";
        }
        byte[] hostIp = ipLiteral(host);
        int hostKind = hostIp != null ? SAN_IP : SAN_DNS;
        String firstName = null;
        int examined = 0;
        boolean checkCommonName = true;
        for (List<?> san : subjectAltNames(cert)) {
            int kind = (Integer) san.get(0);
            if (kind != SAN_DNS && kind != SAN_IP) {
                continue;
            }
            if (kind == hostKind) {
                checkCommonName = false;
            }
            examined++;
            String name = (String) san.get(1);
            boolean matches;
            if (kind == SAN_DNS) {
                matches = dnsNameMatches(name, host);
            } else {
                byte[] ip = ipLiteral(name);
                matches = hostIp != null && Arrays.equals(ip, hostIp);
                name = ip == null ? name : AddressText.of(address(ip));
            }
            if (firstName == null) {
                firstName = name;
            }
            if (matches) {
                return null;
            }
        }
        if (checkCommonName) {
            String cn = commonName(cert);
            if (cn != null) {
                examined++;
                if (firstName == null) {
                    firstName = cn;
                }
                if (dnsNameMatches(cn, host)) {
                    return null;
                }
            }
        }
        if (examined == 0) {
            return "could not get server's host name from server certificate";
        }
        if (examined == 1) {
            return "server certificate for \"" + firstName + "\" does not match host name \"" + host + "\"";
        }
        int others = examined - 1;
        return "server certificate for \"" + firstName + "\" (and " + others + " other name" + (others == 1 ? "" : "s")
                + ") does not match host name \"" + host + "\"";
    }

    private static boolean dnsNameMatches(String name, String host) {
        String n = name.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (n.equals(h)) {
            return true;
        }
        // "*.example.com" stands for exactly one label in front of ".example.com"
        if (n.length() >= 3 && n.startsWith("*.") && n.length() <= h.length()) {
            String suffix = n.substring(1);
            String label = h.substring(0, h.length() - suffix.length());
            return h.endsWith(suffix) && !label.isEmpty() && label.indexOf('.') < 0;
        }
        return false;
    }

    /** The address bytes when {@code text} is an IPv4 or IPv6 literal (never a DNS lookup), else null. */
    private static byte[] ipLiteral(String text) {
        boolean v6 = text.indexOf(':') >= 0;
        boolean v4 = !v6 && text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (!v4 && !(v6 && text.matches("[0-9A-Fa-f:.]+"))) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static InetAddress address(byte[] ip) {
        try {
            return InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // only for a wrong length, which ipLiteral never gives
        }
    }

    private static Collection<List<?>> subjectAltNames(X509Certificate cert) {
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            return names == null ? List.of() : names;
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static String commonName(X509Certificate cert) {
        try {
            List<Rdn> rdns = new LdapName(cert.getSubjectX500Principal().getName()).getRdns();
            for (int i = rdns.size() - 1; i >= 0; i--) {
                if (rdns.get(i).getType().equalsIgnoreCase("CN")) {
                    return rdns.get(i).getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            // no usable subject: no Common Name
        }
        return null;
    }
}
