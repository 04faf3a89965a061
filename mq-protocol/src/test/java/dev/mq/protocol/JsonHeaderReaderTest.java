package dev.mq.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link JsonHeaderReader} on hand-written headers: what it accepts and, for each way a header can
 * be malformed, the message it rejects it with. {@code JsonHeaderOracleProperties} checks the same
 * against Jackson on generated input.
 */
class JsonHeaderReaderTest {

    // ---- accepted ----

    @Test
    void readsEveryFieldWithWhitespaceAnywhereAndKeysInAnyOrder() {
        RemotingCommand command = read(" \t\r\n{ \"version\" :\n409 , \"remark\":\"r\",\"opaque\" : -7,\"language\":\"GO\","
                + "\"flag\":3 ,\"extFields\" : { \"a\" : \"1\" , \"b\":\"2\" } ,\"code\" :\t310 }\n ");

        assertThat(command.code()).isEqualTo(310);
        assertThat(command.version()).isEqualTo(409);
        assertThat(command.opaque()).isEqualTo(-7);
        assertThat(command.flag()).isEqualTo(3);
        assertThat(command.languageCode()).isEqualTo(LanguageCode.GO);
        assertThat(command.remark()).isEqualTo("r");
        assertThat(command.extFields()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
    }

    @Test
    void emptyObjectGivesTheDefaultsWithVersionZero() {
        RemotingCommand command = read("{}");

        assertThat(command.code()).isZero();
        assertThat(command.version()).isZero();
        assertThat(command.languageCode()).isEqualTo(LanguageCode.JAVA);
        assertThat(command.remark()).isNull();
        assertThat(command.extFields()).isEmpty();
    }

    @Test
    void decodesEveryEscapeAndUtf8() {
        RemotingCommand command = read("{\"remark\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\uD83D\\uDE00\\ud800x"
                + "é主😀\",\"extFields\":{\"k\\u0001\":\"\\u0002v\"}}");

        assertThat(command.remark()).isEqualTo("\"\\/\b\f\n\r\tAé\uD83D\uDE00\uD800xé主😀");
        assertThat(command.extFields()).containsExactly(Map.entry("k\u0001", "\u0002v"));
    }

    @Test
    void keysAreMatchedAfterUnescapingAndExactly() {
        RemotingCommand command = read("{\"c\\u006fde\":5,\"Code\":6,\"cod\":7,\"codes\":8,\"opaque\":1}");

        assertThat(command.code()).isEqualTo(5);
        assertThat(command.opaque()).isEqualTo(1);
    }

    @Test
    void languageIsANameOrACodeAndUnknownOnesAreOther() {
        assertThat(read("{\"language\":\"RUST\"}").languageCode()).isEqualTo(LanguageCode.RUST);
        assertThat(read("{\"language\":\"R\\u0055ST\"}").languageCode()).isEqualTo(LanguageCode.RUST);
        assertThat(read("{\"language\":\"KOTLIN\"}").languageCode()).isEqualTo(LanguageCode.OTHER);
        assertThat(read("{\"language\":9}").languageCode()).isEqualTo(LanguageCode.GO);
        assertThat(read("{\"language\":-1}").languageCode()).isEqualTo(LanguageCode.OTHER);
        assertThat(read("{\"language\":null}").languageCode()).isEqualTo(LanguageCode.JAVA);
    }

    @Test
    void intsMayBeNumericStringsAndNullKeepsTheDefault() {
        RemotingCommand command = read("{\"code\":\" 12 \",\"opaque\":\"-2147483648\",\"flag\":null,\"version\":-0}");

        assertThat(command.code()).isEqualTo(12);
        assertThat(command.opaque()).isEqualTo(Integer.MIN_VALUE);
        assertThat(command.flag()).isZero();
        assertThat(command.version()).isZero();
    }

    @Test
    void scalarsBecomeTheirTextAndNullExtValuesAreDropped() {
        RemotingCommand command = read("{\"remark\":-1.50E+2,\"extFields\":{\"i\":-0,\"t\":true,\"f\":false,\"n\":null,\"d\":0.5e-1}}");

        assertThat(command.remark()).isEqualTo("-1.50E+2");
        assertThat(command.extFields()).containsExactly(
                Map.entry("i", "-0"), Map.entry("t", "true"), Map.entry("f", "false"), Map.entry("d", "0.5e-1"));
    }

    @Test
    void duplicateKeysLastWinsAndExtFieldsObjectsMerge() {
        RemotingCommand command = read("{\"code\":1,\"extFields\":{\"a\":\"1\",\"b\":\"2\"},\"code\":2,"
                + "\"extFields\":{\"a\":\"3\",\"c\":\"4\"},\"remark\":\"x\",\"remark\":null}");

        assertThat(command.code()).isEqualTo(2);
        assertThat(command.remark()).isNull();
        assertThat(command.extFields()).containsExactly(Map.entry("a", "3"), Map.entry("b", "2"), Map.entry("c", "4"));
    }

    @Test
    void unknownKeysAreSkippedWhateverTheirValue() {
        RemotingCommand command = read("{\"u1\":{\"a\":[1,{\"b\":[[],{}]},\"}]\\\"\"],\"c\":null},\"u2\":[],"
                + "\"u3\":-1e9,\"u4\":true,\"u5\":\"\\u005d\",\"code\":3}");

        assertThat(command.code()).isEqualTo(3);
    }

    @Test
    void nestingUpToJacksonsLimitOf500LevelsIsAccepted() {
        String nested = "[".repeat(499) + "]".repeat(499);

        assertThat(read("{\"u\":" + nested + ",\"code\":4}").code()).isEqualTo(4);
    }

    @Test
    void aLeadingByteOrderMarkIsSkipped() {
        assertThat(read("\uFEFF{\"code\":9}").code()).isEqualTo(9);
    }

    @Test
    void overlongUtf8IsDecodedAsJacksonDecodedIt() {
        byte[] header = {'{', '"', 'r', 'e', 'm', 'a', 'r', 'k', '"', ':', '"', (byte) 0xC0, (byte) 0x80, '"', '}'};

        assertThat(read(header).remark()).isEqualTo("\u0000");
    }

    @Test
    void overlongFourByteUtf8IsDecodedAsJacksonDecodedItInNamesAndInValues() {
        // F0 80 80 81, U+0001 spelled in four bytes: Jackson computed the high char as 0xD800 + (c >> 10)
        // in names but as 0xD800 | (c >> 10) in values, which differ for c = U+0001 - 0x10000 < 0
        byte[] header = {'{', '"', 'e', 'x', 't', 'F', 'i', 'e', 'l', 'd', 's', '"', ':', '{',
            '"', (byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x81, '"', ':',
            '"', (byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x81, '"', '}', '}'};

        assertThat(read(header).extFields()).containsExactly(Map.entry("\uD7C0\uDC01", "\uFFC0\uDC01"));
    }

    @Test
    void readerIndexIsAdvancedPastTheHeaderOnly() {
        ByteBuf buffer = Unpooled.copiedBuffer("{\"code\":1}BODY", StandardCharsets.UTF_8);

        JsonHeaderReader.read(buffer, 10);

        assertThat(buffer.toString(StandardCharsets.UTF_8)).isEqualTo("BODY");
    }

    @Test
    void directBuffersOfAnySizeAreReadAlikeOneAfterTheOther() {
        String big = "{\"remark\":\"" + "r".repeat(70_000) + "\",\"code\":1}";
        String small = "{\"code\":2}";
        String truncated = "{\"code\":3";

        for (String header : new String[] {small, big, small, big}) {
            assertThat(readDirect(header).code()).isEqualTo(header == small ? 2 : 1);
        }
        assertThat(readDirect(big).remark()).hasSize(70_000);
        assertThatThrownBy(() -> readDirect(truncated)).isInstanceOf(MalformedFrameException.class)
                .hasMessage("invalid JSON header: unexpected end of input, expected ',' or '}' after an object entry at byte 9");
    }

    // ---- rejected ----

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // not an object
        "``                                 | JSON header is not a JSON object",
        "`  `                               | JSON header is not a JSON object",
        "[]                                 | JSON header is not a JSON object",
        "`\"code\"`                         | JSON header is not a JSON object",
        "`{'code':1}`                       | JSON header object has a non-string key at byte 1",
        "`{code:1}`                         | JSON header object has a non-string key at byte 1",
        "`{1:1}`                            | JSON header object has a non-string key at byte 1",
        "`{\"extFields\":{2:\"x\"}}`        | JSON header object has a non-string key at byte 14",
        // trailing content
        "`{\"code\":1}}`                    | unexpected content after the JSON header object at byte 10",
        "`{} {}`                            | unexpected content after the JSON header object at byte 3",
        "`{}x`                              | unexpected content after the JSON header object at byte 2",
        // bad ints
        "`{\"code\":true}`                  | JSON header field 'code' must be an int, not VALUE_TRUE",
        "`{\"flag\":1.0}`                   | JSON header field 'flag' must be an int, not VALUE_NUMBER_FLOAT",
        "`{\"opaque\":[1]}`                 | JSON header field 'opaque' must be an int, not START_ARRAY",
        "`{\"version\":{}}`                 | JSON header field 'version' must be an int, not START_OBJECT",
        "`{\"code\":\"abc\"}`               | JSON header field 'code' is not an int: 'abc'",
        "`{\"code\":\"\"}`                  | JSON header field 'code' is not an int: ''",
        "`{\"code\":99999999999}`           | JSON header field 'code' is out of the int range: 99999999999",
        "`{\"code\":2147483648}`            | JSON header field 'code' is out of the int range: 2147483648",
        "`{\"code\":-2147483649}`           | JSON header field 'code' is out of the int range: -2147483649",
        "`{\"language\":12345678901}`       | JSON header field 'language' is out of the int range: 12345678901",
        // wrong shapes
        "`{\"language\":{}}`                | JSON header field 'language' must be a name, not START_OBJECT",
        "`{\"language\":true}`              | JSON header field 'language' must be a name, not VALUE_TRUE",
        "`{\"language\":1.5}`               | JSON header field 'language' must be a name, not VALUE_NUMBER_FLOAT",
        "`{\"remark\":[1]}`                 | JSON header field 'remark' must be a string, number or boolean, not START_ARRAY",
        "`{\"extFields\":[\"a\"]}`          | JSON header field 'extFields' must be an object, not START_ARRAY",
        "`{\"extFields\":\"a\"}`            | JSON header field 'extFields' must be an object, not VALUE_STRING",
        "`{\"extFields\":{\"a\":{\"b\":1}}}` | JSON header field 'extFields.a' must be a string, number or boolean, not START_OBJECT",
        // invalid JSON
        "`{\"code\":1,}`                    | invalid JSON header: unexpected '}', expected a property name at byte 10",
        "`{,}`                              | invalid JSON header: unexpected ',', expected a property name at byte 1",
        "`{\"code\" 1}`                     | invalid JSON header: unexpected '1', expected ':' after a property name at byte 8",
        "`{\"code\":1 \"flag\":2}`          | invalid JSON header: unexpected '\"', expected ',' or '}' after an object entry at byte 10",
        "`{\"u\":[1 2]}`                    | invalid JSON header: unexpected '2', expected ',' or ']' after an array element at byte 8",
        "`{\"u\":[1,]}`                     | invalid JSON header: unexpected ']', expected a value at byte 8",
        "`{\"u\":[}`                        | invalid JSON header: unexpected '}', expected a value at byte 6",
        "`{\"u\":{]}`                       | invalid JSON header: unexpected ']', expected a property name at byte 6",
        "`{\"u\":tru}`                      | invalid JSON header: unrecognized token, expected 'true' at byte 8",
        "`{\"u\":truex}`                    | invalid JSON header: unexpected 'x', expected ',' or '}' after an object entry at byte 9",
        "`{\"u\":nul`                       | invalid JSON header: unexpected end of input in 'null' at byte 8",
        "`{\"u\":NaN}`                      | invalid JSON header: unexpected 'N', expected a value at byte 5",
        "`{\"u\":+1}`                       | invalid JSON header: unexpected '+', expected a value at byte 5",
        "`{\"u\":.5}`                       | invalid JSON header: unexpected '.', expected a value at byte 5",
        "`{\"u\":01}`                       | invalid JSON header: leading zeroes are not allowed in a number at byte 7",
        "`{\"u\":-01}`                      | invalid JSON header: leading zeroes are not allowed in a number at byte 8",
        "`{\"u\":-}`                        | invalid JSON header: unexpected '}', expected a digit after '-' at byte 6",
        "`{\"u\":1.}`                       | invalid JSON header: unexpected '}', expected a digit after the decimal point at byte 7",
        "`{\"u\":1e+}`                      | invalid JSON header: unexpected '}', expected a digit in the exponent at byte 8",
        "`{\"u\":/*c*/1}`                   | invalid JSON header: unexpected '/', expected a value at byte 5",
        "`{\"u\":\"\\x\"}`                  | invalid JSON header: invalid escape '\\x' at byte 6",
        "`{\"u\":\"\\u00G0\"}`              | invalid JSON header: expected a hex digit in a \\u escape at byte 10",
        "`{\"u\":\"\\u00\"}`                | invalid JSON header: expected a hex digit in a \\u escape at byte 10",
        // truncated
        "`{`                                | invalid JSON header: unexpected end of input, expected a property name at byte 1",
        "`{\"code\":`                       | invalid JSON header: unexpected end of input, expected a value at byte 8",
        "`{\"code\"`                        | invalid JSON header: unexpected end of input, expected ':' after a property name at byte 7",
        "`{\"code\":1`                      | invalid JSON header: unexpected end of input, expected ',' or '}' after an object entry at byte 9",
        "`{\"co`                            | invalid JSON header: unexpected end of input in a string at byte 4",
        "`{\"u\":\"\\u12`                   | invalid JSON header: unexpected end of input in an escape sequence at byte 10",
        "`{\"u\":\"\\`                      | invalid JSON header: unexpected end of input in an escape sequence at byte 7",
        "`{\"u\":[[{\"v\":[`                | invalid JSON header: unexpected end of input, expected a value at byte 13",
    })
    void malformedHeadersAreRejectedWithAMessageSayingWhy(String header, String message) {
        assertThatThrownBy(() -> read(header))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage(message);
    }

    @Test
    void unescapedControlCharactersInStringsAreRejected() {
        assertThatThrownBy(() -> read("{\"remark\":\"a\nb\"}"))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("invalid JSON header: unescaped control character 0x0A in a string at byte 12");
        assertThatThrownBy(() -> read("{\"k\u0001\":1}"))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("invalid JSON header: unescaped control character 0x01 in a string at byte 3");
    }

    @Test
    void controlCharactersOtherThanJsonWhitespaceAreRejectedBetweenTokens() {
        assertThatThrownBy(() -> read("{\"code\":\f1}"))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("invalid JSON header: unexpected byte 0x0C, expected a value at byte 8");
    }

    @Test
    void invalidUtf8IsRejectedWhereJacksonRejectedIt() {
        assertUtf8Rejected(new byte[] {(byte) 0xC3, 0x28}, "invalid UTF-8 continuation byte 0x28 at byte 12");
        assertUtf8Rejected(new byte[] {(byte) 0x80}, "invalid UTF-8 start byte 0x80 at byte 11");
        assertUtf8Rejected(new byte[] {(byte) 0xF8, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                "invalid UTF-8 start byte 0xF8 at byte 11");
        assertUtf8Rejected(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "invalid UTF-8: encoded surrogate U+D800 at byte 11");
        assertUtf8Rejected(new byte[] {(byte) 0xE2, (byte) 0x82}, "invalid UTF-8 continuation byte 0x22 at byte 13");
    }

    @Test
    void invalidUtf8IsRejectedAlsoInNamesAndSkippedValues() {
        byte[] name = {'{', '"', (byte) 0xC3, '"', ':', '1', '}'};
        byte[] skipped = {'{', '"', 'u', '"', ':', '[', '"', (byte) 0xFF, '"', ']', '}'};

        assertThatThrownBy(() -> read(name)).isInstanceOf(MalformedFrameException.class)
                .hasMessage("invalid JSON header: invalid UTF-8 continuation byte 0x22 at byte 3");
        assertThatThrownBy(() -> read(skipped)).isInstanceOf(MalformedFrameException.class)
                .hasMessage("invalid JSON header: invalid UTF-8 start byte 0xFF at byte 7");
    }

    @Test
    void aNameWithAnFFByteIsRejectedAlsoAfterTheNameJacksonTookItFor() {
        // Jackson read "<FF>u" as "u" once "u" had been read (JacksonHeaderReference.read says why);
        // 0xFF is never UTF-8, and taking it for another key would let damage overwrite a field
        byte[] header = {'{', '"', 'u', '"', ':', '1', ',', '"', (byte) 0xFF, 'u', '"', ':', '1', '}'};
        byte[] extField = {'{', '"', 'e', 'x', 't', 'F', 'i', 'e', 'l', 'd', 's', '"', ':', '{',
            '"', 'u', '"', ':', '"', 'a', '"', ',', '"', (byte) 0xFF, 'u', '"', ':', '"', 'b', '"', '}', '}'};

        assertThatThrownBy(() -> read(header)).isInstanceOf(MalformedFrameException.class)
                .hasMessage("invalid JSON header: invalid UTF-8 start byte 0xFF at byte 8");
        assertThatThrownBy(() -> read(extField)).isInstanceOf(MalformedFrameException.class)
                .hasMessage("invalid JSON header: invalid UTF-8 start byte 0xFF at byte 23");
    }

    @Test
    void escapedSurrogatesInNamesMustBePairsAsJacksonRequired() {
        assertThat(read("{\"extFields\":{\"\\uD83D\\uDE00\":\"\\uD800\"}}").extFields())
                .containsExactly(Map.entry("\uD83D\uDE00", "\uD800"));
        assertThatThrownBy(() -> read("{\"\\uD800\":1}")).isInstanceOf(MalformedFrameException.class)
                .hasMessage("invalid JSON header: unpaired surrogate \\uD800 in a property name at byte 8");
        assertThatThrownBy(() -> read("{\"\\uD800\\n\":1}")).isInstanceOf(MalformedFrameException.class)
                .hasMessage("invalid JSON header: unpaired surrogate \\uD800 in a property name at byte 10");
        assertThatThrownBy(() -> read("{\"u\":{\"a\\uDC00\":1}}")).isInstanceOf(MalformedFrameException.class)
                .hasMessage("invalid JSON header: unpaired surrogate \\uDC00 in a property name at byte 14");
    }

    @Test
    void truncatedUtf8IsRejected() {
        byte[] header = {'{', '"', 'u', '"', ':', '"', (byte) 0xE2, (byte) 0x82};

        assertThatThrownBy(() -> read(header)).isInstanceOf(MalformedFrameException.class)
                .hasMessage("invalid JSON header: unexpected end of input in a UTF-8 sequence at byte 8");
    }

    @Test
    void jacksonsLimitsStillApply() {
        assertThatThrownBy(() -> read("{\"u\":" + "[".repeat(500) + "]".repeat(500) + "}"))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("invalid JSON header: nested deeper than 500 levels at byte 505");
        assertThat(read("{\"u\":" + "1".repeat(1000) + ",\"code\":1}").code()).isEqualTo(1);
        assertThatThrownBy(() -> read("{\"u\":" + "1".repeat(1001) + "}"))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("invalid JSON header: a number is longer than 1000 digits at byte 1006");
        assertThatThrownBy(() -> read("{\"u\":" + "1".repeat(500) + "." + "1".repeat(499) + "e12}"))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("a number is longer than 1000 digits");
        assertThat(read("{\"" + "k".repeat(50_000) + "\":1,\"code\":1}").code()).isEqualTo(1);
        assertThatThrownBy(() -> read("{\"extFields\":{\"" + "k".repeat(50_001) + "\":\"v\"}}"))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("invalid JSON header: a property name is longer than 50000 characters at byte 50017");
    }

    // ---- helpers ----

    private static void assertUtf8Rejected(byte[] bytes, String message) {
        byte[] header = new byte[bytes.length + 13];
        System.arraycopy("{\"remark\":\"".getBytes(StandardCharsets.US_ASCII), 0, header, 0, 11);
        System.arraycopy(bytes, 0, header, 11, bytes.length);
        header[header.length - 2] = '"';
        header[header.length - 1] = '}';

        assertThatThrownBy(() -> read(header))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessage("invalid JSON header: " + message);
    }

    private static RemotingCommand readDirect(String header) {
        byte[] bytes = header.getBytes(StandardCharsets.UTF_8);
        ByteBuf buffer = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        try {
            return JsonHeaderReader.read(buffer, bytes.length);
        } finally {
            buffer.release();
        }
    }

    private static RemotingCommand read(String header) {
        return read(header.getBytes(StandardCharsets.UTF_8));
    }

    private static RemotingCommand read(byte[] header) {
        return JsonHeaderReader.read(Unpooled.wrappedBuffer(header), header.length);
    }
}
