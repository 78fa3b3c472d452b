package dev.voicegate.audiohook.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A hostile client on a plain socket: writes any bytes (partial request lines, huge headers, frames
 * with any opcode and payload) and reads, or deliberately does not read, what the server sends.
 * Blocking; every read has a generous timeout so a broken server fails the test instead of hanging it.
 */
final class RawSocket implements AutoCloseable {

    static final int TEXT = 1;
    static final int BINARY = 2;
    static final int CLOSE = 8;
    static final int PING = 9;

    final Socket socket;
    final InputStream in;
    final OutputStream out;

    private RawSocket(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(20_000);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to 127.0.0.1:{@code port}. */
    static RawSocket connect(int port) throws IOException {
        return connect(port, null, 0);
    }

    /**
     * Connects from a given loopback source address (any of 127.0.0.0/8 on Linux), with a receive buffer
     * of {@code receiveBuffer} bytes when positive (set before connecting, so the TCP window stays small).
     */
    static RawSocket connect(int port, String fromAddress, int receiveBuffer) throws IOException {
        Socket s = new Socket();
        if (receiveBuffer > 0) {
            s.setReceiveBufferSize(receiveBuffer);
        }
        if (fromAddress != null) {
            s.bind(new InetSocketAddress(InetAddress.getByName(fromAddress), 0));
        }
        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        return new RawSocket(s);
    }

    static String upgradeRequest(String path, String sessionId, Map<String, String> extra) {
        StringBuilder sb = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n")
                .append("Audiohook-Session-Id: ").append(sessionId).append("\r\n")
                .append("Audiohook-Correlation-Id: ").append(UUID.randomUUID()).append("\r\n");
        extra.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
        return sb.append("\r\n").toString();
    }

    void write(String ascii) throws IOException {
        out.write(ascii.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads an HTTP response head and returns its status code. */
    int readStatus() throws IOException {
        String head = readHead();
        return Integer.parseInt(head.substring(9, 12));
    }

    String readHead() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed in the response head: " + b);
            }
            b.write(c);
            matched = (c == '\r' && (matched == 0 || matched == 2)) || (c == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : 0;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** Sends one masked client frame. */
    void frame(boolean fin, int rsv, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write((fin ? 0x80 : 0) | (rsv & 0x7) << 4 | opcode);
        int n = payload.length;
        if (n < 126) {
            f.write(0x80 | n);
        } else if (n < 65_536) {
            f.write(0x80 | 126);
            f.write(n >>> 8);
            f.write(n);
        } else {
            f.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) n >>> (8 * i)));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.write(mask);
        for (int i = 0; i < n; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    void text(String json) throws IOException {
        frame(true, 0, TEXT, json.getBytes(StandardCharsets.UTF_8));
    }

    /** One server frame: opcode and payload. */
    record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return payload.length >= 2 ? (payload[0] & 0xff) << 8 | payload[1] & 0xff : 1005;
        }
    }

    Frame readFrame() throws IOException {
        DataInputStream d = new DataInputStream(in);
        int b0 = d.readUnsignedByte();
        int b1 = d.readUnsignedByte();
        long n = b1 & 0x7f;
        if (n == 126) {
            n = d.readUnsignedShort();
        } else if (n == 127) {
            n = d.readLong();
        }
        byte[] payload = new byte[(int) n];
        d.readFully(payload);
        return new Frame(b0 & 0x0f, payload);
    }

    /** Reads frames until a close frame and returns its code; -1 when the socket ends without one. */
    int readUntilClose() throws IOException {
        try {
            while (true) {
                Frame f = readFrame();
                if (f.opcode() == CLOSE) {
                    return f.closeCode();
                }
            }
        } catch (EOFException e) {
            return -1;
        }
    }

    /** Whether the server closed the connection (end of stream or reset) before the read timeout. */
    boolean closedByServer() throws IOException {
        try {
            while (true) {
                if (in.read() < 0) {
                    return true;
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
