package io.sladesk.server.account;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns {@link FirstAdminRefused} into Spring Boot's "APPLICATION FAILED TO START" report:
 * one ERROR entry saying what is wrong and what to do, without a stack trace; the process
 * exits with status 1. (Registered in {@code META-INF/spring.factories}.)
 */
class FirstAdminFailureAnalyzer extends AbstractFailureAnalyzer<FirstAdminRefused> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, FirstAdminRefused cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
