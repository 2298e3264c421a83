package dev.hearth.git;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jgit.annotations.Nullable;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectChecker;

/**
 * JGit's object checker with the rules real repositories pass: what could reach {@code .git}
 * or leave the working tree on any OS is refused, what is merely awkward on Windows is not.
 *
 * <p>Refused (JGit's own rules, Windows and macOS safety on): {@code .git} in any case,
 * {@code .git.}, {@code .git }, {@code git~1}, {@code .git} with characters HFS+ ignores
 * ({@code .g\u200Cit}), {@code .} and {@code ..}, {@code /} and NUL bytes in names, characters
 * Windows cannot store at all ({@code "*:<>?\|} and control characters), duplicate names a
 * case-folding file system would merge, {@code .gitmodules} in any spelling that is not a blob or
 * whose content is unsafe, and malformed objects. Accepted, unlike JGit's Windows mode: Windows
 * device names ({@code NUL}, {@code AUX}, {@code CON}, {@code COM1}, {@code aux.c}) and names
 * ending in dots or spaces, which git/git's and Linux's histories have.
 *
 * <p>JGit's single "Windows: bad name" error type covers both the device names and the trailing
 * dots and spaces that Windows drops; ignoring it would also let {@code .git..} or
 * {@code .gitmodules.} through, which Windows reads as {@code .git} and {@code .gitmodules}. So a
 * name ending in dots or spaces is checked once more as Windows would read it, and a name made
 * only of dots and spaces (Windows reads it as {@code .} or {@code ..}) is refused.
 */
final class SafeObjectChecker extends ObjectChecker {
    /** NTFS short (8.3) names of {@code .gitmodules}, as JGit's and git's own checks know them. */
    private static final Pattern GITMODULES_SHORT = Pattern.compile("(gitmod|g|gi|gi7|gi7e|gi7eb|gi7eba)~[1-9][0-9]*");

    private final ObjectChecker stripped = new ObjectChecker().setSafeForWindows(true).setSafeForMacOS(true)
            .setIgnore(ErrorType.WIN32_BAD_NAME, true);

    SafeObjectChecker() {
        setSafeForWindows(true);
        setSafeForMacOS(true);
        setIgnore(ErrorType.WIN32_BAD_NAME, true);
    }

    @Override
    public void checkTree(@Nullable AnyObjectId id, byte[] raw) throws CorruptObjectException {
        super.checkTree(id, raw);
        // The tree is well formed now: "<mode> <name>\0<20-byte id>" entries.
        int ptr = 0;
        while (ptr < raw.length) {
            while (raw[ptr] != ' ') ptr++;
            int name = ++ptr;
            while (raw[ptr] != 0) ptr++;
            checkAsWindowsReadsIt(raw, name, ptr);
            ptr += 1 + Constants.OBJECT_ID_LENGTH;
        }
    }

    @Override
    public void checkPathSegment(byte[] raw, int ptr, int end) throws CorruptObjectException {
        super.checkPathSegment(raw, ptr, end);
        checkAsWindowsReadsIt(raw, ptr, end);
    }

    private void checkAsWindowsReadsIt(byte[] raw, int ptr, int end) throws CorruptObjectException {
        if (end == ptr || (raw[end - 1] != '.' && raw[end - 1] != ' ')) return;
        String name = new String(raw, ptr, end - ptr, StandardCharsets.UTF_8);
        String read = name.replaceAll("[. ]+$", "");
        if (read.isEmpty()) {
            throw new CorruptObjectException("invalid name '" + name + "' (Windows reads it as '.' or '..')");
        }
        try {
            byte[] bytes = Constants.encode(read);
            stripped.checkPathSegment(bytes, 0, bytes.length);
        } catch (CorruptObjectException e) {
            throw new CorruptObjectException("invalid name '" + name + "' (Windows reads it as '" + read + "')");
        }
        String lower = read.toLowerCase(Locale.ROOT);
        if (lower.equals(Constants.DOT_GIT_MODULES) || (lower.length() == 8 && GITMODULES_SHORT.matcher(lower).matches())) {
            throw new CorruptObjectException("invalid name '" + name + "' (Windows reads it as .gitmodules)");
        }
    }
}
