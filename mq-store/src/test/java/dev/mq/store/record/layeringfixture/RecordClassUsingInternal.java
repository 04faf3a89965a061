package dev.mq.store.record.layeringfixture;

import dev.mq.store.internal.FileNames;

/**
 * Test fixture: a class inside {@code dev.mq.store.record..} that calls into
 * {@code dev.mq.store.internal..}, which the layering rules forbid. Used only by
 * {@code dev.mq.store.LayeringTest} to prove that the rule reports it.
 */
public final class RecordClassUsingInternal {

    public String firstSegmentName() {
        return FileNames.offsetToName(0);
    }
}
