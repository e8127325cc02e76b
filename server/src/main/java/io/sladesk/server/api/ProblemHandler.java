package io.sladesk.server.api;

import io.sladesk.server.platform.Problems;
import io.sladesk.server.platform.Problems.Conflict;
import io.sladesk.server.platform.Problems.FieldProblem;
import io.sladesk.server.platform.Problems.Forbidden;
import io.sladesk.server.platform.Problems.InvalidInput;
import io.sladesk.server.platform.Problems.NotFound;
import io.sladesk.server.platform.Problems.TooManyRequests;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every failure into an RFC 9457 problem with a human {@code detail}; validation
 * problems also carry {@code errors}, one entry per bad field. Anything unexpected is
 * logged at ERROR with a correlation id and answered as a 500 naming that id, without
 * internals.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** The response header carrying a failed request's correlation id, as the body's {@code correlationId}. */
    static final String CORRELATION_HEADER = "Sladesk-Correlation-Id";

    /** The API takes JSON only; a multipart body (even a malformed one) is not what it reads. */
    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ResponseEntity<Object> multipart(
            org.springframework.web.multipart.MultipartException e, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The API reads application/json bodies, not multipart ones");
        p.setTitle("Unsupported media type");
        p.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }

    @ExceptionHandler(InvalidInput.class)
    ResponseEntity<Object> invalid(InvalidInput e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", e.getMessage(), e.errors());
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Object> notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage(), null);
    }

    @ExceptionHandler(Problems.Unauthorized.class)
    ResponseEntity<Object> unauthorized(Problems.Unauthorized e) {
        return problem(HttpStatus.UNAUTHORIZED, "Sign-in failed", e.getMessage(), null);
    }

    @ExceptionHandler(Forbidden.class)
    ResponseEntity<Object> forbidden(Forbidden e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage(), null);
    }

    @ExceptionHandler(Conflict.class)
    ResponseEntity<Object> conflict(Conflict e) {
        return problem(HttpStatus.CONFLICT, "Conflict", e.getMessage(), null);
    }

    @ExceptionHandler(TooManyRequests.class)
    ResponseEntity<Object> tooMany(TooManyRequests e) {
        ResponseEntity<Object> r = problem(HttpStatus.TOO_MANY_REQUESTS, "Too many requests", e.getMessage(), null);
        return ResponseEntity.status(r.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(r.getBody());
    }

    /**
     * What a database error means, by SQLSTATE. Only the outcomes of concurrent requests
     * are conflicts the client may retry; any other integrity violation, or database error,
     * means the code let through something it should have refused or never did: a bug.
     */
    private static final Set<String> CONFLICTS = Set.of(
            "23505", // unique_violation: a name or key taken by a request committed meanwhile
            "23P01", // exclusion_violation: an overlapping row stored meanwhile
            "40001", // serialization_failure
            "40P01"); // deadlock_detected

    @ExceptionHandler(DataAccessException.class)
    ResponseEntity<Object> dataAccess(DataAccessException e, HttpServletRequest request) {
        String state = conflictState(e);
        if (state == null) return unexpected(e, request);
        log.info(
                "Concurrent change answered as 409 (SQLSTATE {}): {}",
                state,
                e.getMostSpecificCause().getMessage());
        return problem(
                HttpStatus.CONFLICT,
                "Conflict",
                state.startsWith("23")
                        ? "The change conflicts with data stored meanwhile; retry it."
                        : "A concurrent change won; retry the request.",
                null);
    }

    /** The conflict SQLSTATE among the SQL exceptions behind this failure, or null. */
    private static String conflictState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (s.getSQLState() != null && CONFLICTS.contains(s.getSQLState())) return s.getSQLState();
                }
            }
        }
        return null;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        String detail = "'" + e.getValue() + "' is not a valid value for " + e.getName();
        return problem(
                HttpStatus.BAD_REQUEST, "Invalid request", detail, List.of(new FieldProblem(e.getName(), detail)));
    }

    /** A query string (or form body) the container could not decode is the request's fault. */
    @ExceptionHandler(org.apache.tomcat.util.http.InvalidParameterException.class)
    ResponseEntity<Object> undecodable(org.apache.tomcat.util.http.InvalidParameterException e) {
        int status = ServerErrors.clientFault(e);
        return problem(
                status == 413 ? HttpStatus.CONTENT_TOO_LARGE : HttpStatus.BAD_REQUEST,
                status == 413 ? "Request too large" : "Invalid request",
                unreadable(status),
                null);
    }

    static String unreadable(int status) {
        return status == 413
                ? "The request has more parameters, or a larger form, than the server accepts."
                : "The request's query string or body could not be decoded: invalid percent-encoding, or bytes"
                        + " that are not UTF-8.";
    }

    /**
     * Anything else is a bug: logged at ERROR with the request and a correlation id, and
     * answered as a 500 that names the id (in the body and a header) but no internals.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        String correlationId = UUID.randomUUID().toString();
        log.error(
                "Unexpected failure of {} {} (correlation id {})",
                request.getMethod(),
                request.getRequestURI(),
                correlationId,
                e);
        ResponseEntity<Object> r =
                problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", failed(correlationId), null);
        ((ProblemDetail) r.getBody()).setProperty("correlationId", correlationId);
        return ResponseEntity.status(r.getStatusCode())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(CORRELATION_HEADER, correlationId)
                .body(r.getBody());
    }

    private static String failed(String correlationId) {
        return "The server failed; it has been logged with correlation id " + correlationId
                + ". Quote it when reporting the problem.";
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getMostSpecificCause();
        if (cause instanceof PayloadTooLarge tooLarge) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "Request too large", tooLarge.getMessage(), null);
        }
        if (cause instanceof StreamReadException parse && !(cause instanceof MismatchedInputException)) {
            String where = parse.getLocation() == null
                    ? ""
                    : " at line " + parse.getLocation().getLineNr() + ", column "
                            + parse.getLocation().getColumnNr();
            return problem(HttpStatus.BAD_REQUEST, "Malformed JSON", "The body is not valid JSON" + where + ".", null);
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = path(jackson);
            String message = cause instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                    ? "has the wrong type; expected " + describe(mismatch.getTargetType())
                    : "is not valid here";
            return problem(
                    HttpStatus.BAD_REQUEST,
                    "Invalid request",
                    field + ": " + message,
                    List.of(new FieldProblem(field, message)));
        }
        String detail = ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")
                ? "The request needs a JSON body."
                : "The body could not be read as the expected JSON object.";
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", detail, null);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getFieldErrors().stream()
                .map(f -> new FieldProblem(f.getField(), f.getDefaultMessage()))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", new InvalidInput(errors).getMessage(), errors);
    }

    /** Framework-raised errors (405, 415, 406, missing parameters…) keep their status with our shape. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> base = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (base != null && base.getBody() instanceof ProblemDetail pd) {
            pd.setType(URI.create("about:blank"));
            if (statusCode.is5xxServerError()) {
                // the framework failing a request is as unexpected as our own code failing it
                String correlationId = UUID.randomUUID().toString();
                HttpServletRequest servlet = request instanceof ServletWebRequest s ? s.getRequest() : null;
                log.error(
                        "Unexpected failure of {} {} (correlation id {})",
                        servlet == null ? "?" : servlet.getMethod(),
                        servlet == null ? request.getDescription(false) : servlet.getRequestURI(),
                        correlationId,
                        ex);
                if (statusCode.value() == 500) pd.setTitle("Internal error");
                pd.setDetail(failed(correlationId));
                pd.setProperty("correlationId", correlationId);
                return ResponseEntity.status(base.getStatusCode())
                        .headers(base.getHeaders())
                        .header(CORRELATION_HEADER, correlationId)
                        .body(pd);
            }
            if (pd.getDetail() == null) pd.setDetail(ex.getMessage());
        }
        return base;
    }

    private static String path(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getPropertyName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    private static String describe(Class<?> type) {
        if (type == String.class) return "a string";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) return "a number";
        if (List.class.isAssignableFrom(type) || type.isArray()) return "an array";
        if (Map.class.isAssignableFrom(type)) return "an object";
        return "an object";
    }

    static ResponseEntity<Object> problem(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setTitle(title);
        pd.setType(URI.create("about:blank"));
        if (errors != null) pd.setProperty("errors", errors);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(pd);
    }
}
