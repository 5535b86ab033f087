package dev.fabric.devlink.model;

import java.util.List;

/** The reply to RESOURCE_DUMP: the top-level resources of one instance, in registration order. */
public record ResourceDump(DevHandle dev, List<ResourceSnapshot> resources) implements ReplyValue {

  public ResourceDump {
    resources = List.copyOf(resources);
  }

  /** iproute2's ctx->pending_change: some node anywhere has size != size_new. */
  public boolean pendingChange() {
    return anyPending(resources);
  }

  private static boolean anyPending(List<ResourceSnapshot> list) {
    for (ResourceSnapshot r : list) {
      if (r.pending() || anyPending(r.children())) {
        return true;
      }
    }
    return false;
  }

  /** The node with this id, or null (what the CLI needs to print `path`s or resolve them). */
  public ResourceSnapshot find(long id) {
    return find(resources, id);
  }

  private static ResourceSnapshot find(List<ResourceSnapshot> list, long id) {
    for (ResourceSnapshot r : list) {
      if (r.id() == id) {
        return r;
      }
      ResourceSnapshot c = find(r.children(), id);
      if (c != null) {
        return c;
      }
    }
    return null;
  }
}
