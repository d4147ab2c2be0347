package io.basis.api;

import io.basis.store.StoreException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** The failure paths a healthy test database cannot produce: database outage (503) and unexpected errors (500). */
class ApiExceptionHandlerTest {
    private final ApiExceptionHandler handler = new ApiExceptionHandler();
    private final ServletWebRequest request =
            new ServletWebRequest(new MockHttpServletRequest("GET", "/api/v1/events/trade"));

    @Test
    void unreachableDatabaseAnswers503WithoutTheDriverMessage() {
        StoreException e = new StoreException(
                new SQLTransientConnectionException("Connection to db-host:5432 refused", "08001"));
        assertThat(e.unavailable()).isTrue();

        ResponseEntity<Object> r = handler.store(e, request);

        assertThat(r.getStatusCode().value()).isEqualTo(503);
        ProblemDetail p = (ProblemDetail) r.getBody();
        assertThat(p.getTitle()).isEqualTo("Database unavailable");
        assertThat(p.getDetail()).doesNotContain("db-host").doesNotContain("refused");
    }

    @Test
    void otherStoreFailuresAnswerAGeneric500() {
        StoreException e = new StoreException(new SQLException("column \"secret\" does not exist", "42703"));
        assertThat(e.unavailable()).isFalse();

        ResponseEntity<Object> r = handler.store(e, request);

        assertThat(r.getStatusCode().value()).isEqualTo(500);
        ProblemDetail p = (ProblemDetail) r.getBody();
        assertThat(p.getDetail()).isEqualTo("The server could not complete the request.");
        assertThat(p.getProperties()).isNullOrEmpty();
    }

    @Test
    void unexpectedExceptionsAnswer500WithoutExceptionText() {
        ResponseEntity<Object> r = handler.unexpected(new IllegalStateException("internal path /var/lib/x"), request);

        assertThat(r.getStatusCode().value()).isEqualTo(500);
        ProblemDetail p = (ProblemDetail) r.getBody();
        assertThat(p.getTitle()).isEqualTo("Internal error");
        assertThat(p.getDetail()).isEqualTo("The server could not complete the request.");
        assertThat(String.valueOf(p)).doesNotContain("/var/lib/x").doesNotContain("IllegalStateException");
    }
}
