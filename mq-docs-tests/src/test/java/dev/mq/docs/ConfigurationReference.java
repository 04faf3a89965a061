package dev.mq.docs;

import java.util.List;

/** Writes docs/configuration.md from the configuration metadata of the server, the starter and the console. */
final class ConfigurationReference {

    static final String PAGE = "docs/configuration.md";
    static final String REGENERATE = "./mvnw -q -B verify -pl mq-docs-tests -am "
            + "-Dtest=ConfigurationReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Ddocs.regenerate=true";

    private static final List<String[]> MODULES = List.of(
            new String[] {"mq-server", "Server (`mq-server`)",
                    "Set as `--name=value`, as an environment variable (`mq.broker.port` is `MQ_BROKER_PORT`) or in "
                            + "`application.properties`. Its HTTP port (`server.port`, actuator) is `9880`."},
            new String[] {"mq-spring-boot-starter", "Spring Boot starter (`mq-spring-boot-starter`)",
                    "Set in the application's own configuration."},
            new String[] {"mq-console", "Console (`mq-console`)",
                    "Set as `--name=value` or environment variables. Its HTTP port (`server.port`) is `8082`."});

    private ConfigurationReference() {
    }

    static String render() {
        StringBuilder page = new StringBuilder();
        page.append("# Configuration reference\n\n")
                .append("<!-- Generated from the spring-configuration-metadata.json of each module; do not edit.\n")
                .append("     Regenerate with: ").append(REGENERATE).append(" -->\n\n")
                .append("Every property below is bound by the module named in its section, with its type and default as ")
                .append("the configuration processor records them. Durations are written like `30s` or `72h`, sizes ")
                .append("like `64KB` or `1GB`.\n");
        for (String[] module : MODULES) {
            page.append("\n## ").append(module[1]).append("\n\n").append(module[2]).append("\n\n")
                    .append("| Property | Type | Default | Description |\n|---|---|---|---|\n");
            for (ConfigurationMetadata.Property p : ConfigurationMetadata.of(module[0]).properties()) {
                page.append("| `").append(p.name()).append("` | `").append(shortType(p.type())).append("` | ")
                        .append(p.defaultValue().isEmpty() ? "" : "`" + p.defaultValue() + "`").append(" | ")
                        .append(cell(p.description())).append(" |\n");
            }
        }
        return page.toString();
    }

    private static String shortType(String type) {
        return type.replaceAll("[a-z][a-z0-9]*\\.", "").replace('$', '.').replace("|", "\\|");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
