package dev.hearth.git;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jgit.annotations.Nullable;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.GitmoduleEntry;
import org.eclipse.jgit.lib.ObjectChecker;
import org.eclipse.jgit.lib.ObjectId;

/**
 * JGit's object checker with the rules real repositories pass, as strict as C git's fsck: what
 * could reach {@code .git} or leave the working tree on any OS is refused, what is merely awkward
 * or impossible on Windows is not.
 *
 * <p>Refused: {@code .git} in any case, {@code .git.}, {@code .git }, {@code git~1}, {@code .git}
 * with characters HFS+ ignores ({@code .g\u200Cit}), {@code .} and {@code ..}, {@code /} and NUL
 * bytes in names, duplicate names a case-folding file system would merge, {@code .gitmodules}
 * that is not a blob or whose content is unsafe, and malformed objects (JGit's own rules, macOS
 * safety on); and every name that Windows would read as one of those: NTFS drops trailing dots
 * and spaces ({@code .git..}, {@code .gitmodules.}), takes what follows a colon as a stream of the
 * file before it ({@code .git::$INDEX_ALLOCATION}, {@code .gitmodules:$DATA}) and a backslash as a
 * folder separator ({@code ..\evil}, {@code a\.git\config}); a name made only of dots and spaces
 * reads as {@code .} or {@code ..}.
 *
 * <p>Also, for received packs: C git's header rules ({@link ObjectRules#checkHeaders}), a
 * {@code .gitmodules} that is a symbolic link, and no tree with more entries than the limit; the
 * {@code .gitmodules} and {@code .gitattributes} ids and the trees seen are kept for the checks
 * {@link ObjectRules} runs once the whole pack is in.
 *
 * <p>Accepted, unlike JGit's Windows mode: Windows device names ({@code NUL}, {@code AUX},
 * {@code CON}, {@code COM1}, {@code aux.c}), names ending in dots or spaces, and characters
 * Windows cannot store ({@code "*:<>?|}, control characters): git/git's and Linux's histories have
 * some, C git's fsck takes them, and git for Windows refuses to check such files out by itself.
 */
final class SafeObjectChecker extends ObjectChecker {
    /** NTFS short (8.3) names of {@code .gitmodules}, as JGit's and git's own checks know them. */
    private static final Pattern GITMODULES_SHORT = Pattern.compile("(gitmod|g|gi|gi7|gi7e|gi7eb|gi7eba)~[1-9][0-9]*");

    /** JGit's rules for one name, to check each part of a name as Windows reads it. */
    private final ObjectChecker plain = new ObjectChecker().setSafeForMacOS(true);

    /** The most entries one tree may have. */
    private final int maxTreeEntries;
    /** Ids of the {@code .gitattributes} entries (not symbolic links) of the trees checked, for {@link ObjectRules}. */
    private final Set<ObjectId> gitattributes = new HashSet<>();
    /** Ids of the trees checked, for the depth check of {@link ObjectRules}. */
    private final Set<ObjectId> trees = new HashSet<>();
    private final boolean collect;

    /** The rules for names and headers alone, as the contents API checks a path. */
    SafeObjectChecker() {
        this(Integer.MAX_VALUE, false);
    }

    /**
     * The rules for received objects: also no tree with more than {@code maxTreeEntries}
     * entries, and the ids {@link ObjectRules} checks once the pack is in collected.
     */
    SafeObjectChecker(int maxTreeEntries, boolean collect) {
        this.maxTreeEntries = maxTreeEntries;
        this.collect = collect;
        setSafeForMacOS(true);
    }

    @Override
    public void checkTree(@Nullable AnyObjectId id, byte[] raw) throws CorruptObjectException {
        super.checkTree(id, raw);
        // The tree is well formed now: "<mode> <name>\0<20-byte id>" entries.
        int ptr = 0;
        int entries = 0;
        while (ptr < raw.length) {
            int mode = ptr;
            while (raw[ptr] != ' ') ptr++;
            boolean symlink = ptr - mode == 6 && raw[mode] == '1' && raw[mode + 1] == '2';
            int name = ++ptr;
            while (raw[ptr] != 0) ptr++;
            checkAsWindowsReadsIt(raw, name, ptr);
            if (symlink && isGitmodules(raw, name, ptr)) {
                throw new CorruptObjectException("tree " + (id == null ? "" : id.name() + " ")
                        + "has a .gitmodules that is a symbolic link (fsck: gitmodulesSymlink)");
            }
            if (collect && !symlink && ObjectRules.isGitattributes(raw, name, ptr)) {
                gitattributes.add(ObjectId.fromRaw(raw, ptr + 1));
            }
            ptr += 1 + Constants.OBJECT_ID_LENGTH;
            if (++entries > maxTreeEntries) {
                throw new CorruptObjectException("tree " + (id == null ? "" : id.name() + " ") + "has more than "
                        + maxTreeEntries + " entries, the most Hearth accepts in one folder");
            }
        }
        if (collect && id != null) trees.add(id.copy());
    }

    @Override
    public void checkCommit(@Nullable AnyObjectId id, byte[] raw) throws CorruptObjectException {
        ObjectRules.checkHeaders(id, raw, "commit");
        super.checkCommit(id, raw);
    }

    @Override
    public void checkTag(@Nullable AnyObjectId id, byte[] raw) throws CorruptObjectException {
        ObjectRules.checkHeaders(id, raw, "tag");
        super.checkTag(id, raw);
    }

    /**
     * None, to JGit's {@code ReceivePack}: it would refuse a {@code .gitmodules} that does not
     * parse, which C git only notes (gitmodulesParse is "info"); {@link ObjectRules} checks them
     * all, by C git's rules, from {@link #gitmodules()}.
     */
    @Override
    public List<GitmoduleEntry> getGitsubmodules() {
        return collect ? List.of() : super.getGitsubmodules();
    }

    /** The {@code .gitmodules} blobs named by the trees checked. */
    List<ObjectId> gitmodules() {
        return super.getGitsubmodules().stream().map(e -> e.getBlobId().copy()).toList();
    }

    /** The {@code .gitattributes} entries of the trees checked (any type: C git refuses one that is not a blob). */
    Set<ObjectId> gitattributes() {
        return gitattributes;
    }

    /** The trees checked. */
    Set<ObjectId> trees() {
        return trees;
    }

    @Override
    public void checkPathSegment(byte[] raw, int ptr, int end) throws CorruptObjectException {
        super.checkPathSegment(raw, ptr, end);
        checkAsWindowsReadsIt(raw, ptr, end);
    }

    /** {@code .gitmodules} as any OS reads the name: any case, HFS+'s ignored characters, NTFS's short names. */
    private static boolean isGitmodules(byte[] raw, int ptr, int end) {
        String name = new String(raw, ptr, end - ptr, StandardCharsets.UTF_8)
                .replaceAll("[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]", "")
                .replaceAll("[. ]+$", "").toLowerCase(Locale.ROOT);
        return name.equals(Constants.DOT_GIT_MODULES) || (name.length() == 8 && GITMODULES_SHORT.matcher(name).matches());
    }

    private void checkAsWindowsReadsIt(byte[] raw, int ptr, int end) throws CorruptObjectException {
        if (end == ptr) return;
        boolean awkward = raw[end - 1] == '.' || raw[end - 1] == ' ';
        for (int i = ptr; i < end && !awkward; i++) awkward = raw[i] == ':' || raw[i] == '\\';
        if (!awkward) return;
        String name = new String(raw, ptr, end - ptr, StandardCharsets.UTF_8);
        for (String part : name.split("\\\\", -1)) {
            int colon = part.indexOf(':');
            String file = colon < 0 ? part : part.substring(0, colon);
            String read = file.replaceAll("[. ]+$", "");
            if (read.isEmpty()) {
                if (file.isEmpty()) continue; // nothing before ':' or between backslashes: Windows refuses it, nothing more
                throw new CorruptObjectException("invalid name '" + name + "' (Windows reads '" + file + "' as '.' or '..')");
            }
            try {
                byte[] bytes = Constants.encode(read);
                plain.checkPathSegment(bytes, 0, bytes.length);
            } catch (CorruptObjectException e) {
                throw new CorruptObjectException("invalid name '" + name + "' (Windows reads it as '" + read + "')");
            }
            String lower = read.toLowerCase(Locale.ROOT);
            if (lower.equals(Constants.DOT_GIT_MODULES) || (lower.length() == 8 && GITMODULES_SHORT.matcher(lower).matches())) {
                throw new CorruptObjectException("invalid name '" + name + "' (Windows reads it as .gitmodules)");
            }
        }
    }
}
