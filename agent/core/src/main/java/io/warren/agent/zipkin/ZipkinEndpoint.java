package io.warren.agent.zipkin;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A Zipkin endpoint (service name, IP, port) encoded once as the body of zipkin.proto3's
 * {@code Endpoint}: an agent's spans repeat a few endpoints, so each is copied, not re-encoded.
 * Normalized as {@code zipkin2.Endpoint} normalizes it: the service name in lower case, an IP
 * only when the address is an IP literal (a host name is never resolved), IPv4 inside IPv6 as
 * IPv4, a port only when it is 1 to 65535.
 */
final class ZipkinEndpoint {

  private static final int SERVICE_NAME = 0x0a;
  private static final int IPV4 = 0x12;
  private static final int IPV6 = 0x1a;
  private static final int PORT = 0x20;

  /** The encoded fields: the body of an {@code Endpoint} message. */
  final byte[] encoded;

  private ZipkinEndpoint(String serviceName, byte[] ip, int port) {
    Proto3Buffer out = new Proto3Buffer(32);
    if (serviceName != null && !serviceName.isEmpty()) {
      out.string(SERVICE_NAME, serviceName.toLowerCase(Locale.ROOT));
    }
    if (ip != null) {
      out.bytes(ip.length == 4 ? IPV4 : IPV6, ip);
    }
    if (port > 0 && port <= 0xffff) {
      out.key(PORT).varint(port);
    }
    encoded = out.toByteArray();
  }

  static ZipkinEndpoint of(String serviceName, InetAddress ip, int port) {
    return new ZipkinEndpoint(serviceName, ip == null ? null : bytesOf(ip), port);
  }

  /** {@code address}: used only when it is an IP literal. */
  static ZipkinEndpoint of(String serviceName, String address, int port) {
    return new ZipkinEndpoint(serviceName, parseIpLiteral(address), port);
  }

  private static byte[] bytesOf(InetAddress ip) {
    byte[] bytes = ip.getAddress();
    if (ip instanceof Inet6Address && embedsIpv4(bytes)) {
      byte[] ipv4 = new byte[4];
      System.arraycopy(bytes, 12, ipv4, 0, 4);
      return ipv4;
    }
    return bytes;
  }

  /** IPv4-compatible (::a.b.c.d, but not :: or ::1) or IPv4-mapped (::ffff:a.b.c.d). */
  private static boolean embedsIpv4(byte[] ipv6) {
    for (int i = 0; i < 10; i++) {
      if (ipv6[i] != 0) {
        return false;
      }
    }
    if (ipv6[10] == (byte) 0xff && ipv6[11] == (byte) 0xff) {
      return true;
    }
    if (ipv6[10] != 0 || ipv6[11] != 0) {
      return false;
    }
    return ipv6[12] != 0 || ipv6[13] != 0 || ipv6[14] != 0 || (ipv6[15] & 0xff) > 1;
  }

  /** The address's bytes when it is an IPv4 or IPv6 literal; else null. */
  static byte[] parseIpLiteral(String address) {
    if (address == null || address.isEmpty()) {
      return null;
    }
    byte[] ipv4 = parseIpv4(address);
    if (ipv4 != null) {
      return ipv4;
    }
    // The JDK parses a string with a colon that starts with a hex digit or a colon as an IPv6
    // literal and never looks it up; any other string is left out here.
    char first = address.charAt(0);
    if (address.indexOf(':') < 0 || (first != ':' && Character.digit(first, 16) < 0)) {
      return null;
    }
    try {
      return bytesOf(InetAddress.getByName(address));
    } catch (UnknownHostException | RuntimeException e) {
      return null;
    }
  }

  /** Four decimal numbers 0..255 separated by dots, else null. */
  private static byte[] parseIpv4(String address) {
    byte[] bytes = new byte[4];
    int octet = 0;
    int value = -1;
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      if (c >= '0' && c <= '9') {
        value = (value < 0 ? 0 : value * 10) + (c - '0');
        if (value > 255) {
          return null;
        }
      } else if (c == '.' && value >= 0 && octet < 3) {
        bytes[octet++] = (byte) value;
        value = -1;
      } else {
        return null;
      }
    }
    if (octet != 3 || value < 0) {
      return null;
    }
    bytes[3] = (byte) value;
    return bytes;
  }
}
