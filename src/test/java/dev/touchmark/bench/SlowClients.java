package dev.touchmark.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The attacker of scripts/bench-slow-clients.sh: N connections, spread over the public endpoints, that announce a
 * request and then send one byte every 5 s (half of them) or nothing at all (the other half). A connection the
 * server answers or closes is opened again a second later, so the pressure stays near N the whole time. One thread, one
 * selector: the driver itself must not be what limits the count on a machine of two cores.
 *
 * <p>Usage: {@code SlowClients host port connections seconds}. Prints, every 10 s and at the end, how many are open
 * and how many the server has cut off (answered or closed) per kind.
 */
public final class SlowClients {
    private static final long TRICKLE_NANOS = 5_000_000_000L;

    /** What a connection pretends to send. */
    enum Kind {
        REPORT("POST /report HTTP/1.1\r\nHost: bench\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 100000\r\n\r\n", "a"),
        /** A report of a size a real form can have, so the server cannot refuse it for its length. */
        REPORT_20KB("POST /report HTTP/1.1\r\nHost: bench\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: 20000\r\n\r\n", "a"),
        UPLOAD("POST /scan/upload HTTP/1.1\r\nHost: bench\r\nContent-Type: multipart/form-data; boundary=slow\r\n"
                + "Content-Length: 1000000\r\n\r\n", "a"),
        VERIFY("POST /api/v1/verify HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n"
                + "Content-Length: 200\r\n\r\n", " "),
        HEADERS("GET /healthz HTTP/1.1\r\nHost: bench\r\n", "X");

        final byte[] opening;
        final byte[] trickle;

        Kind(String opening, String trickle) {
            this.opening = opening.getBytes(StandardCharsets.US_ASCII);
            this.trickle = trickle.getBytes(StandardCharsets.US_ASCII);
        }
    }

    private record Slot(Kind kind, boolean trickles) {
    }

    private static final class Client {
        final Slot slot;
        SocketChannel channel;
        long nextByteAt;
        long reopenAt;

        Client(Slot slot) {
            this.slot = slot;
        }
    }

    private SlowClients() {
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int count = Integer.parseInt(args[2]);
        long endAt = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
        Map<Kind, Integer> cutOff = new EnumMap<>(Kind.class);
        Map<Kind, Integer> refusedConnect = new EnumMap<>(Kind.class);
        List<Client> clients = new ArrayList<>(count);
        Kind[] kinds = Kind.values();
        try (Selector selector = Selector.open()) {
            for (int i = 0; i < count; i++) {
                Client client = new Client(new Slot(kinds[i % kinds.length], (i / kinds.length) % 2 == 0));
                // Spread the bytes over the 5 s, so the server sees a steady trickle rather than bursts.
                open(client, server, selector, System.nanoTime() + (TRICKLE_NANOS * i) / count);
                clients.add(client);
            }
            ByteBuffer sink = ByteBuffer.allocate(16 * 1024);
            long reportAt = System.nanoTime() + 10_000_000_000L;
            while (System.nanoTime() < endAt) {
                selector.select(100);
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    Client client = (Client) key.attachment();
                    if (!key.isValid() || client.channel != key.channel()) {
                        continue;
                    }
                    int n;
                    try {
                        sink.clear();
                        n = client.channel.read(sink);
                    } catch (IOException e) {
                        n = -1;
                    }
                    if (n != 0) { // an answer, or the connection closed: either way the server let go of it
                        cutOff.merge(client.slot.kind(), 1, Integer::sum);
                        close(client);
                    }
                }
                long now = System.nanoTime();
                for (Client client : clients) {
                    if (client.channel == null) {
                        if (now >= client.reopenAt) {
                            try {
                                open(client, server, selector, now + TRICKLE_NANOS);
                            } catch (IOException e) {
                                refusedConnect.merge(client.slot.kind(), 1, Integer::sum);
                                client.reopenAt = now + 1_000_000_000L;
                            }
                        }
                    } else if (client.slot.trickles() && now >= client.nextByteAt) {
                        client.nextByteAt = now + TRICKLE_NANOS;
                        try {
                            client.channel.write(ByteBuffer.wrap(client.slot.kind().trickle));
                        } catch (IOException e) {
                            cutOff.merge(client.slot.kind(), 1, Integer::sum);
                            close(client);
                        }
                    }
                }
                if (now >= reportAt) {
                    reportAt = now + 10_000_000_000L;
                    System.out.println("slow clients: " + clients.stream().filter(c -> c.channel != null).count()
                            + " of " + count + " open; cut off by the server so far " + cutOff
                            + (refusedConnect.isEmpty() ? "" : "; connections refused " + refusedConnect));
                }
            }
            System.out.println("slow clients: done; cut off by the server " + cutOff
                    + (refusedConnect.isEmpty() ? "" : "; connections refused " + refusedConnect));
            for (Client client : clients) {
                close(client);
            }
        }
    }

    /** Closes a connection the server let go of; it is opened again a second later (not at once: no busy loop). */
    private static void close(Client client) {
        if (client.channel == null) {
            return;
        }
        try {
            client.channel.close();
        } catch (IOException e) {
            // closing a broken connection: nothing to do
        }
        client.channel = null;
        client.reopenAt = System.nanoTime() + 1_000_000_000L;
    }

    private static void open(Client client, InetSocketAddress server, Selector selector, long firstByteAt)
            throws IOException {
        SocketChannel channel = SocketChannel.open(server); // blocking connect: local, fast, and simple
        ByteBuffer opening = ByteBuffer.wrap(client.slot.kind().opening);
        while (opening.hasRemaining()) {
            channel.write(opening);
        }
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, client);
        client.channel = channel;
        client.nextByteAt = firstByteAt;
    }
}
