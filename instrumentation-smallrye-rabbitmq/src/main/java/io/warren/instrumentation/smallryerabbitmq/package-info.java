/**
 * SmallRye Reactive Messaging's RabbitMQ connector (Quarkus Messaging RabbitMQ): each relayed
 * message published in the context of the delivery it came from. See {@link
 * io.warren.instrumentation.smallryerabbitmq.SmallRyeRabbitMqInstrumentationModule}.
 */
package io.warren.instrumentation.smallryerabbitmq;
