package dev.fabric.netlink;

/** What the protocol handler needs to know of the requesting socket. */
public interface NlSock {
  int portid();

  String netns();

  boolean capAck();

  boolean extAck();

  /** nlk->max_recvmsg_len: the largest buffer the socket has read with (sizes dump datagrams). */
  int maxRecvLen();

  /** The emulated namespace a descriptor of the program stands for, or null. */
  default String netnsOfFd(int fd) {
    return null;
  }
}
