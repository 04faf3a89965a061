package dev.mq.spring.autoconfigure;

import dev.mq.spring.idempotency.InMemoryIdempotencyStore;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import java.time.Duration;

/**
 * Settings of the messaging starter, under {@code mq.}. Every value is checked when it is bound
 * ({@link #validate}), so a bad one stops the application at start-up with an error that names the
 * property.
 */
@ConfigurationProperties("mq")
public class MqProperties implements Validator {

    /** Name servers, {@code host:port}, several separated by ';'. */
    private String namesrv = "127.0.0.1:9876";

    /** How long calls other than sends (route lookups, heartbeats, admin reads) wait for an answer. */
    private Duration requestTimeout = Duration.ofSeconds(3);

    /** The part of the client id after the IP; empty for the process id and a timestamp. */
    private String instanceName;

    private final Producer producer = new Producer();

    private final Consumer consumer = new Consumer();

    private final Listener listener = new Listener();

    private final Idempotency idempotency = new Idempotency();

    private final Transaction transaction = new Transaction();

    private final Health health = new Health();

    public String getNamesrv() {
        return namesrv;
    }

    public void setNamesrv(String namesrv) {
        this.namesrv = namesrv;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public String getInstanceName() {
        return instanceName;
    }

    public void setInstanceName(String instanceName) {
        this.instanceName = instanceName;
    }

    public Producer getProducer() {
        return producer;
    }

    public Consumer getConsumer() {
        return consumer;
    }

    public Listener getListener() {
        return listener;
    }

    public Idempotency getIdempotency() {
        return idempotency;
    }

    public Transaction getTransaction() {
        return transaction;
    }

    public Health getHealth() {
        return health;
    }

    @Override
    public boolean supports(Class<?> type) {
        return MqProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        MqProperties p = (MqProperties) target;
        Checks checks = new Checks(errors);
        checks.notBlank("namesrv", p.namesrv);
        checks.positive("requestTimeout", p.requestTimeout);
        checks.positive("producer.sendTimeout", p.producer.sendTimeout);
        checks.atLeast("producer.retries", p.producer.retries, 0);
        checks.atLeast("producer.compressBodiesOver", p.producer.compressBodiesOver, 0);
        checks.atLeast("consumer.concurrency", p.consumer.concurrency, 1);
        checks.atLeast("consumer.maxRetries", p.consumer.maxRetries, 0);
        checks.positive("consumer.consumeTimeout", p.consumer.consumeTimeout);
        checks.atLeast("consumer.pullBatchSize", p.consumer.pullBatchSize, 1);
        checks.oneOf("consumer.consumeFrom", p.consumer.consumeFrom, "LAST_OFFSET", "FIRST_OFFSET");
        checks.positive("consumer.shutdownTimeout", p.consumer.shutdownTimeout);
        checks.oneOf("idempotency.store", p.idempotency.store, "auto", "memory", "jdbc", "redis");
        checks.positive("idempotency.ttl", p.idempotency.ttl);
        checks.positive("idempotency.lease", p.idempotency.lease);
        checks.between("idempotency.memory.maxKeys", p.idempotency.memory.maxKeys, 1, InMemoryIdempotencyStore.MAX_KEYS);
        checks.oneOf("idempotency.jdbc.initializeSchema", p.idempotency.jdbc.initializeSchema, "always", "never");
        checks.sqlName("idempotency.jdbc.tableName", p.idempotency.jdbc.tableName);
        checks.positive("idempotency.jdbc.cleanupInterval", p.idempotency.jdbc.cleanupInterval);
        checks.atLeast("idempotency.jdbc.cleanupBatchSize", p.idempotency.jdbc.cleanupBatchSize, 1);
        checks.notBlank("idempotency.redis.keyPrefix", p.idempotency.redis.keyPrefix);
        p.transaction.validate(checks, errors);
        p.health.validate(checks);
    }

    /** The producer behind {@code MqTemplate}. */
    public static class Producer {

        /** The producer group; defaults to spring.application.name. */
        private String group;

        /** How long one send may take, retries included. */
        private Duration sendTimeout = Duration.ofSeconds(3);

        /** Further attempts after a failed send, on another broker when the route has one. */
        private int retries = 2;

        /** Bodies of at least this many bytes are compressed (zlib, as the official client does). */
        private int compressBodiesOver = 4096;

        /** Whether brokers that failed or answered slowly are avoided for a while. */
        private boolean faultAvoidance = true;

        public String getGroup() {
            return group;
        }

        public void setGroup(String group) {
            this.group = group;
        }

        public Duration getSendTimeout() {
            return sendTimeout;
        }

        public void setSendTimeout(Duration sendTimeout) {
            this.sendTimeout = sendTimeout;
        }

        public int getRetries() {
            return retries;
        }

        public void setRetries(int retries) {
            this.retries = retries;
        }

        public int getCompressBodiesOver() {
            return compressBodiesOver;
        }

        public void setCompressBodiesOver(int compressBodiesOver) {
            this.compressBodiesOver = compressBodiesOver;
        }

        public boolean isFaultAvoidance() {
            return faultAvoidance;
        }

        public void setFaultAvoidance(boolean faultAvoidance) {
            this.faultAvoidance = faultAvoidance;
        }
    }

    /** Defaults of every {@code @MqListener}'s consumer; a listener's own attributes win. */
    public static class Consumer {

        /** Threads that run a concurrent listener's invocations. */
        private int concurrency = 20;

        /** Redeliveries after the first failure before a message goes to the dead-letter queue. */
        private int maxRetries = 16;

        /** How long one invocation may run before its message is delivered again. */
        private Duration consumeTimeout = Duration.ofMinutes(15);

        /** Messages fetched per pull request. */
        private int pullBatchSize = 128;

        /** Where a group without a committed offset starts: LAST_OFFSET, FIRST_OFFSET. */
        private String consumeFrom = "LAST_OFFSET";

        /** How long a stopping listener waits for its in-flight invocations. */
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        public int getConcurrency() {
            return concurrency;
        }

        public void setConcurrency(int concurrency) {
            this.concurrency = concurrency;
        }

        public int getMaxRetries() {
            return maxRetries;
        }

        public void setMaxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
        }

        public Duration getConsumeTimeout() {
            return consumeTimeout;
        }

        public void setConsumeTimeout(Duration consumeTimeout) {
            this.consumeTimeout = consumeTimeout;
        }

        public int getPullBatchSize() {
            return pullBatchSize;
        }

        public void setPullBatchSize(int pullBatchSize) {
            this.pullBatchSize = pullBatchSize;
        }

        public String getConsumeFrom() {
            return consumeFrom;
        }

        public void setConsumeFrom(String consumeFrom) {
            this.consumeFrom = consumeFrom;
        }

        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }
    }

    /** The listener containers. */
    public static class Listener {

        /** Whether listeners start with the application; a listener's autoStartup attribute wins. */
        private boolean autoStartup = true;

        /**
         * Whether a listener's start fails when its topic does not exist and the brokers do not create
         * topics (autoCreateTopicEnable=false).
         */
        private boolean checkTopics = true;

        public boolean isCheckTopics() {
            return checkTopics;
        }

        public void setCheckTopics(boolean checkTopics) {
            this.checkTopics = checkTopics;
        }

        public boolean isAutoStartup() {
            return autoStartup;
        }

        public void setAutoStartup(boolean autoStartup) {
            this.autoStartup = autoStartup;
        }
    }

    /** Consumer idempotency: each message key processed once per group. */
    public static class Idempotency {

        /** Which store keeps processed keys: auto (JDBC, else Redis, else memory), memory, jdbc, redis. */
        private String store = "auto";

        /** How long a processed key is remembered; a duplicate arriving later runs again. */
        private Duration ttl = Duration.ofDays(7);

        /** How long a claim holds a key against concurrent duplicates before another consumer may take it over. */
        private Duration lease = Duration.ofMinutes(5);

        private final Memory memory = new Memory();

        private final Jdbc jdbc = new Jdbc();

        private final Redis redis = new Redis();

        public String getStore() {
            return store;
        }

        public void setStore(String store) {
            this.store = store;
        }

        public Duration getTtl() {
            return ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }

        public Duration getLease() {
            return lease;
        }

        public void setLease(Duration lease) {
            this.lease = lease;
        }

        public Memory getMemory() {
            return memory;
        }

        public Jdbc getJdbc() {
            return jdbc;
        }

        public Redis getRedis() {
            return redis;
        }

        /** The in-memory store (one process only). */
        public static class Memory {

            /**
             * The newest keys always remembered; up to twice as many are held, older ones forgotten a
             * generation at a time. At most 715,827,840.
             */
            private int maxKeys = 100_000;

            public int getMaxKeys() {
                return maxKeys;
            }

            public void setMaxKeys(int maxKeys) {
                this.maxKeys = maxKeys;
            }
        }

        /** The JDBC store (PostgreSQL, MySQL, H2). */
        public static class Jdbc {

            /** Whether the store's table is created at start-up when missing: always, never. */
            private String initializeSchema = "always";

            /** The store's table. */
            private String tableName = "mq_idempotency";

            /** The least time between two deletions of expired rows (sooner while a whole batch was found). */
            private Duration cleanupInterval = Duration.ofMinutes(1);

            /** The most expired rows one deletion removes. */
            private int cleanupBatchSize = 1000;

            public String getInitializeSchema() {
                return initializeSchema;
            }

            public void setInitializeSchema(String initializeSchema) {
                this.initializeSchema = initializeSchema;
            }

            public String getTableName() {
                return tableName;
            }

            public void setTableName(String tableName) {
                this.tableName = tableName;
            }

            public Duration getCleanupInterval() {
                return cleanupInterval;
            }

            public void setCleanupInterval(Duration cleanupInterval) {
                this.cleanupInterval = cleanupInterval;
            }

            public int getCleanupBatchSize() {
                return cleanupBatchSize;
            }

            public void setCleanupBatchSize(int cleanupBatchSize) {
                this.cleanupBatchSize = cleanupBatchSize;
            }
        }

        /** The Redis store (Spring Data Redis). */
        public static class Redis {

            /** Prefix of the store's keys. */
            private String keyPrefix = "mq:idempotency:";

            public String getKeyPrefix() {
                return keyPrefix;
            }

            public void setKeyPrefix(String keyPrefix) {
                this.keyPrefix = keyPrefix;
            }
        }
    }

    /**
     * Sends bound to a database transaction ({@code MqTemplate.sendInTransaction(destination, payload)}):
     * the table that records them and how the broker's check-backs are answered.
     */
    public static class Transaction {

        /** The table that records bound sends, in the database of the application's DataSource. */
        private String tableName = "mq_transactional_send";

        /** Whether the table is created at start-up when missing: always, never. */
        private String initializeSchema = "always";

        /**
         * How old a half message without a row must be before a check-back rolls it back; longer than
         * any database transaction that sends (a younger one is answered UNKNOWN and asked again).
         */
        private Duration checkGrace = Duration.ofSeconds(60);

        /** How long rows are kept; longer than the broker checks back (its max checks times check interval). */
        private Duration retention = Duration.ofDays(1);

        /** How often rows older than the retention are deleted. */
        private Duration cleanupInterval = Duration.ofMinutes(10);

        /** Rows deleted per batch by the cleanup (at most 100 batches per run). */
        private int cleanupBatchSize = 500;

        void validate(Checks checks, Errors errors) {
            checks.sqlName("transaction.tableName", tableName);
            checks.oneOf("transaction.initializeSchema", initializeSchema, "always", "never");
            checks.positive("transaction.checkGrace", checkGrace);
            checks.positive("transaction.retention", retention);
            checks.positive("transaction.cleanupInterval", cleanupInterval);
            checks.atLeast("transaction.cleanupBatchSize", cleanupBatchSize, 1);
            if (checkGrace != null && retention != null && retention.compareTo(checkGrace) <= 0) {
                errors.rejectValue("transaction.retention", "mq.invalid",
                        "must be longer than mq.transaction.check-grace (" + checkGrace + "): a row deleted while the broker still checks back turns a committed "
                        + "message into a rolled-back one, got " + retention);
            }
        }

        public String getTableName() {
            return tableName;
        }

        public void setTableName(String tableName) {
            this.tableName = tableName;
        }

        public String getInitializeSchema() {
            return initializeSchema;
        }

        public void setInitializeSchema(String initializeSchema) {
            this.initializeSchema = initializeSchema;
        }

        public Duration getCheckGrace() {
            return checkGrace;
        }

        public void setCheckGrace(Duration checkGrace) {
            this.checkGrace = checkGrace;
        }

        public Duration getRetention() {
            return retention;
        }

        public void setRetention(Duration retention) {
            this.retention = retention;
        }

        public Duration getCleanupInterval() {
            return cleanupInterval;
        }

        public void setCleanupInterval(Duration cleanupInterval) {
            this.cleanupInterval = cleanupInterval;
        }

        public int getCleanupBatchSize() {
            return cleanupBatchSize;
        }

        public void setCleanupBatchSize(int cleanupBatchSize) {
            this.cleanupBatchSize = cleanupBatchSize;
        }
    }

    /** The {@code mq} health indicator. */
    public static class Health {

        /** How long the health check waits for the name server's answer. */
        private Duration timeout = Duration.ofSeconds(2);

        public Duration getTimeout() {
            return timeout;
        }

        public void setTimeout(Duration timeout) {
            this.timeout = timeout;
        }

        void validate(Checks checks) {
            checks.positive("health.timeout", timeout);
        }
    }
}
