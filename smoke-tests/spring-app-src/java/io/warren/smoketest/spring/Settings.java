package io.warren.smoketest.spring;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The {@code --app.*} arguments (see {@link SpringApp}). */
@Component
class Settings {
  final String role;
  final int count;
  final String in;
  final String out;
  final String exchange;
  final String idPrefix;
  final long sleepMs;
  final int batchSize;
  final int attempts;
  final String deadLetterQueue;
  final String replyQueue;
  final String fullQueue;
  final long receiveTimeoutMs;
  final long timeoutMs;

  Settings(Environment env) {
    role = env.getProperty("app.role");
    count = env.getProperty("app.count", Integer.class, 3);
    in = env.getProperty("app.in", "");
    out = env.getProperty("app.out", "");
    exchange = env.getProperty("app.exchange", "");
    idPrefix = env.getProperty("app.id-prefix", "msg");
    sleepMs = env.getProperty("app.sleep-ms", Long.class, 0L);
    batchSize = env.getProperty("app.batch-size", Integer.class, 5);
    attempts = env.getProperty("app.attempts", Integer.class, 3);
    deadLetterQueue = env.getProperty("app.dead-letter-queue", "");
    replyQueue = env.getProperty("app.reply-queue", "");
    fullQueue = env.getProperty("app.full-queue", "");
    receiveTimeoutMs = env.getProperty("app.receive-timeout-ms", Long.class, 5000L);
    timeoutMs = env.getProperty("app.timeout-ms", Long.class, 60000L);
  }

  /** The id of the n-th message this app sends. */
  String id(int n) {
    return id(Integer.toString(n));
  }

  /** The id {@code <id-prefix>-<suffix>}. */
  String id(String suffix) {
    return idPrefix + "-" + suffix;
  }

  /** The body of the message with this id. */
  static String body(String id) {
    return "body-" + id;
  }

  /** The message id of a body made by {@link #body}. */
  static String idOfBody(String body) {
    return body.startsWith("body-") ? body.substring(5) : body;
  }
}
