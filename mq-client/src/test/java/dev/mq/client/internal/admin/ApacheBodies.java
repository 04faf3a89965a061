package dev.mq.client.internal.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Admin answer bodies recorded from a real Apache RocketMQ 5.5.0 broker and name server (the request
 * codes of {@code RequestCode}), kept under {@code src/test/resources/admin/apache-5.5.0}.
 */
final class ApacheBodies {

    private ApacheBodies() {
    }

    /** The recorded body {@code name}.json, as bytes. */
    static byte[] load(String name) {
        String path = "/admin/apache-5.5.0/" + name + ".json";
        try (InputStream in = ApacheBodies.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
