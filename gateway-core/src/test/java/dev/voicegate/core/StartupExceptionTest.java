package dev.voicegate.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.BindException;
import org.junit.jupiter.api.Test;

class StartupExceptionTest {

    @Test
    void aBindClashSaysInUseOnTheJdkAndOnTheNativeTransport() {
        IllegalStateException jdk = new IllegalStateException("cannot listen", new BindException("Address already in use"));
        assertThat(StartupException.listening("admin", "admin.port", "127.0.0.1", 9090, jdk))
                .hasMessage("cannot listen on 127.0.0.1:9090 for the admin (admin.port): address already in use");
        // what Netty's native epoll transport throws for a real clash (a NativeIoException, not a BindException)
        org.junit.jupiter.api.Assumptions.assumeTrue(io.netty.channel.epoll.Epoll.isAvailable(), "epoll transport");
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            io.netty.channel.EventLoopGroup group = new io.netty.channel.epoll.EpollEventLoopGroup(1);
            try {
                Throwable clash = org.assertj.core.api.Assertions.catchThrowable(() -> new io.netty.bootstrap.ServerBootstrap()
                        .group(group).channel(io.netty.channel.epoll.EpollServerSocketChannel.class)
                        .childHandler(new io.netty.channel.ChannelInboundHandlerAdapter())
                        .bind(new java.net.InetSocketAddress("127.0.0.1", taken.getLocalPort())).syncUninterruptibly());
                assertThat(clash).isNotNull().isNotInstanceOf(BindException.class);
                assertThat(StartupException.listening("agent app", "agent.port", "127.0.0.1", taken.getLocalPort(),
                        new IllegalStateException("cannot listen", clash)))
                        .hasMessage("cannot listen on 127.0.0.1:" + taken.getLocalPort()
                                + " for the agent app (agent.port): address already in use");
            } finally {
                group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anyOtherFailureNamesItsRootCause() {
        RuntimeException e = new IllegalStateException("cannot listen on 10.9.9.9:8443",
                new IOException("Cannot assign requested address"));
        assertThat(StartupException.listening("AudioHook server", "audiohook.port", "10.9.9.9", 8443, e).getMessage())
                .startsWith("cannot start the AudioHook server on 10.9.9.9:8443 (audiohook.port): ")
                .contains("Cannot assign requested address");
    }
}
