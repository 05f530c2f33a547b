package dev.spool.engine.report;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for tests: CRLF records, quoted fields with doubled quotes. Fails on anything else. */
final class Rfc4180 {
    private Rfc4180() {
    }

    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean fieldStart = true;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (fieldStart && c == '"') {
                i++;
                while (true) {
                    if (i >= csv.length()) throw new IllegalArgumentException("unterminated quoted field");
                    char q = csv.charAt(i);
                    if (q == '"') {
                        if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                        } else {
                            i++;
                            break;
                        }
                    } else {
                        field.append(q);
                        i++;
                    }
                }
                fieldStart = false;
                if (i < csv.length() && csv.charAt(i) != ',' && csv.charAt(i) != '\r') {
                    throw new IllegalArgumentException("text after closing quote at " + i);
                }
                continue;
            }
            if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                i++;
            } else if (c == '\r') {
                if (i + 1 >= csv.length() || csv.charAt(i + 1) != '\n') throw new IllegalArgumentException("bare CR at " + i);
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                fieldStart = true;
                i += 2;
            } else if (c == '"' || c == '\n') {
                throw new IllegalArgumentException("unquoted " + (c == '"' ? "quote" : "LF") + " at " + i);
            } else {
                field.append(c);
                fieldStart = false;
                i++;
            }
        }
        if (!row.isEmpty() || field.length() > 0) throw new IllegalArgumentException("last record lacks CRLF");
        return rows;
    }
}
