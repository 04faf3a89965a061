package dev.mq.protocol;

import java.nio.charset.StandardCharsets;

/**
 * A pull tokenizer for one JSON document held in a region of a byte array, reading the bytes in
 * place: nothing is copied unless the caller asks for a value as a String.
 *
 * <p>It accepts exactly the JSON that Jackson's default parser accepted for the header, so that
 * replacing Jackson changed no behaviour: RFC 8259 syntax without comments, single quotes, trailing
 * commas or non-numeric numbers; an optional UTF-8 byte order mark at the start; and Jackson's
 * default limits of 500 nesting levels, 1000 digits per number and 50,000 characters per property
 * name. UTF-8 is checked as Jackson checks it: a bad start byte, a bad continuation byte and an encoded
 * surrogate are errors, overlong forms are decoded rather than rejected. {@code \}{@code u} escapes
 * are decoded one char each, so an escaped surrogate pair becomes a pair and a lone one stays lone.
 *
 * <p>After {@link #nextValue()} returns a scalar token, its text is available from
 * {@link #stringValue()}, {@link #numberText()} or {@link #intValue}. Any syntax error is a
 * {@link MalformedFrameException} whose message starts with {@code "invalid JSON header: "} and
 * names the byte offset within the header.
 *
 * <p>Not thread-safe; one instance reads one header.
 */
final class JsonTokenizer {

    /** The kind of a value, named as Jackson names its tokens (the names appear in error messages). */
    enum Token {
        VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL, START_OBJECT, START_ARRAY
    }

    static final int MAX_NESTING_DEPTH = 500;
    static final int MAX_NUMBER_LENGTH = 1000;
    static final int MAX_NAME_LENGTH = 50_000;

    private static final String PREFIX = "invalid JSON header: ";

    private final byte[] bytes;
    private final int start;
    private final int end;
    private int position;
    private int depth;

    /** Region of the last string (between the quotes) or number. */
    private int textStart;
    private int textEnd;
    /** Whether the last string was ASCII without escapes, so that its bytes are its chars. */
    private boolean plainString;
    /** Whether the last string was a property name, which Jackson decoded a little differently. */
    private boolean nameString;
    private char[] chars;

    /**
     * A tokenizer for {@code bytes[start, end)} that decodes escaped strings into {@code chars}
     * (the caller's scratch array, may be {@code null}) while they fit; see {@link #chars()}.
     */
    JsonTokenizer(byte[] bytes, int start, int end, char[] chars) {
        this.bytes = bytes;
        this.start = start;
        this.end = end;
        this.position = start;
        this.chars = chars;
    }

    /** The scratch array escaped strings were decoded into: the caller's, or a larger one. */
    char[] chars() {
        return chars;
    }

    // ---- structure ----

    /**
     * Skips a byte order mark and whitespace and, if an object starts there, consumes its {@code '{'}.
     *
     * @return whether the document starts with an object
     */
    boolean startObject() {
        if (end - start >= 3 && bytes[start] == (byte) 0xEF && bytes[start + 1] == (byte) 0xBB
                && bytes[start + 2] == (byte) 0xBF) {
            position = start + 3;
        }
        if (nextNonWhitespace() != '{') {
            return false;
        }
        position++;
        enter();
        return true;
    }

    /**
     * Moves to the next property of the current object: consumes the separator and the name (then
     * available from {@link #matchName} and {@link #stringValue()}) and the colon, or the closing
     * {@code '}'}.
     *
     * @param first whether no property of this object has been read yet
     * @return {@code false} at the end of the object
     */
    boolean nextProperty(boolean first) {
        int next = nextNonWhitespace();
        if (next == '}') {
            position++;
            depth--;
            return false;
        }
        if (!first) {
            if (next != ',') {
                throw unexpected(next, "',' or '}' after an object entry");
            }
            position++;
            next = nextNonWhitespace();
        }
        if (next != '"') {
            if (next == -1 || next == '}' || next == ']' || next == ',' || next == ':') {
                throw unexpected(next, "a property name");
            }
            throw new MalformedFrameException("JSON header object has a non-string key at byte " + offset());
        }
        position++;
        scanString(true);
        if (textEnd - textStart > MAX_NAME_LENGTH && nameLength() > MAX_NAME_LENGTH) {
            throw error("a property name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (nextNonWhitespace() != ':') {
            throw unexpected(nextNonWhitespace(), "':' after a property name");
        }
        position++;
        return true;
    }

    /**
     * Moves to the next element of the current array: consumes the separator, or the closing {@code ']'}.
     *
     * @param first whether no element of this array has been read yet
     * @return {@code false} at the end of the array; otherwise {@link #nextValue()} reads the element
     */
    boolean nextElement(boolean first) {
        int next = nextNonWhitespace();
        if (next == ']') {
            position++;
            depth--;
            return false;
        }
        if (!first) {
            if (next != ',') {
                throw unexpected(next, "',' or ']' after an array element");
            }
            position++;
        }
        return true;
    }

    /**
     * Reads the next value: a scalar completely, an object or array up to and including its opening
     * bracket (read on with {@link #nextProperty} or {@link #nextElement}, or {@link #skip} it).
     */
    Token nextValue() {
        int next = nextNonWhitespace();
        switch (next) {
            case '"' -> {
                position++;
                scanString(false);
                return Token.VALUE_STRING;
            }
            case '{' -> {
                position++;
                enter();
                return Token.START_OBJECT;
            }
            case '[' -> {
                position++;
                enter();
                return Token.START_ARRAY;
            }
            case 't' -> {
                literal("true");
                return Token.VALUE_TRUE;
            }
            case 'f' -> {
                literal("false");
                return Token.VALUE_FALSE;
            }
            case 'n' -> {
                literal("null");
                return Token.VALUE_NULL;
            }
            default -> {
                if (next == '-' || next >= '0' && next <= '9') {
                    return scanNumber();
                }
                throw unexpected(next, "a value");
            }
        }
    }

    /** Skips the rest of the value {@code token} starts: the contents of an object or array, nothing for a scalar. */
    void skip(Token token) {
        if (token == Token.START_OBJECT) {
            for (boolean first = true; nextProperty(first); first = false) {
                skip(nextValue());
            }
        } else if (token == Token.START_ARRAY) {
            for (boolean first = true; nextElement(first); first = false) {
                skip(nextValue());
            }
        }
    }

    /** Whether only whitespace is left. */
    boolean atEnd() {
        return nextNonWhitespace() == -1;
    }

    /** Offset of the next unread byte from the start of the header. */
    int offset() {
        return position - start;
    }

    // ---- values ----

    /**
     * Index of the candidate equal to the last string (a property name), or -1; ASCII candidates
     * are compared with the bytes in place, without building a String.
     */
    int matchName(byte[][] candidates) {
        if (!plainString) {
            String name = stringValue();
            for (int i = 0; i < candidates.length; i++) {
                if (name.equals(new String(candidates[i], StandardCharsets.ISO_8859_1))) {
                    return i;
                }
            }
            return -1;
        }
        int length = textEnd - textStart;
        for (int i = 0; i < candidates.length; i++) {
            byte[] candidate = candidates[i];
            if (candidate.length == length && sameBytes(candidate)) {
                return i;
            }
        }
        return -1;
    }

    private boolean sameBytes(byte[] candidate) {
        for (int i = 0; i < candidate.length; i++) {
            if (bytes[textStart + i] != candidate[i]) {
                return false;
            }
        }
        return true;
    }

    /** The last string, unescaped and decoded. */
    String stringValue() {
        int length = textEnd - textStart;
        if (plainString) {
            return new String(bytes, textStart, length, StandardCharsets.ISO_8859_1);
        }
        if (chars == null || chars.length < length) {
            chars = new char[length];
        }
        return new String(chars, 0, JsonStringDecoder.decode(bytes, textStart, textEnd, chars, nameString));
    }

    /** As {@link #stringValue()}, through {@code repeated} when the string is plain (ASCII, no escapes). */
    String stringValue(RepeatedStrings repeated) {
        return plainString ? repeated.of(bytes, textStart, textEnd) : stringValue();
    }

    /** As {@link #numberText()}, through {@code repeated}. */
    String numberText(RepeatedStrings repeated) {
        return repeated.of(bytes, textStart, textEnd);
    }

    /** The last number as written, e.g. {@code "-1.5e3"}. */
    String numberText() {
        return new String(bytes, textStart, textEnd - textStart, StandardCharsets.ISO_8859_1);
    }

    /**
     * The last number, a {@link Token#VALUE_NUMBER_INT}, as an int.
     *
     * @throws MalformedFrameException naming {@code field} if it is outside the int range
     */
    int intValue(String field) {
        int index = textStart;
        boolean negative = bytes[index] == '-';
        if (negative) {
            index++;
        }
        long value = 0;
        if (textEnd - index <= 10) {
            for (; index < textEnd; index++) {
                value = value * 10 + (bytes[index] - '0');
            }
            value = negative ? -value : value;
            if (value == (int) value) {
                return (int) value;
            }
        }
        throw new MalformedFrameException(
                "JSON header field '" + field + "' is out of the int range: " + numberText());
    }

    // ---- scanning ----

    private int nextNonWhitespace() {
        while (position < end) {
            byte next = bytes[position];
            if (next != ' ' && next != '\n' && next != '\r' && next != '\t') {
                return next & 0xFF;
            }
            position++;
        }
        return -1;
    }

    private void enter() {
        if (++depth > MAX_NESTING_DEPTH) {
            throw error("nested deeper than " + MAX_NESTING_DEPTH + " levels");
        }
    }

    private void literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (position >= end) {
                throw error("unexpected end of input in '" + word + "'");
            }
            if (bytes[position] != word.charAt(i)) {
                throw error("unrecognized token, expected '" + word + "'");
            }
            position++;
        }
    }

    /**
     * Scans a string whose opening quote has been consumed, checking escapes and UTF-8, up to and
     * including its closing quote. In a {@code name}, as in Jackson, a surrogate written as a
     * {@code \}{@code u} escape must be one half of an escaped pair.
     */
    private void scanString(boolean name) {
        textStart = position;
        plainString = true;
        nameString = name;
        while (true) {
            int stop = position;
            while (stop < end && bytes[stop] >= 0x20 && bytes[stop] != '"' && bytes[stop] != '\\') {
                stop++;
            }
            if (stop == end) {
                position = end;
                throw error("unexpected end of input in a string");
            }
            position = stop;
            byte next = bytes[stop];
            if (next == '"') {
                textEnd = stop;
                position++;
                return;
            }
            plainString = false;
            if (next == '\\') {
                char escaped = scanEscape();
                if (name && Character.isSurrogate(escaped)) {
                    scanSurrogatePairRest(escaped);
                }
            } else if (next >= 0) {
                throw error(String.format("unescaped control character 0x%02X in a string", next));
            } else {
                position += checkedUtf8Length(next, position);
            }
        }
    }

    /** Checks and skips the escape sequence at {@code position}, returning the char it stands for. */
    private char scanEscape() {
        int escaped = byteAt(position + 1, "an escape sequence");
        switch (escaped) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                position += 2;
                return JsonStringDecoder.unescaped(escaped);
            }
            case 'u' -> {
                int value = 0;
                for (int i = 2; i < 6; i++) {
                    int digit = JsonStringDecoder.hexValue(byteAt(position + i, "an escape sequence"));
                    if (digit < 0) {
                        position += i;
                        throw error("expected a hex digit in a \\u escape");
                    }
                    value = value << 4 | digit;
                }
                position += 6;
                return (char) value;
            }
            default -> throw error("invalid escape '\\" + (char) escaped + "'");
        }
    }

    /** After an escaped surrogate in a name: requires it to be high and an escaped low one to follow. */
    private void scanSurrogatePairRest(char escaped) {
        if (Character.isLowSurrogate(escaped)) {
            throw error(String.format("unpaired surrogate \\u%04X in a property name", (int) escaped));
        }
        if (peek() != '\\' || !Character.isLowSurrogate(scanEscape())) {
            throw error(String.format("unpaired surrogate \\u%04X in a property name", (int) escaped));
        }
    }

    /**
     * The length of the UTF-8 sequence starting with {@code lead} (a byte of at least 0x80) at
     * {@code index}, after checking it as Jackson does.
     */
    private int checkedUtf8Length(byte lead, int index) {
        int length = JsonStringDecoder.utf8Length(lead);
        if (length < 0) {
            throw error(String.format("invalid UTF-8 start byte 0x%02X", lead & 0xFF));
        }
        for (int i = 1; i < length; i++) {
            int continuation = byteAt(index + i, "a UTF-8 sequence");
            if ((continuation & 0xC0) != 0x80) {
                position = index + i;
                throw error(String.format("invalid UTF-8 continuation byte 0x%02X", continuation));
            }
        }
        if (length == 3) {
            int codePoint = (lead & 0x0F) << 12 | (bytes[index + 1] & 0x3F) << 6 | bytes[index + 2] & 0x3F;
            if (Character.isSurrogate((char) codePoint)) {
                throw error(String.format("invalid UTF-8: encoded surrogate U+%04X", codePoint));
            }
        }
        return length;
    }

    private Token scanNumber() {
        textStart = position;
        if (bytes[position] == '-') {
            position++;
        }
        int first = byteAt(position, "a number");
        if (first < '0' || first > '9') {
            throw unexpected(first, "a digit after '-'");
        }
        int digits = digits();
        if (first == '0' && digits > 1) {
            throw error("leading zeroes are not allowed in a number");
        }
        Token token = Token.VALUE_NUMBER_INT;
        if (peek() == '.') {
            position++;
            int fraction = digits();
            if (fraction == 0) {
                throw unexpected(peek(), "a digit after the decimal point");
            }
            digits += fraction;
            token = Token.VALUE_NUMBER_FLOAT;
        }
        int next = peek();
        if (next == 'e' || next == 'E') {
            position++;
            next = peek();
            if (next == '+' || next == '-') {
                position++;
            }
            int exponent = digits();
            if (exponent == 0) {
                throw unexpected(peek(), "a digit in the exponent");
            }
            digits += exponent;
            token = Token.VALUE_NUMBER_FLOAT;
        }
        if (digits > MAX_NUMBER_LENGTH) {
            throw error("a number is longer than " + MAX_NUMBER_LENGTH + " digits");
        }
        textEnd = position;
        return token;
    }

    private int digits() {
        int count = 0;
        while (position < end) {
            byte next = bytes[position];
            if (next < '0' || next > '9') {
                break;
            }
            position++;
            count++;
        }
        return count;
    }

    private int peek() {
        return position < end ? bytes[position] & 0xFF : -1;
    }

    private int byteAt(int index, String what) {
        if (index >= end) {
            position = end;
            throw error("unexpected end of input in " + what);
        }
        return bytes[index] & 0xFF;
    }

    /** Decoded length of the last string, only needed for names near the length limit. */
    private int nameLength() {
        int length = textEnd - textStart;
        return plainString ? length : JsonStringDecoder.decode(bytes, textStart, textEnd, new char[length], true);
    }

    // ---- errors ----

    private MalformedFrameException unexpected(int found, String expected) {
        if (found == -1) {
            return error("unexpected end of input, expected " + expected);
        }
        String shown = found >= 0x20 && found < 0x7F ? "'" + (char) found + "'" : String.format("byte 0x%02X", found);
        return error("unexpected " + shown + ", expected " + expected);
    }

    private MalformedFrameException error(String message) {
        return new MalformedFrameException(PREFIX + message + " at byte " + offset());
    }
}
