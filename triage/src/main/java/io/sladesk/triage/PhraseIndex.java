package io.sladesk.triage;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every phrase of every rule in one Aho–Corasick automaton, so that a text is read once, character by
 * character, whatever the number of phrases: the cost of a suggestion grows with the length of the
 * text and the number of matches, not with the size of the rule set.
 *
 * <p>A phrase that begins (ends) with a Latin letter or digit only matches where the text has a word
 * boundary before (after) it: {@code down} does not match in {@code download}, {@code 無法} matches
 * anywhere. The automaton is immutable once built and shared by all threads.
 */
final class PhraseIndex {

    /** A match: the characters read from {@code start} to {@code end} (both included) are {@code pattern}. */
    record Match(int start, int end, int pattern) {
        int length() {
            return end - start + 1;
        }
    }

    private final int[] rootNext;
    private final int[] childStart;
    private final char[] childChar;
    private final int[] childNode;
    private final int[] fail;
    private final int[] outputLink;
    private final int[] nodePattern;
    private final int[] nodePatternNext;
    private final int[] patternLength;
    private final boolean[] boundedLeft;
    private final boolean[] boundedRight;

    private PhraseIndex(Builder b) {
        int nodes = b.children.size();
        rootNext = new int[Character.MAX_VALUE + 1]; // 0: no child (the root is never a child)
        childStart = new int[nodes + 1];
        int edges = 0;
        for (TreeMap<Character, Integer> c : b.children) {
            edges += c.size();
        }
        childChar = new char[edges];
        childNode = new int[edges];
        int e = 0;
        for (int n = 0; n < nodes; n++) {
            childStart[n] = e;
            for (Map.Entry<Character, Integer> entry : b.children.get(n).entrySet()) {
                childChar[e] = entry.getKey();
                childNode[e] = entry.getValue();
                e++;
            }
        }
        childStart[nodes] = e;
        for (Map.Entry<Character, Integer> entry : b.children.get(0).entrySet()) {
            rootNext[entry.getKey()] = entry.getValue();
        }

        // patterns ending at each node, as linked lists
        nodePattern = new int[nodes];
        java.util.Arrays.fill(nodePattern, -1);
        int patterns = b.patternNode.size();
        nodePatternNext = new int[patterns];
        patternLength = new int[patterns];
        boundedLeft = new boolean[patterns];
        boundedRight = new boolean[patterns];
        for (int p = 0; p < patterns; p++) {
            int node = b.patternNode.get(p);
            nodePatternNext[p] = nodePattern[node];
            nodePattern[node] = p;
            String text = b.patternText.get(p);
            patternLength[p] = text.length();
            boundedLeft[p] = Fold.classOf(text.charAt(0)) == Fold.WORD;
            boundedRight[p] = Fold.classOf(text.charAt(text.length() - 1)) == Fold.WORD;
        }

        // failure links, breadth first; outputLink: the nearest node down the failure chain that ends a pattern
        fail = new int[nodes];
        outputLink = new int[nodes];
        java.util.Arrays.fill(outputLink, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int c = childStart[0]; c < childStart[1]; c++) {
            fail[childNode[c]] = 0;
            queue.add(childNode[c]);
        }
        while (!queue.isEmpty()) {
            int node = queue.poll();
            for (int c = childStart[node]; c < childStart[node + 1]; c++) {
                int child = childNode[c];
                char ch = childChar[c];
                int f = fail[node];
                int next;
                while (true) {
                    next = step(f, ch);
                    if (next >= 0 || f == 0) {
                        break;
                    }
                    f = fail[f];
                }
                fail[child] = next >= 0 && next != child ? next : 0;
                outputLink[child] = nodePattern[fail[child]] >= 0 ? fail[child] : outputLink[fail[child]];
                queue.add(child);
            }
        }
    }

    /** The child of {@code node} on {@code c}, or -1. */
    private int step(int node, char c) {
        if (node == 0) {
            int next = rootNext[c];
            return next == 0 ? -1 : next;
        }
        int lo = childStart[node];
        int hi = childStart[node + 1] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = childChar[mid];
            if (m < c) {
                lo = mid + 1;
            } else if (m > c) {
                hi = mid - 1;
            } else {
                return childNode[mid];
            }
        }
        return -1;
    }

    /** Every match in the text, ordered by end, with word boundaries respected. */
    List<Match> matches(Feed feed) {
        List<Match> found = new ArrayList<>();
        char[] chars = feed.chars;
        int state = 0;
        for (int i = 0; i < feed.length; i++) {
            char c = chars[i];
            int next;
            while ((next = step(state, c)) < 0 && state != 0) {
                state = fail[state];
            }
            state = next < 0 ? 0 : next;
            for (int node = nodePattern[state] >= 0 ? state : outputLink[state]; node >= 0; node = outputLink[node]) {
                for (int p = nodePattern[node]; p >= 0; p = nodePatternNext[p]) {
                    int start = i - patternLength[p] + 1;
                    if (boundedLeft[p] && feed.isWord(start - 1)) {
                        continue;
                    }
                    if (boundedRight[p] && feed.isWord(i + 1)) {
                        continue;
                    }
                    found.add(new Match(start, i, p));
                }
            }
        }
        return found;
    }

    int patternCount() {
        return patternLength.length;
    }

    /** Collects the patterns; {@link #build} freezes them into the automaton. */
    static final class Builder {
        private final List<TreeMap<Character, Integer>> children = new ArrayList<>();
        private final List<Integer> patternNode = new ArrayList<>();
        private final List<String> patternText = new ArrayList<>();
        private final Map<String, Integer> byText = new HashMap<>();

        Builder() {
            children.add(new TreeMap<>());
        }

        /**
         * Adds a pattern (already folded, non-empty) and answers its number, or the number it already had.
         */
        int add(String text) {
            if (text.isEmpty()) {
                throw new IllegalArgumentException("empty pattern");
            }
            Integer known = byText.get(text);
            if (known != null) {
                return known;
            }
            int node = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                Integer next = children.get(node).get(c);
                if (next == null) {
                    next = children.size();
                    children.add(new TreeMap<>());
                    children.get(node).put(c, next);
                }
                node = next;
            }
            int id = patternNode.size();
            patternNode.add(node);
            patternText.add(text);
            byText.put(text, id);
            return id;
        }

        PhraseIndex build() {
            return new PhraseIndex(this);
        }
    }
}
