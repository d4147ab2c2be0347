package io.basis.api;

import org.springframework.http.HttpStatus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request input the API refuses, named for the client: {@link ApiExceptionHandler} turns it into a problem+json
 * response with {@code "parameter"} and, when given, {@code "allowed"}.
 */
public final class ParameterException extends RuntimeException {
    private final HttpStatus status;
    private final String title;
    private final String parameter;
    private final List<String> allowed;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    /**
     * @param status    400 for a bad query parameter, 404 for a path segment naming nothing
     * @param parameter the parameter or path variable, e.g. {@code limit}
     * @param detail    what is wrong, for humans
     * @param allowed   the accepted values, or an empty list when they are not a short enumeration
     */
    public ParameterException(HttpStatus status, String title, String parameter, String detail,
                                        List<String> allowed) {
        super(detail);
        this.status = status;
        this.title = title;
        this.parameter = parameter;
        this.allowed = List.copyOf(allowed);
    }

    /** 400 for an invalid query parameter. */
    public static ParameterException invalid(String parameter, String detail, List<String> allowed) {
        return new ParameterException(HttpStatus.BAD_REQUEST, "Invalid parameter", parameter, detail,
                allowed);
    }

    /** Adds a further problem property, e.g. {@code minimum}/{@code maximum} of a numeric range. */
    public ParameterException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public HttpStatus status() { return status; }
    public String title() { return title; }
    public String parameter() { return parameter; }
    public List<String> allowed() { return allowed; }
    public Map<String, Object> properties() { return Collections.unmodifiableMap(properties); }
}
