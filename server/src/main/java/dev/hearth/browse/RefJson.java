package dev.hearth.browse;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Branches, tags and git refs in GitHub's shapes. */
final class RefJson {
    private RefJson() {}

    /** An entry of {@code /branches}. */
    record Branch(String name, CommitJson.ShaUrl commit, @JsonProperty("protected") boolean isProtected) {}

    /** {@code /branches/{branch}}: the whole head commit. Hearth has no branch protection yet. */
    record BranchDetail(String name, CommitJson commit, @JsonProperty("_links") BranchLinks links,
                        @JsonProperty("protected") boolean isProtected, String protectionUrl) {}

    record BranchLinks(String self, String html) {}

    /** An entry of {@code /tags}: the commit a tag points at, annotated tags peeled. */
    record Tag(String name, CommitJson.ShaUrl commit, String zipballUrl, String tarballUrl) {}

    /** A ref of the git data API; {@code object.type} is "tag" for an annotated tag. */
    record GitRef(String ref, String url, GitObject object) {}

    record GitObject(String sha, String type, String url) {}

    static Branch branch(Refs.Named ref, Links links) {
        String sha = ref.peeled().name();
        return new Branch(ref.shortName(), new CommitJson.ShaUrl(sha, links.commit(sha)), false);
    }

    static Tag tag(Refs.Named ref, Links links) {
        String sha = ref.peeled().name();
        return new Tag(ref.shortName(), new CommitJson.ShaUrl(sha, links.commit(sha)),
                links.archive("zipball", ref.shortName()), links.archive("tarball", ref.shortName()));
    }

    static GitRef gitRef(Refs.Named ref, Links links) {
        String sha = ref.target().name();
        String url = switch (ref.type()) {
            case "commit" -> links.gitCommit(sha);
            case "tree" -> links.gitTree(sha);
            case "blob" -> links.gitBlob(sha);
            default -> links.api() + "/git/tags/" + sha;
        };
        return new GitRef(ref.name(), links.api() + "/git/" + Links.path(ref.name()), new GitObject(sha, ref.type(), url));
    }
}
