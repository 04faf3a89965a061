package dev.mq.message;

/**
 * Bits of a stored record's SYSFLAG field, as defined by the RocketMQ wire and store format.
 */
public final class MessageSysFlag {

    /** The body is compressed (the compression type is in bits 8-10). */
    public static final int COMPRESSED = 0x1;
    /** Tags hold several values (topic filter type MULTI_TAG). */
    public static final int MULTI_TAGS = 0x2;
    /** Mask of the two transaction-type bits. */
    public static final int TRANSACTION_TYPE_MASK = 0xC;
    /** Transaction type: a half (prepared) message. */
    public static final int TRANSACTION_PREPARED = 0x4;
    /** Transaction type: a committed message. */
    public static final int TRANSACTION_COMMIT = 0x8;
    /** Transaction type: a rolled-back message. */
    public static final int TRANSACTION_ROLLBACK = 0xC;
    /** BORNHOST is an IPv6 address (16 bytes instead of 4). */
    public static final int BORN_HOST_V6 = 0x10;
    /** STOREHOST is an IPv6 address (16 bytes instead of 4). */
    public static final int STORE_HOST_V6 = 0x20;

    private MessageSysFlag() {
    }

    /** Returns the transaction type bits of {@code sysFlag}. */
    public static int transactionType(int sysFlag) {
        return sysFlag & TRANSACTION_TYPE_MASK;
    }

    /** Returns {@code sysFlag} with its transaction type replaced by {@code type}. */
    public static int withTransactionType(int sysFlag, int type) {
        return (sysFlag & ~TRANSACTION_TYPE_MASK) | (type & TRANSACTION_TYPE_MASK);
    }
}
