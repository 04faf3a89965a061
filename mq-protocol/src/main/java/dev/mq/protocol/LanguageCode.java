package dev.mq.protocol;

/**
 * The implementation language a peer announces in every command header: by name in JSON
 * headers, by byte in ROCKETMQ binary headers. Informational only; nothing depends on it.
 */
public enum LanguageCode {
    /** Java (what this implementation always announces). */
    JAVA(0),
    /** C++. */
    CPP(1),
    /** .NET. */
    DOTNET(2),
    /** Python. */
    PYTHON(3),
    /** Delphi. */
    DELPHI(4),
    /** Erlang. */
    ERLANG(5),
    /** Ruby. */
    RUBY(6),
    /** Any other language; also what unknown names and bytes from newer peers are read as. */
    OTHER(7),
    /** HTTP gateway. */
    HTTP(8),
    /** Go. */
    GO(9),
    /** PHP. */
    PHP(10),
    /** OpenMessaging. */
    OMS(11),
    /** Rust. */
    RUST(12),
    /** Node.js (5.x peers only; 4.9 parsers do not know it). */
    NODE_JS(13);

    private static final LanguageCode[] BY_CODE = values();

    private final byte code;

    LanguageCode(int code) {
        this.code = (byte) code;
    }

    /** The byte used in ROCKETMQ binary headers. */
    public byte code() {
        return code;
    }

    /** The language with the given byte, or {@link #OTHER} for a byte no known language uses. */
    public static LanguageCode fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : OTHER;
    }

    /** The language with the given enum name, or {@link #OTHER} for a name no known language has. */
    public static LanguageCode fromName(String name) {
        for (LanguageCode language : BY_CODE) {
            if (language.name().equals(name)) {
                return language;
            }
        }
        return OTHER;
    }
}
