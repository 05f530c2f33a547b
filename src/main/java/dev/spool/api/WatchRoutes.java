package dev.spool.api;

import dev.spool.store.WatchStore;
import dev.spool.watch.InvalidWatchFolderException;
import dev.spool.watch.WatchFolderInput;
import dev.spool.watch.WatchFolders;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.util.Map;

/**
 * {@code /api/v1/watch-folders}: create, list, show, edit, delete, pause, resume, and the jobs a folder made
 * (with why held ones wait). Validation is {@code dev.spool.watch}'s, shared with the CLI; the running
 * watch service picks changes up at its next scan.
 */
final class WatchRoutes {
    static final String BASE = JobRoutes.V1 + "/watch-folders";

    private final WatchFolders folders;
    private final ApiSettings settings;

    WatchRoutes(WatchFolders folders, ApiSettings settings) {
        this.folders = folders;
        this.settings = settings;
    }

    void register(Javalin app) {
        app.get(BASE, ctx -> ctx.json(Map.of("items", folders.list().stream().map(WatchFolders::view).toList())));
        app.post(BASE, guarded(this::create));
        app.get(BASE + "/{id}", ctx -> ctx.json(WatchFolders.view(folders.get(ctx.pathParam("id")))));
        app.patch(BASE + "/{id}", guarded(this::update));
        app.delete(BASE + "/{id}", ctx -> {
            folders.remove(ctx.pathParam("id"));
            ctx.status(204);
        });
        app.post(BASE + "/{id}/pause", ctx -> ctx.json(WatchFolders.view(folders.pause(ctx.pathParam("id")))));
        app.post(BASE + "/{id}/resume", ctx -> ctx.json(WatchFolders.view(folders.resume(ctx.pathParam("id")))));
        app.get(BASE + "/{id}/jobs", this::jobs);
    }

    private void create(Context ctx) throws Exception {
        WatchFolderInput in = Json.body(ctx, WatchFolderInput.class, settings.maxBodyBytes());
        WatchStore.Folder f = folders.create(in);
        ctx.header("Location", BASE + "/" + f.id());
        ctx.status(201).json(WatchFolders.view(f));
    }

    private void update(Context ctx) throws Exception {
        WatchFolderInput in = Json.body(ctx, WatchFolderInput.class, settings.maxBodyBytes());
        ctx.json(WatchFolders.view(folders.update(ctx.pathParam("id"), in)));
    }

    private void jobs(Context ctx) {
        int limit = 50;
        String raw = ctx.queryParam("limit");
        if (raw != null) {
            try {
                limit = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > 1000) throw ApiError.invalidField("limit", "limit must be between 1 and 1000");
        }
        ctx.json(Map.of("items", folders.jobs(ctx.pathParam("id"), limit).stream().map(WatchFolders::view).toList()));
    }

    /** Bad settings become 400 naming the field; an already watched path 409. */
    private static Handler guarded(Handler h) {
        return ctx -> {
            try {
                h.handle(ctx);
            } catch (InvalidWatchFolderException e) {
                throw ApiError.invalidField(e.field(), e.getMessage());
            } catch (WatchStore.DuplicateWatchFolderException e) {
                throw ApiError.conflict("watch_folder_exists", e.getMessage(), Map.of("field", "path", "path", e.path()));
            }
        };
    }
}
