package com.goodtalk.installer;

/**
 * Runs a build step's work from its {@code main}: an {@link InstallerBuildException} is printed
 * as one readable message without a stack trace and ends the JVM with exit code 1, which fails
 * the Maven build; any other exception keeps its stack trace, because it is a bug in the step.
 */
final class BuildStep {

    /** The work of a build step, given its command-line arguments. */
    @FunctionalInterface
    interface Work {
        void run(String[] args);
    }

    private BuildStep() {
    }

    static void runMain(String stepName, Work work, String[] args) {
        try {
            work.run(args);
        } catch (InstallerBuildException e) {
            System.err.println("[" + stepName + "] " + e.getMessage());
            System.exit(1);
        }
    }
}
