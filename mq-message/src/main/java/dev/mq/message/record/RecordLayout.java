package dev.mq.message.record;

import dev.mq.message.MessageSysFlag;

/**
 * Byte layout of a stored record (big-endian), identical to RocketMQ's commit-log record and to
 * one unit of a pull response body.
 *
 * <pre>
 *  0 TOTALSIZE      int    length of the record including this field
 *  4 MAGICCODE      int    {@link #MAGIC_V1} (1-byte topic length) or {@link #MAGIC_V2} (2-byte)
 *  8 BODYCRC        int    CRC32 of the body &amp; 0x7FFFFFFF
 * 12 QUEUEID        int
 * 16 FLAG           int
 * 20 QUEUEOFFSET    long   logical offset in the consume queue
 * 28 PHYSICALOFFSET long   commit-log offset of this record
 * 36 SYSFLAG        int
 * 40 BORNTIMESTAMP  long
 * 48 BORNHOST       4+4 (IPv4) or 16+4 (IPv6) bytes: address, port
 *  . STORETIMESTAMP long
 *  . STOREHOST      4+4 or 16+4 bytes
 *  . RECONSUMETIMES int
 *  . PREPAREDTRANSACTIONOFFSET long
 *  . BODYLENGTH int, BODY
 *  . TOPICLENGTH byte (v1) or short (v2), TOPIC (UTF-8)
 *  . PROPERTIESLENGTH short, PROPERTIES (UTF-8)
 * </pre>
 *
 * <p>A segment that cannot hold the next record ends with a blank record: TOTALSIZE = the bytes
 * left in the segment, MAGICCODE = {@link #MAGIC_BLANK}.
 */
public final class RecordLayout {

    /** Magic of a record whose topic length is one byte. */
    public static final int MAGIC_V1 = 0xDAA320A7;
    /** Magic of a record whose topic length is two bytes. */
    public static final int MAGIC_V2 = 0xDAA320AB;
    /** Magic of the filler record that ends a segment. */
    public static final int MAGIC_BLANK = 0xCBD43194;
    /** Bytes a blank record needs: TOTALSIZE and MAGICCODE. */
    public static final int BLANK_SIZE = 8;

    /** Longest topic (in UTF-8 bytes) written with the v1 magic. */
    public static final int MAX_TOPIC_BYTES = 127;
    /** Longest topic the v2 layout can hold. */
    public static final int MAX_TOPIC_BYTES_V2 = Short.MAX_VALUE;
    /** Longest properties string (UTF-8 bytes). */
    public static final int MAX_PROPERTIES_BYTES = Short.MAX_VALUE;

    public static final int TOTAL_SIZE = 0;
    public static final int MAGIC = 4;
    public static final int BODY_CRC = 8;
    public static final int QUEUE_ID = 12;
    public static final int FLAG = 16;
    public static final int QUEUE_OFFSET = 20;
    public static final int PHYSICAL_OFFSET = 28;
    public static final int SYS_FLAG = 36;
    public static final int BORN_TIMESTAMP = 40;
    public static final int BORN_HOST = 48;

    private RecordLayout() {
    }

    /** Bytes of a host field: address plus port. */
    public static int hostLength(boolean ipv6) {
        return (ipv6 ? 16 : 4) + 4;
    }

    /** Position of STORETIMESTAMP for a record with these sysFlag bits. */
    public static int storeTimestampPosition(int sysFlag) {
        return BORN_HOST + hostLength((sysFlag & MessageSysFlag.BORN_HOST_V6) != 0);
    }

    /** Position of STOREHOST for a record with these sysFlag bits. */
    public static int storeHostPosition(int sysFlag) {
        return storeTimestampPosition(sysFlag) + 8;
    }

    /** Position of RECONSUMETIMES for a record with these sysFlag bits. */
    public static int reconsumeTimesPosition(int sysFlag) {
        return storeHostPosition(sysFlag) + hostLength((sysFlag & MessageSysFlag.STORE_HOST_V6) != 0);
    }

    /** Position of BODYLENGTH for a record with these sysFlag bits. */
    public static int bodyLengthPosition(int sysFlag) {
        return reconsumeTimesPosition(sysFlag) + 4 + 8;
    }

    /** Total record length for the given variable parts. */
    public static int recordLength(int sysFlag, int bodyLength, int topicLength, int propertiesLength) {
        int topicLengthField = topicLength > MAX_TOPIC_BYTES ? 2 : 1;
        return bodyLengthPosition(sysFlag) + 4 + bodyLength + topicLengthField + topicLength + 2 + propertiesLength;
    }
}
