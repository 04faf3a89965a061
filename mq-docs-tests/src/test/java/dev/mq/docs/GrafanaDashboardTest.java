package dev.mq.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.ObjectMapper;

/** The sample dashboard parses and queries only metrics the server registers (ServerMetrics). */
class GrafanaDashboardTest {

    @Test
    void queriesOnlyMetricsTheServerExports() {
        String dashboard = RepoFiles.read("docs/grafana/mq-dashboard.json");
        assertThat(new ObjectMapper().readTree(dashboard).path("panels").size()).isPositive();
        Set<String> registered = new HashSet<>();
        Matcher source = Pattern.compile("builder\\(\"(mq\\.[a-z.]+)\"")
                .matcher(RepoFiles.read("mq-server/src/main/java/dev/mq/server/ServerMetrics.java"));
        while (source.find()) {
            registered.add(source.group(1));
        }
        assertThat(registered).isNotEmpty();
        Matcher used = Pattern.compile("\\bmq_[a-z_]+").matcher(dashboard);
        Set<String> queried = new HashSet<>();
        while (used.find()) {
            queried.add(used.group());
        }
        assertThat(queried).isNotEmpty();
        queried.forEach(name -> assertThat(registered).as("%s is exported", name)
                .contains(name.replaceAll("_(total|messages)$", "").replace('_', '.')));
    }
}
