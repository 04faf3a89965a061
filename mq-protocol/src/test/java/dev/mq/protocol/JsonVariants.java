package dev.mq.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes the header of a command as other, valid JSON spellings of it: whitespace between any two
 * tokens, keys in any order, unknown keys with nested values, characters escaped in every legal way,
 * ints as strings, the language as a code, extra ext fields that are numbers, booleans or null. And
 * damages headers for the reject-alike properties.
 */
final class JsonVariants {

    private static final String[] UNKNOWN_KEYS = {
        // "\\u0063ode!" is written already escaped: it reads as "code!", not as "code"
        "unknown", "cod", "codes", "Code", "extField", "extFieldsX", "serializeType", "", "\\u0063ode!", "flag2",
    };

    private final Random random;

    JsonVariants(Random random) {
        this.random = random;
    }

    /** A valid JSON header that Jackson reads as {@code command} (plus what the variation adds). */
    String header(RemotingCommand command) {
        List<String> entries = new ArrayList<>();
        entries.add(property("code", intValue(command.code())));
        if (!command.extFields().isEmpty() || random.nextInt(4) == 0) {
            entries.add(property("extFields", random.nextInt(8) == 0 && command.extFields().isEmpty()
                    ? "null" : extFields(command.extFields())));
        }
        entries.add(property("flag", intValue(command.flag())));
        entries.add(property("language", random.nextInt(4) == 0
                ? Integer.toString(command.languageCode().code()) : string(command.language())));
        entries.add(property("opaque", intValue(command.opaque())));
        if (command.remark() != null) {
            entries.add(property("remark", string(command.remark())));
        } else if (random.nextInt(4) == 0) {
            entries.add(property("remark", "null"));
        }
        entries.add(property("serializeTypeCurrentRPC", string("JSON")));
        entries.add(property("version", intValue(command.version())));
        for (int i = random.nextInt(4); i > 0; i--) {
            entries.add(unknownProperty(UNKNOWN_KEYS[random.nextInt(UNKNOWN_KEYS.length)], anyValue(4)));
        }
        if (random.nextBoolean()) {
            Collections.shuffle(entries, random);
        }
        return (random.nextInt(10) == 0 ? "\uFEFF" : "") + object(entries) + space();
    }

    private String extFields(Map<String, String> fields) {
        List<String> entries = new ArrayList<>();
        fields.forEach((name, value) -> entries.add(property(name, string(value))));
        for (int i = random.nextInt(3); i > 0; i--) {
            String value = switch (random.nextInt(6)) {
                case 0 -> "null";
                case 1 -> "true";
                case 2 -> "false";
                case 3 -> "-0.5e+3";
                case 4 -> "1.25E-2";
                default -> Integer.toString(random.nextInt());
            };
            entries.add(random.nextInt(entries.size() + 1), property("x" + random.nextInt(3), value));
        }
        return object(entries);
    }

    private String object(List<String> entries) {
        StringBuilder json = new StringBuilder(space()).append('{');
        for (int i = 0; i < entries.size(); i++) {
            json.append(i == 0 ? "" : space() + ",").append(entries.get(i));
        }
        return json.append(space()).append('}').toString();
    }

    private String property(String name, String value) {
        return keyed(string(name, true), value);
    }

    /** An unknown key: the ones beginning with a backslash are written as they are, already escaped. */
    private String unknownProperty(String key, String value) {
        return key.startsWith("\\") ? keyed('"' + key + '"', value) : property(key, value);
    }

    private String keyed(String jsonKey, String value) {
        return space() + jsonKey + space() + ':' + space() + value;
    }

    private String intValue(int value) {
        return switch (random.nextInt(5)) {
            case 0 -> string(" " + value + " ");
            case 1 -> string(value >= 0 ? "+" + value : Integer.toString(value));
            default -> Integer.toString(value);
        };
    }

    /** Any JSON value, nested at most {@code depth} levels. */
    private String anyValue(int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 6);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> random.nextBoolean() ? "true" : "false";
            case 2 -> Long.toString(random.nextLong());
            case 3 -> "-12.5e-7";
            case 4, 5 -> string(CommandArbitrariesSample.text(random));
            case 6, 7 -> {
                List<String> entries = new ArrayList<>();
                for (int i = random.nextInt(3); i > 0; i--) {
                    entries.add(property(CommandArbitrariesSample.text(random), anyValue(depth - 1)));
                }
                yield object(entries);
            }
            default -> {
                StringBuilder array = new StringBuilder(space()).append('[');
                for (int i = random.nextInt(3); i >= 0; i--) {
                    array.append(space()).append(anyValue(depth - 1)).append(space()).append(i > 0 ? "," : "");
                }
                yield array.append(']').toString();
            }
        };
    }

    private String string(String text) {
        return string(text, false);
    }

    /**
     * {@code text} as a JSON string, each character written as itself or escaped in one of the legal
     * ways. A lone surrogate is escaped in a value; in a {@code name}, where Jackson allowed escaped
     * surrogates only in pairs, it is left raw (and so sent as '?'), and a pair is escaped as a whole or not at all.
     */
    private String string(String text, boolean name) {
        StringBuilder json = new StringBuilder().append('"');
        boolean escapePair = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
            boolean mustEscape = c < 0x20 || c == '"' || c == '\\' || !name && Character.isSurrogate(c) && !paired;
            int choice = random.nextInt(mustEscape ? 2 : 8);
            if (name && Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c)) {
                    escapePair = paired && random.nextBoolean();
                }
                choice = paired && escapePair ? 1 : 7;
            }
            String shortEscape = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '/' -> "\\/";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> null;
            };
            if (choice == 0 && shortEscape != null) {
                json.append(shortEscape);
            } else if (choice <= 1) {
                String hex = String.format("%04x", (int) c);
                json.append("\\u").append(random.nextBoolean() ? hex : hex.toUpperCase());
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    private String space() {
        if (random.nextInt(3) != 0) {
            return "";
        }
        StringBuilder space = new StringBuilder();
        for (int i = random.nextInt(4); i >= 0; i--) {
            space.append(" \t\n\r".charAt(random.nextInt(4)));
        }
        return space.toString();
    }

    /**
     * {@code header} with a few random bytes replaced, inserted or removed, or cut short; the first
     * four bytes are left alone, because Jackson guessed UTF-16 and UTF-32 from them (we do not).
     */
    static byte[] damage(byte[] header, Random random) {
        byte[] interesting = {'"', '\\', '{', '}', '[', ']', ',', ':', ' ', 'u', '0', '-', '.', 'e', 'n', 't', 'f',
            0x00, 0x1F, (byte) 0x80, (byte) 0xC3, (byte) 0xE2, (byte) 0xED, (byte) 0xF0, (byte) 0xFF};
        List<Byte> bytes = new ArrayList<>();
        for (byte b : header) {
            bytes.add(b);
        }
        for (int i = 1 + random.nextInt(3); i > 0 && bytes.size() > 4; i--) {
            int at = 4 + random.nextInt(bytes.size() - 4);
            byte value = random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : (byte) random.nextInt();
            switch (random.nextInt(4)) {
                case 0 -> bytes.set(at, value);
                case 1 -> bytes.add(at, value);
                case 2 -> bytes.remove(at);
                default -> bytes.subList(at, bytes.size()).clear();
            }
        }
        byte[] damaged = new byte[bytes.size()];
        for (int i = 0; i < damaged.length; i++) {
            damaged[i] = bytes.get(i);
        }
        return damaged;
    }

    /** Short texts drawn from a {@link Random}, for names and values inside unknown keys. */
    private static final class CommandArbitrariesSample {

        private static final String[] SAMPLES = {"", "a", "code", "x y", "\u00e9", "\u4e3b\u9898", "\ud83d\ude00", "\u0001\u0002",
            "\"q\"", "back\\slash", "\uD800", "tab\there"};

        static String text(Random random) {
            return SAMPLES[random.nextInt(SAMPLES.length)];
        }
    }
}
