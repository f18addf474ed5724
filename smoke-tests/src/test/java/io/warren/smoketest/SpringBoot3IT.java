package io.warren.smoketest;

import java.nio.file.Path;

/** The Spring AMQP smoke tests on the Spring Boot 3.5 fat jar (Spring AMQP 3.2). */
class SpringBoot3IT extends SpringBootAppTestBase {
  @Override
  Path appJar() {
    return bootJar("3");
  }

  @Override
  String boot() {
    return "boot3";
  }
}
