package dev.fabric.devlink.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.fabric.devlink.Wire;

/**
 * Where a reload moves the instance, as the host resolved the name or pid the request gave
 * (devlink_netns_get): the op keeps what the user typed, the registry sends this beside it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "target")
@JsonSubTypes({@JsonSubTypes.Type(value = NetnsTarget.Stay.class, name = "stay"),
    @JsonSubTypes.Type(value = NetnsTarget.Known.class, name = "known"),
    @JsonSubTypes.Type(value = NetnsTarget.Unknown.class, name = "unknown")})
public sealed interface NetnsTarget extends Wire {

  /** The request named no namespace. */
  record Stay() implements NetnsTarget {}

  /** An existing namespace, by name (a pid resolved to its namespace). */
  record Known(String netns) implements NetnsTarget {}

  /** The request named a namespace or pid the host does not have. */
  record Unknown(String given) implements NetnsTarget {}

  Stay STAY = new Stay();
}
