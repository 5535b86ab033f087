package dev.fabric.devlink.model;

/** The reply value of a request the kernel answers with a bare ack (no message, only NLMSG_ERROR 0). */
public record Ack() implements ReplyValue {
  public static final Ack ACK = new Ack();
}
