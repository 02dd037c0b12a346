package com.goodtalk.protocol.client;

/** The result of one verification step. */
public enum StepOutcome {
    /** The step ran and its check held. */
    PASSED,
    /** The step ran and its check did not hold; later steps are skipped or record why they ran. */
    FAILED,
    /** The step did not run, because an earlier step failed or it does not apply to this reply. */
    SKIPPED
}
