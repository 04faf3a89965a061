package dev.mq.server.layeringfixture.broker.beta;

import dev.mq.server.layeringfixture.broker.FixtureWiring;
import dev.mq.server.layeringfixture.broker.alpha.AlphaFeature;

/**
 * Test fixture: the other half of the package cycle, and a feature class that reaches back into
 * the wiring package (see dev.mq.server.LayeringTest).
 */
public final class BetaFeature {

    public int size(AlphaFeature other, FixtureWiring wiring) {
        return other.hashCode() + wiring.hashCode();
    }
}
