/**
 * Severity suggestions from a ticket's words: {@link io.sladesk.triage.Suggester#standard()} reads a
 * subject and a description, in English, Traditional Chinese or both, and suggests one of the seed's
 * four severities with the phrases that made it so ({@link io.sladesk.triage.Suggestion}).
 *
 * <p>The suggestion comes from an explainable rule set, not a model: each rule of {@code rules.txt}
 * (a resource of this package) has a stable id, phrases in both languages, a severity, and an
 * explanation in both languages citing the definition or example of the seed it comes from. How the
 * matched rules combine into one severity is documented on {@link io.sladesk.triage.Suggester} and in
 * {@code docs/triage.md}.
 *
 * <p>Plain Java with no dependencies, so that the server, imports and tools suggest alike.
 */
package io.sladesk.triage;
