package com.goodtalk.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.undertow.Undertow;
import io.undertow.server.handlers.BlockingHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Runs the catch-all in front of a handler that fails, on a real Undertow server. */
class ErrorMappingHandlerTest {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ErrorMappingHandler.class);
    private Undertow undertow;
    private URI base;

    @BeforeEach
    void startServer() {
        appender.start();
        logger.addAppender(appender);
        undertow = Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(new BlockingHandler(new ErrorMappingHandler(exchange -> {
                    throw new IllegalStateException("simulated bug");
                })))
                .build();
        undertow.start();
        InetSocketAddress address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
        base = URI.create("http://127.0.0.1:" + address.getPort());
    }

    @AfterEach
    void stopServer() {
        undertow.stop();
        logger.detachAppender(appender);
    }

    @Test
    void exceptionBecomesJson500() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<String> response = client.send(HttpRequest.newBuilder(base.resolve("/anything")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body()).startsWith("{\"error\":\"Internal Server Error\"");
        assertThat(response.body()).doesNotContain("simulated bug");
    }

    @Test
    void exceptionIsLoggedWithCause() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        client.send(HttpRequest.newBuilder(base.resolve("/anything")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(appender.list).hasSize(1);
        ILoggingEvent event = appender.list.get(0);
        assertThat(event.getLevel()).isEqualTo(Level.ERROR);
        assertThat(event.getFormattedMessage()).contains("GET /anything");
        assertThat(event.getThrowableProxy().getMessage()).isEqualTo("simulated bug");
    }
}
