package dev.mq.apache.harness;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classpath of the child JVMs: this module's own classes (for {@link ChildLauncher}), then the
 * jars of Apache RocketMQ's name server and broker as the build resolved them (with Apache's own
 * dependency versions) into the resource {@value #RESOURCE} next to this class.
 */
final class ApacheClasspath {

    static final String RESOURCE = "apache-rocketmq.classpath";

    private static List<Path> apacheJars;

    private ApacheClasspath() {
    }

    /** The Apache jars, each checked to exist; read from the resource once. */
    static synchronized List<Path> apacheJars() {
        if (apacheJars == null) {
            apacheJars = List.copyOf(read());
        }
        return apacheJars;
    }

    /** The whole classpath of a child JVM, in the platform's path syntax. */
    static String forChildJvm() {
        List<String> entries = new ArrayList<>();
        entries.add(harnessLocation().toString());
        apacheJars().forEach(jar -> entries.add(jar.toString()));
        return String.join(File.pathSeparator, entries);
    }

    private static List<Path> read() {
        String text;
        try (InputStream in = ApacheClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + RESOURCE + " is missing next to "
                        + ApacheClasspath.class.getName() + ": the Maven build of mq-apache-harness writes it"
                        + " (phase generate-resources); build the module with ./mvnw, not with the IDE alone");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        List<Path> jars = new ArrayList<>();
        for (String entry : text.split(File.pathSeparator)) {
            if (entry.isBlank()) {
                continue;
            }
            Path jar = Path.of(entry.strip());
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("the Apache RocketMQ classpath names " + jar
                        + ", which does not exist (was the local Maven repository cleaned?); build mq-apache-harness again");
            }
            jars.add(jar);
        }
        if (jars.isEmpty()) {
            throw new IllegalStateException("the resource " + RESOURCE + " lists no jars");
        }
        return jars;
    }

    private static Path harnessLocation() {
        try {
            return Path.of(ChildLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalStateException("cannot tell where the harness' own classes are", e);
        }
    }
}
