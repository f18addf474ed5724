package io.warren.smoketest.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/**
 * Relays each order from the queue of channel {@code orders} to the exchange of channel
 * {@code shipping}. SmallRye's connector opens the outgoing connection on the first order; the
 * orders relayed while it connects are sent once it is open.
 */
@ApplicationScoped
public class OrderRelay {

  @Incoming("orders")
  @Outgoing("shipping")
  public String relay(Object order) { // a JSON body arrives as a JsonObject
    System.out.println("RELAYING " + order);
    return order + " shipped";
  }
}
