package dev.spool.preset;

import java.util.ArrayList;
import java.util.List;

/**
 * REPORTING: which job reports are written and where. File fields: {@code id, description, formats, folder}.
 *
 * @param formats at least one, no repeats, in the order written
 * @param folder  relative to the job's output root, or absolute
 */
public record ReportingPreset(String id, String description, List<Format> formats, String folder)
        implements CategoryPreset {

    /** Report file formats. */
    public enum Format { CSV, JSON, TXT }

    public ReportingPreset {
        formats = List.copyOf(formats);
    }

    @Override
    public PresetCategory category() {
        return PresetCategory.REPORTING;
    }

    static ReportingPreset read(StrictObjectReader r, String id, String description) {
        List<String> names = r.optionalTextList("formats");
        String folder = r.optionalFolder("folder", true);
        if (!r.has("folder")) r.add(new MissingFieldException(r.at("folder"), "folder (relative to the output root, or absolute)"));
        List<Format> formats = new ArrayList<>();
        if (!r.has("formats")) {
            r.add(new MissingFieldException(r.at("formats"), "formats (a list of csv, json, txt)"));
        } else if (names != null) {
            if (names.isEmpty()) r.problem("formats", "needs at least one of csv, json, txt");
            for (int i = 0; i < names.size(); i++) {
                Format format = null;
                for (Format f : Format.values()) if (f.name().equalsIgnoreCase(names.get(i))) format = f;
                if (format == null) {
                    r.add(new InvalidPresetValueException(r.at("formats").index(i), "unknown report format '" + names.get(i) + "'; one of: csv, json, txt"));
                } else if (formats.contains(format)) {
                    r.add(new InvalidPresetValueException(r.at("formats").index(i), "format '" + names.get(i) + "' is listed twice"));
                } else {
                    formats.add(format);
                }
            }
        }
        r.finish();
        return r.hasProblems() ? null : new ReportingPreset(id, description, formats, folder);
    }
}
