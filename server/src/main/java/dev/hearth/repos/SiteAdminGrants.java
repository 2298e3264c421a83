package dev.hearth.repos;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A site admin (acting as one) administers every repository, without any being theirs. */
final class SiteAdminGrants implements GrantSource {
    @Override
    public Map<Long, Permission> grants(Grantee who, List<Repository> repos) {
        if (!who.siteAdmin()) return Map.of();
        Map<Long, Permission> out = new HashMap<>();
        for (Repository r : repos) out.put(r.id(), Permission.ADMIN);
        return out;
    }

    @Override
    public ListFilter readable(Grantee who) {
        return who.siteAdmin() ? ListFilter.ALL : ListFilter.NONE;
    }

    @Override
    public boolean affiliates() {
        return false;
    }
}
