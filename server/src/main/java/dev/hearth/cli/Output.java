package dev.hearth.cli;

import dev.hearth.client.HearthClient;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** How results are printed: the API's JSON for scripts, or aligned columns for people. */
final class Output {
    private static final JsonMapper JSON = HearthClient.mapper();

    private Output() {}

    static void json(PrintWriter out, Object value) {
        out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        out.flush();
    }

    /** One JSON document on one line, for streams a script reads line by line. */
    static void jsonLine(PrintWriter out, Object value) {
        out.println(JSON.writeValueAsString(value));
        out.flush();
    }

    /** Rows under a header, each column as wide as its widest cell. */
    static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] width = new int[header.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) width[i] = Math.max(width[i], cell(row.get(i)).length());
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String c = cell(row.get(i));
                line.append(i == row.size() - 1 ? c : c + " ".repeat(width[i] - c.length() + 2));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    /** {@code name: value} lines from alternating names and values (null shows as "-"), the names aligned. */
    static void fields(PrintWriter out, String... namesAndValues) {
        int width = 0;
        for (int i = 0; i < namesAndValues.length; i += 2) width = Math.max(width, namesAndValues[i].length());
        for (int i = 0; i < namesAndValues.length; i += 2) {
            out.println(namesAndValues[i] + ":" + " ".repeat(width - namesAndValues[i].length() + 1) + cell(namesAndValues[i + 1]));
        }
        out.flush();
    }

    private static String cell(String s) {
        return s == null ? "-" : s.replace('\n', ' ');
    }
}
