package dev.mq.protocol.header;

import dev.mq.protocol.RemotingCommand;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One header under test, described by hand so that the tests do not trust the record's own
 * constants: a record with every component set and the ext fields Apache peers use for it
 * ({@code wire}, written out literally from remoting-protocol.md), the names {@code read} requires,
 * and what {@code read} makes of the required fields alone ({@code minimal}, with {@code defaults}
 * being the fields the minimal record still writes because the server defaults them).
 *
 * @param name     shown in test names
 * @param code     the request code, or the response code for a response
 * @param response whether the header belongs to a response
 * @param reader   the record's {@code read}
 * @param writer   how the record is written ({@link CommandHeader#writeTo} unless the case says otherwise)
 * @param full     a record with no null component
 * @param wire     the ext fields of {@code full}, by Apache's names
 * @param required the names {@code read} requires, each a key of {@code wire}
 * @param minimal  what {@code read} returns for the required fields of {@code wire} alone
 * @param defaults the fields {@code minimal} writes besides the required ones (defaulted primitives)
 */
record HeaderCase<H extends CommandHeader>(String name, int code, boolean response,
                                           Function<RemotingCommand, H> reader, BiConsumer<H, RemotingCommand> writer,
                                           H full, Map<String, String> wire, List<String> required, H minimal,
                                           Map<String, String> defaults) {

    HeaderCase {
        for (String field : required) {
            if (!wire.containsKey(field)) {
                throw new IllegalArgumentException(name + ": required field " + field + " is not in the wire map");
            }
        }
    }

    /** A request case written with {@link CommandHeader#writeTo}. */
    static <H extends CommandHeader> HeaderCase<H> request(String name, int code, Function<RemotingCommand, H> reader,
                                                           H full, Map<String, String> wire, H minimal,
                                                           Map<String, String> defaults, String... required) {
        return new HeaderCase<>(name, code, false, reader, CommandHeader::writeTo, full, wire, List.of(required),
                minimal, defaults);
    }

    /** A response case written with {@link CommandHeader#writeTo}. */
    static <H extends CommandHeader> HeaderCase<H> response(String name, int code, Function<RemotingCommand, H> reader,
                                                            H full, Map<String, String> wire, H minimal,
                                                            Map<String, String> defaults, String... required) {
        return new HeaderCase<>(name, code, true, reader, CommandHeader::writeTo, full, wire, List.of(required),
                minimal, defaults);
    }

    /** The same case written by another method (e.g. the send header's letters). */
    HeaderCase<H> writtenWith(BiConsumer<H, RemotingCommand> otherWriter) {
        return new HeaderCase<>(name, code, response, reader, otherWriter, full, wire, required, minimal, defaults);
    }

    /** Key/value pairs, in order. */
    static Map<String, String> wire(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must pair up");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (map.put(keysAndValues[i], keysAndValues[i + 1]) != null) {
                throw new IllegalArgumentException("duplicate key " + keysAndValues[i]);
            }
        }
        return map;
    }

    /** An empty command of this case's code and direction. */
    RemotingCommand emptyCommand() {
        return response ? RemotingCommand.response(code, null) : RemotingCommand.request(code);
    }

    /** A command of this case's code carrying exactly {@code fields}. */
    RemotingCommand command(Map<String, String> fields) {
        RemotingCommand command = emptyCommand();
        fields.forEach(command::putExt);
        return command;
    }

    /** A command of this case's code into which {@code header} was written. */
    RemotingCommand written(H header) {
        RemotingCommand command = emptyCommand();
        writer.accept(header, command);
        return command;
    }

    H read(RemotingCommand command) {
        return reader.apply(command);
    }

    /** The required fields of {@link #wire()}, with their values. */
    Map<String, String> requiredWire() {
        Map<String, String> fields = new LinkedHashMap<>();
        required.forEach(field -> fields.put(field, wire.get(field)));
        return fields;
    }

    /** What {@link #minimal()} writes: the required fields plus the defaulted ones. */
    Map<String, String> minimalWire() {
        Map<String, String> fields = requiredWire();
        fields.putAll(defaults);
        return fields;
    }

    @Override
    public String toString() {
        return name;
    }
}
