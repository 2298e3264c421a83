package dev.hearth.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Many files in one commit ({@code POST /uploads}): each file goes under {@code folder} by its
 * name. Files given as paths are streamed from disk, not loaded into memory.
 */
public record Upload(String message, String branch, String folder, List<Part> files) {

    /** One file: its name in the repository and where its bytes come from. */
    public sealed interface Part {
        String name();
    }

    public record Bytes(String name, byte[] content) implements Part {}

    public record FromFile(String name, Path file) implements Part {}

    public static Upload of(String message) {
        return new Upload(message, null, null, List.of());
    }

    public Upload onBranch(String branch) {
        return new Upload(message, branch, folder, files);
    }

    public Upload into(String folder) {
        return new Upload(message, branch, folder, files);
    }

    public Upload file(String name, byte[] content) {
        return with(new Bytes(name, content));
    }

    public Upload file(String name, String text) {
        return file(name, text.getBytes(StandardCharsets.UTF_8));
    }

    public Upload file(Path file) {
        return with(new FromFile(file.getFileName().toString(), file));
    }

    private Upload with(Part part) {
        List<Part> all = new ArrayList<>(files);
        all.add(part);
        return new Upload(message, branch, folder, List.copyOf(all));
    }
}
