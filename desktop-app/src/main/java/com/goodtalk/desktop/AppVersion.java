package com.goodtalk.desktop;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The desktop app's version: the jar manifest's {@code Implementation-Version}, or else the
 * project version that the build writes into the resource {@value #RESOURCE}, which is what
 * tests running from the class folders see.
 */
public final class AppVersion implements IVersionProvider {

    /** The class path resource with the {@code version} property, filled in from the pom by the build. */
    static final String RESOURCE = "/com/goodtalk/desktop/version.properties";

    /** The product name the {@code app} claim starts with. */
    static final String PRODUCT = "GoodTalk Desktop";

    /** Returns the version, such as {@code 0.1.0}, or {@code unknown} if neither source has one. */
    public static String version() {
        String fromManifest = AppVersion.class.getPackage().getImplementationVersion();
        if (fromManifest != null && !fromManifest.isBlank()) {
            return fromManifest.strip();
        }
        try (InputStream in = AppVersion.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String fromBuild = properties.getProperty("version", "").strip();
                if (!fromBuild.isEmpty() && !fromBuild.startsWith("${")) {
                    return fromBuild;
                }
            }
        } catch (IOException e) {
            // A class path resource that exists but cannot be read is a broken jar. The version
            // only labels requests, so the app still runs and its app claim carries "unknown".
            return "unknown";
        }
        return "unknown";
    }

    /** Returns the v2 {@code app} claim, such as {@code GoodTalk Desktop/0.1.0}. */
    public static String appClaim() {
        return PRODUCT + "/" + version();
    }

    /** Returns the version line of {@code --version}. */
    @Override
    public String[] getVersion() {
        return new String[] {PRODUCT + " " + version()};
    }
}
