package io.warren.smoketest.apps;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.testing.ThrowingBackend;
import java.lang.reflect.InvocationTargetException;

/**
 * Runs another sample application ({@code --app=<simple class name>}, or any main class:
 * {@code --main=<class name>}, with all the arguments)
 * after replacing the agent's tracer with the test kit's {@link ThrowingBackend}, which fails in
 * every method. Run it only with the agent, and the test kit (warren-bootstrap's test jar) on
 * the class path: {@code io.warren.bootstrap} then comes from the agent's boot class path entry.
 * Prints {@code TRACER-CALLS <n>} and {@code TRACER-FAILED <the methods called, comma-separated>}
 * at the end.
 */
public final class Sabotaged {
  private Sabotaged() {}

  public static void main(String[] argv) throws Exception {
    AppArgs args = AppArgs.parse(argv);
    // A publish starts a span, which waits for the agent to finish starting; only then does
    // our install win over the agent's. Nothing is bound to this routing key: the broker drops it.
    try (Connection connection = Rabbit.connect(args, "sabotage")) {
      Channel channel = connection.createChannel();
      channel.basicPublish("", "sabotage-nowhere-" + ProcessHandle.current().pid(), null, new byte[0]);
      channel.close();
    }
    ThrowingBackend tracer = new ThrowingBackend();
    Tracing.install(tracer);
    System.out.println("SABOTAGED");
    try {
      String main = args.get("main", Sabotaged.class.getPackageName() + "." + args.get("app", ""));
      Class.forName(main).getMethod("main", String[].class).invoke(null, (Object) argv);
    } catch (InvocationTargetException e) {
      throw (Exception) e.getCause();
    } finally {
      System.out.println("TRACER-CALLS " + tracer.calls.get());
      System.out.println("TRACER-FAILED " + String.join(",", tracer.failed));
    }
  }
}
