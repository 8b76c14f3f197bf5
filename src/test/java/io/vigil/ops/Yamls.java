package io.vigil.ops;

import java.util.List;
import java.util.Map;

/** Typed, path-checked navigation of YAML loaded as plain maps and lists. */
final class Yamls {
    private Yamls() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String where) {
        if (!(node instanceof Map)) {
            throw new AssertionError(where + ": expected a mapping, found " + describe(node));
        }
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node, String where) {
        if (!(node instanceof List)) {
            throw new AssertionError(where + ": expected a list, found " + describe(node));
        }
        return (List<Object>) node;
    }

    /** Follows keys (and list indexes written as numbers) from node; fails naming the missing step. */
    static Object at(Object node, String where, Object... steps) {
        Object current = node;
        StringBuilder path = new StringBuilder(where);
        for (Object step : steps) {
            if (step instanceof Integer i) {
                List<Object> list = list(current, path.toString());
                path.append('[').append(i).append(']');
                if (i >= list.size()) {
                    throw new AssertionError(path + ": no such element");
                }
                current = list.get(i);
            } else {
                Map<String, Object> map = map(current, path.toString());
                path.append('.').append(step);
                if (!map.containsKey(step.toString())) {
                    throw new AssertionError(path + ": missing");
                }
                current = map.get(step.toString());
            }
        }
        return current;
    }

    static Map<String, Object> mapAt(Object node, String where, Object... steps) {
        return map(at(node, where, steps), where + " " + List.of(steps));
    }

    static List<Object> listAt(Object node, String where, Object... steps) {
        return list(at(node, where, steps), where + " " + List.of(steps));
    }

    static String stringAt(Object node, String where, Object... steps) {
        return String.valueOf(at(node, where, steps));
    }

    private static String describe(Object node) {
        return node == null ? "nothing" : node.getClass().getSimpleName() + " " + node;
    }
}
