package dev.mq.store.layeringfixture;

/** Stands in for a class of another project module; used only by mq-protocol's layering test fixtures. */
public final class ForeignStoreType {

    /** A value to depend on. */
    public int size() {
        return 0;
    }
}
