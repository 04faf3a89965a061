package dev.mq.server.broker.pull;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TagFilterTest {

    @Test
    void starAndBlankMatchEverything() {
        assertThat(TagFilter.parse("*")).isNull();
        assertThat(TagFilter.parse(" ")).isNull();
        assertThat(TagFilter.parse(null)).isNull();
    }

    @Test
    void alternativesMatchTheirTagsOnly() {
        var filter = TagFilter.parse("TagA || TagB");
        assertThat(filter.matches("TagA".hashCode())).isTrue();
        assertThat(filter.matches("TagB".hashCode())).isTrue();
        assertThat(filter.matches("TagC".hashCode())).isFalse();
        assertThat(filter.matches(0)).isFalse();
    }
}
