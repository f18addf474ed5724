package io.warren.smoketest.apps;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.io.entity.EntityUtils;

/**
 * Consumes {@code --count} orders from {@code --queue} and, inside the handler, asks the inventory
 * service ({@code --inventory}, a base URL) about each: {@code GET <inventory>/stock/<id>} for the
 * message {@code order-<id>}, with {@code java.net.http.HttpClient} or, with
 * {@code --client=urlconnection}, {@code HttpURLConnection}, or with {@code --client=apache}, Apache
 * HttpClient 5 (classic). The order {@code refused} goes to
 * 127.0.0.1:{@code --refused-port}, where nothing listens. Prints {@code CALLED <id> <status>} or
 * {@code CALL-FAILED <id> <exception>}.
 */
public final class Fulfilment {
  private Fulfilment() {}

  public static void main(String[] argv) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    String inventory = args.require("inventory");
    String clientName = args.get("client", "httpclient");
    String refused = "http://127.0.0.1:" + args.get("refused-port", "1");
    HttpClient client = HttpClient.newHttpClient();
    CloseableHttpClient apache = HttpClients.createDefault();
    ConsumerRun.run("fulfilment", argv, false, (channel, queue, delivered) ->
        channel.basicConsume(queue, false, (tag, delivery) -> {
          ConsumerRun.printReceived(delivery.getProperties(), delivery.getBody());
          String id = delivery.getProperties().getMessageId().substring("order-".length());
          URI uri = URI.create((id.equals("refused") ? refused : inventory) + "/stock/" + id);
          try {
            int status = switch (clientName) {
              case "urlconnection" -> callWithUrlConnection(uri);
              case "apache" -> apache.execute(new HttpGet(uri), response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
              });
              default -> callWithHttpClient(client, uri);
            };
            System.out.println("CALLED " + id + " " + status);
          } catch (IOException | InterruptedException e) {
            System.out.println("CALL-FAILED " + id + " " + e.getClass().getName());
          }
          channel.basicAck(delivery.getEnvelope().getDeliveryTag(), false);
          delivered.run();
        }, tag -> { }));
  }

  private static int callWithHttpClient(HttpClient client, URI uri) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private static int callWithUrlConnection(URI uri) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
    int status = connection.getResponseCode();
    InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream();
    if (body != null) {
      body.readAllBytes();
      body.close();
    }
    return status;
  }
}
