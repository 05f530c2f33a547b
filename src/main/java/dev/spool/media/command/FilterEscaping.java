package dev.spool.media.command;

/**
 * Escapes a value for use as a filter option inside {@code -filter_complex}. FFmpeg unescapes twice:
 * first the filtergraph parser (special: {@code \ ' [ ] , ;}), then the filter's option parser
 * (special: {@code \ ' :}). We escape for the option parser first, then for the graph parser.
 */
final class FilterEscaping {
    private FilterEscaping() {
    }

    static String optionValue(String value) {
        return escape(escape(value, "\\':"), "\\'[],;");
    }

    private static String escape(String value, String specials) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            if (specials.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
