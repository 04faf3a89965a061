package dev.mq.client.internal.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Admin answer bodies recorded from a real server, kept under {@code src/test/resources/admin}: from
 * Apache RocketMQ 5.5.0's broker and name server ({@code apache-5.5.0}), and from ours
 * ({@code mq-server}, made by {@code RecordServerBodiesTest} from the same scene: {@code ProbeTopic}
 * with 4 queues holding 4, 3, 3, 3 messages, {@code probe-cg} online with committed offsets 3, 3, 2, 2).
 */
enum RecordedBodies {

    APACHE("apache-5.5.0"),
    OURS("mq-server");

    private final String directory;

    RecordedBodies(String directory) {
        this.directory = directory;
    }

    /** The recorded body {@code name}.json, as bytes. */
    byte[] load(String name) {
        return loadFile(name + ".json");
    }

    /** A recorded file by its full name. */
    byte[] loadFile(String file) {
        String path = "/admin/" + directory + "/" + file;
        try (InputStream in = RecordedBodies.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
