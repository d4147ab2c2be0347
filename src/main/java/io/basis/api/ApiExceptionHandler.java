package io.basis.api;

import io.basis.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.time.Instant;
import java.util.List;

/**
 * Every error the API answers is RFC 9457 {@code application/problem+json}. Spring MVC's own failures (unknown path
 * 404, wrong method 405, unreadable parameters 400, ...) come from {@link ResponseEntityExceptionHandler}; this class
 * adds the Basis cases:
 * <ul>
 *   <li>{@link ParameterException}: its status, with {@code "parameter"} and {@code "allowed"} properties;</li>
 *   <li>a query parameter of the wrong type: 400 naming it in {@code "parameter"};</li>
 *   <li>{@link StoreException} with the database unreachable: 503;</li>
 *   <li>anything else: 500 with a generic detail. Exception text and stack traces are logged, never sent, since
 *       they may reveal internals (SQL, hosts, paths).</li>
 * </ul>
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ParameterException.class)
    ResponseEntity<Object> parameter(ParameterException e, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.title());
        problem.setProperty("parameter", e.parameter());
        if (!e.allowed().isEmpty()) {
            problem.setProperty("allowed", e.allowed());
        }
        e.properties().forEach(problem::setProperty);
        return handleExceptionInternal(e, problem, new HttpHeaders(), e.status(), request);
    }

    @ExceptionHandler(StoreException.class)
    ResponseEntity<Object> store(StoreException e, WebRequest request) {
        if (!e.unavailable()) {
            return unexpected(e, request);
        }
        log.warn("request failed, database unavailable: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The database is unavailable; retry later.");
        problem.setTitle("Database unavailable");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.SERVICE_UNAVAILABLE, request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        log.error("request {} failed", request.getDescription(false), e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The server could not complete the request.");
        problem.setTitle("Internal error");
        return handleExceptionInternal(e, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    /** A parameter Spring could not convert (limit=abc, from=yesterday, latest=maybe): 400 naming it. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        Class<?> type = e.getRequiredType();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, expectation(name, type));
        problem.setTitle("Invalid parameter");
        problem.setProperty("parameter", name);
        if (type == boolean.class || type == Boolean.class) {
            problem.setProperty("allowed", List.of("true", "false"));
        }
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String expectation(String name, Class<?> type) {
        if (type == Instant.class) {
            return name + " must be an ISO-8601 instant, e.g. 2025-01-01T00:00:00Z.";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return name + " must be an integer.";
        }
        if (type == boolean.class || type == Boolean.class) {
            return name + " must be true or false.";
        }
        return name + " has an invalid value.";
    }
}
