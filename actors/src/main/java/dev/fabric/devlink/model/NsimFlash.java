package dev.fabric.devlink.model;

/** netdevsim's flash geometry: 500 chunks of 1000 bytes, "Flash select" timeout of 81 s. */
public final class NsimFlash {
  private NsimFlash() {}

  public static final int CHUNKS = 500;
  public static final long CHUNK_BYTES = 1000;
  public static final long SIZE = CHUNKS * CHUNK_BYTES;
  public static final long SELECT_TIMEOUT_S = 81;
}
