package dev.mq.bench.load;

/**
 * {@code --client spring}: the consume side only, an {@code @MqListener} of this project's Spring Boot
 * starter in a minimal Spring Boot application ({@link SpringReceiver}). The starter's consumer is
 * this project's client, so failures are named as {@link OurClient} names them.
 */
final class SpringClient implements LoadClient {

    private final LoadOptions options;

    SpringClient(LoadOptions options) {
        this.options = options;
    }

    @Override
    public Sender sender(String instance) {
        // LoadOptions rejects --client spring for every command but consume
        throw new UnsupportedOperationException("--client spring has only a consume side (an @MqListener)");
    }

    @Override
    public Receiver receiver(String instance, int threads, boolean fromFirst, Receiver.Listener listener) {
        return new SpringReceiver(options, instance, threads, fromFirst, listener);
    }

    @Override
    public String errorKind(Throwable error) {
        return new OurClient(options).errorKind(error);
    }
}
