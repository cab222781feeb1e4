package io.gauntlet.core.experiment;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A run's checkpoint: the harness counters (completed iterations, environment steps, elapsed wall time) and the
 * algorithm's {@link TrainingState}, in one binary file ({@code checkpoint/state.bin}: doubles as raw bits, so the
 * restore is exact). Written to a temporary file and moved into place atomically, so a crash leaves either the
 * previous checkpoint or the new one, never a torn one; a trailing marker detects truncation anyway.
 */
record Checkpoint(int iterations, long totalEnvSteps, double elapsedSeconds, TrainingState state) {
    static final String FILE = "state.bin";
    private static final long MAGIC = 0x474E544C434B5031L; // "GNTLCKP1"
    private static final long END = 0x474E544C454E4421L; // "GNTLEND!"

    void writeAtomically(Path dir) throws IOException {
        Files.createDirectories(dir);
        // Arrays go in bulk through a ByteBuffer: algorithms checkpoint every few seconds, and one DataOutputStream
        // call per double cost PPO on CartPole 4% of its time. Same layout as writeDouble/writeLong (big-endian).
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeLong(MAGIC);
            out.writeInt(iterations);
            out.writeLong(totalEnvSteps);
            out.writeDouble(elapsedSeconds);
            out.writeInt(state.doubleNames().size());
            for (String name : state.doubleNames()) {
                double[] v = state.doubles(name);
                out.writeUTF(name);
                out.writeInt(v.length);
                ByteBuffer b = ByteBuffer.allocate(8 * v.length);
                b.asDoubleBuffer().put(v);
                out.write(b.array());
            }
            out.writeInt(state.longNames().size());
            for (String name : state.longNames()) {
                long[] v = state.longs(name);
                out.writeUTF(name);
                out.writeInt(v.length);
                ByteBuffer b = ByteBuffer.allocate(8 * v.length);
                b.asLongBuffer().put(v);
                out.write(b.array());
            }
            out.writeLong(END);
        }
        // A fixed temporary name (the run lock admits one writer); createTempFile would seed a SecureRandom.
        Path tmp = dir.resolve(FILE + ".tmp");
        try {
            Files.write(tmp, bytes.toByteArray());
            Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The checkpoint in {@code dir}, or empty when there is none; an unreadable one is an IOException. */
    static Optional<Checkpoint> read(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readLong() != MAGIC) throw new IOException("not a Gauntlet checkpoint: " + file);
            int iterations = in.readInt();
            long steps = in.readLong();
            double elapsed = in.readDouble();
            TrainingState state = new TrainingState();
            int nd = in.readInt();
            for (int i = 0; i < nd; i++) {
                String name = in.readUTF();
                double[] v = new double[in.readInt()];
                for (int j = 0; j < v.length; j++) v[j] = in.readDouble();
                state.putDoubles(name, v);
            }
            int nl = in.readInt();
            for (int i = 0; i < nl; i++) {
                String name = in.readUTF();
                long[] v = new long[in.readInt()];
                for (int j = 0; j < v.length; j++) v[j] = in.readLong();
                state.putLongs(name, v);
            }
            if (in.readLong() != END) throw new IOException("checkpoint is incomplete: " + file);
            return Optional.of(new Checkpoint(iterations, steps, elapsed, state));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (EOFException e) {
            throw new IOException("checkpoint is truncated: " + file, e);
        }
    }
}
