package io.sladesk.server.kb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The help centre's first article on a fresh database: the vendor's "Standard Customer
 * Support" page (shared/seed), published and public in Traditional Chinese, with the
 * English translation written for it, in the "Support policy" category. Written by a
 * seeder rather than a migration because the article's search index is computed in Java
 * (Markdown to text, Chinese character pairs); it runs only while no article exists, under
 * a lock, so servers starting together write it once, and an admin who deletes or edits it
 * is not overruled at the next start.
 */
@Component
class KbSeed implements ApplicationRunner {
    static final String TITLE_ZH = "標準客戶支援";
    static final String TITLE_EN = "Standard Customer Support";

    private final KbStore store;
    private final TransactionTemplate tx;
    private final JdbcClient db;
    private final Clock clock;

    KbSeed(KbStore store, TransactionTemplate tx, JdbcClient db, Clock clock) {
        this.store = store;
        this.tx = tx;
        this.db = db;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        tx.executeWithoutResult(s -> {
            db.sql("select pg_advisory_xact_lock(hashtextextended('kb.seed', 0))")
                    .query()
                    .listOfRows();
            if (store.any()) return;
            Instant now = clock.instant();
            Category policy = store.categoryNamed("Support policy")
                    .orElseGet(() -> store.insertCategory(Map.of("en", "Support policy", "zh-TW", "支援政策"), 0, now));
            UUID group = UUID.randomUUID();
            for (String[] lang : List.of(new String[] {"zh-TW", TITLE_ZH}, new String[] {"en", TITLE_EN})) {
                store.insert(new KbStore.Row(
                        UUID.randomUUID(),
                        group,
                        lang[0],
                        policy.id(),
                        "public",
                        "published",
                        1,
                        lang[1],
                        body(lang[0]),
                        List.of("SLA", "severity", "TAM"),
                        null,
                        now,
                        now));
            }
        });
    }

    private static String body(String language) {
        try {
            return new ClassPathResource("kb/support-policy." + language + ".md")
                    .getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
