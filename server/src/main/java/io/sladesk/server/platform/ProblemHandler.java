package io.sladesk.server.platform;

import io.sladesk.server.platform.Problems.Conflict;
import io.sladesk.server.platform.Problems.FieldProblem;
import io.sladesk.server.platform.Problems.Forbidden;
import io.sladesk.server.platform.Problems.InvalidInput;
import io.sladesk.server.platform.Problems.NotFound;
import io.sladesk.server.platform.Problems.TooManyRequests;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Turns every failure into an RFC 9457 problem with a human {@code detail}; validation
 * problems also carry {@code errors}, one entry per bad field. Anything unexpected is
 * logged and answered as a 500 without internals.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

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

    /** Unique names raced by two requests: the loser learns it conflicts. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> integrity(DataIntegrityViolationException e) {
        log.info(
                "Integrity violation answered as 409: {}",
                e.getMostSpecificCause().getMessage());
        return problem(
                HttpStatus.CONFLICT, "Conflict", "The change conflicts with data stored meanwhile; retry it.", null);
    }

    @ExceptionHandler(PessimisticLockingFailureException.class)
    ResponseEntity<Object> lock(PessimisticLockingFailureException e) {
        return problem(HttpStatus.CONFLICT, "Conflict", "A concurrent change won; retry the request.", null);
    }

    /** Business-time arithmetic outside the years it covers (1970–2199). */
    @ExceptionHandler(java.time.DateTimeException.class)
    ResponseEntity<Object> outOfRange(java.time.DateTimeException e) {
        return problem(
                HttpStatus.BAD_REQUEST,
                "Out of range",
                "The instants this asks for lie outside the supported years 1971 to 2199: " + e.getMessage(),
                null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        String detail = "'" + e.getValue() + "' is not a valid value for " + e.getName();
        return problem(
                HttpStatus.BAD_REQUEST, "Invalid request", detail, List.of(new FieldProblem(e.getName(), detail)));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The server failed; it has been logged.", null);
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
            if (pd.getDetail() == null) pd.setDetail(ex.getMessage());
            pd.setType(URI.create("about:blank"));
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
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(pd);
    }
}
