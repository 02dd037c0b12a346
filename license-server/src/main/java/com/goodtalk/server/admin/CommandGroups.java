package com.goodtalk.server.admin;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The admin command groups, which only hold subcommands; called without one, they print a usage error. */
final class CommandGroups {

    private CommandGroups() {
    }

    @Command(name = "licenses", description = "Issues, imports, lists and changes licenses.",
            subcommands = {
                LicenseCreateCommand.class,
                LicenseImportCommand.class,
                LicenseListCommand.class,
                LicenseShowCommand.class,
                LicenseStatusCommand.Suspend.class,
                LicenseStatusCommand.Reinstate.class,
                LicenseStatusCommand.Revoke.class,
                LicenseExtendCommand.class,
            },
            footerHeading = "%nEvery subcommand takes the store options:%n",
            footer = {
                "  --data-dir DIR, --db-url URL, --db-user USER, --key-pepper-file FILE",
                "Changes are recorded in the audit log under --actor NAME (default: cli:$USER).",
                "Run 'license-server licenses COMMAND --help' for a command's options.",
            },
            exitCodeListHeading = ExitCode.HEADING,
            exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, ExitCode.DATA_ERROR_LINE, ExitCode.IO_ERROR_LINE})
    static final class Licenses {
        @Mixin
        HelpOption help;
    }

    @Command(name = "activations", description = "Lists and releases machine activations.",
            subcommands = {ActivationListCommand.class, ActivationReleaseCommand.class},
            exitCodeListHeading = ExitCode.HEADING,
            exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, ExitCode.DATA_ERROR_LINE, ExitCode.IO_ERROR_LINE})
    static final class Activations {
        @Mixin
        HelpOption help;
    }

    @Command(name = "db", description = "Backs up, migrates and checks the license database.",
            subcommands = {DbBackupCommand.class, DbMigrateCommand.class, DbCheckCommand.class},
            exitCodeListHeading = ExitCode.HEADING,
            exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, ExitCode.DATA_ERROR_LINE, ExitCode.IO_ERROR_LINE})
    static final class Db {
        @Mixin
        HelpOption help;
    }
}
