package dev.spool.preset.output;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class FileNameSanitizerTest {

    @ParameterizedTest(name = "''{0}'' -> ''{1}''")
    @CsvSource(delimiter = '|', value = {
            "A001C003_01:00:00:00         | A001C003_01_00_00_00",
            "reel/with\\separators        | reel_with_separators",
            "../../etc/passwd             | _.._etc_passwd",
            "-vf scale=1:1                | vf scale=1_1",
            "--help                       | help",
            ".hidden                      | hidden",
            "...                          | output",
            "'   '                        | output",
            "trailing dots...             | trailing dots",
            "what?*<>                     | what____",
            "CON                          | _CON",
            "nul.backup                   | _nul.backup",
            "Szene_ä_日本                  | Szene_ä_日本",
    })
    void names_are_safe_single_file_names(String raw, String safe) {
        assertThat(FileNameSanitizer.sanitize(raw)).isEqualTo(safe);
    }

    @Test
    void control_characters_and_quotes_become_underscores() {
        assertThat(FileNameSanitizer.sanitize("a\nb\tc\u0000d\"e|f")).isEqualTo("a_b_c_d_e_f");
    }

    @Test
    void a_sanitized_name_never_contains_a_separator_or_starts_with_dash_or_dot() {
        for (String raw : new String[] {"/", "\\", "-.-./x", ". -a", "a/../b", "-", "."}) {
            String safe = FileNameSanitizer.sanitize(raw);
            assertThat(safe).as(raw).doesNotContain("/", "\\").doesNotStartWith("-").doesNotStartWith(".").isNotBlank();
        }
    }

    @Test
    void long_names_are_cut_to_200_bytes_without_splitting_characters() {
        String safe = FileNameSanitizer.sanitize("日".repeat(100)); // 3 bytes each
        assertThat(safe.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(FileNameSanitizer.MAX_BYTES);
        assertThat(safe).isEqualTo("日".repeat(66));
    }
}
