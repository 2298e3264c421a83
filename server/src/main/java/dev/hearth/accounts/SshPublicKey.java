package dev.hearth.accounts;

import dev.hearth.error.HearthException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * A user's SSH public key that Hearth accepts: ed25519, ECDSA on the NIST curves, or RSA of
 * 2048 to 16384 bits. Parsing (MINA SSHD's) happens once, in {@link #parse}; once you hold one,
 * it is valid. The text is normalized to {@code "type base64"}, and the fingerprint is
 * OpenSSH's {@code SHA256:...}, as {@code ssh-keygen -l} prints it.
 *
 * @param comment the comment that followed the key, or empty; it is not part of the key
 */
public record SshPublicKey(String type, String text, String fingerprint, String comment) {
    static final int MAX_TEXT = 16 * 1024;
    static final int MIN_RSA_BITS = 2048;
    // Larger RSA keys only make every signature check slower; ssh-keygen stops here too.
    static final int MAX_RSA_BITS = 16384;
    private static final String RSA = "ssh-rsa";
    private static final Set<String> TYPES = Set.of("ssh-ed25519", RSA,
            "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521");
    private static final String EXPECTED = "is not an OpenSSH public key (expected one line such as "
            + "'ssh-ed25519 AAAAC3Nza... you@host', as in ~/.ssh/id_ed25519.pub)";

    /** Parses one line of an authorized_keys file; 422 on the {@code key} field for anything else. */
    public static SshPublicKey parse(String text) {
        if (text == null || text.isBlank()) throw HearthException.invalid("key", "must not be empty");
        String line = text.strip();
        if (line.length() > MAX_TEXT) throw HearthException.invalid("key", "is longer than " + MAX_TEXT + " characters");
        if (line.contains("\n") || line.contains("\r")) {
            throw HearthException.invalid("key", "must be a single key on one line");
        }
        AuthorizedKeyEntry entry;
        PublicKey key;
        try {
            entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(line);
            if (entry == null) throw HearthException.invalid("key", EXPECTED);
            if (!entry.getLoginOptions().isEmpty()) {
                throw HearthException.invalid("key", "must be a plain public key; authorized_keys options such as "
                        + entry.getLoginOptions().keySet().iterator().next() + "= are not supported");
            }
            if (!TYPES.contains(entry.getKeyType())) throw unsupported(entry.getKeyType());
            key = entry.resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.FAILING);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            throw HearthException.invalid("key", EXPECTED);
        }
        if (key == null || !entry.getKeyType().equals(KeyUtils.getKeyType(key))) throw HearthException.invalid("key", EXPECTED);
        if (entry.getKeyType().equals(RSA)) {
            int bits = KeyUtils.getKeySize(key);
            if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
                throw HearthException.invalid("key", "RSA keys need " + MIN_RSA_BITS + " to " + MAX_RSA_BITS
                        + " bits; this one has " + bits + " (ssh-keygen -t ed25519 makes a better key)");
            }
        }
        String comment = entry.getComment() == null ? "" : entry.getComment().strip();
        return new SshPublicKey(entry.getKeyType(), PublicKeyEntry.toString(key), fingerprint(key), comment);
    }

    /**
     * The fingerprint of a key a client offers, computed exactly as for a registered one; empty
     * for a kind of key Hearth never registers (certificates, security keys, DSA).
     */
    public static Optional<String> fingerprintOf(PublicKey offered) {
        if (offered == null || !TYPES.contains(KeyUtils.getKeyType(offered))) return Optional.empty();
        return Optional.of(fingerprint(offered));
    }

    /** The normalized text of an offered key, to compare with the stored one. */
    static String textOf(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }

    private static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    private static HearthException unsupported(String type) {
        String what = type.equals("ssh-dss") ? "DSA keys are too weak and no longer accepted"
                : "'" + type + "' keys are not accepted";
        return HearthException.invalid("key", what + "; use ed25519 (ssh-keygen -t ed25519), ECDSA or RSA of "
                + MIN_RSA_BITS + " bits or more");
    }
}
