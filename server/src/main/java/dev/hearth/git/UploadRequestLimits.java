package dev.hearth.git;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.eclipse.jgit.errors.PackProtocolException;
import org.eclipse.jgit.transport.ServiceMayNotContinueException;

/**
 * Bounds what a client may send to {@code git-upload-pack} before JGit reads it: at most
 * {@link #MAX_HAVES} {@code have} lines and {@link #MAX_BYTES} bytes (after gzip, and before it),
 * counted over one HTTP request or one SSH session, so the CPU and memory one negotiation costs
 * are bounded. Everything a client sends upload-pack is pkt-lines (it never sends a pack), so the
 * stream is followed line by line; a malformed length is refused here, as the client's fault.
 *
 * <p>A refusal is a {@link ServiceMayNotContinueException}: JGit writes it as an {@code ERR}
 * pkt-line (git shows "remote error: ..."), and HTTP answers it with its status (413).
 */
final class UploadRequestLimits {
    /**
     * C git's client sends haves in growing windows (doubling up to 16,384 per stateless request,
     * then +10% a round) and gives up 256 haves after the last common one; a normal fetch stays far
     * below this. Two million haves cost 25 s of CPU; 65,536 cost a second or two.
     */
    static final int MAX_HAVES = 65_536;
    /**
     * A want or have line is 50 bytes: 16 MiB holds the haves above plus a want for each of
     * 200,000 refs, more than any repository Hearth is meant to host advertises.
     */
    static final long MAX_BYTES = 16L << 20;

    private UploadRequestLimits() {}

    /** The request body of one upload-pack exchange, gzip-decoded when {@code gzip}, with the limits applied. */
    static InputStream guard(InputStream raw, boolean gzip) throws IOException {
        return new PktLines(gzip ? new GZIPInputStream(new Capped(raw, "compressed "), 8192) : raw);
    }

    /** The client's side of an upload-pack session (SSH), with the limits applied. */
    static InputStream guard(InputStream raw) {
        return new PktLines(raw);
    }

    private static ServiceMayNotContinueException tooLarge(String what) {
        return new ServiceMayNotContinueException(what + "; Hearth stops here (fetch less at once, or with --depth)", 413);
    }

    /** Counts bytes; refuses past {@link #MAX_BYTES}. */
    private static class Capped extends FilterInputStream {
        private final String what;
        private boolean refused;
        long bytes;

        Capped(InputStream in, String what) {
            super(in);
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            // Once refused, the rest reads as the end: JGit drains what is left before it reports
            // the refusal, and must not meet a second, different complaint on the way.
            if (refused) return -1;
            try {
                int n;
                try {
                    n = super.read(b, off, len);
                } catch (EOFException | ZipException e) { // gzip cut short or corrupt: said as JGit says a bad request
                    throw new PackProtocolException("the request body ends early or does not decode (" + e.getMessage() + ")", e);
                }
                if (n < 0) ended();
                if (n > 0) {
                    bytes += n;
                    if (bytes > MAX_BYTES) throw tooLarge("the " + what + "request is larger than " + (MAX_BYTES >> 20) + " MiB");
                    seen(b, off, n);
                }
                return n;
            } catch (IOException e) {
                refused = true;
                throw e;
            }
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        @Override
        public long skip(long n) throws IOException {
            return Math.max(0, read(new byte[(int) Math.max(0, Math.min(n, 8192))]));
        }

        void seen(byte[] b, int off, int n) throws IOException {}

        void ended() throws IOException {}
    }

    /** Follows pkt-lines (4 hex digits of length, then the payload) and counts {@code have} lines. */
    private static final class PktLines extends Capped {
        private final byte[] header = new byte[4];
        private final byte[] prefix = new byte[5];
        private int headerAt;
        private int prefixAt;
        private int payloadLeft;
        private int haves;

        PktLines(InputStream in) {
            super(in, "");
        }

        @Override
        void seen(byte[] b, int off, int n) throws IOException {
            for (int i = off; i < off + n; i++) {
                byte c = b[i];
                if (payloadLeft == 0) {
                    header[headerAt++] = c;
                    if (headerAt < 4) continue;
                    headerAt = 0;
                    int len = length();
                    if (len == 0 || len == 1 || len == 2 || len == 4) continue; // flush, delim, response-end, empty
                    if (len < 4) throw new PackProtocolException("invalid pkt-line length " + new String(header, 0, 4,
                            java.nio.charset.StandardCharsets.US_ASCII));
                    payloadLeft = len - 4;
                    prefixAt = 0;
                } else {
                    if (prefixAt < prefix.length) {
                        prefix[prefixAt++] = c;
                        if (prefixAt == prefix.length && isHave() && ++haves > MAX_HAVES) {
                            throw tooLarge("more than " + MAX_HAVES + " 'have' lines in one negotiation");
                        }
                    }
                    payloadLeft--;
                }
            }
        }

        @Override
        void ended() throws PackProtocolException {
            if (headerAt != 0 || payloadLeft != 0) throw new PackProtocolException("the request body ends inside a pkt-line");
        }

        private int length() throws PackProtocolException {
            int len = 0;
            for (byte h : header) {
                int d = Character.digit(h, 16);
                if (d < 0) {
                    throw new PackProtocolException("invalid pkt-line length '"
                            + new String(header, 0, 4, java.nio.charset.StandardCharsets.ISO_8859_1)
                                    .replaceAll("[^\\x20-\\x7e]", "?") + "'");
                }
                len = len * 16 + d;
            }
            return len;
        }

        private boolean isHave() {
            return prefix[0] == 'h' && prefix[1] == 'a' && prefix[2] == 'v' && prefix[3] == 'e' && prefix[4] == ' ';
        }
    }
}
