package dev.mq.protocol;

/**
 * How the header of a frame is encoded; the value travels in the top byte of the header word.
 */
public enum SerializeType {

    /** UTF-8 JSON object header (the default of Apache clients and servers). */
    JSON(0),

    /** The compact ROCKETMQ binary header. */
    ROCKETMQ(1);

    private final int code;

    SerializeType(int code) {
        this.code = code;
    }

    /** The code carried in bits 31..24 of the header word. */
    public int code() {
        return code;
    }

    /**
     * The serialize type with the given wire code.
     *
     * @throws IllegalArgumentException if no type has this code
     */
    public static SerializeType valueOf(int code) {
        SerializeType type = fromCode(code);
        if (type == null) {
            throw new IllegalArgumentException("unknown serialize type code " + code);
        }
        return type;
    }

    /** The serialize type with the given wire code, or {@code null} if none has it. */
    static SerializeType fromCode(int code) {
        return switch (code) {
            case 0 -> JSON;
            case 1 -> ROCKETMQ;
            default -> null;
        };
    }
}
