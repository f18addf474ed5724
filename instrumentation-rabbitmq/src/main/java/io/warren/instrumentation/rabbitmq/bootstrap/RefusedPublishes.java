package io.warren.instrumentation.rabbitmq.bootstrap;

import io.warren.bootstrap.SpanAttribute;
import io.warren.bootstrap.Tracing;
import io.warren.bootstrap.WeakIdentityMap;

/**
 * A publish the broker refused (no such exchange, access refused, a failed precondition): the
 * broker drops the message and closes the channel with a {@code channel.close} that names
 * {@code basic.publish}. What the close lost is marked failed with the broker's reply code and
 * text: on a channel in confirm mode the publishes still waiting for their confirm (see
 * {@link Confirms#channelClosed}); without confirms the channel's last publish, whose span has
 * ended, gets a short child span {@code publish refused}, because an ended span cannot change.
 *
 * <p>Without confirms the broker's close cannot be matched to one message: it is the last publish
 * the channel sent before the close arrived. Publishes sent meanwhile on the same channel (several
 * in flight, or from several threads) cannot be told apart, and the broker dropped them too.
 */
public final class RefusedPublishes {

  static final SpanAttribute REPLY_CODE =
      SpanAttribute.longValue("messaging.rabbitmq.refused.reply_code");
  static final SpanAttribute REPLY_TEXT =
      SpanAttribute.string("messaging.rabbitmq.refused.reply_text");

  /** AMQP's {@code basic.publish}: class 60, method 40. */
  private static final int BASIC_CLASS = 60;
  private static final int PUBLISH_METHOD = 40;

  /** Per client channel not in confirm mode, the context of its last publish span. */
  private static final WeakIdentityMap<LastPublish> LAST =
      new WeakIdentityMap<LastPublish>();
  private static final WeakIdentityMap.Factory<LastPublish> NEW_LAST =
      new WeakIdentityMap.Factory<LastPublish>() {
        @Override
        public LastPublish create() {
          return new LastPublish();
        }
      };

  private RefusedPublishes() {}

  /** True when a channel closed by the broker with this class and method was a refused publish. */
  public static boolean isRefusedPublish(int classId, int methodId) {
    return classId == BASIC_CLASS && methodId == PUBLISH_METHOD;
  }

  /** The client's {@code channel}, not in confirm mode, is sending the publish of {@code handle}. */
  static void sending(Object channel, Object handle) {
    Object context = Tracing.contextOf(handle);
    if (context != null) {
      LAST.getOrCreate(channel, NEW_LAST).context = context;
    }
  }

  /**
   * The broker closed {@code channel} because of a publish ({@code replyCode} 0: closed for any
   * other reason, or by the application): what the close lost is marked failed.
   */
  public static void channelClosed(Object channel, int replyCode, String replyText) {
    LastPublish last = LAST.remove(channel);
    if (Confirms.channelClosed(channel, replyCode, replyText) || replyCode == 0) {
      return;
    }
    Object context = last == null ? null : last.context;
    if (context != null) {
      Object handle = Tracing.start(RabbitSpans.refused(context));
      refused(handle, replyCode, replyText);
      Tracing.end(handle, null);
    }
  }

  /** Marks the span of {@code handle} failed with the broker's reply. */
  static void refused(Object handle, int replyCode, String replyText) {
    Tracing.setAttribute(handle, REPLY_CODE, (long) replyCode);
    Tracing.setAttribute(handle, REPLY_TEXT, replyText);
    Tracing.fail(handle, String.valueOf(replyCode), replyText);
  }

  private static final class LastPublish {
    volatile Object context;
  }
}
