package io.warren.agent.zipkin;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.util.Enumeration;

/**
 * The IP in the local endpoint of every span: the first site-local address of the host's
 * network interfaces, or none, as opentelemetry-exporter-zipkin (and Brave before it) chose it.
 * Looked up once.
 */
final class LocalIp {

  static final InetAddress ADDRESS = find();

  private LocalIp() {}

  private static InetAddress find() {
    try {
      Enumeration<NetworkInterface> nics = NetworkInterface.getNetworkInterfaces();
      while (nics != null && nics.hasMoreElements()) {
        Enumeration<InetAddress> addresses = nics.nextElement().getInetAddresses();
        while (addresses.hasMoreElements()) {
          InetAddress address = addresses.nextElement();
          if (address.isSiteLocalAddress()) {
            return address;
          }
        }
      }
    } catch (Exception e) {
      // no interfaces to read: spans go without an IP
    }
    return null;
  }
}
