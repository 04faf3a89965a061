package dev.mq.store.internal;

import dev.mq.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MappedFileTest {

    @TempDir
    Path dir;

    @Test
    void aDestroyedFileIsUnlinkedAtOnceButStaysReadableUntilTheLastReaderReleasesIt() {
        Path path = dir.resolve(FileNames.offsetToName(0));
        MappedFile file = MappedFile.create(path, 0, 8192);
        file.mapping().putLong(0, 42L);
        assertThat(file.retain()).isTrue();
        ByteBuffer slice = file.slice(0, 8);

        file.destroy();

        assertThat(Files.exists(path)).isFalse();
        assertThat(slice.getLong(0)).isEqualTo(42L);
        assertThat(file.retain()).as("no new readers after destroy").isFalse();
        MappedFile sameName = MappedFile.create(path, 0, 8192);
        file.release();
        assertThat(Files.exists(path)).as("a late release never deletes a new file of the same name").isTrue();
        sameName.close();
    }

    @Test
    void aFileMappedWithoutADescriptorHoldsNoneAndStillReadsWritesAndForces() throws IOException {
        long before = openDescriptors();
        List<MappedFile> files = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            files.add(MappedFile.createWithoutDescriptor(dir.resolve("q" + i), 0, 8192));
        }
        assertThat(openDescriptors()).isLessThan(before + 10);

        MappedFile file = files.get(0);
        file.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), 4096);
        assertThat(file.mapping().get(4097)).isEqualTo((byte) 2);
        file.mapping().putLong(0, 42L);
        file.force(0, 8);
        file.forceData();
        ByteBuffer back = ByteBuffer.allocate(8);
        file.read(back, 0);
        assertThat(back.getLong(0)).isEqualTo(42L);
        files.forEach(MappedFile::close);

        MappedFile reopened = MappedFile.openWithoutDescriptor(dir.resolve("q0"), 0, 8192);
        assertThat(reopened.mapping().getLong(0)).isEqualTo(42L);
        assertThat(reopened.mapping().get(4099)).isEqualTo((byte) 4);
        reopened.close();
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.count();
        }
    }

    @Test
    void closeAndDestroyAreIdempotent() {
        MappedFile file = MappedFile.create(dir.resolve("f"), 0, 4096);
        file.close();
        file.close();
        file.destroy();
        assertThat(file.retain()).isFalse();
    }

    @Test
    void aShortFileIsExtendedWithZerosAndALongerOneRefused() throws Exception {
        Path shortFile = dir.resolve("short");
        Files.write(shortFile, new byte[] {1, 2, 3});
        MappedFile file = MappedFile.open(shortFile, 0, 4096);
        assertThat(file.mapping().get(2)).isEqualTo((byte) 3);
        assertThat(file.mapping().get(4000)).isZero();
        file.close();

        Path longFile = dir.resolve("long");
        Files.write(longFile, new byte[8192]);
        assertThatThrownBy(() -> MappedFile.open(longFile, 0, 4096))
                .isInstanceOf(StoreException.class).hasMessageContaining("configured size");
    }

    @Test
    void creatingOverAnExistingFileFails() throws Exception {
        Path existing = Files.write(dir.resolve("exists"), new byte[10]);
        assertThatThrownBy(() -> MappedFile.create(existing, 0, 4096)).isInstanceOf(StoreException.class)
                .hasMessageContaining(existing.toString());
    }

    @Test
    void aChannelWriteIsVisibleThroughTheMapping() {
        MappedFile file = MappedFile.create(dir.resolve("w"), 0, 4096);
        file.write(ByteBuffer.wrap(new byte[] {1, 2, 3, 4}), 100);
        assertThat(file.mapping().getInt(100)).isEqualTo(0x01020304);
        assertThatThrownBy(() -> file.write(ByteBuffer.allocate(8), 4092)).isInstanceOf(IllegalArgumentException.class);
        file.close();
    }

    @Test
    void zeroFromClearsTheTailOnly() {
        MappedFile file = MappedFile.create(dir.resolve("z"), 0, 4096);
        for (int i = 0; i < 4096; i++) {
            file.mapping().put(i, (byte) 7);
        }
        file.zeroFrom(1001);
        assertThat(file.mapping().get(1000)).isEqualTo((byte) 7);
        for (int i = 1001; i < 4096; i++) {
            assertThat(file.mapping().get(i)).isZero();
        }
        file.close();
    }

    @Test
    void zeroFromThroughTheChannelClearsTheTailOnlyAcrossChunks() {
        int size = 3 << 20; // three chunks
        MappedFile file = MappedFile.create(dir.resolve("zc"), 0, size);
        for (int i : new int[] {1000, 1001, 5000, (1 << 20) - 1, (2 << 20) + 17, size - 1}) {
            file.mapping().put(i, (byte) 7);
        }
        file.zeroFromThroughChannel(1001);
        assertThat(file.mapping().get(1000)).isEqualTo((byte) 7);
        for (int i : new int[] {1001, 5000, (1 << 20) - 1, (2 << 20) + 17, size - 1}) {
            assertThat(file.mapping().get(i)).as("byte %d", i).isZero();
        }
        file.close();
    }

    @Test
    void fileNamesAreTwentyDigitOffsetsAndInvertible() {
        assertThat(FileNames.offsetToName(1073741824L)).isEqualTo("00000000001073741824");
        assertThat(FileNames.nameToOffset("00000000001073741824")).isEqualTo(1073741824L);
        assertThat(FileNames.nameToOffset("0000000000107374182x")).isEqualTo(-1);
        assertThat(FileNames.nameToOffset("abc")).isEqualTo(-1);
    }
}
