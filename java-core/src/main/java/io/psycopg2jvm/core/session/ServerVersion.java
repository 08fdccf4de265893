package io.psycopg2jvm.core.session;

/** server_version ("15.18 (Debian 15.18-0+deb12u1)", "9.6.24", "16beta1") as libpq's integer. */
final class ServerVersion {
    private ServerVersion() {
    }

    static int parse(String text) {
        if (text == null) {
            return 0;
        }
        int[] parts = new int[3];
        int part = 0;
        int i = 0;
        while (i < text.length() && part < 3) {
            int start = i;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                break;
            }
            parts[part++] = Integer.parseInt(text.substring(start, i));
            if (i < text.length() && text.charAt(i) == '.') {
                i++;
            } else {
                break;
            }
        }
        if (parts[0] >= 10) {
            return parts[0] * 10000 + parts[1];
        }
        return parts[0] * 10000 + parts[1] * 100 + parts[2];
    }
}
