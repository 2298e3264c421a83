package dev.hearth.browse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.testing.TestHearth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tarballs and zipballs, read back with {@code tar} and {@code unzip} and held against {@code git ls-tree}. */
class ArchiveApiTest {
    static TestHearth server;
    static TestHearth.User owner;
    static SampleRepo repo;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        server = TestHearth.sqlite();
        owner = server.newUser("owner");
        repo = SampleRepo.create(server, owner, "arch", false, tmp);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** Runs a command with a UTF-8 locale and returns its standard output. */
    static String run(Path dir, String... command) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
            pb.environment().put("LC_ALL", "C.UTF-8");
            Path out = Files.createTempFile(tmp, "out", ".txt");
            pb.redirectOutput(out.toFile()).redirectErrorStream(true);
            Process p = pb.start();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + text).isZero();
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Path download(String suffix, String file) throws IOException {
        Bytes r = Bytes.get(server.baseUrl() + repo.api(suffix), null, Map.of());
        assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        Path target = tmp.resolve(file);
        Files.write(target, r.body());
        return target;
    }

    static List<String> filesIn(String ref) {
        String prefix = "arch-" + repo.rev(ref + "^{commit}").substring(0, 7) + "/";
        return repo.lines("ls-tree", "-r", "--name-only", ref).stream().map(p -> prefix + p).toList();
    }

    @Test
    void tarballHoldsTheTreeUnderAPrefix() throws IOException {
        Bytes head = Bytes.get(server.baseUrl() + repo.api("/tarball/main"), null, Map.of());
        String short7 = repo.rev("main").substring(0, 7);
        assertThat(head.header("Content-Disposition")).isEqualTo("attachment; filename=\"arch-" + short7 + ".tar.gz\"");
        assertThat(head.header("Content-Type")).isEqualTo("application/x-gzip");

        Path tar = download("/tarball/main", "main.tar.gz");
        List<String> entries = run(tmp, "tar", "tzf", tar.toString()).lines().toList();
        assertThat(entries.stream().filter(e -> !e.endsWith("/")).toList())
                .containsExactlyInAnyOrderElementsOf(filesIn("main"));
        assertThat(entries).contains("arch-" + short7 + "/", "arch-" + short7 + "/docs/space dir/");

        Path out = Files.createDirectories(tmp.resolve("untar"));
        run(out, "tar", "xzf", tar.toString());
        Path root = out.resolve("arch-" + short7);
        for (String path : repo.lines("ls-tree", "-r", "--name-only", "main")) {
            if (path.equals("link")) continue;
            assertThat(root.resolve(path)).as(path).hasSameBinaryContentAs(repo.work.resolve(path));
        }
        assertThat(Files.readSymbolicLink(root.resolve("link"))).isEqualTo(Path.of("README.md"));
        assertThat(Files.isExecutable(root.resolve("bin/run.sh"))).isTrue();
        assertThat(Files.isExecutable(root.resolve("README.md"))).isFalse();
    }

    @Test
    void zipballHoldsTheTreeUnderAPrefix() throws IOException {
        Path zip = download("/zipball/v1.0", "v1.zip");
        List<String> names = new ArrayList<>();
        for (String line : run(tmp, "unzip", "-l", zip.toString()).lines().toList()) {
            String[] f = line.strip().split("\\s+", 4);
            if (f.length == 4 && f[3].startsWith("arch-")) names.add(f[3]);
        }
        assertThat(names.stream().filter(n -> !n.endsWith("/")).toList())
                .containsExactlyInAnyOrderElementsOf(filesIn("v1.0"));
        Path out = Files.createDirectories(tmp.resolve("unzip"));
        run(out, "unzip", "-q", zip.toString());
        Path root = out.resolve("arch-" + repo.rev("v1.0^{commit}").substring(0, 7));
        assertThat(Files.readAllBytes(root.resolve("image.png"))).isEqualTo(SampleRepo.PNG);
        assertThat(root.resolve(SampleRepo.UNICODE)).content(StandardCharsets.UTF_8)
                .isEqualTo(repo.git("show", "v1.0:" + SampleRepo.UNICODE));
    }

    @Test
    void defaultBranchShasAndUnknownRefs() throws IOException {
        Path byDefault = download("/tarball", "default.tar.gz");
        String sha = repo.rev("feature/x");
        Path bySha = download("/zipball/" + sha, "sha.zip");
        assertThat(run(tmp, "tar", "tzf", byDefault.toString())).contains("arch-" + repo.rev("main").substring(0, 7) + "/");
        assertThat(run(tmp, "unzip", "-l", bySha.toString())).contains("arch-" + sha.substring(0, 7) + "/feature2.txt");
        assertThat(Bytes.get(server.baseUrl() + repo.api("/tarball/nope"), null, Map.of()).status()).isEqualTo(404);
        assertThat(Bytes.get(server.baseUrl() + repo.api("/zipball/nope"), null, Map.of()).status()).isEqualTo(404);

        Bytes first = Bytes.get(server.baseUrl() + repo.api("/zipball/" + sha), null, Map.of());
        assertThat(first.header("ETag")).isNotBlank();
        Bytes again = Bytes.get(server.baseUrl() + repo.api("/zipball/" + sha), null,
                Map.of("If-None-Match", first.header("ETag")));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }
}
