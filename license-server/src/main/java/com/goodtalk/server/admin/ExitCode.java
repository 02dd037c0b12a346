package com.goodtalk.server.admin;

/** The exit codes of the admin commands, from the BSD {@code sysexits.h} convention. */
final class ExitCode {

    /** The command did what it was asked. */
    static final int OK = 0;

    /** An argument or option is invalid, or the command does not apply to this database ({@code EX_USAGE}). */
    static final int USAGE = 64;

    /** The data does not allow the change: an unknown id, a duplicate, a forbidden status change ({@code EX_DATAERR}). */
    static final int DATA_ERROR = 65;

    /** An unexpected error, which means a bug ({@code EX_SOFTWARE}). */
    static final int SOFTWARE = 70;

    /** A file or the database failed ({@code EX_IOERR}). */
    static final int IO_ERROR = 74;

    static final String HEADING = "%nExit codes:%n";
    static final String OK_LINE = "0:done";
    static final String USAGE_LINE = "64:invalid argument or option";
    static final String DATA_ERROR_LINE = "65:unknown id or code, duplicate, or a status that forbids the change";
    static final String IO_ERROR_LINE = "74:the database or a file failed";

    private ExitCode() {
    }
}
