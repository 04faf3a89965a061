package dev.mq.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The hand-written JSON header codec against the Jackson one it replaced ({@link JacksonHeaderReference}):
 * the writer's bytes must be identical, and the reader must decode whatever Jackson decoded the same
 * way and reject whatever Jackson rejected.
 */
class JsonHeaderOracleProperties {

    // ---- writer ----

    @Property(tries = 1000)
    void writerOutputIsByteIdenticalToJacksons(@ForAll("commands") RemotingCommand command,
                                               @ForAll boolean direct, @ForAll @IntRange(max = 300) int capacity) {
        ByteBuf ours = direct ? Unpooled.directBuffer(capacity) : Unpooled.buffer(capacity);
        try {
            JsonHeaderWriter.write(command, ours);

            assertThat(ByteBufUtil.getBytes(ours)).isEqualTo(jacksonBytes(command));
        } finally {
            ours.release();
        }
    }

    // ---- reader ----

    @Property(tries = 1000)
    void readerDecodesJacksonOutputAsJacksonDoes(@ForAll("commands") RemotingCommand command) {
        byte[] header = jacksonBytes(command);

        assertSameAsJackson(header);
        assertDecodesAlike(ourRead(header), command);
    }

    @Property(tries = 1000)
    void readerDecodesValidVariantsAsJacksonDoes(@ForAll("commands") RemotingCommand command, @ForAll long seed) {
        String header = new JsonVariants(new Random(seed)).header(command);

        assertSameAsJackson(header.getBytes(StandardCharsets.UTF_8));
        assertThat(ourRead(header.getBytes(StandardCharsets.UTF_8))).as(header).isNotNull();
    }

    @net.jqwik.api.Example
    void extFieldNamesThatBeginWithABackslashAreEscapedInEveryVariant() {
        // found by readerDecodesValidVariantsAsJacksonDoes: the generator once wrote such a name raw
        RemotingCommand command = RemotingCommand.request(0).setExtFields(java.util.Map.of("\\u", "", "\\x", "v"));
        for (long seed = 0; seed < 200; seed++) {
            String header = new JsonVariants(new Random(seed)).header(command);

            assertSameAsJackson(header.getBytes(StandardCharsets.UTF_8));
            assertThat(ourRead(header.getBytes(StandardCharsets.UTF_8)).extFields()).as(header)
                    .containsEntry("\\u", "").containsEntry("\\x", "v");
        }
    }

    @net.jqwik.api.Example
    void overlongFourByteUtf8IsDecodedAsJacksonDecodesItInNamesAndInValues() {
        // found by readerAcceptsAndRejectsAsJacksonDoesOnDamagedHeaders: F0 80 80 81, an overlong
        // (invalid) spelling of U+0001, in an ext field name. Jackson decodes such a sequence below
        // U+10000 to a different high char in a name than in a value; we used its value arithmetic for both.
        byte[] minimal = {'{', '"', 'e', 'x', 't', 'F', 'i', 'e', 'l', 'd', 's', '"', ':', '{',
            '"', (byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x81, '"', ':', '"', '"', '}', '}'};
        assertSameAsJackson(minimal);

        // every overlong 4-byte form's second byte, after 0 to 4 other bytes, in a name and in a value
        for (int second = 0x80; second <= 0x9F; second++) {
            for (int last : new int[] {0x80, 0x81, 0xBF}) {
                for (int before = 0; before <= 4; before++) {
                    String pad = "a".repeat(before);
                    byte[] sequence = {(byte) 0xF0, (byte) second, (byte) 0xBF, (byte) last};
                    assertSameAsJackson(concat("{\"extFields\":{\"" + pad, sequence, "\":\"v\"}}"));
                    assertSameAsJackson(concat("{\"extFields\":{\"k\":\"" + pad, sequence, "\"}}"));
                    assertSameAsJackson(concat("{\"remark\":\"" + pad, sequence, "\"}"));
                }
            }
        }
    }

    @net.jqwik.api.Example
    void aNameWithAnFFByteIsRejectedAlsoWhenJacksonsNameTableTookItForAnEarlierName() {
        // found by readerAcceptsAndRejectsAsJacksonDoesOnDamagedHeaders: the name FF 78 5C 75 30 30 33 30
        // ("<FF>x\u0030") after the name "x0"; see JacksonHeaderReference.read
        assertSameAsJackson(concat("{\"u\":1,\"", new byte[] {(byte) 0xFF}, "u\":1}"));
        assertSameAsJackson(concat("{\"extFields\":{\"x0\":\"a\",\"", new byte[] {(byte) 0xFF}, "x\\u0030\":\"b\"}}"));
        assertSameAsJackson(concat("{\"abcde\":1,\"abcd", new byte[] {(byte) 0xFF}, "e\":1}"));
        assertSameAsJackson(concat("{\"u\":{\"a\":1},\"v\":{\"", new byte[] {(byte) 0xFF, (byte) 0xFF}, "a\":1}}"));
    }

    @Property(tries = 2000)
    void readerAcceptsAndRejectsAsJacksonDoesOnDamagedHeaders(@ForAll("commands") RemotingCommand command,
                                                              @ForAll long seed) {
        Random random = new Random(seed);
        byte[] header = new JsonVariants(random).header(command).getBytes(StandardCharsets.UTF_8);
        byte[] damaged = JsonVariants.damage(header, random);

        assertSameAsJackson(damaged);
    }

    @Property(tries = 2000)
    void readerDecodesStringBytesAsJacksonDoes(@ForAll("stringBytes") byte[] bytes, @ForAll boolean asName) {
        byte[] prefix = (asName ? "{\"extFields\":{\"" : "{\"extFields\":{\"k\":\"").getBytes(StandardCharsets.US_ASCII);
        byte[] suffix = (asName ? "\":\"v\"}}" : "\"}}").getBytes(StandardCharsets.US_ASCII);
        byte[] header = new byte[prefix.length + bytes.length + suffix.length];
        System.arraycopy(prefix, 0, header, 0, prefix.length);
        System.arraycopy(bytes, 0, header, prefix.length, bytes.length);
        System.arraycopy(suffix, 0, header, prefix.length + bytes.length, suffix.length);

        assertSameAsJackson(header);
    }

    @Property(tries = 300)
    void readerReadsOnlyItsRegionOfDirectAndOffsetBuffers(@ForAll("commands") RemotingCommand command,
                                                          @ForAll boolean direct) {
        byte[] header = jacksonBytes(command);
        ByteBuf buffer = direct ? Unpooled.directBuffer() : Unpooled.buffer();
        try {
            buffer.writeBytes("}}junk".getBytes(StandardCharsets.US_ASCII)).writeBytes(header)
                    .writeBytes("{\"code\":".getBytes(StandardCharsets.US_ASCII));
            buffer.readerIndex(6);

            RemotingCommand decoded = JsonHeaderReader.read(buffer.slice(), header.length);

            assertDecodesAlike(decoded, command);
        } finally {
            buffer.release();
        }
    }

    // ---- helpers ----

    static byte[] jacksonBytes(RemotingCommand command) {
        ByteBuf buffer = Unpooled.buffer();
        try {
            JacksonHeaderReference.write(command, buffer);
            return ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
    }

    private static byte[] concat(String prefix, byte[] middle, String suffix) {
        byte[] before = prefix.getBytes(StandardCharsets.US_ASCII);
        byte[] after = suffix.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[before.length + middle.length + after.length];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(middle, 0, all, before.length, middle.length);
        System.arraycopy(after, 0, all, before.length + middle.length, after.length);
        return all;
    }

    static RemotingCommand ourRead(byte[] header) {
        ByteBuf buffer = Unpooled.wrappedBuffer(header);
        RemotingCommand command = JsonHeaderReader.read(buffer, header.length);
        assertThat(buffer.readableBytes()).isZero();
        return command;
    }

    /** Both readers decode {@code header} to the same fields, or both reject it as malformed. */
    static void assertSameAsJackson(byte[] header) {
        RemotingCommand expected;
        try {
            expected = JacksonHeaderReference.read(Unpooled.wrappedBuffer(header), header.length);
        } catch (MalformedFrameException jacksonRejected) {
            try {
                ourRead(header);
            } catch (MalformedFrameException weRejected) {
                return;
            }
            throw new AssertionError("Jackson rejected " + show(header) + " (" + jacksonRejected.getMessage()
                    + ") but we accepted it", jacksonRejected);
        }
        RemotingCommand actual;
        try {
            actual = ourRead(header);
        } catch (MalformedFrameException e) {
            throw new AssertionError("Jackson accepted " + show(header) + " but we rejected it: " + e.getMessage(), e);
        }
        try {
            assertSameFields(actual, expected);
        } catch (AssertionError e) {
            // the texts may hold NULs, at which surefire cuts its report short: show every char
            throw new AssertionError("Jackson and we read " + show(header) + " differently:\n  ours:    "
                    + showFields(actual) + "\n  Jackson: " + showFields(expected), e);
        }
    }

    private static String showFields(RemotingCommand command) {
        StringBuilder shown = new StringBuilder();
        command.extFields().forEach((name, value) ->
                shown.append(showText(name)).append('=').append(showText(value)).append(", "));
        return shown.append("remark=").append(command.remark() == null ? "null" : showText(command.remark())).toString();
    }

    private static String showText(String text) {
        StringBuilder shown = new StringBuilder().append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            shown.append(c >= 0x20 && c < 0x7F ? String.valueOf(c) : String.format("<U+%04X>", (int) c));
        }
        return shown.append('"').toString();
    }

    /** {@code actual} has the fields of {@code expected}, whose texts are as they are after writing (unpaired surrogates as '?'). */
    static void assertDecodesAlike(RemotingCommand actual, RemotingCommand expected) {
        RemotingCommand written = new RemotingCommand().setCode(expected.code()).setLanguage(expected.languageCode())
                .setVersion(expected.version()).setOpaque(expected.opaque()).setFlag(expected.flag())
                .setRemark(expected.remark() == null ? null : JacksonHeaderReference.wellFormed(expected.remark()));
        expected.extFields().forEach((name, value) -> written.putExt(
                JacksonHeaderReference.wellFormed(name), JacksonHeaderReference.wellFormed(value)));
        assertSameFields(actual, written);
    }

    /** {@code actual} has exactly the header fields of {@code expected}, ext fields in the same order. */
    static void assertSameFields(RemotingCommand actual, RemotingCommand expected) {
        assertThat(actual.code()).isEqualTo(expected.code());
        assertThat(actual.languageCode()).isEqualTo(expected.languageCode());
        assertThat(actual.version()).isEqualTo(expected.version());
        assertThat(actual.opaque()).isEqualTo(expected.opaque());
        assertThat(actual.flag()).isEqualTo(expected.flag());
        assertThat(actual.remark()).isEqualTo(expected.remark());
        assertThat(new ArrayList<>(actual.extFields().entrySet()))
                .isEqualTo(new ArrayList<>(expected.extFields().entrySet()));
    }

    private static String show(byte[] header) {
        StringBuilder shown = new StringBuilder();
        for (byte b : header) {
            shown.append(b >= 0x20 && b < 0x7F ? String.valueOf((char) b) : String.format("<%02x>", b & 0xFF));
        }
        return shown.toString();
    }

    @Provide
    Arbitrary<RemotingCommand> commands() {
        return CommandArbitraries.jsonCommandsWithAnyText();
    }

    /** Bytes biased towards what is interesting inside a JSON string: escapes, quotes, UTF-8 lead and continuation bytes. */
    @Provide
    Arbitrary<byte[]> stringBytes() {
        Arbitrary<Byte> interesting = Arbitraries.of(
                (byte) '\\', (byte) '"', (byte) 'u', (byte) 'n', (byte) '0', (byte) 'D', (byte) 'a', (byte) 0x01,
                (byte) 0x7F, (byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC3, (byte) 0xDF, (byte) 0xE0,
                (byte) 0xED, (byte) 0xA0, (byte) 0xEF, (byte) 0xF0, (byte) 0xF4, (byte) 0xF7, (byte) 0xF8, (byte) 0xFF);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, interesting),
                        net.jqwik.api.Tuple.of(1, Arbitraries.bytes()))
                .list().ofMaxSize(12)
                .map(list -> {
                    byte[] bytes = new byte[list.size()];
                    for (int i = 0; i < bytes.length; i++) {
                        bytes[i] = list.get(i);
                    }
                    return bytes;
                });
    }
}
