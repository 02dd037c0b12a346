package com.goodtalk.server.store;

import java.util.List;

/**
 * The result of {@link LicenseStore#integrityCheck()}.
 *
 * @param problems the problems the database reported, empty when the check passed
 */
public record IntegrityReport(List<String> problems) {

    public IntegrityReport {
        problems = List.copyOf(problems);
    }

    /** Tells whether the check found no problem. */
    public boolean isOk() {
        return problems.isEmpty();
    }
}
