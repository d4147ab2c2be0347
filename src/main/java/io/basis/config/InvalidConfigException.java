package io.basis.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A config file could not be used. The message lists every problem found, one per line, each naming the file, the
 * line (when known), the dotted key path and what is wrong, so one start-up attempt shows everything to fix.
 */
public class InvalidConfigException extends RuntimeException {

    private final String file;
    private final List<ConfigProblem> problems;

    public InvalidConfigException(String file, List<ConfigProblem> problems) {
        super(render(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidConfigException needs at least one problem");
        }
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public InvalidConfigException(ConfigProblem problem) {
        this(problem.file(), List.of(problem));
    }

    /** The file the problems are in, as given by the user. */
    public String file() {
        return file;
    }

    /** The problems ordered by line, those without a line (e.g. a misnamed environment variable) last; never empty. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String render(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::toString).collect(Collectors.joining("\n"));
    }
}
