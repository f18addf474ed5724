/**
 * The Vert.x RabbitMQ module's API for modules built on it (SmallRye's connector): the only
 * classes of this module that other modules may name. Like the rest of the bootstrap package it
 * is defined in the boot loader, so advice inlined into any class loader's classes can call it.
 */
package io.warren.instrumentation.vertxrabbitmq.bootstrap.api;
