package com.goodtalk.protocol.jose;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code openssl} binary for interoperability tests, skipping them where it is missing. */
final class OpenSsl {

    /** The output and exit code of one openssl run. */
    record Result(int exitCode, String output) {
    }

    private static final boolean AVAILABLE = probe();

    private OpenSsl() {
    }

    /** Skips the calling test, with a clear reason, when no openssl 3 binary is on the PATH. */
    static void assumeAvailable() {
        assumeTrue(AVAILABLE, "Skipped: no OpenSSL 3 binary named 'openssl' on the PATH."
                + " Install OpenSSL 3 (Debian: apt-get install openssl) to run the PEM interoperability tests.");
    }

    /** Runs openssl with {@code arguments} in {@code directory}, returning stdout and stderr together. */
    static Result run(Path directory, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("openssl " + String.join(" ", arguments) + " did not finish within 60 s");
        }
        return new Result(process.exitValue(), output);
    }

    private static boolean probe() {
        try {
            Result result = run(Path.of(System.getProperty("java.io.tmpdir")), "version");
            return result.exitCode() == 0 && result.output().startsWith("OpenSSL 3");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
