/**
 * The knowledge base: the vendor's help-centre articles (Markdown, in English and
 * Traditional Chinese, linked as translations), their revisions, categories, readers'
 * votes and reads, the search over them (PostgreSQL full text for English, character
 * bigrams for Chinese, trigrams for typos) and the deflection figures. Articles are
 * desk-wide; a vote or a read belongs to the signed-in user or to a browser. Raising a
 * ticket from an article goes through the ticket module's facade.
 */
@org.springframework.modulith.ApplicationModule(
        displayName = "Knowledge base",
        allowedDependencies = {"platform", "kernel", "account", "ticket"})
package io.sladesk.server.kb;
