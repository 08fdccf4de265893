package io.psycopg2jvm.core.conninfo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * libpq's connection service files ({@code ~/.pg_service.conf}, {@code pg_service.conf}): INI
 * sections named after services, holding {@code keyword=value} lines taken literally (no quoting,
 * no spaces around {@code =}). Only the requested section is checked for errors.
 */
final class ServiceFile {
    private ServiceFile() {
    }

    /**
     * The settings of {@code service} from the first file that defines it.
     *
     * @throws InvalidConnSettingsException when no file defines it, or its section is malformed
     */
    static Map<String, String> lookup(String service, Path userFile, Path systemFile) {
        for (Path file : new Path[] {userFile, systemFile}) {
            if (file != null && Files.isRegularFile(file)) {
                Map<String, String> settings = section(file, read(file), service);
                if (settings != null) {
                    return settings;
                }
            }
        }
        throw new InvalidConnSettingsException("definition of service \"" + service + "\" not found");
    }

    /** The settings in section {@code [service]} of {@code content}, or null when there is no such section. */
    static Map<String, String> section(Path file, String content, String service) {
        Map<String, String> settings = null;
        String[] lines = content.split("\n", -1);
        for (int lineNumber = 1; lineNumber <= lines.length; lineNumber++) {
            String line = strip(lines[lineNumber - 1]);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (settings != null) {
                    break;
                }
                if (line.startsWith("[" + service + "]")) {
                    settings = new LinkedHashMap<>();
                }
                continue;
            }
            if (settings == null) {
                continue;
            }
            int eq = line.indexOf('=');
            String keyword = eq < 0 ? null : line.substring(0, eq);
            if (ConnOption.SERVICE.keyword().equals(keyword)) {
                throw new InvalidConnSettingsException("nested service specifications not supported in service file \""
                        + file + "\", line " + lineNumber);
            }
            if (keyword == null || ConnOption.byKeyword(keyword) == null) {
                throw new InvalidConnSettingsException(
                        "syntax error in service file \"" + file + "\", line " + lineNumber);
            }
            // The first value of a keyword counts, as a value already set is never replaced.
            settings.putIfAbsent(keyword, line.substring(eq + 1));
        }
        return settings;
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidConnSettingsException("could not read service file \"" + file + "\": " + e.getMessage());
        }
    }

    private static String strip(String line) {
        int start = 0;
        int end = line.length();
        while (start < end && KeywordValueParser.isSpace(line.charAt(start))) {
            start++;
        }
        while (end > start && KeywordValueParser.isSpace(line.charAt(end - 1))) {
            end--;
        }
        return line.substring(start, end);
    }
}
