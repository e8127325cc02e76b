package io.sladesk.server.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;

/**
 * One real PostgreSQL per test JVM, shared by every test. Each Spring context gets its
 * own database in it, so contexts never see each other's rows. The application reaches
 * it the way it reaches any external server: by {@code spring.datasource.url} alone.
 */
public final class TestDatabase {
    private static EmbeddedPostgres server;
    private static final Set<String> created = new HashSet<>();

    private TestDatabase() {}

    public static synchronized String url(String database) {
        try {
            if (server == null) {
                server = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        server.close();
                    } catch (IOException ignored) {
                        // the JVM is ending; the temp directory goes with it
                    }
                }));
            }
            if (created.add(database)) {
                try (Connection c = server.getPostgresDatabase().getConnection()) {
                    c.createStatement().execute("drop database if exists " + database);
                    c.createStatement().execute("create database " + database);
                }
            }
            return server.getJdbcUrl("postgres", database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
