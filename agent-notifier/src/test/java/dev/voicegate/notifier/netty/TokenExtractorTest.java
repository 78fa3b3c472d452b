package dev.voicegate.notifier.netty;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenExtractorTest {

    @Test
    void authorizationHeaderWinsOverSubprotocolAndQuery() {
        HttpRequest req = request("/agent/ws?access_token=q");
        req.headers().set("Authorization", "Bearer h").set("Sec-WebSocket-Protocol", "voicegate.agent.v1, bearer.s");

        assertThat(TokenExtractor.extract(req)).isEqualTo("h");
    }

    @Test
    void subprotocolEntryIsUsedWhenThereIsNoHeader() {
        HttpRequest req = request("/agent/ws?access_token=q");
        req.headers().set("Sec-WebSocket-Protocol", "voicegate.agent.v1 , bearer.vg1.abc.def");

        assertThat(TokenExtractor.extract(req)).isEqualTo("vg1.abc.def");
    }

    @Test
    void queryParameterIsTheLastResort() {
        assertThat(TokenExtractor.extract(request("/agent/ws?x=1&access_token=vg1.a.b"))).isEqualTo("vg1.a.b");
    }

    @Test
    void blankOrForeignCredentialsCountAsNoToken() {
        HttpRequest req = request("/agent/ws?access_token=%20");
        req.headers().set("Authorization", "Basic dXNlcjpwdw==").set("Sec-WebSocket-Protocol", "voicegate.agent.v1, bearer.");

        assertThat(TokenExtractor.extract(req)).isNull();
        assertThat(TokenExtractor.extract(request("/agent/ws"))).isNull();
    }

    @Test
    void bearerSchemeIsCaseInsensitive() {
        HttpRequest req = request("/agent/ws");
        req.headers().set("Authorization", "bearer   t1 ");
        assertThat(TokenExtractor.extract(req)).isEqualTo("t1");
    }

    private static HttpRequest request(String uri) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }
}
