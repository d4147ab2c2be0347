package io.basis.ingest.capture;

import io.basis.ingest.capture.CaptureReader.Mode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CaptureMalformedLinesTest {
    private static final String GOOD_1 = "{\"t\":\"2026-01-02T03:04:05.000001Z\",\"c\":\"ws://h/a\",\"d\":\"in\",\"m\":\"1\"}";
    private static final String GOOD_2 = "{\"t\":\"2026-01-02T03:04:05.000002Z\",\"c\":\"ws://h/a\",\"d\":\"in\",\"m\":\"2\"}";

    @TempDir Path dir;

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not json at all | not valid JSON",
        "[1,2] | not a JSON object",
        "`{\"t\":\"2026-01-02T03:04:05Z\",\"c\":\"ws://h\",\"m\":\"x\"}` | missing key \"d\"",
        "`{\"t\":\"2026-01-02T03:04:05Z\",\"c\":\"ws://h\",\"d\":\"sideways\",\"m\":\"x\"}` | unknown \"d\"",
        "`{\"t\":\"yesterday\",\"c\":\"ws://h\",\"d\":\"in\",\"m\":\"x\"}` | not an ISO-8601 instant",
        "`{\"t\":1767323045,\"c\":\"ws://h\",\"d\":\"in\",\"m\":\"x\"}` | \"t\" is not a string",
        "`{\"t\":\"2026-01-02T03:04:05Z\",\"c\":\"\",\"d\":\"in\",\"m\":\"x\"}` | must not be blank",
        "`{\"t\":\"2026-01-02T03:04:05Z\",\"c\":\"ws://h\",\"d\":\"in\",\"m\":{\"a\":1}}` | \"m\" is not a string",
        "`{\"t\":\"2026-01-02T03:04:05Z\",\"c\":\"ws://h\",\"d\":\"in\",\"m\":\"x\",\"s\":200}` | only on a REST",
        "`{\"t\":\"2026-01-02T03:04:05Z\",\"c\":\"http://h/x\",\"d\":\"in\",\"m\":\"x\"}` | needs its HTTP status",
        "`{\"t\":\"2026-01-02T03:04:05Z\",\"c\":\"http://h/x\",\"d\":\"in\",\"m\":\"x\",\"s\":\"200\"}` | not an HTTP status",
        "`{\"t\":\"2026-01-02T03:04:05Z\",\"c\":\"http://h/x\",\"d\":\"in\",\"m\":\"x\",\"s\":99}` | 100..599",
        "`{\"t\":\"2026-01-02T03:04:05Z\",\"c\":\"ws://h\",\"d\":\"in\",\"m\":\"x\",\"m\":\"y\"}` | duplicate key \"m\"",
        "`{\"t\":\"2026-01-02T03:04:05Z\",\"c\":\"ws://h\",\"d\":\"in\",\"m\":\"x\"} {}` | content after",
        "`{\"t\":\"2026-01-02T03:04:05Z\",\"c\":\"ws://h\",\"d\":\"in\",\"m\":\"trunc` | not valid JSON"})
    void strictReaderNamesFileLineAndReason(String bad, String reason) throws IOException {
        Path file = write("bad.jsonl", GOOD_1 + "\n" + bad + "\n" + GOOD_2 + "\n");

        try (CaptureReader reader = CaptureReader.open(file)) {
            assertThat(reader.next().message()).isEqualTo("1");
            MalformedCaptureException error = catchThrowableOfType(MalformedCaptureException.class, reader::hasNext);

            assertThat(error.source()).isEqualTo(file.toString());
            assertThat(error.line()).isEqualTo(2);
            assertThat(error.reason()).contains(reason);
            assertThat(error.getMessage()).startsWith(file + ":2: ");
            assertThat(reader.next().message()).as("continues after the bad line").isEqualTo("2");
        }
    }

    @Test
    void lenientReaderSkipsAndCountsMalformedLines() throws IOException {
        byte[] invalidUtf8 = {'{', '"', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes((GOOD_1 + "\n{oops\n").getBytes(StandardCharsets.UTF_8));
        content.writeBytes(invalidUtf8);
        content.writeBytes(("\n\n" + GOOD_2 + "\n[]\n{\"t\":").getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("mixed.jsonl");
        Files.write(file, content.toByteArray());

        try (CaptureReader reader = CaptureReader.open(file, Mode.LENIENT)) {
            List<String> messages = new ArrayList<>();
            reader.forEachRemaining(f -> messages.add(f.message()));

            assertThat(messages).containsExactly("1", "2");
            assertThat(reader.skippedLines()).isEqualTo(4);
            assertThat(reader.firstSkipped()).hasValueSatisfying(e -> assertThat(e.line()).isEqualTo(2));
            assertThat(reader.lineNumber()).isEqualTo(7);
            assertThat(reader.truncated()).isFalse();
        }
    }

    @Test
    void acceptsCrLfByteOrderMarkEmptyLinesAndMissingFinalNewline() throws IOException {
        Path file = write("crlf.jsonl", "\uFEFF" + GOOD_1 + "\r\n\r\n\n" + GOOD_2);

        try (CaptureReader reader = CaptureReader.open(file)) {
            assertThat(reader.stream().map(CaptureFrame::message)).containsExactly("1", "2");
        }
    }

    @Test
    void skipsAnOverLongLineWithoutHoldingIt() throws IOException {
        String longLine = "{\"t\":\"2026-01-02T03:04:05Z\",\"c\":\"ws://h\",\"d\":\"in\",\"m\":\"" + "x".repeat(10_000)
                + "\"}";
        byte[] content = (GOOD_1 + "\n" + longLine + "\n" + GOOD_2 + "\n").getBytes(StandardCharsets.UTF_8);

        try (CaptureReader reader = CaptureReader.of(new ByteArrayInputStream(content), "mem", Mode.LENIENT, 200)) {
            assertThat(reader.stream().map(CaptureFrame::message)).containsExactly("1", "2");
            assertThat(reader.firstSkipped().orElseThrow().reason()).contains("line longer than");
        }
        try (CaptureReader strict = CaptureReader.of(new ByteArrayInputStream(content), "mem", Mode.STRICT, 200)) {
            strict.next();
            assertThat(catchThrowableOfType(MalformedCaptureException.class, strict::next).line()).isEqualTo(2);
        }
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
    }
}
