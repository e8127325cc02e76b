package io.sladesk.server.kb;

import java.util.List;

/**
 * A new article or the changes to one, as sent (unvalidated). In a change, a null field is
 * left as it is. {@code category} is a category's id or its English name (a new name makes
 * the category); {@code translationOf} links a new article to the article it translates.
 */
public record ArticleInput(
        String title,
        String body,
        String language,
        String category,
        List<String> tags,
        String visibility,
        String status,
        String translationOf) {}
