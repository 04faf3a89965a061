package dev.mq.server.config;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StorePropertiesTest {

    private static boolean preallocates(Map<String, String> properties) {
        StoreProperties bound = new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("mq.store", Bindable.of(StoreProperties.class));
        return bound.toStoreConfig(Path.of("data"), new InetSocketAddress("127.0.0.1", 10911)).preallocateSegments();
    }

    @Test
    void segmentPreallocationFollowsTheFlushModeUnlessSet() {
        assertThat(preallocates(Map.of())).as("async by default: sparse segments").isFalse();
        assertThat(preallocates(Map.of("mq.store.flush", "sync"))).isTrue();
        assertThat(preallocates(Map.of("mq.store.flush", "sync", "mq.store.preallocate-segments", "false"))).isFalse();
        assertThat(preallocates(Map.of("mq.store.preallocate-segments", "true"))).isTrue();
    }
}
