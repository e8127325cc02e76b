package io.sladesk.triage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The labelled ticket texts of {@code labelled-tickets.tsv} (see the comment at its top). */
final class LabelledSet {

    static final String RESOURCE = "labelled-tickets.tsv";

    record Ticket(String id, String split, String language, Level expected, String subject, String description) {
        int number() {
            return Integer.parseInt(id.substring(1));
        }
    }

    private LabelledSet() {}

    static List<Ticket> load() {
        try (InputStream in = LabelledSet.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<Ticket> tickets = new ArrayList<>();
            boolean header = true;
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 6) {
                    throw new IllegalStateException(RESOURCE + ": expected 6 fields in " + line);
                }
                if (header) {
                    header = false;
                    if (!f[0].equals("id")) {
                        throw new IllegalStateException(RESOURCE + ": the first line is the header");
                    }
                    continue;
                }
                tickets.add(new Ticket(f[0], f[1], f[2], Level.valueOf(f[3]), unescape(f[4]), unescape(f[5])));
            }
            return tickets;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code \n} in a field is a line break, {@code \t} a tab, {@code \\} a backslash. */
    private static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 1 < field.length()) {
                char n = field.charAt(++i);
                b.append(
                        switch (n) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            default -> n;
                        });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
