package com.goodtalk.server.admin;

import picocli.CommandLine.Option;

/** The {@code -h}/{@code --help} option that every admin command has. */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, order = 40, description = "Show this help and exit.")
    boolean requested;
}
