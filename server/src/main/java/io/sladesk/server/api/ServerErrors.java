package io.sladesk.server.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.BadRequestException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests refused before any controller still get a problem, never an HTML page: Tomcat's
 * own refusals (a malformed or unsafe URL, headers too large, a bad request line) through
 * {@link ProblemReportValve}, which replaces Tomcat's error report on the host, and errors
 * the servlet container forwards to {@code /error} (a filter failing, a refusal inside the
 * application) through {@link ErrorEndpoint}, which replaces Spring Boot's. The one
 * exception: a browser asking for HTML on a page's path (not the API's) gets the pages'
 * error page ({@link io.sladesk.server.platform.ErrorPages}); a 500 stays a problem naming
 * its correlation id.
 */
@Configuration(proxyBeanMethods = false)
class ServerErrors {
    private static final Logger log = LoggerFactory.getLogger(ServerErrors.class);

    /** After Spring Boot's own Tomcat customizer, whose error report valve this replaces. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (!(context.getParent() instanceof StandardHost host)) return;
            for (Valve v : host.getPipeline().getValves()) {
                if (v instanceof ErrorReportValve) host.getPipeline().removeValve(v);
            }
            // the host adds a valve of this class when it starts, unless one is there already
            host.setErrorReportValveClass(ProblemReportValve.class.getName());
            host.getPipeline().addValve(new ProblemReportValve());
        });
    }

    /** What a refusal says, in the shape of every problem of the API. */
    static Map<String, Object> problem(int status, String detail) {
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", known == null ? "Error " + status : known.getReasonPhrase());
        body.put("status", status);
        body.put("detail", detail);
        return body;
    }

    /**
     * A human sentence for a refusal the container made. Its own message is not echoed: it
     * may quote the request (control characters, a URL of any length).
     */
    static String detail(int status, String containerMessage) {
        String m = containerMessage == null ? "" : containerMessage.toLowerCase(Locale.ROOT);
        return switch (status) {
            case 400 ->
                m.contains("too large")
                        ? "The request's URL or headers are larger than the server accepts."
                        : m.contains("uri") || m.contains("request target") || m.contains("path")
                                ? "The request's URL is not valid: invalid percent-encoding, a control character or an"
                                        + " encoded path separator or dot segment."
                                : m.contains("header")
                                        ? "A request header is not valid HTTP."
                                        : "The request is not valid HTTP; nothing was done.";
            case 404 -> "There is nothing at this URL.";
            case 405 -> "This URL does not answer that method.";
            case 408 -> "The request took too long to arrive.";
            case 411 -> "The request needs a Content-Length.";
            case 413 -> "The request body is larger than the server accepts.";
            case 414 -> "The request's URL is longer than the server accepts.";
            case 415 -> "The server does not read this Content-Type.";
            case 417 -> "The server cannot meet the request's Expect header.";
            case 431 -> "The request's headers are larger than the server accepts.";
            case 501 -> "The server does not implement this method.";
            case 505 -> "The server speaks HTTP/1.1 (and HTTP/1.0).";
            default ->
                status >= 500
                        ? "The server failed to answer the request."
                        : "The request was refused before it reached the API.";
        };
    }

    /**
     * The status of a failure that is the request's fault, not the server's: a query string
     * or body the container could not decode. 0 for any other failure.
     */
    static int clientFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidParameterException p) return p.getErrorCode() == 413 ? 413 : 400;
            if (t instanceof BadRequestException) return 400;
        }
        return 0;
    }

    /** A failure with a correlation id: logged at ERROR with the request, named in the answer. */
    static String logged(String method, String uri, Throwable failure) {
        String correlationId = UUID.randomUUID().toString();
        log.error("Unexpected failure of {} {} (correlation id {})", method, uri, correlationId, failure);
        return correlationId;
    }

    static String failed(String correlationId) {
        return "The server failed; it has been logged with correlation id " + correlationId
                + ". Quote it when reporting the problem.";
    }

    /** Tomcat's error report, as a problem. */
    public static final class ProblemReportValve extends ErrorReportValve {
        private static final JsonMapper JSON = JsonMapper.builder().build();

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) return;
            Map<String, Object> body = problem(status, detail(status, response.getMessage()));
            if (status == 500) {
                String id =
                        logged(String.valueOf(request.getMethod()), String.valueOf(request.getRequestURI()), throwable);
                body.put("detail", failed(id));
                body.put("correlationId", id);
                response.setHeader(ProblemHandler.CORRELATION_HEADER, id);
            }
            try {
                response.setContentType("application/problem+json");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(JSON.writeValueAsString(body));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the connection is gone or the response was taken over: nothing more to say
            }
        }
    }

    /** The container's error page ({@code /error}): every status it forwards, as a problem. */
    @RestController
    static final class ErrorEndpoint implements ErrorController {
        private final JsonMapper json;
        private final org.springframework.beans.factory.ObjectProvider<io.sladesk.server.platform.ErrorPages> pages;

        ErrorEndpoint(
                JsonMapper json,
                org.springframework.beans.factory.ObjectProvider<io.sladesk.server.platform.ErrorPages> pages) {
            this.json = json;
            this.pages = pages;
        }

        @RequestMapping("${server.error.path:${error.path:/error}}")
        org.springframework.web.servlet.ModelAndView error(HttpServletRequest request, HttpServletResponse response)
                throws IOException {
            Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
            Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            int status = code instanceof Integer i ? i : 404; // /error asked for directly: nothing there
            if (status < 400) status = 500;
            int fault = clientFault(failure instanceof Throwable t ? t : null);
            if (fault != 0) status = fault;
            Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
            Map<String, Object> body = problem(
                    status,
                    fault != 0
                            ? ProblemHandler.unreadable(fault)
                            : detail(status, message == null ? null : message.toString()));
            if (status == 500) {
                Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
                String id = logged(
                        request.getMethod(),
                        uri == null ? request.getRequestURI() : uri.toString(),
                        failure instanceof Throwable t ? t : null);
                body.put("detail", failed(id));
                body.put("correlationId", id);
                response.setHeader(ProblemHandler.CORRELATION_HEADER, id);
            }
            if (response.isCommitted()) return null;
            // a browser on a page's path (not the API's) reads the pages' error page instead
            io.sladesk.server.platform.ErrorPages html = pages.getIfAvailable();
            org.springframework.web.servlet.ModelAndView page =
                    html == null || status == 500 ? null : html.page(request, status);
            if (page != null) {
                response.resetBuffer();
                response.setStatus(status);
                return page;
            }
            response.resetBuffer();
            response.setStatus(status);
            // written as is, whatever the request accepts: the API's error never negotiates into HTML
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(json.writeValueAsString(body));
            return null;
        }
    }
}
