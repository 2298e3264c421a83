package dev.hearth.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.activity.Activity;
import java.nio.charset.StandardCharsets;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;

/**
 * Events of refs that moved can always be built: a commit stored before unrepresentable dates
 * were refused (author date past Java's {@code Instant.MAX}) summarises without throwing.
 */
class PushActivitiesTest {
    @Test
    void aCommitWithADatePastInstantMaxStillSummarises() {
        String raw = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n"
                + "author A U Thor <a@example.com> 31556889864403200 +0000\n"
                + "committer C O Mitter <c@example.com> 31556889864403200 +0000\n\nfar future\n";
        RevCommit c = RevCommit.parse(raw.getBytes(StandardCharsets.UTF_8));
        Activity.CommitSummary s = PushActivities.summary(c);
        assertThat(s.message()).isEqualTo("far future\n");
        assertThat(s.author().name()).isEmpty();
    }
}
