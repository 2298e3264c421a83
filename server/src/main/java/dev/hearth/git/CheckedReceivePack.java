package dev.hearth.git;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.eclipse.jgit.errors.CorruptObjectException;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.PackProtocolException;
import org.eclipse.jgit.errors.TooLargeObjectInPackException;
import org.eclipse.jgit.errors.TooLargePackException;
import org.eclipse.jgit.internal.submodule.SubmoduleValidator.SubmoduleValidationException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.PacketLineIn.InputOverLimitIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JGit's {@link ReceivePack} with the checks that need the whole pack ({@link ObjectRules}: the
 * {@code .gitmodules} and {@code .gitattributes} blobs, tree depth, tag types), run after JGit's
 * own (object format through {@link SafeObjectChecker}, connectivity), and two guarantees on a
 * refused pack:
 * <ul>
 *   <li><b>what it brought is dropped</b>, as C git's quarantine does: JGit writes a received pack
 *       straight into {@code objects/pack}, held by a {@code .keep} file until the push ends; this
 *       class makes that file's message unique to the push, finds the pack by it and deletes it
 *       when the pack is refused (while the {@code .keep} holds it, so no repack can have taken it
 *       in; JGit deletes the {@code .keep} as always). A pack already present is never written again, so only this push's pack goes;</li>
 *   <li><b>no internal exception text reaches the client</b>: JGit sends the message of whatever
 *       the unpack step throws as "unpack error …"; this class lets through only the messages
 *       written for the pusher (malformed or refused objects, missing objects, limits) and
 *       replaces any other with a generic one naming the request id, under which the log has it.</li>
 * </ul>
 */
final class CheckedReceivePack extends ReceivePack {
    private static final Logger LOG = LoggerFactory.getLogger(CheckedReceivePack.class);

    private final SafeObjectChecker checker;
    private final ObjectRules rules;
    private final String requestId;
    /** Written into the received pack's {@code .keep} file (through the ident JGit puts there), to find it again. */
    private final String lockToken = "hearth-receive-" + UUID.randomUUID();
    private boolean receiving;

    CheckedReceivePack(Repository db, SafeObjectChecker checker, ObjectRules rules, String requestId) {
        super(db);
        this.checker = checker;
        this.rules = rules;
        this.requestId = requestId == null || requestId.isEmpty() ? UUID.randomUUID().toString() : requestId;
        setObjectChecker(checker);
    }

    /** While the pack arrives, JGit writes this ident into its {@code .keep} file; at any other time it is the pusher's. */
    @Override
    public PersonIdent getRefLogIdent() {
        PersonIdent ident = super.getRefLogIdent();
        if (!receiving || ident == null) return ident;
        return new PersonIdent(ident.getName() + " " + lockToken, ident.getEmailAddress(), ident.getWhenAsInstant(),
                ident.getZoneId());
    }

    @Override
    protected void receivePackAndCheckConnectivity() throws IOException, LargeObjectException, SubmoduleValidationException {
        try {
            receiving = true;
            try {
                super.receivePackAndCheckConnectivity();
            } finally {
                receiving = false;
            }
            try (ObjectReader reader = getRepository().newObjectReader()) {
                rules.checkReceived(reader, checker, newIds());
            }
        } catch (CorruptObjectException | MissingObjectException | PackProtocolException | TooLargePackException
                 | TooLargeObjectInPackException | InputOverLimitIOException | EOFException | SubmoduleValidationException e) {
            dropReceivedPack();
            throw e;
        } catch (IOException | RuntimeException | Error e) {
            dropReceivedPack();
            if (e instanceof VirtualMachineError vm && !(vm instanceof StackOverflowError)) throw vm;
            // A clearer reason may be found by Hearth's own checks (JGit's connectivity walk can
            // fail with a ClassCastException on a tag that names the wrong type).
            try (ObjectReader reader = getRepository().newObjectReader()) {
                rules.checkReceived(reader, checker, newIds());
            } catch (CorruptObjectException clear) {
                LOG.info("Push refused: {} (JGit failed first with {})", clear.getMessage(), e.toString());
                throw clear;
            } catch (IOException | RuntimeException ignored) {
                // no clearer reason; the generic one below
            }
            LOG.error("Receiving a pack failed (request {})", requestId, e);
            throw new IOException("internal error while checking the pack; the server log has the details under request id "
                    + requestId);
        }
    }

    private List<ObjectId> newIds() {
        return getAllCommands().stream().map(ReceiveCommand::getNewId).filter(Objects::nonNull).toList();
    }

    /** Deletes the pack this push wrote, found by the token in its {@code .keep} file; nothing if it wrote none. */
    private void dropReceivedPack() {
        Path packs = getRepository().getObjectDatabase() instanceof org.eclipse.jgit.internal.storage.file.ObjectDirectory dir
                ? dir.getDirectory().toPath().resolve("pack") : null;
        if (packs == null || !Files.isDirectory(packs)) return;
        try (DirectoryStream<Path> keeps = Files.newDirectoryStream(packs, "pack-*.keep")) {
            for (Path keep : keeps) {
                String message;
                try {
                    message = Files.readString(keep, StandardCharsets.UTF_8);
                } catch (NoSuchFileException gone) {
                    continue;
                }
                if (!message.contains(lockToken)) continue;
                String file = keep.getFileName().toString();
                String base = file.substring(0, file.length() - ".keep".length());
                List<Path> parts = new ArrayList<>();
                try (DirectoryStream<Path> siblings = Files.newDirectoryStream(packs, base + ".*")) {
                    for (Path p : siblings) if (!p.equals(keep)) parts.add(p);
                }
                // The index first: without it the pack is invisible to readers.
                parts.sort((a, b) -> Boolean.compare(!a.toString().endsWith(".idx"), !b.toString().endsWith(".idx")));
                for (Path p : parts) Files.deleteIfExists(p);
                // The .keep itself JGit deletes as the push ends (and fails if it is gone already).
                LOG.info("Dropped {} of a refused push", base);
            }
        } catch (IOException e) {
            LOG.warn("Could not drop the pack of a refused push in {}: {}", packs, e.toString());
        }
    }
}
