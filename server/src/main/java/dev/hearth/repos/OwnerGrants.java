package dev.hearth.repos;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The owner of a repository administers it. */
final class OwnerGrants implements GrantSource {
    @Override
    public Map<Long, Permission> grants(Grantee who, List<Repository> repos) {
        Map<Long, Permission> out = new HashMap<>();
        for (Repository r : repos) if (r.ownerId() == who.userId()) out.put(r.id(), Permission.ADMIN);
        return out;
    }

    @Override
    public ListFilter readable(Grantee who) {
        return new ListFilter("r.owner_id = :owner_user", Map.of("owner_user", who.userId()));
    }
}
