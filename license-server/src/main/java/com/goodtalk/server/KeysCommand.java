package com.goodtalk.server;

import com.goodtalk.protocol.jose.ServerPublicKey;
import com.goodtalk.server.keys.JwksFiles;
import com.goodtalk.server.keys.SigningKeyStore;
import com.goodtalk.server.keys.SigningKeyStoreException;
import com.goodtalk.server.keys.SigningKeys;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code keys} subcommands of the license server, which manage the Ed25519 keys that sign v2
 * replies in {@code DIR/signing-keys/} ({@link SigningKeyStore}). A running server reads the keys
 * at start, so it must be restarted after a change.
 */
@Command(
        name = "keys",
        sortOptions = false,
        usageHelpAutoWidth = true,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        exitCodeOnExecutionException = ExitCodes.SOFTWARE,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Manages the Ed25519 keys that sign v2 replies, kept in DIR/signing-keys/ of the data directory.",
            "Private keys are PKCS#8 PEM files readable by their owner only (chmod 600). The server reads the"
                    + " keys at start, so restart it after a change.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "64:invalid option, no key where one is needed, or retiring the active key",
            "65:a key file or the active file has unusable content",
            "66:a key file is unreadable or open to other users",
            "73:a key or key set file cannot be written",
        })
final class KeysCommand implements Callable<Integer> {

    /** The description of every subcommand's {@code --data-dir} option. */
    private static final String DATA_DIR_DESCRIPTION = "Data directory; the keys are in its signing-keys/"
            + " subdirectory (default: ${DEFAULT-VALUE}).";

    @Spec
    private CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean helpRequested;

    /** Without a subcommand, shows the usage and fails, because {@code keys} alone does nothing. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("license-server keys: name a command, such as: license-server keys generate");
        spec.commandLine().usage(err);
        return ExitCodes.USAGE;
    }

    @Command(name = "generate", sortOptions = false, usageHelpAutoWidth = true,
            exitCodeOnExecutionException = ExitCodes.SOFTWARE,
            description = "Generates an Ed25519 key pair into DIR/signing-keys/ and makes it the active key, which"
                    + " signs every reply. Keys already there stay published. Prints the key id (kid) and the public"
                    + " JWK.")
    int generate(@Option(names = "--data-dir", paramLabel = "DIR", defaultValue = Main.DEFAULT_DATA_DIR,
                         description = DATA_DIR_DESCRIPTION) Path dataDir,
                 @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
                 boolean help) {
        SigningKeyStore store = new SigningKeyStore(dataDir);
        SigningKeys keys;
        try {
            keys = store.generate();
        } catch (SigningKeyStoreException e) {
            return fail(e);
        }
        printNewKey(store, keys);
        return ExitCodes.OK;
    }

    @Command(name = "rotate", sortOptions = false, usageHelpAutoWidth = true,
            exitCodeOnExecutionException = ExitCodes.SOFTWARE,
            description = "Generates a new active key. The older public keys stay published in the key set, so"
                    + " clients that pin them keep working, until they are retired with: license-server keys"
                    + " retire KID")
    int rotate(@Option(names = "--data-dir", paramLabel = "DIR", defaultValue = Main.DEFAULT_DATA_DIR,
                       description = DATA_DIR_DESCRIPTION) Path dataDir,
               @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
               boolean help) {
        SigningKeyStore store = new SigningKeyStore(dataDir);
        SigningKeys keys;
        try {
            keys = store.rotate();
        } catch (SigningKeyStoreException e) {
            return fail(e);
        }
        printNewKey(store, keys);
        return ExitCodes.OK;
    }

    @Command(name = "show", sortOptions = false, usageHelpAutoWidth = true,
            exitCodeOnExecutionException = ExitCodes.SOFTWARE,
            description = "Prints the published public keys as a JWKS on the first line, exactly as GET /v2/keys"
                    + " serves them, then the active key's id and its public key as PEM.")
    int show(@Option(names = "--data-dir", paramLabel = "DIR", defaultValue = Main.DEFAULT_DATA_DIR,
                     description = DATA_DIR_DESCRIPTION) Path dataDir,
             @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
             boolean help) {
        SigningKeys keys;
        try {
            keys = new SigningKeyStore(dataDir).require();
        } catch (SigningKeyStoreException e) {
            return fail(e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(keys.jwks().toJson());
        out.println("active kid: " + keys.activeKeyId());
        out.print(keys.active().publicKey().toPem());
        out.flush();
        return ExitCodes.OK;
    }

    @Command(name = "retire", sortOptions = false, usageHelpAutoWidth = true,
            exitCodeOnExecutionException = ExitCodes.SOFTWARE,
            description = "Stops publishing a key that is no longer active, by moving its file to"
                    + " DIR/signing-keys/retired/. Clients that pin only this key can no longer verify replies.")
    int retire(@Parameters(paramLabel = "KID", description = "Key id of the key to retire, as keys show lists it.")
               String keyId,
               @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = Main.DEFAULT_DATA_DIR,
                       description = DATA_DIR_DESCRIPTION) Path dataDir,
               @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
               boolean help) {
        SigningKeys keys;
        try {
            keys = new SigningKeyStore(dataDir).retire(keyId);
        } catch (SigningKeyStoreException e) {
            return fail(e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("retired kid: " + keyId);
        out.println("published kids: " + String.join(", ", keys.keyIds()));
        out.flush();
        return ExitCodes.OK;
    }

    @Command(name = "export-jwks", sortOptions = false, usageHelpAutoWidth = true,
            exitCodeOnExecutionException = ExitCodes.SOFTWARE,
            description = "Writes the published public keys to FILE as the JWKS that GET /v2/keys serves.")
    int exportJwks(@Parameters(paramLabel = "FILE", description = "File to write; it is replaced if it exists.")
                   Path file,
                   @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = Main.DEFAULT_DATA_DIR,
                           description = DATA_DIR_DESCRIPTION) Path dataDir,
                   @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
                   boolean help) {
        SigningKeys keys;
        try {
            keys = new SigningKeyStore(dataDir).require();
            JwksFiles.write(file, keys.jwks());
        } catch (SigningKeyStoreException e) {
            return fail(e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote kids " + String.join(", ", keys.keyIds()) + " to " + file);
        out.flush();
        return ExitCodes.OK;
    }

    private void printNewKey(SigningKeyStore store, SigningKeys keys) {
        PrintWriter out = spec.commandLine().getOut();
        ServerPublicKey key = keys.active().publicKey();
        out.println("kid: " + key.thumbprint());
        out.println("jwk: " + key.toJwk());
        out.println("private key: " + store.privateKeyFile(key.thumbprint()) + " (readable by its owner only)");
        List<String> older = keys.keyIds().subList(1, keys.keyIds().size());
        if (!older.isEmpty()) {
            out.println("still published: " + String.join(", ", older) + " (retire each with: license-server keys"
                    + " retire KID --data-dir " + store.dataDir() + ")");
        }
        out.println("Restart a running server to sign with the new key.");
        out.flush();
    }

    private int fail(SigningKeyStoreException error) {
        spec.commandLine().getErr().println("license-server keys: " + error.getMessage());
        spec.commandLine().getErr().flush();
        return exitCode(error.reason());
    }

    /** Returns the exit code for a key store problem, shared with the serving command. */
    static int exitCode(SigningKeyStoreException.Reason reason) {
        return switch (reason) {
            case MISSING, REFUSED -> ExitCodes.USAGE;
            case INVALID -> ExitCodes.DATA_ERROR;
            case UNREADABLE -> ExitCodes.NO_INPUT;
            case NOT_WRITABLE -> ExitCodes.CANNOT_CREATE;
        };
    }
}
