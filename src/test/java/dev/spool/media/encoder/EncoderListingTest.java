package dev.spool.media.encoder;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EncoderListingTest {
    @Test
    void lists_video_encoders_with_their_codec_from_debian_ffmpeg_5_1() throws IOException {
        String listing;
        try (InputStream in = getClass().getResourceAsStream("/ffmpeg-5.1-encoders.txt")) {
            listing = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        Map<String, String> encoders = EncoderListing.videoEncoders(listing);

        assertThat(encoders).containsEntry("h264_nvenc", "h264").containsEntry("libx264", "h264")
                .containsEntry("hevc_vaapi", "hevc").containsEntry("libsvtav1", "av1")
                .containsEntry("prores_ks", "prores").containsEntry("prores", "prores")
                .containsEntry("dnxhd", "dnxhd");
        assertThat(encoders).doesNotContainKeys("aac", "ass", "wmav1");
    }
}
