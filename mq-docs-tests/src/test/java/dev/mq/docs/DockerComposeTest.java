package dev.mq.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The compose files parse, build from existing Dockerfiles and only set ports and variables the images bind. */
class DockerComposeTest {

    private static final Map<String, String> VARIABLES = Map.of("MQ_ADVERTISED_HOST", "192.0.2.10");

    @ParameterizedTest
    @ValueSource(strings = {"docker/docker-compose.yml", "docker/docker-compose.cluster.yml"})
    void buildContextsAndDockerfilesExist(String file) {
        ComposeFile compose = ComposeFile.parse(file, VARIABLES);
        compose.services().values().forEach(service -> {
            assertThat(service.context()).as("%s build.context", service.name()).isNotNull();
            var context = RepoFiles.resolve("docker").resolve(service.context()).normalize();
            assertThat(context.resolve("mvnw")).as("%s: context is the repository root", service.name())
                    .isRegularFile();
            assertThat(context.resolve(service.dockerfile())).as("%s build.dockerfile", service.name())
                    .isRegularFile();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker/docker-compose.yml", "docker/docker-compose.cluster.yml"})
    void everyEnvironmentVariableBindsAProperty(String file) {
        ComposeFile.parse(file, VARIABLES).services().values().forEach(service -> {
            ConfigurationMetadata metadata = metadataOf(service);
            service.environment().keySet().forEach(variable -> assertThat(
                    metadata.propertyForEnvironmentVariable(variable))
                    .as("%s in %s: a property of %s", variable, service.name(), metadata.module()).isPresent());
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker/docker-compose.yml", "docker/docker-compose.cluster.yml"})
    void everyPublishedPortIsOneTheServiceListensOn(String file) {
        ComposeFile.parse(file, VARIABLES).services().values().forEach(service -> assertThat(
                boundPorts(service)).as("ports %s listens on", service.name())
                .containsAll(service.containerPorts()));
    }

    @Test
    void brokersAdvertiseTheHostAddressWithTheirPublishedPort() {
        ComposeFile.parse("docker/docker-compose.cluster.yml", VARIABLES).services().values().stream()
                .filter(s -> s.environment().containsKey("MQ_BROKER_PORT")).forEach(broker -> {
                    String port = broker.environment().get("MQ_BROKER_PORT");
                    assertThat(broker.environment()).containsEntry("MQ_BROKER_ADVERTISED_ADDRESS",
                            "192.0.2.10:" + port);
                    assertThat(broker.containerPorts()).contains(Integer.parseInt(port));
                });
    }

    @Test
    void theAdvertisedHostMustBeGiven() {
        assertThatThrownBy(() -> ComposeFile.parse("docker/docker-compose.yml", Map.of()))
                .hasMessageContaining("MQ_ADVERTISED_HOST");
    }

    @Test
    void anUnknownVariableIsCaught() {
        ConfigurationMetadata server = ConfigurationMetadata.of("mq-server");
        assertThat(server.propertyForEnvironmentVariable("MQ_BROKER_PORTS")).isEmpty();
        assertThat(server.propertyForEnvironmentVariable("MQ_BROKER_ADVERTISED_ADDRESS")).isPresent();
        assertThat(server.propertyForEnvironmentVariable("MQ_BROKER_ADVERTISEDADDRESS")).isPresent();
    }

    static ConfigurationMetadata metadataOf(ComposeFile.Service service) {
        if (service.dockerfile().equals("docker/server/Dockerfile")) {
            return ConfigurationMetadata.of("mq-server");
        }
        if (service.dockerfile().equals("docker/console/Dockerfile")) {
            return ConfigurationMetadata.of("mq-console");
        }
        throw new IllegalArgumentException(service.name() + " builds an unknown image: " + service.dockerfile());
    }

    private static Set<Integer> boundPorts(ComposeFile.Service service) {
        ConfigurationMetadata metadata = metadataOf(service);
        Set<Integer> ports = new HashSet<>();
        ports.add(Integer.parseInt(metadata.applicationProperty("server.port").orElseThrow()));
        if (metadata.module().equals("mq-server")) {
            String roles = service.environment().getOrDefault("MQ_SERVER_ROLES",
                    metadata.property("mq.server.roles").orElseThrow().defaultValue());
            if (roles.contains("namesrv")) {
                ports.add(port(service, metadata, "mq.namesrv.port"));
            }
            if (roles.contains("broker")) {
                ports.add(port(service, metadata, "mq.broker.port"));
            }
        }
        return ports;
    }

    private static int port(ComposeFile.Service service, ConfigurationMetadata metadata, String property) {
        String variable = property.replace('.', '_').toUpperCase(java.util.Locale.ROOT);
        return Integer.parseInt(service.environment().getOrDefault(variable,
                metadata.property(property).orElseThrow().defaultValue()));
    }
}
