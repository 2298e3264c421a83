package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsLoaderTest {
    @TempDir
    Path data;

    private Settings load(Map<SettingKey, String> flags, Map<String, String> env) {
        return new SettingsLoader(flags, env).load();
    }

    @Test
    void defaultsPutEverythingInTheDataDirectory() {
        Settings s = load(Map.of(SettingKey.DATA, data.toString()), Map.of());
        assertThat(s.host()).isEqualTo("127.0.0.1");
        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.sshPort()).hasValue(2222);
        assertThat(s.sshDir()).isEqualTo(data.resolve("ssh"));
        assertThat(s.databaseUrl()).isEqualTo("jdbc:sqlite:" + data.resolve("hearth.db"));
        assertThat(s.reposDir()).isEqualTo(data.resolve("repos"));
        assertThat(s.adminPassword()).isEmpty();
        assertThat(s.maxObjectSize()).isEqualTo(100L << 20);
        assertThat(s.maxPackSize()).isEqualTo(2L << 30);
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws IOException {
        Files.writeString(data.resolve("hearth.conf"), "HEARTH_PORT=7000\nHEARTH_HOST=0.0.0.0\nHEARTH_MAX_PACK_SIZE=5m\n");
        Settings fromFile = load(Map.of(SettingKey.DATA, data.toString()), Map.of());
        assertThat(fromFile.port()).isEqualTo(7000);
        assertThat(fromFile.host()).isEqualTo("0.0.0.0");
        assertThat(fromFile.maxPackSize()).isEqualTo(5L << 20);

        Settings fromEnv = load(Map.of(), Map.of("HEARTH_DATA", data.toString(), "HEARTH_PORT", "7001"));
        assertThat(fromEnv.port()).isEqualTo(7001);
        assertThat(fromEnv.host()).isEqualTo("0.0.0.0");

        Settings fromFlag = load(Map.of(SettingKey.DATA, data.toString(), SettingKey.PORT, "7002"), Map.of("HEARTH_PORT", "7001"));
        assertThat(fromFlag.port()).isEqualTo(7002);
    }

    @Test
    void transportLimitsHaveDefaultsAndCanBeSet() {
        Settings d = load(Map.of(SettingKey.DATA, data.toString()), Map.of());
        assertThat(d.transport()).isEqualTo(TransportLimits.DEFAULTS);
        Settings s = load(Map.of(SettingKey.DATA, data.toString()), Map.of("HEARTH_SSH_IDLE_TIMEOUT", "10s",
                "HEARTH_HTTP_IDLE_TIMEOUT", "1m", "HEARTH_MIN_REQUEST_RATE", "1000", "HEARTH_EVENT_SOCKETS_PER_USER", "5",
                "HEARTH_EVENT_SOCKETS_PER_ADDRESS", "9"));
        assertThat(s.transport()).isEqualTo(new TransportLimits(java.time.Duration.ofMinutes(1), 1000,
                java.time.Duration.ofSeconds(10), TransportLimits.DEFAULTS.eventPing(), 5, 9));
        assertThatThrownBy(() -> load(Map.of(SettingKey.DATA, data.toString()), Map.of("HEARTH_SSH_IDLE_TIMEOUT", "1s")))
                .hasMessageContaining("HEARTH_SSH_IDLE_TIMEOUT").hasMessageContaining("between 5s and 1d");
    }

    @Test
    void treeLimitsDefaultToCGitsDepthAndAreChecked() {
        Settings s = load(Map.of(SettingKey.DATA, data.toString()), Map.of());
        assertThat(s.maxTreeDepth()).isEqualTo(2048);
        assertThat(s.maxTreeEntries()).isEqualTo(100_000);
        Settings set = load(Map.of(SettingKey.DATA, data.toString(), SettingKey.MAX_TREE_DEPTH, "64"),
                Map.of("HEARTH_MAX_TREE_ENTRIES", "5000"));
        assertThat(set.maxTreeDepth()).isEqualTo(64);
        assertThat(set.maxTreeEntries()).isEqualTo(5000);
        assertThatThrownBy(() -> load(Map.of(SettingKey.DATA, data.toString()), Map.of("HEARTH_MAX_TREE_DEPTH", "0")))
                .hasMessage("HEARTH_MAX_TREE_DEPTH: '0' is not a whole number from 1 to 1000000");
    }

    @Test
    void badValuesNameTheirKeyAndSource() throws IOException {
        assertThatThrownBy(() -> load(Map.of(SettingKey.DATA, data.toString()), Map.of("HEARTH_PORT", "eighty")))
                .isInstanceOf(SettingsException.class).hasMessage("HEARTH_PORT: 'eighty' is not a port number (0-65535)");
        assertThatThrownBy(() -> load(Map.of(SettingKey.DATA, data.toString(), SettingKey.PORT, "70000"), Map.of()))
                .hasMessageStartingWith("--port:");
        assertThatThrownBy(() -> load(Map.of(SettingKey.DATA, data.toString()), Map.of("HEARTH_DATABASE_URL", "mysql://x")))
                .hasMessageStartingWith("HEARTH_DATABASE_URL: must start with");
        assertThatThrownBy(() -> load(Map.of(SettingKey.DATA, data.toString()), Map.of("HEARTH_MAX_OBJECT_SIZE", "-1")))
                .hasMessageStartingWith("HEARTH_MAX_OBJECT_SIZE:");
        assertThatThrownBy(() -> load(Map.of(SettingKey.DATA, data.toString()), Map.of("HEARTH_PUBLIC_URL", "ftp://x")))
                .hasMessageStartingWith("HEARTH_PUBLIC_URL:");
        assertThatThrownBy(() -> load(Map.of(SettingKey.DATA, data.toString()), Map.of("HEARTH_CORS_ORIGINS", "https://ok.example, *")))
                .hasMessageStartingWith("HEARTH_CORS_ORIGINS: '*' is not an origin");
        assertThat(load(Map.of(SettingKey.DATA, data.toString()), Map.of("HEARTH_CORS_ORIGINS", "https://a.example:8443, http://b"))
                .corsOrigins()).containsExactly("https://a.example:8443", "http://b");
        Files.writeString(data.resolve("hearth.conf"), "HEARTH_PROT=1\n");
        assertThatThrownBy(() -> load(Map.of(SettingKey.DATA, data.toString()), Map.of()))
                .hasMessageContaining("unknown key HEARTH_PROT");
        Files.writeString(data.resolve("hearth.conf"), "HEARTH_PORT=x\n");
        assertThatThrownBy(() -> load(Map.of(SettingKey.DATA, data.toString()), Map.of()))
                .hasMessageStartingWith("HEARTH_PORT in hearth.conf:");
    }

    @Test
    void sshPortZeroTurnsSshOffAndBadPortsNameTheKey() {
        assertThat(load(Map.of(SettingKey.DATA, data.toString()), Map.of("HEARTH_SSH_PORT", "0")).sshPort()).isEmpty();
        assertThat(load(Map.of(SettingKey.DATA, data.toString(), SettingKey.SSH_PORT, "2022"), Map.of()).sshPort())
                .hasValue(2022);
        assertThatThrownBy(() -> load(Map.of(SettingKey.DATA, data.toString()), Map.of("HEARTH_SSH_PORT", "ssh")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("HEARTH_SSH_PORT: 'ssh' is not a port number (0-65535, 0 turns SSH off)");
        assertThatThrownBy(() -> load(Map.of(SettingKey.DATA, data.toString(), SettingKey.SSH_PORT, "-1"), Map.of()))
                .hasMessageStartingWith("--ssh-port: '-1' is not a port number");
        assertThatThrownBy(() -> load(Map.of(SettingKey.DATA, data.toString(), SettingKey.SSH_PORT, "8080"), Map.of()))
                .hasMessage("--ssh-port: '8080' is also the HTTP port; SSH needs a port of its own");
    }

    @Test
    void oauthTokenLifetimeTakesUnitsWithinBounds() {
        assertThat(load(Map.of(SettingKey.DATA, data.toString()), Map.of()).oauthTokenTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(load(Map.of(SettingKey.DATA, data.toString()), Map.of("HEARTH_OAUTH_TOKEN_TTL", "15m")).oauthTokenTtl())
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(load(Map.of(SettingKey.DATA, data.toString(), SettingKey.OAUTH_TOKEN_TTL, "2D"), Map.of()).oauthTokenTtl())
                .isEqualTo(Duration.ofDays(2));
        for (String bad : new String[] {"30s", "8d", "1 hour", "-1h", "0m", ""}) {
            assertThatThrownBy(() -> load(Map.of(SettingKey.DATA, data.toString()), Map.of("HEARTH_OAUTH_TOKEN_TTL", bad)))
                    .as(bad).isInstanceOf(SettingsException.class)
                    .hasMessageStartingWith("HEARTH_OAUTH_TOKEN_TTL: '" + bad + "' is not a duration");
        }
    }

    @Test
    void sizesTakeUnits() {
        assertThat(SettingsLoader.parseSize("512")).isEqualTo(512);
        assertThat(SettingsLoader.parseSize("4k")).isEqualTo(4096);
        assertThat(SettingsLoader.parseSize("3M")).isEqualTo(3L << 20);
        assertThat(SettingsLoader.parseSize("2g")).isEqualTo(2L << 30);
    }

    @Test
    void postgresUrlsAreAccepted() {
        Settings s = load(Map.of(SettingKey.DATA, data.toString(),
                SettingKey.DATABASE_URL, "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"), Map.of());
        assertThat(s.databaseUrl()).startsWith("jdbc:postgresql:");
    }
}
