package com.goodtalk.server.admin;

import com.goodtalk.server.store.ConflictException;
import com.goodtalk.server.store.LicenseStore;
import com.goodtalk.server.store.NotFoundException;
import com.goodtalk.server.store.StoreException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * An admin command that works on the license store: it opens the store from the
 * {@link StoreOptions}, runs, closes the store and turns each kind of failure into its exit code
 * and a one-line message on stderr.
 */
abstract class StoreCommand implements Callable<Integer> {

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    HelpOption help;

    @Spec
    CommandSpec spec;

    final AdminContext context;

    StoreCommand(AdminContext context) {
        this.context = context;
    }

    /** Runs the command on the open store and returns the exit code. */
    abstract int run(LicenseStore store) throws IOException;

    /** Checks arguments that need no store, so a bad one fails before anything is opened or created. */
    void checkArguments() throws IOException {
    }

    /** Tells whether this command may create a new SQLite database; the others reject a missing one. */
    boolean createsDatabase() {
        return false;
    }

    PrintStream out() {
        return context.out();
    }

    @Override
    public final Integer call() {
        try {
            checkArguments();
            try (LibraryLogs quieted = LibraryLogs.quiet();
                    LicenseStore store = storeOptions.open(context.environment(), context.clock(), context.err(),
                            !createsDatabase())) {
                return run(store);
            }
        } catch (AdminException e) {
            return fail(e.exitCode(), e.getMessage());
        } catch (NotFoundException | ConflictException e) {
            return fail(ExitCode.DATA_ERROR, e.getMessage());
        } catch (StoreException e) {
            return fail(ExitCode.IO_ERROR, e.getMessage());
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            return fail(ExitCode.USAGE, e.getMessage());
        } catch (IOException e) {
            return fail(ExitCode.IO_ERROR, e.getMessage());
        } catch (UncheckedIOException e) {
            return fail(ExitCode.IO_ERROR, e.getMessage());
        }
    }

    private int fail(int exitCode, String message) {
        context.out().flush();
        context.err().println(spec.qualifiedName() + ": " + message);
        return exitCode;
    }
}
