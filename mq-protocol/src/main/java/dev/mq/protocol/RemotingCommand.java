package dev.mq.protocol;

import io.netty.buffer.ByteBuf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request or response of the remoting protocol: the header fields of
 * {@code remoting-protocol.md} section 1.3, the custom header as {@linkplain #extFields() ext fields},
 * and an optional body.
 *
 * <p>A command is a mutable value owned by one thread at a time; it is not thread-safe.
 *
 * <p>The body is either a {@code byte[]} ({@link #body()}; what decoding produces) or a Netty
 * {@link ByteBuf} ({@link #bodyBuffer()}): for outbound commands one that is written without
 * copying, for responses to {@link RemotingClient#invokeAsyncRetainingBody} a retained slice of the
 * received frame. If both are set the buffer wins. A body buffer is one reference owned by the
 * command: {@link FrameEncoder} releases an outbound one once the frame is written (or fails to be),
 * so a command carrying a body buffer is meant to be sent exactly once; whoever receives a response
 * with one must release it ({@link #releaseBodyBuffer()}) once done with its bytes.
 */
public final class RemotingCommand {

    /** Flag bit 0: the command is a response. */
    public static final int RESPONSE_FLAG = 1;

    /** Flag bit 1: the request is oneway; no response is sent. */
    public static final int ONEWAY_FLAG = 2;

    /** The version this implementation stamps into outbound commands: MQVersion V5_3_3. */
    public static final int CURRENT_VERSION = 479;

    private int code;
    private LanguageCode language = LanguageCode.JAVA;
    private int version = CURRENT_VERSION;
    private int opaque;
    private int flag;
    private String remark;
    private final Map<String, String> extFields;
    private byte[] body;
    private ByteBuf bodyBuffer;
    private SerializeType serializeType = SerializeType.JSON;

    /** Creates an empty request (code 0, JSON, language JAVA, version {@link #CURRENT_VERSION}). */
    public RemotingCommand() {
        this.extFields = new LinkedHashMap<>();
    }

    /**
     * An empty command whose ext-field table takes {@code expectedExtFields} without a resize (a
     * decoded send header has 14; the table is only allocated at the first field).
     */
    RemotingCommand(int expectedExtFields) {
        this.extFields = new LinkedHashMap<>((int) Math.ceil(expectedExtFields / 0.75));
    }

    // ---- factories ----

    /** A new request with the given request code. */
    public static RemotingCommand request(int code) {
        RemotingCommand command = new RemotingCommand();
        command.code = code;
        return command;
    }

    /** A new response with the given response code and remark (may be {@code null}). */
    public static RemotingCommand response(int code, String remark) {
        RemotingCommand command = new RemotingCommand();
        command.code = code;
        command.remark = remark;
        command.markResponse();
        return command;
    }

    /**
     * A new response to {@code request}: same opaque and serialize type as the request, response
     * flag set.
     */
    public static RemotingCommand responseTo(RemotingCommand request, int code, String remark) {
        RemotingCommand response = response(code, remark);
        response.opaque = request.opaque;
        response.serializeType = request.serializeType;
        return response;
    }

    // ---- flags ----

    /** Whether the response flag is set. */
    public boolean isResponse() {
        return (flag & RESPONSE_FLAG) != 0;
    }

    /** Whether the oneway flag is set (meaningful for requests only). */
    public boolean isOneway() {
        return (flag & ONEWAY_FLAG) != 0;
    }

    /** Sets the oneway flag. */
    public RemotingCommand markOneway() {
        flag |= ONEWAY_FLAG;
        return this;
    }

    /** Sets the response flag. */
    public RemotingCommand markResponse() {
        flag |= RESPONSE_FLAG;
        return this;
    }

    // ---- ext fields ----

    /** The value of an ext field, or {@code null} if absent. */
    public String ext(String name) {
        return extFields.get(name);
    }

    /**
     * Sets an ext field to {@code String.valueOf(value)}; a {@code null} value is ignored (absent
     * fields are how the protocol expresses {@code null}).
     */
    public RemotingCommand putExt(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (value != null) {
            extFields.put(name, String.valueOf(value));
        }
        return this;
    }

    /**
     * An ext field as an {@code Integer}, or {@code null} if absent.
     *
     * @throws RemotingCommandException if present but not a decimal int
     */
    public Integer extInt(String name) {
        String value = extFields.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new RemotingCommandException(fieldDescription(name) + " is not an int: '" + value + "'", e);
        }
    }

    /**
     * An ext field as a {@code Long}, or {@code null} if absent.
     *
     * @throws RemotingCommandException if present but not a decimal long
     */
    public Long extLong(String name) {
        String value = extFields.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new RemotingCommandException(fieldDescription(name) + " is not a long: '" + value + "'", e);
        }
    }

    /**
     * An ext field as a {@code Boolean}, or {@code null} if absent. Like Apache peers, any value
     * other than {@code true} (ignoring case) reads as {@code false}.
     */
    public Boolean extBoolean(String name) {
        String value = extFields.get(name);
        return value == null ? null : Boolean.valueOf(value.trim());
    }

    /**
     * An ext field that must be present.
     *
     * @throws RemotingCommandException "missing header field 'x' in request code N" if absent
     */
    public String requireExt(String name) {
        String value = extFields.get(name);
        if (value == null) {
            throw new RemotingCommandException("missing " + fieldDescription(name));
        }
        return value;
    }

    /**
     * An int ext field that must be present.
     *
     * @throws RemotingCommandException if absent or not a decimal int
     */
    public int requireExtInt(String name) {
        requireExt(name);
        return extInt(name);
    }

    /**
     * A long ext field that must be present.
     *
     * @throws RemotingCommandException if absent or not a decimal long
     */
    public long requireExtLong(String name) {
        requireExt(name);
        return extLong(name);
    }

    private String fieldDescription(String name) {
        return "header field '" + name + "' in " + (isResponse() ? "response" : "request") + " code " + code;
    }

    // ---- accessors ----

    /** The request code (requests) or response code (responses). */
    public int code() {
        return code;
    }


    /** Sets the request or response code. */
    public RemotingCommand setCode(int code) {
        this.code = code;
        return this;
    }

    /** The sender's language as the enum name, e.g. {@code "JAVA"}. */
    public String language() {
        return language.name();
    }


    /** The sender's language. */
    public LanguageCode languageCode() {
        return language;
    }

    /** Sets the language by enum name; names no known language has are read as {@link LanguageCode#OTHER}. */
    public RemotingCommand setLanguage(String name) {
        this.language = LanguageCode.fromName(Objects.requireNonNull(name, "name"));
        return this;
    }

    /** Sets the language. */
    public RemotingCommand setLanguage(LanguageCode language) {
        this.language = Objects.requireNonNull(language, "language");
        return this;
    }

    /** The sender's MQVersion ordinal. */
    public int version() {
        return version;
    }


    /** Sets the MQVersion ordinal. */
    public RemotingCommand setVersion(int version) {
        this.version = version;
        return this;
    }

    /** The request id; a response carries its request's value. */
    public int opaque() {
        return opaque;
    }


    /** Sets the request id. */
    public RemotingCommand setOpaque(int opaque) {
        this.opaque = opaque;
        return this;
    }

    /** The flag word ({@link #RESPONSE_FLAG}, {@link #ONEWAY_FLAG}). */
    public int flag() {
        return flag;
    }


    /** Sets the whole flag word. */
    public RemotingCommand setFlag(int flag) {
        this.flag = flag;
        return this;
    }

    /** The error or info text, or {@code null}. */
    public String remark() {
        return remark;
    }


    /** Sets the error or info text. */
    public RemotingCommand setRemark(String remark) {
        this.remark = remark;
        return this;
    }

    /** The custom header, live and mutable, in insertion order; never {@code null}. */
    public Map<String, String> extFields() {
        return extFields;
    }


    /** Replaces all ext fields by a copy of {@code fields} ({@code null} clears them; null values are skipped). */
    public RemotingCommand setExtFields(Map<String, String> fields) {
        extFields.clear();
        if (fields != null) {
            fields.forEach(this::putExt);
        }
        return this;
    }

    /** The body as bytes, or {@code null} (also {@code null} for an empty body on decoded commands). */
    public byte[] body() {
        return body;
    }

    /** Sets the body bytes (not copied). */
    public RemotingCommand setBody(byte[] body) {
        this.body = body;
        return this;
    }

    /** The outbound body buffer, or {@code null}. */
    public ByteBuf bodyBuffer() {
        return bodyBuffer;
    }


    /**
     * Sets an outbound body buffer, handing one reference of it to this command; its readable bytes
     * are the body. It takes precedence over {@link #body()}, and is released by the encoder.
     */
    public RemotingCommand setBodyBuffer(ByteBuf bodyBuffer) {
        this.bodyBuffer = bodyBuffer;
        return this;
    }

    /**
     * Releases and forgets the body buffer, if any; idempotent. Afterwards {@link #bodyView()} no
     * longer sees the buffer's bytes.
     */
    public void releaseBodyBuffer() {
        ByteBuf buffer = bodyBuffer;
        bodyBuffer = null;
        if (buffer != null && buffer.refCnt() > 0) {
            buffer.release();
        }
    }

    /**
     * The body's bytes, wherever they are, as a big-endian buffer from index 0 to its limit, without
     * copying them when possible: the body buffer's bytes if set (valid only until it is
     * {@linkplain #releaseBodyBuffer() released}), else the byte array wrapped; null when there is
     * no body. The returned buffer's position and limit may be changed freely; its bytes must not.
     */
    public ByteBuffer bodyView() {
        if (bodyBuffer != null) {
            return bodyBuffer.nioBuffer().order(ByteOrder.BIG_ENDIAN);
        }
        return body == null ? null : ByteBuffer.wrap(body);
    }

    /** Number of body bytes: of the body buffer if set, else of the byte array. */
    public int bodyLength() {
        if (bodyBuffer != null) {
            return bodyBuffer.readableBytes();
        }
        return body == null ? 0 : body.length;
    }

    /** The header encoding: how this command was received, or how it will be sent. */
    public SerializeType serializeType() {
        return serializeType;
    }


    /** Sets the header encoding for sending. */
    public RemotingCommand setSerializeType(SerializeType serializeType) {
        this.serializeType = Objects.requireNonNull(serializeType, "serializeType");
        return this;
    }

    /** A one-line description for logs: header fields and body length, not the body. */
    @Override
    public String toString() {
        return "RemotingCommand[" + (isResponse() ? "response" : "request")
                + " code=" + code
                + ", opaque=" + opaque
                + ", flag=" + flag
                + ", language=" + language
                + ", version=" + version
                + ", serializeType=" + serializeType
                + (remark == null ? "" : ", remark=" + remark)
                + ", extFields=" + extFields
                + ", bodyLength=" + bodyLength()
                + "]";
    }
}
