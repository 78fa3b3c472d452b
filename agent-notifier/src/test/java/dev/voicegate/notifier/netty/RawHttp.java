package dev.voicegate.notifier.netty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Hand-written HTTP on a plain socket, for what the JDK clients will not send or not stop reading. */
final class RawHttp {

    private RawHttp() {
    }

    /** A WebSocket upgrade request with the given extra header lines (each ending in CRLF). */
    static String upgrade(String extraHeaders) {
        return "GET /agent/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extraHeaders + "\r\n";
    }

    /** Opens a socket with a small receive buffer (so the server feels back-pressure early). */
    static Socket open(int port) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.setSoTimeout(10_000);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return s;
    }

    /** Sends {@code request} and returns everything until the server closes (10 s safety net). */
    static String exchange(int port, String request) throws IOException {
        try (Socket s = open(port)) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Reads the response head (up to the blank line). */
    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            out.write(b);
            last4 = (last4 << 8) | b;
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    /** Reads and discards until EOF or reset; returns the number of bytes read. */
    static long drainToEnd(InputStream in) {
        long n = 0;
        byte[] buf = new byte[64 * 1024];
        try {
            for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
                n += r;
            }
        } catch (java.net.SocketException reset) {
            // the server may reset a connection it closed with unread data: that is an end too
        } catch (IOException e) {
            throw new AssertionError("connection was not closed by the server within the timeout", e);
        }
        return n;
    }
}
