package io.basis.cli;

import io.basis.BasisApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * The service's storage side without its web server or live connectors, for command-line tools (replay, record):
 * the same configuration, database (embedded or external), writer and spool as {@code basis run}.
 */
final class ToolContext {
    private ToolContext() {
    }

    /** Starts the context; {@code springArgs} are {@code --key=value} overrides passed through from the command. */
    static ConfigurableApplicationContext start(List<String> springArgs) {
        List<String> args = new ArrayList<>(springArgs);
        args.add("--basis.connectors.enabled=false");
        args.add("--logging.level.root=warn");
        return new SpringApplicationBuilder(BasisApplication.class).web(WebApplicationType.NONE)
                .logStartupInfo(false).run(args.toArray(String[]::new));
    }

    /** Splits {@code --key=value} Spring overrides from the tool's own arguments. */
    static boolean isSpringArgument(String arg) {
        return arg.startsWith("--basis.") || arg.startsWith("--spring.") || arg.startsWith("--logging.");
    }
}
