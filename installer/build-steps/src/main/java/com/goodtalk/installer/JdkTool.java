package com.goodtalk.installer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.spi.ToolProvider;

/**
 * Runs a JDK tool ({@code jdeps}, {@code jmod}) in this JVM through its {@link ToolProvider},
 * so it comes from the same JDK as the build and needs no process of its own.
 */
final class JdkTool {

    /** The output, error output and exit code of one run of a tool. */
    record Result(int exitCode, String output, String errorOutput) {
    }

    private final ToolProvider provider;

    private JdkTool(ToolProvider provider) {
        this.provider = provider;
    }

    /**
     * Finds the tool {@code name} in this JDK.
     *
     * @throws InstallerBuildException if the running Java has no such tool (a JRE, or a JDK
     *                                 without the jdk.jlink or jdk.jdeps module)
     */
    static JdkTool named(String name) {
        return ToolProvider.findFirst(name)
                .map(JdkTool::new)
                .orElseThrow(() -> new InstallerBuildException("The Java at " + System.getProperty("java.home")
                        + " has no " + name + " tool. Run Maven with a full JDK 17 or newer (set JAVA_HOME)."));
    }

    /** Runs the tool with {@code args} and returns what it printed, whatever its exit code. */
    Result run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode;
        try (PrintWriter outWriter = new PrintWriter(out); PrintWriter errWriter = new PrintWriter(err)) {
            exitCode = provider.run(outWriter, errWriter, args.toArray(String[]::new));
        }
        return new Result(exitCode, out.toString(), err.toString());
    }

    /**
     * Runs the tool with {@code args} and returns its output.
     *
     * @throws InstallerBuildException if the tool exits with a code other than 0; the message
     *                                 contains the command line and everything the tool printed
     */
    String runOrFail(List<String> args) {
        Result result = run(args);
        if (result.exitCode() != 0) {
            throw new InstallerBuildException(provider.name() + " exited with code " + result.exitCode()
                    + ".\nCommand: " + provider.name() + " " + String.join(" ", args)
                    + "\nOutput:\n" + result.output() + result.errorOutput());
        }
        return result.output();
    }
}
