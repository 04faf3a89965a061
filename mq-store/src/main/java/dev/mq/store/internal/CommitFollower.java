package dev.mq.store.internal;

/**
 * Follows what the commit-log writer publishes (the {@link Dispatcher}). {@link #committed} is
 * called by whichever thread holds the writer role, while it holds it; {@link #catchUp} on that
 * thread or, for a write task, later on the task's executor.
 */
public interface CommitFollower {

    /**
     * New bytes were published. Returns true when the follower would rather have the writer's
     * thread catch it up ({@link #catchUp}) once the writer has completed the appends of this
     * write, than be woken now.
     */
    boolean committed();

    /** Catches up with what was published, on the writer's thread; called after {@link #committed} returned true. */
    void catchUp();
}
