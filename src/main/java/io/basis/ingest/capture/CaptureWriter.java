package io.basis.ingest.capture;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * Appends frames to a capture file (format in {@link io.basis.ingest.capture the package documentation}), gzip-
 * compressed when the file name ends in {@code .gz}.
 *
 * <p>Thread-safe: any number of threads may {@link #write} at once; each frame becomes one whole line and lines appear
 * in the order the calls took the writer's lock. Every {@code write} that returned normally is in the file once
 * {@link #close()} returns: close waits for writes in progress, flushes and finishes the gzip trailer; a write
 * after close throws {@link IllegalStateException} rather than being dropped silently. Writes are buffered;
 * {@link #flush()} pushes them (through the compressor) to the operating system, so a concurrent reader sees every
 * line written before it, but does not force them to disk.
 */
public final class CaptureWriter implements Closeable, Flushable {
    private static final int BUFFER = 64 * 1024;

    private final String target;
    private final OutputStream out;
    private long frames;
    private boolean closed;

    private CaptureWriter(OutputStream raw, String target, boolean compress) throws IOException {
        this.target = target;
        OutputStream sink = raw;
        if (compress) {
            try {
                sink = new GZIPOutputStream(raw, BUFFER, true);
            } catch (IOException e) {
                raw.close();
                throw e;
            }
        }
        this.out = new BufferedOutputStream(sink, BUFFER);
    }

    /** A writer to a new or emptied {@code file}. */
    public static CaptureWriter create(Path file) throws IOException {
        return open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    /**
     * A writer that appends to {@code file}, creating it if needed. Appending to a {@code .gz} capture adds a gzip
     * member, which readers read as a continuation of the same capture.
     */
    public static CaptureWriter append(Path file) throws IOException {
        return open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /**
     * A writer to {@code out}, which it owns and closes.
     *
     * @param compress whether to gzip what it writes
     */
    public static CaptureWriter to(OutputStream out, String target, boolean compress) throws IOException {
        return new CaptureWriter(Objects.requireNonNull(out, "out"), Objects.requireNonNull(target, "target"),
                compress);
    }

    private static CaptureWriter open(Path file, OpenOption... options) throws IOException {
        boolean compress = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
        return new CaptureWriter(Files.newOutputStream(file, options), file.toString(), compress);
    }

    /**
     * Appends one frame as one line.
     *
     * @throws IllegalArgumentException when the encoded line exceeds {@link CaptureCodec#MAX_LINE_BYTES}
     * @throws IllegalStateException    when the writer is closed
     */
    public void write(CaptureFrame frame) throws IOException {
        byte[] line = CaptureCodec.encode(frame).getBytes(StandardCharsets.UTF_8);
        if (line.length > CaptureCodec.MAX_LINE_BYTES) {
            throw new IllegalArgumentException("capture line of " + line.length + " bytes exceeds "
                    + CaptureCodec.MAX_LINE_BYTES + " for " + frame.connection());
        }
        synchronized (this) {
            ensureOpen();
            out.write(line);
            out.write('\n');
            frames++;
        }
    }

    /** Pushes buffered lines to the operating system (not to disk). */
    @Override
    public synchronized void flush() throws IOException {
        ensureOpen();
        out.flush();
    }

    /** Lines written so far. */
    public synchronized long framesWritten() {
        return frames;
    }

    /** The file (or target name) written to. */
    public String target() {
        return target;
    }

    /** Flushes, finishes the gzip stream and closes the file; later calls do nothing. */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        out.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("capture writer for " + target + " is closed");
        }
    }
}
