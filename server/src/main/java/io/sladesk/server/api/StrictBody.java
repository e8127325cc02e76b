package io.sladesk.server.api;

import io.sladesk.server.platform.Problems.FieldProblem;
import io.sladesk.server.platform.Problems.InvalidInput;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.RequestBodyAdviceAdapter;

/**
 * A configuration body (organization, group, plan, calendar, policy): strict, unlike other
 * bodies, which ignore fields they do not read. A misspelt key in configuration would
 * otherwise be dropped in silence and a default kept ({@code firstRespons} keeping the Pro
 * plan's target), so every key a body does not know is a 400 naming it. The record collects
 * such keys with {@code @JsonAnySetter}; {@link Check} refuses them once the body is read.
 */
interface StrictBody {
    /** The keys the body does not know, with their values; null or empty when there are none. */
    Map<String, Object> unknown();

    @ControllerAdvice
    final class Check extends RequestBodyAdviceAdapter {
        @Override
        public boolean supports(
                MethodParameter parameter, Type targetType, Class<? extends HttpMessageConverter<?>> converterType) {
            return StrictBody.class.isAssignableFrom(parameter.getParameterType());
        }

        @Override
        public Object afterBodyRead(
                Object body,
                HttpInputMessage inputMessage,
                MethodParameter parameter,
                Type targetType,
                Class<? extends HttpMessageConverter<?>> converterType) {
            if (body instanceof StrictBody strict
                    && strict.unknown() != null
                    && !strict.unknown().isEmpty()) {
                List<String> known = java.util.Arrays.stream(body.getClass().getRecordComponents())
                        .map(java.lang.reflect.RecordComponent::getName)
                        .filter(n -> !n.equals("unknown"))
                        .toList();
                throw new InvalidInput(strict.unknown().keySet().stream()
                        .map(k -> new FieldProblem(k, "is not a known field; expected one of " + known))
                        .toList());
            }
            return body;
        }
    }
}
