package dev.mq.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The properties one module binds: its {@code spring-configuration-metadata.json} from the configuration
 * processor (under {@code target/classes}) plus its own {@code application.properties}.
 */
final class ConfigurationMetadata {

    /** One bound property as the metadata describes it. */
    record Property(String name, String type, String defaultValue, String description) {
    }

    private final String module;
    private final List<Property> properties;
    private final Properties applicationProperties;

    private ConfigurationMetadata(String module, List<Property> properties, Properties applicationProperties) {
        this.module = module;
        this.properties = properties;
        this.applicationProperties = applicationProperties;
    }

    /** Loads {@code ../<module>/target/classes/META-INF/spring-configuration-metadata.json}. */
    static ConfigurationMetadata of(String module) {
        Path json = RepoFiles.resolve(module + "/target/classes/META-INF/spring-configuration-metadata.json");
        if (!Files.isRegularFile(json)) {
            throw new IllegalStateException("no configuration metadata at " + json
                    + "; build with: ./mvnw -q -o -B verify -pl mq-docs-tests -am");
        }
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        List<Property> properties = new ArrayList<>();
        for (JsonNode p : root.path("properties")) {
            properties.add(new Property(p.path("name").asString(), p.path("type").asString(""),
                    p.has("defaultValue") ? render(p.get("defaultValue")) : "",
                    javadocToMarkdown(p.path("description").asString(""))));
        }
        properties.sort(Comparator.comparing(Property::name));
        Properties application = new Properties();
        Path file = RepoFiles.resolve(module + "/src/main/resources/application.properties");
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                application.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return new ConfigurationMetadata(module, List.copyOf(properties), application);
    }

    private static String javadocToMarkdown(String text) {
        return text.replaceAll("\\s+", " ").replaceAll("\\{@code ([^}]*)}", "`$1`")
                .replaceAll("\\{@link ([^}]*)}", "`$1`").trim();
    }

    private static String render(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.asString()));
            return String.join(",", items);
        }
        return value.asString();
    }

    String module() {
        return module;
    }

    List<Property> properties() {
        return properties;
    }

    Optional<Property> property(String name) {
        return properties.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The property an environment variable binds to by Spring Boot's relaxed binding, if any. */
    Optional<Property> propertyForEnvironmentVariable(String variable) {
        return properties.stream().filter(p -> environmentVariablesOf(p.name()).contains(variable)).findFirst();
    }

    /** The value the module's own {@code application.properties} sets, if any. */
    Optional<String> applicationProperty(String name) {
        return Optional.ofNullable(applicationProperties.getProperty(name));
    }

    /**
     * The variables Spring Boot binds to a property: the canonical form ({@code mq.broker.advertised-address}
     * as {@code MQ_BROKER_ADVERTISEDADDRESS}) and the legacy one it also accepts, dashes as underscores
     * ({@code MQ_BROKER_ADVERTISED_ADDRESS}).
     */
    static Set<String> environmentVariablesOf(String property) {
        String upper = property.replace('.', '_').toUpperCase(Locale.ROOT);
        return new java.util.HashSet<>(List.of(upper.replace("-", ""), upper.replace('-', '_')));
    }
}
