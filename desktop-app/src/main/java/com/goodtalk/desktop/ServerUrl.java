package com.goodtalk.desktop;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks a server URL typed by a user before any request goes out.
 *
 * <p>The clients post to fixed paths at the server's root ({@code /v2/activate} and the other v2
 * paths, {@code /authenticate} for v1), so a URL is valid only with an {@code http} or
 * {@code https} scheme, a host, an optional port and no path beyond {@code /}. Anything else
 * would send the request somewhere the user did not mean.
 */
public final class ServerUrl {

    /** The URL used in messages as an example of the expected form. */
    static final String EXAMPLE = "http://127.0.0.1:8080";

    private ServerUrl() {
    }

    /**
     * Parses {@code text}, with surrounding whitespace removed, into a base URL without a
     * trailing slash, such as {@code http://127.0.0.1:8080}.
     *
     * @throws InvalidServerUrlException with a message that names the value and the fix
     */
    public static URI parse(String text) {
        String url = text == null ? "" : text.strip();
        if (url.isEmpty()) {
            throw new InvalidServerUrlException("Enter the server URL, for example " + EXAMPLE + ".");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new InvalidServerUrlException("The server URL \"" + url + "\" is not a valid URL ("
                    + e.getReason() + " at character " + (e.getIndex() + 1) + "). Use a URL such as " + EXAMPLE + ".");
        }
        checkScheme(url, uri);
        if (uri.getHost() == null) {
            throw new InvalidServerUrlException("The server URL \"" + url
                    + "\" has no valid host name. Use a URL such as " + EXAMPLE + ".");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new InvalidServerUrlException("The server URL \"" + url + "\" has the port " + uri.getPort()
                    + ", but a port must be between 1 and 65535.");
        }
        String path = uri.getRawPath();
        if (!(path == null || path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new InvalidServerUrlException("The server URL \"" + url + "\" has a path, query or fragment."
                    + " Give only the scheme, host and port, such as " + EXAMPLE
                    + ", because the client adds the request paths, such as /v2/activate, itself.");
        }
        return URI.create(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority());
    }

    private static void checkScheme(String url, URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || !url.contains("://")) {
            throw new InvalidServerUrlException("The server URL \"" + url + "\" does not start with http:// or https://."
                    + " Write it as http://" + url + " if the server speaks plain HTTP.");
        }
        if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
            throw new InvalidServerUrlException("The server URL \"" + url + "\" uses the scheme " + scheme
                    + ", but license servers speak HTTP. Use a URL that starts with http:// or https://.");
        }
    }
}
