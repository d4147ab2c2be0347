package io.basis.ingest.capture;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams the frames of a capture (format in {@link io.basis.ingest.capture the package documentation}) in file
 * order, one line in memory at a time, so a capture of any size can be read. Gzip is detected by its magic bytes.
 *
 * <p>In {@link Mode#STRICT} a malformed line makes {@link #hasNext()} throw a {@link MalformedCaptureException} that
 * names the source and line; the reader then continues with the next line if called again. In
 * {@link Mode#LENIENT} malformed lines are skipped and counted ({@link #skippedLines()}, first one kept as
 * {@link #firstSkipped()}), and a gzip stream that ends early or turns corrupt (a recorder killed mid-write) ends the
 * capture with {@link #truncated()} set instead of failing. I/O errors are thrown as {@link UncheckedIOException}
 * naming the source in both modes.
 *
 * <p>Not thread-safe: one thread iterates. {@link #close()} closes the underlying stream.
 */
public final class CaptureReader implements Iterator<CaptureFrame>, Closeable {
    /** How malformed lines are treated. */
    public enum Mode { STRICT, LENIENT }

    private static final int BUFFER = 64 * 1024;

    private final String source;
    private final InputStream input;
    private final LineSource lines;
    private final Mode mode;
    private CaptureFrame pending;
    private boolean done;
    private long frames;
    private long skipped;
    private MalformedCaptureException firstSkipped;
    private IOException truncation;

    private CaptureReader(InputStream input, String source, Mode mode, int maxLine) {
        this.input = input;
        this.source = source;
        this.mode = mode;
        this.lines = new LineSource(input, maxLine);
    }

    /** A strict reader over {@code file}. */
    public static CaptureReader open(Path file) throws IOException {
        return open(file, Mode.STRICT);
    }

    /** A reader over {@code file}; errors name the file by its path. */
    public static CaptureReader open(Path file, Mode mode) throws IOException {
        return of(Files.newInputStream(file), file.toString(), mode);
    }

    /**
     * A reader over {@code in}, which it owns and closes.
     *
     * @param source the name errors give for the stream, e.g. {@code "stdin"}
     */
    public static CaptureReader of(InputStream in, String source, Mode mode) throws IOException {
        return of(in, source, mode, CaptureCodec.MAX_LINE_BYTES);
    }

    static CaptureReader of(InputStream in, String source, Mode mode, int maxLine) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(mode, "mode");
        try {
            return new CaptureReader(decompressed(in), source, mode, maxLine);
        } catch (IOException e) {
            in.close();
            throw new IOException(source + ": cannot open capture: " + e.getMessage(), e);
        }
    }

    private static InputStream decompressed(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        buffered.mark(2);
        int first = buffered.read();
        int second = buffered.read();
        buffered.reset();
        boolean gzip = first == 0x1f && second == 0x8b;
        return gzip ? new GZIPInputStream(buffered, BUFFER) : buffered;
    }

    /**
     * Whether another frame follows.
     *
     * @throws MalformedCaptureException in strict mode, for a malformed line
     * @throws UncheckedIOException      when reading fails
     */
    @Override
    public boolean hasNext() {
        while (pending == null && !done) {
            readLine();
        }
        return pending != null;
    }

    @Override
    public CaptureFrame next() {
        if (!hasNext()) {
            throw new NoSuchElementException(source + ": no more frames");
        }
        CaptureFrame frame = pending;
        pending = null;
        return frame;
    }

    /** The remaining frames as a sequential stream; closing the stream closes this reader. */
    public Stream<CaptureFrame> stream() {
        Spliterator<CaptureFrame> frames = Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(frames, false).onClose(() -> {
            try {
                close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private void readLine() {
        try {
            if (!lines.next()) {
                done = true;
                return;
            }
        } catch (EOFException | ZipException e) {
            if (mode == Mode.STRICT) {
                throw failure(e);
            }
            truncation = e;
            done = true;
            return;
        } catch (IOException e) {
            throw failure(e);
        }
        if (lines.overLong()) {
            malformed("line longer than " + CaptureCodec.MAX_LINE_BYTES + " bytes");
        } else if (lines.length() > 0) {
            try {
                pending = CaptureCodec.decode(lines.buffer(), 0, lines.length());
                frames++;
            } catch (IllegalArgumentException e) {
                malformed(e.getMessage());
            }
        }
    }

    private UncheckedIOException failure(IOException e) {
        return new UncheckedIOException(
                source + ": read failed after line " + lines.lineNumber() + ": " + e.getMessage(), e);
    }

    private void malformed(String reason) {
        MalformedCaptureException error = new MalformedCaptureException(source, lines.lineNumber(), reason);
        if (mode == Mode.STRICT) {
            throw error;
        }
        skipped++;
        if (firstSkipped == null) {
            firstSkipped = error;
        }
    }

    /** The name errors give for the source. */
    public String source() {
        return source;
    }

    /** Frames returned or about to be returned so far. */
    public long framesRead() {
        return frames;
    }

    /** The number of the last line read (1-based; 0 before the first). */
    public long lineNumber() {
        return lines.lineNumber();
    }

    /** Malformed lines skipped so far (lenient mode; always 0 in strict mode). */
    public long skippedLines() {
        return skipped;
    }

    /** The first malformed line skipped, with its line number and reason (lenient mode). */
    public Optional<MalformedCaptureException> firstSkipped() {
        return Optional.ofNullable(firstSkipped);
    }

    /** Whether the compressed stream ended early or was corrupt, ending the capture there (lenient mode). */
    public boolean truncated() {
        return truncation != null;
    }

    @Override
    public void close() throws IOException {
        done = true;
        pending = null;
        input.close();
    }
}
