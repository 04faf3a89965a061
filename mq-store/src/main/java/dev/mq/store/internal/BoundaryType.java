package dev.mq.store.internal;

/**
 * Which side of a timestamp {@link ConsumeQueue#offsetByTime(long, BoundaryType, StoreTimeLookup)}
 * resolves to.
 */
public enum BoundaryType {

    /** The smallest queue offset whose store time is at or after the timestamp. */
    LOWER,

    /** The largest queue offset whose store time is at or before the timestamp. */
    UPPER
}
