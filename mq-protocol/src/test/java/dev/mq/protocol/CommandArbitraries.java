package dev.mq.protocol;

import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of commands for the codec properties. */
final class CommandArbitraries {

    private CommandArbitraries() {
    }

    /**
     * Text with ASCII, control characters, other BMP characters and supplementary code points
     * (never unpaired surrogates, which both encodings replace).
     */
    static Arbitrary<String> text(int maxCodePoints) {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(0x20, 0x7E)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x00, 0x1F)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0x80, 0xD7FF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0xE000, 0xFFFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        return codePoint.list().ofMaxSize(maxCodePoints).map(points -> {
            StringBuilder text = new StringBuilder();
            points.forEach(text::appendCodePoint);
            return text.toString();
        });
    }

    /**
     * Any UTF-16 text: like {@link #text} but with more quotes and backslashes, emoji, and unpaired
     * surrogates (high, low, or in the wrong order), which the encoders write as {@code '?'}.
     */
    static Arbitrary<String> anyText(int maxChars) {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, text(1)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("\"", "\\", "/", "\u007f", "\u2028", "\ufeff", "\uffff")),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("\ud83d\ude00", "\ud83c\udff3\ufe0f\u200d\ud83c\udf08", "\udbff\udfff")),
                net.jqwik.api.Tuple.of(2, Arbitraries.chars().range('\uD800', '\uDFFF').map(String::valueOf)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("\uDC00\uD800", "\uD800\uD800")));
        return piece.list().ofMaxSize(maxChars).map(pieces -> String.join("", pieces));
    }

    /** JSON commands whose texts are {@linkplain #anyText any text}. */
    static Arbitrary<RemotingCommand> jsonCommandsWithAnyText() {
        return commands(SerializeType.JSON, anyText(12).filter(k -> !k.isEmpty()), anyText(40), anyText(60));
    }

    static Arbitrary<RemotingCommand> commands(SerializeType type) {
        return commands(type, text(12).filter(k -> !k.isEmpty()), text(40), text(60));
    }

    private static Arbitrary<RemotingCommand> commands(SerializeType type, Arbitrary<String> keys,
                                                       Arbitrary<String> values, Arbitrary<String> remarks) {
        boolean binary = type == SerializeType.ROCKETMQ;
        Arbitrary<Integer> shortOrInt = binary
                ? Arbitraries.integers().between(Short.MIN_VALUE, Short.MAX_VALUE)
                : Arbitraries.integers();
        Arbitrary<Map<String, String>> extFields = Arbitraries.maps(keys, values)
                .ofMaxSize(8);
        Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(300).injectNull(0.2);
        return Combinators.combine(
                shortOrInt, Arbitraries.of(LanguageCode.class), shortOrInt, Arbitraries.integers(),
                Arbitraries.integers(), remarks.injectNull(0.3), extFields, body)
                .as((code, language, version, opaque, flag, remark, ext, bytes) -> new RemotingCommand()
                        .setCode(code)
                        .setLanguage(language)
                        .setVersion(version)
                        .setOpaque(opaque)
                        .setFlag(flag)
                        .setRemark(remark)
                        .setExtFields(ext)
                        .setBody(bytes)
                        .setSerializeType(type));
    }

    static Arbitrary<RemotingCommand> commands() {
        return Arbitraries.of(SerializeType.class).flatMap(CommandArbitraries::commands);
    }
}
