package io.sladesk.triage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules read from their text form ({@code rules.txt}), checked, and compiled into one {@link
 * PhraseIndex}.
 *
 * <p>The format, line by line ({@code #} starts a comment line):
 *
 * <pre>
 * define CANNOT = cannot | can't | unable to        a named list of alternatives
 * [p2.cannot-log-in]                                a rule, by its id
 * kind = signal                                     signal, mention, negation, positive, raise, lower,
 *                                                   confined, partial, not-urgent, low, question,
 *                                                   hypothetical, all-clear, failed, intermittent,
 *                                                   neutral
 * severity = P2                                     the level a reason of this rule reports
 * everyone = P1                                     (signals) the level when everyone is affected
 * negated = cue.no-workaround                       (optional) what a negated match counts as
 * confined = P2                                     (signals, optional) the level when the others are fine
 * en = {CANNOT} log* in | {CANNOT} sign* in         English phrases, | between them; repeatable
 * zh = 無法登入 | 登不進去                          Chinese phrases; repeatable
 * explain.en = ...                                  what the rule means, citing the seed
 * explain.zh = ...
 * </pre>
 *
 * <p>In a phrase, {@code {NAME}} stands for each alternative of a {@code define}, and a word ending in
 * {@code *} for each of its {@link Inflections}. Phrases are {@link Fold folded} like the texts they
 * are compared with. One phrase (after expansion) may belong to one rule only, so that a match is never
 * ambiguous.
 */
final class RuleSet {

    private static final Pattern ID = Pattern.compile("[a-z0-9]+(\\.[a-z0-9]+(-[a-z0-9]+)*)+");
    private static final Pattern MACRO = Pattern.compile("\\{([A-Z0-9_\\u4e00-\\u9fff]+)}");
    private static final int MAX_EXPANSIONS = 4_096;

    final List<Rule> rules;
    final Map<String, Rule> byId;
    final PhraseIndex index;
    /** For each pattern of the index, the rule it belongs to. */
    final Rule[] patternRule;

    private RuleSet(List<Rule> rules, PhraseIndex index, Rule[] patternRule) {
        this.rules = List.copyOf(rules);
        Map<String, Rule> map = new LinkedHashMap<>();
        for (Rule rule : rules) {
            map.put(rule.id(), rule);
        }
        this.byId = Collections.unmodifiableMap(map);
        this.index = index;
        this.patternRule = patternRule;
    }

    static RuleSet load(String resource) {
        try (InputStream in = RuleSet.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("rule file " + resource + " is missing");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses and compiles a rule file; {@code source} names it in error messages. */
    static RuleSet parse(String text, String source) {
        Map<String, List<String>> macros = new HashMap<>();
        List<Map<String, List<String>>> blocks = new ArrayList<>();
        List<Integer> blockLines = new ArrayList<>();
        Map<String, List<String>> current = null;
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            String where = source + ":" + (n + 1);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new IllegalArgumentException(where + ": a rule header is [id]");
                }
                String id = line.substring(1, line.length() - 1).strip();
                if (!ID.matcher(id).matches()) {
                    throw new IllegalArgumentException(where + ": bad rule id " + id);
                }
                current = new LinkedHashMap<>();
                current.put("id", new ArrayList<>(List.of(id)));
                blocks.add(current);
                blockLines.add(n + 1);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(where + ": expected key = value");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (key.startsWith("define ")) {
                String name = key.substring("define ".length()).strip();
                if (current != null) {
                    throw new IllegalArgumentException(where + ": define " + name + " comes before the rules");
                }
                if (macros.put(name, alternatives(value)) != null) {
                    throw new IllegalArgumentException(where + ": " + name + " is defined twice");
                }
                continue;
            }
            if (current == null) {
                throw new IllegalArgumentException(where + ": " + key + " outside a rule");
            }
            switch (key) {
                case "en", "zh" ->
                    current.computeIfAbsent(key, k -> new ArrayList<>()).addAll(alternatives(value));
                case "kind", "severity", "everyone", "negated", "confined", "explain.en", "explain.zh" -> {
                    if (current.containsKey(key)) {
                        throw new IllegalArgumentException(where + ": " + key + " given twice");
                    }
                    current.put(key, new ArrayList<>(List.of(value)));
                }
                default -> throw new IllegalArgumentException(where + ": unknown key " + key);
            }
        }

        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int b = 0; b < blocks.size(); b++) {
            Map<String, List<String>> block = blocks.get(b);
            String where = source + ":" + blockLines.get(b);
            String id = block.get("id").get(0);
            if (!ids.add(id)) {
                throw new IllegalArgumentException(where + ": rule " + id + " defined twice");
            }
            Rule.Kind kind = kind(one(block, "kind", where), where);
            Level severity = level(one(block, "severity", where), where);
            Level everyone =
                    block.containsKey("everyone") ? level(block.get("everyone").get(0), where) : null;
            if (everyone != null
                    && kind != Rule.Kind.SIGNAL
                    && kind != Rule.Kind.MENTION
                    && kind != Rule.Kind.NEGATION) {
                throw new IllegalArgumentException(
                        where + ": only a signal, a mention or a negation has an everyone level");
            }
            if (everyone != null && kind != Rule.Kind.NEGATION && everyone.compareTo(severity) >= 0) {
                throw new IllegalArgumentException(where + ": everyone must be more urgent than severity");
            }
            Level confined =
                    block.containsKey("confined") ? level(block.get("confined").get(0), where) : null;
            if (confined != null && kind != Rule.Kind.SIGNAL) {
                throw new IllegalArgumentException(where + ": only a signal has a confined level");
            }
            if (confined != null && confined.compareTo(severity) <= 0) {
                throw new IllegalArgumentException(where + ": confined must be less urgent than severity");
            }
            String negated = block.containsKey("negated") ? block.get("negated").get(0) : null;
            if (kind == Rule.Kind.POSITIVE && negated == null) {
                throw new IllegalArgumentException(
                        where + ": " + id + " (positive) needs the rule it counts as when negated");
            }
            List<String> english = block.getOrDefault("en", List.of());
            List<String> chinese = block.getOrDefault("zh", List.of());
            if (kind != Rule.Kind.NEUTRAL && (english.isEmpty() || chinese.isEmpty())) {
                throw new IllegalArgumentException(where + ": " + id + " needs English and Chinese phrases");
            }
            if (english.isEmpty() && chinese.isEmpty()) {
                throw new IllegalArgumentException(where + ": " + id + " has no phrases");
            }
            String explainEn = one(block, "explain.en", where);
            String explainZh = one(block, "explain.zh", where);
            rules.add(new Rule(
                    id,
                    kind,
                    severity,
                    everyone,
                    negated,
                    confined,
                    List.copyOf(english),
                    List.copyOf(chinese),
                    explainEn,
                    explainZh));
        }
        for (Rule rule : rules) {
            if (rule.negated() != null && !ids.contains(rule.negated())) {
                throw new IllegalArgumentException(
                        source + ": " + rule.id() + " is negated as " + rule.negated() + ", which is no rule");
            }
        }
        if (!ids.contains(Suggester.NEGATION_RULE)) {
            throw new IllegalArgumentException(source + ": the rule " + Suggester.NEGATION_RULE + " is missing");
        }

        PhraseIndex.Builder builder = new PhraseIndex.Builder();
        List<Rule> owners = new ArrayList<>();
        Map<String, String> phraseOwner = new HashMap<>();
        for (Rule rule : rules) {
            List<String> phrases = new ArrayList<>(rule.english());
            phrases.addAll(rule.chinese());
            for (String phrase : phrases) {
                for (String form : expand(phrase, macros, source + ": " + rule.id())) {
                    String folded = normalize(form);
                    if (folded.isEmpty()) {
                        throw new IllegalArgumentException(source + ": " + rule.id() + " has an empty phrase");
                    }
                    String owner = phraseOwner.putIfAbsent(folded, rule.id());
                    if (owner != null && !owner.equals(rule.id())) {
                        throw new IllegalArgumentException(
                                source + ": the phrase \"" + folded + "\" is in " + owner + " and " + rule.id());
                    }
                    int p = builder.add(folded);
                    if (p == owners.size()) {
                        owners.add(rule);
                    }
                }
            }
        }
        return new RuleSet(rules, builder.build(), owners.toArray(new Rule[0]));
    }

    /** A phrase as the matcher reads it: folded, white space made uniform, trimmed. */
    static String normalize(String phrase) {
        Feed feed = Feed.of(phrase.strip());
        int start = 0;
        int end = feed.length;
        while (start < end && feed.chars[start] == ' ') {
            start++;
        }
        while (end > start && feed.chars[end - 1] == ' ') {
            end--;
        }
        return new String(feed.chars, start, end - start);
    }

    private static List<String> alternatives(String value) {
        List<String> result = new ArrayList<>();
        for (String part : value.split("\\|")) {
            String p = part.strip();
            if (!p.isEmpty()) {
                result.add(p);
            }
        }
        return result;
    }

    private static String one(Map<String, List<String>> block, String key, String where) {
        List<String> values = block.get(key);
        if (values == null || values.get(0).isBlank()) {
            throw new IllegalArgumentException(where + ": " + block.get("id").get(0) + " needs " + key);
        }
        return values.get(0);
    }

    private static Rule.Kind kind(String value, String where) {
        return switch (value) {
            case "signal" -> Rule.Kind.SIGNAL;
            case "negation" -> Rule.Kind.NEGATION;
            case "raise" -> Rule.Kind.RAISE;
            case "lower" -> Rule.Kind.LOWER;
            case "partial" -> Rule.Kind.PARTIAL;
            case "positive" -> Rule.Kind.POSITIVE;
            case "not-urgent" -> Rule.Kind.NOT_URGENT;
            case "low" -> Rule.Kind.LOW;
            case "question" -> Rule.Kind.QUESTION;
            case "mention" -> Rule.Kind.MENTION;
            case "confined" -> Rule.Kind.CONFINED;
            case "hypothetical" -> Rule.Kind.HYPOTHETICAL;
            case "all-clear" -> Rule.Kind.ALL_CLEAR;
            case "failed" -> Rule.Kind.FAILED;
            case "intermittent" -> Rule.Kind.INTERMITTENT;
            case "neutral" -> Rule.Kind.NEUTRAL;
            default -> throw new IllegalArgumentException(where + ": unknown kind " + value);
        };
    }

    private static Level level(String value, String where) {
        try {
            return Level.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": unknown severity " + value);
        }
    }

    /** Every form of a phrase: each {NAME} by each alternative, each word* by each inflection. */
    static List<String> expand(String phrase, Map<String, List<String>> macros, String where) {
        List<String> withMacros = new ArrayList<>();
        expandMacros(phrase, macros, where, withMacros, 0);
        Set<String> forms = new LinkedHashSet<>();
        for (String p : withMacros) {
            List<String> partial = new ArrayList<>(List.of(""));
            String[] words = p.split(" ", -1);
            for (int w = 0; w < words.length; w++) {
                String word = words[w];
                Set<String> variants;
                if (word.endsWith("*") && word.length() > 1) {
                    variants = Inflections.of(word.substring(0, word.length() - 1));
                } else {
                    variants = Set.of(word);
                }
                List<String> next = new ArrayList<>();
                for (String head : partial) {
                    for (String v : variants) {
                        next.add(w == 0 ? v : head + " " + v);
                    }
                }
                partial = next;
                if (partial.size() > MAX_EXPANSIONS) {
                    throw new IllegalArgumentException(where + ": \"" + phrase + "\" expands to too many forms");
                }
            }
            forms.addAll(partial);
        }
        for (String form : forms) {
            if (form.contains("*") || form.contains("{") || form.contains("}")) {
                throw new IllegalArgumentException(where + ": \"" + phrase + "\" leaves " + form);
            }
        }
        return new ArrayList<>(forms);
    }

    private static void expandMacros(
            String phrase, Map<String, List<String>> macros, String where, List<String> out, int depth) {
        if (depth > 4) {
            throw new IllegalArgumentException(where + ": defines nest too deep in \"" + phrase + "\"");
        }
        Matcher m = MACRO.matcher(phrase);
        if (!m.find()) {
            out.add(phrase);
            return;
        }
        List<String> alternatives = macros.get(m.group(1));
        if (alternatives == null) {
            throw new IllegalArgumentException(where + ": {" + m.group(1) + "} is not defined");
        }
        for (String alternative : alternatives) {
            String replaced = phrase.substring(0, m.start()) + alternative + phrase.substring(m.end());
            expandMacros(replaced, macros, where, out, depth + 1);
            if (out.size() > MAX_EXPANSIONS) {
                throw new IllegalArgumentException(where + ": \"" + phrase + "\" expands to too many forms");
            }
        }
    }
}
