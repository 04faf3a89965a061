package dev.mq.protocol.body;

/** Topic permission bits. */
public final class Permissions {

    public static final int PRIORITY = 8;
    public static final int READ = 4;
    public static final int WRITE = 2;
    /** The topic is a template new topics inherit from (TBW102). */
    public static final int INHERIT = 1;
    /** Read and write: an ordinary topic. */
    public static final int READ_WRITE = READ | WRITE;

    private Permissions() {
    }

    public static boolean readable(int perm) {
        return (perm & READ) != 0;
    }

    public static boolean writable(int perm) {
        return (perm & WRITE) != 0;
    }

    public static boolean inherits(int perm) {
        return (perm & INHERIT) != 0;
    }
}
