package com.goodtalk.server.admin;

import java.util.Map;
import picocli.CommandLine.Option;

/** The {@code --actor} option of the commands that change licenses, recorded in the audit log. */
final class ActorOption {

    @Option(names = "--actor", paramLabel = "NAME", order = 20,
            description = "Name recorded in the audit log for this change (default: cli:$USER).")
    String actor;

    /** Returns {@code --actor}, or {@code cli:} and the login name from USER, USERNAME or the JVM. */
    String resolve(Map<String, String> environment) {
        if (actor != null) {
            return actor;
        }
        String user = environment.getOrDefault("USER", environment.get("USERNAME"));
        if (user == null || user.isBlank()) {
            user = System.getProperty("user.name", "unknown");
        }
        return "cli:" + user;
    }
}
