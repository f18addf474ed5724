package io.warren.smoketest.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for 127.0.0.1 and localhost, made at test time with the JDK's
 * {@code keytool} (no network): a PKCS#12 key store for a test server, and for a client the
 * certificate as PEM ({@code otel.exporter.otlp.certificate}) and in a trust store of its own
 * ({@code javax.net.ssl.trustStore}).
 */
public final class TestCertificate {
  private static final String PASSWORD = "warren-test";
  private static final String ALIAS = "warren-test";

  private final Path keyStore;
  private final Path pem;
  private final Path trustStore;

  private TestCertificate(Path keyStore, Path pem, Path trustStore) {
    this.keyStore = keyStore;
    this.pem = pem;
    this.trustStore = trustStore;
  }

  /** Creates {@code server.p12}, {@code ca.pem} and {@code trust.p12} in {@code dir}. */
  public static TestCertificate generate(Path dir) {
    try {
      Files.createDirectories(dir);
      Path keyStore = dir.resolve("server.p12");
      Path pem = dir.resolve("ca.pem");
      Files.deleteIfExists(keyStore);
      keytool("-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048",
          "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
          "-keystore", keyStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
      keytool("-exportcert", "-rfc", "-alias", ALIAS, "-keystore", keyStore.toString(),
          "-storepass", PASSWORD, "-file", pem.toString());
      Path trustStore = dir.resolve("trust.p12");
      Files.deleteIfExists(trustStore);
      keytool("-importcert", "-noprompt", "-alias", ALIAS, "-file", pem.toString(),
          "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", PASSWORD);
      return new TestCertificate(keyStore, pem, trustStore);
    } catch (IOException e) {
      throw new UncheckedIOException("could not make a test certificate in " + dir, e);
    }
  }

  /** The certificate, PEM-encoded: what a client trusts. */
  public Path pem() {
    return pem;
  }

  /**
   * A PKCS#12 trust store holding the certificate alone, for {@code javax.net.ssl.trustStore};
   * its password is {@link #trustStorePassword}.
   */
  public Path trustStore() {
    return trustStore;
  }

  public String trustStorePassword() {
    return PASSWORD;
  }

  SSLContext serverContext() {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD.toCharArray());
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("could not load " + keyStore, e);
    }
  }

  private static void keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Jvm.currentJava().resolveSibling("keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IOException("keytool failed: " + String.join(" ", command) + "\n" + output);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running keytool", e);
    }
  }
}
