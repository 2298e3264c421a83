package dev.hearth.ui;

import java.util.List;

/** {@code /{owner}/{repo}/settings/branches}: protected branches and the form for one more, as typed. */
public record ProtectionPage(RepoHeader repo, List<Row> protections, String pattern, String pushers, FormErrors errors) {
    /** {@code pushers} is empty when anyone with write access may push. */
    public record Row(String pattern, boolean allowForcePushes, boolean allowDeletions, boolean enforceAdmins,
                      String pushers) {}
}
