package io.vigil.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile read into stages of instructions: continuation lines joined, comments and parser
 * directives dropped. Enough to compare its steps with deploy/docker-build-check.sh.
 */
record Dockerfile(List<Stage> stages) {
    /** One instruction: keyword in upper case, and its arguments as written. */
    record Instruction(String keyword, String arguments) {}

    /** A FROM and what follows it. */
    record Stage(String image, String name, List<Instruction> instructions) {
        List<String> arguments(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
        }
    }

    static Dockerfile parse(String text) {
        List<String> logical = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (current.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (current.length() > 0 && trimmed.startsWith("#")) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
            } else {
                logical.add(current.append(trimmed).toString().replaceAll("\\s+", " ").strip());
                current.setLength(0);
            }
        }
        List<Stage> stages = new ArrayList<>();
        for (String line : logical) {
            int space = line.indexOf(' ');
            String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
            String arguments = space < 0 ? "" : line.substring(space + 1).strip();
            if (keyword.equals("FROM")) {
                String[] parts = arguments.split(" ");
                String name = parts.length >= 3 && parts[1].equalsIgnoreCase("AS") ? parts[2] : "";
                stages.add(new Stage(parts[0], name, new ArrayList<>()));
            } else if (stages.isEmpty()) {
                throw new IllegalArgumentException("instruction before the first FROM: " + line);
            } else {
                stages.get(stages.size() - 1).instructions().add(new Instruction(keyword, arguments));
            }
        }
        return new Dockerfile(stages);
    }

    Stage stage(int index) {
        return stages.get(index);
    }
}
