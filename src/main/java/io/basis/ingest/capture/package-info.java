/**
 * The Basis capture format: a recorded venue session (WebSocket frames and REST exchanges) that users share and
 * that {@code basis record} writes and {@code basis replay} and the test venue simulator read back.
 *
 * <h2>Capture format, version 1</h2>
 *
 * <p><b>File.</b> A capture is UTF-8 text in <a href="https://jsonlines.org">JSON Lines</a> form: one JSON object
 * per line, each line ended by {@code \n}. Readers also accept {@code \r\n}, a UTF-8 byte-order mark at the start
 * and a last line without a line end, and ignore empty lines. A file whose name ends in {@code .gz} is written
 * gzip-compressed; readers recognise gzip by its magic bytes ({@code 1f 8b}) whatever the file is called, and read
 * concatenated gzip members (a capture appended to across restarts) as one stream. A line may hold at most
 * {@value io.basis.ingest.capture.CaptureCodec#MAX_LINE_BYTES} bytes.
 *
 * <p><b>Lines.</b> Each line is one frame:
 * <pre>{@code
 * {"t":"2026-01-02T03:04:05.123456Z","c":"wss://fstream.binance.com/market/stream?streams=btcusdt@aggTrade","d":"in","m":"{\"stream\":\"btcusdt@aggTrade\",\"data\":{...}}"}
 * }</pre>
 * <table>
 * <caption>Keys of a capture line</caption>
 * <tr><th>key</th><th>JSON type</th><th>presence</th><th>meaning</th></tr>
 * <tr><td>{@code t}</td><td>string</td><td>always</td><td>when the frame was sent or received, an ISO-8601 UTC
 *   instant written with exactly six fractional digits (microseconds). Readers accept 0 to 9 fractional digits and
 *   a numeric offset, and truncate to microseconds.</td></tr>
 * <tr><td>{@code c}</td><td>string</td><td>always</td><td>the connection: for WebSocket the URL as opened
 *   ({@code ws://} or {@code wss://}, with path and query); for REST the full request URL with its query
 *   string ({@code http://} or {@code https://}).</td></tr>
 * <tr><td>{@code d}</td><td>string</td><td>always</td><td>{@code "in"} (venue to us), {@code "out"} (us to venue),
 *   {@code "open"} (connection established) or {@code "close"} (connection ended).</td></tr>
 * <tr><td>{@code m}</td><td>string</td><td>always</td><td>the frame text exactly as on the wire, as a JSON string:
 *   quotes, backslashes and control characters (newlines included) are escaped, other characters are written as
 *   UTF-8, a lone UTF-16 surrogate as a {@code \}{@code uXXXX} escape. A JSON payload is kept as text, never
 *   re-encoded, so its field order, number spelling and whitespace survive.</td></tr>
 * <tr><td>{@code s}</td><td>integer</td><td>on REST {@code "in"} lines, and only there</td><td>the HTTP
 *   status, 100 to 599.</td></tr>
 * </table>
 * Writers emit the keys in the order {@code t, c, d, m[, s]} with no whitespace. Readers accept any key order and
 * ignore keys they do not know, so later versions may add optional keys. A line is <em>malformed</em> when it is
 * not one JSON object, lacks {@code t}, {@code c}, {@code d} or {@code m}, repeats a key, has a value of the wrong
 * type, an unknown {@code d}, an unparsable {@code t}, an empty {@code c}, or an {@code s} that is out of range, or
 * an {@code s} missing from or present on a line other than an {@code "in"} line of an {@code http(s)} connection.
 *
 * <p><b>WebSocket sessions.</b> One {@code "open"} line (with {@code m} empty) when the handshake completes, then one
 * {@code "in"} or {@code "out"} line per complete text message (fragments reassembled; a venue's binary messages are
 * recorded as their decoded text), then one {@code "close"} line whose {@code m} is {@code "<code> <reason>"} of the
 * close frame, or, when the connection ended without one, a free-text cause (e.g. {@code "reset by peer"}).
 * Ping and pong control frames are not recorded. A reconnect to the same URL starts again with {@code "open"}.
 *
 * <p><b>REST exchanges.</b> A request is an {@code "out"} line whose {@code m} is the request line without the HTTP
 * version: {@code "GET /fapi/v1/depth?symbol=BTCUSDT&limit=1000"}. Its response is a later {@code "in"} line with the
 * same {@code c}, {@code s} set to the HTTP status and {@code m} the response body (text, may be empty). A request
 * that got no response (timeout, connection reset) is followed by a {@code "close"} line with the cause instead.
 * Request and response headers and request bodies are not recorded, so credentials never end up in a shared capture.
 * Responses pair with requests in order per {@code c}; requests for the same URL in flight at once may pair either
 * way, which is harmless because they asked the same question.
 *
 * <p><b>Order.</b> Lines are in the order the recorder appended them: per connection that is the order frames were
 * sent or received. {@code t} comes from the recorder's clock when it handled the frame, so across connections it is
 * close to, but not guaranteed to be, non-decreasing.
 *
 * <h2>Classes</h2>
 * {@link io.basis.ingest.capture.CaptureFrame} is one line, {@link io.basis.ingest.capture.CaptureCodec} converts a
 * line to and from text, {@link io.basis.ingest.capture.CaptureWriter} appends frames to a file and
 * {@link io.basis.ingest.capture.CaptureReader} streams them back.
 */
package io.basis.ingest.capture;
