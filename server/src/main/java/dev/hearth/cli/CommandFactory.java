package dev.hearth.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Builds commands by constructor: the remote ones get the {@link Remote} they work through. */
final class CommandFactory implements CommandLine.IFactory {
    private final Remote remote;

    CommandFactory(Remote remote) {
        this.remote = remote;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        try {
            Constructor<K> withRemote = cls.getDeclaredConstructor(Remote.class);
            return withRemote.newInstance(remote);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
