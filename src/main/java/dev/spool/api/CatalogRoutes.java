package dev.spool.api;

import dev.spool.media.encoder.EncoderReport;
import dev.spool.preset.InvalidPresetsException;
import dev.spool.preset.PresetRegistry;
import dev.spool.preset.PresetValidationException;
import dev.spool.preset.ResolvedPreset;
import dev.spool.store.WorkerRegistry;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Presets (list, show, validate), encoders and workers. */
final class CatalogRoutes {
    private final Supplier<PresetRegistry> presets;
    private final Path presetsDir;
    private final Supplier<EncoderReport> encoders;
    private final WorkerRegistry workers;
    private final ApiSettings settings;
    private final Clock clock;

    CatalogRoutes(Supplier<PresetRegistry> presets, Path presetsDir, Supplier<EncoderReport> encoders,
                  WorkerRegistry workers, ApiSettings settings, Clock clock) {
        this.presets = presets;
        this.presetsDir = presetsDir;
        this.encoders = encoders;
        this.workers = workers;
        this.settings = settings;
        this.clock = clock;
    }

    void register(Javalin app) {
        app.get(JobRoutes.V1 + "/presets", this::listPresets);
        app.post(JobRoutes.V1 + "/presets/validate", this::validate);
        app.get(JobRoutes.V1 + "/presets/{id}", this::showPreset);
        app.get(JobRoutes.V1 + "/encoders", this::encoders);
        app.get(JobRoutes.V1 + "/workers", this::workers);
    }

    private void listPresets(Context ctx) {
        PresetRegistry r = presets.get();
        List<Map<String, Object>> items = new ArrayList<>();
        r.globalPresets().forEach(g -> items.add(Map.of("id", g.id(), "kind", "global",
                "description", g.description() == null ? "" : g.description())));
        r.bundles().forEach(b -> items.add(Map.of("id", b.id(), "kind", "bundle",
                "description", b.description() == null ? "" : b.description(), "outputs", b.outputs())));
        ctx.json(Map.of("items", items));
    }

    private void showPreset(Context ctx) {
        String id = ctx.pathParam("id");
        ResolvedPreset p;
        try {
            p = presets.get().resolve(id);
        } catch (PresetValidationException e) {
            throw ApiError.notFound("no preset '" + id + "' (see GET /api/v1/presets)");
        }
        ctx.json(p);
    }

    /**
     * Checks a posted preset file (JSON, or YAML with a YAML content type) together with the built-in library and
     * the presets folder, exactly like {@code spool presets validate}; nothing is saved.
     */
    private void validate(Context ctx) throws IOException {
        byte[] body = Json.boundedBody(ctx, settings.maxBodyBytes());
        if (body.length == 0) throw ApiError.badRequest("empty_body", "post the preset file as the request body");
        String type = String.valueOf(ctx.contentType()).toLowerCase(Locale.ROOT);
        String ext = type.contains("yaml") ? ".yaml" : ".json";
        Path dir = Files.createTempDirectory("spool-preset-");
        Path file = dir.resolve("posted-preset" + ext);
        try {
            Files.write(file, body);
            PresetRegistry r = PresetRegistry.load(presetsDir, List.of(file));
            ctx.json(Map.of("valid", true, "presets", r.definedIn(file.toString())));
        } catch (InvalidPresetsException e) {
            List<Map<String, String>> problems = new ArrayList<>();
            for (PresetValidationException p : e.problems()) {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("file", p.location().file() == null ? null : p.location().file().replace(file.toString(), "request body"));
                m.put("field", p.location().field());
                m.put("message", p.detail());
                problems.add(m);
            }
            throw new ApiError(400, "invalid_preset", problems.size() + " problem(s) in the posted preset",
                    Map.of("problems", problems));
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    private void encoders(Context ctx) {
        if (encoders == null) {
            throw new ApiError(503, "encoders_unavailable", "encoder detection is not available on this server "
                    + "(ffmpeg not configured)", null);
        }
        ctx.json(encoders.get());
    }

    private void workers(Context ctx) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (WorkerRegistry.WorkerInfo w : workers.list()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", w.id());
            m.put("host", w.host());
            m.put("slots", w.slots());
            m.put("busySlots", w.currentTasks().size());
            m.put("currentTasks", w.currentTasks());
            m.put("startedAt", w.startedAt());
            m.put("lastHeartbeat", w.lastHeartbeat());
            m.put("secondsSinceHeartbeat", Duration.between(w.lastHeartbeat(), clock.instant()).toSeconds());
            items.add(m);
        }
        ctx.json(Map.of("items", items));
    }
}
