package dev.mq.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.Yaml;

/** A docker compose file read with SnakeYAML, with {@code ${VAR}}, {@code ${VAR:-x}} and {@code ${VAR:?msg}} filled in. */
final class ComposeFile {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::([-?])([^}]*))?}");

    /** One service: where its image is built from, its environment and the container ports it publishes. */
    record Service(String name, String context, String dockerfile, Map<String, String> environment,
            List<Integer> containerPorts) {
    }

    private final Map<String, Service> services;

    private ComposeFile(Map<String, Service> services) {
        this.services = services;
    }

    /** Parses a compose file of this repository, filling variables from {@code variables}. */
    @SuppressWarnings("unchecked")
    static ComposeFile parse(String relativePath, Map<String, String> variables) {
        String text = substitute(RepoFiles.read(relativePath), variables);
        Map<String, Object> root = new Yaml().load(text);
        Map<String, Object> services = (Map<String, Object>) root.get("services");
        if (services == null || services.isEmpty()) {
            throw new IllegalArgumentException(relativePath + " has no services");
        }
        Map<String, Service> result = new LinkedHashMap<>();
        services.forEach((name, value) -> {
            Map<String, Object> service = (Map<String, Object>) value;
            Map<String, Object> build = (Map<String, Object>) service.getOrDefault("build", Map.of());
            Map<String, Object> env = (Map<String, Object>) service.getOrDefault("environment", Map.of());
            Map<String, String> environment = new LinkedHashMap<>();
            env.forEach((k, v) -> environment.put(k, String.valueOf(v)));
            List<Integer> ports = new ArrayList<>();
            for (Object port : (List<Object>) service.getOrDefault("ports", List.of())) {
                String mapping = String.valueOf(port);
                ports.add(Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1)));
            }
            result.put(name, new Service(name, (String) build.get("context"), (String) build.get("dockerfile"),
                    environment, ports));
        });
        return new ComposeFile(result);
    }

    static String substitute(String text, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                if ("?".equals(m.group(2))) {
                    throw new IllegalArgumentException("variable " + m.group(1) + " is required: " + m.group(3));
                }
                value = "-".equals(m.group(2)) ? m.group(3) : "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    Map<String, Service> services() {
        return services;
    }
}
