package dev.hearth.git;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.annotations.Nullable;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevTag;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;

/**
 * C git's fsck rules that JGit's {@link org.eclipse.jgit.lib.ObjectChecker} lacks, at C git's
 * default severities (an "error" or "fatal" id refuses, a "warn" or "info" id does not), and the
 * tree-shape limits, for every way objects come in: pushes ({@link CheckedReceivePack}) and
 * commits through the API ({@link CommitWriter}). Each refusal names C git's message id.
 *
 * <ul>
 *   <li>commit and tag headers: {@code nulInHeader}, {@code unterminatedHeader}, the identity
 *       lines' {@code missingNameBeforeEmail}, {@code badName}, {@code missingSpaceBeforeEmail},
 *       {@code badDate} (a date must be digits: no sign), {@code zeroPaddedDate},
 *       {@code badDateOverflow}, {@code badTimezone} (a sign and four digits); a tag's
 *       {@code badType};</li>
 *   <li>{@code .gitmodules}: {@code gitmodulesSymlink} ({@link SafeObjectChecker}), {@code gitmodulesBlob},
 *       {@code gitmodulesName} (empty, or {@code ..} as a path
 *       component), {@code gitmodulesUrl} (starts with {@code -}, a newline once URL-decoded,
 *       {@code ../} climbing to a host), {@code gitmodulesPath} ({@code -}),
 *       {@code gitmodulesUpdate} ({@code !command}), {@code gitmodulesLarge};</li>
 *   <li>{@code .gitattributes}: {@code gitattributesBlob}, {@code gitattributesLarge} (over
 *       100 MiB), {@code gitattributesLineLength} (a line of 2048 bytes or more);</li>
 *   <li>a tag whose object is not of the type it names (C git: "object is a blob, not a commit").</li>
 * </ul>
 * Stricter than C git, because Hearth shows what it stores: a date after {@link #MAX_DATE}.
 */
final class ObjectRules {
    /**
     * The latest date accepted in an author, committer or tagger line: 9999-12-31T23:59:59Z. C git
     * takes any date up to 2^63-1 s; Java's {@link Instant} ends at year 1,000,000,000, and API
     * timestamps (ISO 8601 as GitHub's API writes them) and HTML date inputs have four-digit
     * years. A date past this cannot be shown, so it is refused with a clear message rather than
     * accepted and then failing every page that shows the commit.
     */
    static final long MAX_DATE = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    /** C git's {@code ATTR_MAX_LINE_LENGTH}: it ignores longer lines, fsck refuses them. */
    static final int ATTRIBUTES_MAX_LINE = 2048;
    /** C git's {@code ATTR_MAX_FILE_SIZE}: it ignores a larger file, fsck refuses it. */
    static final long ATTRIBUTES_MAX_SIZE = 100L << 20;
    /** Largest {@code .gitmodules} read for checking: C git's {@code core.bigFileThreshold} default. */
    static final long GITMODULES_MAX_SIZE = 512L << 20;

    private final int maxTreeDepth;

    ObjectRules(int maxTreeDepth) {
        this.maxTreeDepth = maxTreeDepth;
    }

    int maxTreeDepth() {
        return maxTreeDepth;
    }

    // ---- headers ---------------------------------------------------------------------------

    /** C git's header rules for a commit or tag ({@code kind}), before JGit's own. */
    static void checkHeaders(@Nullable AnyObjectId id, byte[] raw, String kind) throws CorruptObjectException {
        String what = kind + (id == null ? "" : " " + id.name());
        int end = -1;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) throw refused(what, "nulInHeader", "NUL byte in the header at offset " + i);
            if (raw[i] == '\n' && i + 1 < raw.length && raw[i + 1] == '\n') {
                end = i + 1;
                break;
            }
        }
        if (end < 0) {
            if (raw.length == 0 || raw[raw.length - 1] != '\n') throw refused(what, "unterminatedHeader", "unterminated header");
            end = raw.length;
        }
        int line = 0;
        while (line < end) {
            int nl = line;
            while (nl < end && raw[nl] != '\n') nl++;
            String header = new String(raw, line, nl - line, StandardCharsets.ISO_8859_1);
            for (String ident : List.of("author ", "committer ", "tagger ")) {
                if (header.startsWith(ident)) checkIdent(what, header.substring(ident.length()));
            }
            if (kind.equals("tag") && header.startsWith("type ")) {
                String type = header.substring(5);
                if (!List.of("commit", "tree", "blob", "tag").contains(type)) {
                    throw refused(what, "badType", "invalid 'type' value '" + type + "'");
                }
            }
            line = nl + 1;
        }
    }

    /** C git's {@code fsck_ident}: {@code Name <email> 1234567890 +0100}. */
    private static void checkIdent(String what, String s) throws CorruptObjectException {
        if (s.startsWith("<")) throw refused(what, "missingNameBeforeEmail", "missing space before email");
        int lt = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '>') throw refused(what, "badName", "bad name");
            if (c == '<') {
                lt = i;
                break;
            }
        }
        if (lt < 0) throw refused(what, "missingEmail", "missing email");
        if (s.charAt(lt - 1) != ' ') throw refused(what, "missingSpaceBeforeEmail", "missing space before email");
        int gt = s.indexOf('>', lt + 1);
        int lt2 = s.indexOf('<', lt + 1);
        if (gt < 0 || (lt2 >= 0 && lt2 < gt)) throw refused(what, "badEmail", "bad email");
        int p = gt + 1;
        if (p >= s.length() || s.charAt(p) != ' ') throw refused(what, "missingSpaceBeforeDate", "missing space before date");
        p++;
        while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) p++;
        if (p >= s.length() || !isDigit(s.charAt(p))) throw refused(what, "badDate", "bad date (a date is seconds since 1970, no sign)");
        if (s.charAt(p) == '0' && p + 1 < s.length() && s.charAt(p + 1) != ' ') {
            throw refused(what, "zeroPaddedDate", "zero-padded date");
        }
        int digits = p;
        while (p < s.length() && isDigit(s.charAt(p))) p++;
        String date = s.substring(digits, p);
        if (date.length() > 18 || Long.parseLong(date) > MAX_DATE) {
            throw refused(what, "badDateOverflow", "date " + date + " is after 9999-12-31, the latest date Hearth accepts");
        }
        if (p >= s.length() || s.charAt(p) != ' ') throw refused(what, "badDate", "bad date");
        String zone = s.substring(p + 1);
        if (zone.length() != 5 || (zone.charAt(0) != '+' && zone.charAt(0) != '-')
                || !zone.substring(1).chars().allMatch(ObjectRules::isDigit)) {
            throw refused(what, "badTimezone", "bad time zone '" + zone + "' (a sign and four digits, as +0100)");
        }
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static CorruptObjectException refused(String what, String fsckId, String message) {
        return new CorruptObjectException(what + ": " + message + " (fsck: " + fsckId + ")");
    }

    // ---- special files ---------------------------------------------------------------------

    /** Whether a tree entry's name is {@code .gitattributes} in any case. */
    static boolean isGitattributes(byte[] raw, int ptr, int end) {
        return end - ptr == 14 && new String(raw, ptr, 14, StandardCharsets.ISO_8859_1).equalsIgnoreCase(".gitattributes");
    }

    /** Why a {@code .gitmodules} file with this content is refused, if it is. */
    static Optional<String> gitmodulesProblem(String content) {
        Config c = new Config();
        try {
            c.fromText(content);
        } catch (ConfigInvalidException e) {
            return Optional.empty(); // gitmodulesParse is "info" in C git: accepted, and git ignores it
        }
        for (String name : c.getSubsections("submodule")) {
            if (!validSubmoduleName(name)) {
                return Optional.of("disallowed submodule name: " + name + " (fsck: gitmodulesName)");
            }
            for (String url : c.getStringList("submodule", name, "url")) {
                if (!validSubmoduleUrl(url)) return Optional.of("disallowed submodule url: " + printable(url) + " (fsck: gitmodulesUrl)");
            }
            for (String path : c.getStringList("submodule", name, "path")) {
                if (path.startsWith("-")) return Optional.of("disallowed submodule path: " + path + " (fsck: gitmodulesPath)");
            }
            for (String update : c.getStringList("submodule", name, "update")) {
                if (update.startsWith("!")) {
                    return Optional.of("disallowed submodule update setting: " + update + " (fsck: gitmodulesUpdate)");
                }
            }
        }
        return Optional.empty();
    }

    /** C git's {@code check_submodule_name}: not empty, no {@code ..} component (either slash), and not an option. */
    private static boolean validSubmoduleName(String name) {
        if (name.isEmpty() || name.startsWith("-")) return false;
        for (String part : name.split("[/\\\\]", -1)) {
            if (part.equals("..")) return false;
        }
        return true;
    }

    /** C git's {@code check_submodule_url}. */
    private static boolean validSubmoduleUrl(String url) {
        if (url.startsWith("-")) return false;
        boolean relative = url.startsWith("./") || url.startsWith(".\\") || url.startsWith("../") || url.startsWith("..\\");
        if (relative || url.startsWith("git://")) {
            if (decoded(url).map(d -> d.indexOf('\n') >= 0).orElse(false)) return false;
            String rest = url;
            int dotdots = 0;
            while (true) {
                if (rest.startsWith("../") || rest.startsWith("..\\")) {
                    dotdots++;
                    rest = rest.substring(3);
                } else if (rest.startsWith("./") || rest.startsWith(".\\")) {
                    rest = rest.substring(2);
                } else {
                    break;
                }
            }
            return !(dotdots > 0 && (rest.startsWith(":") || rest.startsWith("/")));
        }
        String curl = null;
        for (String prefix : List.of("http::", "https::", "ftp::", "ftps::")) {
            if (url.startsWith(prefix)) curl = url.substring(prefix.length());
        }
        for (String scheme : List.of("http://", "https://", "ftp://", "ftps://")) {
            if (url.startsWith(scheme)) curl = url;
        }
        if (curl == null) return true;
        // C git normalizes the URL first and refuses one it cannot (bad escapes, no host).
        Optional<String> d = decoded(curl);
        return d.isPresent() && d.get().indexOf('\n') < 0 && d.get().indexOf('\r') < 0 && curl.matches("(?s)[a-z]+://[^/?#]+.*");
    }

    /** The URL with %-escapes decoded ({@code +} kept); empty when an escape is malformed. */
    private static Optional<String> decoded(String url) {
        try {
            return Optional.of(URLDecoder.decode(url.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Why a {@code .gitattributes} file with this content is refused, if it is. */
    static Optional<String> gitattributesProblem(byte[] content) {
        if (content.length > ATTRIBUTES_MAX_SIZE) {
            return Optional.of(".gitattributes is larger than " + ATTRIBUTES_MAX_SIZE + " bytes (fsck: gitattributesLarge)");
        }
        int start = 0;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n' || content[i] == 0) {
                if (i - start >= ATTRIBUTES_MAX_LINE) {
                    return Optional.of(".gitattributes has a line of " + (i - start) + " bytes; git reads lines up to "
                            + (ATTRIBUTES_MAX_LINE - 1) + " (fsck: gitattributesLineLength)");
                }
                if (i < content.length && content[i] == 0) break; // C git reads it as a string
                start = i + 1;
            }
        }
        return Optional.empty();
    }

    /** The special-file problem of a file written at {@code path} with {@code content}, if any. */
    static Optional<String> fileProblem(String path, byte[] content) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.equals(".gitattributes")) return gitattributesProblem(content);
        if (name.equals(Constants.DOT_GIT_MODULES)) { // in any folder, as C git's fsck checks them
            return gitmodulesProblem(new String(content, StandardCharsets.UTF_8));
        }
        return Optional.empty();
    }

    private static String printable(String s) {
        return s.replace("\n", "\\n").replace("\r", "\\r");
    }

    // ---- after a pack is in ----------------------------------------------------------------

    /**
     * Checks what needs the whole pack: the special files its trees name, the depth of its trees,
     * and the tags the pushed refs point at. {@code tips} are the pushed refs' new ids.
     */
    void checkReceived(ObjectReader reader, SafeObjectChecker seen, Collection<ObjectId> tips) throws IOException {
        for (ObjectId blob : seen.gitmodules()) {
            ObjectLoader loader = reader.open(blob);
            if (loader.getType() != Constants.OBJ_BLOB) {
                throw new CorruptObjectException(".gitmodules " + blob.name() + " is not a file (fsck: gitmodulesBlob)");
            }
            if (loader.getSize() > GITMODULES_MAX_SIZE) {
                throw new CorruptObjectException(".gitmodules " + blob.name() + " is too large to check (fsck: gitmodulesLarge)");
            }
            Optional<String> problem = gitmodulesProblem(new String(loader.getCachedBytes(Integer.MAX_VALUE), StandardCharsets.UTF_8));
            if (problem.isPresent()) throw new CorruptObjectException(".gitmodules " + blob.name() + ": " + problem.get());
        }
        for (ObjectId blob : seen.gitattributes()) {
            ObjectLoader loader = reader.open(blob);
            if (loader.getType() != Constants.OBJ_BLOB) {
                throw new CorruptObjectException(".gitattributes " + blob.name() + " is not a file (fsck: gitattributesBlob)");
            }
            if (loader.getSize() > ATTRIBUTES_MAX_SIZE) {
                throw new CorruptObjectException(".gitattributes " + blob.name() + " is larger than " + ATTRIBUTES_MAX_SIZE
                        + " bytes (fsck: gitattributesLarge)");
            }
            Optional<String> problem = gitattributesProblem(loader.getCachedBytes(Integer.MAX_VALUE));
            if (problem.isPresent()) throw new CorruptObjectException(problem.get() + " (blob " + blob.name() + ")");
        }
        checkDepth(reader, seen.trees());
        try (RevWalk walk = new RevWalk(reader)) {
            for (ObjectId tip : tips) checkTagTypes(walk, tip);
        }
    }

    /**
     * Refuses a tag chain in which a tag names another type than its object has. Only tags can
     * point at tags, and only refs at tags, so the chains from the pushed refs are all there are.
     */
    private static void checkTagTypes(RevWalk walk, ObjectId tip) throws IOException {
        if (ObjectId.zeroId().equals(tip)) return;
        ObjectLoader first = walk.getObjectReader().open(tip);
        if (first.getType() != Constants.OBJ_TAG) return;
        RevObject o = walk.parseAny(tip);
        for (int hops = 0; o instanceof RevTag tag && hops < 1_000; hops++) {
            ObjectId target = tag.getObject().copy();
            int claimed = tag.getObject().getType();
            int actual;
            try {
                actual = walk.getObjectReader().open(target).getType();
            } catch (MissingObjectException e) {
                throw new CorruptObjectException("tag " + tag.name() + " points at " + target.name() + ", which is missing");
            }
            if (actual != claimed) {
                throw new CorruptObjectException("tag " + tag.name() + ": object " + target.name() + " is a "
                        + Constants.typeString(actual) + ", not a " + Constants.typeString(claimed));
            }
            if (actual != Constants.OBJ_TAG) return;
            o = walk.parseAny(target);
        }
    }

    /**
     * Refuses a received tree nested deeper than {@link #maxTreeDepth} (a tree holding only files
     * has depth 1, as in C git's {@code core.maxTreeDepth}, where "a/b/cde/f" has depth 4). The
     * trees a received one holds count at their full height, old ones included, so that no push
     * can add levels on top of what an earlier one brought; a tree's height is a property of its
     * id, so heights are remembered across pushes ({@link #HEIGHTS_REMEMBERED} of them) and an
     * ordinary push only measures the trees it brought.
     */
    void checkDepth(ObjectReader reader, Set<ObjectId> received) throws IOException {
        Map<ObjectId, Integer> heights = new HashMap<>();
        for (ObjectId tree : received) {
            int h = height(reader, tree, heights);
            if (h > maxTreeDepth) throw tooDeep(tree);
        }
    }

    /** Tree heights kept between pushes: enough for the folders of several large repositories, a few MB. */
    static final int HEIGHTS_REMEMBERED = 100_000;
    private final Cache<ObjectId, Integer> remembered = Caffeine.newBuilder().maximumSize(HEIGHTS_REMEMBERED).build();

    private Integer known(ObjectId tree, Map<ObjectId, Integer> heights) {
        Integer h = heights.get(tree);
        return h != null ? h : remembered.getIfPresent(tree);
    }

    private CorruptObjectException tooDeep(ObjectId tree) {
        return new CorruptObjectException("tree " + tree.name() + " is nested more than " + maxTreeDepth
                + " folders deep, the most Hearth accepts");
    }

    /**
     * The height of {@code tree}, iteratively (no recursion, whatever the depth): an explicit
     * stack of parsers, cut off once the path is deeper than the limit.
     */
    private int height(ObjectReader reader, ObjectId tree, Map<ObjectId, Integer> heights) throws IOException {
        Integer done = known(tree, heights);
        if (done != null) return done;
        record Frame(ObjectId id, CanonicalTreeParser parser, int[] max) {}
        List<Frame> stack = new ArrayList<>();
        stack.add(new Frame(tree, new CanonicalTreeParser(null, reader, tree), new int[] {1}));
        while (!stack.isEmpty()) {
            if (stack.size() > maxTreeDepth) throw tooDeep(tree);
            Frame top = stack.getLast();
            CanonicalTreeParser p = top.parser();
            boolean descended = false;
            while (!p.eof()) {
                if (FileMode.TREE.equals(p.getEntryRawMode())) {
                    ObjectId child = p.getEntryObjectId();
                    p.next(1);
                    Integer h = known(child, heights);
                    if (h != null) {
                        top.max()[0] = Math.max(top.max()[0], h + 1);
                        continue;
                    }
                    stack.add(new Frame(child, new CanonicalTreeParser(null, reader, child), new int[] {1}));
                    descended = true;
                    break;
                }
                p.next(1);
            }
            if (descended) continue;
            stack.removeLast();
            heights.put(top.id(), top.max()[0]);
            remembered.put(top.id(), top.max()[0]);
            if (!stack.isEmpty()) {
                int[] parent = stack.getLast().max();
                parent[0] = Math.max(parent[0], top.max()[0] + 1);
            }
        }
        return heights.get(tree);
    }
}
