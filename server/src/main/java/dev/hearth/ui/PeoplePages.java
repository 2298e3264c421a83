package dev.hearth.ui;

import java.util.List;

/** The models of the pages about people and what they can see: home, explore, a user's page. */
public final class PeoplePages {
    private PeoplePages() {}

    /** A repository in a list. */
    public record RepoRow(String fullName, String href, String description, boolean isPrivate, String updated) {}

    /** Something that happened, in words: "alice pushed 2 commits to main". */
    public record ActivityRow(String actor, String actorHref, String text, String repo, String repoHref, String age,
                              String exact) {}

    /** The home page of a signed-in user. */
    public record Home(String login, List<RepoRow> repos, List<ActivityRow> activity) {}

    /** {@code /explore}, and the home page of a visitor. */
    public record Explore(List<RepoRow> repos) {}

    /** {@code /{login}}. */
    public record User(String login, String joined, List<RepoRow> repos, boolean self) {}
}
