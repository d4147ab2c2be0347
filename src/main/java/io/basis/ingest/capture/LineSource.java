package io.basis.ingest.capture;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at {@code \n}, dropping a {@code \r} before it and a UTF-8 byte-order mark at the
 * start. Lines are kept as bytes so a bad UTF-8 sequence spoils only its own line. A line longer than the limit is
 * reported as over-long and skipped up to its line end rather than held in memory. Not thread-safe.
 */
final class LineSource {
    private static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final int maxLine;
    private final byte[] chunk = new byte[CHUNK];
    private int chunkPos;
    private int chunkEnd;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean overLong;
    private long lineNumber;
    private boolean eof;

    LineSource(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = maxLine;
    }

    /** Reads the next line; false at end of input. */
    boolean next() throws IOException {
        lineLength = 0;
        overLong = false;
        boolean any = false;
        while (true) {
            if (chunkPos == chunkEnd && !fill()) {
                break;
            }
            any = true;
            int newline = indexOfNewline();
            int end = newline < 0 ? chunkEnd : newline;
            append(chunkPos, end);
            if (newline >= 0) {
                chunkPos = newline + 1;
                break;
            }
            chunkPos = chunkEnd;
        }
        if (!any) {
            return false;
        }
        lineNumber++;
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
        if (lineLength > maxLine) {
            overLong = true;
        }
        if (lineNumber == 1 && lineLength >= 3 && (line[0] & 0xFF) == 0xEF && (line[1] & 0xFF) == 0xBB
                && (line[2] & 0xFF) == 0xBF) {
            System.arraycopy(line, 3, line, 0, lineLength - 3);
            lineLength -= 3;
        }
        return true;
    }

    byte[] buffer() {
        return line;
    }

    int length() {
        return lineLength;
    }

    /** Whether the current line exceeded the limit; its content is then incomplete. */
    boolean overLong() {
        return overLong;
    }

    /** The 1-based number of the current line, or of the last line read. */
    long lineNumber() {
        return lineNumber;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(chunk, 0, CHUNK);
        while (n == 0) {
            n = in.read(chunk, 0, CHUNK);
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        chunkPos = 0;
        chunkEnd = n;
        return true;
    }

    private int indexOfNewline() {
        for (int i = chunkPos; i < chunkEnd; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void append(int from, int to) {
        int count = to - from;
        if (overLong || count == 0) {
            return;
        }
        // one extra byte so a trailing '\r' does not count against the limit
        if (lineLength + count > maxLine + 1) {
            overLong = true;
            return;
        }
        if (lineLength + count > line.length) {
            line = Arrays.copyOf(line, Math.max(lineLength + count, Math.min(line.length * 2, maxLine + 1)));
        }
        System.arraycopy(chunk, from, line, lineLength, count);
        lineLength += count;
    }
}
