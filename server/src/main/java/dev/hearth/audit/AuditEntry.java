package dev.hearth.audit;

import java.time.Instant;
import java.util.Map;

/**
 * One security-relevant action: who (null when nobody signed in), what, on which target, with
 * details that never hold a secret, and from where (client address and request id).
 */
public record AuditEntry(long id, Instant at, Long actorId, String actorLogin, String action, String target,
                         Map<String, Object> details, String remoteAddr, String requestId) {}
