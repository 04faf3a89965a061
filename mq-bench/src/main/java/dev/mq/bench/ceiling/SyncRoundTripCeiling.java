package dev.mq.bench.ceiling;

import dev.mq.bench.load.ProcessCpu;
import dev.mq.message.TopicNames;
import dev.mq.protocol.RemotingCommand;
import dev.mq.protocol.RemotingCommandCodec;
import dev.mq.protocol.RequestCode;
import dev.mq.protocol.ResponseCode;
import dev.mq.protocol.SerializeType;
import dev.mq.protocol.header.SendMessageHeader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code java -jar mq-bench.jar sync-ceiling --broker host:port [--connection own|shared]
 * [--threads n] [--size b] [--warmup s] [--duration s]}: the least CPU a synchronous send can cost
 * a client on this machine. Every thread sends one SEND_MESSAGE_V2 frame, encoded once before the
 * run, to the broker (the null broker, so that the broker adds nothing) and waits for the whole
 * answer before the next: no encoding, no decoding, no futures.
 *
 * <ul>
 *   <li>{@code own}: each thread has a blocking socket of its own and reads its answer itself: only
 *       the socket write, the blocking read and its wake-up. No client can do less.</li>
 *   <li>{@code shared}: one connection for all threads, as the official client and ours share one
 *       per broker: each thread writes its frame itself (under a lock) and parks; one reader thread
 *       reads the answers, finds each one's sender by its opaque (binary headers, so it sits at a
 *       fixed place) and unparks it. Adds only the hand-off a shared connection cannot do without.</li>
 * </ul>
 *
 * Prints one line of JSON with {@code throughput} and {@code cpuMicrosPerMessage} (this process,
 * every thread, over the window after the warm-up), as the load tool's {@code produce --json} does.
 */
public final class SyncRoundTripCeiling {

    public static final String NAME = "sync-ceiling";

    /** Parsed options. */
    record Options(String host, int port, boolean shared, int threads, int size, Duration warmup,
                   Duration duration) {
    }

    /** In a binary-header frame: where the opaque sits, counted from the header word (after the length field). */
    private static final int OPAQUE_AFTER_LENGTH = 4 + 2 + 1 + 2;
    /** In a binary-header frame: where the response code sits, counted from the header word. */
    private static final int CODE_AFTER_LENGTH = 4;

    private final Options options;
    private final byte[] frame;
    private final AtomicLongArray counts;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopping;

    SyncRoundTripCeiling(Options options) {
        this.options = options;
        this.frame = encodedSend(options.size(), options.shared() ? SerializeType.ROCKETMQ : SerializeType.JSON);
        this.counts = new AtomicLongArray(options.threads() * 16); // one cache line per thread's counter
    }

    /** Runs the ceiling; 0 when it ran, 1 when a connection failed, 2 for bad options. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(usage());
            return 2;
        }
        if (options == null) {
            out.print(usage());
            return 0;
        }
        try {
            out.println(new SyncRoundTripCeiling(options).measure());
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("sync-ceiling failed: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("sync-ceiling interrupted");
            return 1;
        }
    }

    /** Runs the senders through the warm-up and the measured window; the result as one line of JSON. */
    String measure() throws IOException, InterruptedException {
        return options.shared() ? measureShared() : measureOwn();
    }

    private String measureOwn() throws IOException, InterruptedException {
        List<Socket> sockets = new ArrayList<>();
        List<Thread> senders = new ArrayList<>();
        try {
            for (int i = 0; i < options.threads(); i++) {
                Socket socket = new Socket();
                sockets.add(socket);
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(options.host(), options.port()), 3_000);
                int slot = i * 16;
                Thread sender = new Thread(() -> sendLoop(socket, slot), "sync-ceiling-" + i);
                senders.add(sender);
            }
            senders.forEach(Thread::start);
            return window();
        } finally {
            stopping = true;
            for (Socket socket : sockets) {
                socket.close(); // ends a sender blocked in read
            }
            for (Thread sender : senders) {
                sender.join(5_000);
            }
        }
    }

    /** Waits out the warm-up, measures the window, and stops the senders; the result as JSON. */
    private String window() throws IOException, InterruptedException {
        Thread.sleep(options.warmup().toMillis());
        long messagesBefore = total();
        long cpuBefore = ProcessCpu.selfNanos();
        long start = System.nanoTime();
        Thread.sleep(options.duration().toMillis());
        long messages = total() - messagesBefore;
        long cpu = ProcessCpu.selfNanos() - cpuBefore;
        double seconds = (System.nanoTime() - start) / 1e9;
        stopping = true;
        Throwable failed = failure.get();
        if (failed != null) {
            throw new IOException("a sender failed: " + failed, failed);
        }
        return String.format(Locale.ROOT,
                "{\"command\":\"%s\",\"connection\":\"%s\",\"threads\":%d,\"size\":%d,\"messages\":%d,"
                        + "\"seconds\":%.3f,\"throughput\":%.3f,\"cpuMicrosPerMessage\":%.3f}",
                NAME, options.shared() ? "shared" : "own", options.threads(), options.size(), messages, seconds,
                messages / seconds, messages == 0 || cpu < 0 ? -1.0 : cpu / 1e3 / messages);
    }

    /** A sender of the shared connection: parked until the reader sets {@code answered}. */
    private static final class Waiter {
        final byte[] frame;
        volatile Thread thread;
        volatile boolean answered;

        Waiter(byte[] frame) {
            this.frame = frame;
        }
    }

    private String measureShared() throws IOException, InterruptedException {
        SocketChannel channel = SocketChannel.open();
        List<Thread> threads = new ArrayList<>();
        Waiter[] waiters = new Waiter[options.threads()];
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(new InetSocketAddress(options.host(), options.port()));
            Object writeLock = new Object();
            for (int i = 0; i < waiters.length; i++) {
                byte[] own = frame.clone();
                ByteBuffer.wrap(own).putInt(4 + OPAQUE_AFTER_LENGTH, i); // the opaque names the sender
                Waiter waiter = new Waiter(own);
                waiters[i] = waiter;
                int slot = i * 16;
                threads.add(new Thread(() -> sharedSendLoop(channel, writeLock, waiter, slot), "sync-ceiling-" + i));
            }
            threads.add(new Thread(() -> readLoop(channel, waiters), "sync-ceiling-reader"));
            threads.forEach(Thread::start);
            return window();
        } finally {
            stopping = true;
            channel.close(); // ends the reader's blocking read
            for (Waiter waiter : waiters) {
                if (waiter != null && waiter.thread != null) {
                    LockSupport.unpark(waiter.thread);
                }
            }
            for (Thread thread : threads) {
                thread.join(5_000);
            }
        }
    }

    private void sharedSendLoop(SocketChannel channel, Object writeLock, Waiter waiter, int slot) {
        waiter.thread = Thread.currentThread();
        ByteBuffer out = ByteBuffer.wrap(waiter.frame);
        try {
            while (!stopping) {
                out.clear();
                synchronized (writeLock) {
                    while (out.hasRemaining()) {
                        channel.write(out);
                    }
                }
                while (!waiter.answered && !stopping) {
                    LockSupport.park(this);
                }
                waiter.answered = false;
                counts.lazySet(slot, counts.get(slot) + 1);
            }
        } catch (IOException | RuntimeException e) {
            if (!stopping) {
                failure.compareAndSet(null, e);
            }
        }
    }

    private void readLoop(SocketChannel channel, Waiter[] waiters) {
        try {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel), 64 * 1024));
            byte[] answer = new byte[4096];
            while (!stopping) {
                int length = in.readInt();
                if (length > answer.length) {
                    answer = new byte[length];
                }
                in.readFully(answer, 0, length);
                ByteBuffer view = ByteBuffer.wrap(answer, 0, length);
                if (view.getShort(CODE_AFTER_LENGTH) != ResponseCode.SUCCESS) {
                    requireSuccess(answer, length); // throws, naming the code and remark
                }
                Waiter waiter = waiters[view.getInt(OPAQUE_AFTER_LENGTH)];
                waiter.answered = true;
                LockSupport.unpark(waiter.thread);
            }
        } catch (IOException | RuntimeException e) {
            if (!stopping) {
                failure.compareAndSet(null, e);
                stopping = true;
                for (Waiter waiter : waiters) {
                    LockSupport.unpark(waiter.thread);
                }
            }
        }
    }

    private void sendLoop(Socket socket, int slot) {
        try {
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
            byte[] answer = new byte[4096];
            boolean first = true;
            while (!stopping) {
                out.write(frame);
                int length = in.readInt();
                if (length > answer.length) {
                    answer = new byte[length];
                }
                in.readFully(answer, 0, length);
                if (first) {
                    requireSuccess(answer, length);
                    first = false;
                }
                counts.lazySet(slot, counts.get(slot) + 1);
            }
        } catch (IOException | RuntimeException e) {
            if (!stopping) {
                failure.compareAndSet(null, e);
            }
        }
    }

    private long total() {
        long total = 0;
        for (int i = 0; i < options.threads(); i++) {
            total += counts.get(i * 16);
        }
        return total;
    }

    /** The broker must accept the send: a ceiling of refused sends would measure nothing. */
    private static void requireSuccess(byte[] answer, int length) {
        RemotingCommand response = RemotingCommandCodec.decode(Unpooled.wrappedBuffer(answer, 0, length));
        if (response.code() != ResponseCode.SUCCESS) {
            throw new IllegalStateException("the broker refused the send: code " + response.code() + ", "
                    + response.remark());
        }
    }

    /** One SEND_MESSAGE_V2 frame, length field included, as a client would send it. */
    static byte[] encodedSend(int size, SerializeType type) {
        RemotingCommand request = RemotingCommand.request(RequestCode.SEND_MESSAGE_V2).setSerializeType(type);
        new SendMessageHeader("sync_ceiling", "SyncCeiling", TopicNames.AUTO_CREATE_TEMPLATE,
                SendMessageHeader.DEFAULT_TOPIC_QUEUE_NUMS, 0, 0, System.currentTimeMillis(), 0, null, 0,
                Boolean.FALSE, null, false, null).writeV2To(request);
        request.setBody(new byte[size]);
        ByteBuf encoded = RemotingCommandCodec.encode(request, UnpooledByteBufAllocator.DEFAULT);
        try {
            return ByteBufUtil.getBytes(encoded);
        } finally {
            encoded.release();
        }
    }

    /** The options, or null when help was asked for. */
    static Options parse(String[] args) {
        String broker = null;
        boolean shared = false;
        int threads = 32;
        int size = 1024;
        Duration warmup = Duration.ofSeconds(10);
        Duration duration = Duration.ofSeconds(30);
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                return null;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name.startsWith("--") ? name + " needs a value" : "unknown argument " + name);
            }
            String value = args[++i];
            switch (name) {
                case "--broker" -> broker = value;
                case "--connection" -> shared = switch (value) {
                    case "own" -> false;
                    case "shared" -> true;
                    default -> throw new IllegalArgumentException("--connection must be own or shared, got '" + value + "'");
                };
                case "--threads" -> threads = (int) NullBrokerCommand.number(name, value, 1, 10_000);
                case "--size" -> size = (int) NullBrokerCommand.number(name, value, 1, NullBrokerCommand.MAX_SIZE);
                case "--warmup" -> warmup = Duration.ofSeconds(NullBrokerCommand.number(name, strip(value), 0, 3_600));
                case "--duration" -> duration = Duration.ofSeconds(NullBrokerCommand.number(name, strip(value), 1, 3_600));
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (broker == null) {
            throw new IllegalArgumentException("--broker host:port is required");
        }
        int colon = broker.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("--broker must be host:port, got '" + broker + "'");
        }
        int port = (int) NullBrokerCommand.number("--broker", broker.substring(colon + 1), 1, 65_535);
        return new Options(broker.substring(0, colon), port, shared, threads, size, warmup, duration);
    }

    private static String strip(String seconds) {
        return seconds.endsWith("s") ? seconds.substring(0, seconds.length() - 1) : seconds;
    }

    static String usage() {
        return """
                usage: java -jar mq-bench.jar sync-ceiling --broker host:port [options]

                The least CPU per message a synchronous send can cost a client on this machine: each
                thread sends a SEND_MESSAGE_V2 frame encoded once before the run and waits for the whole
                answer before the next. Run it against the null broker. Prints one line of JSON
                (throughput, cpuMicrosPerMessage of this process).

                options (defaults in brackets):
                  --broker host:port    the broker to send to (required)
                  --connection own|shared
                                        own: a blocking socket per thread, each reading its answer;
                                        shared: one connection, each thread writes and parks, one
                                        reader thread wakes it by the answer's opaque [own]
                  --threads n           sending threads, one connection each [32]
                  --size bytes          body size [1024]
                  --warmup s            seconds before the measured window [10]
                  --duration s          seconds measured [30]
                """;
    }
}
