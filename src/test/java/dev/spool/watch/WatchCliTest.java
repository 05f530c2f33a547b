package dev.spool.watch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spool.cli.CliRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code spool watch ...} in-process against a real SQLite file: exit codes, messages naming fields, JSON. */
class WatchCliTest {
    @TempDir
    Path dir;
    Path in;
    String dataDir;

    @BeforeEach
    void setUp() throws Exception {
        in = Files.createDirectories(dir.resolve("card"));
        dataDir = dir.resolve("data").toString();
    }

    CliRun spool(String... args) {
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--data-dir";
        all[args.length + 1] = dataDir;
        return CliRun.of(all);
    }

    @Test
    void add_list_pause_resume_and_remove_a_folder() throws Exception {
        CliRun add = spool("watch", "add", in.toString(), "--preset", "h264_540p_proxy", "--out", dir.resolve("proxies").toString(),
                "--recursive", "--auto-execute", "--extensions", "mov,MXF", "--stable-seconds", "30", "--max-active", "2", "--json");
        assertThat(add.exitCode()).as(add.err()).isZero();
        JsonNode f = new ObjectMapper().readTree(add.out());
        String id = f.get("id").asText();
        assertThat(f.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(f.get("preset").asText()).isEqualTo("h264_540p_proxy");
        assertThat(f.get("recursive").asBoolean()).isTrue();
        assertThat(f.get("autoExecute").asBoolean()).isTrue();
        assertThat(f.get("stableSeconds").asInt()).isEqualTo(30);
        assertThat(f.get("maxActiveJobs").asInt()).isEqualTo(2);
        assertThat(f.get("extensions").toString()).isEqualTo("[\"mov\",\"mxf\"]");

        assertThat(spool("watch", "list").out()).contains(id).contains("ACTIVE").contains(in.toString());
        assertThat(spool("watch", "pause", id).exitCode()).isZero();
        assertThat(spool("watch", "list").out()).contains("PAUSED");
        CliRun resume = spool("watch", "resume", in.toString());   // by path
        assertThat(resume.exitCode()).isZero();
        assertThat(resume.out()).contains("resumed " + id);
        assertThat(spool("watch", "jobs", id, "--json").out().strip()).isEqualTo("[ ]");

        CliRun again = spool("watch", "add", in.toString(), "--preset", "h264_540p_proxy", "--out", dir.resolve("p2").toString());
        assertThat(again.exitCode()).isEqualTo(2);
        assertThat(again.err()).contains("already exists");

        assertThat(spool("watch", "remove", id).exitCode()).isZero();
        assertThat(spool("watch", "list").out()).contains("no watch folders");
        CliRun gone = spool("watch", "remove", id);
        assertThat(gone.exitCode()).isEqualTo(2);
        assertThat(gone.err()).contains("watch folder " + id + " not found");
    }

    @Test
    void an_import_folder_needs_no_preset_and_copies_by_default() throws Exception {
        CliRun add = spool("watch", "add", in.toString(), "--import", "--out", dir.resolve("media/comfy").toString(), "--json");
        assertThat(add.exitCode()).as(add.err()).isZero();
        JsonNode f = new ObjectMapper().readTree(add.out());
        assertThat(f.get("action").asText()).isEqualTo("import");
        assertThat(f.get("importMode").asText()).isEqualTo("copy");
        assertThat(f.get("preset").isNull()).isTrue();
        assertThat(f.get("extensions").toString()).contains("png").contains("mp4");
    }

    @Test
    void bad_input_exits_2_naming_the_field() throws Exception {
        String out = dir.resolve("out").toString();
        assertRefused(spool("watch", "add", dir.resolve("nope").toString(), "--preset", "h264_540p_proxy", "--out", out),
                "path: folder not found");
        assertRefused(spool("watch", "add", in.toString(), "--out", out), "preset: a preset is required");
        assertRefused(spool("watch", "add", in.toString(), "--preset", "no_such", "--out", out), "preset:");
        assertRefused(spool("watch", "add", in.toString(), "--preset", "h264_540p_proxy"), "outputDir: an output folder is required");
        assertRefused(spool("watch", "add", in.toString(), "--preset", "h264_540p_proxy", "--recursive",
                "--out", in.resolve("proxies").toString()), "outputDir: output folder " + in.resolve("proxies") + " is inside");
        assertRefused(spool("watch", "add", in.toString(), "--preset", "h264_540p_proxy", "--out", out,
                "--stable-seconds", "0"), "stableSeconds must be between 1 and 86400");
        assertRefused(spool("watch", "add", in.toString(), "--preset", "h264_540p_proxy", "--out", out,
                "--extensions", "mov,m p4"), "extensions[1]");
        assertRefused(spool("watch", "add", in.toString(), "--preset", "h264_540p_proxy", "--out", out,
                "--max-active", "0"), "maxActiveJobs");
        assertRefused(spool("watch", "add", in.toString(), "--preset", "h264_540p_proxy", "--out", out, "--move"),
                "--move applies only with --import");
        assertRefused(spool("watch", "add", in.toString(), "--import", "--preset", "h264_540p_proxy", "--out", out),
                "preset: an import folder");
        assertRefused(spool("watch", "add", in.toString(), "--preset", "h264_540p_proxy", "--out", out,
                "--stable-seconds", "soon"), "--stable-seconds");
        assertThat(spool("watch", "list").out()).contains("no watch folders");
    }

    private static void assertRefused(CliRun run, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
        assertThat(run.err()).contains(message).doesNotContain("Exception");
    }
}
