package ferry.server.ftp;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses the addresses of PORT (RFC 959 4.1.2) and EPRT (RFC 2428 2), refusing anything malformed. */
final class Addresses {
    private Addresses() {}

    /** "h1,h2,h3,h4,p1,p2". */
    static InetSocketAddress port(String argument) {
        String[] parts = argument.strip().split(",", -1);
        if (parts.length != 6) throw new IllegalArgumentException("PORT needs h1,h2,h3,h4,p1,p2");
        byte[] host = new byte[4];
        int[] numbers = new int[6];
        for (int i = 0; i < 6; i++) {
            numbers[i] = byteValue(parts[i]);
            if (i < 4) host[i] = (byte) numbers[i];
        }
        return address(host, numbers[4] * 256 + numbers[5]);
    }

    /** "|1|132.235.1.2|6275|" or "|2|::1|5282|"; any delimiter character from 33 to 126. */
    static InetSocketAddress eprt(String argument) {
        String text = argument.strip();
        if (text.length() < 7) throw new IllegalArgumentException("EPRT needs |protocol|address|port|");
        char d = text.charAt(0);
        if (d < 33 || d > 126 || text.charAt(text.length() - 1) != d) throw new IllegalArgumentException("EPRT: bad delimiter");
        String[] parts = text.substring(1, text.length() - 1).split(java.util.regex.Pattern.quote(String.valueOf(d)), -1);
        if (parts.length != 3) throw new IllegalArgumentException("EPRT needs |protocol|address|port|");
        InetAddress host = literal(parts[1]);
        boolean ok = parts[0].equals("1") ? host instanceof Inet4Address : parts[0].equals("2") && host instanceof Inet6Address;
        if (!ok) throw new IllegalArgumentException("EPRT: protocol " + parts[0] + " does not match the address");
        try {
            int port = Integer.parseInt(parts[2]);
            if (port < 1 || port > 65535) throw new NumberFormatException();
            return new InetSocketAddress(host, port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("EPRT: bad port " + parts[2]);
        }
    }

    private static int byteValue(String part) {
        try {
            int value = Integer.parseInt(part.strip());
            if (value < 0 || value > 255) throw new NumberFormatException();
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT: each number must be 0-255");
        }
    }

    private static InetSocketAddress address(byte[] host, int port) {
        try {
            if (port < 1) throw new IllegalArgumentException("PORT: port 0");
            return new InetSocketAddress(InetAddress.getByAddress(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("PORT: bad address");
        }
    }

    /** An IP literal only: never a name, so parsing never touches DNS. */
    private static InetAddress literal(String text) {
        if (!text.matches("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalArgumentException("EPRT: not an IP address: " + text);
        }
        try {
            return InetAddress.getByName(text); // a literal, checked above: no name lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("EPRT: not an IP address: " + text);
        }
    }
}
