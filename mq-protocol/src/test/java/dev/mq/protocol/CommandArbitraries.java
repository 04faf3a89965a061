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

    static Arbitrary<RemotingCommand> commands(SerializeType type) {
        boolean binary = type == SerializeType.ROCKETMQ;
        Arbitrary<Integer> shortOrInt = binary
                ? Arbitraries.integers().between(Short.MIN_VALUE, Short.MAX_VALUE)
                : Arbitraries.integers();
        Arbitrary<Map<String, String>> extFields = Arbitraries.maps(text(12).filter(k -> !k.isEmpty()), text(40))
                .ofMaxSize(8);
        Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(300).injectNull(0.2);
        return Combinators.combine(
                shortOrInt, Arbitraries.of(LanguageCode.class), shortOrInt, Arbitraries.integers(),
                Arbitraries.integers(), text(60).injectNull(0.3), extFields, body)
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
