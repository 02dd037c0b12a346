package com.goodtalk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TamperingProxyTest {

    private static TestUpstream upstream;

    private TamperingProxy proxy;

    @BeforeAll
    static void startUpstream() throws IOException {
        upstream = TestUpstream.start();
    }

    @AfterAll
    static void stopUpstream() throws InterruptedException {
        upstream.close();
    }

    @BeforeEach
    void startProxy() {
        upstream.clear();
        proxy = TamperingProxy.start(upstream.baseUri());
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    private URI at(String pathAndQuery) {
        return URI.create(proxy.baseUri() + pathAndQuery);
    }

    private static HttpResponse<String> post(URI uri, String body) throws IOException, InterruptedException {
        return TestClient.send("POST", uri, "application/json", body);
    }

    @Test
    void baseUriIsLoopbackWithoutSlash() {
        assertThat(proxy.baseUri().getHost()).isEqualTo("127.0.0.1");
        assertThat(proxy.baseUri().getPort()).isPositive();
        assertThat(proxy.baseUri().toString()).doesNotEndWith("/");
    }

    @Test
    void forwardsMethodPathQueryAndContentType() throws Exception {
        HttpResponse<String> response = TestClient.send("PUT", at("/describe?a=1&b=%20x"), "text/x-test", "body");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"method\":\"PUT\",\"path\":\"/describe\",\"query\":\"a=1&b=%20x\","
                + "\"contentType\":\"text/x-test\"}");
    }

    @Test
    void forwardsBodyAndReturnsItUnchanged() throws Exception {
        String body = "{\"key\": \"\\u00e9\", \"n\": 1}";

        HttpResponse<String> response = post(at("/echo"), body);

        assertThat(response.body()).isEqualTo(body);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(upstream.receivedBodies()).containsExactly(body);
    }

    @Test
    void forwardsGetWithoutBody() throws Exception {
        HttpResponse<String> response = TestClient.send("GET", at("/describe"), null, null);

        assertThat(response.body()).isEqualTo("{\"method\":\"GET\",\"path\":\"/describe\",\"query\":null,"
                + "\"contentType\":null}");
    }

    @Test
    void returnsUpstreamStatusAndContentType() throws Exception {
        HttpResponse<String> response = post(at("/teapot"), "");

        assertThat(response.statusCode()).isEqualTo(418);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(response.body()).isEqualTo("short and stout");
    }

    @Test
    void returnsEmptyReplyWithoutBody() throws Exception {
        HttpResponse<String> response = post(at("/empty"), "x");

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void recordsEachExchange() throws Exception {
        post(at("/echo"), "{\"a\": \"1\"}");
        post(at("/teapot"), "tea");

        List<Exchange> exchanges = proxy.exchanges();

        assertThat(exchanges).hasSize(2);
        assertThat(exchanges.get(0).request().path()).isEqualTo("/echo");
        assertThat(exchanges.get(0).request().bodyText()).isEqualTo("{\"a\": \"1\"}");
        assertThat(exchanges.get(0).forwardedRequest()).map(ProxiedRequest::bodyText).hasValue("{\"a\": \"1\"}");
        assertThat(exchanges.get(0).reply().status()).isEqualTo(200);
        assertThat(exchanges.get(1).reply().status()).isEqualTo(418);
        assertThat(exchanges.get(1).reply().contentType()).hasValue("text/plain");
        assertThat(exchanges.get(1).upstreamReply()).map(ProxiedReply::bodyText).hasValue("short and stout");
    }

    @Test
    void editRequestsChangesForwardedBody() throws Exception {
        proxy.editRequests(JsonEdits.set("key", "other"));

        HttpResponse<String> response = post(at("/echo"), "{\"key\": \"mine\", \"nonce\": \"n\"}");

        assertThat(upstream.receivedBodies()).containsExactly("{\"key\": \"other\", \"nonce\": \"n\"}");
        assertThat(response.body()).isEqualTo("{\"key\": \"other\", \"nonce\": \"n\"}");
        Exchange exchange = proxy.exchanges().get(0);
        assertThat(exchange.request().bodyText()).isEqualTo("{\"key\": \"mine\", \"nonce\": \"n\"}");
        assertThat(exchange.forwardedRequest()).map(ProxiedRequest::bodyText)
                .hasValue("{\"key\": \"other\", \"nonce\": \"n\"}");
    }

    @Test
    void editRepliesChangesReturnedBody() throws Exception {
        proxy.editReplies(JsonEdits.remove("nonce").andThen(JsonEdits.add("valid", "true")));

        HttpResponse<String> response = post(at("/echo"), "{\"key\": \"k\", \"nonce\": \"n\"}");

        assertThat(response.body()).isEqualTo("{\"key\": \"k\", \"valid\": \"true\"}");
        assertThat(upstream.receivedBodies()).containsExactly("{\"key\": \"k\", \"nonce\": \"n\"}");
        Exchange exchange = proxy.exchanges().get(0);
        assertThat(exchange.upstreamReply()).map(ProxiedReply::bodyText).hasValue("{\"key\": \"k\", \"nonce\": \"n\"}");
        assertThat(exchange.reply().bodyText()).isEqualTo("{\"key\": \"k\", \"valid\": \"true\"}");
    }

    @Test
    void pathScopedEditsSkipOtherPaths() throws Exception {
        proxy.editRequests("/echo", BodyEdits.replace("a", "b"));
        proxy.editReplies("/echo", BodyEdits.replace("b", "c"));

        HttpResponse<String> edited = post(at("/echo"), "a");
        HttpResponse<String> untouched = post(at("/teapot"), "a");

        assertThat(edited.body()).isEqualTo("c");
        assertThat(untouched.body()).isEqualTo("short and stout");
        assertThat(upstream.receivedBodies()).containsExactly("b", "a");
    }

    @Test
    void laterEditReplacesEarlierOne() throws Exception {
        proxy.editReplies(BodyEdits.replace("a", "b"));
        proxy.editReplies(BodyEdits.replace("a", "c"));

        assertThat(post(at("/echo"), "a").body()).isEqualTo("c");
    }

    @Test
    void failedEditRepliesWithProxyError() throws Exception {
        proxy.editRequests(JsonEdits.set("missing", "x"));

        HttpResponse<String> response = post(at("/echo"), "{\"key\": \"k\"}");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).startsWith("{\"proxyError\": \"the request edit failed:")
                .contains("no member \\\"missing\\\"");
        assertThat(upstream.receivedBodies()).isEmpty();
        assertThat(proxy.exchanges().get(0).forwardedRequest()).isEmpty();
    }

    @Test
    void failedReplyEditRepliesWithProxyError() throws Exception {
        proxy.editReplies(BodyEdits.flipByte(100));

        HttpResponse<String> response = post(at("/echo"), "short");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).contains("the reply edit failed: Cannot change byte 100");
        assertThat(proxy.exchanges().get(0).upstreamReply()).map(ProxiedReply::bodyText).hasValue("short");
    }

    @Test
    void replayReturnsFirstRecordedReply() throws Exception {
        post(at("/counter"), "");
        post(at("/counter"), "");
        proxy.replayReplies();

        HttpResponse<String> replayed = post(at("/counter"), "");

        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(replayed.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(replayed.body()).isEqualTo(proxy.exchanges().get(0).reply().bodyText());
        assertThat(upstream.receivedBodies()).hasSize(2);
        Exchange last = proxy.exchanges().get(2);
        assertThat(last.forwardedRequest()).isEmpty();
        assertThat(last.upstreamReply()).isEmpty();
    }

    @Test
    void replayMatchesMethodAndPath() throws Exception {
        post(at("/teapot"), "");
        post(at("/echo"), "first");
        proxy.replayReplies();

        HttpResponse<String> replayed = post(at("/echo"), "second");

        assertThat(replayed.body()).isEqualTo("first");
    }

    @Test
    void replayWithNothingRecordedFails() throws Exception {
        post(at("/teapot"), "");
        proxy.replayReplies();

        HttpResponse<String> response = post(at("/echo"), "x");

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.body()).isEqualTo("{\"proxyError\": \"no reply to POST /echo is recorded yet,"
                + " so there is nothing to replay\"}");
    }

    @Test
    void replayOfGivenReply() throws Exception {
        proxy.replayReplies(ProxiedReply.of(403, "application/json", "{\"error\": \"key_invalid\"}"));

        HttpResponse<String> response = post(at("/echo"), "x");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).isEqualTo("{\"error\": \"key_invalid\"}");
        assertThat(upstream.receivedBodies()).isEmpty();
    }

    @Test
    void replayedReplyIsStillEdited() throws Exception {
        post(at("/echo"), "abc");
        proxy.replayReplies();
        proxy.editReplies(BodyEdits.replace("b", "x"));

        assertThat(post(at("/echo"), "zzz").body()).isEqualTo("axc");
    }

    @Test
    void rewriteForgesStatusAndBody() throws Exception {
        proxy.rewriteReplies((request, reply) ->
                ProxiedReply.of(200, "application/jose", reply.status() + " to " + request.bodyText()));

        HttpResponse<String> response = post(at("/teapot"), "tea");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/jose");
        assertThat(response.body()).isEqualTo("418 to tea");
    }

    @Test
    void rewriteSeesEditedRequest() throws Exception {
        proxy.editRequests(BodyEdits.replace("a", "b"));
        proxy.rewriteReplies((request, reply) -> ProxiedReply.of(200, null, request.bodyText()));

        assertThat(post(at("/echo"), "a").body()).isEqualTo("b");
    }

    @Test
    void resetRestoresPlainForwarding() throws Exception {
        post(at("/echo"), "a");
        proxy.editRequests(BodyEdits.replace("a", "b"));
        proxy.editReplies(BodyEdits.replace("a", "b"));
        proxy.rewriteReplies((request, reply) -> ProxiedReply.of(500, null, "forged"));
        proxy.replayReplies();

        proxy.reset();

        assertThat(proxy.exchanges()).isEmpty();
        HttpResponse<String> response = post(at("/echo"), "a");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("a");
        assertThat(upstream.receivedBodies()).containsExactly("a", "a");
    }

    @Test
    void unreachableUpstreamGives502() throws Exception {
        URI deadUpstream;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            deadUpstream = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        try (TamperingProxy toNowhere = TamperingProxy.start(deadUpstream)) {
            HttpResponse<String> response = post(URI.create(toNowhere.baseUri() + "/authenticate"), "{}");

            assertThat(response.statusCode()).isEqualTo(502);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(response.body()).startsWith("{\"proxyError\": \"the upstream " + deadUpstream
                    + "/authenticate could not be reached: ConnectException");
            assertThat(toNowhere.exchanges()).hasSize(1);
            assertThat(toNowhere.exchanges().get(0).upstreamReply()).isEmpty();
        }
    }

    @Test
    void upstreamPathIsPrefixed() throws Exception {
        try (TamperingProxy prefixed = TamperingProxy.start(URI.create(upstream.baseUri() + "/"))) {
            HttpResponse<String> response = post(URI.create(prefixed.baseUri() + "/echo"), "x");

            assertThat(response.body()).isEqualTo("x");
        }
    }

    @Test
    void parallelRequestsKeepTheirOwnReplies() {
        proxy.editReplies(BodyEdits.replace("request", "reply"));
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();

        for (int i = 0; i < 64; i++) {
            responses.add(TestClient.sendAsync("POST", at("/echo"), "text/plain", "request-" + i));
        }

        for (int i = 0; i < 64; i++) {
            assertThat(responses.get(i).join().body()).as("reply %d", i).isEqualTo("reply-" + i);
        }
        List<Exchange> exchanges = proxy.exchanges();
        assertThat(exchanges).hasSize(64);
        for (Exchange exchange : exchanges) {
            assertThat(exchange.reply().bodyText())
                    .isEqualTo(exchange.request().bodyText().replace("request", "reply"));
        }
    }

    @Test
    void closeIsIdempotentAndRefusesLaterRequests() {
        URI uri = at("/echo");

        proxy.close();
        proxy.close();

        assertThatThrownBy(() -> post(uri, "x")).isInstanceOf(IOException.class);
    }

    @Test
    void startRejectsBadUpstreams() {
        assertThatThrownBy(() -> TamperingProxy.start(URI.create("ftp://127.0.0.1:21")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must start with http:// or https://");
        assertThatThrownBy(() -> TamperingProxy.start(URI.create("http:///path")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no host");
        assertThatThrownBy(() -> TamperingProxy.start(URI.create("http://127.0.0.1:1/?a=b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has a query or fragment");
    }
}
