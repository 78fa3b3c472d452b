package dev.voicegate.audiohook.bench;

import java.io.IOException;
import java.net.URI;

/**
 * The server {@link AudioHookLoad} drives: its own {@link ServerProcess} (the default) or any server at a
 * URL ({@link RemoteTarget}). Stats are {@link KeyValues} with the keys of {@link ServerProbe}; a target
 * sends only the figures it can know, and the report prints {@code n/a} for the others.
 */
interface Target extends AutoCloseable {

    /** The WebSocket URL sessions connect to. */
    URI uri();

    /** One line for the report: what and where the server is. */
    String describe();

    KeyValues stats() throws IOException, InterruptedException;

    /** Stats after a full GC of the server JVM where the target can ask for one. */
    KeyValues statsAfterGc() throws IOException, InterruptedException;

    @Override
    void close();
}
