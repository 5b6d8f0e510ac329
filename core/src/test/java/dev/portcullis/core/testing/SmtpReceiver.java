package dev.portcullis.core.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A mail server on loopback that speaks enough SMTP (RFC 5321: EHLO, AUTH LOGIN and PLAIN, MAIL,
 * RCPT, DATA, RSET, QUIT) for a real client to deliver to it, and keeps what it was given. A
 * recipient in {@code refused} is answered 550, as a server does for an unknown mailbox.
 */
public final class SmtpReceiver implements AutoCloseable {

    /** One delivered message: the envelope and the message as sent (headers and body, dot-stuffing undone). */
    public record Mail(String from, List<String> to, String data) {}

    public final List<Mail> received = new CopyOnWriteArrayList<>();
    /** The user and password each AUTH presented. */
    public final List<String> logins = new CopyOnWriteArrayList<>();
    private final Set<String> refused;
    private final ServerSocket socket;

    public SmtpReceiver(Set<String> refused) {
        this.refused = refused;
        try {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread thread = new Thread(this::serve, "smtp-receiver");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket client = socket.accept()) {
                converse(client);
            } catch (IOException e) {
                // closed, or a client that went away: take the next
            }
        }
    }

    private void converse(Socket client) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = client.getOutputStream();
        reply(out, "220 receiver.test ESMTP");
        String from = null;
        List<String> to = new ArrayList<>();
        for (String line; (line = in.readLine()) != null; ) {
            String verb = line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
            switch (verb) {
                case "EHLO" -> reply(out, "250-receiver.test\r\n250-8BITMIME\r\n250 AUTH LOGIN PLAIN");
                case "HELO" -> reply(out, "250 receiver.test");
                case "AUTH" -> authenticate(line, in, out);
                case "MAIL" -> {
                    from = address(line);
                    to = new ArrayList<>();
                    reply(out, "250 2.1.0 ok");
                }
                case "RCPT" -> {
                    String recipient = address(line);
                    if (refused.contains(recipient)) {
                        reply(out, "550 5.1.1 no such mailbox");
                    } else {
                        to.add(recipient);
                        reply(out, "250 2.1.5 ok");
                    }
                }
                case "DATA" -> {
                    reply(out, "354 end with <CRLF>.<CRLF>");
                    StringBuilder data = new StringBuilder();
                    for (String text; (text = in.readLine()) != null && !text.equals("."); ) {
                        data.append(text.startsWith(".") ? text.substring(1) : text).append("\r\n");
                    }
                    received.add(new Mail(from, List.copyOf(to), data.toString()));
                    reply(out, "250 2.0.0 queued");
                }
                case "RSET", "NOOP" -> reply(out, "250 ok");
                case "QUIT" -> {
                    reply(out, "221 bye");
                    return;
                }
                default -> reply(out, "502 5.5.2 not implemented");
            }
        }
    }

    private void authenticate(String line, BufferedReader in, OutputStream out) throws IOException {
        String[] words = line.split(" ");
        Base64.Decoder base64 = Base64.getDecoder();
        if (words[1].equalsIgnoreCase("PLAIN")) {
            String response = words.length > 2 ? words[2] : prompt(out, in, "334 ");
            String[] parts = new String(base64.decode(response), StandardCharsets.UTF_8).split("\0");
            logins.add(parts[1] + ":" + parts[2]);
        } else {
            String user = words.length > 2 ? words[2] : prompt(out, in, "334 VXNlcm5hbWU6");
            String password = prompt(out, in, "334 UGFzc3dvcmQ6");
            logins.add(new String(base64.decode(user), StandardCharsets.UTF_8) + ":"
                    + new String(base64.decode(password), StandardCharsets.UTF_8));
        }
        reply(out, "235 2.7.0 authenticated");
    }

    private static String prompt(OutputStream out, BufferedReader in, String challenge) throws IOException {
        reply(out, challenge);
        return in.readLine().trim();
    }

    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open);
        return open < 0 || close < 0 ? "" : line.substring(open + 1, close);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
