/**
 * The RabbitMQ module's API for the modules built on it: what the advice of a framework's module
 * (Spring AMQP's listener containers, Vert.x's RabbitMQ client, any later one) may call to trace
 * deliveries the way the client module does. Nothing else of the RabbitMQ module may be named
 * by another module; {@code ApiBoundaryTest} in the RabbitMQ module checks every module whose
 * pom depends on it. The rest of its {@code bootstrap} package is public only because advice
 * inlined into the client's classes needs it to be.
 *
 * <ul>
 *   <li>{@link io.warren.instrumentation.rabbitmq.bootstrap.api.DeliverySpan}: a delivery's
 *       CONSUMER {@code process} span (and a batch's), described value by value by name, with the
 *       call depth that keeps it one span per message; for a consumer that acknowledges its
 *       deliveries on the client's channel, also its start (followed until settled) and end.
 *   <li>{@link io.warren.instrumentation.rabbitmq.bootstrap.api.ThreadDeliveries}: per thread,
 *       the deliveries whose span is open, so that a container's ack or reject on that thread
 *       goes on their span.
 *   <li>{@link io.warren.instrumentation.rabbitmq.bootstrap.api.Subscriptions}: which queue,
 *       broker and acknowledgement mode a consumer's deliveries under a consumer tag come from.
 * </ul>
 *
 * <p>Like every module's {@code bootstrap} package, it is defined in the boot loader (the agent
 * jar's nested boot jar takes {@code io/warren/instrumentation/*}{@code /bootstrap/**}), so advice
 * inlined into any class loader's classes can call it; it names JDK types and
 * {@code io.warren.bootstrap} only.
 */
package io.warren.instrumentation.rabbitmq.bootstrap.api;
