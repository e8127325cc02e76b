package io.sladesk.server.kb;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.Link;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * Article bodies in Markdown, rendered safely: raw HTML in the source is shown as text,
 * never passed through; link and image URLs with a scheme other than http, https, mailto
 * (javascript: and the like) are dropped; every link gets {@code rel="noopener nofollow"}.
 * The output is safe to put into a page as it is.
 */
final class Markdown {
    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .attributeProviderFactory(context -> Markdown::attributes)
            .build();
    private static final TextContentRenderer TEXT =
            TextContentRenderer.builder().extensions(EXTENSIONS).build();

    private static final java.util.regex.Pattern SAFE = java.util.regex.Pattern.compile("(?i)(https?:|mailto:)");
    /** Anything before a colon that comes before any slash, question mark or hash is a scheme. */
    private static final java.util.regex.Pattern SCHEME = java.util.regex.Pattern.compile("[^/?#]*:");

    private Markdown() {}

    private static void attributes(Node node, String tag, java.util.Map<String, String> attributes) {
        if (node instanceof Link) {
            attributes.put("rel", "noopener nofollow");
            // sanitizeUrls drops javascript: and the like but keeps data:; only these schemes
            // (or a relative address) stay links
            String href = attributes.get("href");
            if (href != null
                    && !SAFE.matcher(href).lookingAt()
                    && SCHEME.matcher(href).lookingAt()) attributes.put("href", "");
        }
    }

    static String html(String markdown) {
        return HTML.render(PARSER.parse(markdown == null ? "" : markdown));
    }

    /** The body as plain text, for search snippets. */
    static String text(String markdown) {
        return TEXT.render(PARSER.parse(markdown == null ? "" : markdown));
    }
}
