package dev.spool.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.spool.domain.OutputSpec;
import dev.spool.preset.NamingPattern;

import java.util.Locale;

/** JSON and one-line text renderings of presets for the {@code presets} commands. */
final class PresetJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule().addSerializer(NamingPattern.class, ToStringSerializer.instance))
            .enable(SerializationFeature.INDENT_OUTPUT);

    private PresetJson() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw CliException.internal("cannot write JSON: " + e.getOriginalMessage());
        }
    }

    /** e.g. {@code prores proxy yuv422p10le, mov, source size, audio pcm_s16le, timecode}. */
    static String summary(OutputSpec spec) {
        StringBuilder s = new StringBuilder();
        OutputSpec.Video v = spec.video();
        if (v != null) {
            s.append(v.family().name().toLowerCase(Locale.ROOT));
            if (v.profile() != null) s.append(' ').append(v.profile());
            if (v.pixFmt() != null) s.append(' ').append(v.pixFmt());
            if (v.crf() != null) s.append(" crf ").append(v.crf());
            if (v.bitrateKbps() != null) s.append(' ').append(v.bitrateKbps()).append(" kb/s");
        }
        s.append(", ").append(spec.container());
        if (v != null) s.append(", ").append(v.scale() == null ? "source size" : scale(v.scale()));
        if (v != null && v.fps() != null) s.append(", ").append(v.fps()).append(" fps");
        if (spec.still() != null) {
            s.append(", still at ").append(spec.still().seconds() != null ? spec.still().seconds() + " s" : spec.still().percent() + " %");
        }
        if (spec.audio() != null) {
            s.append(", audio ").append(spec.audio().codec());
            if (spec.audio().channels() != null) s.append(' ').append(spec.audio().channels()).append(" ch");
        } else if (spec.still() == null) {
            s.append(", no audio");
        }
        if (v != null && v.watermark() != null) s.append(", watermark");
        if (spec.timecode()) s.append(", keeps timecode and reel");
        return s.toString();
    }

    private static String scale(OutputSpec.Scale scale) {
        return scale.mode().name().toLowerCase(Locale.ROOT) + " "
                + (scale.width() == null ? "auto" : scale.width()) + "x" + (scale.height() == null ? "auto" : scale.height());
    }
}
