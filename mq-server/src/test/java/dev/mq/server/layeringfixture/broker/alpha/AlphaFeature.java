package dev.mq.server.layeringfixture.broker.alpha;

import dev.mq.server.layeringfixture.broker.beta.BetaFeature;

/** Test fixture: one half of a package cycle between two feature packages (see dev.mq.server.LayeringTest). */
public final class AlphaFeature {

    public int size(BetaFeature other) {
        return other.hashCode();
    }
}
