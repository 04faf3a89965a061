package dev.mq.store.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;

/**
 * The one place that releases a memory mapping explicitly instead of waiting for the garbage
 * collector. Uses {@code sun.misc.Unsafe.invokeCleaner} from the {@code jdk.unsupported} module.
 *
 * <p>After unmapping, any access through the buffer (or a slice of it) crashes the JVM, so callers
 * guarantee through reference counting ({@link MappedFile}) that nobody holds the mapping.
 */
final class Unmapper {

    private static final Object UNSAFE;
    private static final Method INVOKE_CLEANER;

    static {
        try {
            Class<?> unsafeClass = Class.forName("sun.misc.Unsafe");
            Field field = unsafeClass.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            UNSAFE = field.get(null);
            INVOKE_CLEANER = unsafeClass.getMethod("invokeCleaner", ByteBuffer.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Unmapper() {
    }

    static void unmap(ByteBuffer mapping) {
        try {
            INVOKE_CLEANER.invoke(UNSAFE, mapping);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not unmap a memory-mapped buffer", e);
        }
    }
}
